"""Releases per second of the extractor on one core, over the labelled corpus repeated to
10 000 releases (issue 3 asks for at least 200/s).

Reported against a baseline measured in the same run: a plain pass over the same texts
(normalising whitespace and splitting words), so the figure travels between machines.

    python benchmarks/bench_extract.py [--count 10000]
"""

from __future__ import annotations

import argparse
import itertools
import time
from pathlib import Path

from infopublik_ld.records.encoding import decode_bytes
from infopublik_ld.records.extract import extract_text
from infopublik_ld.records.regions import lookup_region

ROOT = Path(__file__).resolve().parent.parent
TARGET = 200.0


def corpus() -> list[tuple[str, bool]]:
    """``(text, is_html)`` for each corpus release (the seed example when there is none)."""
    files = sorted((ROOT / "tests" / "data" / "releases").glob("*.txt"))
    files += sorted((ROOT / "tests" / "data" / "releases").glob("*.html"))
    files = files or [ROOT / "examples" / "labura-bakohumas-2019.txt"]
    return [(decode_bytes(f.read_bytes()), f.suffix == ".html") for f in files]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10_000, help="releases to extract")
    args = parser.parse_args(argv)
    texts = corpus()
    t0 = time.perf_counter()
    lookup_region("Labura")  # loads the region table once
    load = time.perf_counter() - t0
    batch = list(itertools.islice(itertools.cycle(texts), args.count))
    t0 = time.perf_counter()
    words = 0
    for text, _html in batch:
        words += len(" ".join(text.split()).split())
    baseline = time.perf_counter() - t0
    t0 = time.perf_counter()
    for text, html in batch:
        extract_text(text, html=html)
    elapsed = time.perf_counter() - t0
    rate = len(batch) / elapsed
    print(f"corpus: {len(texts)} distinct releases, {len(batch)} extracted on one core")
    print(f"region table load (once): {load * 1000:.0f} ms")
    print(f"extract: {rate:,.0f} releases/s ({elapsed * 1000 / len(batch):.2f} ms each)")
    print(f"ratio to target {TARGET:.0f}/s: {rate / TARGET:.1f}x  "
          f"({'meets' if rate >= TARGET else 'BELOW'} target)")
    print(f"ratio to baseline (whitespace pass, {len(batch) / baseline:,.0f}/s): "
          f"{elapsed / baseline:.0f}x slower")
    return 0 if rate >= TARGET else 1


if __name__ == "__main__":
    raise SystemExit(main())
