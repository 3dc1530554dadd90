"""Page language and a tiny translation helper for templates (Indonesian first)."""

from __future__ import annotations

from flask import Flask, current_app

from .errors import page_lang


def t(id_text: str, en_text: str) -> str:
    """Pick the Indonesian or English text for the current request."""
    return en_text if page_lang() == "en" else id_text


def init_app(app: Flask) -> None:
    """Make ``lang``, ``t`` and ``site_name`` available in every template."""

    @app.context_processor
    def _inject() -> dict:
        settings = current_app.config["INFOPUBLIK"]
        return {"lang": page_lang(), "t": t, "site_name": settings.agency_name}
