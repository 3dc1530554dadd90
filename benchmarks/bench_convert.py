"""Records/s for map + SHACL validation on one core, against rdflib parsing the same triples.

    python benchmarks/bench_convert.py [N]          # default N = 10000

Everything runs in this one process (one core). Prints, for the same N generated records:
  - map + validate (the publishing path: mapping, provenance, compiled SHACL evaluator)
  - rdflib parsing the same triples from N-Triples (the baseline), and the ratio
  - pyshacl on a sample (the reference validator), for context
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate_corpus import Generator  # noqa: E402
from rdflib import Graph  # noqa: E402

from infopublik_ld.pipeline import prepare  # noqa: E402
from infopublik_ld.records.schema import check_record  # noqa: E402
from infopublik_ld.validation import validate_graph  # noqa: E402

BASE = "https://data.example.go.id/"
#: the provenance names the publishing agency, as publish does with the default settings
AGENCY = "Dinas Komunikasi dan Informatika"


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("n", type=int, nargs="?", default=10_000)
    ap.add_argument("--sample", type=int, default=300, help="records given to pyshacl")
    args = ap.parse_args(argv)

    gen = Generator()
    records = [gen.record(i) for i in range(args.n)]
    raws = [str(i).encode() for i in range(args.n)]
    prepare(records[0], source=b"warm", base=BASE, agency=AGENCY)  # load shapes, schemes

    gc.collect()
    t0 = time.perf_counter()
    for rec in records:
        check_record(rec)
    t_check = time.perf_counter() - t0

    t0 = time.perf_counter()
    prepared = [prepare(rec, source=raw, base=BASE, agency=AGENCY)
                for rec, raw in zip(records, raws, strict=True)]
    t_prepare = time.perf_counter() - t0
    triples = sum(len(p.release.triples) for p in prepared)
    assert all(p.report.conforms for p in prepared)

    lines = []
    for p in prepared:
        lines += [f"{s.n3()} {pr.n3()} {o.n3()} .\n" for s, pr, o in p.release.triples]
    nt = "".join(lines)
    del lines
    gc.collect()
    t0 = time.perf_counter()
    g = Graph()
    g.parse(data=nt, format="nt")
    t_parse = time.perf_counter() - t0

    sample = prepared[: args.sample]
    t0 = time.perf_counter()
    for p in sample:
        validate_graph(p.release.graph)
    t_pyshacl = (time.perf_counter() - t0) / len(sample)

    rate = args.n / t_prepare
    print(f"records                          {args.n}  ({triples} triples, "
          f"{triples / args.n:.0f}/record)")
    print(f"schema check (jsonschema)        {args.n / t_check:9.0f} records/s")
    print(f"map + provenance + SHACL         {rate:9.0f} records/s  "
          f"({1000 * t_prepare / args.n:.2f} ms/record)")
    print(f"schema + map + SHACL             {args.n / (t_check + t_prepare):9.0f} records/s")
    print(f"baseline: rdflib parse N-Triples {args.n / t_parse:9.0f} records/s "
          f"({triples / t_parse:.0f} triples/s)")
    print(f"ratio map+SHACL / rdflib parse   {t_parse / t_prepare:9.2f}x")
    print(f"pyshacl (reference), per record  {1000 * t_pyshacl:9.2f} ms  "
          f"({1 / t_pyshacl:.0f} records/s; sample {len(sample)})")
    print(f"target >= 300 records/s on one core: {'MET' if rate >= 300 else 'NOT MET'}")


if __name__ == "__main__":
    main()
