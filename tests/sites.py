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


def build_site(root: Path, generated: int, *, with_example: bool = True,
               engine: dict | None = None):
    """Init a data dir under ``root`` and publish; return its Settings. ``engine``: the
    settings of a remote engine."""
    data = root / "data"
    engine = dict(engine or {})
    password = engine.pop("sparql_password", "")
    init_data_dir(data, base_iri=BASE, agency_name="Dinas Komunikasi dan Informatika "
                  "Kabupaten Labuhanbatu Utara", agency_region="12.23",
                  agency_email="ppid@labuhanbatuutarakab.go.id", **engine)
    if password:  # in the file (test data only), so a `serve` subprocess has it too
        with (data / "infopublik-ld.toml").open("a", encoding="utf-8") as fh:
            fh.write(f'sparql_password = "{password}"\n')
    settings = load_settings(data)
    inputs = []
    if with_example:
        inputs.append(ROOT / "examples" / "labura-bakohumas-2019.json")
    if generated:
        inputs.append(write_generated(root / "generated.jsonl", generated))
    result = publish(settings, inputs)
    assert not result.failed, result.failed[:3]
    return settings


#: the backends the web suite runs on: the embedded store and two real remote engines
BACKENDS = ("embedded", "virtuoso", "oxigraph-server")


def leave_only_the_site(request, backend: str) -> None:
    """After a test that put other instances into a session engine: drop them again."""
    if backend in ("virtuoso", "oxigraph-server"):
        request.getfixturevalue("virtuoso" if backend == "virtuoso" else "oxigraph_server") \
            .drop_instances(keep=BASE)


def restart_engine(request, backend: str) -> None:
    """After a module that sent the session's Oxigraph server queries our limit cut: restart
    it, so that it does not go on computing them beside the tests after (Virtuoso stops a
    query itself at its ``MaxQueryExecutionTime``; the embedded workers are killed)."""
    if backend == "oxigraph-server":
        request.getfixturevalue("oxigraph_server").restart("data")


def engine_values(request, backend: str) -> dict | None:
    """Settings of the session's engine for ``backend`` (None: embedded)."""
    if backend == "virtuoso":
        return request.getfixturevalue("virtuoso").settings_values()
    if backend == "oxigraph-server":
        return request.getfixturevalue("oxigraph_server").settings_values()
    return None


_SMALL: dict[str, object] = {}


def small_site_on(request, backend: str):
    """The small site on ``backend``, built once per session (``small_site`` and the attack
    suite share it)."""
    if backend not in _SMALL:
        root = request.getfixturevalue("tmp_path_factory").mktemp(f"small-site-{backend}")
        _SMALL[backend] = build_site(root, 300, engine=engine_values(request, backend))
    return _SMALL[backend]


def web_node(root: Path, site, **values) -> Path:
    """Another web node's data directory over the same remote engine as ``site`` (its own
    settings file, password included: a ``serve`` subprocess reads it there)."""
    engine = {k: site.values[k] for k in site.values if k.startswith("sparql_")
              and k != "sparql_password" and site.values[k] not in ("", None)}
    init_data_dir(root, base_iri=site.base_iri, store="sparql", **engine, **values)
    if site.values.get("sparql_password"):
        with (root / "infopublik-ld.toml").open("a", encoding="utf-8") as fh:
            fh.write(f'sparql_password = "{site.values["sparql_password"]}"\n')
    return root


@pytest.fixture(scope="session", params=BACKENDS)
def small_site(request):
    """A published data directory: the seed example + 300 generated releases, once per
    backend (each remote engine holds this site alone: its base IRI is the engine's)."""
    return small_site_on(request, request.param)


@pytest.fixture(scope="session")
def big_site(tmp_path_factory):
    """A published data directory with 10 000 generated releases (+ the seed example)."""
    return build_site(tmp_path_factory.mktemp("big-site"), 10_000)
