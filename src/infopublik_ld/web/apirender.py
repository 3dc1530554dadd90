"""Rendering of query API results: JSON (default), CSV, Turtle; and choosing among them.

Rows arrive as SPARQL JSON result bindings (``{"type": "uri", "value": ...}``), the neutral form
of :mod:`infopublik_ld.store.bound`. Turtle is the page of rows described with the W3C result
set vocabulary (``rs:``), the same vocabulary the SPARQL test suites use for result tables.

>>> json_value({"type": "literal", "value": "3",
...             "datatype": "http://www.w3.org/2001/XMLSchema#integer"})
3
>>> FORMATS["csv"].media_type
'text/csv'
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from urllib.parse import quote

from flask import Request
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF, XSD
from werkzeug.exceptions import NotAcceptable

from ..errors import QueryError

RS = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/result-set#")
_INTEGERS = {str(XSD[t]) for t in ("integer", "int", "long", "short", "byte",
                                   "nonNegativeInteger", "positiveInteger", "unsignedInt")}
_NUMBERS = {str(XSD.decimal), str(XSD.double), str(XSD.float)}
_IRI_SAFE = ":/?#[]@!$&'()*+,;=%-._~"


@dataclass(frozen=True)
class Format:
    """One output format: its ``format=`` name, media type and file suffix."""

    name: str
    media_type: str
    suffix: str


#: ``format=`` value → format; ``Accept`` is matched against the media types in this order
FORMATS = {
    "json": Format("json", "application/json", "json"),
    "csv": Format("csv", "text/csv", "csv"),
    "turtle": Format("turtle", "text/turtle", "ttl"),
}
ALIASES = {"ttl": "turtle"}


def negotiate(request: Request) -> Format:
    """The format asked for by ``format=`` or else ``Accept`` (JSON when anything goes).

    Raises :class:`QueryError` for an unknown ``format=`` value, ``NotAcceptable`` (406) when
    ``Accept`` admits none of the formats.
    """
    name = request.args.get("format")
    if name is not None:  # "format=" (empty) is not a format either
        name = ALIASES.get(name, name)
        if name not in FORMATS:
            raise QueryError(f"format {name[:20]!r} is not one of json, csv, turtle",
                             f"format {name[:20]!r} bukan salah satu dari json, csv, turtle",
                             where="format")
        return FORMATS[name]
    if not request.headers.get("Accept"):
        return FORMATS["json"]
    offered = [f.media_type for f in FORMATS.values()]
    best = request.accept_mimetypes.best_match(offered)
    if best is None:
        raise NotAcceptable("none of application/json, text/csv, text/turtle is acceptable "
                            "(Accept header); or pass format=json|csv|turtle")
    return next(f for f in FORMATS.values() if f.media_type == best)


def json_value(binding: dict) -> str | int | float:
    """A binding as a JSON value: numbers for numeric literals, the lexical form otherwise."""
    datatype = binding.get("datatype")
    try:
        if datatype in _INTEGERS:
            return int(binding["value"])
        if datatype in _NUMBERS:
            return float(binding["value"])
    except ValueError:
        pass
    return binding["value"]


def items(columns: list[str], rows: list[dict]) -> list[dict]:
    """Rows as JSON objects with the columns in order (unbound columns left out)."""
    return [{c: json_value(row[c]) for c in columns if c in row} for row in rows]


def to_csv(columns: list[str], rows: list[dict]) -> str:
    """Rows as CSV (RFC 4180) with a header line of column names."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([row[c]["value"] if c in row else "" for c in columns])
    return out.getvalue()


def rdf_term(binding: dict) -> URIRef | Literal | BNode:
    """A binding as an rdflib term."""
    if binding["type"] == "uri":
        return URIRef(binding["value"])
    if binding["type"] == "bnode":
        return BNode(binding["value"])
    if binding.get("xml:lang"):
        return Literal(binding["value"], lang=binding["xml:lang"])
    datatype = binding.get("datatype")
    return Literal(binding["value"], datatype=URIRef(datatype) if datatype else None)


def to_turtle(columns: list[str], rows: list[dict], page_iri: str, offset: int) -> str:
    """Rows as Turtle: an ``rs:ResultSet`` (IRI ``page_iri``) with one ``rs:solution`` a row."""
    graph = Graph(bind_namespaces="none")
    graph.bind("rs", RS)
    graph.bind("xsd", XSD)
    # the request URL may hold characters an IRI cannot (a backslash in a parameter)
    result = URIRef(quote(page_iri, safe=_IRI_SAFE))
    graph.add((result, RDF.type, RS.ResultSet))
    for column in columns:
        graph.add((result, RS.resultVariable, Literal(column)))
    for index, row in enumerate(rows, offset + 1):
        solution = BNode()
        graph.add((result, RS.solution, solution))
        graph.add((solution, RS["index"], Literal(index)))
        for column in columns:
            if column in row:
                cell = BNode()
                graph.add((solution, RS.binding, cell))
                graph.add((cell, RS.variable, Literal(column)))
                graph.add((cell, RS.value, rdf_term(row[column])))
    return graph.serialize(format="turtle")
