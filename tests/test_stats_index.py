"""The facet index behind /siaran and filtered counts: a new version's index derived from the
previous one (the releases that changed) answers exactly as one read in full."""

from __future__ import annotations

import json

from infopublik_ld.config import load_settings
from infopublik_ld.publishing import publish, retract
from infopublik_ld.stats import DIMENSIONS
from infopublik_ld.store import open_version
from infopublik_ld.web import statsdata
from infopublik_ld.web.statsdata import FacetIndex, VersionStats

from .conftest_store import make_data_dir
from .sites import write_generated


def _answers(stats: VersionStats, filters_list: list[dict]) -> list:
    out = []
    for filters in filters_list:
        out.append((stats.total(filters), stats.page(filters, 0, 15), stats.page(filters, 7, 5),
                    {d: [(r.value, r.count, r.label) for r in stats.rows(d, filters)]
                     for d in DIMENSIONS}))
    return out


def _filters(index: FacetIndex) -> list[dict]:
    """A filter on values of every dimension (the most common ones), and pairs of them."""
    by_dim: dict[str, list] = {}
    for (d, v), n in index.ids.items():
        if index.postings[n]:
            by_dim.setdefault(d, []).append((len(index.postings[n]), v))
    chosen = [{d: max(vs)[1]} for d, vs in sorted(by_dim.items())]
    return [{}] + chosen + [{**a, **b} for a, b in zip(chosen, chosen[1:], strict=False)]


def test_index_of_a_new_version_is_derived_from_the_previous(tmp_path):
    settings = make_data_dir(tmp_path / "data")
    first = write_generated(tmp_path / "first.jsonl", 250)
    assert not publish(settings, [first]).failed
    with open_version(settings) as v1:
        old = VersionStats(v1, v1.number)
        old.index()
        # replace 40 (moved in every dimension), add 30, retract 10
        lines = first.read_text(encoding="utf-8").splitlines()
        moved = []
        for i, line in enumerate(lines[:40]):
            r = json.loads(line)
            r["date_published"] = f"2012-0{1 + i % 9}-11"
            r["dateline_region"] = "12.23" if i % 2 else "31.71"
            r["regulations"] = [{"type": "inpres", "number": "9", "year": 2015}]
            r["organizations"][0]["name"] += " Baru"
            moved.append(json.dumps(r, ensure_ascii=False))
        second = tmp_path / "second.jsonl"
        second.write_text("\n".join(moved) + "\n", encoding="utf-8")
        assert not publish(load_settings(settings.data_dir), [
            second, write_generated(tmp_path / "more.jsonl", 30, start=250)]).failed
        for key in ("gen-0000045", "gen-0000046", "gen-0000100", "gen-0000001"):
            retract(settings, key, "uji indeks")
        with open_version(settings) as v2:
            calls = []
            real = statsdata.FacetIndex.load
            statsdata.FacetIndex.load = classmethod(lambda cls, view: calls.append(1)
                                                    or real(view))
            try:
                derived = VersionStats(v2, v2.number, old)
                assert derived.index() is not old.index()
                assert calls == [], "the index was read in full, not derived"
            finally:
                statsdata.FacetIndex.load = real
            fresh = VersionStats(v2, v2.number)
            filters = _filters(fresh.index()) + _filters(old.index())
            assert _answers(derived, filters) == _answers(fresh, filters)
            assert derived.total({}) == fresh.total({}) == 250 + 30 - 4
            assert derived.index().dead_share() > 0
            # the old version still answers as it did (the two share what did not change)
            again = VersionStats(v1, v1.number)
            assert _answers(old, filters) == _answers(again, filters)


def test_version_stats_hands_the_index_on_and_lets_old_ones_go(tmp_path):
    settings = make_data_dir(tmp_path / "data")
    assert not publish(settings, [write_generated(tmp_path / "a.jsonl", 30)]).failed
    with open_version(settings) as v1:
        s1 = statsdata.version_stats(settings, v1.number, v1)
        s1.index()
        assert not publish(load_settings(settings.data_dir),
                           [write_generated(tmp_path / "b.jsonl", 5, start=30)]).failed
        with open_version(settings) as v2:
            s2 = statsdata.version_stats(settings, v2.number, v2)
            assert s2._previous is s1
            assert not publish(load_settings(settings.data_dir),
                               [write_generated(tmp_path / "c.jsonl", 5, start=35)]).failed
            with open_version(settings) as v3:
                # v2 never built its index: v3 derives from v1's, and holds nothing else
                s3 = statsdata.version_stats(settings, v3.number, v3)
                assert s3._previous is s1 and s2._previous is s1
                assert s3.total({"year": s3.rows("month")[0].value[:4]}) > 0
                assert s3._previous is None
                assert s3.total({}) == 40


def test_serve_warms_each_new_version_before_its_first_request(tmp_path):
    """What ``serve`` does in each server process: the counts, the facet index and the
    unfiltered /statistik pages of the current version are ready before any request, and
    those of each new version within the watcher's period of its publish."""
    import threading
    import time

    from infopublik_ld.web import create_app, current, stats

    settings = make_data_dir(tmp_path / "data")
    assert not publish(settings, [write_generated(tmp_path / "a.jsonl", 40)]).failed
    app = create_app(settings)
    stats.warm(app, settings)
    number = current.current(settings)[0].number
    folder = str(settings.data_dir)
    cached = statsdata._cache[folder, number]
    assert cached._index is not None
    assert {(k[2], k[3]) for k in stats._pages if k[:2] == (folder, number)} == {
        ("id", "/statistik?"), ("en", "/statistik?lang=en"), ("en", "/statistik?")}

    seen = threading.Event()
    current.on_new_version(settings, lambda s: (stats.warm(app, s), seen.set()))
    time.sleep(current.IDLE_CHECK * 1.5)  # the watcher's first round: the version it had
    seen.clear()
    assert not publish(load_settings(settings.data_dir),
                       [write_generated(tmp_path / "b.jsonl", 3, start=40)]).failed
    assert seen.wait(current.IDLE_CHECK * 10), "the watcher never ran the hook"
    newer = statsdata._cache[folder, number + 1]
    assert newer._index is not None and newer.total({}) == 43
    assert (folder, number + 1, "id", "/statistik?") in stats._pages
    with app.test_client() as client:  # served from the caches the hook filled
        page = client.get("/statistik")
        assert page.status_code == 200 and page.headers["ETag"].startswith(f'"v{number + 1}-')
