"""The remote backend at scale: N generated releases bulk-loaded into Virtuoso, then point and
join latency through ``serve`` (issue 16's scale figure).

    nice -n 19 python benchmarks/bench_remote_scale.py prepare --n 1000000 --work DIR
    nice -n 19 python benchmarks/bench_remote_scale.py finish --work DIR   # if prepare stopped
    flock /work/bench/bench.lock python benchmarks/bench_remote_scale.py measure --work DIR
    python benchmarks/bench_remote_scale.py clean --work DIR

``prepare`` (long, CPU-heavy: run it under ``nice``):

1. *quads*: the records are generated (benchmarks/generate_corpus.py's generator, one seed
   per part of 10 000) and run through the publishing workers' own function
   (:func:`infopublik_ld.publish_inputs.work`: JSON Schema check, mapping, SHACL, content
   hash, facets), in one process per core. Each part becomes one gzipped N-Quads file holding
   what ``publish`` writes for a new release: the release graph, its registry entry and its
   change entry of version 1. People and organisations are minted from their names (the
   workers' ``identities=False`` path) rather than resolved one by one against the
   authority list by the single publishing process; everything else is the same text.
2. *load*: a private Virtuoso (buffers sized for the data) loads the files with its bulk
   loader (``ld_dir`` + one ``rdf_loader_run`` per core + ``checkpoint``), started under the
   caller's niceness. Then the project's own code finishes version 1 as the next writer
   finishes a version a crash left without a header: the statistics graph from the summed
   facets (:func:`infopublik_ld.stats.counts.write_statistics`) and the version header
   (:meth:`GraphStore.finalize`).

``finish`` does step 2's last part (counts, query pools, version 1) on a database whose load
ended but whose version did not (e.g. a failed finalize).

``measure`` starts Virtuoso on that database (normal priority) and ``serve`` (2 processes × 8
threads) on it, and reports point lookup and join req/s, p50 and p99 through ``serve`` and
straight to Virtuoso's ``/sparql`` (the same texts, our dataset pragmas included), the
database's size on disk and Virtuoso's resident memory. Figures land in ``DIR/report.json``.

``clean`` deletes the database and the quads (the report stays).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import shutil
import subprocess
import sys
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_endpoint import free_port, load  # noqa: E402
from bench_remote import BASE, du, node, rss, serve  # noqa: E402

PART = 10_000
S = "PREFIX schema: <http://schema.org/> "
#: every this-many-th release gives its article and speakers to the query pools
POOL_EVERY = 25


# --- 1. quads ------------------------------------------------------------------------------
def _generator(part: int):
    import importlib.util

    spec = importlib.util.spec_from_file_location("generate_corpus",
                                                  ROOT / "benchmarks" / "generate_corpus.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    gen = mod.Generator()
    gen.rng = random.Random(1_000_003 * part + 7)  # parts made in parallel still differ
    return gen


def make_part(part: int, out: Path) -> dict:
    """Part ``part`` (releases part·10 000 …) as ``out`` (gzipped N-Quads); returns its
    totals, triple count and query pool sample."""
    from infopublik_ld.publish_inputs import Job, work
    from infopublik_ld.stats.counts import Totals
    from infopublik_ld.store.base import GraphStore

    gen = _generator(part)
    jobs = []
    for i in range(part * PART, (part + 1) * PART):
        line = json.dumps(gen.record(i), ensure_ascii=False).encode("utf-8")
        jobs.append(Job(f"generated:{i + 1}", "line", line))
    g = GraphStore(BASE)
    totals, triples = Totals(), 0
    pool: dict[str, list[str]] = {"article": [], "person": []}
    tmp = out.with_suffix(".tmp")
    with gzip.open(tmp, "wb", compresslevel=1) as fh:
        for n in range(0, len(jobs), 500):
            outcomes = work(jobs[n:n + 500], BASE, False, True)
            buf = []
            for k, o in enumerate(outcomes):
                if o.errors:
                    raise RuntimeError(f"{o.origin}: {o.errors[:1]}")
                w = o.write
                tail = f" <{w.graph}> .\n"
                buf += [line[:-2] + tail for line in w.text.splitlines()]
                reg = f" <{g.g['registry']}> .\n"
                buf += [t + reg for t in g._registry(w, 1)]
                ver = f" <{g.g['versions']}> .\n"
                buf += [t + ver for t in g._change(1, "added", w.graph)]
                totals.add(w.facets)
                triples += w.count
                if (n + k) % POOL_EVERY == 0:
                    for line in w.text.splitlines():
                        s, p, rest = line.split(" ", 2)
                        if p == "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>" and \
                                rest.startswith("<http://schema.org/NewsArticle>"):
                            pool["article"].append(s[1:-1])
                        elif p == "<http://schema.org/creator>":
                            pool["person"].append(rest[1:rest.index(">")])
            fh.write("".join(buf).encode("utf-8"))
    tmp.rename(out)
    return {"totals": totals, "triples": triples, "pool": pool}


def part_totals(folder: Path, parts: list[int]):
    """The summed counts of ``parts``."""
    import pickle

    from infopublik_ld.stats.counts import Totals

    totals = Totals()
    for p in parts:
        t = pickle.loads((folder / f"part-{p:04d}.totals").read_bytes())
        totals.n.update(t.n)
        totals.labels.update(t.labels)
        totals.releases += t.releases
    return totals


def quads(n: int, folder: Path, workers: int) -> dict:
    """All parts of ``n`` releases under ``folder`` (parts already made are kept)."""

    folder.mkdir(parents=True, exist_ok=True)
    parts = range((n + PART - 1) // PART)
    done_file = folder / "parts.json"
    done = json.loads(done_file.read_text()) if done_file.exists() else {}
    todo = [p for p in parts if str(p) not in done or
            not (folder / f"part-{p:04d}.nq.gz").exists()]
    started = time.perf_counter()
    import pickle

    with ProcessPoolExecutor(workers) as ex:
        futures = {p: ex.submit(make_part, p, folder / f"part-{p:04d}.nq.gz") for p in todo}
        for p, fut in futures.items():
            got = fut.result()
            (folder / f"part-{p:04d}.totals").write_bytes(pickle.dumps(got["totals"]))
            done[str(p)] = {"triples": got["triples"], "pool": got["pool"]}
            done_file.write_text(json.dumps(done))
            print(f"part {p} done ({len(done)}/{len(parts)}, "
                  f"{time.perf_counter() - started:.0f} s)", file=sys.stderr, flush=True)
    totals = part_totals(folder, list(parts))
    pool = {"article": [], "person": []}
    for p in parts:
        for k in pool:
            pool[k] += done[str(p)]["pool"][k]
    pool["person"] = sorted(set(pool["person"]))
    return {"totals": totals, "made": len(todo),
            "triples": sum(done[str(p)]["triples"] for p in parts),
            "pool": pool, "seconds": time.perf_counter() - started}


# --- 2. Virtuoso ---------------------------------------------------------------------------
def scale_virtuoso(folder: Path, buffers_gb: float, quads_dir: Path | None = None):
    """A private Virtuoso with ``buffers_gb`` of buffers, allowed to read ``quads_dir``."""
    from tests import conftest_store

    pages = int(buffers_gb * 2**30 / 8192)
    ini = conftest_store.INI.replace("NumberOfBuffers = 170000", f"NumberOfBuffers = {pages}") \
        .replace("MaxDirtyBuffers = 130000", f"MaxDirtyBuffers = {pages * 3 // 4}") \
        .replace("MaxCheckpointRemap = 2000", f"MaxCheckpointRemap = {pages // 4}") \
        .replace("MaxQueryMem = 1G", "MaxQueryMem = 2G")
    if quads_dir is not None:
        ini = ini.replace("DirsAllowed = .,", f"DirsAllowed = ., {quads_dir},")
    saved = conftest_store.INI
    conftest_store.INI = ini
    try:
        return conftest_store.Virtuoso(folder, max_rows=2_000_000)
    finally:
        conftest_store.INI = saved


def isql(v, sql: str, timeout: float = 4 * 3600) -> str:
    out = subprocess.run([shutil.which("isql-vt"), str(v.isql), "dba", "dba", f"exec={sql}"],
                         capture_output=True, text=True, timeout=timeout)
    if out.returncode != 0 or "*** Error" in out.stdout:
        raise RuntimeError(f"isql {sql!r}: {out.stdout[-2000:]} {out.stderr[-2000:]}")
    return out.stdout


def bulk_load(v, files: list[Path], loaders: int, minutes: float) -> tuple[float, list[Path]]:
    """Virtuoso's bulk loader over ``files``, ``loaders`` at once, stopped after ``minutes``
    (the files being loaded then are finished; the rest stay out). Returns the seconds and
    the files loaded."""
    started = time.perf_counter()
    for f in files:
        isql(v, f"ld_add('{f}', 'urn:unused');")
    threads = [threading.Thread(target=isql, args=(v, "rdf_loader_run();"))
               for _ in range(loaders)]
    for t in threads:
        t.start()
    stop = threading.Timer(minutes * 60, isql, args=(v, "rdf_load_stop();"))
    stop.start()
    for t in threads:
        t.join()
    stop.cancel()
    isql(v, "checkpoint;")
    took = time.perf_counter() - started
    out = isql(v, "SELECT ll_file FROM DB.DBA.LOAD_LIST WHERE ll_error IS NOT NULL;")
    bad = [f for f in files if str(f) in out]
    out = isql(v, "SELECT ll_file FROM DB.DBA.LOAD_LIST WHERE ll_state = 2;")
    done = [f for f in files if str(f) in out and f not in bad]
    if bad:
        raise RuntimeError(f"bulk load errors in {bad[:3]}: {out[-2000:]}")
    return took, done


def finish_version(v, totals) -> dict:
    """Statistics graph and version 1's header, by the project's own code."""
    from infopublik_ld.stats.counts import Keeper
    from infopublik_ld.store.sparql import SparqlStore

    vals = v.settings_values()
    store = SparqlStore(base=BASE, query_url=vals["sparql_query_url"],
                        update_url=vals["sparql_update_url"], user="dba", password="dba",
                        timeout=3600)
    store.statistics = Keeper(totals=totals)
    started = time.perf_counter()
    info = store.finalize(1)
    return {"finalize_s": round(time.perf_counter() - started, 1),
            "version_triples": info.triples, "version_releases": info.releases}


def finish(work: Path, v, done: list[Path], report: dict) -> None:
    """After the load: the counts, pools and version 1 of the parts in ``done``."""
    folder = work / "quads"
    parts = [int(f.name[5:9]) for f in done]
    totals = part_totals(folder, parts)
    loaded = json.loads((folder / "parts.json").read_text())
    report.update({
        "loaded_parts": len(parts), "loaded_releases": totals.releases,
        "loaded_release_triples": sum(loaded[str(p)]["triples"] for p in parts),
        "virtuoso_rss_gb_after_load": round(rss(work / "virtuoso") / 2**30, 2)})
    pool = {"article": [], "person": []}  # the query pools: what was loaded
    for p in parts:
        for k in pool:
            pool[k] += loaded[str(p)]["pool"][k]
    pool["person"] = sorted(set(pool["person"]))
    (work / "pools.json").write_text(json.dumps(pool))
    report.update(finish_version(v, totals))
    isql(v, "checkpoint;")


# --- 3. measure -----------------------------------------------------------------------------
def measure(args, report: dict) -> None:
    from bench_endpoint import queries

    from infopublik_ld.store.sparql import SparqlStore

    work = args.work
    pool = json.loads((work / "pools.json").read_text())
    v = scale_virtuoso(work / "virtuoso", args.buffers_gb)
    procs = []
    try:
        report["virtuoso_disk_gb"] = round(du(work / "virtuoso") / 2**30, 2)
        remote = node(work / "web", v.settings_values())
        port = free_port()
        procs.append(serve(remote, port, args.processes))
        client = SparqlStore(base=BASE, query_url=f"{v.url}/sparql",
                             update_url=f"{v.url}/sparql-auth")
        for name in ("point", "join"):
            results = {}
            for target, p, wrap in (("serve_virtuoso", port, None),
                                    ("virtuoso_direct", v.http, client)):
                gen = queries(pool, random.Random(11))[name]
                counter = iter(range(10**9))

                def make(gen=gen, wrap=wrap, counter=counter):
                    text = f"{gen()} # {next(counter)}"
                    return wrap.public_form(text, limit=None)[0] if wrap else text
                load(p, make, args.warmup, args.clients)  # buffers warm, connections open
                got = load(p, make, args.seconds, args.clients)
                results[target] = {k: round(x, 1) if isinstance(x, float) else x
                                   for k, x in got.items()}
            results["serve_vs_direct"] = round(results["serve_virtuoso"]["rps"] /
                                               results["virtuoso_direct"]["rps"], 2)
            report[name] = results
            print(json.dumps({name: results}), file=sys.stderr, flush=True)
        report["virtuoso_rss_gb_after_queries"] = round(rss(work / "virtuoso") / 2**30, 2)
        report["load_average"] = os.getloadavg()
    finally:
        for p in procs:
            p.terminate()
            p.wait(timeout=30)
        v.stop()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("stage", choices=("prepare", "finish", "measure", "clean"))
    ap.add_argument("--n", type=int, default=1_000_000, help="releases (prepare)")
    ap.add_argument("--work", type=Path, required=True, help="folder for quads, database")
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--buffers-gb", type=float, default=2.5,
                    help="Virtuoso's buffers (6 GB got the engine killed by the kernel's OOM "
                         "killer here, beside other jobs, on a machine of 23 GB)")
    ap.add_argument("--load-minutes", type=float, default=60.0,
                    help="stop the bulk loader after this long: the parts loaded by then are "
                         "the data (prepare)")
    ap.add_argument("--seconds", type=float, default=20.0, help="seconds per workload")
    ap.add_argument("--warmup", type=float, default=10.0)
    ap.add_argument("--clients", type=int, default=8)
    ap.add_argument("--processes", type=int, default=2, help="serve processes")
    args = ap.parse_args()
    args.work = args.work.resolve()
    args.work.mkdir(parents=True, exist_ok=True)
    report_file = args.work / "report.json"
    report = json.loads(report_file.read_text()) if report_file.exists() else {}

    if args.stage == "clean":
        shutil.rmtree(args.work / "virtuoso", ignore_errors=True)
        shutil.rmtree(args.work / "quads", ignore_errors=True)
        shutil.rmtree(args.work / "web", ignore_errors=True)
        return
    if args.stage == "prepare":
        folder = args.work / "quads"
        made = quads(args.n, folder, args.workers)
        (args.work / "pools.json").write_text(json.dumps(made["pool"]))
        if made["made"] or "quads_s" not in report:
            report["quads_s"] = round(made["seconds"])
        report.update({"n": args.n, "release_triples": made["triples"],
                       "quads_gz_gb": round(du(folder) / 2**30, 2)})
        print(json.dumps(report), file=sys.stderr, flush=True)
        shutil.rmtree(args.work / "virtuoso", ignore_errors=True)
        (args.work / "virtuoso").mkdir()
        v = scale_virtuoso(args.work / "virtuoso", args.buffers_gb, folder)
        try:
            files = [folder / f"part-{p:04d}.nq.gz" for p in range((args.n + PART - 1) // PART)]
            took, done = bulk_load(v, files, args.workers, args.load_minutes)
            report["bulk_load_s"] = round(took)
            finish(args.work, v, done, report)
        finally:
            v.stop()
        report["virtuoso_disk_gb_after_load"] = round(du(args.work / "virtuoso") / 2**30, 2)
    elif args.stage == "finish":  # a prepare whose load ended but whose version did not
        folder = args.work / "quads"
        v = scale_virtuoso(args.work / "virtuoso", args.buffers_gb, folder)
        try:
            out = isql(v, "SELECT ll_file FROM DB.DBA.LOAD_LIST WHERE ll_state = 2 AND "
                          "ll_error IS NULL;")
            done = sorted(f for f in folder.glob("part-*.nq.gz") if str(f) in out)
            # (the load's duration: the "Loader started" / "Loader has finished" lines of
            # DIR/virtuoso/virtuoso.log)
            finish(args.work, v, done, report)
        finally:
            v.stop()
        report["virtuoso_disk_gb_after_load"] = round(du(args.work / "virtuoso") / 2**30, 2)
    else:
        measure(args, report)
    report_file.write_text(json.dumps(report, indent=1))
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
