"""Shared fixtures: paths, the example record, a CLI runner, a clean environment."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
EXAMPLE_JSON = EXAMPLES / "labura-bakohumas-2019.json"
EXAMPLE_TTL = EXAMPLES / "labura-bakohumas-2019.ttl"
EXAMPLE_TXT = EXAMPLES / "labura-bakohumas-2019.txt"
BASE = "http://127.0.0.1:8080/"


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch):
    """No INFOPUBLIK_* variable from the developer's shell leaks into a test."""
    import os

    for name in list(os.environ):
        if name.startswith("INFOPUBLIK_"):
            monkeypatch.delenv(name)


@pytest.fixture
def example_record() -> dict:
    return json.loads(EXAMPLE_JSON.read_text(encoding="utf-8"))


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def cli(runner, tmp_path):
    """Run ``infopublik-ld ARGS`` in-process with a fresh data dir; returns the click Result."""
    from infopublik_ld.cli import main

    def invoke(*args, **kwargs):
        return runner.invoke(main, ["--data", str(tmp_path), *map(str, args)],
                             catch_exceptions=False, **kwargs)

    return invoke


# Session-wide published sites for the web tests (see tests/sites.py).
from .conftest_store import oxigraph_server, store_settings, virtuoso  # noqa: E402, F401
from .sites import big_site, small_site  # noqa: E402, F401
