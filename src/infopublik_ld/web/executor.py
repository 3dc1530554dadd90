"""Killable query execution: persistent worker processes, a wall-clock limit per query.

Each worker keeps one published version open (read-only) and reopens only when the version
it is asked for changes. The parent waits on the worker's pipe until the deadline; a worker
that has not answered by then is killed (SIGKILL works even inside Oxigraph's native code)
and replaced by a fresh one in the background, and the caller gets :class:`QueryTimeout`.

The function other blueprints call is :func:`run_query` (inside a request)::

    out = run_query(text, substitutions={"person": iri}, results_format="json")
    out.body, out.truncated, out.version
"""

from __future__ import annotations

import atexit
import multiprocessing
import os
import pickle
import queue
import select
import struct
import threading
import time
from dataclasses import dataclass, field

from ..config import Settings
from ..errors import InfopublikError, QueryError, QueryTimeout, StoreError
from .memory import release_freed_memory

#: worker start method: a fork server preloaded with pyoxigraph starts workers in ~30 ms and
#: never forks the (threaded) web server itself
START_METHOD = "forkserver"
#: seconds a new worker may take to start (the first one also starts the fork server)
STARTUP_TIMEOUT = 120.0
#: seconds without a job after which a worker checks whether a newer version was published:
#: an idle worker would otherwise hold its old version open (its files, and its checkpoint on
#: disk) until its next query, which under light load may never come
IDLE_CHECK = 2.0


@dataclass
class Job:
    """One query for a worker."""

    version: int
    query: str
    results_format: str = "json"
    graph_format: str = "turtle"
    #: graphs for the default graph (FROM / default-graph-uri); None = union of the dataset
    default_graph: list[str] | None = None
    #: graphs for GRAPH (FROM NAMED / named-graph-uri); None = every graph of the dataset
    named_graphs: list[str] | None = None
    substitutions: dict | None = None
    row_cap: int = 10_000
    prefixes: dict[str, str] | None = None


@dataclass
class Output:
    """A worker's answer plus the version it came from."""

    kind: str
    format: str
    body: bytes
    truncated: int | None
    rows: int
    version: int
    seconds: float = 0.0
    extra: dict = field(default_factory=dict)


# --- messages over the pipe -----------------------------------------------------------------
# A message is a 4-byte length and a pickle, written and read with plain os.write / os.read on
# the socket's descriptor: multiprocessing's Connection reads the length and the body in two
# system calls and builds a selector for every poll(), which cost more CPU than a point query
# (measured: benchmarks/bench_endpoint.py).
_LENGTH = struct.Struct("!I")
#: bytes asked for by the first read of a message: most answers fit in one read
_FIRST_READ = 1 << 16


def send_message(fd: int, value) -> None:
    """Write ``value`` (pickled, length-prefixed) to ``fd``; ``OSError`` if the peer is gone."""
    data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    view = memoryview(_LENGTH.pack(len(data)) + data)
    while view:
        view = view[os.write(fd, view):]


def recv_message(fd: int):
    """Read one message from ``fd``; ``EOFError`` when the peer closed it.

    The protocol is one question, one answer: a read never runs into a next message.
    """
    chunk = os.read(fd, _FIRST_READ)
    while len(chunk) < _LENGTH.size:
        more = os.read(fd, _FIRST_READ)
        if not more:
            raise EOFError("the pipe closed")
        chunk += more
    size = _LENGTH.unpack_from(chunk)[0] + _LENGTH.size
    if len(chunk) < size:
        parts = [chunk]
        got = len(chunk)
        while got < size:
            more = os.read(fd, min(size - got, 1 << 20))
            if not more:
                raise EOFError("the pipe closed mid-message")
            parts.append(more)
            got += len(more)
        chunk = b"".join(parts)
    return pickle.loads(memoryview(chunk)[_LENGTH.size:size])


# --- worker side ---------------------------------------------------------------------------
def _worker_main(conn, data_dir, values: dict) -> None:
    """Serve jobs from ``conn`` until it closes (runs in the worker process)."""
    from ..store import open_version
    from ..store.query import run_query as run

    settings = Settings(data_dir, values)  # passed as parts: Settings itself does not pickle
    fd = conn.fileno()
    try:
        send_message(fd, ("ready",))
    except OSError:  # the server process stopped while this worker started: nothing to say
        return
    view = None
    releases: set[str] | None = None  # release graphs of the open version, computed on demand
    prefix = f"{settings.base_iri}graph/release/"
    statistics = f"{settings.base_iri}graph/statistics"  # public too (docs/statistics.md)
    idle = select.poll()
    idle.register(fd, select.POLLIN)
    while True:
        try:
            if view is not None and settings.store == "oxigraph" \
                    and not idle.poll(int(IDLE_CHECK * 1000)):
                view, releases = _follow(settings, view), None
                continue
            job: Job = recv_message(fd)
        except (EOFError, OSError, KeyboardInterrupt):
            break
        started = time.perf_counter()
        switched = False
        try:
            if view is None or view.number != job.version:
                if view is not None:
                    view.close()
                    switched = True
                view = None
                view = open_version(settings, job.version)
                releases = None
            asked = (job.default_graph or []) + (job.named_graphs or [])
            if asked and releases is None:
                releases = {g.value for g in view.native().named_graphs()
                            if g.value.startswith(prefix) or g.value == statistics}
            for g in asked:
                if g not in releases:
                    raise QueryError(f"graph <{g}> is not in the dataset (version "
                                     f"{job.version})", f"graf <{g}> tidak ada dalam dataset "
                                     f"(versi {job.version})", where="graph")
            out = run(view.native(), job.query, results_format=job.results_format,
                      graph_format=job.graph_format, union=job.default_graph is None,
                      default_graph=job.default_graph, named_graphs=job.named_graphs,
                      substitutions=job.substitutions, row_cap=job.row_cap,
                      prefixes=job.prefixes)
            reply = ("ok", Output(out.kind, out.format, out.body, out.truncated, out.rows,
                                  job.version, time.perf_counter() - started))
        except InfopublikError as exc:
            reply = ("error", type(exc).__name__, exc.message_en, exc.message_id, exc.where)
        except OSError as exc:
            reply = ("error", "StoreError", f"the store could not be read: {exc}",
                     f"penyimpanan tidak dapat dibaca: {exc}", None)
        try:
            send_message(fd, reply)
        except OSError:
            break
        if switched:  # after the reply: the old version's memory back, nobody waiting on it
            release_freed_memory()


def _follow(settings: Settings, view):
    """The view an idle worker keeps: ``view`` while its version is the current one, else the
    current version (``view`` closed), or ``None`` when that cannot be opened."""
    from ..store import open_version

    try:
        number = current_number(settings)
    except InfopublikError:
        number = None
    if number == view.number:
        return view
    view.close()
    release_freed_memory()  # idle: nobody waits for it
    if number is None:
        return None
    try:
        return open_version(settings, number)
    except (InfopublikError, OSError):  # a query will open it, and report why it cannot
        return None


# --- parent side ---------------------------------------------------------------------------
class _Worker:
    def __init__(self, ctx, settings: Settings):
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_worker_main, daemon=True,
                                args=(child, settings.data_dir, dict(settings.values)),
                                name="infopublik-query-worker")
        self.proc.start()
        child.close()
        self.fd = self.conn.fileno()
        self._poll = select.poll()  # one per worker, reused: poll() per query is one syscall
        self._poll.register(self.fd, select.POLLIN)

    def wait(self, timeout: float) -> bool:
        """True when the worker has something to say (an answer, or EOF) within ``timeout``
        seconds."""
        return bool(self._poll.poll(max(0, int(timeout * 1000 + 0.999))))

    def wait_ready(self, timeout: float = STARTUP_TIMEOUT) -> bool:
        """Wait for the worker's first message (it has imported everything it needs)."""
        try:
            return self.wait(timeout) and recv_message(self.fd) == ("ready",)
        except (EOFError, OSError):
            return False

    def kill(self) -> None:
        self.proc.kill()
        self.proc.join(timeout=5)
        self.conn.close()


class Executor:
    """A pool of ``workers`` query processes with a per-query wall-clock limit."""

    def __init__(self, settings: Settings, workers: int | None = None):
        self.settings = settings
        self.size = workers or settings.query_workers or max(2, os.cpu_count() or 2)
        self._ctx = multiprocessing.get_context(START_METHOD)
        if START_METHOD == "forkserver":
            self._ctx.set_forkserver_preload(["pyoxigraph", "infopublik_ld.store.query"])
        # last in, first out: under light load the same worker answers query after query and
        # stays warm (its store's caches, the CPU's); a FIFO sends each query to the worker
        # that has waited longest, which cost ~30% more CPU per query (measured)
        self._idle: queue.LifoQueue[_Worker] = queue.LifoQueue()
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        self._closed = False
        starting = [self._start() for _ in range(self.size)]
        for w in starting:  # start-up time never counts against a query's limit
            self._admit(w)
        atexit.register(self.close)

    def _start(self) -> _Worker:
        w = _Worker(self._ctx, self.settings)
        with self._lock:
            self._all.add(w)
        return w

    def _admit(self, w: _Worker) -> None:
        if w.wait_ready() and not self._closed:
            self._idle.put(w)
        else:
            with self._lock:
                self._all.discard(w)
            w.kill()

    def _spawn(self) -> None:
        if not self._closed:
            self._admit(self._start())

    def _retire(self, w: _Worker) -> None:
        with self._lock:
            self._all.discard(w)
        w.kill()
        self._spawn()

    def run(self, job: Job, time_limit: float | None = None) -> Output:
        """Run ``job``; raise :class:`QueryTimeout` past ``time_limit`` seconds (default: the
        setting), :class:`QueryError` for a refused or malformed query, :class:`StoreError`
        when a worker dies."""
        limit = float(time_limit or self.settings.query_time_limit)
        deadline = time.monotonic() + limit
        try:
            w = self._idle.get(timeout=limit)
        except queue.Empty:
            raise timeout_error(limit, busy=True) from None
        try:
            send_message(w.fd, job)
            if not w.wait(deadline - time.monotonic()):
                threading.Thread(target=self._retire, args=(w,), daemon=True).start()
                raise timeout_error(limit)
            reply = recv_message(w.fd)
        except (EOFError, OSError) as exc:
            threading.Thread(target=self._retire, args=(w,), daemon=True).start()
            raise StoreError(f"a query worker stopped unexpectedly ({exc!r}); try again",
                             f"proses kueri berhenti tiba-tiba ({exc!r}); coba lagi") from None
        self._idle.put(w)
        if reply[0] == "ok":
            return reply[1]
        _, name, en, id_, where = reply
        cls = QueryError if name == "QueryError" else StoreError
        raise cls(en, id_, where=where)

    def warm(self, version: int) -> None:
        """Have every worker open ``version`` now, so the first clients do not wait for it."""
        taken: list[_Worker] = []
        try:  # hold every idle worker, so that each gets one job
            while len(taken) < self.size:
                taken.append(self._idle.get(timeout=STARTUP_TIMEOUT))
        except queue.Empty:
            pass
        job = Job(version, "ASK {}")
        for w in taken:
            self._idle.put(w)
            self.run(job)

    def close(self) -> None:
        """Stop every worker."""
        self._closed = True
        with self._lock:
            workers, self._all = list(self._all), set()
        for w in workers:
            w.kill()


def timeout_error(limit: float, *, busy: bool = False) -> QueryTimeout:
    """The 503 a client gets when its query ran out of time."""
    shown = f"{limit:g}"
    if busy:
        exc = QueryTimeout(
            f"every query worker stayed busy for {shown} s (setting `query_time_limit`); "
            "try again shortly",
            f"semua proses kueri sibuk selama {shown} dtk (setelan `query_time_limit`); "
            "coba lagi sebentar lagi", where="query_time_limit")
    else:
        exc = QueryTimeout(
            f"query took longer than {shown} s (setting `query_time_limit`); narrow it with "
            "LIMIT, a more specific pattern or a FILTER",
            f"kueri berjalan lebih dari {shown} dtk (setelan `query_time_limit`); persempit "
            "dengan LIMIT, pola yang lebih spesifik atau FILTER", where="query_time_limit")
    exc.headers = {"Retry-After": "5"}
    return exc


# --- inside a request ------------------------------------------------------------------------
_EXECUTORS: dict[int, Executor] = {}
_EXECUTORS_LOCK = threading.Lock()


def executor_for(app) -> Executor:
    """The app's executor, started on first use (never at import or app creation)."""
    ex = app.extensions.get("infopublik_executor")
    if ex is None:
        with _EXECUTORS_LOCK:
            ex = app.extensions.get("infopublik_executor")
            if ex is None:
                settings = app.config["INFOPUBLIK"]
                if settings.store == "sparql":  # the engine runs queries: no worker processes
                    from .remote_executor import RemoteExecutor

                    ex = RemoteExecutor(settings)
                else:
                    ex = Executor(settings)
                app.extensions["infopublik_executor"] = ex
    return ex


def close_executor(app) -> None:
    """Stop the app's query workers, if it ever started them."""
    ex = app.extensions.get("infopublik_executor")
    if ex is not None:
        ex.close()


def current_number(settings: Settings) -> int:
    """The current published version's number; :class:`StoreError` (503) before any.

    The embedded store's pointer file lists every release a version changed (megabytes at
    100 000 releases), so its header is remembered until the file changes (one ``stat``,
    :func:`infopublik_ld.web.current.pointer_info`).
    """
    if settings.store == "sparql":
        from .remote_executor import current_info

        info = current_info(settings)
    else:
        from .current import pointer_info

        info = pointer_info(settings)
    if info is None:
        exc = StoreError("nothing is published yet: run `infopublik-ld publish` first",
                         "belum ada yang diterbitkan: jalankan `infopublik-ld publish` dahulu")
        exc.status = 503
        raise exc
    return info.number


def run_query(query: str, *, substitutions: dict | None = None, results_format: str = "json",
              graph_format: str = "turtle", row_cap: int | None = None,
              time_limit: float | None = None, version: int | None = None,
              default_graph: list[str] | None = None,
              named_graphs: list[str] | None = None) -> Output:
    """Run ``query`` on the current version in a killable worker (call inside a request).

    ``substitutions`` binds variables safely (name → IRI string or rdflib term). The query is
    trusted (not passed through the guard): the caller vouches for it. Raises
    :class:`QueryTimeout` (503) past the limit, :class:`QueryError` (400) on a bad query.
    """
    from flask import current_app

    settings: Settings = current_app.config["INFOPUBLIK"]
    job = Job(version or current_number(settings), query, results_format, graph_format,
              default_graph, named_graphs, substitutions,
              row_cap if row_cap is not None else settings.row_cap)
    return executor_for(current_app).run(job, time_limit)
