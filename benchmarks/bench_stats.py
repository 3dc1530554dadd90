"""Statistics benchmark: precomputed counts against the SPARQL GROUP BY they replace, and what
keeping them costs publishing.

    python benchmarks/bench_stats.py --publish /work/bench/corpus-100000.jsonl \\
        --work /work/bench/stats --lock /work/bench/bench.lock --keep
    python benchmarks/bench_stats.py --data /work/bench/stats/publish-with-counts \\
        --one-release --lock /work/bench/bench.lock

1. ``--publish`` (JSON Lines): publish the corpus into two fresh stores, one keeping counts
   and one not (the internal switch :data:`infopublik_ld.stats.ENABLED`), in ``--segments``
   publishes each (default 10), *interleaved*: segment i goes into both stores back to back,
   the order alternating (ABBA), so that the load other programs put on the machine falls on
   both alike. Reports releases/s of each, their ratio, and the CPU seconds of each (this
   process, its threads and its publishing workers). A run with ``--segments 1`` is one
   publish of the whole corpus per store. With ``--lock``, each pair of segment publishes
   holds that file's lock (``flock``), so no other benchmark that takes it runs meanwhile,
   and none waits for the whole run. ``--keep`` keeps the stores (the counted one is a store
   to serve for 2).
2. ``--data`` (a published data directory): through ``serve`` (the response cache off,
   ``cache_entries = 0``), ``/api/stats/month`` and ``/statistik``: the first request on each
   of :data:`FRESH_CONNECTIONS` new connections once ``serve`` says it is ready, then p50/p99
   over ``--requests``; the same months counted by a GROUP BY through ``/sparql``; ratios of
   the p50s. With ``--one-release`` the data directory gets a new version while it is served:
   one release (a generated record replacing ``gen-0000007``, changed in every dimension) is
   published from this process, the time the statistics code took in that publish is
   reported (loading the totals, adjusting them, writing the graph and the snapshot), and
   the first requests of the new version are timed twice: at once, and after the servers'
   version watcher had its turn (:data:`infopublik_ld.web.current.IDLE_CHECK`).

Results go to stdout and ``benchmarks/out/bench_stats.json``. Figures are ratios measured in
one run: the machine is shared, absolute times drift.
"""

from __future__ import annotations

import argparse
import contextlib
import fcntl
import functools
import http.client
import itertools
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from tests.servers import _READY  # noqa: E402  (the test helpers)

OUT = ROOT / "benchmarks" / "out"
BASE = "https://data.example.go.id/"
#: new connections whose first request is timed (they reach every server process)
FRESH_CONNECTIONS = 12
PREFIXES = ("PREFIX gpr: <https://w3id.org/infopublik/gpr#>\n"
            "PREFIX schema: <http://schema.org/>\nPREFIX dct: <http://purl.org/dc/terms/>\n")
STATS_URLS = (("api_stats_month", "/api/stats/month"), ("statistik", "/statistik"))


@contextlib.contextmanager
def locked(path: Path | None):
    """Hold ``path``'s ``flock`` (the machine's benchmark lock) while the block runs."""
    if path is None:
        yield
        return
    with open(path, "a") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def load_average() -> float:
    """The machine's 1-minute load average (reported with each figure)."""
    return round(os.getloadavg()[0], 2)


# --- through serve ------------------------------------------------------------------------
def timed(url: str, path: str, n: int, accept: str = "*/*") -> list[float]:
    """Seconds of ``n`` sequential GETs of ``path`` on one keep-alive connection."""
    parts = urllib.parse.urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=600)
    out = []
    for _ in range(n):
        t = time.perf_counter()
        conn.request("GET", path, headers={"Accept": accept})
        resp = conn.getresponse()
        body = resp.read()
        out.append(time.perf_counter() - t)
        if resp.status != 200:
            raise RuntimeError(f"{path}: {resp.status} {body[:300]!r}")
    conn.close()
    return out


def summary(samples: list[float]) -> dict:
    """p50 and p99 in milliseconds."""
    s = sorted(samples)
    return {"n": len(s), "p50_ms": round(statistics.median(s) * 1000, 2),
            "p99_ms": round(s[min(len(s) - 1, int(len(s) * 0.99))] * 1000, 2)}


def first_requests(url: str, path: str) -> dict:
    """The first request on each of :data:`FRESH_CONNECTIONS` new connections (ms)."""
    first = [timed(url, path, 1)[0] * 1000 for _ in range(FRESH_CONNECTIONS)]
    return {"max_ms": round(max(first), 1), "median_ms": round(statistics.median(first), 1)}


def _ready(proc: subprocess.Popen) -> str:
    """The root URL ``serve`` prints once it is ready (no probe request of ours first)."""
    for line in proc.stderr:
        m = _READY.search(line)
        if m:
            threading.Thread(target=lambda: [None for _ in proc.stderr], daemon=True).start()
            return f"http://{m.group(1)}:{m.group(2)}/"
    raise RuntimeError("serve did not start")


def serve_figures(data: Path, n: int, n_sparql: int, one_release: bool) -> dict:
    from infopublik_ld.stats.facets import REFERENCE_QUERIES

    query = PREFIXES + REFERENCE_QUERIES["month"]
    sparql = "/sparql?" + urllib.parse.urlencode({"query": query})
    # the response cache off: every GROUP BY runs (setting cache_entries)
    env = {**os.environ, "INFOPUBLIK_CACHE_ENTRIES": "0"}
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", "from infopublik_ld.cli import main; main()",
                             "--lang", "en", "--data", str(data), "serve", "--port", "0",
                             "--query-time-limit", "600"], stderr=subprocess.PIPE,
                            stdout=subprocess.DEVNULL, env=env, text=True)
    out: dict = {"load_average_start": load_average()}
    try:
        url = _ready(proc)
        out["serve_ready_s"] = round(time.perf_counter() - started, 1)
        for name, path in STATS_URLS:
            first = first_requests(url, path)
            out[name] = {**summary(timed(url, path, n)), "first_requests": first}
        if one_release:
            out["one_release"] = new_version(data, url)
        timed(url, sparql, 1, "application/sparql-results+json")
        out["sparql_group_by_month"] = summary(
            timed(url, sparql, n_sparql, "application/sparql-results+json"))
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    base = out["sparql_group_by_month"]["p50_ms"]
    for name, _ in STATS_URLS:
        out[name]["speedup_vs_group_by_p50"] = round(base / out[name]["p50_ms"], 1)
    out["load_average_end"] = load_average()
    return out


@contextlib.contextmanager
def statistics_timer():
    """Seconds the statistics code takes while the block runs (``{part: seconds}``): loading
    the totals, the registry look-ups of replaced releases' facets, adjusting the totals,
    writing the graph and the snapshot. Wall-clock seconds; ``{part + "_cpu": seconds}`` the
    CPU seconds of the thread that ran them (less sensitive to other programs' load)."""
    from infopublik_ld.stats import counts
    from infopublik_ld.store import base

    spent: dict[str, float] = {}
    patched = []

    def wrap(owner, name, label, static=False):
        original = owner.__dict__[name]
        fn = original.__func__ if static else original

        @functools.wraps(fn)
        def timed_call(*args, **kwargs):
            t, c = time.perf_counter(), time.thread_time()
            try:
                return fn(*args, **kwargs)
            finally:
                spent[label] = spent.get(label, 0.0) + time.perf_counter() - t
                spent[label + "_cpu"] = spent.get(label + "_cpu", 0.0) + time.thread_time() - c
        setattr(owner, name, staticmethod(timed_call) if static else timed_call)
        patched.append((owner, name, original))

    wrap(counts.Keeper, "load", "load_totals", static=True)
    wrap(counts.Keeper, "old_facets", "old_facets")
    wrap(counts.Keeper, "committed", "adjust_totals")  # includes load_totals, the first time
    wrap(counts.Keeper, "complete", "complete_facets")
    wrap(base.GraphStore, "_finish_statistics", "write_graph_and_snapshot")
    try:
        yield spent
    finally:
        for owner, name, original in reversed(patched):
            setattr(owner, name, original)
        for cpu in ("", "_cpu"):
            if "adjust_totals" + cpu in spent:
                spent["adjust_totals" + cpu] -= spent.get("load_totals" + cpu, 0.0)


def new_version(data: Path, url: str) -> dict:
    """Publish one release into ``data`` while it is served; time the statistics code in
    that publish and the first requests of the new version (see the module docstring)."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from generate_corpus import Generator

    from infopublik_ld.config import load_settings
    from infopublik_ld.publishing import publish
    from infopublik_ld.store import current_version
    from infopublik_ld.web.current import IDLE_CHECK

    settings = load_settings(data)
    record = Generator().record(7)
    before = current_version(settings).number
    record["headline"] += f" (diperbarui {before + 1})"
    record["date_published"] = f"2011-0{1 + before % 9}-15"
    record["dateline_region"] = "12.23" if before % 2 else "31.71"
    path = OUT / "one-release.jsonl"
    OUT.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    with statistics_timer() as spent:
        t = time.perf_counter()
        result = publish(settings, [path])
        seconds = time.perf_counter() - t
    assert result.version is not None and not result.failed, result.failed[:1]
    report = {"publish_s": round(seconds, 3), "version": result.version.number,
              "statistics_ms": round(sum(v for k, v in spent.items()
                                         if not k.endswith("_cpu")) * 1000, 1),
              "statistics_cpu_ms": round(sum(v for k, v in spent.items()
                                             if k.endswith("_cpu")) * 1000, 1),
              "statistics_parts_ms": {k: round(v * 1000, 1) for k, v in spent.items()}}
    for name, path_ in STATS_URLS:  # at once: the first request may come before the watcher
        report[f"{name}_first_at_once"] = first_requests(url, path_)
    # a second new version, its first requests once the watcher had its turn
    record["headline"] += " (lagi)"
    path.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    assert publish(load_settings(data), [path]).version is not None
    time.sleep(IDLE_CHECK * 1.5)
    for name, path_ in STATS_URLS:
        report[f"{name}_first_after_watcher"] = first_requests(url, path_)
    return report


# --- publishing with and without counts ---------------------------------------------------
def _cpu_seconds() -> float:
    """CPU seconds of this process (all its threads) and of the publishing workers that ended
    (children of multiprocessing's fork server, which waits for them)."""
    total = time.process_time()
    try:
        from multiprocessing import forkserver

        pid = forkserver._forkserver._forkserver_pid
        if pid:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += sum(int(x) for x in fields[11:15]) / os.sysconf("SC_CLK_TCK")
    except (OSError, AttributeError, ValueError, IndexError):
        pass
    return total


def segments_of(corpus: Path, folder: Path, n: int) -> list[Path]:
    """``corpus`` cut into ``n`` JSON Lines files of about the same number of lines."""
    with corpus.open("rb") as fh:
        total = sum(1 for _ in fh)
    size = -(-total // n)
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    with corpus.open("rb") as fh:
        for i in range(n):
            part = folder / f"segment-{i:02d}.jsonl"
            with part.open("wb") as dst:
                dst.writelines(itertools.islice(fh, size))
            out.append(part)
    return out


def publish_once(settings, part: Path, counts: bool) -> dict:
    from infopublik_ld import stats
    from infopublik_ld.publishing import publish

    stats.ENABLED = counts
    try:
        with statistics_timer() as spent:
            cpu = _cpu_seconds()
            started = time.perf_counter()
            result = publish(settings, [part])
            seconds = time.perf_counter() - started
            time.sleep(0.5)  # the fork server collects the workers that ended
            cpu = _cpu_seconds() - cpu
    finally:
        stats.ENABLED = True
    assert not result.failed, result.failed[:3]
    return {"releases": len(result.added) + len(result.replaced), "seconds": seconds,
            "cpu_s": cpu, "load": load_average(),
            "statistics_in_writer_s": sum(v for k, v in spent.items() if not k.endswith("_cpu")),
            "statistics_in_writer_cpu_s": sum(v for k, v in spent.items() if k.endswith("_cpu"))}


def publish_figures(corpus: Path, work: Path, n_segments: int, lock: Path | None,
                    keep: bool) -> dict:
    from infopublik_ld.config import load_settings
    from infopublik_ld.publishing import init_data_dir, publish

    parts = segments_of(corpus, work / "segments", n_segments)
    folders = {True: work / "publish-with-counts", False: work / "publish-without-counts"}
    settings = {}
    for counts, folder in folders.items():
        shutil.rmtree(folder, ignore_errors=True)
        init_data_dir(folder, base_iri=BASE)
        settings[counts] = load_settings(folder, max_input_bytes=1 << 34)
    # warm this process's caches (reference tables, shapes) outside the figures
    warm = work / "warm"
    shutil.rmtree(warm, ignore_errors=True)
    init_data_dir(warm, base_iri=BASE)
    publish(load_settings(warm), [_head(parts[0], work / "warm.jsonl", 300)])
    shutil.rmtree(warm, ignore_errors=True)
    (work / "warm.jsonl").unlink()
    runs: dict[bool, list[dict]] = {True: [], False: []}
    for i, part in enumerate(parts):
        order = (True, False) if i % 2 == 0 else (False, True)
        with locked(lock):
            for counts in order:
                runs[counts].append(publish_once(settings[counts], part, counts))
        a, b = runs[True][-1], runs[False][-1]
        print(f"segment {i + 1}/{len(parts)}: with counts {a['releases'] / a['seconds']:.1f}"
              f" rel/s, without {b['releases'] / b['seconds']:.1f} rel/s, ratio "
              f"{(a['releases'] / a['seconds']) / (b['releases'] / b['seconds']):.3f}, "
              f"load {a['load']}/{b['load']}", flush=True)
    report: dict = {"segments": len(parts)}
    for counts, name in ((True, "with_counts"), (False, "without_counts")):
        n = sum(r["releases"] for r in runs[counts])
        s = sum(r["seconds"] for r in runs[counts])
        c = sum(r["cpu_s"] for r in runs[counts])
        report[name] = {"releases": n, "seconds": round(s, 1), "releases_per_s": round(n / s, 1),
                        "cpu_s": round(c, 1)}
        for part in ("statistics_in_writer_s", "statistics_in_writer_cpu_s"):
            report[name][part] = round(sum(r[part] for r in runs[counts]), 2)
    report["throughput_ratio"] = round(report["with_counts"]["releases_per_s"]
                                       / report["without_counts"]["releases_per_s"], 3)
    report["cpu_ratio_without_over_with"] = round(report["without_counts"]["cpu_s"]
                                                  / report["with_counts"]["cpu_s"], 3)
    report["segment_ratios"] = [round((a["releases"] / a["seconds"])
                                      / (b["releases"] / b["seconds"]), 3)
                                for a, b in zip(runs[True], runs[False], strict=True)]
    report["load_averages"] = [r["load"] for r in runs[True]]
    if not keep:
        for folder in folders.values():
            shutil.rmtree(folder, ignore_errors=True)
    shutil.rmtree(work / "segments", ignore_errors=True)
    return report


def _head(part: Path, target: Path, n: int) -> Path:
    with part.open("rb") as src:
        target.write_bytes(b"".join(itertools.islice(src, n)))
    return target


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, help="published data directory to serve")
    ap.add_argument("--one-release", action="store_true",
                    help="publish one release into --data while it is served (a new version)")
    ap.add_argument("--publish", type=Path, help="JSON Lines corpus for the publish figures")
    ap.add_argument("--segments", type=int, default=10, help="publishes per store")
    ap.add_argument("--work", type=Path, default=OUT, help="where the publish stores go")
    ap.add_argument("--keep", action="store_true", help="keep the publish stores")
    ap.add_argument("--lock", type=Path, help="benchmark lock file (flock) held while timing")
    ap.add_argument("--requests", type=int, default=300, help="requests per stats URL")
    ap.add_argument("--sparql-requests", type=int, default=5, help="GROUP BY requests")
    args = ap.parse_args()
    report: dict = {}
    if args.publish:
        report["publish"] = publish_figures(args.publish, args.work, args.segments, args.lock,
                                            args.keep)
        print(json.dumps(report["publish"], indent=1), flush=True)
    if args.data:
        with locked(args.lock):
            report["serve"] = serve_figures(args.data, args.requests, args.sparql_requests,
                                            args.one_release)
        print(json.dumps(report["serve"], indent=1), flush=True)
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "bench_stats.json").write_text(json.dumps(report, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
