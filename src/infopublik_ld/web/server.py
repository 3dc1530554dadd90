"""``infopublik-ld serve``: the app under waitress (a production WSGI server).

The server only reads published versions: each request reads ``versions/current.json`` and
the query workers reopen when it names a new version, so a publish shows up without a
restart.
"""

from __future__ import annotations

from ..config import Settings
from ..store import require_initialised


def build_app(settings: Settings):
    """The Flask app ``serve`` runs (also used by tests and the benchmark)."""
    from . import create_app

    return create_app(settings)


def serve(settings: Settings, *, threads: int | None = None, ready=None) -> None:
    """Serve ``settings``' data directory on ``settings.host``:``settings.port`` until stopped.

    Raises :class:`ConfigError` when the data directory was never initialised. ``ready`` is
    called with ``(host, port)`` once the socket listens.
    """
    from waitress import create_server

    require_initialised(settings)
    app = build_app(settings)
    server = create_server(app, host=settings.host, port=int(settings.port),
                           threads=threads or settings.serve_threads, ident="infopublik-ld",
                           # a 20 kB query fits; anything larger is refused by the guard
                           max_request_body_size=4 * 1024 * 1024,
                           channel_timeout=max(30, int(settings.query_time_limit) + 10))
    _warm(app, settings)
    host, port = server.effective_host, server.effective_port
    if ready is not None:
        ready(host, port)
    try:
        server.run()
    except KeyboardInterrupt:
        pass
    finally:
        server.close()
        ex = app.extensions.get("infopublik_executor")
        if ex is not None:
            ex.close()


def _warm(app, settings: Settings) -> None:
    """Start the query workers and open the current version before the first request."""
    from ..store import current_version
    from .executor import executor_for

    ex = executor_for(app)
    info = current_version(settings)
    if info is not None:
        ex.warm(info.number)
