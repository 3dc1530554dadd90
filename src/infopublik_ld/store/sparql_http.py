"""HTTP to a remote SPARQL engine: one kept-alive connection per thread for reads, urllib
(digest or basic authentication) where credentials are needed, a wall-clock deadline over the
whole exchange, and the engine's words made safe to show (:func:`scrub`)."""

from __future__ import annotations

import http.client
import re
import socket
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from typing import BinaryIO

from ..errors import EngineUnavailable, QueryTimeout, StoreError


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


class HttpClient:
    """One engine's HTTP side: a keep-alive connection per thread for queries, urllib (digest
    or basic authentication) for anything that needs credentials."""

    def __init__(self, user: str, password: str, urls: list[str], timeout: float):
        self.user, self.password, self.timeout = user, password, timeout
        self._local = threading.local()
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

    def _conn(self, parts: urllib.parse.SplitResult, timeout: float) -> http.client.HTTPConnection:
        pool = self._local.__dict__.setdefault("pool", {})
        key = (parts.scheme, parts.netloc)
        conn = pool.get(key)
        if conn is None:
            cls = http.client.HTTPSConnection if parts.scheme == "https" \
                else http.client.HTTPConnection
            conn = cls(parts.hostname, parts.port, timeout=timeout)
            pool[key] = conn
        conn.timeout = timeout
        if conn.sock is not None:
            conn.sock.settimeout(timeout)
        return conn

    def _drop(self, parts: urllib.parse.SplitResult) -> None:
        conn = self._local.__dict__.get("pool", {}).pop((parts.scheme, parts.netloc), None)
        if conn is not None:
            conn.close()

    def request(self, method: str, url: str, *, form: list[tuple[str, str]] | None = None,
                body: bytes | None = None, content_type: str = "", accept: str = "*/*",
                deadline: float | None = None) -> Reply:
        """Send one request; raise ``socket.timeout`` past ``deadline`` and ``OSError`` when
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
        target = parts.path + ("?" + parts.query if parts.query else "")
        for attempt in (1, 2):  # a kept-alive connection the engine closed: retry once
            remaining = self._remaining(deadline)
            conn = self._conn(parts, remaining)
            try:
                conn.request(method, target, body=body, headers=headers)
                resp = conn.getresponse()
                data = self._read(resp, deadline)
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError,
                    http.client.CannotSendRequest, http.client.ResponseNotReady):
                self._drop(parts)
                if attempt == 2:
                    raise
                continue
            except BaseException:
                self._drop(parts)
                raise
            if resp.getheader("Connection", "").lower() == "close":
                self._drop(parts)
            if resp.status == 401 and self.user:
                self.auth_urls.add(url)
                return self._urllib(method, url, body, headers, deadline)
            return Reply(resp.status, (resp.getheader("Content-Type") or "").split(";")[0]
                         .strip().lower(), dict(resp.getheaders()), data)
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
