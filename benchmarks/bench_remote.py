"""The public product on a remote engine, measured in one run on one machine.

    python benchmarks/bench_remote.py --n 20000            # the comparison, 20 000 releases
    python benchmarks/bench_remote.py --n 100000 --publish-n 2000

1. Publish throughput (releases/s) into each remote engine: Virtuoso and Oxigraph server,
   ``--publish-n`` generated releases through ``infopublik-ld publish``'s library call.
2. ``--n`` releases published into the embedded store, exported (release graphs and
   bookkeeping as N-Quads) and bulk-loaded into a private Virtuoso with its own loader
   (``ld_dir`` + ``rdf_loader_run``): load time, disk, the engine's memory.
3. Point lookup and join req/s and p50/p99 through ``serve`` on Virtuoso, against the same
   query texts (our dataset pragmas included) sent straight to Virtuoso's ``/sparql`` (the
   proxy's cost; target ≥ 0.7×), and against ``serve`` on the embedded store with the same data;
   ``--rounds`` rounds alternating the three, the median round of each kept.

Figures are ratios within this run; the machine is shared, so absolute numbers drift.
The scale figure (a million releases bulk-loaded into Virtuoso, point and join latency
through ``serve``) is benchmarks/bench_remote_scale.py.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_endpoint import free_port, load, queries, start  # noqa: E402

BASE = "http://127.0.0.1:8080/"
S = "PREFIX schema: <http://schema.org/> "


def corpus(n: int, folder: Path, start_at: int = 0) -> list[Path]:
    """``n`` generated records in files of 10 000 (deterministic)."""
    from tests.sites import write_generated

    folder.mkdir(parents=True, exist_ok=True)
    parts = []
    for i in range(start_at, start_at + n, 10_000):
        path = folder / f"part-{i:07d}.jsonl"
        if not path.exists():
            write_generated(path, min(10_000, start_at + n - i), start=i)
        parts.append(path)
    return parts


def du(path: Path) -> int:
    """Bytes under ``path``."""
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def rss(folder) -> int:
    """Resident memory of a process, bytes (the Virtuoso started for ``pid``'s folder)."""
    found = subprocess.run(["pgrep", "-f", f"virtuoso-t .*{folder}/virtuoso.ini"],
                           capture_output=True, text=True).stdout.split()
    if not found:
        return 0
    pid = int(found[0])
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    return 0


def publish_into(engine_values: dict, n: int, work: Path, password: str = "") -> float:
    """Releases/s of publishing ``n`` generated releases into a remote engine."""
    from infopublik_ld.config import load_settings
    from infopublik_ld.publishing import init_data_dir, publish

    data = work / "data"
    shutil.rmtree(data, ignore_errors=True)
    init_data_dir(data, base_iri="http://127.0.0.1:9999/", **engine_values)
    settings = load_settings(data, **({"sparql_password": password} if password else {}))
    parts = corpus(n, work / "corpus", start_at=500_000)
    started = time.perf_counter()
    result = publish(settings, parts)
    took = time.perf_counter() - started
    assert not result.failed, result.failed[:2]
    return n / took


def export_nquads(data: Path, out: Path) -> int:
    """Release graphs and bookkeeping of the embedded store as N-Quads files; quads."""
    from infopublik_ld.config import load_settings
    from infopublik_ld.store import open_version

    out.mkdir(parents=True, exist_ok=True)
    with open_version(load_settings(data)) as view:
        with open(out / "data.nq", "wb") as fh:
            view.dump(fh)
        with open(out / "meta.nq", "wb") as fh:
            import pyoxigraph as ox

            view._meta.dump(fh, format=ox.RdfFormat.N_QUADS)  # the bookkeeping store
    return sum(1 for f in ("data.nq", "meta.nq") for _ in open(out / f, "rb"))


def bulk_load(v, folder: Path) -> float:
    """Virtuoso's bulk loader over the N-Quads in ``folder``; seconds."""
    started = time.perf_counter()
    subprocess.run([shutil.which("isql-vt"), str(v.isql), "dba", "dba",
                    f"exec=ld_dir('{folder}', '*.nq', 'urn:unused'); rdf_loader_run(); "
                    "checkpoint;"], check=True, capture_output=True, timeout=7200)
    return time.perf_counter() - started


def node(root: Path, values: dict) -> Path:
    from infopublik_ld.publishing import init_data_dir

    shutil.rmtree(root, ignore_errors=True)
    init_data_dir(root, base_iri=BASE, **{k: v for k, v in values.items()
                                          if k != "sparql_password"})
    with (root / "infopublik-ld.toml").open("a") as fh:
        if values.get("sparql_password"):
            fh.write(f'sparql_password = "{values["sparql_password"]}"\n')
    unlimited(root)
    return root


def unlimited(root: Path) -> None:
    """All load comes from one client address here: no per-client limit."""
    toml = root / "infopublik-ld.toml"
    if "client_concurrency = 0" not in toml.read_text():
        with toml.open("a") as fh:
            fh.write("client_concurrency = 0\n")


def serve(data: Path, port: int, processes: int) -> subprocess.Popen:
    cmd = [sys.executable, "-c", "from infopublik_ld.cli import main; main()", "--data",
           str(data), "serve", "--port", str(port), "--processes", str(processes),
           "--threads", "8"]
    return start(cmd, port)


def pools(data: Path) -> dict[str, list[str]]:
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


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=20_000, help="releases for the comparison")
    ap.add_argument("--publish-n", type=int, default=2_000,
                    help="releases published into each engine for the throughput figure")
    ap.add_argument("--seconds", type=float, default=10.0, help="seconds per workload")
    ap.add_argument("--rounds", type=int, default=3,
                    help="rounds per workload, alternating the targets (the median is kept)")
    ap.add_argument("--clients", type=int, default=8)
    ap.add_argument("--processes", type=int, default=2, help="serve processes")
    ap.add_argument("--work", type=Path, default=ROOT / "benchmarks" / "out" / "remote")
    args = ap.parse_args()

    from tests.conftest_store import OxigraphServer, Virtuoso

    work = args.work.resolve()
    work.mkdir(parents=True, exist_ok=True)
    report: dict = {"n": args.n, "publish_n": args.publish_n, "cpus": os.cpu_count()}

    # 1. publish throughput into each engine
    if args.publish_n:
        folder = work / "oxigraph-server"
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir()
        ox_server = OxigraphServer(folder, timeout_s=60)
        try:
            report["publish_oxigraph_server_rps"] = round(publish_into(
                ox_server.settings_values(), args.publish_n, work / "pub-ox"), 1)
        finally:
            ox_server.stop()
        vfolder = work / "virtuoso-publish"
        shutil.rmtree(vfolder, ignore_errors=True)
        vfolder.mkdir()
        v = Virtuoso(vfolder)
        try:
            report["publish_virtuoso_rps"] = round(publish_into(
                v.settings_values(), args.publish_n, work / "pub-v", "dba"), 1)
        finally:
            v.stop()
        print(json.dumps(report), file=sys.stderr)

    # 2. the embedded store with --n releases, exported and bulk-loaded into Virtuoso
    from infopublik_ld.config import load_settings
    from infopublik_ld.publishing import init_data_dir, publish

    embedded = work / f"embedded-{args.n}" / "data"
    if not (embedded / "versions" / "current.json").is_file():
        shutil.rmtree(embedded.parent, ignore_errors=True)
        init_data_dir(embedded, base_iri=BASE)
        started = time.perf_counter()
        result = publish(load_settings(embedded), [ROOT / "examples" /
                                                   "labura-bakohumas-2019.json",
                                                   *corpus(args.n, work / "corpus-main")])
        assert not result.failed
        report["embedded_publish_s"] = round(time.perf_counter() - started, 1)
    vfolder = work / f"virtuoso-{args.n}"
    shutil.rmtree(vfolder, ignore_errors=True)
    vfolder.mkdir()
    quads = export_nquads(embedded, vfolder / "load")
    v = Virtuoso(vfolder)
    procs: list[subprocess.Popen] = []
    try:
        report["quads"] = quads
        report["virtuoso_bulk_load_s"] = round(bulk_load(v, vfolder / "load"), 1)
        report["virtuoso_quads_per_s"] = round(quads / report["virtuoso_bulk_load_s"])
        shutil.rmtree(vfolder / "load")
        report["virtuoso_disk_mb"] = round(du(vfolder) / 2**20)
        report["virtuoso_rss_mb_after_load"] = round(rss(vfolder) / 2**20)

        # 3. serve on Virtuoso, Virtuoso directly, serve on the embedded store
        remote = node(work / "web-virtuoso", v.settings_values())
        p_remote, p_embedded = free_port(), free_port()
        procs.append(serve(remote, p_remote, args.processes))
        unlimited(embedded)
        procs.append(serve(embedded, p_embedded, args.processes))
        from infopublik_ld.store.sparql import SparqlStore

        client = SparqlStore(base=BASE, query_url=f"{v.url}/sparql",
                             update_url=f"{v.url}/sparql-auth")
        pool = pools(embedded)
        http_port = v.http
        targets = (("serve_virtuoso", p_remote, None), ("virtuoso_direct", http_port, client),
                   ("serve_embedded", p_embedded, None))
        for name in ("point", "join"):
            rounds: dict[str, list[dict]] = {t[0]: [] for t in targets}
            for r in range(args.rounds):
                # rounds alternate the targets and rotate which goes first: the machine's
                # speed drifts, and the first one after a pause found the engine colder
                for target, port, wrap in targets[r % 3:] + targets[:r % 3]:
                    gen = queries(pool, random.Random(7 + r))[name]
                    counter = iter(range(10**9))

                    def make(gen=gen, wrap=wrap, counter=counter):
                        # a fresh text each time: the response cache must not answer
                        text = f"{gen()} # {next(counter)}"
                        return wrap.public_form(text, limit=None)[0] if wrap else text
                    load(port, make, 2.0, args.clients)  # warm up
                    rounds[target].append(load(port, make, args.seconds, args.clients))
            results = {t: sorted(rs, key=lambda x: x["rps"])[len(rs) // 2]  # the median
                       for t, rs in rounds.items()}
            report[name] = results
            report[f"{name}_rounds_rps"] = {t: [round(x["rps"], 1) for x in rs]
                                            for t, rs in rounds.items()}
            report[f"{name}_serve_vs_direct"] = round(
                results["serve_virtuoso"]["rps"] / results["virtuoso_direct"]["rps"], 2)
            report[f"{name}_virtuoso_vs_embedded"] = round(
                results["serve_virtuoso"]["rps"] / results["serve_embedded"]["rps"], 2)
            print(json.dumps({name: results}), file=sys.stderr)
        report["load_average"] = os.getloadavg()
        report["virtuoso_rss_mb_after_queries"] = round(rss(vfolder) / 2**20)
    finally:
        for p in procs:
            p.terminate()
            p.wait(timeout=30)
        v.stop()
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
