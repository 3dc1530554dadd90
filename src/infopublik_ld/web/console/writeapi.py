"""The write API for an agency's website or CMS (``Authorization: Bearer <token>``).

- ``POST /api/releases`` — a record (``application/json``) or release text (``text/plain``;
  ``text/html`` for a saved page): validated with the JSON Schema and SHACL, published through
  the CLI's publishing function; answers ``{key, status, version, iris}`` (201 when added,
  200 when replaced or unchanged: posting the same content again changes nothing), or 422
  with the validation report.
- ``DELETE /api/releases/{key}`` — retract, with ``{"reason": …}`` or ``?reason=``; 200 with
  the version made, 404 never published, 410 already retracted.

Tokens come from ``infopublik-ld user token NAME``; a revoked token or a disabled account gets
401. Every write is in the audit trail. Documented in docs/write-api.md and the OpenAPI
document.
"""

from __future__ import annotations

import json
import re

from flask import Blueprint, Response, current_app, request

from ...console_accounts import Book, User, has_accounts
from ...errors import InfopublikError, InputError, RecordError, ValidationFailed
from ..errors import error_response
from .ops import publish_record, retract_release

bp = Blueprint("writeapi", __name__, url_prefix="/api")


class Unauthorized(InfopublikError):
    """No token, or a token that is unknown, revoked or of a disabled account."""

    status = 401


def _settings():
    return current_app.config["INFOPUBLIK"]


def _user() -> User:
    settings = _settings()
    if not settings.initialised or not has_accounts(settings.data_dir):
        raise Unauthorized("this instance has no accounts: the write API is off (create one "
                           "with `infopublik-ld user add`)",
                           "instans ini belum punya akun: API tulis tidak aktif (buat dengan "
                           "`infopublik-ld user add`)")
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    user = Book(settings.data_dir).token_user(token.strip()) if scheme.lower() == "bearer" \
        else None
    if user is None:
        exc = Unauthorized("a valid API token is required: `Authorization: Bearer <token>` "
                           "(tokens: `infopublik-ld user token NAME`); revoked tokens and "
                           "disabled accounts are refused",
                           "token API yang sah diperlukan: `Authorization: Bearer <token>` "
                           "(token: `infopublik-ld user token NAMA`); token yang dicabut dan "
                           "akun nonaktif ditolak", where="Authorization")
        exc.headers = {"WWW-Authenticate": 'Bearer realm="infopublik-ld"'}
        raise exc
    return user


def _json(body: dict, status: int) -> Response:
    return current_app.response_class(json.dumps(body, ensure_ascii=False) + "\n",
                                      status=status, mimetype="application/json")


def _record_from_request() -> dict:
    """The record a POST carries: JSON as is, text through the extractor."""
    limit = _settings().console_max_upload_bytes
    if request.content_length is not None and request.content_length > limit:
        exc = InputError(f"the request body is larger than {limit} bytes (setting "
                         "console_max_upload_bytes)", f"isi permintaan lebih besar dari "
                         f"{limit} bita (setelan console_max_upload_bytes)", where="body")
        exc.status = 413
        raise exc
    request.max_content_length = limit
    mime = request.mimetype
    raw = request.get_data(cache=False)
    if mime == "application/json":
        try:
            record = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise InputError(f"the body is not JSON: {exc}", f"isi bukan JSON: {exc}",
                             where="body") from None
        if not isinstance(record, dict):
            raise RecordError("the body must be one record (a JSON object)",
                              "isi harus satu rekaman (objek JSON)", where="/")
        return record
    if mime in ("text/plain", "text/html"):
        from ...records.agency import Agency
        from ...records.encoding import decode_bytes
        from ...records.extract import extract_text

        text = decode_bytes(raw, "body")
        extraction = extract_text(text, html=mime == "text/html", source_name="body",
                                  agency=Agency.from_settings(_settings()))
        if extraction.missing:
            fields = ", ".join(f"/{m}" for m in extraction.missing)
            raise RecordError(f"the text does not state {fields}; send a record (JSON) with "
                              "them, or add them to the text",
                              f"teks tidak memuat {fields}; kirim rekaman (JSON) yang "
                              "memuatnya, atau tambahkan ke teks",
                              where=f"/{extraction.missing[0]}")
        return extraction.record
    exc = InputError(f"Content-Type {mime or '(none)'!r} is not accepted: send "
                     "application/json (a record) or text/plain (release text)",
                     f"Content-Type {mime or '(tidak ada)'!r} tidak diterima: kirim "
                     "application/json (rekaman) atau text/plain (teks siaran)",
                     where="Content-Type")
    exc.status = 415
    raise exc


@bp.post("/releases")
def post_release():
    """Publish one release (see the module docstring)."""
    user = _user()
    try:
        record = _record_from_request()
        done = publish_record(_settings(), record, account=user.name, via="api")
    except (RecordError, ValidationFailed) as exc:
        checked = getattr(exc, "checked", None)
        body = {"status": 422, "error": type(exc).__name__, "message": exc.message_en,
                "message_id": exc.message_id, "where": exc.where,
                "report": checked.to_json() if checked is not None else None}
        return _json(body, 422)
    return _json(done.to_json(), 201 if done.status == "added" else 200)


@bp.get("/releases")
def list_releases():
    """The instance's releases, newest first, 50 a page (public and read-only, like the
    data itself): what a CMS needs to see what it has published."""
    from .admin import PER_PAGE
    from .admin import list_releases as rows_of

    args = request.args
    status = args.get("status", "published")
    if status not in ("published", "retracted"):
        raise InputError(f"status {status!r}: use published or retracted",
                         f"status {status!r}: pakai published atau retracted", where="status")
    try:
        page = int(args.get("page", "1"))
    except ValueError:
        page = 0
    if not 1 <= page <= 200:
        raise InputError("page: a number from 1 to 200", "page: angka 1 sampai 200",
                         where="page")
    dates = {}
    for name in ("since", "until"):
        value = args.get(name, "")
        if value and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            raise InputError(f"{name}: {value!r} is not a date (YYYY-MM-DD)",
                             f"{name}: {value!r} bukan tanggal (YYYY-MM-DD)", where=name)
        dates[name] = value
    rows, more = rows_of(_settings(), q=args.get("q", "")[:200], status=status, page=page,
                         **dates)
    return _json({"page": page, "per_page": PER_PAGE, "items": rows, "more": more}, 200)


@bp.delete("/releases/<key>")
def delete_release(key: str):
    """Retract one release."""
    user = _user()
    reason = request.args.get("reason", "")
    if not reason and request.mimetype == "application/json":
        body = request.get_json(silent=True) or {}
        reason = str(body.get("reason", "")) if isinstance(body, dict) else ""
    number = retract_release(_settings(), key, reason, account=user.name, via="api")
    return _json({"key": key, "status": "retracted", "version": number}, 200)


@bp.errorhandler(InfopublikError)
def _error(exc: InfopublikError):
    """The one JSON error shape (never an HTML page: this is an API)."""
    resp = error_response(exc.status, type(exc).__name__, exc.message_en, exc.message_id,
                          exc.where, getattr(exc, "headers", None))
    return resp


def _err(description: str) -> dict:
    return {"description": description,
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}


_ANSWER = {"type": "object", "required": ["key", "status", "version", "iris"],
           "properties": {
               "key": {"type": "string", "description": "the release key"},
               "status": {"type": "string", "enum": ["added", "replaced", "unchanged"]},
               "version": {"type": "integer", "nullable": True,
                           "description": "the dataset version that holds the release"},
               "iris": {"type": "object", "additionalProperties": {"type": "string"},
                        "description": "graph, resource and page IRIs of the release"}}}
_REPORT = {"type": "object", "required": ["status", "error", "message", "message_id", "where",
                                          "report"],
           "properties": {"status": {"type": "integer"}, "error": {"type": "string"},
                          "message": {"type": "string"}, "message_id": {"type": "string"},
                          "where": {"type": "string", "nullable": True},
                          "report": {"type": "object", "nullable": True,
                                     "description": "schema problems and the SHACL report"}}}


DATE_OR_EMPTY = r"^(\d{4}-\d{2}-\d{2})?$"


def openapi_paths() -> dict:
    """The write API's operations for the OpenAPI document (security: bearer token)."""
    auth = [{"bearerToken": []}]
    common = {"401": _err("no token, or a token that is unknown, revoked or of a disabled "
                          "account"),
              "503": _err("another process is publishing (the writer lock); try again")}
    return {
        "/api/releases": {"get": {
            "operationId": "list_releases",
            "summary": "The instance's releases, newest first (50 a page)",
            "parameters": [
                {"name": "q", "in": "query", "required": False, "schema": {"type": "string"},
                 "description": "full-text search"},
                {"name": "since", "in": "query", "required": False,
                 "schema": {"type": "string", "pattern": DATE_OR_EMPTY}},
                {"name": "until", "in": "query", "required": False,
                 "schema": {"type": "string", "pattern": DATE_OR_EMPTY}},
                {"name": "status", "in": "query", "required": False,
                 "schema": {"type": "string", "enum": ["published", "retracted"]}},
                {"name": "page", "in": "query", "required": False,
                 "schema": {"type": "integer", "minimum": 1, "maximum": 200}}],
            "responses": {
                "200": {"description": "one page", "content": {"application/json": {
                    "schema": {"type": "object", "required": ["page", "items", "more"],
                               "properties": {
                                   "page": {"type": "integer"},
                                   "per_page": {"type": "integer"},
                                   "more": {"type": "boolean"},
                                   "items": {"type": "array", "items": {
                                       "type": "object", "properties": {
                                           "key": {"type": "string"},
                                           "headline": {"type": "string"},
                                           "date": {"type": "string"},
                                           "status": {"type": "string"}}}}}}}}},
                "400": _err("a parameter has a bad value (`where` names it)")}},
            "post": {
            "operationId": "publish_release", "security": auth,
            "summary": "Publish one release (a record as JSON, or release text)",
            "description": "Validated with the JSON Schema and SHACL shapes like `infopublik-ld "
                           "publish`; the same content again changes nothing. Terbitkan satu "
                           "siaran (rekaman JSON atau teks siaran).",
            "requestBody": {"required": True, "content": {
                "application/json": {"schema": {"type": "object"}},
                "text/plain": {"schema": {"type": "string"}}}},
            "responses": {
                "201": {"description": "published as a new release",
                        "content": {"application/json": {"schema": _ANSWER}}},
                "200": {"description": "replaced, or unchanged (same content)",
                        "content": {"application/json": {"schema": _ANSWER}}},
                "400": _err("the body cannot be used (not JSON, not text)"),
                "409": _err("a retracted key cannot be published again"),
                "413": _err("the body is larger than console_max_upload_bytes"),
                "415": _err("the Content-Type is neither application/json nor text/plain"),
                "422": {"description": "the record breaks the schema or the shapes",
                        "content": {"application/json": {"schema": _REPORT}}},
                **common}}},
        "/api/releases/{key}": {"delete": {
            "operationId": "retract_release", "security": auth,
            "summary": "Retract one release (a reason is required)",
            "parameters": [
                {"name": "key", "in": "path", "required": True,
                 "schema": {"type": "string", "pattern": "^[a-z0-9][a-z0-9-]{0,119}$"}},
                {"name": "reason", "in": "query", "required": False,
                 "schema": {"type": "string"},
                 "description": "why (or a JSON body {\"reason\": …})"}],
            "responses": {
                "200": {"description": "retracted", "content": {"application/json": {
                    "schema": {"type": "object", "properties": {
                        "key": {"type": "string"}, "status": {"type": "string"},
                        "version": {"type": "integer"}}}}}},
                "400": _err("no reason given"),
                "404": _err("no such release"),
                "410": _err("already retracted"),
                **common}}},
    }
