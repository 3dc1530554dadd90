"""Server processes hand freed memory back after each new version (web/server.py).

The figures (RSS over a soak with a publish every 30 s) are benchmarks/soak.py's; here: the
hook is there, runs after the new version's caches are filled, and works on this C library.
"""

from __future__ import annotations

import sys
import threading
import time

import pytest

from infopublik_ld.config import load_settings
from infopublik_ld.publishing import publish
from infopublik_ld.web import create_app, current, server, statsdata
from infopublik_ld.web.executor import close_executor

from .conftest_store import make_data_dir
from .sites import write_generated

glibc = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's malloc_trim")


@glibc
def test_release_freed_memory_trims_on_glibc():
    assert server.release_freed_memory() is True


def test_each_new_version_is_trimmed_after_its_caches_are_filled(tmp_path, monkeypatch):
    settings = make_data_dir(tmp_path / "data")
    assert not publish(settings, [write_generated(tmp_path / "a.jsonl", 20)]).failed
    folder = str(settings.data_dir)
    calls: list[tuple[int, bool]] = []
    ran = threading.Event()

    def recording(_settings=None):
        number = current.current_info(settings).number
        # the statistics of the version being trimmed for are in place already
        calls.append((number, (folder, number) in statsdata._cache))
        ran.set()
        return True

    monkeypatch.setattr(server, "release_freed_memory", recording)
    app = create_app(settings)
    try:
        server._warm(app, settings)
        first = current.current_info(settings).number
        assert calls == [(first, True)], "serve trims once after its first warm-up"
        time.sleep(current.IDLE_CHECK * 1.5)  # the watcher's first round: the version it had
        ran.clear()
        assert not publish(load_settings(settings.data_dir),
                           [write_generated(tmp_path / "b.jsonl", 2, start=20)]).failed
        assert ran.wait(current.IDLE_CHECK * 10), "the watcher never trimmed the new version"
        assert calls[-1] == (first + 1, True)
    finally:
        close_executor(app)
