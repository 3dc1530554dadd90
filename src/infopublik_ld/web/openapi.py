"""The OpenAPI 3.0 document of ``/api``, generated from the canned queries' headers.

Every ``.rq`` file becomes ``GET /api/{name}`` with its parameters (typed, required, enums,
patterns), the shared ``page``/``per_page``/``format`` parameters, and the documented
responses: 200 (JSON page, CSV or Turtle), 304, 400, 404, 406 and 503 in the one error shape.
The write API (``POST /api/releases``, ``DELETE /api/releases/{key}``, bearer token) is
described by :func:`infopublik_ld.web.console.writeapi.openapi_paths`.
"""

from __future__ import annotations

from .cannedqueries import DEFAULT_PER_PAGE, MAX_PER_PAGE, CannedQuery, last_page
from .console.writeapi import openapi_paths as write_paths

ERROR = {
    "type": "object",
    "required": ["status", "error", "message", "message_id", "where"],
    "properties": {
        "status": {"type": "integer", "description": "HTTP status code"},
        "error": {"type": "string", "description": "error class, e.g. QueryError"},
        "message": {"type": "string", "description": "English message"},
        "message_id": {"type": "string", "description": "Indonesian message"},
        "where": {"type": "string", "nullable": True,
                  "description": "the parameter or clause the error is about"},
    },
}
VALUE = {"anyOf": [{"type": "string"}, {"type": "number"}]}
NULLABLE_URL = {"type": "string", "nullable": True}


def _page_schema(columns: tuple[str, ...]) -> dict:
    return {
        "type": "object",
        "required": ["query", "parameters", "version", "page", "per_page", "columns", "items",
                     "next", "previous"],
        "properties": {
            "query": {"type": "string"},
            "parameters": {"type": "object", "additionalProperties": {"type": "string"}},
            "version": {"type": "integer", "description": "dataset version answered"},
            "page": {"type": "integer", "minimum": 1},
            "per_page": {"type": "integer", "minimum": 1, "maximum": MAX_PER_PAGE},
            "columns": {"type": "array", "items": {"type": "string", "enum": list(columns)}},
            "items": {"type": "array", "maxItems": MAX_PER_PAGE, "items": {
                "type": "object", "additionalProperties": False,
                "properties": {c: VALUE for c in columns}}},
            "next": NULLABLE_URL,
            "previous": NULLABLE_URL,
        },
    }


def _error(description: str) -> dict:
    return {"description": description,
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}


def _operation(q: CannedQuery, base: str) -> dict:
    example = q.example_args(base)
    params = []
    for p in q.params:
        schema = p.schema()
        entry = {"name": p.name, "in": "query", "required": p.required, "schema": schema,
                 "description": f"{p.description_en} — {p.description_id}"}
        if p.name in example:
            entry["example"] = int(example[p.name]) if p.type == "integer" else example[p.name]
        params.append(entry)
    params += [{"$ref": "#/components/parameters/page"},
               {"$ref": "#/components/parameters/per_page"},
               {"$ref": "#/components/parameters/format"}]
    return {
        "operationId": q.name.replace("-", "_"),
        "summary": q.title_en,
        "description": f"{q.description_en}\n\n{q.title_id}: {q.description_id}",
        "parameters": params,
        "responses": {
            "200": {"description": "one page of results",
                    "headers": {"ETag": {"schema": {"type": "string"}},
                                "Link": {"schema": {"type": "string"},
                                         "description": "next/prev pages (RFC 8288)"}},
                    "content": {
                        "application/json": {"schema": _page_schema(q.columns)},
                        "text/csv": {"schema": {"type": "string"}},
                        "text/turtle": {"schema": {"type": "string"}}}},
            "304": {"description": "not modified (If-None-Match matched the ETag)"},
            "400": _error("a parameter is missing, unknown or has a bad value (`where` names it)"),
            "404": _error("no such query"),
            "406": _error("none of the formats is acceptable"),
            "503": _error("the query ran out of time, or nothing is published yet"),
        },
    }


def stats_paths() -> dict:
    """``/api/stats/{dimension}`` (precomputed counts, see :mod:`infopublik_ld.web.stats`)."""
    from ..stats import DIMENSIONS

    item = {"type": "object", "required": ["count"], "properties": {
        "count": {"type": "integer", "minimum": 1},
        **{d: {"type": "string"} for d in DIMENSIONS},
        "label": {"type": "string"}, "level": {"type": "string"}}}
    return {"/api/stats/{dimension}": {"get": {
        "operationId": "stats",
        "summary": "Releases counted per month, agency, region, event kind, regulation, "
                   "person quoted or organisation mentioned",
        "description": "Precomputed with every dataset version (no query runs). Months in "
                       "time order, other values most counted first; a province's count "
                       "includes its kabupaten/kota.\n\nJumlah siaran per bulan, instansi, "
                       "wilayah, jenis kegiatan, peraturan, orang yang dikutip atau organisasi "
                       "yang disebut.",
        "parameters": [
            {"name": "dimension", "in": "path", "required": True,
             "schema": {"type": "string", "enum": list(DIMENSIONS)}, "example": "month"},
            {"name": "year", "in": "query", "required": False, "example": "2019",
             "description": "only releases of this year — hanya siaran tahun ini",
             "schema": {"type": "string", "pattern": "^[0-9]{4}$"}},
            {"name": "region", "in": "query", "required": False, "example": "12.23",
             "description": "Kemendagri region code — kode wilayah Kemendagri",
             "schema": {"type": "string",
                        "pattern": "^[0-9]{2}(\\.[0-9]{2}(\\.[0-9]{2}(\\.[0-9]{4})?)?)?$"}},
            {"name": "agency", "in": "query", "required": False,
             "description": "publishing agency IRI — IRI instansi penerbit",
             "schema": {"type": "string", "format": "uri"}},
            {"name": "format", "in": "query", "required": False,
             "description": "output format; overrides Accept",
             "schema": {"type": "string", "enum": ["json", "csv"]}}],
        "responses": {
            "200": {"description": "the counts",
                    "headers": {"ETag": {"schema": {"type": "string"}}},
                    "content": {
                        "application/json": {"schema": {
                            "type": "object", "required": ["items"],
                            "properties": {"dimension": {"type": "string"},
                                           "filters": {"type": "object"},
                                           "version": {"type": "integer"},
                                           "items": {"type": "array", "items": item}}}},
                        "text/csv": {"schema": {"type": "string"}}}},
            "304": {"description": "not modified (If-None-Match matched the ETag)"},
            "400": _error("a filter has a bad value (`where` names it)"),
            "404": _error("no such dimension, or nothing published yet"),
        }}}}


def build(queries: list[CannedQuery], base: str, max_offset: int = 10_000) -> dict:
    """The OpenAPI 3.0.3 document for ``queries`` (examples use the instance's ``base``;
    ``max_offset`` is the setting that bounds ``page``)."""
    from .. import __version__ as package_version

    return {
        "openapi": "3.0.3",
        "info": {
            "title": "infopublik-ld query API",
            "version": package_version,
            "description": "Canned queries over the published press releases, for people who "
                           "don't write SPARQL. Kueri siap pakai atas siaran pers yang "
                           "diterbitkan. Results as JSON (default), CSV or Turtle.",
        },
        "paths": {**{f"/api/{q.name}": {"get": _operation(q, base)} for q in queries},
                  **stats_paths(), **write_paths()},
        "components": {
            "securitySchemes": {"bearerToken": {
                "type": "http", "scheme": "bearer",
                "description": "an API token from `infopublik-ld user token NAME`"}},
            "schemas": {"Error": ERROR},
            "parameters": {
                "page": {"name": "page", "in": "query", "required": False,
                         "description": "page number, from 1 (setting `max_offset` bounds it)",
                         "schema": {"type": "integer", "minimum": 1,
                                    "maximum": last_page(max_offset), "default": 1}},
                "per_page": {"name": "per_page", "in": "query", "required": False,
                             "description": "rows per page",
                             "schema": {"type": "integer", "minimum": 1,
                                        "maximum": MAX_PER_PAGE, "default": DEFAULT_PER_PAGE}},
                "format": {"name": "format", "in": "query", "required": False,
                           "description": "output format; overrides Accept",
                           "schema": {"type": "string", "enum": ["json", "csv", "turtle"]}},
            },
        },
    }
