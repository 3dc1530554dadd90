"""Content negotiation for documents that exist as HTML and as RDF.

The format table is :mod:`infopublik_ld.formats`; a suffix (``.ttl``) or ``?format=`` wins
over ``Accept``; nothing acceptable is a 406.
"""

from __future__ import annotations

from flask import Response, request
from rdflib import Graph
from werkzeug.exceptions import NotAcceptable

from ..formats import Format, by_name, by_suffix

#: RDF forms offered for a description (triples)
DOC_FORMATS = ("turtle", "jsonld", "ntriples", "rdfxml")
#: suffixes a document URL may end with
SUFFIXES = {".html": "html"} | {by_name(n).suffix: n for n in DOC_FORMATS}


def split_suffix(path: str) -> tuple[str, str | None]:
    """``('article/x', 'turtle')`` for ``article/x.ttl``; no known suffix → ``(path, None)``."""
    for suffix, name in SUFFIXES.items():
        if path.endswith(suffix) and len(path) > len(suffix):
            return path[: -len(suffix)], name
    return path, None


def negotiate(names: tuple[str, ...] = DOC_FORMATS, *, html: bool = True,
              forced: str | None = None) -> str:
    """The format name to answer with: ``forced`` (suffix), ``?format=``, else ``Accept``.

    Returns ``"html"`` or a name of :data:`RDF_FORMATS`; raises 406 when nothing fits.
    """
    choice = forced or request.args.get("format")
    if choice:
        fmt = by_suffix("." + choice) if "." + choice in SUFFIXES else None
        name = "html" if choice == "html" else (fmt.name if fmt else choice)
        if name in names or (html and name == "html"):
            return name
        raise NotAcceptable(f"format {choice!r} is not offered here; use one of "
                            f"{', '.join((('html',) if html else ()) + names)}")
    offers: list[tuple[str, str]] = [("text/html", "html")] if html else []
    chosen = [by_name(n) for n in names]
    offers += [(f.media_type, f.name) for f in chosen]
    offers += [(a, f.name) for f in chosen for a in f.aliases]
    if not request.accept_mimetypes:
        return offers[0][1]
    best = request.accept_mimetypes.best_match([mt for mt, _ in offers])
    if best is None:
        raise NotAcceptable("none of the offered formats matches the Accept header: "
                            + ", ".join(mt for mt, _ in offers))
    return dict(offers)[best]


def media_type(name: str) -> str:
    """The media type answered for format ``name``."""
    return "text/html; charset=utf-8" if name == "html" else by_name(name).media_type


def serialize(graph: Graph, name: str) -> bytes:
    """``graph`` in RDF format ``name``."""
    fmt: Format = by_name(name)
    if name == "jsonld":
        return graph.serialize(format="json-ld", auto_compact=True).encode("utf-8")
    return graph.serialize(format=fmt.rdflib, encoding="utf-8")


def alternates(path: str, names: tuple[str, ...] = DOC_FORMATS) -> list[dict]:
    """``[{href, type}]`` of the RDF forms of the document at ``path``."""
    return [{"href": path + by_name(n).suffix, "type": by_name(n).media_type} for n in names]


def link_header(path: str, names: tuple[str, ...] = DOC_FORMATS) -> str:
    """An HTTP ``Link`` header listing the alternates."""
    return ", ".join(f'<{a["href"]}>; rel="alternate"; type="{a["type"]}"'
                     for a in alternates(path, names))


def finish(resp: Response, etag: str, *, vary_language: bool = False) -> Response:
    """Add ``Vary``, the ETag and answer 304 to a matching conditional request."""
    resp.headers["Vary"] = "Accept, Accept-Language" if vary_language else "Accept"
    resp.set_etag(etag)
    return resp.make_conditional(request)
