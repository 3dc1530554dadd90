"""``infopublik-ld serve``: the app under its HTTP server (:mod:`.httpserver` on h11 by
default; waitress with ``http_server = "waitress"``).

The server only reads published versions: each request reads ``versions/current.json`` and
the query workers reopen when it names a new version, so a publish shows up without a
restart.

With ``serve_processes`` above 1 (default: one per core) the parent binds the socket and forks
that many server processes that accept on it, each with its own request threads and query
workers. One process is not enough on its own: the Python work of a request (HTTP, routing,
guard, cache, result handling) holds that process's GIL, which capped the endpoint at ~600
point lookups/s here while the cores were half idle (measured). Each process allows its share
of ``client_concurrency`` (:func:`client_share`), so together they allow no more than the
setting.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import multiprocessing.connection
import os
import signal
import socket
import sys
import time

from ..config import Settings
from ..errors import ConfigError, InfopublikError, StoreError
from ..store import current_version, require_initialised
from .executor import close_executor
from .memory import release_freed_memory

#: a server process that dies sooner than this after starting is not restarted
RESTART_AFTER = 5.0


def build_app(settings: Settings):
    """The Flask app ``serve`` runs (also used by tests and the benchmark)."""
    from . import create_app

    return create_app(settings)


def serve(settings: Settings, *, threads: int | None = None, processes: int | None = None,
          ready=None) -> None:
    """Serve ``settings``' data directory on ``settings.host``:``settings.port`` until stopped.

    Raises :class:`ConfigError` when the data directory was never initialised. ``ready`` is
    called with ``(host, port)`` once the socket listens.
    """
    require_initialised(settings)
    current_version(settings)  # a damaged version pointer stops here, with its message
    if settings.http_server not in HTTP_SERVERS:
        raise ConfigError(f"setting http_server is {settings.http_server!r}: give one of "
                          f"{', '.join(HTTP_SERVERS)}", f"setelan http_server bernilai "
                          f"{settings.http_server!r}: beri salah satu dari "
                          f"{', '.join(HTTP_SERVERS)}", where="http_server")
    port = int(settings.port)
    if not 0 <= port <= 65535:
        raise ConfigError(f"port {port} does not exist: give 1-65535, or 0 for any free port "
                          "(--port, setting port)", f"port {port} tidak ada: beri 1-65535, "
                          "atau 0 untuk port bebas mana saja (--port, setelan port)")
    if settings.store == "sparql":  # an unreachable engine or refused credentials: one line
        from .remote_executor import store_for

        store_for(settings).check_access()
    n = processes or settings.serve_processes or os.cpu_count() or 1
    from .stats import preload

    preload()  # reference data, loaded once here and shared by the forked server processes
    if n <= 1:
        _serve_one(settings, threads, ready=ready)
        return
    try:
        sock = listen(settings.host, port)
    except OSError as exc:
        raise listen_error(settings.host, port, exc) from None
    host, port = sock.getsockname()[:2]
    mine = Settings(settings.data_dir, {
        **settings.values,
        "client_concurrency": client_share(settings.client_concurrency, n),
        # "one per core" is shared out among the processes, at least 2 each
        "query_workers": settings.query_workers or max(2, (os.cpu_count() or 2) // n)})
    ctx = multiprocessing.get_context("fork")  # no threads exist yet in this process
    parent = os.getpid()

    started: dict[int, float] = {}

    def start(warmed=None) -> multiprocessing.Process:
        proc = ctx.Process(target=_child, args=(mine, threads, sock, parent, warmed),
                           name="infopublik-serve", daemon=False)
        proc.start()
        started[proc.sentinel] = time.monotonic()
        return proc

    previous = signal.signal(signal.SIGTERM, _interrupt)
    warmed = [ctx.Event() for _ in range(n)]
    children = [start(w) for w in warmed]
    try:
        # "ready" once every process has warmed up, so that the first clients do not wait
        # for a process still opening the store; not while one is dead (the loop below stops
        # serve when it could not start, or replaces it)
        while not all(w.is_set() for w in warmed) and all(c.is_alive() for c in children):
            time.sleep(0.05)
        announced = ready is None
        while True:  # replace a server process that died (not one we stopped)
            if not announced and all(c.is_alive() for c in children):
                announced = True
                ready(host, port)
            dead = multiprocessing.connection.wait([c.sentinel for c in children])
            if any(time.monotonic() - started.pop(d) < RESTART_AFTER for d in dead):
                raise StoreError(  # it cannot start: restarting it would only spin
                    f"a server process stopped within {RESTART_AFTER:.0f} s of starting; "
                    "see the messages above", f"proses server berhenti dalam "
                    f"{RESTART_AFTER:.0f} detik setelah mulai; lihat pesan di atas")
            children = [c for c in children if c.sentinel not in dead] + \
                [start() for _ in dead]
    except KeyboardInterrupt:
        pass
    finally:
        signal.signal(signal.SIGTERM, previous)
        for c in children:
            c.terminate()
        for c in children:
            c.join(timeout=15)
            if c.is_alive():
                c.kill()
        sock.close()


def listen(host: str, port: int) -> socket.socket:
    """A socket listening on ``host``:``port``: IPv6 for a host such as ``::1`` (``::`` takes
    IPv4 too where the system allows). Raises :class:`OSError` as ``bind`` does."""
    if ":" not in host:
        return socket.create_server((host, port), backlog=1024)
    both = host == "::" and socket.has_dualstack_ipv6()
    return socket.create_server((host, port), family=socket.AF_INET6, backlog=1024,
                                dualstack_ipv6=both)


def listen_error(host: str, port: int, exc: OSError) -> ConfigError:
    """One clear line for a socket that cannot listen (port in use, address not here)."""
    import errno

    if exc.errno == errno.EADDRINUSE:
        return ConfigError(f"port {port} on {host} is in use by another program: stop it or "
                           "choose another port (--port, setting port)",
                           f"port {port} di {host} sedang dipakai program lain: hentikan "
                           "program itu atau pilih port lain (--port, setelan port)")
    return ConfigError(f"cannot listen on {host}:{port}: {exc.strerror or exc} (--host, "
                       "--port; settings host, port)", f"tidak dapat mendengarkan di "
                       f"{host}:{port}: {exc.strerror or exc} (--host, --port; setelan host, "
                       "port)")


def _interrupt(signum, frame):
    """SIGTERM stops a server like Ctrl+C: through its ``finally`` clean-up."""
    raise KeyboardInterrupt


def client_share(per_client: int, processes: int) -> int:
    """Queries one client may run at once in each of ``processes`` server processes: together
    they allow at most ``per_client`` (0 = no limit), or one per process when ``per_client``
    is smaller than ``processes`` (each process must allow one).

    >>> client_share(4, 2), client_share(3, 2), client_share(1, 2), client_share(0, 2)
    (2, 1, 1, 0)
    """
    if not per_client:
        return 0
    return max(1, per_client // processes)


def _child(settings: Settings, threads: int | None, sock: socket.socket, parent: int,
           warmed=None) -> None:
    """One server process: stops with SIGTERM, and when the parent goes; sets ``warmed``
    (an event) once it is about to take requests."""
    import ctypes

    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    if os.getppid() != parent:
        return

    signal.signal(signal.SIGTERM, _interrupt)
    try:
        _serve_one(settings, threads, sockets=[sock],
                   ready=(lambda host, port: warmed.set()) if warmed is not None else None)
    except InfopublikError as exc:  # one line, not a traceback; the parent then stops
        signal.signal(signal.SIGTERM, signal.SIG_DFL)  # a stop from now on: quietly
        print(f"error: {exc.message_en} / galat: {exc.message_id}", file=sys.stderr)
        sys.exit(1)
    except KeyboardInterrupt:  # stopped by the parent (SIGTERM), possibly mid-start
        pass


HTTP_SERVERS = ("h11", "waitress")


def _serve_one(settings: Settings, threads: int | None, *, ready=None,
               sockets: list | None = None) -> None:
    app = build_app(settings)
    threads = threads or settings.serve_threads
    # a 20 kB query fits; anything larger is refused by the guard; console uploads may be
    # larger (console_max_upload_bytes)
    max_body = max(4 * 1024 * 1024, settings.console_max_upload_bytes + 65536)
    timeout = max(30, int(settings.query_time_limit) + 10)
    try:
        if settings.http_server == "waitress":
            from waitress import create_server

            where = {"sockets": sockets} if sockets else {"host": settings.host,
                                                          "port": int(settings.port)}
            server = create_server(app, threads=threads, ident="infopublik-ld",
                                   max_request_body_size=max_body, channel_timeout=timeout,
                                   **where)
        else:
            from .httpserver import Server

            sock = sockets[0] if sockets else listen(settings.host, int(settings.port))
            server = Server(app, sock, threads=threads, max_body=max_body, timeout=timeout,
                            multiprocess=bool(sockets))
    except OSError as exc:
        close_executor(app)
        raise listen_error(settings.host, int(settings.port), exc) from None
    try:
        _warm(app, settings)
        if ready is not None:
            ready(server.effective_host, server.effective_port)
        server.run()
    except KeyboardInterrupt:
        pass
    finally:
        server.close()
        close_executor(app)


def _warm(app, settings: Settings) -> None:
    """Start the query workers, open the current version and fill its statistics caches
    before the first request; have the caches of each later version filled as it appears."""
    from ..store import current_version
    from . import stats
    from .current import on_new_version
    from .executor import executor_for

    ex = executor_for(app)
    info = current_version(settings)
    if info is not None:
        ex.warm(info.number)
        with contextlib.suppress(InfopublikError, OSError):  # a request reports it instead
            stats.warm(app, settings)
    if settings.store == "oxigraph":  # the remote engine's data is live: no versions to open
        on_new_version(settings, lambda s: stats.warm(app, s))
        on_new_version(settings, release_freed_memory)  # hooks run in order: after the warm
    release_freed_memory()
