"""Shared fixtures of the query API and query page tests: one app on ``small_site`` per module."""

from __future__ import annotations

import pytest

from infopublik_ld.web import create_app
from infopublik_ld.web.executor import close_executor


@pytest.fixture(scope="module")
def api_app(small_site):
    """The Flask app over the published small site (seed example + 300 generated releases)."""
    app = create_app(small_site)
    app.config["TESTING"] = True
    yield app
    close_executor(app)


@pytest.fixture
def api(api_app):
    """A test client of :func:`api_app`."""
    return api_app.test_client()
