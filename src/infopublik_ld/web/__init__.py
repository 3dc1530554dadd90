"""The web layer (the only Flask user): app factory and one blueprint per area.

Nothing happens at import: :func:`create_app` reads settings and registers blueprints; the
store is opened lazily per request through :mod:`infopublik_ld.web.data`.
"""

from __future__ import annotations

from flask import Flask

from ..config import Settings, load_settings
from . import cors, errors, i18n

#: (module, attribute) of each blueprint; a module that does not exist yet is skipped so that
#: areas can land one at a time.
BLUEPRINTS = (
    ("sparql", "bp"),
    ("api", "bp"),
    ("resources", "bp"),
    ("harvest", "bp"),
    ("pages", "bp"),
    ("console", "bp"),  # the officer console and the write API (authenticated)
)


def create_app(settings: Settings | None = None, **overrides) -> Flask:
    """Build the Flask app for the data directory of ``settings`` (default: resolved now)."""
    import importlib

    app = Flask(__name__)
    settings = settings or load_settings(**overrides)
    app.config["INFOPUBLIK"] = settings
    app.config["JSON_SORT_KEYS"] = False
    app.json.ensure_ascii = False
    errors.init_app(app)
    i18n.init_app(app)
    cors.init_app(app)
    for module, attr in BLUEPRINTS:
        try:
            mod = importlib.import_module(f"{__name__}.{module}")
        except ModuleNotFoundError as exc:
            if exc.name != f"{__name__}.{module}":
                raise
            continue
        app.register_blueprint(getattr(mod, attr))
        if hasattr(mod, "init_app"):
            mod.init_app(app)
    return app
