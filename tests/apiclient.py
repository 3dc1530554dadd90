"""Shared fixtures of the query API and query page tests: one app on ``small_site`` per module."""

from __future__ import annotations

import pytest

from infopublik_ld.web import create_app


def close_app(app) -> None:
    """Stop the app's query workers (started lazily by the first query)."""
    ex = app.extensions.get("infopublik_executor")
    if ex is not None:
        ex.close()


@pytest.fixture(scope="module")
def api_app(small_site):
    """The Flask app over the published small site (seed example + 300 generated releases)."""
    app = create_app(small_site)
    app.config["TESTING"] = True
    yield app
    close_app(app)


@pytest.fixture
def api(api_app):
    """A test client of :func:`api_app`."""
    return api_app.test_client()
