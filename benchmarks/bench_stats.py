"""Statistics benchmark: precomputed counts against the SPARQL GROUP BY they replace, and what
keeping them costs publishing.

    python benchmarks/bench_stats.py --data /work/bench/stats/base100k \\
        --publish /work/bench/corpus-100000.jsonl --work /work/bench/stats

1. Through ``serve`` on a published store (``--data``; e.g. 100 000 releases): p50/p99 of
   ``/api/stats/month`` and ``/statistik`` (after one warming request each: the first request
   of a version reads its counts) against the same months counted by a GROUP BY through
   ``/sparql`` with the response cache off (``cache_entries = 0``). Ratios of the p50s.
2. ``publish`` of ``--publish`` (JSON Lines) into two fresh stores, with counts and without
   them (the internal switch :data:`infopublik_ld.stats.ENABLED`), releases/s and their ratio.

Results go to stdout and ``benchmarks/out/bench_stats.json``. Figures are ratios measured in
one run: the machine is shared, absolute times drift.
"""

from __future__ import annotations

import argparse
import http.client
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
#: fresh connections that warm the server processes before timing
WARM_CONNECTIONS = 12
PREFIXES = ("PREFIX gpr: <https://w3id.org/infopublik/gpr#>\n"
            "PREFIX schema: <http://schema.org/>\nPREFIX dct: <http://purl.org/dc/terms/>\n")


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


def _ready(proc: subprocess.Popen) -> str:
    """The root URL ``serve`` prints once it listens (no probe request: on a loaded machine
    the first request of a 100 000-release store may take longer than a probe waits)."""
    for line in proc.stderr:
        m = _READY.search(line)
        if m:
            threading.Thread(target=lambda: [None for _ in proc.stderr], daemon=True).start()
            return f"http://{m.group(1)}:{m.group(2)}/"
    raise RuntimeError("serve did not start")


def serve_figures(data: Path, n: int, n_sparql: int) -> dict:
    from infopublik_ld.stats.facets import REFERENCE_QUERIES

    query = PREFIXES + REFERENCE_QUERIES["month"]
    sparql = "/sparql?" + urllib.parse.urlencode({"query": query})
    # the response cache off: every GROUP BY runs (setting cache_entries)
    env = {**os.environ, "INFOPUBLIK_CACHE_ENTRIES": "0"}
    proc = subprocess.Popen([sys.executable, "-c", "from infopublik_ld.cli import main; main()",
                             "--lang", "en", "--data", str(data), "serve", "--port", "0",
                             "--query-time-limit", "600"], stderr=subprocess.PIPE,
                            stdout=subprocess.DEVNULL, env=env, text=True)
    try:
        url = _ready(proc)
        out = {}
        for name, path in (("api_stats_month", "/api/stats/month"),
                           ("statistik", "/statistik")):
            # each server process reads the version's counts (and renders a page) once: the
            # first answers are reported apart; new connections reach every process
            first = [timed(url, path, 1)[0] for _ in range(WARM_CONNECTIONS)]
            out[name] = {**summary(timed(url, path, n)),
                         "first_requests_max_ms": round(max(first) * 1000, 1)}
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
    for name in ("api_stats_month", "statistik"):
        out[name]["speedup_vs_group_by_p50"] = round(base / out[name]["p50_ms"], 1)
    return out


def publish_rate(corpus: Path, folder: Path, counts: bool) -> dict:
    from infopublik_ld import stats
    from infopublik_ld.config import load_settings
    from infopublik_ld.publishing import init_data_dir, publish

    shutil.rmtree(folder, ignore_errors=True)
    init_data_dir(folder, base_iri=BASE)
    settings = load_settings(folder, max_input_bytes=1 << 34)
    stats.ENABLED = counts
    try:
        started = time.perf_counter()
        result = publish(settings, [corpus])
        seconds = time.perf_counter() - started
    finally:
        stats.ENABLED = True
    assert not result.failed, result.failed[:3]
    n = len(result.added)
    shutil.rmtree(folder, ignore_errors=True)
    return {"releases": n, "seconds": round(seconds, 1), "releases_per_s": round(n / seconds, 1)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, help="published data directory to serve")
    ap.add_argument("--publish", type=Path, help="JSON Lines corpus for the publish figures")
    ap.add_argument("--work", type=Path, default=OUT, help="where the publish stores go")
    ap.add_argument("--requests", type=int, default=300, help="requests per stats URL")
    ap.add_argument("--sparql-requests", type=int, default=5, help="GROUP BY requests")
    args = ap.parse_args()
    report: dict = {}
    if args.data:
        report["serve"] = serve_figures(args.data, args.requests, args.sparql_requests)
        print(json.dumps(report["serve"], indent=1), flush=True)
    if args.publish:
        with_counts = publish_rate(args.publish, args.work / "publish-with-counts", True)
        print("with counts", with_counts, flush=True)
        without = publish_rate(args.publish, args.work / "publish-without-counts", False)
        print("without counts", without, flush=True)
        report["publish"] = {"with_counts": with_counts, "without_counts": without,
                             "throughput_ratio": round(with_counts["releases_per_s"]
                                                       / without["releases_per_s"], 3)}
        print(json.dumps(report["publish"], indent=1))
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "bench_stats.json").write_text(json.dumps(report, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
