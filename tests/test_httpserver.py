"""serve's HTTP server (web/httpserver.py) on a real socket: keep-alive, limits, framing,
timeouts, file answers, errors, and connections shared out between servers on one socket."""

from __future__ import annotations

import http.client
import socket
import threading
import time

import pytest
from flask import Flask, request, send_file

from infopublik_ld.web.httpserver import MAX_HEADER_BYTES, Server


def _app(tmp_path):
    app = Flask(__name__)
    data = bytes(range(256)) * 1000  # 256 000 bytes
    (tmp_path / "dump.bin").write_bytes(data)
    inside = {"now": 0, "most": 0}
    lock = threading.Lock()

    @app.route("/echo", methods=["GET", "POST", "HEAD"])
    def echo():
        body = request.get_data()
        return {"method": request.method, "length": len(body), "body": body[:50].decode(),
                "query": request.query_string.decode(), "remote": request.remote_addr,
                "x_y": request.headers.get("X-Y")}

    @app.route("/file")
    def file():
        return send_file(tmp_path / "dump.bin", mimetype="application/octet-stream",
                         conditional=True)

    @app.route("/slow")
    def slow():
        with lock:
            inside["now"] += 1
            inside["most"] = max(inside["most"], inside["now"])
        time.sleep(0.3)
        with lock:
            inside["now"] -= 1
        return "ok"

    @app.route("/boom")
    def boom():
        raise RuntimeError("boom")

    app.config["PROPAGATE_EXCEPTIONS"] = True  # the server answers 500 itself
    return app, data, inside


@pytest.fixture
def served(tmp_path):
    app, data, inside = _app(tmp_path)
    sock = socket.create_server(("127.0.0.1", 0))
    server = Server(app, sock, threads=2, max_body=100_000, timeout=1.5)
    threading.Thread(target=server.run, daemon=True).start()
    yield server.effective_port, data, inside
    server.close()


def _conn(port: int) -> http.client.HTTPConnection:
    return http.client.HTTPConnection("127.0.0.1", port, timeout=10)


def _raw(port: int, data: bytes, *, wait: float = 0.5) -> bytes:
    """Send ``data`` on a fresh connection; everything answered until it closes."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
        s.sendall(data)
        got = b""
        s.settimeout(wait + 5)
        while chunk := s.recv(65536):
            got += chunk
    return got


def test_keep_alive_server_and_date_headers(served):
    port, _, _ = served
    conn = _conn(port)
    for i in range(3):
        conn.request("GET", f"/echo?i={i}")
        resp = conn.getresponse()
        body = resp.read()
        assert resp.status == 200
        assert f'"query":"i={i}"'.encode() in body.replace(b" ", b"")
        assert resp.getheader("Server") == "infopublik-ld" and resp.getheader("Date")
        assert not resp.will_close
    first = conn.sock
    conn.request("GET", "/echo")
    conn.getresponse().read()
    assert conn.sock is first  # the same connection served every request
    conn.close()


def test_bodies_plain_chunked_and_100_continue(served):
    port, _, _ = served
    conn = _conn(port)
    conn.request("POST", "/echo", body=b"a" * 70_000, headers={"Content-Type": "text/plain"})
    got = conn.getresponse().read()
    assert b'"length":70000' in got.replace(b" ", b"")
    conn.request("POST", "/echo", body=iter([b"abc", b"def"]),
                 headers={"Content-Type": "text/plain"}, encode_chunked=True)
    got = conn.getresponse().read().replace(b" ", b"")
    assert b'"length":6' in got and b'"body":"abcdef"' in got
    conn.close()
    with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
        s.sendall(b"POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n"
                  b"Expect: 100-continue\r\nConnection: close\r\n\r\n")
        assert s.recv(100).startswith(b"HTTP/1.1 100 ")  # before the body is sent
        s.sendall(b"hello")
        answer = b""
        while chunk := s.recv(65536):
            answer += chunk
    assert answer.startswith(b"HTTP/1.1 200 ") and b'"body":"hello"' in answer


def test_a_body_over_the_limit_is_413_without_reading_it(served):
    port, _, _ = served
    answer = _raw(port, b"POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 100001\r\n\r\n")
    assert answer.startswith(b"HTTP/1.1 413 ") and b"100000 bytes" in answer
    chunk = b"%x\r\n%s\r\n" % (60_000, b"b" * 60_000)
    answer = _raw(port, b"POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                  + chunk * 2 + b"0\r\n\r\n")
    assert answer.startswith(b"HTTP/1.1 413 ")


def test_long_urls_fit_and_oversized_headers_are_431(served):
    port, _, _ = served
    conn = _conn(port)
    q = "x" * 60_000  # a 20 kB query, percent-encoded, is up to 60 kB
    conn.request("GET", f"/echo?{q}")
    resp = conn.getresponse()
    assert resp.status == 200 and q.encode() in resp.read()
    conn.close()
    answer = _raw(port, b"GET /echo HTTP/1.1\r\nHost: x\r\nX-Big: "
                  + b"y" * (MAX_HEADER_BYTES + 10) + b"\r\n\r\n")
    assert answer.startswith(b"HTTP/1.1 431 ")


def test_malformed_http_is_400_and_http10_closes(served):
    port, _, _ = served
    assert _raw(port, b"NOT HTTP AT ALL\r\n\r\n").startswith(b"HTTP/1.1 400 ")
    answer = _raw(port, b"GET /echo HTTP/1.0\r\n\r\n")  # _raw returns once it is closed
    assert answer.startswith(b"HTTP/1.1 200 ") and b'"method"' in answer


def test_head_has_headers_without_a_body(served):
    port, _, _ = served
    answer = _raw(port, b"HEAD /file HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
    head, _, body = answer.partition(b"\r\n\r\n")
    assert b"Content-Length: 256000" in head and body == b""


def test_underscored_headers_are_dropped(served):
    """X_Y would otherwise arrive as HTTP_X_Y, the same key as X-Y (a spoofing route)."""
    port, _, _ = served
    answer = _raw(port, b"GET /echo HTTP/1.1\r\nHost: x\r\nX_Y: forged\r\n"
                        b"Connection: close\r\n\r\n")
    assert b"forged" not in answer


def test_file_answers_whole_and_by_range(served):
    port, data, _ = served
    conn = _conn(port)
    conn.request("GET", "/file")
    resp = conn.getresponse()
    assert resp.status == 200 and resp.read() == data
    conn.request("GET", "/file", headers={"Range": "bytes=1000-1999"})
    resp = conn.getresponse()
    assert resp.status == 206 and resp.read() == data[1000:2000]
    conn.request("GET", "/echo")  # the connection is still in step after both
    assert conn.getresponse().status == 200
    conn.close()


def test_an_app_error_is_500_and_the_server_goes_on(served):
    port, _, _ = served
    conn = _conn(port)
    conn.request("GET", "/boom")
    resp = conn.getresponse()
    assert resp.status == 500 and b"boom" not in resp.read()
    conn.close()
    conn = _conn(port)
    conn.request("GET", "/echo")
    assert conn.getresponse().status == 200
    conn.close()


def test_an_idle_connection_is_closed_after_the_timeout(served):
    port, _, _ = served
    with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
        s.sendall(b"GET /echo HTTP/1.1\r\nHost: x\r\n")  # ... and then nothing more
        started = time.monotonic()
        assert s.recv(100) == b""
        assert 1.0 < time.monotonic() - started < 8


def test_at_most_threads_requests_run_in_the_app_at_once(served):
    port, _, inside = served

    def get(_):
        conn = _conn(port)
        conn.request("GET", "/slow")
        status = conn.getresponse().status
        conn.close()
        return status

    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(5) as pool:
        assert list(pool.map(get, range(5))) == [200] * 5
    assert inside["most"] == 2  # threads=2; the others waited, none was refused


def test_two_servers_on_one_socket_take_new_connections_in_turn():
    """As serve's processes do: one accept() waiter each, so connections alternate between
    them (with every thread of a server waiting in accept(), the server that started first
    would take all 8 here: each has 8 threads)."""
    sock = socket.create_server(("127.0.0.1", 0))
    servers = []
    for name in ("a", "b"):
        def app(environ, start_response, name=name):
            start_response("200 OK", [("Content-Length", "1")])
            return [name.encode()]

        servers.append(Server(app, sock, threads=8, max_body=1000, timeout=5,
                              multiprocess=True))
    for s in servers:
        threading.Thread(target=s.run, daemon=True).start()
        time.sleep(0.5)
    conns, seen = [], []
    for _ in range(8):  # each kept open, as a keep-alive client does
        c = _conn(servers[0].effective_port)
        c.request("GET", "/")
        seen.append(c.getresponse().read().decode())
        conns.append(c)
    for c in conns:
        c.close()
    for s in servers:
        s.close()
    # (not strictly in turn: a waiter woken late under load may find the connection taken)
    assert seen.count("a") >= 2 and seen.count("b") >= 2, seen


def test_threads_beyond_serve_threads_end_with_their_connections(served):
    """threads=2: five connections at once get five threads; once they close, two stay (what
    a thread keeps, e.g. its database connections, does not pile up)."""
    port, _, _ = served

    def http_threads() -> int:
        return sum(t.name == f"infopublik-http:{port}" for t in threading.enumerate())

    conns = []
    for _ in range(5):
        c = _conn(port)
        c.request("GET", "/echo")
        assert c.getresponse().status == 200
        conns.append(c)
    assert http_threads() >= 5
    for c in conns:
        c.close()
    deadline = time.monotonic() + 5
    while http_threads() > 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert http_threads() == 2


def test_one_connection_after_another_stays_on_the_threads_it_has(tmp_path):
    """Connections one after another are served in turn by the `threads` threads (as waitress
    hands out its tasks): no thread is added, so what each keeps per thread (database
    connections) is `threads` sets at most, all made early."""
    seen = []

    def app(environ, start_response):
        seen.append(threading.get_ident())
        start_response("200 OK", [("Content-Length", "2")])
        return [b"ok"]

    sock = socket.create_server(("127.0.0.1", 0))
    server = Server(app, sock, threads=3, max_body=1000, timeout=5)
    threading.Thread(target=server.run, daemon=True).start()
    time.sleep(0.3)  # every thread started and waiting
    try:
        for _ in range(12):
            c = _conn(server.effective_port)
            c.request("GET", "/")
            assert c.getresponse().read() == b"ok"
            c.close()
            time.sleep(0.05)
        threads = sum(t.name == f"infopublik-http:{server.effective_port}"
                      for t in threading.enumerate())
    finally:
        server.close()
    assert len(set(seen)) <= 3 and threads == 3, (seen, threads)
