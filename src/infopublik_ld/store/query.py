"""Run one public SPARQL query on a read-only version: dataset restriction, bound variables,
a row cap, serialisation. Called inside the web layer's query worker processes.

SELECT solutions are serialised here (JSON, XML, CSV, TSV) rather than by Oxigraph, because a
capped answer must still be a complete, valid results document; ASK and graphs use Oxigraph's
serialisers.

>>> import pyoxigraph as ox
>>> s = ox.Store()
>>> s.add(ox.Quad(ox.NamedNode("http://e/a"), ox.NamedNode("http://e/p"), ox.Literal("x"),
...               ox.NamedNode("http://e/g")))
>>> out = run_query(s, "SELECT ?o { ?s ?p ?o }", results_format="csv", union=True)
>>> out.body, out.truncated
(b'o\\r\\nx\\r\\n', None)
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

from ..errors import QueryError
from .oxigraph import _term

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANGSTRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"

_RESULTS = {"json": ox.QueryResultsFormat.JSON, "xml": ox.QueryResultsFormat.XML,
            "csv": ox.QueryResultsFormat.CSV, "tsv": ox.QueryResultsFormat.TSV}
_GRAPHS = {"turtle": ox.RdfFormat.TURTLE, "ntriples": ox.RdfFormat.N_TRIPLES,
           "jsonld": ox.RdfFormat.JSON_LD, "rdfxml": ox.RdfFormat.RDF_XML}
_POSITION = re.compile(r"(\d+):(\d+)")


@dataclass
class QueryOutput:
    """A serialised answer: ``kind`` is ``solutions``, ``boolean`` or ``graph``."""

    kind: str
    format: str
    body: bytes
    #: the row cap when it cut the answer, else ``None``
    truncated: int | None = None
    rows: int = 0


_FORMS = {"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"}


def _expected(text: str) -> list[str]:
    """The alternatives Oxigraph names after "expected" (quoted tokens and keywords)."""
    tail = text.split("expected", 1)[1] if "expected" in text else ""
    tail = tail.removeprefix(" one of").strip()
    found = [m.group(1) or m.group(2) for m in
             re.finditer(r'"((?:\\.|[^"\\])+)"|\b([A-Z][A-Z_]{1,})\b', tail)]
    return [f.replace('\\"', '"').replace("\\\\", "\\") for f in found]


def syntax_hint(text: str, query: str | None = None) -> tuple[str, str]:
    """Plain-words (English, Indonesian) advice for Oxigraph's syntax error ``text``."""
    pos = _POSITION.search(text)
    line, col = (int(pos.group(1)), int(pos.group(2))) if pos else (0, 0)
    wanted = _expected(text)
    at_end = query is not None and pos is not None and \
        (line, col) >= (query.count("\n") + 1, len(query.rsplit("\n", 1)[-1]))
    if "Prefix not found" in text:
        return ("a prefix before ':' is not declared: add PREFIX name: <IRI> above the query "
                "(schema:, gpr:, rdfs:, xsd:, prov:, dct:, skos: and org: are declared "
                "already)", "awalan sebelum ':' belum dideklarasikan: tambahkan PREFIX nama: "
                "<IRI> di atas kueri (schema:, gpr:, rdfs:, xsd:, prov:, dct:, skos: dan org: "
                "sudah dideklarasikan)")
    if wanted and set(wanted) <= _FORMS | {"BASE", "PREFIX"}:
        return ("the query must start with SELECT, ASK, CONSTRUCT or DESCRIBE (after any "
                "PREFIX lines); check the spelling of the first word",
                "kueri harus diawali SELECT, ASK, CONSTRUCT atau DESCRIBE (setelah baris "
                "PREFIX, bila ada); periksa ejaan kata pertama")
    if '"' in wanted and "\\u" in wanted:
        return ("a text in quotes is not closed: add the closing quote",
                "teks dalam tanda kutip belum ditutup: tambahkan tanda kutip penutup")
    if "}" in wanted and at_end:
        return ("the query ends too early: a closing } is missing",
                "kueri berakhir terlalu cepat: kurang kurung kurawal penutup }")
    if query is not None and pos is not None:
        lines = query.split("\n")
        before = lines[line - 1][:col - 1].rstrip() if 0 < line <= len(lines) else ""
        if before.endswith("}") and "}" not in wanted:
            return ("the pattern before this } is incomplete: each triple needs a subject, a "
                    "predicate and an object", "pola sebelum } ini belum lengkap: setiap tripel "
                    "perlu subjek, predikat dan objek")
    if "0'..='9'" in text or "'0'..='9'" in text:
        words = [w for w in wanted if w not in _FORMS]
        return (f"a number is expected here{' (or ' + ', '.join(words) + ')' if words else ''}",
                f"di sini seharusnya angka{' (atau ' + ', '.join(words) + ')' if words else ''}")
    if wanted:
        shown = ", ".join(w for w in wanted if w not in ("{|", "~"))
        return (f"at this point SPARQL expects one of: {shown}",
                f"pada titik ini SPARQL mengharapkan salah satu dari: {shown}")
    return ("check the query near this point", "periksa kueri di sekitar titik ini")


def syntax_error(exc: SyntaxError, query: str | None = None) -> QueryError:
    """Oxigraph's syntax error as a :class:`QueryError` whose ``where`` is ``line:column``,
    in plain words in both languages (with the query, a missing end is recognised)."""
    text = str(exc)
    pos = _POSITION.search(text)
    hint_en, hint_id = syntax_hint(text, query)
    if pos:
        return QueryError(f"SPARQL syntax error at line {pos.group(1)}, column {pos.group(2)}: "
                          f"{hint_en}", f"galat sintaks SPARQL pada baris {pos.group(1)}, "
                          f"kolom {pos.group(2)}: {hint_id}",
                          where=f"{pos.group(1)}:{pos.group(2)}")
    return QueryError(f"SPARQL syntax error: {hint_en}", f"galat sintaks SPARQL: {hint_id}",
                      where="query")


def run_query(store: ox.Store, query: str, *, results_format: str = "json",
              graph_format: str = "turtle", union: bool = False,
              default_graph: list[str] | None = None, named_graphs: list[str] | None = None,
              substitutions: dict | None = None, row_cap: int = 10_000,
              prefixes: dict[str, str] | None = None) -> QueryOutput:
    """Run ``query`` and serialise at most ``row_cap`` rows (or triples).

    ``union``: the default graph is the union of the named graphs; ``default_graph`` /
    ``named_graphs``: explicit graph IRIs instead. ``substitutions`` binds variables (name →
    IRI string or rdflib term) without touching the query text. Raises :class:`QueryError`
    on a syntax error, ``OSError`` when the store cannot be read.
    """
    kwargs: dict = {}
    if default_graph is not None:
        kwargs["default_graph"] = [ox.NamedNode(g) for g in default_graph]
    elif union:
        kwargs["use_default_graph_as_union"] = True
    if named_graphs is not None:
        kwargs["named_graphs"] = [ox.NamedNode(g) for g in named_graphs]
    if substitutions:
        kwargs["substitutions"] = {ox.Variable(k.lstrip("?$")): _term(v)
                                   for k, v in substitutions.items()}
    try:
        results = store.query(query, **kwargs)
    except SyntaxError as exc:
        raise syntax_error(exc, query) from None
    if isinstance(results, ox.QueryBoolean):
        return QueryOutput("boolean", results_format,
                           results.serialize(format=_RESULTS[results_format]), rows=1)
    if isinstance(results, ox.QueryTriples):
        triples = _take(results, row_cap)
        cut = row_cap if len(triples) > row_cap else None
        body = ox.serialize(triples[:row_cap], format=_GRAPHS[graph_format],
                            **({"prefixes": prefixes} if prefixes and graph_format in (
                                "turtle", "rdfxml") else {}))
        return QueryOutput("graph", graph_format, body or b"", cut, min(len(triples), row_cap))
    names = [v.value for v in results.variables]
    rows = _take(results, row_cap)
    cut = row_cap if len(rows) > row_cap else None
    rows = rows[:row_cap]
    body = SERIALISERS[results_format](names, rows)
    return QueryOutput("solutions", results_format, body, cut, len(rows))


def _take(results, cap: int) -> list:
    out = []
    for item in results:
        out.append(item)
        if len(out) > cap:
            break
    return out


# --- SELECT serialisers ------------------------------------------------------------------
def _json_term(t) -> dict:
    if isinstance(t, ox.NamedNode):
        return {"type": "uri", "value": t.value}
    if isinstance(t, ox.BlankNode):
        return {"type": "bnode", "value": t.value}
    if isinstance(t, ox.Literal):
        out = {"type": "literal", "value": t.value}
        if t.language:
            out["xml:lang"] = t.language
        elif t.datatype.value != XSD_STRING:
            out["datatype"] = t.datatype.value
        return out
    return {"type": "triple", "value": {"subject": _json_term(t.subject),
                                        "predicate": _json_term(t.predicate),
                                        "object": _json_term(t.object)}}


#: a JSON string literal for a str, as json.dumps(ensure_ascii=False) writes it (C)
_json_str = json.encoder.encode_basestring


def _json_text(t) -> str:
    """``t`` as SPARQL JSON text, exactly as ``json.dumps(_json_term(t))`` with the
    separators of :func:`to_json` writes it (built directly: a third of the time)."""
    kind = type(t)
    if kind is ox.NamedNode:
        return '{"type":"uri","value":' + _json_str(t.value) + "}"
    if kind is ox.Literal:
        language = t.language
        if language:
            return ('{"type":"literal","value":' + _json_str(t.value) + ',"xml:lang":'
                    + _json_str(language) + "}")
        datatype = t.datatype.value
        if datatype != XSD_STRING:
            return ('{"type":"literal","value":' + _json_str(t.value) + ',"datatype":'
                    + _json_str(datatype) + "}")
        return '{"type":"literal","value":' + _json_str(t.value) + "}"
    if kind is ox.BlankNode:
        return '{"type":"bnode","value":' + _json_str(t.value) + "}"
    return json.dumps(_json_term(t), ensure_ascii=False, separators=(",", ":"))


def to_json(names: list[str], rows: list) -> bytes:
    """SPARQL 1.1 Query Results JSON."""
    keys = [_json_str(n) + ":" for n in names]
    bindings = ",".join("{" + ",".join(k + _json_text(t) for k, t in zip(keys, row,
                                                                      strict=True)
                                        if t is not None) + "}" for row in rows)
    return ('{"head":{"vars":[' + ",".join(_json_str(n) for n in names)
            + ']},"results":{"bindings":[' + bindings + "]}}").encode("utf-8")


def _to_json_reference(names: list[str], rows: list) -> bytes:
    """:func:`to_json` the plain way (tests check that the two agree)."""
    bindings = [{n: _json_term(t) for n, t in zip(names, row, strict=True) if t is not None}
                for row in rows]
    return json.dumps({"head": {"vars": names}, "results": {"bindings": bindings}},
                      ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _xml_term(t) -> str:
    if isinstance(t, ox.NamedNode):
        return f"<uri>{escape(t.value)}</uri>"
    if isinstance(t, ox.BlankNode):
        return f"<bnode>{escape(t.value)}</bnode>"
    if isinstance(t, ox.Literal):
        if t.language:
            return f"<literal xml:lang={quoteattr(t.language)}>{escape(t.value)}</literal>"
        if t.datatype.value != XSD_STRING:
            return f"<literal datatype={quoteattr(t.datatype.value)}>{escape(t.value)}</literal>"
        return f"<literal>{escape(t.value)}</literal>"
    return f"<literal>{escape(str(t))}</literal>"


def to_xml(names: list[str], rows: list) -> bytes:
    """SPARQL Query Results XML."""
    out = ['<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">'
           "<head>", *(f"<variable name={quoteattr(n)}/>" for n in names), "</head><results>"]
    for row in rows:
        out.append("<result>")
        out.extend(f"<binding name={quoteattr(n)}>{_xml_term(t)}</binding>"
                   for n, t in zip(names, row, strict=True) if t is not None)
        out.append("</result>")
    out.append("</results></sparql>\n")
    return "".join(out).encode("utf-8")


def _csv_value(t) -> str:
    if t is None:
        return ""
    if isinstance(t, ox.BlankNode):
        return f"_:{t.value}"
    return t.value if isinstance(t, ox.NamedNode | ox.Literal) else str(t)


def to_csv(names: list[str], rows: list) -> bytes:
    """SPARQL 1.1 Query Results CSV (lexical values, CRLF)."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(names)
    w.writerows([_csv_value(t) for t in row] for row in rows)
    return buf.getvalue().encode("utf-8")


def to_tsv(names: list[str], rows: list) -> bytes:
    """SPARQL 1.1 Query Results TSV (terms in Turtle/N-Triples syntax)."""
    lines = ["\t".join(f"?{n}" for n in names)]
    lines.extend("\t".join("" if t is None else str(t) for t in row) for row in rows)
    return ("\n".join(lines) + "\n").encode("utf-8")


SERIALISERS = {"json": to_json, "xml": to_xml, "csv": to_csv, "tsv": to_tsv}
