"""The one table of RDF and result formats: name ↔ media type ↔ file suffix ↔ rdflib name.

>>> by_suffix(".ttl").media_type
'text/turtle'
>>> by_name("nquads").graphs
True
>>> result_format("text/csv").name
'csv'
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Format:
    """One serialisation."""

    name: str
    media_type: str
    suffix: str
    rdflib: str
    #: True when the format carries named graphs (quads)
    graphs: bool = False
    #: other media types accepted for it
    aliases: tuple[str, ...] = ()


RDF_FORMATS: tuple[Format, ...] = (
    Format("turtle", "text/turtle", ".ttl", "turtle", aliases=("application/x-turtle",)),
    Format("ntriples", "application/n-triples", ".nt", "nt", aliases=("text/plain",)),
    Format("nquads", "application/n-quads", ".nq", "nquads", graphs=True),
    Format("trig", "application/trig", ".trig", "trig", graphs=True),
    Format("jsonld", "application/ld+json", ".jsonld", "json-ld", graphs=True,
           aliases=("application/json",)),
    Format("rdfxml", "application/rdf+xml", ".rdf", "xml", aliases=("application/xml",)),
)

_BY_NAME = {f.name: f for f in RDF_FORMATS}
_BY_SUFFIX = {f.suffix: f for f in RDF_FORMATS} | {".owl": _BY_NAME["rdfxml"],
                                                   ".n3": _BY_NAME["turtle"]}


def by_name(name: str) -> Format:
    """The format called ``name``; ``KeyError`` if unknown."""
    return _BY_NAME[name]


def rdf_suffixes() -> list[str]:
    """Every file suffix read as RDF (``.ttl``, ``.nq``, …), sorted."""
    return sorted(_BY_SUFFIX)


def by_suffix(suffix: str) -> Format | None:
    """The format of a file suffix (``.ttl``), or ``None``."""
    return _BY_SUFFIX.get(suffix.lower())


def by_media_type(media_type: str) -> Format | None:
    """The format of a media type (parameters ignored), or ``None``."""
    mt = media_type.split(";")[0].strip().lower()
    for f in RDF_FORMATS:
        if mt == f.media_type or mt in f.aliases:
            return f
    return None


#: SPARQL result formats (SELECT/ASK); ``rdflib`` holds the pyoxigraph QueryResultsFormat name
RESULT_FORMATS: tuple[Format, ...] = (
    Format("json", "application/sparql-results+json", ".srj", "JSON",
           aliases=("application/json",)),
    Format("xml", "application/sparql-results+xml", ".srx", "XML",
           aliases=("application/xml", "text/xml")),
    Format("csv", "text/csv", ".csv", "CSV"),
    Format("tsv", "text/tab-separated-values", ".tsv", "TSV"),
)

#: graph formats a CONSTRUCT/DESCRIBE answer may take on ``/sparql``
GRAPH_RESULT_FORMATS: tuple[Format, ...] = tuple(
    f for f in RDF_FORMATS if f.name in ("turtle", "ntriples", "jsonld", "rdfxml"))

_RESULT_BY_NAME = {f.name: f for f in RESULT_FORMATS}


def result_format(key: str) -> Format | None:
    """A SPARQL results format by name (``csv``) or media type (``text/csv``), or ``None``."""
    if key in _RESULT_BY_NAME:
        return _RESULT_BY_NAME[key]
    mt = key.split(";")[0].strip().lower()
    for f in RESULT_FORMATS:
        if mt == f.media_type or mt in f.aliases:
            return f
    return None
