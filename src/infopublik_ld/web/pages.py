"""The home page (recent releases, counts, full-text search), ``/sitemap.xml``, ``/robots.txt``.

Lists are read once per published version and kept in memory; search uses the SQLite FTS
index that publishing keeps in step with the store.
"""

from __future__ import annotations

import threading
from urllib.parse import urlencode
from xml.sax.saxutils import escape

from flask import Blueprint, Response, abort, current_app, render_template, request

from .. import fts
from ..store import GraphStore
from ..vocab import GPR, SCHEMA
from .current import current
from .describe import local_path

bp = Blueprint("pages", __name__)
#: URLs per sitemap file (the protocol allows 50 000)
SITEMAP_SIZE = 10_000
_lock = threading.Lock()
_cache: dict[tuple[str, int, str], object] = {}


def _settings():
    return current_app.config["INFOPUBLIK"]


def _cached(settings, number: int, name: str, make):
    key = (str(settings.data_dir), number, name)
    with _lock:
        if key in _cache:
            return _cache[key]
    value = make()
    with _lock:
        for old in [k for k in _cache if k[0] == key[0] and k[1] < number]:
            del _cache[old]
        _cache[key] = value
    return value


def _recent(view: GraphStore, limit: int = 20) -> list[dict]:
    rows = view.select(
        f"SELECT ?a ?h ?d WHERE {{ GRAPH ?g {{ ?a a <{SCHEMA.NewsArticle}> ; "
        f"<{SCHEMA.headline}> ?h ; <{SCHEMA.datePublished}> ?d }} }} "
        f"ORDER BY DESC(?d) LIMIT {int(limit)}")
    return [{"iri": r["a"], "headline": r["h"], "date": r["d"]} for r in rows]


def _counts(view: GraphStore) -> dict[str, int]:
    out = {}
    for name, cls in (("articles", SCHEMA.NewsArticle), ("events", SCHEMA.Event),
                      ("people", SCHEMA.Person), ("regulations", SCHEMA.Legislation)):
        rows = view.select(f"SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{ GRAPH ?g {{ ?s a <{cls}> "
                           f"}} }}")
        out[name] = int(rows[0]["n"]) if rows else 0
    return out


def _subjects(view: GraphStore) -> list[tuple[str, str]]:
    """(main resource, date) of every release, for the sitemap."""
    rows = view.select(
        f"SELECT ?s (MIN(STR(?d)) AS ?date) WHERE {{ GRAPH ?g {{ ?g <{GPR.describes}> ?s "
        f"OPTIONAL {{ ?s <{SCHEMA.datePublished}>|<{SCHEMA.startDate}> ?d }} }} }} "
        f"GROUP BY ?s ORDER BY ?s")
    return [(r["s"], r.get("date", "")) for r in rows if r["s"].startswith(view.base)]


def _href(base: str, iri: str, lang: str) -> str:
    # another instance's resource (an aggregator's harvest): shown here, with its origin
    path = local_path(base, iri) or "/resource?" + urlencode({"iri": iri})
    return path + ("?lang=en" if lang == "en" else "")


#: the home page names the catalogue and the VoID description (RFC 8288 Link header)
HOME_LINKS = ('</catalog>; rel="http://www.w3.org/ns/dcat#catalog"; type="text/turtle", '
              '</.well-known/void>; rel="describedby"; type="text/turtle"')


@bp.get("/")
def home() -> Response:
    """Recent releases, counts and a search box (``?q=``)."""
    from .errors import page_lang

    settings = _settings()
    info, view = current(settings)
    lang = page_lang()
    recent = _cached(settings, info.number, "recent", lambda: _recent(view))
    counts = _cached(settings, info.number, "counts", lambda: _counts(view))
    q = request.args.get("q", "").strip()[:200]
    hits = []
    if q:
        found = fts.search(settings, q, limit=20)
        for h in found:
            iri = f"{settings.base_iri}id/article/{h['key']}"
            hits.append({**h, "href": _href(settings.base_iri, iri, lang)})
    for r in recent:
        r["href"] = _href(settings.base_iri, r["iri"], lang)
    html = render_template("home.html", recent=recent, counts=counts, info=info, q=q, hits=hits)
    resp = Response(html, mimetype="text/html")
    resp.headers["Vary"] = "Accept-Language"
    resp.headers["Link"] = HOME_LINKS  # how a harvester given this address finds the data
    return resp


@bp.get("/robots.txt")
def robots() -> Response:
    """Crawl the pages; leave the query endpoints and bulk files alone."""
    base = _settings().base_iri
    body = ("User-agent: *\nAllow: /\nDisallow: /sparql\nDisallow: /api/\nDisallow: /dumps/\n"
            "Disallow: /changes\n" f"Sitemap: {base}sitemap.xml\n")
    return Response(body, mimetype="text/plain")


@bp.get("/sitemap.xml")
def sitemap_index() -> Response:
    """Sitemap index: the fixed pages and one sitemap per :data:`SITEMAP_SIZE` releases."""
    settings = _settings()
    info, view = current(settings)
    subjects = _cached(settings, info.number, "subjects", lambda: _subjects(view))
    parts = max(1, -(-len(subjects) // SITEMAP_SIZE))
    base = settings.base_iri
    items = "".join(f"<sitemap><loc>{escape(base)}sitemap-{n}.xml</loc>"
                    f"<lastmod>{escape(info.time)}</lastmod></sitemap>" for n in range(parts))
    body = ('<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns='
            f'"http://www.sitemaps.org/schemas/sitemap/0.9">{items}</sitemapindex>\n')
    return Response(body, mimetype="application/xml")


@bp.get("/sitemap-<int:n>.xml")
def sitemap(n: int) -> Response:
    """The pages of releases ``n * SITEMAP_SIZE`` onwards (home and catalogue in the first)."""
    settings = _settings()
    info, view = current(settings)
    subjects = _cached(settings, info.number, "subjects", lambda: _subjects(view))
    chunk = subjects[n * SITEMAP_SIZE:(n + 1) * SITEMAP_SIZE]
    if n and not chunk:
        abort(404)
    base = settings.base_iri
    urls = [(base, ""), (base + "catalog", "")] if n == 0 else []
    urls += [(base + (local_path(base, s) or "")[1:], d[:10]) for s, d in chunk]
    items = "".join(f"<url><loc>{escape(u)}</loc>" + (f"<lastmod>{escape(d)}</lastmod>"
                                                      if len(d) == 10 else "") + "</url>"
                    for u, d in urls)
    body = ('<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns='
            f'"http://www.sitemaps.org/schemas/sitemap/0.9">{items}</urlset>\n')
    return Response(body, mimetype="application/xml")
