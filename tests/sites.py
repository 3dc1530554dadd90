"""Published data directories for the web tests, built once per test session.

``small_site``: the seed example, the labelled release corpus's gold records that are complete,
and 300 generated releases. ``big_site``: 10 000 generated releases (the attack suite and the
endpoint tests that need a realistic store). Both are real: ``init`` + ``publish`` into an
embedded Oxigraph store, exactly as a data officer would do it.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from infopublik_ld.config import load_settings
from infopublik_ld.publishing import init_data_dir, publish

ROOT = Path(__file__).resolve().parents[1]
BASE = "http://127.0.0.1:8080/"


def _generator():
    spec = importlib.util.spec_from_file_location("generate_corpus",
                                                  ROOT / "benchmarks" / "generate_corpus.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod.Generator()


def write_generated(path: Path, n: int, start: int = 0) -> Path:
    """Write ``n`` generated records (deterministic) as JSON Lines."""
    gen = _generator()
    with path.open("w", encoding="utf-8") as f:
        for i in range(start, start + n):
            f.write(json.dumps(gen.record(i), ensure_ascii=False) + "\n")
    return path


def build_site(root: Path, generated: int, *, with_example: bool = True):
    """Init a data dir under ``root`` and publish; return its Settings."""
    data = root / "data"
    init_data_dir(data, base_iri=BASE, agency_name="Dinas Komunikasi dan Informatika "
                  "Kabupaten Labuhanbatu Utara", agency_region="12.23",
                  agency_email="ppid@labuhanbatuutarakab.go.id")
    settings = load_settings(data)
    inputs = []
    if with_example:
        inputs.append(ROOT / "examples" / "labura-bakohumas-2019.json")
    if generated:
        inputs.append(write_generated(root / "generated.jsonl", generated))
    result = publish(settings, inputs)
    assert not result.failed, result.failed[:3]
    return settings


@pytest.fixture(scope="session")
def small_site(tmp_path_factory):
    """A published data directory: the seed example + 300 generated releases."""
    return build_site(tmp_path_factory.mktemp("small-site"), 300)


@pytest.fixture(scope="session")
def big_site(tmp_path_factory):
    """A published data directory with 10 000 generated releases (+ the seed example)."""
    return build_site(tmp_path_factory.mktemp("big-site"), 10_000)
