"""What one release counts towards: its facets.

A release (named graph ``g``, main resource ``s`` with ``g gpr:describes s``) counts once
towards each of:

=============  ==================================================================================
``month``      ``YYYY-MM`` of ``s schema:datePublished``, else of ``s schema:startDate``, else
               of the event's (``s schema:about e``) ``schema:startDate`` (the earliest if several)
``agency``     ``s schema:publisher a``
``region``     the ``schema:AdministrativeArea`` (by ``gpr:kodeWilayah``) where the release was
               written (``s schema:locationCreated``) or its event took place
               (``schema:location``, directly or through a place's ``schema:containedInPlace``),
               rolled up: ``12.23`` also counts for province ``12``
``event-kind`` ``e dct:type c`` of the release's event (``s`` itself when it is an event)
``regulation`` ``s schema:citation r``
``person``     ``q schema:creator p`` of every ``schema:Quotation`` ``q`` in the graph
``organisation`` ``s schema:mentions o`` where ``o`` is not a ``schema:Person``
=============  ==================================================================================

Values are the IRIs the data carries (a region is its code), so the counts follow whatever
identity the data gives people and organisations. The same definitions as SPARQL are
:data:`REFERENCE_QUERIES` (the tests compare the two on a store of several thousand releases).

The facets of a release are kept as one string (one ``dimension<TAB>value<TAB>label`` line
each): cheap to carry from the workers, store in the registry and read back.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..vocab import DCTERMS, GPR, RDF, RDFS, SCHEMA

_MONTH = re.compile(r"^\d{4}-\d{2}")
_WANTED = {str(p) for p in (GPR.describes, RDF.type, SCHEMA.datePublished, SCHEMA.startDate,
                            SCHEMA.publisher, SCHEMA.name, SCHEMA.locationCreated,
                            SCHEMA.location, SCHEMA.containedInPlace, GPR.kodeWilayah,
                            SCHEMA.about, DCTERMS.type, SCHEMA.citation,
                            SCHEMA.legislationIdentifier, SCHEMA.creator, SCHEMA.mentions,
                            RDFS.label)}
#: predicates :func:`facets_of` reads
PREDICATES = tuple(sorted(_WANTED))
_T, _NAME, _LEGID = str(RDF.type), str(SCHEMA.name), str(SCHEMA.legislationIdentifier)
_EVENT, _AREA, _QUOTE, _PERSON = (str(SCHEMA.Event), str(SCHEMA.AdministrativeArea),
                                  str(SCHEMA.Quotation), str(SCHEMA.Person))


def region_ancestors(code: str) -> list[str]:
    """``code`` and every region above it, by the Kemendagri code's segments.

    >>> region_ancestors("12.23.01")
    ['12', '12.23', '12.23.01']
    """
    parts = code.split(".")
    return [".".join(parts[:i]) for i in range(1, len(parts) + 1)]


def _clean(text: str) -> str:
    return " ".join(str(text).split())[:200]


def facets_of(graph: str, triples: Iterable[tuple]) -> str:
    """The facets of the release in ``graph`` from its ``triples`` (rdflib terms or plain
    strings: only their lexical forms are read); "" when it has none.

    >>> from rdflib import URIRef, Literal
    >>> g, a = URIRef("http://x/g"), URIRef("http://x/a")
    >>> facets_of(g, [(g, GPR.describes, a), (a, SCHEMA.datePublished, Literal("2019-09-12"))])
    'month\\t2019-09\\t'
    """
    by: dict[tuple[str, str], list[str]] = {}
    for s, p, o in triples:
        p = str(p)
        if p in _WANTED:
            by.setdefault((str(s), p), []).append(str(o))

    def objs(s: str, p) -> list[str]:
        return by.get((s, str(p)), [])

    def name(x: str) -> str:
        found = objs(x, SCHEMA.name) or objs(x, RDFS.label)
        return _clean(min(found)) if found else ""

    out: dict[tuple[str, str], str] = {}
    for s in objs(str(graph), GPR.describes):
        types = objs(s, RDF.type)
        events = ([s] if _EVENT in types else []) + objs(s, SCHEMA.about)
        dates = [d for d in objs(s, SCHEMA.datePublished) if _MONTH.match(d)] or \
            [d for d in objs(s, SCHEMA.startDate) if _MONTH.match(d)] or \
            [d for e in events for d in objs(e, SCHEMA.startDate) if _MONTH.match(d)]
        if dates:
            out["month", min(dates)[:7]] = ""
        for a in objs(s, SCHEMA.publisher):
            out["agency", a] = name(a)
        places = objs(s, SCHEMA.locationCreated) + [p for e in events
                                                    for p in objs(e, SCHEMA.location)]
        for place in places:
            for area in [place] + objs(place, SCHEMA.containedInPlace):
                if _AREA in objs(area, RDF.type):
                    for code in objs(area, GPR.kodeWilayah):
                        for c in region_ancestors(code):
                            out["region", c] = ""
        for e in events:
            for c in objs(e, DCTERMS.type):
                out["event-kind", c] = c.rstrip("/").rsplit("/", 1)[-1]
        for r in objs(s, SCHEMA.citation):
            ident = objs(r, _LEGID) or objs(r, SCHEMA.name)
            out["regulation", r] = _clean(min(ident)) if ident else ""
        for o in objs(s, SCHEMA.mentions):
            if _PERSON not in objs(o, RDF.type):
                out["organisation", o] = name(o)
        for (q, p), types in by.items():
            if p == _T and _QUOTE in types:
                for person in objs(q, SCHEMA.creator):
                    out["person", person] = name(person)
    return "\n".join(f"{d}\t{v}\t{label}" for (d, v), label in sorted(out.items()))


def parse(text: str) -> list[tuple[str, str, str]]:
    """(dimension, value, label) of each line of a facets string.

    >>> parse("month\\t2019-09\\t\\nagency\\thttp://x/a\\tDinas")
    [('month', '2019-09', ''), ('agency', 'http://x/a', 'Dinas')]
    """
    out = []
    for line in text.split("\n"):
        if line:
            d, v, label = (line.split("\t") + ["", ""])[:3]
            out.append((d, v, label))
    return out


_G = "GRAPH ?g { ?g gpr:describes ?s ."
_M = 'FILTER(REGEX(STR(?y), "^[0-9]{4}-[0-9]{2}"))'
#: each dimension's counts as a SPARQL GROUP BY over the release graphs (the reference the
#: tests hold the kept counts against; rows ``?v ?n``)
REFERENCE_QUERIES = {
    "month": f"""SELECT ?v (COUNT(DISTINCT ?g) AS ?n) WHERE {{ {{
      SELECT ?g (MIN(?d) AS ?date) WHERE {{ {_G}
        {{ ?s schema:datePublished ?x }}
        UNION {{ FILTER NOT EXISTS {{ ?s schema:datePublished ?y {_M} }}
                 ?s schema:startDate ?x }}
        UNION {{ FILTER NOT EXISTS {{ ?s schema:datePublished|schema:startDate ?y {_M} }}
                 ?s schema:about/schema:startDate ?x }}
        BIND(STR(?x) AS ?d) FILTER(REGEX(?d, "^[0-9]{{4}}-[0-9]{{2}}")) }} }} GROUP BY ?g }}
      BIND(SUBSTR(?date, 1, 7) AS ?v) }} GROUP BY ?v""",
    "agency": f"""SELECT ?v (COUNT(DISTINCT ?g) AS ?n) WHERE {{ {_G}
      ?s schema:publisher ?v }} }} GROUP BY ?v""",
    "region": f"""SELECT ?v (COUNT(DISTINCT ?g) AS ?n) WHERE {{ {_G}
      {{ ?s schema:locationCreated ?place }} UNION {{ ?s a schema:Event ; schema:location ?place }}
      UNION {{ ?s schema:about/schema:location ?place }}
      ?place schema:containedInPlace? ?area .
      ?area a schema:AdministrativeArea ; gpr:kodeWilayah ?code }}
      VALUES ?level {{ "^([^.]+).*$" "^([^.]+[.][^.]+).*$" "^([^.]+[.][^.]+[.][^.]+).*$" "^(.+)$" }}
      BIND(REPLACE(STR(?code), ?level, "$1") AS ?v) }} GROUP BY ?v""",
    "event-kind": f"""SELECT ?v (COUNT(DISTINCT ?g) AS ?n) WHERE {{ {_G}
      {{ ?s a schema:Event ; dct:type ?v }} UNION {{ ?s schema:about/dct:type ?v }} }} }}
      GROUP BY ?v""",
    "regulation": f"""SELECT ?v (COUNT(DISTINCT ?g) AS ?n) WHERE {{ {_G}
      ?s schema:citation ?v }} }} GROUP BY ?v""",
    "person": """SELECT ?v (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g {
      ?g gpr:describes ?s . ?q a schema:Quotation ; schema:creator ?v } } GROUP BY ?v""",
    "organisation": f"""SELECT ?v (COUNT(DISTINCT ?g) AS ?n) WHERE {{ {_G}
      ?s schema:mentions ?v FILTER NOT EXISTS {{ ?v a schema:Person }} }} }} GROUP BY ?v""",
}
