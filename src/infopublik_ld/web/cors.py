"""CORS on the read routes only, never with credentials.

Any origin may read the open data (``Access-Control-Allow-Origin: *``, which browsers never
combine with cookies); write and admin routes get no CORS headers, so other sites' scripts
cannot call them.
"""

from __future__ import annotations

from flask import Flask, Response, request

#: path prefixes of the read routes
READ_PREFIXES = ("/sparql", "/api", "/id/", "/doc/", "/def/", "/dumps", "/catalog",
                 "/changes", "/reconcile")
EXPOSED = "ETag, Content-Type, Retry-After, X-Infopublik-Truncated, X-Infopublik-Version, Link"
ALLOWED_HEADERS = "Accept, Accept-Language, Content-Type, If-None-Match"


def is_read_route(path: str) -> bool:
    """True for the paths that get CORS headers.

    >>> is_read_route("/sparql"), is_read_route("/id/article/x"), is_read_route("/admin")
    (True, True, False)
    """
    return any(path == p.rstrip("/") or path.startswith(p) for p in READ_PREFIXES)


def add_cors(resp: Response) -> Response:
    """``after_request`` hook: CORS headers on read routes."""
    if is_read_route(request.path):
        resp.headers["Access-Control-Allow-Origin"] = "*"
        resp.headers["Access-Control-Expose-Headers"] = EXPOSED
        resp.headers.pop("Access-Control-Allow-Credentials", None)
        if request.method == "OPTIONS":
            resp.headers["Access-Control-Allow-Methods"] = "GET, HEAD, POST, OPTIONS"
            resp.headers["Access-Control-Allow-Headers"] = ALLOWED_HEADERS
            resp.headers["Access-Control-Max-Age"] = "86400"
        vary = resp.headers.get("Vary", "")
        if "Origin" not in vary:
            resp.headers["Vary"] = f"{vary}, Origin" if vary else "Origin"
    return resp


def init_app(app: Flask) -> None:
    """Register the CORS hook."""
    app.after_request(add_cors)
