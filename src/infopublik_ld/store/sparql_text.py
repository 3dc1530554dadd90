"""Query text for a remote engine: the query form, parameters bound as ``VALUES``, Virtuoso's
constant-GRAPH rewrite, and the engine's answers as pyoxigraph terms or another RDF format."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import BinaryIO

from ..errors import QueryError
from .base import lit


def query_form(query: str) -> str:
    """SELECT, ASK, CONSTRUCT or DESCRIBE (the first query-form keyword), else ``""``."""
    from ..web.guard import QUERY_FORMS, tokens  # the tokenizer, not the web app

    for kind, text in tokens(query):
        if kind == "word" and text.upper() in QUERY_FORMS:
            return text.upper()
    return ""


def graph_variables(query: str) -> str:
    """``GRAPH <g> {…}`` as ``VALUES ?_g1 { <g> } GRAPH ?_g1 {…}``: with a dataset pragma,
    Virtuoso 7 answers nothing for a constant GRAPH (seen with 7.2.5) but keeps the VALUES form
    right, so the dataset restriction and named graphs work together.

    >>> graph_variables("ASK { GRAPH <http://e/g> { ?s ?p ?o } }")
    'ASK { VALUES ?_infopublik_g1 { <http://e/g> } GRAPH ?_infopublik_g1 { ?s ?p ?o } }'
    """
    if "graph" not in query.lower():  # most queries: no second pass over the tokens
        return query
    from ..web.guard import _TOKEN

    out, last, n = [], 0, 0
    matches = [m for m in _TOKEN.finditer(query) if m.lastgroup not in ("ws", "comment")]
    for a, b in zip(matches, matches[1:], strict=False):
        if a.lastgroup == "word" and a.group().upper() == "GRAPH" and \
                b.lastgroup in ("iri", "pname"):
            n += 1
            var = f"?_infopublik_g{n}"
            out.append(query[last:a.start()])
            out.append(f"VALUES {var} {{ {b.group()} }} GRAPH {var}")
            last = b.end()
    out.append(query[last:])
    return "".join(out)


def term_text(value) -> str:
    """An IRI string or rdflib term as SPARQL term text, escaped (never raw input)."""
    if hasattr(value, "language") and hasattr(value, "datatype"):  # rdflib Literal
        return lit(str(value), lang=value.language,
                   datatype=str(value.datatype) if value.datatype else None)
    text = str(value)
    if re.search(r"[\x00-\x20<>\"{}|^`\\]", text):
        raise QueryError(f"{text!r} is not an IRI", f"{text!r} bukan IRI", where="parameter")
    return f"<{text}>"


def bind(query: str, substitutions: dict) -> str:
    """``query`` with ``substitutions`` (name → IRI or rdflib term) as a ``VALUES`` block at
    the start of every WHERE group (sub-selects too, as pyoxigraph's substitutions reach
    them): typed and escaped terms, never pasted request text.

    >>> bind("SELECT ?a WHERE { ?a ?p ?o }", {"p": "http://e/p"})
    'SELECT ?a WHERE { VALUES (?p) { (<http://e/p>) } ?a ?p ?o }'
    """
    from ..web.guard import _TOKEN

    names = " ".join("?" + k.lstrip("?$") for k in substitutions)
    values = " ".join(term_text(v) for v in substitutions.values())
    block_ = f" VALUES ({names}) {{ ({values}) }}"
    cuts: list[int] = []
    after_where = False
    first_brace = None
    form = ""
    for m in _TOKEN.finditer(query):
        kind, text = m.lastgroup, m.group()
        if kind in ("ws", "comment"):
            continue
        if kind == "word" and text.upper() in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE") \
                and not form:
            form = text.upper()
        if kind == "punct" and text == "{":
            if after_where:
                cuts.append(m.end())
            elif first_brace is None and form and form != "CONSTRUCT":
                first_brace = m.end()
        after_where = kind == "word" and text.upper() == "WHERE"
    if not cuts and first_brace is not None:
        cuts = [first_brace]
    if not cuts:
        raise QueryError("cannot bind parameters: the query has no WHERE group",
                         "parameter tidak dapat diikat: kueri tidak punya grup WHERE")
    out, last = [], 0
    for c in cuts:
        out += [query[last:c], block_]
        last = c
    return "".join(out) + query[last:]


def normalise_json(body: bytes) -> bytes:
    """SPARQL JSON results with SPARQL 1.0's ``typed-literal`` (Virtuoso) as ``literal``.

    A plain byte replacement: inside a JSON string the quotes would be escaped, so the
    sequence only occurs as a binding's type.

    >>> normalise_json(b'{"x": { "type": "typed-literal", "value": "1" }}')
    b'{"x": { "type": "literal", "value": "1" }}'
    """
    if b'"typed-literal"' not in body:
        return body
    return body.replace(b'"type": "typed-literal"', b'"type": "literal"').replace(
        b'"type":"typed-literal"', b'"type":"literal"')


def ox_terms(doc: dict, cap: int) -> tuple[list[str], list[list]]:
    """Variable names and at most ``cap + 1`` rows of pyoxigraph terms from SPARQL JSON."""
    import pyoxigraph as ox

    names = doc["head"].get("vars", [])
    rows = []
    for b in doc["results"]["bindings"][:cap + 1]:
        row = []
        for n in names:
            cell = b.get(n)
            if cell is None:
                row.append(None)
            elif cell["type"] == "uri":
                row.append(ox.NamedNode(cell["value"]))
            elif cell["type"] == "bnode":
                row.append(ox.BlankNode(re.sub(r"[^A-Za-z0-9]", "_", cell["value"])))
            elif "xml:lang" in cell:
                row.append(ox.Literal(cell["value"], language=cell["xml:lang"]))
            elif cell.get("datatype"):
                row.append(ox.Literal(cell["value"], datatype=ox.NamedNode(cell["datatype"])))
            else:
                row.append(ox.Literal(cell["value"]))
        rows.append(row)
    return names, rows


def parse_triples(body: bytes | BinaryIO) -> Iterator:
    """pyoxigraph triples from N-Triples bytes or a stream."""
    import pyoxigraph as ox

    for q in ox.parse(body, format=ox.RdfFormat.N_TRIPLES):
        yield q.triple if hasattr(q, "triple") else q


def reserialise(body: bytes, media_type: str) -> bytes:
    """N-Triples from the engine as ``media_type`` (an RDF format pyoxigraph writes),
    N-Triples included: written by pyoxigraph, one space between terms, as the embedded store
    writes them (Virtuoso separates them with tabs, and callers match lines as text)."""
    import pyoxigraph as ox

    fmt = ox.RdfFormat.from_media_type(media_type) or ox.RdfFormat.N_TRIPLES
    return ox.serialize(list(parse_triples(body)), format=fmt) or b""
