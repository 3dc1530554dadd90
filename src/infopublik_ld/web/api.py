"""``/api``: canned, parameterised queries for people who don't write SPARQL.

Routes:

- ``GET /api/`` — the list of queries (JSON; an HTML page for browsers);
- ``GET /api/openapi.json`` — OpenAPI 3 description generated from the ``.rq`` files;
- ``GET /api/{name}?param=…&page=&per_page=&format=`` — one query's results, paged, as JSON
  (default), CSV or Turtle (``Accept`` or ``format=``).

Parameters are validated by :mod:`.cannedqueries` and bound with SEP-0007 substitutions in the
killable query workers of :mod:`.executor` (never pasted into the query text); ``search`` reads
the full-text index first. Response shape: docs/api.md.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from flask import Blueprint, Response, current_app, jsonify, render_template, request, url_for

from .. import fts
from ..config import Settings
from ..errors import NotFound
from . import executor
from .apirender import FORMATS, Format, items, negotiate, to_csv, to_turtle
from .cannedqueries import CannedQuery, load_queries, paging
from .current import current_info
from .errors import wants_html

bp = Blueprint("api", __name__, url_prefix="/api")


@dataclass
class Page:
    """One page of a canned query's answer."""

    columns: list[str]
    #: SPARQL JSON bindings, at most ``per_page``
    rows: list[dict]
    has_next: bool
    version: int


def queries() -> dict[str, CannedQuery]:
    """The canned queries this app serves (``app.config["INFOPUBLIK_QUERIES"]`` overrides the
    shipped folder, for tests)."""
    return load_queries(current_app.config.get("INFOPUBLIK_QUERIES"))


def paged(sparql: str, limit: int, offset: int) -> str:
    """``sparql`` with ``LIMIT``/``OFFSET`` appended: two integers, never request text.

    >>> paged("SELECT * WHERE {} ORDER BY ?x", 21, 40)
    'SELECT * WHERE {} ORDER BY ?x\\nLIMIT 21 OFFSET 40\\n'
    """
    return f"{sparql.rstrip()}\nLIMIT {int(limit)} OFFSET {int(offset)}\n"


def _bindings(sparql: str, values: dict, version: int, limit: int, offset: int) -> list[dict]:
    """Run ``sparql`` with ``values`` substituted in a query worker; SPARQL JSON bindings."""
    out = executor.run_query(paged(sparql, limit, offset), substitutions=values,
                             results_format="json", version=version, row_cap=limit)
    return json.loads(out.body)["results"]["bindings"]


def _literal(value, datatype: str | None = None) -> dict:
    out = {"type": "literal", "value": str(value)}
    if datatype:
        out["datatype"] = datatype
    return out


def _search(settings: Settings, query: CannedQuery, values: dict, version: int, limit: int,
            offset: int) -> list[dict]:
    """Full-text hits in rank order, each completed by the query run on its release graph."""
    from rdflib import URIRef

    hits = fts.search(settings, str(values["q"]), limit, offset)
    rows = []
    for hit in hits:
        graph = URIRef(f"{settings.base_iri}graph/release/{hit['key']}")
        found = _bindings(query.sparql, {"graph": graph}, version, 1, 0)
        row = dict(found[0]) if found else {}
        snippet = hit["snippet"].replace(fts.MARK_START, "[").replace(fts.MARK_END, "]")
        row.update(headline=_literal(hit["headline"]), snippet=_literal(snippet),
                   rank=_literal(repr(float(hit["rank"])),
                                 "http://www.w3.org/2001/XMLSchema#double"))
        rows.append(row)
    return rows


def run(settings: Settings, query: CannedQuery, values: dict, page: int,
        per_page: int) -> Page:
    """Run ``query`` with typed ``values`` for one page. Before the first publish: no rows."""
    info = current_info(settings)
    columns = list(query.columns)
    if info is None:
        return Page(columns, [], False, 0)
    offset, limit = (page - 1) * per_page, per_page + 1  # one more row tells a next page
    if query.source == "fts":
        rows = _search(settings, query, values, info.number, limit, offset)
    else:
        rows = _bindings(query.sparql, values, info.number, limit, offset)
    return Page(columns, rows[:per_page], len(rows) > per_page, info.number)


def _page_url(name: str, page: int) -> str:
    args = request.args.to_dict()
    args["page"] = str(page)
    return url_for("api.query", name=name, **args)


def _links(name: str, page: int, result: Page) -> tuple[str | None, str | None]:
    nxt = _page_url(name, page + 1) if result.has_next else None
    prev = _page_url(name, page - 1) if page > 1 else None
    return nxt, prev


def _render(fmt: Format, query: CannedQuery, result: Page, page: int, per_page: int) -> Response:
    nxt, prev = _links(query.name, page, result)
    if fmt.name == "json":
        body = {"query": query.name, "parameters": {k: v for k, v in request.args.items()
                                                    if k not in ("page", "per_page", "format")},
                "version": result.version, "page": page, "per_page": per_page,
                "columns": result.columns, "items": items(result.columns, result.rows),
                "next": nxt, "previous": prev}
        resp = jsonify(body)
    elif fmt.name == "csv":
        resp = Response(to_csv(result.columns, result.rows), mimetype="text/csv")
        resp.headers["Content-Disposition"] = f'inline; filename="{query.name}-{page}.csv"'
    else:
        resp = Response(to_turtle(result.columns, result.rows, request.url,
                                  (page - 1) * per_page), mimetype="text/turtle")
    links = [f'<{u}>; rel="{rel}"' for u, rel in ((nxt, "next"), (prev, "prev")) if u]
    if links:
        resp.headers["Link"] = ", ".join(links)
    resp.headers["X-Dataset-Version"] = str(result.version)
    return resp


def _etag(version: int, fmt: Format) -> str:
    """Version + the full request (path, arguments, format): a new publish changes it."""
    digest = hashlib.sha256(f"{request.full_path}|{fmt.name}".encode()).hexdigest()[:16]
    return f"v{version}-{digest}"


@bp.get("/<name>")
def query(name: str) -> Response:
    """One canned query's results (see the module docstring)."""
    canned = queries().get(name)
    if canned is None:
        raise NotFound(f"no query called {name!r}; the list is at /api/",
                       f"tidak ada kueri bernama {name!r}; daftarnya di /api/", where=name)
    settings: Settings = current_app.config["INFOPUBLIK"]
    args = request.args.to_dict()  # first value of a repeated argument
    page, per_page = paging(args, settings.max_offset)
    values = canned.bind(args)
    fmt = negotiate(request)  # after the parameters: a bad one is the more useful answer
    info = current_info(settings)
    if info is not None and request.if_none_match.contains(_etag(info.number, fmt)):
        resp = Response(status=304)
        resp.set_etag(_etag(info.number, fmt))
        return resp
    result = run(settings, canned, values, page, per_page)
    resp = _render(fmt, canned, result, page, per_page)
    resp.set_etag(_etag(result.version, fmt))
    resp.vary.add("Accept")
    return resp


def describe(canned: CannedQuery, base: str, lang: str = "en") -> dict:
    """The JSON description of one query in the index."""
    example = canned.example_args(base)
    return {
        "name": canned.name,
        "title": canned.title_id if lang == "id" else canned.title_en,
        "description": canned.description_id if lang == "id" else canned.description_en,
        "url": url_for("api.query", name=canned.name),
        "example": url_for("api.query", name=canned.name, **example),
        "columns": list(canned.columns),
        "parameters": [{"name": p.name, "type": p.type, "required": p.required,
                        "description": p.description_id if lang == "id" else p.description_en,
                        **({"values": list(p.values)} if p.values else {}),
                        **({"default": p.default} if p.default is not None else {})}
                       for p in canned.params],
    }


@bp.get("/")
def index() -> Response:
    """The list of canned queries: JSON, or an HTML page for browsers."""
    from .errors import page_lang

    settings: Settings = current_app.config["INFOPUBLIK"]
    lang = page_lang()
    listed = [describe(q, settings.base_iri, lang) for q in queries().values()]
    if wants_html():
        return Response(render_template("api_index.html", queries=listed,
                                        formats=list(FORMATS.values())), mimetype="text/html")
    return jsonify({"queries": listed, "openapi": url_for("api.openapi_document"),
                    "formats": [f.name for f in FORMATS.values()]})


@bp.get("/openapi.json")
def openapi_document() -> Response:
    """The OpenAPI 3 description of ``/api``, generated from the ``.rq`` files."""
    from .openapi import build

    settings: Settings = current_app.config["INFOPUBLIK"]
    return jsonify(build(list(queries().values()), settings.base_iri, settings.max_offset))
