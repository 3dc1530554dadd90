"""One JSON error shape for every route; browsers get an HTML page with the same content.

Shape (``application/json``)::

    {"status": 400, "error": "QueryError", "message": "...", "message_id": "...",
     "where": "SERVICE"}

``message`` is English, ``message_id`` Indonesian, ``where`` names the field, line or query
clause (``null`` when there is none). Documented in docs/errors.md.
"""

from __future__ import annotations

from flask import Flask, Response, current_app, render_template_string, request
from werkzeug.exceptions import HTTPException

from ..errors import InfopublikError

HTML = """<!doctype html>
<html lang="{{ lang }}"><head><meta charset="utf-8"><title>{{ status }} — infopublik-ld</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body><main><h1>{{ status }}</h1><p>{{ message }}</p>
{% if where %}<p><code>{{ where }}</code></p>{% endif %}
<p><a href="/">{{ 'Beranda' if lang == 'id' else 'Home' }}</a></p></main></body></html>"""


def page_lang() -> str:
    """``id`` unless ``?lang=en`` or the browser prefers English."""
    explicit = request.args.get("lang")
    if explicit in ("id", "en"):
        return explicit
    best = request.accept_languages.best_match(["id", "en"], default="id")
    return best or "id"


def wants_html() -> bool:
    """True when the client prefers an HTML page to JSON (browsers)."""
    best = request.accept_mimetypes.best_match(["application/json", "text/html"])
    return best == "text/html" and request.accept_mimetypes["text/html"] > \
        request.accept_mimetypes["application/json"]


def error_response(status: int, error: str, message_en: str, message_id: str | None = None,
                   where: str | None = None, headers: dict | None = None) -> Response:
    """Build the error response in the one shape (JSON, or HTML for browsers)."""
    body = {"status": status, "error": error, "message": message_en,
            "message_id": message_id or message_en, "where": where}
    if wants_html():
        lang = page_lang()
        html = render_template_string(HTML, lang=lang, status=status, where=where,
                                      message=body["message_id" if lang == "id" else "message"])
        resp = Response(html, status=status, mimetype="text/html")
    else:
        resp = current_app.response_class(current_app.json.dumps(body) + "\n", status=status,
                                          mimetype="application/json")
    for key, value in (headers or {}).items():
        resp.headers[key] = value
    return resp


def _from_infopublik(exc: InfopublikError) -> Response:
    headers = getattr(exc, "headers", None)
    return error_response(exc.status, type(exc).__name__, exc.message_en, exc.message_id,
                          exc.where, headers)


#: Indonesian for the generic HTTP errors werkzeug raises (its descriptions are English)
HTTP_ID = {
    400: "Permintaan tidak dapat dipahami.",
    404: "Alamat yang diminta tidak ada di server ini.",
    405: "Metode HTTP ini tidak diizinkan untuk alamat ini.",
    406: "Tidak ada format yang dapat diberikan sesuai header Accept.",
    413: "Permintaan terlalu besar.",
    415: "Jenis isi (Content-Type) permintaan tidak didukung.",
    429: "Terlalu banyak permintaan; coba lagi nanti.",
    500: "Terjadi galat di server.",
    503: "Layanan sedang tidak tersedia; coba lagi nanti.",
}


def _from_http(exc: HTTPException) -> Response:
    headers = {k: v for k, v in exc.get_headers() if k.lower() not in ("content-type",
                                                                         "content-length")}
    code = exc.code or 500
    return error_response(code, exc.name.replace(" ", ""), exc.description or exc.name,
                          HTTP_ID.get(code), None, headers)


def _from_os(exc: OSError) -> Response:
    current_app.logger.exception("I/O error")
    return error_response(500, "StoreError", "the server could not read its data; the "
                          "operator has been told", "server tidak dapat membaca datanya; "
                          "operator sudah diberi tahu")


def init_app(app: Flask) -> None:
    """Register the handlers that turn every error into the one shape."""
    app.register_error_handler(InfopublikError, _from_infopublik)
    app.register_error_handler(HTTPException, _from_http)
    app.register_error_handler(OSError, _from_os)
