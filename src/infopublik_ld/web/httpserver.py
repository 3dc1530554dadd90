"""The HTTP/1.1 server of ``serve`` (the default; setting ``http_server = "h11"``).

h11 (a well-kept protocol library) reads and frames the HTTP; this module only connects
sockets, threads and the WSGI app. Each connection is served from its accept to its close by
one thread, and each request runs in the thread that read it: no hand-off between threads.
waitress reads every request in its event-loop thread, runs the app in a pool thread and
wakes the event loop again to send the answer; those three thread switches (and their GIL
hand-overs) cost more CPU than a point query does (measured: benchmarks/bench_endpoint.py,
~100 µs per request more than this server).

Limits, as under waitress:

- at most :data:`CONNECTION_LIMIT` connections per process; more wait in the listening
  socket's backlog (where another server process may take them); ``threads`` threads stay,
  a thread started for a connection beyond them ends with that connection (with whatever
  it kept per thread);
- at most ``threads`` requests are in the app at once per process (a slot is held while
  the app runs and its body is produced; a file answer is sent outside the slot);
- a connection silent for ``timeout`` seconds (idle between requests, or mid-request, or
  not reading its answer) is closed;
- a request's header block may be :data:`MAX_HEADER_BYTES` long (431 beyond), its body
  ``max_body`` bytes (413 beyond, without reading it); bodies above :data:`SPOOL_BYTES` are
  kept in a temporary file, not in memory.
"""

from __future__ import annotations

import email.utils
import io
import logging
import socket
import sys
import tempfile
import threading
import time
from collections import deque
from urllib.parse import unquote_to_bytes

import h11

log = logging.getLogger(__name__)

#: connections one server process serves at once (waitress's default connection_limit)
CONNECTION_LIMIT = 100
#: longest request line plus headers (a long query in the URL; waitress's default)
MAX_HEADER_BYTES = 262_144
#: request bodies longer than this are kept in a temporary file
SPOOL_BYTES = 512 * 1024
#: bytes asked for by one recv
READ_BYTES = 65_536
#: answers are sent in pieces of at least this size (small answers in one send)
SEND_BYTES = 65_536
SERVER = b"infopublik-ld"


class FileWrapper:
    """``wsgi.file_wrapper``: a file answer the server sends with ``sendfile``."""

    def __init__(self, file, block_size: int = 65_536):
        self.file = file
        self.block_size = block_size

    def __iter__(self) -> FileWrapper:
        return self  # an iterator itself: werkzeug seeks it for Range requests

    def __next__(self) -> bytes:
        chunk = self.file.read(self.block_size)
        if not chunk:
            raise StopIteration
        return chunk

    def seekable(self) -> bool:
        """True when the file can seek (werkzeug uses it for Range requests)."""
        return hasattr(self.file, "seekable") and self.file.seekable()

    def seek(self, *args) -> int:
        """Seek the file; returns the new position."""
        return self.file.seek(*args)

    def tell(self) -> int:
        """The file's position."""
        return self.file.tell()

    def close(self) -> None:
        """Close the file."""
        if hasattr(self.file, "close"):
            self.file.close()


class _Sized:
    """A stand-in for ``length`` bytes that h11 passes through (for ``sendfile``)."""

    def __init__(self, length: int):
        self.length = length

    def __len__(self) -> int:
        return self.length


_date = [0, b""]


def http_date() -> bytes:
    """The ``Date`` header value for now (remade once a second)."""
    now = int(time.time())
    if _date[0] != now:
        _date[1] = email.utils.formatdate(now, usegmt=True).encode("ascii")
        _date[0] = now
    return _date[1]


class _TooLarge(Exception):
    pass


class Server:
    """A WSGI server on the listening socket ``sock`` (see the module docstring)."""

    def __init__(self, app, sock: socket.socket, *, threads: int, max_body: int,
                 timeout: float, multiprocess: bool = False,
                 connection_limit: int = CONNECTION_LIMIT):
        self.app = app
        self.sock = sock
        self.sock.setblocking(True)  # accept() blocks (one thread per process waits in it)
        self.effective_host, self.effective_port = sock.getsockname()[:2]
        self.threads = max(1, threads)
        self.max_body = max_body
        self.timeout = timeout
        self.multiprocess = multiprocess
        self.connection_limit = max(self.threads, connection_limit)
        self._slots = threading.BoundedSemaphore(self.threads)
        self._lock = threading.Lock()
        self._accepting = False  # a thread has the turn to accept()
        self._waiting: deque[threading.Lock] = deque()  # idle threads, longest idle first
        self._started = 0
        self._stop = threading.Event()
        self._base = {"SERVER_NAME": str(self.effective_host),
                      "SERVER_PORT": str(self.effective_port), "SCRIPT_NAME": "",
                      "wsgi.version": (1, 0), "wsgi.url_scheme": "http",
                      "wsgi.errors": sys.stderr, "wsgi.multithread": True,
                      "wsgi.multiprocess": multiprocess, "wsgi.run_once": False,
                      "wsgi.input_terminated": True, "wsgi.file_wrapper": FileWrapper}

    # --- threads ------------------------------------------------------------------------
    def run(self) -> None:
        """Serve until :meth:`close` or ``KeyboardInterrupt`` (SIGTERM, Ctrl+C)."""
        with self._lock:
            self._started = self.threads
        for _ in range(self.threads):
            self._thread()
        while not self._stop.wait(3600):
            pass

    def close(self) -> None:
        """Stop taking connections (threads still in a request are daemons: they end with
        the process)."""
        self._stop.set()
        with self._lock:
            while self._waiting:
                self._waiting.pop().release()
        if not self.multiprocess:  # wakes the thread in accept(); a shared socket is left
            try:                   # alone (the other processes still take connections)
                self.sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
        self.sock.close()

    def _thread(self) -> None:
        threading.Thread(target=self._accept_loop, daemon=True,
                         name=f"infopublik-http:{self.effective_port}").start()

    def _accept_loop(self) -> None:
        # One thread per process waits in accept() at a time: the kernel wakes the waiter
        # that has waited longest, so with one waiter per process new connections go to
        # the processes in turn (with every thread in accept(), the process that started
        # first took the first `threads` connections and left the others idle: seen 4 of
        # 4). The turn passes to the thread that has been idle longest (first in, first
        # out, as waitress hands its tasks out): each of the `threads` threads soon has
        # what a thread keeps (database connections), and the set stays that size; with
        # "last in, first out" a thread first used late, under a burst, showed up as
        # descriptors that grew (tests/test_serve_fds.py).
        turn = threading.Lock()
        turn.acquire()  # released by the thread that hands this one the turn
        while True:
            with self._lock:
                if self._stop.is_set():
                    return
                wait = self._accepting
                if wait:
                    self._waiting.append(turn)
                else:
                    self._accepting = True
            if wait:
                turn.acquire()
                if self._stop.is_set():
                    return
            while True:
                try:
                    conn, addr = self.sock.accept()
                    break
                except OSError:
                    if self._stop.is_set():
                        return
                    time.sleep(0.05)  # out of descriptors, or an aborted connection
            with self._lock:
                grow = False
                if self._waiting:
                    self._waiting.popleft().release()  # it has the turn now
                else:
                    self._accepting = False
                    grow = self._started < self.connection_limit
                    if grow:
                        self._started += 1
            if grow:  # no thread was idle: one more takes the turn
                self._thread()
            try:
                self._serve(conn, addr)
            except Exception:  # never lose the thread
                log.exception("connection from %s failed", addr)
            with self._lock:
                # a thread beyond the first `threads` ends while another one accepts: what
                # it kept per thread goes with it
                if self._started > self.threads and self._accepting:
                    self._started -= 1
                    return

    # --- one connection -------------------------------------------------------------------
    def _serve(self, conn: socket.socket, addr) -> None:
        conn.settimeout(self.timeout)
        conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        h = h11.Connection(h11.SERVER, max_incomplete_event_size=MAX_HEADER_BYTES)
        try:
            while True:
                try:
                    event = self._next(h, conn)
                    if type(event) is not h11.Request:
                        return  # closed (or an unexpected event): done
                    # h11 bounds only a header block that is still incomplete; one that
                    # arrived whole in the last read is measured here
                    if len(event.target) + sum(len(n) + len(v) + 4 for n, v in
                                               event.headers) > MAX_HEADER_BYTES:
                        self._plain(h, conn, 431, "Request Header Fields Too Large",
                                    f"The request line and headers are longer than "
                                    f"{MAX_HEADER_BYTES} bytes.")
                        return
                    try:
                        body = self._body(h, conn, event)
                    except _TooLarge:
                        self._plain(h, conn, 413, "Request Entity Too Large",
                                    f"The request body is larger than {self.max_body} bytes.")
                        return
                except h11.RemoteProtocolError as exc:
                    if h.our_state in (h11.IDLE, h11.SEND_RESPONSE):
                        status = exc.error_status_hint
                        self._plain(h, conn, status, "Bad Request" if status == 400 else
                                    "Request Header Fields Too Large" if status == 431 else
                                    "Error", f"Bad request: {exc}")
                    return
                self._respond(h, conn, addr, event, body)
                if h.our_state is not h11.DONE or h.their_state is not h11.DONE:
                    return  # Connection: close, HTTP/1.0, or a response cut short
                h.start_next_cycle()
        except (OSError, h11.LocalProtocolError):  # gone, silent too long, or a broken app
            pass
        finally:
            try:
                conn.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            conn.close()

    def _next(self, h: h11.Connection, conn: socket.socket):
        while True:
            event = h.next_event()
            if event is not h11.NEED_DATA:
                return event
            if h.they_are_waiting_for_100_continue:
                conn.sendall(h.send(h11.InformationalResponse(status_code=100, headers=[])))
            h.receive_data(conn.recv(READ_BYTES))

    def _body(self, h: h11.Connection, conn: socket.socket, request: h11.Request):
        """The request body as a readable file (read in full first, as waitress does)."""
        for name, value in request.headers:
            if name == b"content-length" and int(value) > self.max_body:
                raise _TooLarge
        event = self._next(h, conn)
        if type(event) is h11.EndOfMessage:
            return io.BytesIO()
        buf: io.BytesIO | tempfile.SpooledTemporaryFile = io.BytesIO()
        size = 0
        while type(event) is h11.Data:
            size += len(event.data)
            if size > self.max_body:
                raise _TooLarge
            if size > SPOOL_BYTES and isinstance(buf, io.BytesIO):
                spilled = tempfile.TemporaryFile()
                spilled.write(buf.getvalue())
                buf = spilled
            buf.write(event.data)
            event = self._next(h, conn)
        if type(event) is not h11.EndOfMessage:
            raise OSError("the client closed mid-body")
        buf.seek(0)
        return buf

    def _environ(self, request: h11.Request, addr, body) -> dict:
        target = request.target
        path, _, query = target.partition(b"?")
        if not path.startswith(b"/") and b"://" in path:  # absolute form: keep the path
            path = b"/" + path.split(b"/", 3)[3] if path.count(b"/") >= 3 else b"/"
        env = {**self._base,
               "REQUEST_METHOD": request.method.decode("ascii"),
               "PATH_INFO": unquote_to_bytes(path).decode("latin-1"),
               "QUERY_STRING": query.decode("latin-1"),
               "RAW_URI": target.decode("latin-1"), "REQUEST_URI": target.decode("latin-1"),
               "SERVER_PROTOCOL": "HTTP/" + request.http_version.decode("ascii"),
               "REMOTE_ADDR": addr[0] if isinstance(addr, tuple) else "",
               "REMOTE_PORT": str(addr[1]) if isinstance(addr, tuple) else "",
               "wsgi.input": body}
        for raw_name, raw_value in request.headers:
            if b"_" in raw_name:  # would pass for a dash-named header (spoofing)
                continue
            name = raw_name.decode("latin-1").upper().replace("-", "_")
            value = raw_value.decode("latin-1")
            if name in ("CONTENT_TYPE", "CONTENT_LENGTH"):
                env[name] = value
                continue
            key = "HTTP_" + name
            if key in env:
                value = env[key] + ("; " if key == "HTTP_COOKIE" else ", ") + value
            env[key] = value
        return env

    def _respond(self, h: h11.Connection, conn: socket.socket, addr,
                 request: h11.Request, body) -> None:
        env = self._environ(request, addr, body)
        started: list = []
        early: list[bytes] = []

        def start_response(status: str, headers: list, exc_info=None):
            if exc_info is not None and sent[0]:
                raise exc_info[1].with_traceback(exc_info[2])
            started[:] = [status, headers]
            return early.append  # the WSGI write() callable (legacy)

        sent = [False]
        with self._slots:
            try:
                result = self.app(env, start_response)
                if not isinstance(result, FileWrapper):
                    try:
                        self._send_iterable(h, conn, request, started, early, result, sent)
                    finally:
                        if hasattr(result, "close"):
                            result.close()
                    return
            except OSError:
                raise
            except Exception:
                log.exception("the app failed on %s %s", env["REQUEST_METHOD"],
                              env["PATH_INFO"])
                if not sent[0]:
                    self._plain(h, conn, 500, "Internal Server Error",
                                "The server encountered an unexpected internal server error")
                return
        try:  # a file answer: the kernel copies it, outside the app slot
            head = self._head(h, started)
            sent[0] = True
            conn.sendall(head)
            self._send_file(h, conn, result, request, started)
        finally:
            result.close()

    def _send_iterable(self, h: h11.Connection, conn: socket.socket, request: h11.Request,
                       started: list, early: list, result, sent: list) -> None:
        """Send the app's answer, small answers (the usual ones) in one ``sendall``."""
        chunks = iter(result)
        first = next(chunks, b"")  # start_response may come with the first chunk
        head = self._head(h, started)
        bodied = self._bodied(request, started)
        pending = [c for c in (*early, first) if c] if bodied else []
        size = sum(len(c) for c in pending)
        for chunk in chunks:
            if bodied and chunk:
                pending.append(chunk)
                size += len(chunk)
                if size >= SEND_BYTES:
                    data = b"".join(pending)
                    pending, size = [], 0
                    sent[0] = True
                    conn.sendall(head + h.send(h11.Data(data=data)))
                    head = b""
        data = b"".join(pending)
        sent[0] = True
        conn.sendall(head + (h.send(h11.Data(data=data)) if data else b"")
                     + h.send(h11.EndOfMessage()))

    def _head(self, h: h11.Connection, started: list) -> bytes:
        if not started:
            raise h11.LocalProtocolError("the app returned without calling start_response")
        status, headers = started
        raw = [(n.encode("latin-1"), v.encode("latin-1")) for n, v in headers]
        names = {n.lower() for n, _ in raw}
        if b"server" not in names:
            raw.append((b"Server", SERVER))
        if b"date" not in names:
            raw.append((b"Date", http_date()))
        return h.send(h11.Response(status_code=int(status[:3]), headers=raw,
                                   reason=status[4:].encode("latin-1")))

    @staticmethod
    def _bodied(request: h11.Request, started: list) -> bool:
        """False for answers without a body (HEAD, 204, 304): the app's bytes are dropped."""
        return request.method != b"HEAD" and started[0][:3] not in ("204", "304")

    def _send_file(self, h: h11.Connection, conn: socket.socket, wrapper: FileWrapper,
                   request: h11.Request, started: list) -> None:
        if not self._bodied(request, started):
            conn.sendall(h.send(h11.EndOfMessage()))
            return
        length = next((int(v) for n, v in started[1] if n.lower() == "content-length"), None)
        if length is None or not hasattr(wrapper.file, "fileno"):
            for chunk in wrapper:
                if chunk:
                    conn.sendall(h.send(h11.Data(data=chunk)))
        else:
            for part in h.send_with_data_passthrough(h11.Data(data=_Sized(length))):
                if isinstance(part, _Sized):
                    if length:
                        conn.sendfile(wrapper.file, count=length)
                else:
                    conn.sendall(part)
        conn.sendall(h.send(h11.EndOfMessage()))

    def _plain(self, h: h11.Connection, conn: socket.socket, status: int, reason: str,
               text: str) -> None:
        """A short text answer from the server itself (then the connection closes)."""
        body = text.encode("utf-8")
        try:
            conn.sendall(h.send(h11.Response(
                status_code=status, reason=reason.encode("ascii"),
                headers=[(b"Content-Type", b"text/plain; charset=utf-8"),
                         (b"Content-Length", str(len(body)).encode("ascii")),
                         (b"Connection", b"close"), (b"Server", SERVER),
                         (b"Date", http_date())])) + h.send(h11.Data(data=body))
                         + h.send(h11.EndOfMessage()))
        except (OSError, h11.LocalProtocolError):
            pass

