"""Parse RDF input files (releases that already follow the contract) with Oxigraph's parsers.

The format comes from the suffix, never from the content; syntax errors name line and
column; JSON-LD remote contexts and XML entity declarations are refused before parsing, and
nothing is ever fetched. Returns rdflib terms, so validation and mapping code stay
backend-free.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef

from ..errors import InputError, RdfSyntaxError

FORMATS = {".ttl": ox.RdfFormat.TURTLE, ".nt": ox.RdfFormat.N_TRIPLES,
           ".nq": ox.RdfFormat.N_QUADS, ".trig": ox.RdfFormat.TRIG,
           ".rdf": ox.RdfFormat.RDF_XML, ".owl": ox.RdfFormat.RDF_XML,
           ".jsonld": ox.RdfFormat.JSON_LD}
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


def _rdflib(term):
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        dt = term.datatype.value
        if term.language:
            return Literal(term.value, lang=term.language)
        return Literal(term.value, datatype=None if dt in (_XSD_STRING, _LANG_STRING) else dt)
    return None  # default graph


def _remote_contexts(value) -> list[str]:
    found: list[str] = []
    if isinstance(value, dict):
        for k, v in value.items():
            if k in ("@context", "@import"):
                items = v if isinstance(v, list) else [v]
                found += [i for i in items if isinstance(i, str)]
            found += _remote_contexts(v)
    elif isinstance(value, list):
        for v in value:
            found += _remote_contexts(v)
    return found


def _refuse_unsafe(path: Path, data: bytes, fmt: ox.RdfFormat) -> None:
    if fmt == ox.RdfFormat.JSON_LD:
        try:
            doc = json.loads(data)
        except ValueError as exc:
            raise RdfSyntaxError(f"{path}: not JSON-LD: {exc}", f"{path}: bukan JSON-LD: {exc}") \
                from None
        remote = _remote_contexts(doc)
        if remote:
            raise InputError(
                f"{path}: JSON-LD remote context {remote[0]!r} refused: nothing is fetched; "
                "inline the context in the file",
                f"{path}: konteks JSON-LD jarak jauh {remote[0]!r} ditolak: tidak ada yang "
                "diunduh; sertakan konteks di dalam berkas")
    if fmt == ox.RdfFormat.RDF_XML and re.search(rb"<!(ENTITY|DOCTYPE)", data):
        raise InputError(f"{path}: XML entity/DOCTYPE declarations are refused",
                         f"{path}: deklarasi entitas/DOCTYPE XML ditolak")


def parse_rdf(path: Path, data: bytes) -> list[tuple]:
    """Parse ``data`` (the bytes of ``path``) as the format its suffix names.

    Returns quads ``(s, p, o, g)`` as rdflib terms (``g`` is ``None`` for the default graph).
    Raises :class:`RdfSyntaxError` with ``where = "line:column"``, or :class:`InputError`.
    """
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise InputError(f"{path}: not an RDF suffix; expected one of {sorted(FORMATS)}",
                         f"{path}: bukan akhiran RDF; seharusnya salah satu dari {sorted(FORMATS)}")
    _refuse_unsafe(path, data, fmt)
    try:
        quads = list(ox.parse(data, format=fmt))
    except SyntaxError as exc:
        line, col = (exc.args[1][1], exc.args[1][2]) if len(exc.args) > 1 and exc.args[1] \
            else (getattr(exc, "lineno", None), getattr(exc, "offset", None))
        msg = str(exc.args[0]) if exc.args else str(exc)
        raise RdfSyntaxError(
            f"{path}:{line}:{col}: not valid {fmt.name}: {msg}",
            f"{path}:{line}:{col}: {fmt.name} tidak sah: {msg}", where=f"{line}:{col}") from None
    except ValueError as exc:
        raise RdfSyntaxError(f"{path}: not valid {fmt.name}: {exc}",
                             f"{path}: {fmt.name} tidak sah: {exc}") from None
    return [(_rdflib(q.subject), _rdflib(q.predicate), _rdflib(q.object),
             _rdflib(q.graph_name)) for q in quads]
