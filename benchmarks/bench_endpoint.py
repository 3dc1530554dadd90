"""The SPARQL endpoint under load: the full `serve` stack against the thinnest Flask +
pyoxigraph endpoint (no guard, no workers, no cache) under two WSGI servers, in the same run:
waitress (what `serve` uses) and gunicorn (sync workers, one per core).

    python benchmarks/bench_endpoint.py            # 100 000 releases (store cached in out/)
    python benchmarks/bench_endpoint.py --n 20000  # smaller, while developing
    python benchmarks/bench_endpoint.py --data DIR # an existing published data directory

Load comes from wrk (Debian: `apt-get install wrk`; `--load python` without it): 4 keep-alive
connections, each request a different query text. For the throughput comparison the full stack
runs with its response cache off (`cache_entries = 0`) and no per-client limit
(`client_concurrency = 0`), so every request runs a query and none is refused with 429.

Reports, per query (point lookup, join, filtered range with ORDER BY + LIMIT): requests/s and
p50/p99 latency of each endpoint (median of rounds that alternate between them, because the
machine's speed drifts), the full/bare ratios, and the CPU time per request summed over each
server's processes (its query workers included): on a machine shared with other jobs,
throughput also depends on how much of the CPU each server manages to get, CPU per request
does not. Then, on the full stack with its default settings: the cached/first-run ratio of a
repeated aggregate, the point lookup's p99 while attack queries run in a loop, and the guard's
cost per query. Targets (issue 15): full ≥ 0.8× bare gunicorn on point and join; cached
aggregate ≥ 10× faster than its first run; p99 under attack ≤ 5× idle p99.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "benchmarks" / "out"
CORPUS = OUT / "corpus-100000.jsonl"
BASE = "http://127.0.0.1:8080/"
S = "PREFIX schema: <http://schema.org/> "

#: the thinnest endpoint, a module for gunicorn (``bare:app``) and a script for waitress
BARE = '''
import os
import sys
from flask import Flask, Response, request
from infopublik_ld.config import load_settings
from infopublik_ld.store import open_version
import pyoxigraph as ox

store = open_version(load_settings(os.environ["BENCH_DATA"])).native()
app = Flask(__name__)

@app.route("/sparql")
def sparql():
    results = store.query(request.args["query"], use_default_graph_as_union=True)
    body = results.serialize(format=ox.QueryResultsFormat.JSON)
    return Response(body, content_type="application/sparql-results+json")

if __name__ == "__main__":
    from waitress import serve
    serve(app, host="127.0.0.1", port=int(sys.argv[1]), threads=int(sys.argv[2]))
'''

#: wrk: each request the next line of the file named after ``--``; the summary as JSON
WRK_SCRIPT = """
local paths = {}
local i = 0
init = function(args)
  for line in io.lines(args[1]) do paths[#paths + 1] = line end
  i = math.random(#paths)
end
request = function()
  i = i % #paths + 1
  return wrk.format("GET", paths[i], {["Accept"] = "application/sparql-results+json"})
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('{"requests":%d,"seconds":%f,"non2xx":%d,"socket_errors":%d,' ..
    '"p50_ms":%f,"p99_ms":%f}\\n', summary.requests, summary.duration / 1e6, e.status,
    e.connect + e.read + e.write + e.timeout, latency:percentile(50) / 1000,
    latency:percentile(99) / 1000))
end
"""


# --- the store ---------------------------------------------------------------------------------
def build(n: int) -> Path:
    """A published data dir with ``n`` generated releases (cached under benchmarks/out/)."""
    from infopublik_ld.config import load_settings
    from infopublik_ld.publishing import init_data_dir, publish

    data = OUT / f"endpoint-{n}" / "data"
    if (data / "versions" / "current.json").is_file():
        return data
    if not CORPUS.is_file() or n > 100_000:
        subprocess.run([sys.executable, str(ROOT / "benchmarks/generate_corpus.py"), str(n),
                        "-o", str(CORPUS)], check=True)
    parts: list[Path] = []  # files of 10 000 records, under the max_input_bytes setting
    folder = OUT / f"endpoint-{n}"
    folder.mkdir(parents=True, exist_ok=True)
    with CORPUS.open(encoding="utf-8") as src:
        dst = None
        for i, line in enumerate(src):
            if i >= n:
                break
            if i % 10_000 == 0:
                if dst:
                    dst.close()
                parts.append(folder / f"corpus-{i // 10_000:03d}.jsonl")
                dst = parts[-1].open("w", encoding="utf-8")
            dst.write(line)
        if dst:
            dst.close()
    if not (data / "infopublik-ld.toml").is_file():
        init_data_dir(data, base_iri=BASE)
    started = time.time()
    result = publish(load_settings(data), parts)
    print(f"published {n} releases in {time.time() - started:.0f} s "
          f"({len(result.failed)} failed)", file=sys.stderr)
    return data


def pools(data: Path) -> dict[str, list[str]]:
    """IRIs the queries are drawn from."""
    from infopublik_ld.config import load_settings
    from infopublik_ld.store import open_version

    with open_version(load_settings(data)) as v:
        def col(q):
            return [r["x"] for r in v.select(q)]
        return {
            "article": col(f"{S}SELECT ?x {{ GRAPH ?g {{ ?x a schema:NewsArticle }} }}"),
            "person": col(f"{S}SELECT DISTINCT ?x {{ GRAPH ?g {{ ?q a schema:Quotation ; "
                          "schema:creator ?x } }"),
        }


def queries(p: dict[str, list[str]], rnd: random.Random) -> dict:
    """A generator of query texts per workload (different texts, so caches rarely answer)."""
    def point():
        return f"SELECT ?p ?o WHERE {{ <{rnd.choice(p['article'])}> ?p ?o }}"

    def join():
        return (f"{S}SELECT ?text ?article WHERE {{ ?q a schema:Quotation ; schema:creator "
                f"<{rnd.choice(p['person'])}> ; schema:text ?text ; schema:isPartOf ?article }}")

    def range_():
        y = rnd.randint(2015, 2024)
        m = rnd.randint(1, 12)
        return (f"{S}SELECT ?a ?d ?h WHERE {{ ?a a schema:NewsArticle ; schema:datePublished ?d ;"
                f" schema:headline ?h FILTER(?d >= \"{y}-{m:02d}-01\"^^<http://www.w3.org/2001/"
                f"XMLSchema#date> && ?d < \"{y + 1}-{m:02d}-01\"^^<http://www.w3.org/2001/"
                "XMLSchema#date>) } ORDER BY DESC(?d) LIMIT 20")

    return {"point": point, "join": join, "range": range_}


AGGREGATE = (f"{S}SELECT ?publisher (COUNT(?a) AS ?n) WHERE {{ ?a a schema:NewsArticle ; "
             "schema:publisher ?publisher } GROUP BY ?publisher ORDER BY DESC(?n)")
ATTACKS = ["SELECT * { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }",
           "SELECT (COUNT(*) AS ?n) { ?s (<http://schema.org/about>|!<http://schema.org/about>)*"
           " ?o }",
           "SELECT * { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }",
           'SELECT * { ?s ?p ?o FILTER regex(str(?o), "^(a+)+$") }',
           "SELECT * { ?s ?p ?o } OFFSET 100000000",
           "SELECT * WHERE { ?s ?p "]


# --- servers and the load generator --------------------------------------------------------------
def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(cmd: list[str], port: int, env: dict | None = None) -> subprocess.Popen:
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            env={**os.environ, **(env or {})})
    for _ in range(600):
        try:
            if request(port, "ASK {}")[0] == 200:
                return proc
        except OSError:
            time.sleep(0.1)
    proc.kill()
    raise RuntimeError(f"server on port {port} did not start: {cmd}")


def request(port: int, query: str, conn: http.client.HTTPConnection | None = None,
            source: str = "127.0.0.1") -> tuple[int, float]:
    """One GET /sparql; returns (status, seconds)."""
    own = conn is None
    conn = conn or http.client.HTTPConnection("127.0.0.1", port, timeout=60,
                                              source_address=(source, 0))
    started = time.perf_counter()
    conn.request("GET", "/sparql?" + urllib.parse.urlencode({"query": query}),
                 headers={"Accept": "application/sparql-results+json"})
    resp = conn.getresponse()
    resp.read()
    took = time.perf_counter() - started
    if own:
        conn.close()
    return resp.status, took


def load(port: int, make, seconds: float, clients: int, source: str = "127.0.0.1") -> dict:
    """``clients`` keep-alive connections sending ``make()`` queries for ``seconds``."""
    lat: list[float] = []
    errors = [0]
    stop = time.perf_counter() + seconds

    def client():
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60,
                                          source_address=(source, 0))
        while time.perf_counter() < stop:
            status, took = request(port, make(), conn)
            if status == 200:
                lat.append(took)
            else:
                errors[0] += 1
        conn.close()

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    lat.sort()
    return {"rps": len(lat) / seconds, "p50_ms": 1000 * lat[len(lat) // 2] if lat else None,
            "p99_ms": 1000 * lat[int(len(lat) * 0.99)] if lat else None, "n": len(lat),
            "errors": errors[0]}


def wrk_load(port: int, paths: Path, script: Path, seconds: float, clients: int) -> dict:
    """wrk with ``clients`` keep-alive connections sending the requests listed in ``paths``."""
    out = subprocess.run(["wrk", f"-t{min(2, clients)}", f"-c{clients}",
                          f"-d{max(1, round(seconds))}s", "--timeout", "30s", "-s", str(script),
                          f"http://127.0.0.1:{port}", "--", str(paths)],
                         capture_output=True, text=True, check=True, timeout=seconds + 60)
    got = json.loads(out.stdout.strip().splitlines()[-1])
    errors = got["non2xx"] + got["socket_errors"]
    return {"rps": (got["requests"] - errors) / got["seconds"], "p50_ms": got["p50_ms"],
            "p99_ms": got["p99_ms"], "n": got["requests"] - errors, "errors": errors}


def cpu_seconds(pid: int) -> float:
    """CPU time (user + system) used so far by process ``pid`` and all its descendants."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            children.setdefault(int(fields[1]), []).append(int(entry))
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        todo += children.get(p, [])
        try:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])
    return total / os.sysconf("SC_CLK_TCK")


def guard_cost(p: dict, rnd: random.Random) -> float:
    """Microseconds per uncached guard decision over the benchmark's queries."""
    from infopublik_ld.web.guard import Policy

    gen = queries(p, rnd)
    texts = [gen[k]() + f" # {i}" for i in range(3000) for k in gen] + \
            [AGGREGATE + f" # {i}" for i in range(1000)]
    policy = Policy(BASE)
    started = time.perf_counter()
    for t in texts:
        policy.check(t)
    return 1e6 * (time.perf_counter() - started) / len(texts)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=100_000, help="generated releases")
    ap.add_argument("--data", type=Path, help="an existing published data directory instead "
                    "(e.g. one made with `infopublik-ld publish` of corpus-20000.jsonl)")
    ap.add_argument("--seconds", type=float, default=15.0,
                    help="load per query and endpoint, split over the rounds")
    ap.add_argument("--clients", type=int, default=4, help="concurrent client connections")
    ap.add_argument("--rounds", type=int, default=3,
                    help="alternating rounds per query and endpoint (the median counts)")
    ap.add_argument("--threads", type=int, default=8, help="waitress threads (both servers)")
    ap.add_argument("--query-workers", type=int, default=0,
                    help="query worker processes of the full stack (0 = its default)")
    ap.add_argument("--load", choices=("wrk", "python"),
                    default="wrk" if shutil.which("wrk") else "python",
                    help="load generator (default: wrk when installed)")
    args = ap.parse_args()
    data = args.data.resolve() if args.data else build(args.n)
    p = pools(data)
    rnd = random.Random(5)
    gen = queries(p, rnd)
    report: dict = {"data": str(data), "clients": args.clients, "load": args.load,
                    "articles": len(p["article"]), "cpus": os.cpu_count()}
    report["guard_us_per_query"] = round(guard_cost(p, random.Random(6)), 1)
    work = Path(tempfile.mkdtemp(prefix="bench-endpoint-"))
    (work / "bare.py").write_text(BARE, encoding="utf-8")
    (work / "paths.lua").write_text(WRK_SCRIPT, encoding="utf-8")
    bare_env = {"BENCH_DATA": str(data)}
    cli = [sys.executable, "-c", "from infopublik_ld.cli import main; main()", "--data",
           str(data), "serve", "--threads", str(args.threads), "--query-workers",
           str(args.query_workers)]
    ports = {name: free_port() for name in ("gunicorn", "waitress", "full")}
    servers: dict[str, subprocess.Popen] = {}
    try:
        servers["gunicorn"] = start(
            [sys.executable, "-m", "gunicorn", "-w", str(os.cpu_count() or 1), "-k", "sync",
             "--chdir", str(work), "-b", f"127.0.0.1:{ports['gunicorn']}", "bare:app"],
            ports["gunicorn"], bare_env)
        servers["waitress"] = start([sys.executable, str(work / "bare.py"),
                                     str(ports["waitress"]), str(args.threads)],
                                    ports["waitress"], bare_env)
        servers["full"] = start([*cli, "--port", str(ports["full"])], ports["full"],
                                {"INFOPUBLIK_CACHE_ENTRIES": "0",
                                 "INFOPUBLIK_CLIENT_CONCURRENCY": "0"})
        for name, make in gen.items():
            paths = work / f"{name}.txt"
            paths.write_text("".join(f"/sparql?{urllib.parse.urlencode({'query': make()})}\n"
                                     for _ in range(20_000)), encoding="utf-8")

            def run(label: str, seconds: float, paths=paths, make=make) -> dict:
                before = cpu_seconds(servers[label].pid)
                if args.load == "wrk":
                    got = wrk_load(ports[label], paths, work / "paths.lua", seconds,
                                   args.clients)
                else:
                    got = load(ports[label], make, seconds, args.clients)
                used = cpu_seconds(servers[label].pid) - before
                return {**got, "cpu_us_per_request": round(1e6 * used / max(1, got["n"]))}

            for label in servers:  # warm each the same way (every query worker opens)
                run(label, min(3.0, args.seconds / 4))
            runs: dict[str, list[dict]] = {label: [] for label in servers}
            for _ in range(args.rounds):
                for label in servers:
                    runs[label].append(run(label, args.seconds / args.rounds))
            for label, got in runs.items():
                got.sort(key=lambda r: r["rps"])
                mid = {**got[len(got) // 2], "rps_rounds": [round(r["rps"]) for r in got],
                       "cpu_us_rounds": sorted(r["cpu_us_per_request"] for r in got)}
                mid["cpu_us_per_request"] = mid["cpu_us_rounds"][len(got) // 2]
                mid["rps"] = round(mid["rps"])
                report[f"{name}_{label}"] = mid
            full = report[f"{name}_full"]
            for base in ("gunicorn", "waitress"):
                report[f"{name}_ratio_{base}"] = round(full["rps"] / report[f"{name}_{base}"]
                                                       ["rps"], 2)
                # bare CPU per request / full CPU per request: the throughput ratio the two
                # would reach on cores of their own
                report[f"{name}_cpu_ratio_{base}"] = round(
                    report[f"{name}_{base}"]["cpu_us_per_request"]
                    / full["cpu_us_per_request"], 2)
        servers.pop("full").terminate()
        full_port = free_port()
        servers["full"] = start([*cli, "--port", str(full_port)], full_port)  # defaults
        request(full_port, AGGREGATE + " # warm")
        first = request(full_port, AGGREGATE)[1]
        cached = statistics.median(request(full_port, AGGREGATE)[1] for _ in range(50))
        bare_agg = statistics.median(request(ports["waitress"], AGGREGATE)[1]
                                     for _ in range(5))
        report["aggregate"] = {"first_ms": round(1000 * first, 2),
                               "cached_ms": round(1000 * cached, 3),
                               "bare_ms": round(1000 * bare_agg, 2),
                               "speedup": round(first / cached, 1)}
        idle = load(full_port, gen["point"], args.seconds / 2, args.clients)
        stop = threading.Event()

        def attack():  # from another address, as an attacker would be
            conn = http.client.HTTPConnection("127.0.0.1", full_port, timeout=60,
                                              source_address=("127.0.0.2", 0))
            i = 0
            while not stop.is_set():
                request(full_port, ATTACKS[i % len(ATTACKS)] + f" # {i}", conn, "127.0.0.2")
                i += 1
            conn.close()

        attacker = threading.Thread(target=attack)
        attacker.start()
        time.sleep(0.5)
        under = load(full_port, gen["point"], args.seconds / 2, args.clients)
        stop.set()
        attacker.join()
        report["attack"] = {"idle": idle, "under_attack": under,
                            "p99_ratio": round(under["p99_ms"] / idle["p99_ms"], 2)}
    finally:
        for proc in servers.values():
            proc.terminate()
        for proc in servers.values():
            proc.wait(timeout=30)
        shutil.rmtree(work, ignore_errors=True)
    print(json.dumps(report, indent=1))
    print()
    for name in gen:
        print(f"{name}: full {report[f'{name}_full']['rps']} req/s, bare gunicorn "
              f"{report[f'{name}_gunicorn']['rps']}, bare waitress "
              f"{report[f'{name}_waitress']['rps']}; full/gunicorn "
              f"{report[f'{name}_ratio_gunicorn']} (target >= 0.8), full/waitress "
              f"{report[f'{name}_ratio_waitress']}; by CPU per request "
              f"{report[f'{name}_cpu_ratio_gunicorn']} / {report[f'{name}_cpu_ratio_waitress']}")
    print(f"cached aggregate {report['aggregate']['speedup']}x faster than first run (>= 10); "
          f"point p99 under attack {report['attack']['p99_ratio']}x idle (<= 5); guard "
          f"{report['guard_us_per_query']} us/query")


if __name__ == "__main__":
    main()
