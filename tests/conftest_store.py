"""Store fixtures: a private Virtuoso instance and data directories for both backends.

The fixtures are registered in ``tests/conftest.py`` (one engine of each kind per session).
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from infopublik_ld.config import load_settings
from infopublik_ld.publishing import init_data_dir

BASE = "https://data.example.go.id/"
VIRTUOSO = shutil.which("virtuoso-t")
ISQL = shutil.which("isql-vt")

INI = """[Database]
DatabaseFile = {d}/virtuoso.db
ErrorLogFile = {d}/virtuoso.log
LockFile = {d}/virtuoso.lck
TransactionFile = {d}/virtuoso.trx
xa_persistent_file = {d}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
MaxCheckpointRemap = 2000
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {d}/virtuoso-temp.db
TransactionFile = {d}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping = 0

[Parameters]
ServerPort = {isql}
DisableUnixSocket = 1
MaxClientConnections = 10
CheckpointInterval = 60
CaseMode = 2
DirsAllowed = ., {d}, /usr/share/virtuoso-opensource-7/vad
NumberOfBuffers = 170000
MaxDirtyBuffers = 130000
MaxQueryMem = 1G
# OFFSET up to max_offset plus a page, sorted (the default 10 000 refuses the last pages)
MaxSortedTopRows = 100000

[HTTPServer]
ServerPort = {http}
ServerRoot = /var/lib/virtuoso-opensource-7/vsp
MaxClientConnections = 20
ServerThreads = 20
Charset = UTF-8
# every web node thread keeps a connection alive; Virtuoso's default of 10 kept-alive
# connections made requests past the tenth wait (measured: p50 41 ms instead of 10 ms)
MaxKeepAlives = 64
KeepAliveTimeout = 10

[SPARQL]
ResultSetMaxRows = {max_rows}
MaxQueryExecutionTime = 600
MaxQueryCostEstimationTime = 0
"""


def free_port() -> int:
    """A free TCP port on the loopback interface."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Virtuoso:
    """A running private Virtuoso instance."""

    def __init__(self, folder: Path, max_rows: int = 1_000_000):
        self.folder = folder
        self.isql, self.http = free_port(), free_port()
        ini = folder / "virtuoso.ini"
        ini.write_text(INI.format(d=folder, isql=self.isql, http=self.http, max_rows=max_rows))
        self.proc = subprocess.Popen([VIRTUOSO, "+configfile", str(ini), "+wait"], cwd=folder,
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.url = f"http://127.0.0.1:{self.http}"
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(f"{self.url}/sparql?query=ASK%7B%7D", timeout=2).read()
                return
            except OSError:
                time.sleep(0.3)
        self.stop()
        raise RuntimeError(f"Virtuoso did not start; see {folder}/virtuoso.log")

    def settings_values(self) -> dict:
        return {"store": "sparql", "sparql_query_url": f"{self.url}/sparql",
                "sparql_update_url": f"{self.url}/sparql-auth",
                "sparql_gsp_url": f"{self.url}/sparql-graph-crud-auth",
                "sparql_user": "dba", "sparql_password": "dba"}

    def clear(self) -> None:
        """Drop every graph under the test base (between tests)."""
        from infopublik_ld.store.sparql import SparqlStore

        vals = self.settings_values()
        store = SparqlStore(base=BASE, query_url=vals["sparql_query_url"],
                            update_url=vals["sparql_update_url"], user="dba", password="dba")
        rows = store.select_meta("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } "
                            f"FILTER(STRSTARTS(STR(?g), \"{BASE}\")) }}")
        if rows:
            store._write([r["g"] for r in rows], [], [])

    def drop_instances(self, keep: str) -> None:
        """Drop the graphs of every test instance on 127.0.0.1 but the one at ``keep``: one
        engine holds one instance's public dataset (docs/deployment.md)."""
        from infopublik_ld.store.sparql import SparqlStore

        vals = self.settings_values()
        store = SparqlStore(base=BASE, query_url=vals["sparql_query_url"],
                            update_url=vals["sparql_update_url"], user="dba", password="dba")
        rows = store.select_meta("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } "
                                 'FILTER(STRSTARTS(STR(?g), "http://127.0.0.1:") && '
                                 f'!STRSTARTS(STR(?g), "{keep}")) }}')
        for i in range(0, len(rows), 200):
            store._write([r["g"] for r in rows[i:i + 200]], [], [])

    def stop(self) -> None:
        subprocess.run([ISQL, str(self.isql), "dba", "dba", "exec=shutdown;"],
                       capture_output=True, timeout=60)
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()


OXIGRAPH = shutil.which("oxigraph") or (
    str(Path(sys.executable).parent / "oxigraph")
    if (Path(sys.executable).parent / "oxigraph").exists() else None)


class OxigraphServer:
    """Two Oxigraph server processes on free loopback ports with temporary databases: the
    data engine and the bookkeeping dataset (Oxigraph server has no graph groups)."""

    def __init__(self, folder: Path, timeout_s: int = 30):
        self.folder = folder
        self.procs: dict[str, subprocess.Popen] = {}
        self.urls: dict[str, str] = {}
        self.timeout_s = timeout_s
        for name in ("data", "meta"):
            self.start(name)

    def start(self, name: str) -> None:
        port = int(self.urls[name].rsplit(":", 1)[1]) if name in self.urls else free_port()
        (self.folder / name).mkdir(exist_ok=True)
        self.procs[name] = subprocess.Popen(
            [OXIGRAPH, "serve", "--location", str(self.folder / name), "--bind",
             f"127.0.0.1:{port}", "--timeout-s", str(self.timeout_s)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.urls[name] = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(f"{self.urls[name]}/query?query=ASK%7B%7D",
                                       timeout=2).read()
                return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError(f"oxigraph server {name} did not start")

    def restart(self, name: str = "data") -> None:
        """Stop and start ``name`` on the same port and database: after tests whose slow
        queries our limit cut, which Oxigraph server may go on computing for minutes (it
        checks ``--timeout-s`` only between steps), taking the cores from the tests after."""
        self.stop(name)
        self.start(name)

    def settings_values(self) -> dict:
        d, m = self.urls["data"], self.urls["meta"]
        return {"store": "sparql", "sparql_engine": "oxigraph",
                "sparql_query_url": f"{d}/query", "sparql_update_url": f"{d}/update",
                "sparql_gsp_url": f"{d}/store", "sparql_meta_query_url": f"{m}/query",
                "sparql_meta_update_url": f"{m}/update"}

    def clear(self) -> None:
        """Drop every graph under the store tests' base, in both datasets."""
        for url in self.urls.values():
            body = urllib.parse.urlencode({"update": (
                "DELETE { GRAPH ?g { ?s ?p ?o } } WHERE { GRAPH ?g { ?s ?p ?o } "
                f"FILTER(STRSTARTS(STR(?g), \"{BASE}\")) }}")}).encode()
            urllib.request.urlopen(f"{url}/update", data=body, timeout=30).read()

    def drop_instances(self, keep: str) -> None:
        """Drop the graphs of every test instance on 127.0.0.1 but the one at ``keep``."""
        for url in self.urls.values():
            body = urllib.parse.urlencode({"update": (
                "DELETE { GRAPH ?g { ?s ?p ?o } } WHERE { GRAPH ?g { ?s ?p ?o } "
                'FILTER(STRSTARTS(STR(?g), "http://127.0.0.1:") && '
                f'!STRSTARTS(STR(?g), "{keep}")) }}')}).encode()
            urllib.request.urlopen(f"{url}/update", data=body, timeout=60).read()

    def stop(self, name: str | None = None) -> None:
        for n in [name] if name else list(self.procs):
            self.procs[n].terminate()
            try:
                self.procs[n].wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.procs[n].kill()


@pytest.fixture(scope="session")
def oxigraph_server(tmp_path_factory):
    """Oxigraph server (data + bookkeeping) on free loopback ports (session-wide)."""
    if not OXIGRAPH:
        pytest.skip("the oxigraph server binary is not installed (pip install oxigraph)")
    # the engine's own limit (server-wide on Oxigraph server): a query our 2 s limit cut
    # does not run on inside the engine for long
    o = OxigraphServer(tmp_path_factory.mktemp("oxigraph-server"), timeout_s=3)
    yield o
    o.stop()


@pytest.fixture(scope="session")
def virtuoso(tmp_path_factory):
    """A private Virtuoso Open Source instance on free loopback ports (session-wide)."""
    if not VIRTUOSO or not ISQL:
        pytest.skip("virtuoso-t / isql-vt not installed (apt-get install virtuoso-opensource)")
    v = Virtuoso(tmp_path_factory.mktemp("virtuoso"))
    yield v
    v.stop()


def make_data_dir(path: Path, **values):
    """``init`` a data directory and return its settings."""
    init_data_dir(path, base_iri=BASE, **values)
    return load_settings(path, **{k: v for k, v in values.items() if k != "base_iri"})


@pytest.fixture(params=["oxigraph", "sparql", "oxigraph-server"])
def store_settings(request, tmp_path):
    """Settings of a fresh data directory, once per backend ("sparql": Virtuoso)."""
    if request.param == "oxigraph":
        yield make_data_dir(tmp_path / "data")
        return
    engine = request.getfixturevalue("virtuoso" if request.param == "sparql"
                                     else "oxigraph_server")
    engine.clear()
    yield make_data_dir(tmp_path / "data", **engine.settings_values())
    engine.clear()  # the web suite's sites share the engine: leave nothing in its dataset
