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
        from ...records.encoding import decode_bytes
        from ...records.extract import extract_text

        text = decode_bytes(raw, "body")
        extraction = extract_text(text, html=mime == "text/html", source_name="body")
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
    record = _record_from_request()
    try:
        done = publish_record(_settings(), record, account=user.name, via="api")
    except (RecordError, ValidationFailed) as exc:
        checked = getattr(exc, "checked", None)
        body = {"status": 422, "error": type(exc).__name__, "message": exc.message_en,
                "message_id": exc.message_id, "where": exc.where,
                "report": checked.to_json() if checked is not None else None}
        return _json(body, 422)
    return _json(done.to_json(), 201 if done.status == "added" else 200)


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
