"""Crash safety: SIGKILL a real `publish` mid-batch, reopen, check, publish again."""

from __future__ import annotations

import contextlib
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from infopublik_ld.fts import FILE as FTS_FILE
from infopublik_ld.store import current_version, open_store, open_version
from infopublik_ld.vocab import GPR, PROV, RDF

from .conftest_store import BASE, make_data_dir

ROOT = Path(__file__).resolve().parents[1]
N = 4500  # nine loads of 500: the kill comes after the first ones
CLI = [sys.executable, "-c", "import sys; from infopublik_ld.cli import main; "
       "sys.argv[0] = 'infopublik-ld'; main()"]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("corpus") / f"corpus-{N}.jsonl"
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "generate_corpus.py"), str(N),
                    "-o", str(out)], check=True)
    return out


def indexed(data: Path) -> int:
    try:
        with sqlite3.connect(data / FTS_FILE, timeout=1) as db:
            return db.execute("SELECT COUNT(*) FROM releases").fetchone()[0]
    except sqlite3.Error:
        return 0


def check_consistent(store) -> dict:
    """Every release graph is complete and registered; every version's data is there."""
    states = store.releases()
    graphs = {r["g"] for r in store.select(
        "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } "
        f"FILTER(STRSTARTS(STR(?g), \"{BASE}graph/release/\")) }}")}
    assert graphs == set(states), "a release graph without registry entry, or the reverse"
    sizes = {r["g"]: int(r["n"]) for r in store.select(
        "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } "
        f"FILTER(STRSTARTS(STR(?g), \"{BASE}graph/release/\")) }} GROUP BY ?g")}
    with_prov = {r["g"] for r in store.select(
        f"SELECT ?g WHERE {{ GRAPH ?g {{ ?g <{RDF.type}> <{GPR.ReleaseGraph}> ; "
        f"<{PROV.wasGeneratedBy}> ?a . ?a <{GPR.conforms}> ?c }} }}")}
    for g, state in states.items():
        assert sizes[g] == state.triples, f"{g}: {sizes[g]} of {state.triples} triples"
        assert g in with_prov
    versions = store.versions()
    changed = {k for v in versions for k in v.added + v.replaced}
    assert {s.key for s in states.values()} <= changed
    assert store.unfinished() == []
    return states



def publish_mid_batch(settings, corpus: Path, *args: str, **popen) -> subprocess.Popen:
    """Start `publish` of the corpus in a subprocess, committing every 500 new releases, and
    return once at least one commit is indexed (the interruption then comes mid-batch)."""
    env = {**os.environ, "INFOPUBLIK_COMMIT_EVERY": "500"}
    proc = subprocess.Popen([*CLI, "--data", str(settings.data_dir), *args, "publish",
                             str(corpus), "--workers", "2"], env=env, **popen)
    deadline = time.monotonic() + 240
    while indexed(settings.data_dir) < 600 and proc.poll() is None:
        assert time.monotonic() < deadline, "publish made no progress"
        time.sleep(0.05)
    return proc


def publish_again_completes(settings, corpus: Path) -> None:
    again = subprocess.run([*CLI, "--data", str(settings.data_dir), "publish", str(corpus),
                            "--workers", "2"], capture_output=True, text=True, timeout=600)
    assert again.returncode == 0, again.stderr
    with open_store(settings) as store:
        assert len(check_consistent(store)) == N


def published_first(tmp_path, corpus: Path, n: int):
    """A data directory with the first ``n`` corpus releases published; its settings and the
    corpus lines."""
    from infopublik_ld.publishing import publish

    settings = make_data_dir(tmp_path / "data")
    lines = corpus.read_bytes().splitlines(keepends=True)
    first = tmp_path / "first.jsonl"
    first.write_bytes(b"".join(lines[:n]))
    assert not publish(settings, [first]).failed
    return settings, lines


def write_half(store, victims: list[str]) -> None:
    """What an interrupted bulk load leaves: some of the victims' quads and part of the first
    one's bookkeeping."""
    import pyoxigraph as ox

    from infopublik_ld.store.base import SYS, block, trig

    half = [(g, block([f"<{g}> <{RDF.type}> <{GPR.ReleaseGraph}>"])) for g in victims[:2]]
    store._store.bulk_load(trig(half).encode(), format=ox.RdfFormat.TRIG)
    v0 = victims[0]
    partial = [(store.g["registry"], block([f"<{v0}> <{GPR.releaseKey}> \"crash-0\""])),
               (store.g["versions"], block([f"<{BASE}id/version/2> <{SYS}added> <{v0}>"]))]
    store._meta.bulk_load(trig(partial).encode(), format=ox.RdfFormat.TRIG)


def publishing_the_rest_completes(tmp_path, settings, lines: list[bytes]) -> None:
    from infopublik_ld.config import load_settings
    from infopublik_ld.publishing import publish

    rest = tmp_path / "rest.jsonl"
    rest.write_bytes(b"".join(lines[50:120]))
    assert not publish(load_settings(settings.data_dir), [rest]).failed
    with open_store(settings) as store:
        assert len(check_consistent(store)) == 120

def group_members(pgid: int) -> list[str]:
    """The processes (pid and command line) of process group ``pgid`` that still run."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            cmd = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:  # ended meanwhile
            continue
        fields = stat.rsplit(")", 1)[1].split()  # after "pid (comm)": state ppid pgrp ...
        if int(fields[2]) == pgid and fields[0] != "Z":
            found.append(f"{entry.name} {cmd[:100]}")
    return found


def test_sigkill_mid_batch_leaves_whole_releases(tmp_path, corpus):
    settings = make_data_dir(tmp_path / "data")
    proc = publish_mid_batch(settings, corpus, start_new_session=True,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    assert len(group_members(proc.pid)) >= 4, "expected the publisher, its forkserver, " \
        "its workers and its resource tracker"
    os.kill(proc.pid, signal.SIGKILL)  # the publisher only, as `kill -9 PID` does
    proc.wait()
    assert proc.returncode == -signal.SIGKILL, "publish finished before it could be killed"
    # no orphans: its workers, forkserver and resource tracker end with it
    deadline = time.monotonic() + 10
    while group_members(proc.pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    survivors = group_members(proc.pid)
    if survivors:  # leave none behind on this machine either
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
    assert survivors == [], "processes of the killed publish survived it"

    with open_store(settings) as store:  # reopening finishes the interrupted version
        states = check_consistent(store)
    assert 500 <= len(states) < N
    info = current_version(settings)
    assert info is not None and info.interrupted and info.releases == len(states)
    with open_version(settings) as view:
        assert len(view.releases()) == len(states)

    publish_again_completes(settings, corpus)
    assert current_version(settings).releases == N
    assert indexed(settings.data_dir) == N


def test_ctrl_c_stops_publish_cleanly(tmp_path, corpus):
    """Ctrl-C (SIGINT to the publisher) mid-batch: a clear message, exit 130, no journal
    left, every release whole or absent, and publishing again completes the batch."""
    from infopublik_ld.store.oxigraph import JOURNAL

    settings = make_data_dir(tmp_path / "data")
    proc = publish_mid_batch(settings, corpus, "--lang", "en", stdout=subprocess.DEVNULL,
                             stderr=subprocess.PIPE,
                             preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert "stopped: releases already written stay whole" in err.decode()
    assert not (settings.store_dir / JOURNAL).exists()
    with open_store(settings) as store:
        states = check_consistent(store)
    assert 500 <= len(states) < N
    publish_again_completes(settings, corpus)


def test_interrupted_bulk_write_is_undone(tmp_path, corpus):
    """A store left by an earlier writer, which marked bulk-loaded graphs in `graph/pending`
    instead of a journal: marks written, half the quads loaded, the process "died" before
    the marks were removed. Reopening must leave those releases absent.
    """
    import pyoxigraph as ox

    from infopublik_ld.store.base import SYS, block, trig

    settings, lines = published_first(tmp_path, corpus, 50)
    victims = [f"{BASE}graph/release/crash-{i}" for i in range(3)]
    with open_store(settings) as store:
        pending = store.g["pending"]
        marks = [(pending, block(f"<{pending}> <{SYS}pending> <{g}>" for g in victims))]
        store._store.load(trig(marks).encode(), format=ox.RdfFormat.TRIG)
        write_half(store, victims)
        # the process dies here: the marks are never dropped
    with open_store(settings) as store:
        states = check_consistent(store)
        assert not set(victims) & set(states)
        left = store.select("SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        assert not {r["g"] for r in left} & {*victims, pending}
        named = store.select_meta(f"SELECT ?s WHERE {{ GRAPH ?g {{ ?s ?p <{victims[0]}> }} }}")
        assert named == [] and store.select_meta(
            f"SELECT ?p WHERE {{ GRAPH ?g {{ <{victims[0]}> ?p ?o }} }}") == []
    assert len(states) == 50
    publishing_the_rest_completes(tmp_path, settings, lines)


def test_interrupted_streamed_load_is_undone(tmp_path, corpus):
    """A crash inside a streamed load of new releases: the journal lists the graphs, some of
    their quads and bookkeeping got in, the journal was never removed. Reopening must leave
    those releases absent and the rest untouched."""
    from infopublik_ld.store.oxigraph import JOURNAL, SPOOL

    settings, lines = published_first(tmp_path, corpus, 50)
    victims = [f"{BASE}graph/release/crash-{i}" for i in range(3)]
    with open_store(settings) as store:
        journal = store._where / JOURNAL
        journal.write_text("".join(f"{g}\n" for g in victims), encoding="utf-8")
        (store._where / SPOOL).write_text("", encoding="utf-8")
        write_half(store, victims)
        # the process dies here: the journal is never removed
    v0 = victims[0]
    with open_store(settings) as store:
        states = check_consistent(store)
        assert not journal.exists() and not (store._where / SPOOL).exists()
        left = store.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        assert not {r["g"] for r in left} & set(victims)
        assert store.select_meta(
            f"SELECT ?s WHERE {{ GRAPH ?g {{ {{ ?s ?p <{v0}> }} UNION {{ <{v0}> ?p ?s }} }} }}") \
            == []
    assert len(states) == 50
    publishing_the_rest_completes(tmp_path, settings, lines)


def test_failed_streamed_load_publishes_nothing_of_it(tmp_path, corpus, monkeypatch):
    """The disk fills up in the middle of a streamed load (the second batch): publish stops
    with a clear message; the releases of that load are absent, what was published before is
    untouched, and publishing again completes the batch."""
    from infopublik_ld.config import load_settings
    from infopublik_ld.errors import StoreError
    from infopublik_ld.publishing import STREAM_BATCH, publish
    from infopublik_ld.store import oxigraph

    settings, lines = published_first(tmp_path, corpus, 30)
    batch = tmp_path / "batch.jsonl"
    batch.write_bytes(b"".join(lines[30:30 + 2 * STREAM_BATCH + 100]))
    real_trig, calls = oxigraph.trig, []

    def filling_up(inserts):
        calls.append(1)
        if len(calls) == 3:  # batch 1: bookkeeping, graphs; batch 2: bookkeeping → full
            raise OSError(28, "No space left on device")
        return real_trig(inserts)

    monkeypatch.setattr(oxigraph, "trig", filling_up)
    with pytest.raises(StoreError) as err:
        publish(load_settings(settings.data_dir), [batch])
    assert "full" in err.value.message_en and "penuh" in err.value.message_id
    monkeypatch.setattr(oxigraph, "trig", real_trig)
    with open_store(settings) as store:
        assert len(check_consistent(store)) == 30
        assert not (store._where / oxigraph.JOURNAL).exists()
    assert current_version(settings).releases == 30
    assert not publish(load_settings(settings.data_dir), [batch]).failed
    with open_store(settings) as store:
        assert len(check_consistent(store)) == 30 + 2 * STREAM_BATCH + 100
    assert indexed(settings.data_dir) == 30 + 2 * STREAM_BATCH + 100


def test_interrupted_replacement_is_finished(tmp_path, corpus, monkeypatch):
    """A crash after the data transaction of a replacement and a retraction, before their
    bookkeeping: reopening applies the recorded bookkeeping, so the releases are whole."""
    import json

    from infopublik_ld.config import load_settings
    from infopublik_ld.publishing import publish, retract

    settings = make_data_dir(tmp_path / "data")
    lines = corpus.read_bytes().splitlines(keepends=True)
    first = tmp_path / "first.jsonl"
    first.write_bytes(b"".join(lines[:20]))
    assert not publish(settings, [first]).failed
    changed = tmp_path / "changed.jsonl"
    records = [json.loads(line) for line in lines[:2]]
    for r in records:
        r["headline"] = r["headline"] + " (ralat)"
    changed.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")

    with monkeypatch.context() as m:  # the bookkeeping transaction never happens
        _die_on_bookkeeping(m)
        with pytest.raises(Killed):
            publish(load_settings(settings.data_dir), [changed])
    with open_store(settings) as store:  # reopening applies the recorded bookkeeping
        states = check_consistent(store)
        assert len(states) == 20
        pending = store.g["pending"]
        assert store.select(f"SELECT ?s WHERE {{ GRAPH <{pending}> {{ ?s ?p ?o }} }}") == []
        replaced = {k for v in store.versions() for k in v.replaced}
        assert len(replaced) == 2
    key = sorted(states.values(), key=lambda s: s.key)[5].key
    with monkeypatch.context() as m:
        _die_on_bookkeeping(m)
        with pytest.raises(Killed):
            retract(load_settings(settings.data_dir), key, "uji")
    with open_store(settings) as store:
        states = check_consistent(store)
        assert len(states) == 19 and key not in {s.key for s in states.values()}
        assert store.tombstone(f"{BASE}graph/release/{key}")["reason"] == "uji"


def test_interrupted_small_publish_is_finished(tmp_path, corpus, monkeypatch):
    """A few new releases go in one data transaction with their bookkeeping as a mark (no
    bulk load): a crash before the bookkeeping transaction leaves them whole once the store
    is reopened, in a version marked interrupted."""
    from infopublik_ld.config import load_settings
    from infopublik_ld.publishing import publish
    from infopublik_ld.store.oxigraph import JOURNAL, OxigraphStore

    settings, lines = published_first(tmp_path, corpus, 20)
    few = tmp_path / "few.jsonl"
    few.write_bytes(b"".join(lines[20:23]))
    assert 3 <= OxigraphStore.small_write
    with monkeypatch.context() as m:
        _die_on_bookkeeping(m)
        with pytest.raises(Killed):
            publish(load_settings(settings.data_dir), [few])
    assert not (settings.store_dir / JOURNAL).exists()  # a transaction, not a bulk load
    with open_store(settings) as store:
        states = check_consistent(store)
        assert len(states) == 23
        pending = store.g["pending"]
        assert store.select(f"SELECT ?s WHERE {{ GRAPH <{pending}> {{ ?s ?p ?o }} }}") == []
        newest = store.versions(limit=1)[0]
        assert newest.interrupted and len(newest.added) == 3
    assert current_version(settings).releases == 23
    assert publish(load_settings(settings.data_dir), [few]).unchanged == 3


class Killed(BaseException):
    """The process dies here (nothing after this point runs)."""


class _DiesOnUpdate:
    """The real bookkeeping store of a process that dies at its next transaction."""

    def __init__(self, real):
        self._real = real

    def __getattr__(self, name):
        if name in ("update", "load"):
            def die(*args, **kwargs):
                raise Killed(name)
            return die
        return getattr(self._real, name)


def _die_on_bookkeeping(m) -> None:
    from infopublik_ld.store.oxigraph import OxigraphStore

    opened = OxigraphStore.__init__

    def init(self, *args, **kwargs):
        opened(self, *args, **kwargs)
        self._meta = _DiesOnUpdate(self._meta)

    m.setattr(OxigraphStore, "__init__", init)


def test_republish_skips_unchanged_input_without_mapping(tmp_path, corpus):
    """Same bytes, same base, same tool: counted unchanged, no new version."""
    from infopublik_ld.publishing import publish

    settings = make_data_dir(tmp_path / "data")
    src = tmp_path / "some.jsonl"
    src.write_bytes(b"".join(corpus.read_bytes().splitlines(keepends=True)[:30]))
    first = publish(settings, [src])
    assert len(first.added) == 30 and first.version is not None
    again = publish(settings, [src])
    assert again.unchanged == 30 and again.version is None and not again.added
    assert again.unchanged_inputs == 30  # skipped before mapping, by input hash
    assert current_version(settings).number == first.version.number
