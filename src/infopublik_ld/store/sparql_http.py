"""HTTP to a remote SPARQL engine: one kept-alive connection per thread for reads, urllib
(digest or basic authentication) where credentials are needed, a wall-clock deadline over the
whole exchange, and the engine's words made safe to show (:func:`scrub`)."""

from __future__ import annotations

import contextlib
import os
import re
import select
import socket
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from typing import BinaryIO

from ..errors import EngineUnavailable, QueryTimeout, StoreError

#: idle kept-alive connections kept per engine URL (more are closed after their request)
IDLE_CONNECTIONS = 32


@dataclass
class Reply:
    """An engine's answer: status, content type (without parameters), headers, body."""

    status: int
    content_type: str
    headers: dict[str, str]
    body: bytes


def scrub(text: str, secrets: list[str]) -> str:
    """``text`` without the engine's echo of the query, internal URLs or ``secrets``.

    >>> scrub("Error SP030: syntax error at 'x'\\n\\nSPARQL query:\\ndefine a SELECT", [])
    "Error SP030: syntax error at 'x'"
    >>> scrub("see http://10.0.0.5:8890/sparql-auth for dba", ["dba"])
    'see [engine] for [user]'
    """
    text = text.split("SPARQL query:")[0]
    text = re.sub(r"https?://[^\s\"'<>]+", "[engine]", text)
    for s in secrets:
        if s and len(s) >= 2:
            text = text.replace(s, "[user]")
    return re.sub(r"\s+", " ", text).strip()[:400]


class Connection:
    """One kept-alive HTTP/1.1 connection to an engine (plain TCP, or TLS for ``https``).

    Written here rather than taken from :mod:`http.client`: a request through it goes out in
    one ``sendall`` and its answer is parsed from one buffer, where ``http.client`` sends
    headers and body apart, wraps every response in a new buffered file and parses the
    headers with the e-mail parser. That was most of a web node's own CPU per proxied query
    (measured: benchmarks/bench_remote.py; the engine's answer is the same either way).
    """

    def __init__(self, parts: urllib.parse.SplitResult, timeout: float):
        https = parts.scheme == "https"
        host = parts.hostname or "127.0.0.1"
        sock = socket.create_connection((host, parts.port or (443 if https else 80)),
                                        timeout)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        if https:
            import ssl

            sock = ssl.create_default_context().wrap_socket(sock, server_hostname=host)
        self.sock = sock
        self.host = parts.netloc.rsplit("@", 1)[-1].encode("idna")
        self.buf = bytearray()
        #: answers read through this connection (a reused one may have been closed by the
        #: engine meanwhile: the caller retries once on a fresh one)
        self.used = 0

    def stale(self) -> bool:
        """Whether the engine closed this idle connection or wrote to it unasked: a kept-alive
        connection must be silent between answers (Oxigraph server writes an unrequested 500
        into one idle longer than its ``--timeout-s``; Virtuoso closes it after
        ``KeepAliveTimeout``), so anything waiting in it means: do not reuse."""
        poll = select.poll()
        poll.register(self.sock, select.POLLIN)
        return bool(poll.poll(0))

    def close(self) -> None:
        """Close the socket."""
        with contextlib.suppress(OSError):
            self.sock.close()

    def _more(self, deadline: float | None, timeout: float) -> None:
        """Read what the engine sent next into the buffer; ``ConnectionResetError`` at its
        end, ``TimeoutError`` past ``deadline``."""
        if deadline is not None:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("deadline passed while reading")
            timeout = min(timeout, left)
        self.sock.settimeout(timeout)
        chunk = self.sock.recv(1 << 16)
        if not chunk:
            raise ConnectionResetError("the engine closed the connection")
        self.buf += chunk

    def _take(self, n: int, deadline: float | None, timeout: float) -> bytes:
        while len(self.buf) < n:
            self._more(deadline, timeout)
        data = bytes(self.buf[:n])
        del self.buf[:n]
        return data

    def _line(self, deadline: float | None, timeout: float) -> bytes:
        while (i := self.buf.find(b"\r\n")) < 0:
            self._more(deadline, timeout)
        return self._take(i + 2, deadline, timeout)[:-2]

    def exchange(self, method: str, target: str, headers: dict[str, str], body: bytes | None,
                 deadline: float | None, timeout: float) -> tuple[int, dict[str, str], bytes,
                                                                  bool]:
        """Send one request and read its answer: ``(status, headers, body, keep)``, where
        ``keep`` says whether the connection can carry another request."""
        head = [f"{method} {target} HTTP/1.1", f"Host: {self.host.decode()}"]
        head += [f"{k}: {v}" for k, v in headers.items()]
        if body is not None or method == "POST":
            head.append(f"Content-Length: {len(body or b'')}")
        self.sock.settimeout(timeout)
        self.sock.sendall(("\r\n".join(head) + "\r\n\r\n").encode("latin-1") + (body or b""))
        self.buf.clear()
        while True:
            while (end := self.buf.find(b"\r\n\r\n")) < 0:
                self._more(deadline, timeout)
            lines = bytes(self.buf[:end]).decode("latin-1").split("\r\n")
            del self.buf[:end + 4]
            version, _, rest = lines[0].partition(" ")
            try:
                status = int(rest[:3])
            except ValueError:
                raise ConnectionResetError(f"not an HTTP answer: {lines[0][:80]!r}") from None
            if status >= 200 or status == 101:
                break  # 1xx (100 Continue): the real answer follows
        found: dict[str, str] = {}
        for line in lines[1:]:
            name, _, value = line.partition(":")
            found[name.strip()] = value.strip()
        low = {k.lower(): v for k, v in found.items()}
        keep = low.get("connection", "").lower() != "close" and (
            version != "HTTP/1.0" or low.get("connection", "").lower() == "keep-alive")
        if method == "HEAD" or status in (204, 304):
            data = b""
        elif "chunked" in low.get("transfer-encoding", "").lower():
            parts = []
            while True:
                size = int(self._line(deadline, timeout).split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    while self._line(deadline, timeout):  # trailers, up to the blank line
                        pass
                    break
                parts.append(self._take(size, deadline, timeout))
                self._take(2, deadline, timeout)
            data = b"".join(parts)
        elif "content-length" in low:
            data = self._take(int(low["content-length"]), deadline, timeout)
        else:  # the answer ends when the engine closes the connection
            try:
                while True:
                    self._more(deadline, timeout)
            except ConnectionResetError:
                pass
            data, keep = bytes(self.buf), False
            self.buf.clear()
        self.used += 1
        return status, found, data, keep


class HttpClient:
    """One engine's HTTP side: a pool of keep-alive connections for queries
    (:class:`Connection`, one per request in flight), urllib (digest or basic
    authentication) for anything that needs credentials."""

    def __init__(self, user: str, password: str, urls: list[str], timeout: float):
        self.user, self.password, self.timeout = user, password, timeout
        # kept-alive connections shared by the threads: one per request running at once
        # (the server's app slots), whichever thread runs it
        self._idle: dict[tuple[str, str], list[Connection]] = {}
        self._pool_lock = threading.Lock()
        self._pid = os.getpid()
        handlers: list = []
        if user:
            pw = urllib.request.HTTPPasswordMgrWithDefaultRealm()
            for url in urls:
                if url:
                    pw.add_password(None, url, user, password)
            handlers += [urllib.request.HTTPDigestAuthHandler(pw),
                         urllib.request.HTTPBasicAuthHandler(pw)]
        self.opener = urllib.request.build_opener(*handlers)
        #: URLs that answered 401 without credentials: always sent through ``opener``
        self.auth_urls: set[str] = set()

    def _take(self, key: tuple[str, str], parts: urllib.parse.SplitResult,
              timeout: float) -> Connection:
        """An idle kept-alive connection to ``key``'s engine, or a new one."""
        with self._pool_lock:
            if self._pid != os.getpid():  # forked (serve's processes): the parent's
                self._idle, self._pid = {}, os.getpid()  # connections are not ours to share
            idle = self._idle.get(key) or []
            while idle:
                conn = idle.pop()  # the most recently used: the least likely to be stale
                if not conn.stale():
                    return conn
                conn.close()
        return Connection(parts, timeout)

    def _give(self, key: tuple[str, str], conn: Connection) -> None:
        """Keep ``conn`` alive for the next request (closed when enough are idle)."""
        with self._pool_lock:
            if self._pid != os.getpid():
                self._idle, self._pid = {}, os.getpid()
            idle = self._idle.setdefault(key, [])
            if len(idle) < IDLE_CONNECTIONS:
                idle.append(conn)
                return
        conn.close()

    def request(self, method: str, url: str, *, form: list[tuple[str, str]] | None = None,
                body: bytes | None = None, content_type: str = "", accept: str = "*/*",
                deadline: float | None = None) -> Reply:
        """Send one request; raise ``TimeoutError`` past ``deadline`` and ``OSError`` when
        the engine cannot be reached. Any HTTP status is returned, not raised."""
        if form is not None:
            body = urllib.parse.urlencode(form).encode("utf-8")
            content_type = "application/x-www-form-urlencoded; charset=utf-8"
        headers = {"Accept": accept}
        if content_type:
            headers["Content-Type"] = content_type
        if url in self.auth_urls:
            return self._urllib(method, url, body, headers, deadline)
        parts = urllib.parse.urlsplit(url)
        target = (parts.path or "/") + ("?" + parts.query if parts.query else "")
        key = (parts.scheme, parts.netloc)
        for attempt in (1, 2):  # a kept-alive connection the engine closed: retry once
            remaining = self._remaining(deadline)
            conn = self._take(key, parts, remaining)
            reused = conn.used > 0
            try:
                status, found, data, keep = conn.exchange(method, target, headers, body,
                                                          deadline, remaining)
            except (ConnectionResetError, BrokenPipeError, ConnectionAbortedError):
                conn.close()
                if attempt == 2 or not reused:
                    raise
                continue
            except BaseException:
                conn.close()
                raise
            if keep:
                self._give(key, conn)
            else:
                conn.close()
            if status == 401 and self.user:
                self.auth_urls.add(url)
                return self._urllib(method, url, body, headers, deadline)
            ctype = found.get("Content-Type") or found.get("content-type") or ""
            return Reply(status, ctype.split(";")[0].strip().lower(), found, data)
        raise OSError("unreachable")  # pragma: no cover - the loop returns or raises

    def _remaining(self, deadline: float | None) -> float:
        if deadline is None:
            return self.timeout
        left = deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError("deadline passed")
        return left

    def _read(self, resp, deadline: float | None) -> bytes:
        chunks = []
        while True:
            chunk = resp.read(1 << 16)
            if not chunk:
                return b"".join(chunks)
            chunks.append(chunk)
            if deadline is not None and time.monotonic() > deadline:
                raise TimeoutError("deadline passed while reading")

    def _urllib(self, method: str, url: str, body: bytes | None, headers: dict,
                deadline: float | None) -> Reply:
        req = urllib.request.Request(url, data=body, headers=headers, method=method)
        try:
            with self.opener.open(req, timeout=self._remaining(deadline)) as resp:
                data = self._read(resp, deadline)
                status, hdrs = resp.status, dict(resp.headers.items())
        except urllib.error.HTTPError as exc:
            data, status, hdrs = exc.read(), exc.code, dict(exc.headers.items())
        except urllib.error.URLError as exc:
            reason = exc.reason
            if isinstance(reason, (TimeoutError, socket.timeout)):
                raise TimeoutError(str(reason)) from None
            raise OSError(str(reason)) from None
        ctype = (hdrs.get("Content-Type") or hdrs.get("content-type") or "")
        return Reply(status, ctype.split(";")[0].strip().lower(), hdrs, data)

    def stream(self, url: str, accept: str) -> BinaryIO:
        """A GET whose body is read by the caller (dumps); raises like :meth:`request`."""
        req = urllib.request.Request(url, headers={"Accept": accept})
        try:
            return self.opener.open(req, timeout=self.timeout)
        except urllib.error.HTTPError as exc:
            raise StoreError(f"the SPARQL engine answered {exc.code} for a graph download",
                             f"mesin SPARQL menjawab {exc.code} untuk unduhan graf") from None
        except urllib.error.URLError as exc:
            raise unavailable(str(exc.reason)) from None


def unavailable(reason: str) -> EngineUnavailable:
    """The 503 when the engine cannot be reached."""
    exc = EngineUnavailable(
        f"the SPARQL engine is not answering ({reason}); try again shortly (operators: "
        "setting `sparql_query_url`)",
        f"mesin SPARQL tidak menjawab ({reason}); coba lagi sebentar lagi (operator: setelan "
        "`sparql_query_url`)", where="sparql_query_url")
    exc.headers = {"Retry-After": "10"}
    return exc


def engine_timeout(limit: float) -> QueryTimeout:
    """The 503 when the engine did not answer within ``limit`` seconds."""
    exc = QueryTimeout(
        f"query took longer than {limit:g} s (setting `query_time_limit`); narrow it with "
        "LIMIT, a more specific pattern or a FILTER",
        f"kueri berjalan lebih dari {limit:g} dtk (setelan `query_time_limit`); persempit "
        "dengan LIMIT, pola yang lebih spesifik atau FILTER", where="query_time_limit")
    exc.headers = {"Retry-After": "5"}
    return exc
