"""Soak: `serve` under a mixed load for many minutes while new releases keep landing.

    python benchmarks/soak.py --data DIR --corpus corpus-100000.jsonl            # 10 minutes
    python benchmarks/soak.py --data DIR --corpus corpus-100000.jsonl --minutes 2

DIR is a published data directory (e.g. 20 000 releases: `infopublik-ld --data DIR publish
corpus-20000.jsonl`); the soak publishes INTO it. Clients send a mix of SPARQL queries (the
fast path and POSTed forms), resource pages (HTML and Turtle), canned API queries, full-text
search, the catalogue, the change feed and dump downloads, each client from its own address;
one greedy client runs more queries at once than `client_concurrency` allows and collects the
deliberate 429s. Every `--every` seconds (default 30) `infopublik-ld publish` of the next
`--batch` (200) records of CORPUS starts, when the previous publish has finished.

Reports: requests and errors (any status other than 2xx/3xx, and the greedy client's 429s,
which are counted apart), p50/p99 latency per window, each publish (duration, version), and
RSS and open file descriptors of every process of `serve` (server processes, fork servers,
query workers) at the start and the end, with the files of old versions each still holds.
Target (issue 15): 0 errors; no growth of RSS or descriptors beyond noise.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_endpoint import pools, queries  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
_READY = re.compile(r"http://([\d.]+):(\d+)/")
_VERSION = re.compile(r"/versions/(\d{6})/")
WORDS = ["kominfo", "bupati", "vaksin", "jalan", "banjir", "pendidikan", "pajak", "desa"]


# --- processes -----------------------------------------------------------------------------
def _stat(pid: int) -> list[str] | None:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None


def tree(root: int) -> list[int]:
    """``root`` and every process below it."""
    parents = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit() and (fields := _stat(int(entry))) is not None:
            parents[int(entry)] = int(fields[1])
    found, todo = [root], [root]
    while todo:
        p = todo.pop()
        kids = [c for c, q in parents.items() if q == p]
        found += kids
        todo += kids
    return found


def role(pid: int, root: int) -> str:
    """What a process of `serve` is, from its command line and parent."""
    try:
        cmd = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return "gone"
    if pid == root:
        return "serve (parent)"
    if "resource_tracker" in cmd:
        return "resource tracker"
    if "background_writer" in cmd:  # started by a request when the dumps are behind
        return "dump writer"
    if "forkserver" in cmd:
        parent = _stat(pid)
        grand = _stat(int(parent[1])) if parent else None
        return "query worker" if grand and "forkserver" in Path(
            f"/proc/{parent[1]}/cmdline").read_bytes().decode(errors="replace") else \
            "fork server"
    return "server process"


def sample(root: int, current: int | None) -> dict[int, dict]:
    """RSS (MiB), open descriptors and files of versions older than ``current - 1`` held, per
    process of the tree below ``root``."""
    out = {}
    for pid in tree(root):
        try:
            status = Path(f"/proc/{pid}/status").read_text()
            rss = int(re.search(r"VmRSS:\s+(\d+)", status).group(1)) / 1024
            fds = os.listdir(f"/proc/{pid}/fd")
        except (OSError, AttributeError):
            continue
        old = 0
        for fd in fds:
            try:
                m = _VERSION.search(os.readlink(f"/proc/{pid}/fd/{fd}"))
            except OSError:
                continue
            if m and current is not None and int(m.group(1)) < current - 1:
                old += 1
        out[pid] = {"role": role(pid, root), "rss_mib": round(rss, 1), "fds": len(fds),
                    "old_version_fds": old}
    return out


def current_number(data: Path) -> int | None:
    try:
        return int(json.loads((data / "versions" / "current.json").read_text())["number"])
    except (OSError, ValueError, KeyError):
        return None


# --- the load ------------------------------------------------------------------------------
class Stats:
    """Latencies and outcomes per window, thread-safe."""

    def __init__(self, window: float):
        self.window = window
        self.started = time.monotonic()
        self.lock = threading.Lock()
        self.windows: dict[int, dict] = {}
        self.error_examples: list[str] = []
        self.errors_by_kind: dict[str, int] = {}

    def add(self, kind: str, status: int, seconds: float, greedy: bool = False,
            detail: str = "") -> None:
        w = int((time.monotonic() - self.started) // self.window)
        with self.lock:
            win = self.windows.setdefault(w, {"lat": [], "errors": 0, "429": 0, "kinds": {}})
            win["kinds"][kind] = win["kinds"].get(kind, 0) + 1
            if status == 429 and greedy:
                win["429"] += 1
            elif status >= 400 or status == 0:
                win["errors"] += 1
                self.errors_by_kind[kind] = self.errors_by_kind.get(kind, 0) + 1
                if len(self.error_examples) < 20:
                    self.error_examples.append(f"{kind} {status} {detail[:300]}")
            else:
                win["lat"].append(seconds)


def fetch(conn: http.client.HTTPConnection, method: str, path: str, headers: dict,
          body: str | None = None) -> tuple[int, bytes, dict]:
    conn.request(method, path, body=body, headers=headers)
    resp = conn.getresponse()
    data = resp.read()
    return resp.status, data, dict(resp.getheaders())


def requests_mix(p: dict, rnd: random.Random) -> list[tuple[int, str, object]]:
    """(weight, kind, maker) — a maker returns (method, path, headers, body)."""
    gen = queries(p, rnd)
    js = {"Accept": "application/sparql-results+json"}

    def q(make):
        return lambda: ("GET", "/sparql?" + urllib.parse.urlencode({"query": make()}), js, None)

    def post():
        return ("POST", "/sparql", {**js, "Content-Type": "application/x-www-form-urlencoded"},
                urllib.parse.urlencode({"query": gen["point"]()}))

    def page(accept):
        def make():
            path = urllib.parse.urlsplit(rnd.choice(p["article"])).path
            return ("GET", path, {"Accept": accept}, None)
        return make

    def api_person():
        return ("GET", "/api/quotes-by-person?" + urllib.parse.urlencode(
            {"person": rnd.choice(p["person"])}), {"Accept": "application/json"}, None)

    def search():
        return ("GET", "/api/search?" + urllib.parse.urlencode({"q": rnd.choice(WORDS)}),
                {"Accept": "application/json"}, None)

    def dump():
        year = rnd.randint(2015, 2025)
        return ("GET", f"/dumps/releases-{year}.ttl.gz", {}, None)

    return [(30, "sparql-point", q(gen["point"])), (10, "sparql-join", q(gen["join"])),
            (5, "sparql-post", post), (15, "page-html", page("text/html")),
            (5, "page-turtle", page("text/turtle")), (8, "api-person", api_person),
            (4, "api-search", search),
            (2, "dumps-index", lambda: ("GET", "/dumps/", {"Accept": "application/json"},
                                        None)),
            (2, "dump-download", dump),
            (2, "catalog", lambda: ("GET", "/catalog", {"Accept": "text/turtle"}, None)),
            (2, "changes", lambda: ("GET", "/changes", {"Accept": "text/turtle"}, None))]


def client(port: int, source: str, stats: Stats, stop: threading.Event, mix, seed: int,
           greedy: bool = False) -> None:
    rnd = random.Random(seed)
    weights = [w for w, _, _ in mix]
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120,
                                      source_address=(source, 0))
    while not stop.is_set():
        _, kind, make = rnd.choices(mix, weights)[0]
        method, path, headers, body = make()
        started = time.perf_counter()
        try:
            status, data, got = fetch(conn, method, path, headers, body)
            if status == 302 and kind == "dump-download":  # to the version's immutable file
                status, data, got = fetch(conn, "GET", got["Location"], {})
        except (OSError, http.client.HTTPException) as exc:
            status, data = 0, repr(exc).encode()
            conn.close()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120,
                                              source_address=(source, 0))
        stats.add(kind, status, time.perf_counter() - started, greedy,
                  f"{method} {path[:120]} -> {data[:200]!r}")
    conn.close()


# --- publishing ----------------------------------------------------------------------------
def publisher(data: Path, corpus: Path, skip: int, batch: int, every: float,
              stop: threading.Event, log: list[dict], work: Path) -> None:
    """Publish the next ``batch`` records of ``corpus`` every ``every`` seconds (when the
    previous publish has finished)."""
    src = corpus.open(encoding="utf-8")
    for _ in range(skip):
        src.readline()
    tick = time.monotonic()
    n = 0
    while not stop.is_set():
        tick += every
        while time.monotonic() < tick and not stop.is_set():
            time.sleep(0.2)
        if stop.is_set():
            break
        lines = [src.readline() for _ in range(batch)]
        part = work / f"batch-{n:03d}.jsonl"
        part.write_text("".join(lines), encoding="utf-8")
        started = time.monotonic()
        done = subprocess.run([sys.executable, "-c", "from infopublik_ld.cli import main; "
                               "main()", "--lang", "en", "--data", str(data), "publish",
                               str(part)], capture_output=True, text=True)
        log.append({"batch": n, "rc": done.returncode,
                    "seconds": round(time.monotonic() - started, 1),
                    "version": current_number(data),
                    "at_s": round(started - log_start, 1),
                    "tail": done.stderr.strip().splitlines()[-1:] if done.returncode else []})
        n += 1
        tick = max(tick, time.monotonic() - every)  # late: the next one starts at once


log_start = time.monotonic()


def percentile(values: list[float], q: float) -> float | None:
    if not values:
        return None
    values = sorted(values)
    return round(1000 * values[min(len(values) - 1, int(len(values) * q))], 1)


def main() -> None:
    global log_start
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, required=True, help="a published data directory")
    ap.add_argument("--corpus", type=Path, required=True,
                    help="JSON Lines records; the soak publishes those after --skip")
    ap.add_argument("--skip", type=int, default=None,
                    help="records of CORPUS already published (default: the releases of the "
                    "current version)")
    ap.add_argument("--minutes", type=float, default=10.0, help="length of the soak")
    ap.add_argument("--every", type=float, default=30.0, help="seconds between publishes")
    ap.add_argument("--batch", type=int, default=200, help="records per publish")
    ap.add_argument("--clients", type=int, default=6, help="well-behaved clients")
    ap.add_argument("--greedy", type=int, default=8,
                    help="connections of the one greedy client (one address); more than "
                    "client_concurrency (default 4), which serve shares out among its "
                    "processes, so that some of its queries get the deliberate 429 however "
                    "the connections land on the processes (with 4, spread 2 + 2 over two "
                    "processes, none did)")
    ap.add_argument("--window", type=float, default=30.0, help="seconds per report window")
    ap.add_argument("--out", type=Path, help="write the JSON report here too")
    args = ap.parse_args()
    data = args.data.resolve()
    info = json.loads((data / "versions" / "current.json").read_text())
    skip = args.skip if args.skip is not None else int(info["releases"])
    p = pools(data)
    mix = requests_mix(p, random.Random(1))
    greedy_mix = [m for m in mix if m[1] in ("sparql-point", "sparql-join")]
    work = Path(tempfile.mkdtemp(prefix="soak-"))

    env = {k: v for k, v in os.environ.items() if not k.startswith("INFOPUBLIK_")}
    serve = subprocess.Popen([sys.executable, "-c", "from infopublik_ld.cli import main; main()",
                              "--lang", "en", "--data", str(data), "serve", "--port", "0"],
                             stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True,
                             env=env)
    port = None
    serve_log: list[str] = []
    for line in serve.stderr:
        serve_log.append(line)
        if m := _READY.search(line):
            port = int(m.group(2))
            break
    if port is None:
        raise SystemExit("serve did not start:\n" + "".join(serve_log))
    threading.Thread(target=lambda: [serve_log.append(x) for x in serve.stderr],
                     daemon=True).start()

    stop = threading.Event()
    stats = Stats(args.window)
    threads = [threading.Thread(target=client, args=(port, f"127.0.0.{i + 2}", stats, stop,
                                                     mix, i)) for i in range(args.clients)]
    threads += [threading.Thread(target=client, args=(port, "127.0.0.200", stats, stop,
                                                      greedy_mix, 100 + i, True))
                for i in range(args.greedy)]
    for t in threads:
        t.start()
    time.sleep(min(20.0, args.minutes * 6))  # warm: every worker has opened the version
    start = sample(serve.pid, current_number(data))
    log_start = time.monotonic()
    stats.started = log_start
    stats.windows.clear()
    publishes: list[dict] = []
    pub_stop = threading.Event()
    pub = threading.Thread(target=publisher, args=(data, args.corpus, skip, args.batch,
                                                   args.every, pub_stop, publishes, work))
    pub.start()
    samples = []
    deadline = log_start + 60 * args.minutes
    try:
        while time.monotonic() < deadline:
            time.sleep(min(args.window, max(0.0, deadline - time.monotonic())))
            samples.append({"at_s": round(time.monotonic() - log_start),
                            "processes": sample(serve.pid, current_number(data))})
        pub_stop.set()
        pub.join()  # a publish under way finishes (it is not a crash test)
        time.sleep(2 * 2.0 + 1)  # idle query workers notice the last version (IDLE_CHECK)
        end = sample(serve.pid, current_number(data))
    finally:
        stop.set()
        for t in threads:
            t.join()
        serve.send_signal(signal.SIGINT)
        try:
            serve.wait(timeout=30)
        except subprocess.TimeoutExpired:
            serve.kill()

    windows = []
    total = {"requests": 0, "errors": 0, "429": 0}
    for w in sorted(stats.windows):
        win = stats.windows[w]
        n = len(win["lat"]) + win["errors"] + win["429"]
        total["requests"] += n
        total["errors"] += win["errors"]
        total["429"] += win["429"]
        windows.append({"from_s": int(w * args.window), "requests": n,
                        "errors": win["errors"], "429": win["429"],
                        "p50_ms": percentile(win["lat"], 0.5),
                        "p99_ms": percentile(win["lat"], 0.99)})
    processes = []
    for pid in sorted(set(start) | set(end)):
        a, b = start.get(pid), end.get(pid)
        processes.append({"pid": pid, "role": (a or b)["role"],
                          "rss_mib": [a and a["rss_mib"], b and b["rss_mib"]],
                          "fds": [a and a["fds"], b and b["fds"]],
                          "old_version_fds_end": b and b["old_version_fds"],
                          "max_fds": max(s["processes"].get(pid, {}).get("fds", 0)
                                         for s in samples) if samples else None,
                          # [seconds, RSS MiB, descriptors] per window: a step (one big
                          # request) and a slope (a leak) look alike at the two ends
                          "over_time": [[s["at_s"], s["processes"][pid]["rss_mib"],
                                         s["processes"][pid]["fds"]] for s in samples
                                        if pid in s["processes"]]})
    report = {"data": str(data), "minutes": args.minutes, "port": port,
              "versions": [info["number"], current_number(data)], "totals": total,
              "errors_by_kind": stats.errors_by_kind, "error_examples": stats.error_examples,
              "windows": windows,
              "publishes": publishes, "processes": processes}
    text = json.dumps(report, indent=1)
    print(text)
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    print(f"\n{total['requests']} requests, {total['errors']} errors, {total['429']} deliberate "
          f"429s (errors by kind: {stats.errors_by_kind}); p99 per {args.window:g} s window (ms): "
          f"{[w['p99_ms'] for w in windows]}; {len(publishes)} publishes "
          f"({sum(1 for x in publishes if x['rc'] == 0)} ok), version {info['number']} -> "
          f"{current_number(data)}")
    for proc in processes:
        print(f"  {proc['pid']:>7} {proc['role']:<16} RSS {proc['rss_mib'][0]} -> "
              f"{proc['rss_mib'][1]} MiB, fds {proc['fds'][0]} -> {proc['fds'][1]} "
              f"(max {proc['max_fds']}), old-version fds at end {proc['old_version_fds_end']}")


if __name__ == "__main__":
    main()
