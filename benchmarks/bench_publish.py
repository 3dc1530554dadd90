"""Publish benchmark: generated releases into a fresh embedded store, against the floor.

    python benchmarks/bench_publish.py 100000 [--corpus FILE] [--virtuoso 20000]
    python benchmarks/bench_publish.py --one 10 --data DIR [--full-dump-s S | --full-dump]

``--one ROUNDS``: publishing ONE release into the published store DIR (e.g. 100 000
releases), ROUNDS fresh ``infopublik-ld publish`` processes: p50/p99 until the command returns,
and until that version's dumps are complete against a full dump (bench_dumps.py
``--publish-one``, which this runs; target p50 ≤ 2 s, dumps ≤ 2× a full dump).

Reports, from one run: releases/s of ``publish`` (JSON Lines, map + SHACL in worker
processes, one writer), peak RSS of the publisher, of its largest worker and of all of them
together (each process's peak, summed: an upper bound), the ratio
against ``pyoxigraph.Store.bulk_load`` of the very same quads as N-Quads (the floor: no
mapping, no validation, no transactions), republish time (must change nothing and be ≥ 2×
faster), the same publish without identity resolution (people and organisations minted from
their names, as before the authority list) into another fresh store and the ratio of the two
throughputs (``identity.ratio``, target ≥ 0.8; and of their CPU seconds, all processes,
``identity.cpu_ratio``, what holds whatever share of a busy machine each run got),
reconciliation of a batch of 100 names through ``/reconcile`` on the published store
(p50/p95 of 30 batches, a fresh process's first batch, the first batch after publishing one
more release, and what identity costs in that one-release publish), and optionally the same
publish into a private Virtuoso instance.
Results go to stdout and ``benchmarks/out/bench_publish.json``.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from tests.servers import Background, descendants  # noqa: E402  (the test helpers)

OUT = ROOT / "benchmarks" / "out"
BASE = "https://data.example.go.id/"
args_corpus: Path | None = None  # the corpus of this run (one_release_publish takes a record)


def corpus(n: int) -> Path:
    """The generated corpus of ``n`` releases (made by generate_corpus.py if missing)."""
    path = OUT / f"corpus-{n}.jsonl"
    if not path.exists():
        OUT.mkdir(parents=True, exist_ok=True)
        subprocess.run([sys.executable, str(ROOT / "benchmarks" / "generate_corpus.py"), str(n),
                        "-o", str(path)], check=True)
    return path


def rss_mib() -> float:
    """Peak RSS (MiB) of this process."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class DescendantPeaks(Background):
    """Samples the peak RSS (``VmHWM``) of every process below this one while it runs.

    The publishing workers are forkserver children (not waited for by this process), so
    ``RUSAGE_CHILDREN`` never sees them: read ``/proc`` instead, twice a second.
    """

    def __init__(self):
        super().__init__()
        self.peaks: dict[int, float] = {}
        #: CPU seconds (user + system) each process below this one had used, last seen
        self.cpu: dict[int, float] = {}

    def _run(self) -> None:
        me = os.getpid()
        tick = os.sysconf("SC_CLK_TCK")
        while not self._stop.wait(0.5):
            for pid in descendants(me):
                try:
                    with open(f"/proc/{pid}/status") as fh:
                        hwm = next(int(line.split()[1]) for line in fh
                                   if line.startswith("VmHWM:"))
                    with open(f"/proc/{pid}/stat") as fh:
                        fields = fh.read().rsplit(")", 1)[1].split()
                except (OSError, StopIteration, ValueError):
                    continue
                self.peaks[pid] = max(self.peaks.get(pid, 0), hwm / 1024)
                # utime and stime: fields 14 and 15 of stat, 12 and 13 after the name
                self.cpu[pid] = (int(fields[11]) + int(fields[12])) / tick


def cpu_self() -> float:
    """CPU seconds (user + system, all threads) of this process so far."""
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def publish_into(data: Path, src: Path, identities: bool = True,
                 **values) -> tuple[float, object]:
    from infopublik_ld.config import load_settings
    from infopublik_ld.publishing import init_data_dir, publish

    if not (data / "infopublik-ld.toml").exists():
        init_data_dir(data, base_iri=BASE)
    settings = load_settings(data, max_input_bytes=1 << 34, **values)
    t = time.perf_counter()
    result = publish(settings, [src], identities=identities)
    if result.failed:
        raise SystemExit(f"{len(result.failed)} releases failed: {result.failed[:3]}")
    return time.perf_counter() - t, result


def floor(data: Path, work: Path) -> tuple[float, int]:
    """Seconds to bulk_load the published quads (as N-Quads) into a fresh store."""
    import pyoxigraph as ox

    from infopublik_ld.config import load_settings
    from infopublik_ld.store import open_version

    nq = work / "dump.nq"
    with open_version(load_settings(data)) as view, open(nq, "wb") as fh:
        view.dump(fh)
    lines = sum(1 for _ in open(nq, "rb"))
    store = ox.Store(str(work / "floor"))
    t = time.perf_counter()
    store.bulk_load(path=str(nq), format=ox.RdfFormat.N_QUADS)
    store.flush()
    return time.perf_counter() - t, lines


def reconcile_run(data: Path, batches: int = 30, size: int = 100) -> dict:
    """p50/p95 of reconciling ``size`` names (people of the store, deterministic sample, a
    third with an office or region property) through ``/reconcile`` (Flask test client: the
    real request parsing, index and JSON; no network)."""
    import statistics

    from infopublik_ld.config import load_settings
    from infopublik_ld.identity.curation import list_entries
    from infopublik_ld.web import create_app

    settings = load_settings(data)
    names = [r["name"] for r in list_entries(settings, "person", limit=1_000_000)]
    step = max(1, len(names) // size)
    picked = names[::step][:size]
    queries = {f"q{i}": {"query": n, "type": "person"} for i, n in enumerate(picked)}
    for i, q in enumerate(queries.values()):
        if i % 3 == 1:
            q["properties"] = [{"pid": "region", "v": "Labuhanbatu Utara"}]
        elif i % 3 == 2:
            q["properties"] = [{"pid": "office", "v": "kepala-dinas"}]
    client = create_app(settings).test_client()
    body = {"queries": json.dumps(queries)}
    t = time.perf_counter()
    first = client.post("/reconcile", data=body)  # a fresh process's first request
    first_s = time.perf_counter() - t
    assert first.status_code == 200, first.get_data(as_text=True)[:300]
    times = []
    for _ in range(batches):
        t = time.perf_counter()
        resp = client.post("/reconcile", data=body)
        times.append(time.perf_counter() - t)
        assert resp.status_code == 200
    matched = sum(1 for v in first.get_json().values() if v["result"] and v["result"][0]["match"])
    times.sort()
    # the first request after a publish (a new version) in the same process
    one = one_release_publish(data)
    t = time.perf_counter()
    after = client.post("/reconcile", data=body)
    after_s = time.perf_counter() - t
    assert after.status_code == 200
    return {"entities_people": len(names), "batch": len(picked), "batches": batches,
            "first_batch_s": round(first_s, 3),
            "p50_ms": round(statistics.median(times) * 1000, 1),
            "p95_ms": round(times[int(len(times) * 0.95) - 1] * 1000, 1),
            "first_batch_after_a_publish_s": round(after_s, 3),
            "top_candidate_matched": matched, "target_p50_ms": 200,
            "one_release_publish": one}


def one_release_publish(data: Path) -> dict:
    """Publish one new release into the store (in this process) and time what identity
    costs in it: opening the authority index, resolving, recording and committing the
    decisions (the real publish path, its identity steps wrapped with timers)."""
    import infopublik_ld.publishing as publishing
    from infopublik_ld.identity import index as aindex

    spent: dict[str, float] = {}

    def timed(name, fn):
        def wrapper(*a, **k):
            t = time.perf_counter()
            try:
                return fn(*a, **k)
            finally:
                spent[name] = spent.get(name, 0.0) + time.perf_counter() - t
        return wrapper

    @contextlib.contextmanager
    def writer_index(*a, **k):
        t = time.perf_counter()
        cm = original_index(*a, **k)
        value = cm.__enter__()
        spent["open_index"] = time.perf_counter() - t
        try:
            yield value
        finally:
            cm.__exit__(None, None, None)

    original_index = publishing.writer_index
    patched = {"writer_index": writer_index,
               "authority_for": timed("authority_for", publishing.authority_for),
               "resolve_write": timed("resolve", publishing.resolve_write),
               "finish_run": timed("finish", publishing.finish_run)}
    saved = {k: getattr(publishing, k) for k in patched}
    record = aindex.AuthorityIndex.record
    aindex.AuthorityIndex.record = timed("record", record)
    src = data.parent / "one.jsonl"
    record_ = json.loads(open(args_corpus, encoding="utf-8").readline())
    record_["id"] = f"bench-one-{time.time_ns()}"
    src.write_text(json.dumps(record_, ensure_ascii=False) + "\n", encoding="utf-8")
    try:
        for k, v in patched.items():
            setattr(publishing, k, v)
        seconds, result = publish_into(data, src)
    finally:
        for k, v in saved.items():
            setattr(publishing, k, v)
        aindex.AuthorityIndex.record = record
    return {"seconds_in_process": round(seconds, 3), "added": len(result.added),
            "identity_ms": {k: round(v * 1000, 1) for k, v in sorted(spent.items())},
            "identity_total_ms": round(sum(spent.values()) * 1000, 1)}


def virtuoso_run(n: int, src: Path, work: Path) -> dict:
    from tests.conftest_store import Virtuoso

    sub = work / f"corpus-{n}.jsonl"
    with open(src, "rb") as fin, open(sub, "wb") as fout:
        for i, line in enumerate(fin):
            if i >= n:
                break
            fout.write(line)
    folder = work / "virtuoso"
    folder.mkdir()
    v = Virtuoso(folder)
    try:
        seconds, result = publish_into(work / "vdata", sub, **v.settings_values())
        return {"releases": n, "seconds": round(seconds, 2),
                "releases_per_s": round(n / seconds, 1), "failed": len(result.failed)}
    finally:
        v.stop()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", type=int, nargs="?", default=100_000, help="releases to publish")
    ap.add_argument("--virtuoso", type=int, default=0,
                    help="also publish this many releases into a private Virtuoso")
    ap.add_argument("--keep", action="store_true", help="keep the work folder")
    ap.add_argument("--corpus", type=Path, help="a generated corpus of at least N releases "
                    "(default: benchmarks/out/corpus-N.jsonl, generated if missing)")
    ap.add_argument("--no-baseline", action="store_true",
                    help="skip the publish without identity resolution")
    ap.add_argument("--one", type=int, metavar="ROUNDS",
                    help="publish one release ROUNDS times into --data (see above)")
    ap.add_argument("--data", type=Path, help="--one: a published data directory")
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from bench_dumps import add_publish_one_args, publish_one_main

    add_publish_one_args(ap)
    ap.add_argument("--no-floor", action="store_true",
                    help="skip the bulk_load floor (a shorter run)")
    args = ap.parse_args()
    if args.one:
        if not args.data:
            raise SystemExit("--one needs --data DIR (a published store)")
        args.publish_one = args.one
        publish_one_main(args)
        return
    src = args.corpus or corpus(args.n)
    global args_corpus
    args_corpus = src
    OUT.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="bench-publish-", dir=OUT))
    report: dict = {"releases": args.n}
    try:
        data = work / "data"
        cpu0 = cpu_self()
        with DescendantPeaks() as peaks:
            seconds, first = publish_into(data, src)
        cpu_with = cpu_self() - cpu0 + sum(peaks.cpu.values())
        self_rss = rss_mib()
        workers = sorted(peaks.peaks.values(), reverse=True)
        report["publish"] = {
            "seconds": round(seconds, 2), "releases_per_s": round(args.n / seconds, 1),
            "triples": first.version.triples, "failed": len(first.failed),
            "triples_per_s": round(first.version.triples / seconds),
            "peak_rss_mib_publisher": round(self_rss),
            "peak_rss_mib_largest_worker": round(workers[0]) if workers else None,
            "peak_rss_mib_all_processes": round(self_rss + sum(workers))}
        print(json.dumps(report, indent=1), flush=True)
        again_s, again = publish_into(data, src)
        report["republish"] = {"seconds": round(again_s, 2), "unchanged": again.unchanged,
                               "new_version": again.version is not None,
                               "speedup": round(seconds / again_s, 2)}
        print(json.dumps(report["republish"]), flush=True)
        report["reconcile"] = reconcile_run(data)
        print(json.dumps(report["reconcile"]), flush=True)
        if not args.no_baseline:
            cpu0 = cpu_self()
            with DescendantPeaks() as base_peaks:
                base_s, base = publish_into(work / "data-no-identity", src, identities=False)
            cpu_without = cpu_self() - cpu0 + sum(base_peaks.cpu.values())
            # on a machine shared with other work the two publishes get different shares
            # of the cores: their CPU seconds (all processes, sampled twice a second) say
            # what each costs whatever the share
            report["identity"] = {
                "with_resolution_releases_per_s": round(args.n / seconds, 1),
                "without_resolution_releases_per_s": round(args.n / base_s, 1),
                "ratio": round(base_s / seconds, 3), "target": 0.8,
                "cpu_s_with": round(cpu_with, 1), "cpu_s_without": round(cpu_without, 1),
                "cpu_ratio": round(cpu_without / cpu_with, 3)}
            print(json.dumps(report["identity"]), flush=True)
            shutil.rmtree(work / "data-no-identity", ignore_errors=True)
        if not args.no_floor:
            floor_s, quads = floor(data, work)
            report["bulk_load_floor"] = {"seconds": round(floor_s, 2), "quads": quads,
                                         "publish_over_floor": round(seconds / floor_s, 2)}
            print(json.dumps(report["bulk_load_floor"]), flush=True)
        if args.virtuoso:
            report["virtuoso"] = virtuoso_run(args.virtuoso, src, work)
            print(json.dumps(report["virtuoso"]), flush=True)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    (OUT / "bench_publish.json").write_text(json.dumps(report, indent=1))
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
