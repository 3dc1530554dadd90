"""Query execution on a remote SPARQL engine (``store = "sparql"``): the same contract as the
embedded executor (:class:`~infopublik_ld.web.executor.Executor`: ``run(job)`` → ``Output``,
``warm``, ``close``), without worker processes — the engine does the work.

A query (already through the guard) is forwarded through the SPARQL 1.1 Protocol on the public
dataset (:meth:`SparqlStore.public`: the union of the release graphs) with the engine's own
per-request time limit where it has one (Virtuoso's ``timeout``; Oxigraph server takes
``--timeout-s`` at start) and our wall-clock deadline over the whole HTTP exchange, so a stuck
engine costs a request thread at most ``query_time_limit`` seconds. Answers are capped at the
row cap and serialised in the format the client negotiated, as the embedded path does.

The web node keeps no state of its own: the current version number is asked of the engine at
most once per ``sparql_version_ttl`` seconds per process (:func:`current_info`).
"""

from __future__ import annotations

import functools
import json
import threading
import time

from ..config import Settings
from ..errors import QueryError, StoreError
from ..store import VersionInfo
from ..store.sparql import (
    JSON_RESULTS,
    NTRIPLES,
    SparqlStore,
    bind,
    normalise_json,
    ox_terms,
    parse_triples,
)
from ..store.sparql_pages import capped
from .executor import Job, Output

_lock = threading.Lock()
_stores: dict[str, SparqlStore] = {}
_versions: dict[str, tuple[float, VersionInfo | None]] = {}
_refreshing = threading.Lock()
#: Virtuoso-only syntax that must not reach the engine from a public query: pragmas can
#: change the dataset (``define input:default-graph-uri``) or fetch URLs (``define get:soft``)
_PRAGMAS = ("DEFINE",)


def store_for(settings: Settings) -> SparqlStore:
    """This process's client of the engine of ``settings`` (one per data directory)."""
    key = str(settings.data_dir)
    store = _stores.get(key)
    if store is None:
        from ..store import _backend

        with _lock:
            store = _stores.get(key)
            if store is None:
                store = _backend(settings)
                _stores[key] = store
    return store


def current_info(settings: Settings) -> VersionInfo | None:
    """The current version, asked of the engine at most every ``sparql_version_ttl`` s.

    Raises :class:`EngineUnavailable` when the engine does not answer.
    """
    key = str(settings.data_dir)
    now = time.monotonic()
    known = _versions.get(key)
    if known is not None and known[0] > now:
        return known[1]
    # one thread asks; the others keep the number they had meanwhile (no stampede of
    # version queries on the engine when the time is up)
    if known is not None and not _refreshing.acquire(blocking=False):
        return known[1]
    if known is None:
        _refreshing.acquire()
    try:
        found = store_for(settings).versions(limit=1, changes=False)
        info = found[0] if found else None
        _versions[key] = (time.monotonic() + float(settings.sparql_version_ttl), info)
        return info
    finally:
        _refreshing.release()


def forget_versions() -> None:
    """Drop the remembered version numbers (tests that publish and read at once)."""
    _versions.clear()


@functools.lru_cache(maxsize=8)
def _boolean(value: bool, fmt: str) -> bytes:
    """An ASK answer in ``fmt``, written by the same serialiser as the embedded path."""
    import pyoxigraph as ox

    from ..store.query import _RESULTS

    answer = ox.Store().query("ASK {}" if value else "ASK { FILTER(false) }")
    return answer.serialize(format=_RESULTS[fmt])


@functools.lru_cache(maxsize=4096)
def analyse(query: str) -> str:
    """The query's form (SELECT, ASK, CONSTRUCT, DESCRIBE) in one pass over its tokens;
    raises :class:`QueryError` for engine pragmas the guard does not know (``define`` …)."""
    from .guard import QUERY_FORMS, tokens

    form = ""
    for kind, text in tokens(query):
        if kind != "word":
            continue
        word = text.upper()
        if word in _PRAGMAS:
            raise QueryError(f"{text}: engine pragmas are not accepted here",
                             f"{text}: pragma mesin tidak diterima di sini", where=text)
        if not form and word in QUERY_FORMS:
            form = word
    return form


@functools.lru_cache(maxsize=1)
def _empty_store():
    import pyoxigraph as ox

    return ox.Store()


def _syntax_problem(query: str) -> QueryError | None:
    """The error Oxigraph's parser finds in ``query`` (position, plain-words hint in the
    user's language, as on the embedded store), or ``None`` when it parses."""
    from ..store.query import syntax_error

    try:
        _empty_store().query(query)  # an empty store: parsed, nothing to evaluate
    except SyntaxError as exc:
        return syntax_error(exc, query)
    return None


def _explained(exc: QueryError, query: str) -> QueryError:
    """An engine's refusal of ``query``, explained as the embedded store would explain its
    syntax error when it is one (engines' own messages name no position a person can use)."""
    local = _syntax_problem(query)
    if local is None:
        return exc
    return QueryError(f"the SPARQL engine rejected the query: {local.message_en}",
                      f"mesin SPARQL menolak kueri: {local.message_id}", where=local.where)


class RemoteExecutor:
    """Runs jobs on the remote engine of ``settings`` (see module docstring)."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self.store = store_for(settings)
        self.size = 0

    def run(self, job: Job, time_limit: float | None = None) -> Output:
        """Run ``job``; raise :class:`QueryTimeout` past the limit, :class:`QueryError` when
        the guard or the engine refuses it, :class:`EngineUnavailable` when the engine is
        down."""
        started = time.perf_counter()
        limit = float(time_limit or self.settings.query_time_limit)
        deadline = time.monotonic() + limit
        query = job.query
        form = analyse(query)
        if job.substitutions:
            query = bind(query, job.substitutions)
        for g in (job.default_graph or []) + (job.named_graphs or []):
            self._known(g, job.version)
        graph = form in ("CONSTRUCT", "DESCRIBE")
        try:
            reply = self.store.public(query, accept=NTRIPLES if graph else JSON_RESULTS,
                                      default_graph=job.default_graph,
                                      named_graphs=job.named_graphs, deadline=deadline,
                                      limit=limit)
        except QueryError as exc:
            raise _explained(exc, job.query) from None
        cap = job.row_cap
        if graph:
            import pyoxigraph as ox

            from ..store.query import _GRAPHS

            triples = []
            for t in parse_triples(reply.body):
                triples.append(t)
                if len(triples) > cap:
                    break
            cut = cap if len(triples) > cap else None
            fmt = _GRAPHS[job.graph_format]
            extra = {"prefixes": job.prefixes} if job.prefixes and job.graph_format in (
                "turtle", "rdfxml") else {}
            body = ox.serialize(triples[:cap], format=fmt, **extra) or b""
            return Output("graph", job.graph_format, body, cut, min(len(triples), cap),
                          job.version, time.perf_counter() - started)
        engine_cut = "X-SPARQL-MaxRows" in reply.headers  # Virtuoso may have cut it
        cap_known = form == "SELECT" and job.results_format == "json" and not engine_cut \
            and reply.body.count(b"{") <= cap and reply.body.rstrip().endswith(b"}")
        if cap_known:
            # every row is a JSON object, so there are fewer rows than "{": under the cap,
            # the engine's own document goes out as it is, unparsed (parsing it was 5-8 % of
            # a web node's CPU per proxied query; rows are then not counted: -1)
            return Output("solutions", "json", normalise_json(reply.body), None, -1,
                          job.version, time.perf_counter() - started)
        try:
            doc = json.loads(reply.body)
        except ValueError:
            raise StoreError("the SPARQL engine's answer was cut off or is not SPARQL JSON",
                             "jawaban mesin SPARQL terpotong atau bukan SPARQL JSON") from None
        if "boolean" in doc:
            return Output("boolean", job.results_format,
                          _boolean(bool(doc["boolean"]), job.results_format), None, 1,
                          job.version, time.perf_counter() - started)
        bindings = doc["results"]["bindings"]
        # the engine's own row cap (Virtuoso's ResultSetMaxRows) below ours: said as ours is
        engine_cap = capped(reply.headers, len(bindings))
        if job.results_format == "json" and len(bindings) <= cap and engine_cap is None:
            body = normalise_json(reply.body)  # the engine's own document, as it is
            return Output("solutions", "json", body, None, len(bindings), job.version,
                          time.perf_counter() - started)
        from ..store.query import SERIALISERS

        names, rows = ox_terms(doc, cap)
        cut = cap if len(rows) > cap else engine_cap
        rows = rows[:cap]
        return Output("solutions", job.results_format, SERIALISERS[job.results_format](
            names, rows), cut, len(rows), job.version, time.perf_counter() - started)

    @functools.lru_cache(maxsize=1024)  # noqa: B019 - one executor per app, bounded
    def _known(self, graph: str, version: int) -> None:
        """Refuse a graph the dataset does not have (as the embedded executor does)."""
        if graph == f"{self.store.base}graph/statistics":
            rows = self.store.select(  # public data beside the releases, not in the registry
                f"SELECT (1 AS ?x) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }} LIMIT 1")
        else:
            rows = self.store.select_meta(
                f"ASK {{ GRAPH <{self.store.g['registry']}> {{ <{graph}> ?p ?o }} }}"
                .replace("ASK", "SELECT (1 AS ?x) WHERE", 1))
        if not rows:
            raise QueryError(f"graph <{graph}> is not in the dataset (version {version})",
                             f"graf <{graph}> tidak ada dalam dataset (versi {version})",
                             where="graph")

    def warm(self, version: int) -> None:
        """Reach the engine and prove the credentials before the first request."""
        self.store.check_access()

    def close(self) -> None:
        """Nothing runs here: connections close with their threads."""
