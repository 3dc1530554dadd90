"""The kept counts against SPARQL GROUP BY over the data: after publishing several thousand
releases, after replacements, after retractions, after a crash mid-batch, after reindex."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from infopublik_ld.config import load_settings
from infopublik_ld.publishing import publish, reindex, retract
from infopublik_ld.stats import DIMENSIONS
from infopublik_ld.stats.counts import read_snapshot, read_stamp, read_totals, snapshot_part
from infopublik_ld.stats.facets import REFERENCE_QUERIES, facets_of, parse
from infopublik_ld.store import current_version, open_store, open_version

from .conftest_store import BASE, make_data_dir
from .test_crash import indexed, write_half

ROOT = Path(__file__).resolve().parents[1]
N = 2000
PREFIXES = ("PREFIX gpr: <https://w3id.org/infopublik/gpr#>\n"
            "PREFIX schema: <http://schema.org/>\nPREFIX dct: <http://purl.org/dc/terms/>\n")
CLI = [sys.executable, "-c", "import sys; from infopublik_ld.cli import main; "
       "sys.argv[0] = 'infopublik-ld'; main()"]


@pytest.fixture(scope="module")
def lines(tmp_path_factory) -> list[bytes]:
    out = tmp_path_factory.mktemp("corpus") / f"corpus-{N}.jsonl"
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "generate_corpus.py"), str(N),
                    "-o", str(out)], check=True)
    return out.read_bytes().splitlines(keepends=True)


def reference_query(dim: str, base: str) -> str:
    """The GROUP BY of ``dim`` over the release graphs of the instance at ``base`` only: a
    remote engine of the test session holds other instances too (the small site), whose
    releases the plain query would count as well."""
    query = REFERENCE_QUERIES[dim]
    scoped = query.replace(
        "GRAPH ?g {", f'GRAPH ?g {{ FILTER(STRSTARTS(STR(?g), "{base}graph/release/"))', 1)
    assert scoped != query
    return PREFIXES + scoped


def assert_counts_match(view) -> dict[str, dict[str, int]]:
    """Every kept count equals the GROUP BY over the data of the same version; return them."""
    totals = read_totals(view)
    assert read_stamp(view) == view.number
    assert totals.releases == len(view.releases())
    # counts and labels rewritten in place leave one of each per observation
    graph = f"{view.base}graph/statistics"
    for prop in ("https://w3id.org/infopublik/gpr#numberOfReleases",
                 "http://www.w3.org/2000/01/rdf-schema#label"):
        twice = view.select(f"SELECT ?o (COUNT(?x) AS ?c) WHERE {{ GRAPH <{graph}> {{ ?o <{prop}>"
                            f" ?x }} }} GROUP BY ?o HAVING (COUNT(?x) > 1)")
        assert twice == [], twice[:3]
    # the snapshot the writer and the web read is the graph's twin, for the same version
    snap = read_snapshot(view)
    assert snap is not None and snap.version == view.number
    assert snap.totals.releases == totals.releases
    assert snap.totals.cells() == totals.cells()
    out = {}
    for dim in DIMENSIONS:
        expected = {r["v"]: int(r["n"]) for r in view.select(reference_query(dim, view.base))}
        kept = {v: n for (d, v), n in totals.n.items() if d == dim}
        assert kept == expected, f"{dim}: " + repr(sorted(
            (k, kept.get(k), expected.get(k)) for k in set(kept) | set(expected)
            if kept.get(k) != expected.get(k))[:5])
        assert expected, f"{dim}: nothing counted; the test data should cover every dimension"
        out[dim] = kept
    return out


def changed(line: bytes, n: int) -> bytes:
    """A replacement of a corpus record that moves it in every dimension."""
    r = json.loads(line)
    r["date_published"] = f"20{10 + n % 5}-0{1 + n % 9}-15"
    r["dateline_region"] = "12.23" if n % 2 else "31.71"
    if r.get("event"):
        r["event"]["event_type"] = "bimtek" if n % 2 else "pameran"
        r["event"]["region"] = "12.23.01"
    r["regulations"] = [{"type": "inpres", "number": "9", "year": 2015}] if n % 3 else []
    r["quotes"] = r.get("quotes", [])[:1] if n % 2 else []
    r["organizations"][0]["name"] += " Baru"
    return (json.dumps(r, ensure_ascii=False) + "\n").encode("utf-8")


def test_counts_follow_publish_replace_retract_and_reindex(tmp_path, lines):
    settings = make_data_dir(tmp_path / "data")
    first = tmp_path / "first.jsonl"
    first.write_bytes(b"".join(lines))
    assert not publish(settings, [first]).failed
    with open_version(settings) as view:
        before = assert_counts_match(view)

    replaced = tmp_path / "replaced.jsonl"
    replaced.write_bytes(b"".join(changed(line, i) for i, line in enumerate(lines[:300])))
    result = publish(load_settings(settings.data_dir), [replaced])
    assert len(result.replaced) == 300 and not result.failed
    with open_version(settings) as view:
        after = assert_counts_match(view)
    assert after["region"].get("12.23.01", 0) > before["region"].get("12.23.01", 0)
    assert after != before

    keys = sorted(s.key for s in open_version(settings).releases().values())
    for key in keys[::250]:
        retract(settings, key, "uji statistik")
    with open_version(settings) as view:
        assert_counts_match(view)
        assert read_totals(view).releases == N - len(keys[::250])

    number = current_version(settings).number
    reindex(load_settings(settings.data_dir))
    assert current_version(settings).number == number, "unchanged counts make no version"
    with open_version(settings) as store:  # a stale statistics graph is rewritten by reindex
        graph = f"{BASE}graph/statistics"
        stale = store.select(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")
        assert int(stale[0]["n"]) > 0
    with open_store(settings) as store:
        store._write_statistics([f"DELETE WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"],
                                (graph, ""))
    reindex(load_settings(settings.data_dir))
    assert current_version(settings).number == number + 1
    with open_version(settings) as view:
        assert_counts_match(view)


def test_counts_after_a_crash_mid_batch(tmp_path, lines):
    """SIGKILL during a streamed publish; the next writer finishes the interrupted version
    and its counts agree with its data (releases of the undone load counted nowhere)."""
    settings = make_data_dir(tmp_path / "data")
    first = tmp_path / "first.jsonl"
    first.write_bytes(b"".join(lines[:200]))
    assert not publish(settings, [first]).failed
    rest = tmp_path / "rest.jsonl"
    rest.write_bytes(b"".join(changed(line, i) for i, line in enumerate(lines[:100]))
                     + b"".join(lines[200:]))
    env = {**os.environ, "INFOPUBLIK_COMMIT_EVERY": "300"}
    proc = subprocess.Popen([*CLI, "--data", str(settings.data_dir), "publish", str(rest),
                             "--workers", "2"], env=env, start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 240
    while indexed(settings.data_dir) < 550 and proc.poll() is None:  # one load committed
        assert time.monotonic() < deadline, "publish made no progress"
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL, "publish finished before it could be killed"
    with open_store(settings) as store:
        assert store.unfinished() == []
    info = current_version(settings)
    assert info.interrupted and info.releases >= 200
    with open_version(settings) as view:
        assert_counts_match(view)
    assert not publish(load_settings(settings.data_dir), [rest]).failed
    with open_version(settings) as view:
        assert read_totals(view).releases == N
        assert_counts_match(view)

    # a load that died half-way (journal left, some quads and bookkeeping in): undone on
    # reopening, counted nowhere; the next version's counts still match its data
    from infopublik_ld.store.oxigraph import JOURNAL, SPOOL

    victims = [f"{BASE}graph/release/crash-{i}" for i in range(3)]
    with open_store(settings) as store:
        (store._where / JOURNAL).write_text("".join(f"{g}\n" for g in victims))
        (store._where / SPOOL).write_text("")
        write_half(store, victims)
    retract(load_settings(settings.data_dir), "gen-0000001", "uji pemulihan")
    with open_version(settings) as view:
        assert read_totals(view).releases == N - 1
        assert_counts_match(view)


def test_facets_of_the_example_release():
    from infopublik_ld.pipeline import prepare

    raw = (ROOT / "examples" / "labura-bakohumas-2019.json").read_bytes()
    rel = prepare(json.loads(raw), source=raw, base=BASE).release
    facets = parse(facets_of(rel.graph_iri, rel.triples))
    dims = {d for d, _, _ in facets}
    assert {"month", "agency", "region", "event-kind", "person"} <= dims
    assert ("region", "12", "") in facets and ("region", "12.23", "") in facets


def test_counts_kept_on_every_backend(store_settings, lines, tmp_path):
    """Publish, replace (every dimension moves: counts change in place, values come and go),
    add and retract on the embedded store and on both remote engines: the graph, its
    snapshot and the GROUP BY agree after each version. (The session's engines may hold the
    small site beside this instance: the GROUP BY counts this instance's graphs only.)"""
    settings = store_settings
    first = tmp_path / "first.jsonl"
    first.write_bytes(b"".join(lines[:60]))
    assert not publish(settings, [first]).failed
    with open_version(settings) as view:
        assert_counts_match(view)
    later = tmp_path / "later.jsonl"
    later.write_bytes(b"".join(changed(line, i) for i, line in enumerate(lines[:15]))
                      + b"".join(lines[60:70]))
    result = publish(load_settings(settings.data_dir), [later])
    assert len(result.replaced) == 15 and len(result.added) == 10
    with open_version(settings) as view:
        assert_counts_match(view)
    for key in ("gen-0000003", "gen-0000020"):
        retract(load_settings(settings.data_dir), key, "uji statistik")
    with open_version(settings) as view:
        assert read_totals(view).releases == 68
        assert_counts_match(view)


def test_snapshot_in_several_updates_on_the_remote_engines(store_settings, lines, tmp_path,
                                                           monkeypatch):
    """On a remote engine the snapshot goes in updates of at most SNAPSHOT_BYTES (Virtuoso
    refuses an update text over 10 MB, met at a million releases), the head last; read back,
    it equals the counts, after a first publish and after a change (every backend)."""
    from infopublik_ld.store.sparql import SparqlStore

    monkeypatch.setattr(SparqlStore, "SNAPSHOT_BYTES", 900)
    sent = []
    commit = SparqlStore._commit
    monkeypatch.setattr(SparqlStore, "_commit",
                        lambda self, *a: (sent.append(a), commit(self, *a))[1])
    settings = store_settings
    first = tmp_path / "first.jsonl"
    first.write_bytes(b"".join(lines[:40]))
    assert not publish(settings, [first]).failed
    later = tmp_path / "later.jsonl"
    later.write_bytes(b"".join(changed(line, i) for i, line in enumerate(lines[:5]))
                      + b"".join(lines[40:45]))
    assert not publish(load_settings(settings.data_dir), [later]).failed
    with open_version(settings) as view:
        assert_counts_match(view)  # the snapshot read back equals the graph and the data
    if settings.store == "sparql":
        snapshot_updates = [a for a in sent if any("/part/" in text for _, text in a[3])]
        assert len(snapshot_updates) > 2, len(snapshot_updates)


def test_the_snapshot_head_is_written_last():
    """The head follows every part, so a remote write interrupted between its updates leaves
    no head (the reader then recounts) rather than a head over missing parts."""
    from infopublik_ld.stats.counts import Totals, _snapshot_lines, statistics_dataset

    totals = Totals()
    totals.n.update({("person", f"p{i}"): 1 for i in range(300)})
    totals.releases = 300
    lines = _snapshot_lines(BASE, 3, totals, None)
    assert len(lines) > 2
    assert lines[-1].startswith(f"<{statistics_dataset(BASE)}> ") and "version" in lines[-1]
    assert all("/part/" in line for line in lines[:-1])


def test_snapshot_from_before_its_parts_is_rewritten_in_parts(tmp_path, lines):
    """A store whose snapshot is one literal per dimension (written before the parts): the
    next writer reads it whole and leaves the snapshot in parts, equal to the graph; the one
    after reads only the head and the parts its releases touch."""
    from infopublik_ld.stats.counts import statistics_dataset
    from infopublik_ld.store.base import SYS, block, lit

    settings = make_data_dir(tmp_path / "data")
    first = tmp_path / "first.jsonl"
    first.write_bytes(b"".join(lines[:60]))
    assert not publish(settings, [first]).failed
    with open_store(settings) as store:  # the snapshot as writers before the parts left it
        snap = read_snapshot(store)
        ds, reg = statistics_dataset(store.base), store.g["registry"]
        old = [f"<{ds}> <{SYS}totals> "
               f"{lit(json.dumps({'version': snap.version, 'releases': snap.totals.releases}))}"]
        old += [f"<{ds}/{dim}> <{SYS}totals> "
                f"{lit(json.dumps([list(r) for r in snap.totals.items(dim)]))}"
                for dim in DIMENSIONS]
        store._commit([], [], [f"DELETE WHERE {{ GRAPH <{reg}> {{ ?s <{SYS}totals> ?t }} }}"],
                      [(reg, block(old))])
        assert read_snapshot(store).totals.cells() == snap.totals.cells()
    for i, chunk in enumerate((lines[60:61], lines[61:63])):
        more = tmp_path / f"more{i}.jsonl"
        more.write_bytes(b"".join(chunk))
        assert not publish(load_settings(settings.data_dir), [more]).failed
        with open_version(settings) as view:
            assert_counts_match(view)
            subjects = {r["s"] for r in view.select_meta(
                f"SELECT ?s WHERE {{ GRAPH <{view.g['registry']}> {{ ?s <{SYS}totals> ?t }} }}")}
            assert subjects - {ds} and all("/part/" in s for s in subjects - {ds}), subjects
    with open_store(settings) as store:  # a writer reads the head, then only what it counts
        partial = read_snapshot(store, partial=True).totals
        assert partial.reader is not None and not partial.n
        month = next(v for (d, v) in snap.totals.n if d == "month")
        partial.cell(("month", month))
        assert partial.read_parts == {("month", snapshot_part(month))}
        assert partial.cell(("month", month)) == read_snapshot(store).totals.cell(("month", month))

