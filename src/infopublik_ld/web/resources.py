"""Dereferenceable IRIs: ``/id/…`` → 303 → ``/doc/…`` (HTML or RDF), release graphs, ``/def/…``.

Everything is served by path: the subject of ``/doc/{kind}/{key}`` is ``{base}id/{kind}/{key}``
whatever the Host header says, so the same data works behind the agency's reverse proxy and on
127.0.0.1. Regions, regulations and concepts have one global IRI shared by every instance; their
pages live at ``/doc/region/{code}`` and so on. Unknown → 404; retracted → 410 with the
tombstone (when, why).
"""

from __future__ import annotations

import re

from flask import Blueprint, Response, current_app, redirect, render_template, request
from rdflib import Graph, Literal, URIRef
from werkzeug.exceptions import NotFound as HttpNotFound

from ..errors import Gone, NotFound
from ..store import GraphStore, tombstone_iri
from ..vocab import GPR, PROV, RDF, bind_prefixes
from . import conneg
from .current import current
from .describe import (
    describe,
    local_path,
    reference_description,
    reference_graph,
    region_description,
    subject_iri,
)
from .present import Page, offices

bp = Blueprint("resources", __name__)
_KIND = re.compile(r"^[a-z][a-z0-9-]*$")
#: formats a release graph is served in (harvesters read N-Triples)
GRAPH_FORMATS = ("turtle", "ntriples", "jsonld", "rdfxml")


def _settings():
    return current_app.config["INFOPUBLIK"]


#: kinds whose IRIs can be merged away (or changed by a migration): they may answer 301
REDIRECTING = ("person", "organization", "regulation")
_merges: dict[tuple[str, int], dict[str, str]] = {}


def _moved(kind: str, key: str) -> str | None:
    """The ``/doc/…`` path an IRI merged away (identity curation) or renamed (migration)
    now lives at, or ``None``."""
    if kind not in REDIRECTING:
        return None
    from ..identity.registry import merges

    settings = _settings()
    try:
        info, view = current(settings)
    except NotFound:
        return None
    cache_key = (str(settings.data_dir), info.number)
    table = _merges.get(cache_key)
    if table is None:
        table = merges(view)
        _merges.clear()  # one version at a time
        _merges[cache_key] = table
    iri, seen = str(subject_iri(settings.base_iri, kind, key)), set()
    while iri in table and iri not in seen:
        seen.add(iri)
        iri = table[iri]
    return local_path(settings.base_iri, iri) if seen else None


@bp.get("/id/<path:rest>")
def identifier(rest: str) -> Response:
    """A thing's IRI: 303 See Other to the document about it (query string kept); 301 Moved
    Permanently to the thing it was merged into."""
    kind, _, key = rest.partition("/")
    moved = _moved(kind, key)
    if moved:
        resp = redirect("/id/" + moved[len("/doc/"):], 301)
        resp.headers["Link"] = f'<{moved}>; rel="describedby"'
        return resp
    target = "/doc/" + rest
    if request.query_string:
        target += "?" + request.query_string.decode("latin-1")
    resp = redirect(target, 303)
    resp.headers["Vary"] = "Accept"
    return resp


def _tombstone(view: GraphStore, base: str, kind: str, key: str) -> dict | None:
    """The tombstone of the release a retracted article/event/quote/... belonged to."""
    candidates = [key, re.sub(r"-\d+$", "", key)]
    for candidate in dict.fromkeys(candidates):
        stone = view.tombstone(f"{base}graph/release/{candidate}")
        if stone:
            return stone
    return None


def _gone(stone: dict, what: str, name: str, base: str) -> Response:
    """410 with the tombstone: RDF for RDF clients, the one error shape otherwise."""
    if name in conneg.DOC_FORMATS:
        g = Graph()
        bind_prefixes(g)
        t = URIRef(tombstone_iri(base, stone["key"]))
        g.add((t, RDF.type, GPR.Tombstone))
        g.add((t, GPR.retracted, URIRef(f"{base}graph/release/{stone['key']}")))
        g.add((t, GPR.releaseKey, Literal(stone["key"])))
        g.add((t, PROV.invalidatedAtTime, Literal(stone["time"], datatype=URIRef(
            "http://www.w3.org/2001/XMLSchema#dateTime"))))
        g.add((t, GPR.reason, Literal(stone["reason"])))
        return Response(conneg.serialize(g, name), 410, mimetype=conneg.media_type(name))
    raise Gone(f"{what} was retracted on {stone['time']}: {stone['reason']}",
               f"{what} telah ditarik pada {stone['time']}: {stone['reason']}",
               tombstone=stone)


def _not_found(path: str) -> NotFound:
    return NotFound(f"nothing is known of {path!r} here; check the address",
                    f"tidak ada data tentang {path!r} di sini; periksa alamatnya")


def _description(view: GraphStore, kind: str, iri: URIRef) -> tuple[Graph, set[str]]:
    graph, graphs = describe(view, iri)
    if kind == "region":
        graph += region_description(iri)
    elif kind == "concept":
        graph += reference_description(iri)
    return graph, graphs


@bp.get("/doc/<path:rest>")
def document(rest: str) -> Response:
    """The description of one resource, as HTML or RDF (Accept, suffix or ``?format=``)."""
    settings = _settings()
    base = settings.base_iri
    path, forced = conneg.split_suffix(rest)
    kind, _, key = path.partition("/")
    if not key or not _KIND.match(kind):
        raise _not_found("/doc/" + rest)
    moved = _moved(kind, key)
    if moved:
        return redirect(moved + rest[len(path):], 301)  # the suffix kept
    name = conneg.negotiate(forced=forced)
    info, view = current(settings)
    iri = subject_iri(base, kind, key)
    graph, graphs = _description(view, kind, iri)
    if (iri, None, None) not in graph:
        stone = _tombstone(view, base, kind, key)
        if stone:
            return _gone(stone, f"/id/{path}", name, base)
        raise _not_found("/id/" + path)
    doc_path = "/doc/" + path
    if name == "html":
        page = Page(graph, iri, _lang(), base)
        extra = {"offices": offices(view, iri)} if page.kind == "person" else {}
        html = render_template(f"{page.kind}.html", page=page, iri=str(iri), graphs=sorted(graphs),
                               alternates=conneg.alternates(doc_path), version=info.number,
                               **extra)
        resp = Response(html, mimetype="text/html")
    else:
        resp = Response(conneg.serialize(graph, name), mimetype=conneg.media_type(name))
    resp.headers["Link"] = conneg.link_header(doc_path)
    resp.cache_control.public = True
    resp.cache_control.max_age = 60
    return conneg.finish(resp, f"v{info.number}-{name}-{_lang()}", vary_language=True)


_IRI = re.compile(r"^https?://[^\x00-\x20<>\"{}|^`\\]{1,2000}$")


def origins(view: GraphStore, graphs: set[str]) -> list[dict]:
    """Where each of ``graphs`` was harvested from (``prov:hadPrimarySource``), sorted."""
    if not graphs:
        return []
    values = " ".join(f"<{g}>" for g in sorted(graphs))
    rows = view.select(f"SELECT ?g ?s WHERE {{ VALUES ?g {{ {values} }} GRAPH ?g {{ ?g "
                       f"<{PROV.hadPrimarySource}> ?s }} }}")
    return sorted(({"graph": r["g"], "catalog": r["s"]} for r in rows),
                  key=lambda o: (o["catalog"], o["graph"]))


@bp.get("/resource")
def any_resource() -> Response:
    """A resource by its full IRI (``?iri=``): what an aggregator holds of other instances'
    releases, each with the instance it came from. The IRI is only a term of the lookup."""
    settings = _settings()
    base = settings.base_iri
    value = request.args.get("iri", "")
    if not _IRI.match(value):
        from ..errors import QueryError

        raise QueryError(f"iri={value[:200]!r} is not an http(s) IRI",
                         f"iri={value[:200]!r} bukan IRI http(s)", where="iri")
    from .describe import local_path

    own = local_path(base, value)
    if own and value.startswith(base + "id/"):
        return redirect(own, 303)
    name = conneg.negotiate()
    info, view = current(settings)
    iri = URIRef(value)
    graph, graphs = describe(view, iri)
    if (iri, None, None) not in graph:
        raise _not_found(value)
    if name == "html":
        page = Page(graph, iri, _lang(), base)
        html = render_template(f"{page.kind}.html", page=page, iri=value, graphs=sorted(graphs),
                               alternates=[], version=info.number,
                               origins=origins(view, graphs))
        resp = Response(html, mimetype="text/html")
    else:
        resp = Response(conneg.serialize(graph, name), mimetype=conneg.media_type(name))
    import hashlib

    tag = hashlib.sha256(value.encode("utf-8")).hexdigest()[:16]
    return conneg.finish(resp, f"v{info.number}-{name}-{_lang()}-{tag}", vary_language=True)


def _lang() -> str:
    from .errors import page_lang

    return page_lang()


@bp.get("/graph/release/<path:rest>")
def release_graph(rest: str) -> Response:
    """One release's named graph as published (what harvesters fetch after a change)."""
    settings = _settings()
    key, forced = conneg.split_suffix(rest)
    name = conneg.negotiate(GRAPH_FORMATS, html=False, forced=forced)
    info, view = current(settings)
    graph_iri = f"{settings.base_iri}graph/release/{key}"
    if not _has_graph(view, graph_iri):
        stone = view.tombstone(graph_iri)
        if stone:
            return _gone(stone, f"/graph/release/{key}", name, settings.base_iri)
        raise _not_found("/graph/release/" + key)
    media = {"turtle": "text/turtle", "ntriples": "application/n-triples",
             "jsonld": "application/ld+json", "rdfxml": "application/rdf+xml"}[name]
    body = view.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{graph_iri}> {{ ?s ?p ?o }} }}",
                      media_type=media)
    resp = Response(body, mimetype=conneg.media_type(name))
    resp.headers["Link"] = conneg.link_header("/graph/release/" + key, GRAPH_FORMATS)
    return conneg.finish(resp, f"v{info.number}-{name}")


def _has_graph(view: GraphStore, graph_iri: str) -> bool:
    import json

    answer = view.query(f"ASK {{ GRAPH <{graph_iri}> {{ ?s ?p ?o }} }}")
    return bool(json.loads(answer)["boolean"])


# --------------------------------------------------------------------------- /def/
SCHEMES = ("event-type", "legislation-type", "office")
ONTOLOGY = URIRef("https://w3id.org/infopublik/gpr")


def _reference_subset(root: URIRef, scheme: bool) -> Graph:
    """The ontology (every triple of gpr.ttl) or one concept scheme with its concepts."""
    ref = reference_graph()
    g = Graph()
    bind_prefixes(g)
    from ..vocab import SKOS

    if scheme:
        members = {root} | set(ref.subjects(SKOS.inScheme, root))
    else:
        members = {root} | {s for s in ref.subjects() if isinstance(s, URIRef)
                            and str(s).startswith(str(GPR))}
    for s in members:
        for p, o in ref.predicate_objects(s):
            g.add((s, p, o))
            if not isinstance(o, URIRef):
                for p2, o2 in ref.predicate_objects(o):
                    g.add((o, p2, o2))
    return g


@bp.get("/def/")
def definitions() -> Response:
    """Index of the ontology and the concept schemes."""
    return Response(render_template("def_index.html", schemes=SCHEMES), mimetype="text/html")


@bp.get("/def/<path:rest>")
def definition(rest: str) -> Response:
    """The ontology (``/def/gpr``) or a concept scheme (``/def/concept/{scheme}``)."""
    from ..vocab import CONCEPT

    path, forced = conneg.split_suffix(rest)
    if path == "gpr":
        root, scheme = ONTOLOGY, False
    elif path.startswith("concept/") and path[8:] in SCHEMES:
        root, scheme = URIRef(str(CONCEPT) + path[8:]), True
    else:
        raise HttpNotFound(f"no definition {rest!r}; see /def/")
    name = conneg.negotiate(forced=forced)
    graph = _reference_subset(root, scheme)
    if name == "html":
        page = Page(graph, root, _lang(), _settings().base_iri)
        resp = Response(render_template("definition.html", page=page, iri=str(root),
                                        scheme=scheme, alternates=conneg.alternates(
                                            "/def/" + path)), mimetype="text/html")
    else:
        resp = Response(conneg.serialize(graph, name), mimetype=conneg.media_type(name))
    resp.headers["Link"] = conneg.link_header("/def/" + path)
    from .. import __version__

    return conneg.finish(resp, f"def-{__version__}-{name}-{_lang()}", vary_language=True)

