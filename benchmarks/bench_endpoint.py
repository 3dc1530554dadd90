"""The SPARQL endpoint under load: the full `serve` stack against a bare Flask + pyoxigraph
endpoint (no guard, no workers, no cache) under the same WSGI server, in the same run.

    python benchmarks/bench_endpoint.py            # 100 000 releases (store cached in out/)
    python benchmarks/bench_endpoint.py --n 20000  # smaller, while developing

Reports throughput and p50/p99 latency of four queries (point lookup, join, filtered range
with ORDER BY + LIMIT, aggregate) on both endpoints, the cached/first-run ratio of a repeated
aggregate, the point lookup's p99 while attack queries run in a loop, and the guard's cost per
query. Targets (issue 5): full ≥ 0.7× bare on point and join; cached aggregate ≥ 10× faster
than its first run; p99 under attack ≤ 5× idle p99.
"""

from __future__ import annotations

import argparse
import http.client
import json
import random
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "benchmarks" / "out"
CORPUS = OUT / "corpus-100000.jsonl"
BASE = "http://127.0.0.1:8080/"
S = "PREFIX schema: <http://schema.org/> "

BARE = '''
import sys
from flask import Flask, Response, request
from waitress import serve
from infopublik_ld.config import load_settings
from infopublik_ld.store import open_version
import pyoxigraph as ox

store = open_version(load_settings(sys.argv[1])).native()
app = Flask(__name__)

@app.route("/sparql")
def sparql():
    results = store.query(request.args["query"], use_default_graph_as_union=True)
    body = results.serialize(format=ox.QueryResultsFormat.JSON)
    return Response(body, content_type="application/sparql-results+json")

serve(app, host="127.0.0.1", port=int(sys.argv[2]), threads=int(sys.argv[3]))
'''


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


def start(cmd: list[str], port: int) -> subprocess.Popen:
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
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
    ap.add_argument("--seconds", type=float, default=9.0,
                    help="load per query and endpoint, split over the rounds")
    ap.add_argument("--clients", type=int, default=4, help="concurrent client connections")
    ap.add_argument("--rounds", type=int, default=3,
                    help="alternating bare/full rounds per query (the median counts)")
    ap.add_argument("--threads", type=int, default=8, help="waitress threads (both servers)")
    ap.add_argument("--query-workers", type=int, default=0,
                    help="query worker processes of the full stack (0 = its default)")
    args = ap.parse_args()
    data = build(args.n)
    p = pools(data)
    rnd = random.Random(5)
    gen = queries(p, rnd)
    report: dict = {"n": args.n, "clients": args.clients, "articles": len(p["article"])}
    report["guard_us_per_query"] = round(guard_cost(p, random.Random(6)), 1)

    full_port, bare_port = free_port(), free_port()
    full = start([sys.executable, "-c", "from infopublik_ld.cli import main; main()", "--data",
                  str(data), "serve", "--port", str(full_port), "--threads", str(args.threads),
                  "--query-workers", str(args.query_workers)],
                 full_port)
    bare = start([sys.executable, "-c", BARE, str(data), str(bare_port), str(args.threads)],
                 bare_port)
    try:
        for name, make in gen.items():
            for port in (bare_port, full_port):
                # warm both the same way: the full stack's query workers each open the
                # store and fill their own caches, one request warms only one of them
                load(port, make, min(2.0, args.seconds / 4), args.clients)
            # this machine is a shared VM whose speed drifts between runs: alternate the two
            # endpoints over several rounds and compare medians, so drift hits both alike
            runs: dict[str, list[dict]] = {"bare": [], "full": []}
            for _ in range(args.rounds):
                for label, port in (("bare", bare_port), ("full", full_port)):
                    runs[label].append(load(port, make, args.seconds / args.rounds,
                                            args.clients))
            for label, got in runs.items():
                got.sort(key=lambda r: r["rps"])
                report[f"{name}_{label}"] = {**got[len(got) // 2],
                                             "rps_rounds": [round(r["rps"]) for r in got]}
            report[f"{name}_ratio"] = round(report[f"{name}_full"]["rps"]
                                            / report[f"{name}_bare"]["rps"], 2)
        first = request(full_port, AGGREGATE)[1]
        cached = statistics.median(request(full_port, AGGREGATE)[1] for _ in range(50))
        bare_agg = statistics.median(request(bare_port, AGGREGATE)[1] for _ in range(5))
        report["aggregate"] = {"first_ms": round(1000 * first, 2),
                               "cached_ms": round(1000 * cached, 3),
                               "bare_ms": round(1000 * bare_agg, 2),
                               "speedup": round(first / cached, 1)}
        idle = load(full_port, gen["point"], args.seconds, args.clients)
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
        under = load(full_port, gen["point"], args.seconds, args.clients)
        stop.set()
        attacker.join()
        report["attack"] = {"idle": idle, "under_attack": under,
                            "p99_ratio": round(under["p99_ms"] / idle["p99_ms"], 2)}
    finally:
        for proc in (full, bare):
            proc.terminate()
            proc.wait(timeout=30)
    print(json.dumps(report, indent=1))
    print(f"\npoint full/bare {report['point_ratio']} (target >= 0.7), join full/bare "
          f"{report['join_ratio']} (>= 0.7), range {report['range_ratio']}; cached aggregate "
          f"{report['aggregate']['speedup']}x faster than first run (>= 10); point p99 under "
          f"attack {report['attack']['p99_ratio']}x idle (<= 5); guard "
          f"{report['guard_us_per_query']} us/query")


if __name__ == "__main__":
    main()
