"""Dumps and resource pages under load, as ratios against baselines measured in the same run.

    python benchmarks/bench_dumps.py --n 100000          # generate, publish, measure
    python benchmarks/bench_dumps.py --data DIR          # reuse a published data directory

1. Dump writing (N-Quads + Turtle + per-year Turtle, gzip) in a fresh process: wall time and
   peak RSS, against ``pyoxigraph.Store.dump`` of the same checkpoint to an uncompressed
   N-Quads file in another fresh process. Targets (issue 6): time ≤ 2× the baseline; peak RSS
   ≤ 300 MiB above the idle ``serve`` process.
2. Resource pages through ``infopublik-ld serve``: p50/p99 latency of article pages as HTML and
   as Turtle, ``--concurrency`` clients, random articles.
3. ``--publish-one ROUNDS`` (issue 15; also ``bench_publish.py --one``): on a published
   store (``--data DIR``, e.g. 100 000 releases), ROUNDS times (≥ 10 for a p99):
   ``infopublik-ld publish`` of one new release as an officer runs it (a fresh process),
   timed until it returns (wall, and the CPU seconds of that process: the machine may be
   shared), then until that version's dumps are complete (written in the background, only
   the changed year rewritten). The full dump to compare with: ``--full-dump`` measures one
   from scratch first (~13 min at 100 000), ``--baseline-src OLD/src`` one by an older
   writer, ``--full-dump-s S`` takes a figure measured earlier. Targets: publish p50 ≤ 2 s;
   dumps complete ≤ 2× the full dump. To measure older code, put its ``src/`` first on
   ``PYTHONPATH`` (the publish processes inherit it).

    python benchmarks/bench_dumps.py --data DIR --publish-one 10 --full-dump-s 787.6
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CHILD_DUMPS = """
import sys, time
from infopublik_ld.config import load_settings
from infopublik_ld.dumps import write_dumps
t = time.perf_counter(); m = write_dumps(load_settings(sys.argv[1]))
print(time.perf_counter() - t, sum(f.bytes for f in m.files))
print([l.split()[1] for l in open("/proc/self/status") if l.startswith("VmHWM")][0])
"""
CHILD_BASELINE = """
import sys, time, pyoxigraph as ox
store = ox.Store.read_only(sys.argv[1])
t = time.perf_counter()
with open(sys.argv[2], "wb") as out:
    store.dump(out, format=ox.RdfFormat.N_QUADS)
print(time.perf_counter() - t)
print([l.split()[1] for l in open("/proc/self/status") if l.startswith("VmHWM")][0])
"""


def _peak_child(code: str, *args: str) -> tuple[list[str], float]:
    """Run ``code`` in a fresh interpreter; its stdout words and its peak RSS (VmHWM) in MiB."""
    out = subprocess.run([sys.executable, "-c", code, *args], stdout=subprocess.PIPE,
                         text=True, check=True).stdout.split()
    return out[:-1], int(out[-1]) / 1024


def publish_corpus(root: Path, n: int):
    from infopublik_ld.config import load_settings
    from infopublik_ld.publishing import init_data_dir, publish

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from generate_corpus import Generator

    corpus = root / f"corpus-{n}.jsonl"
    gen = Generator()
    with corpus.open("w", encoding="utf-8") as fh:
        for i in range(n):
            fh.write(json.dumps(gen.record(i), ensure_ascii=False) + "\n")
    data = root / "data"
    init_data_dir(data, base_iri="http://127.0.0.1:8080/", max_input_bytes=10**10,
                  agency_name="Dinas Kominfo (benchmark)")
    t = time.perf_counter()
    result = publish(load_settings(data), [corpus])
    print(f"published {n} releases in {time.perf_counter() - t:.1f} s "
          f"({result.version.triples} triples)", flush=True)
    return load_settings(data)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _get(url: str, accept: str) -> float:
    t = time.perf_counter()
    with urllib.request.urlopen(urllib.request.Request(url, headers={"Accept": accept}),
                                timeout=60) as resp:
        resp.read()
    return time.perf_counter() - t


def load_test(base: str, keys: list[str], accept: str, requests: int, concurrency: int
              ) -> dict:
    lat: list[float] = []
    lock = threading.Lock()
    rng = random.Random(7)
    todo = [rng.choice(keys) for _ in range(requests)]

    def worker(part: list[str]) -> None:
        for key in part:
            d = _get(f"{base}doc/article/{key}", accept)
            with lock:
                lat.append(d)

    threads = [threading.Thread(target=worker, args=(todo[i::concurrency],))
               for i in range(concurrency)]
    t = time.perf_counter()
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    wall = time.perf_counter() - t
    lat.sort()
    return {"p50_ms": round(1000 * statistics.median(lat), 1),
            "p99_ms": round(1000 * lat[int(0.99 * (len(lat) - 1))], 1),
            "req_per_s": round(len(lat) / wall, 1)}


def _dump_timing(settings, info, checkpoint: Path, tmp: Path, idle: float) -> None:
    """Dump writing vs Store.dump, each in a fresh process; print the figures."""
    (base_s,), base_rss = _peak_child(CHILD_BASELINE, str(checkpoint), str(tmp / "b.nq"))
    (dump_s, dump_bytes), dump_rss = _peak_child(CHILD_DUMPS, str(settings.data_dir))
    base_s, dump_s = float(base_s), float(dump_s)
    print(json.dumps({
        "releases": info.releases, "triples": info.triples,
        "baseline_store_dump_s": round(base_s, 2),
        "baseline_uncompressed_mb": round((tmp / "b.nq").stat().st_size / 1e6, 1),
        "dumps_s": round(dump_s, 2), "dumps_gz_mb": round(int(dump_bytes) / 1e6, 1),
        "time_ratio": round(dump_s / base_s, 2),
        "dump_peak_rss_mib": round(dump_rss, 1), "baseline_peak_rss_mib": round(base_rss, 1),
        "idle_serve_rss_mib": round(idle, 1),
        "rss_above_idle_serve_mib": round(dump_rss - idle, 1)}, indent=1), flush=True)
    (tmp / "b.nq").unlink()


def _record(key: str, date: str) -> dict:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from generate_corpus import Generator

    record = Generator().record(987_654)
    record["id"] = key
    record["date_published"] = date
    if record.get("event"):
        record["event"]["start_date"] = date
    return record


def _load() -> float:
    return os.getloadavg()[0]


def _pct(values: list[float], q: float) -> float:
    """Nearest-rank percentile (``q`` in 0..1) of ``values``."""
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, -(-int(q * 100) * len(ordered) // 100) - 1))]


def full_dump_s(settings, src: Path | None = None) -> float:
    """Seconds of a full dump from scratch in a fresh process (``src``: the code to run, e.g.
    the dump writer before a change); the data directory's dumps are removed first."""
    from infopublik_ld.dumps import dumps_dir

    shutil.rmtree(dumps_dir(settings), ignore_errors=True)
    env = {**os.environ, "PYTHONPATH": str(src)} if src else None
    t = time.perf_counter()
    subprocess.run([sys.executable, "-c", CHILD_DUMPS, str(settings.data_dir)], env=env,
                   check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - t


def publish_one(settings, rounds: int, tmp: Path, *, full_s: float | None = None,
                full_source: str = "", warmup: int = 0) -> dict:
    """Publishing one release into a big store, ``rounds`` times, as an officer runs it: a
    fresh ``infopublik-ld publish`` process per round, timed until it returns (wall and CPU
    seconds of that process), then until that version's dumps are complete (written in the
    background). ``full_s``: seconds of a full dump to compare with. ``warmup`` rounds go
    first and are reported apart (e.g. a one-time index build after an upgrade)."""
    import resource

    from infopublik_ld.dumps import dumps_dir, read_manifest
    from infopublik_ld.store import current_version

    info = current_version(settings)
    out: dict = {"releases": info.releases, "triples": info.triples}
    if read_manifest(settings, info.number) is None:  # start from complete dumps
        subprocess.run([sys.executable, "-c", CHILD_DUMPS, str(settings.data_dir)],
                       check=True, stdout=subprocess.DEVNULL)
    cli = "from infopublik_ld.cli import main; main()"
    returned, cpu, complete, loads = [], [], [], []
    warm: list[dict] = []
    for i in range(-warmup, rounds):
        path = tmp / f"one-{i}.json"
        key = f"bench-one-{time.time_ns()}-{i}"
        path.write_text(json.dumps(_record(key, f"20{16 + i % 9}-03-0{1 + abs(i) % 9}"),
                                   ensure_ascii=False), encoding="utf-8")
        loads.append(_load())
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t = time.perf_counter()
        subprocess.run([sys.executable, "-c", cli, "--data", str(settings.data_dir), "publish",
                        str(path)], check=True, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
        returned.append(time.perf_counter() - t)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
        number = current_version(settings).number
        while read_manifest(settings, number) is None:
            if time.perf_counter() - t > 3600:
                raise SystemExit(f"dumps of version {number} not written after an hour; see "
                                 f"{dumps_dir(settings) / 'writer.log'}")
            time.sleep(0.1)
        complete.append(time.perf_counter() - t)
        line = {"round": i, "version": number, "load_1min": round(loads[-1], 1),
                "publish_returned_s": round(returned[-1], 2),
                "publish_cpu_s": round(cpu[-1], 2), "dumps_complete_s": round(complete[-1], 1)}
        print(json.dumps(line), flush=True)
        if i < 0:  # a warm-up round: not counted
            warm.append(line)
            for series in (returned, cpu, complete, loads):
                series.pop()
    out.update({"rounds": rounds, "warmup": warm,
                "load_1min_min_max": [round(min(loads), 1), round(max(loads), 1)],
                "publish_p50_s": round(statistics.median(returned), 2),
                "publish_p99_s": round(_pct(returned, 0.99), 2),
                "publish_max_s": round(max(returned), 2),
                "publish_cpu_p50_s": round(statistics.median(cpu), 2),
                "dumps_complete_p50_s": round(statistics.median(complete), 1),
                "dumps_complete_p99_s": round(_pct(complete, 0.99), 1),
                "target_publish_p50_s": 2.0})
    if full_s:
        out.update({"full_dump_s": round(full_s, 1), "full_dump_from": full_source,
                    "complete_p50_vs_full_dump": round(statistics.median(complete) / full_s, 3),
                    "target_complete_vs_full_dump": 2.0})
    return out


def publish_one_main(args) -> None:
    """``--publish-one``: see the module docstring."""
    from infopublik_ld.config import load_settings

    settings = load_settings(args.data)
    full, source = args.full_dump_s, "given (--full-dump-s)"
    if args.baseline_src:
        full, source = full_dump_s(settings, args.baseline_src), f"measured: {args.baseline_src}"
    elif args.full_dump:
        full, source = full_dump_s(settings), "measured: this code, from scratch"
    if full:
        print(json.dumps({"full_dump_s": round(full, 1), "from": source}), flush=True)
    with tempfile.TemporaryDirectory(prefix="bench-one-") as tmp:
        result = publish_one(settings, args.publish_one, Path(tmp), full_s=full,
                             full_source=source, warmup=args.warmup)
    print(json.dumps(result, indent=1), flush=True)
    out = ROOT / "benchmarks" / "out"
    out.mkdir(parents=True, exist_ok=True)
    (out / "bench_publish_one.json").write_text(json.dumps(result, indent=1))


def add_publish_one_args(ap: argparse.ArgumentParser) -> None:
    """The options of ``--publish-one`` (also offered by bench_publish.py ``--one``)."""
    ap.add_argument("--warmup", type=int, default=0,
                    help="--publish-one: rounds run first and reported apart")
    ap.add_argument("--full-dump", action="store_true",
                    help="--publish-one: first measure a full dump from scratch (~13 min at "
                    "100 000 releases)")
    ap.add_argument("--full-dump-s", type=float,
                    help="--publish-one: seconds of a full dump measured earlier")
    ap.add_argument("--baseline-src", type=Path,
                    help="--publish-one: measure the full dump with this src/ folder first "
                    "(e.g. the writer before incremental dumps)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=100_000, help="Generated releases to publish.")
    ap.add_argument("--data", type=Path, help="Reuse this published data directory.")
    ap.add_argument("--requests", type=int, default=2000, help="Page requests per format.")
    ap.add_argument("--concurrency", type=int, default=8, help="Concurrent clients.")
    ap.add_argument("--pages-only", action="store_true",
                    help="Measure only the article pages (skip the dump timing).")
    ap.add_argument("--publish-one", type=int, metavar="ROUNDS",
                    help="Publish one release ROUNDS times into --data (see 3. above).")
    add_publish_one_args(ap)
    args = ap.parse_args()
    if args.publish_one:
        if not args.data:
            raise SystemExit("--publish-one needs --data DIR (a published store)")
        publish_one_main(args)
        return

    from infopublik_ld.config import load_settings
    from infopublik_ld.dumps import dumps_dir
    from infopublik_ld.store import current_version, versions_dir

    tmp = Path(tempfile.mkdtemp(prefix="bench-dumps-"))
    try:
        settings = load_settings(args.data) if args.data else publish_corpus(tmp, args.n)
        info = current_version(settings)
        checkpoint = versions_dir(settings) / f"{info.number:06d}"
        if not args.pages_only:
            shutil.rmtree(dumps_dir(settings), ignore_errors=True)

        # idle serving process
        port = _free_port()
        cli = "from infopublik_ld.cli import main; main()"
        serve = subprocess.Popen([sys.executable, "-c", cli, "--data", str(settings.data_dir),
                                  "serve", "--port", str(port)],
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        base = f"http://127.0.0.1:{port}/"
        for _ in range(600):
            try:
                _get(base + "robots.txt", "text/plain")
                break
            except OSError:
                time.sleep(0.1)
        else:
            raise SystemExit("serve did not start")
        from infopublik_ld.store import open_version

        with open_version(settings) as view:
            keys = [r["k"] for r in view.select(
                "SELECT ?k WHERE { GRAPH ?g { ?g <https://w3id.org/infopublik/gpr#releaseKey> "
                "?k } } LIMIT 5000")]
        _get(f"{base}doc/article/{keys[0]}", "text/html")
        idle = _rss_mib(serve.pid)

        if not args.pages_only:
            _dump_timing(settings, info, checkpoint, tmp, idle)

        try:
            for name, accept in (("html", "text/html"), ("turtle", "text/turtle")):
                stats = load_test(base, keys, accept, args.requests, args.concurrency)
                print(json.dumps({"article_page": name, "concurrency": args.concurrency,
                                  "requests": args.requests, **stats}), flush=True)
        finally:
            serve.terminate()
            serve.wait(10)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
