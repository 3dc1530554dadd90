"""The attack suite: a real `serve` on 10 000 generated releases with a 2 s query limit.

Every attack gets its refusal (4xx) or its limit (503, or a capped answer) in the one JSON
error shape within limit + 1 s, no request ever leaves the server, and a point query sent
all along keeps being answered.
"""

from __future__ import annotations

import socket
import threading
import time

import pytest
import requests

from .servers import Background, running_server
from .sites import BACKENDS, restart_engine, small_site_on, web_node

LIMIT = 2.0
BASE = "http://127.0.0.1:8080/"
ARTICLE = f"{BASE}id/article/gen-0000042"
POINT = f"SELECT ?p ?o WHERE {{ <{ARTICLE}> ?p ?o }}"
FORM = "application/x-www-form-urlencoded"
SHAPE = {"status", "error", "message", "message_id", "where"}


@pytest.fixture(scope="module")
def listener():
    """A local socket that counts every connection made to it."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(8)
    sock.settimeout(0.2)
    accepted: list = []
    stop = threading.Event()

    def watch():
        while not stop.is_set():
            try:
                conn, addr = sock.accept()
            except TimeoutError:
                continue
            accepted.append(addr)
            conn.close()

    t = threading.Thread(target=watch, daemon=True)
    t.start()
    yield sock.getsockname()[1], accepted
    stop.set()
    t.join()
    sock.close()


@pytest.fixture(scope="module", params=BACKENDS)
def server(request, tmp_path_factory):
    """``serve`` on 10 000 embedded releases, or a web node over each remote engine holding
    the small site (300 releases: the products and paths below still never finish; the row
    cap is lowered so that the DESCRIBE of every article is cut as it is on the big site)."""
    if request.param == "embedded":
        data = request.getfixturevalue("big_site").data_dir
    else:
        site = small_site_on(request, request.param)
        data = web_node(tmp_path_factory.mktemp("attack-node") / "data", site, row_cap=1000)
    with running_server(data, "--query-time-limit", str(LIMIT),
                        "--query-workers", "3", "--threads", "8") as url:
        yield url + "sparql"
    restart_engine(request, request.param)


def get(q: str, **kw) -> dict:
    return {"params": {"query": q}, **kw}


def attacks(port: int) -> list[tuple[str, str, dict, tuple[int, ...]]]:
    local = f"http://127.0.0.1:{port}/"
    return [
        ("service", "GET", get(f"SELECT * {{ SERVICE <{local}> {{ ?s ?p ?o }} }}"), (400,)),
        ("service-silent", "POST", {"data": {"query": "SELECT * { SERVICE SILENT <" + local
                                             + "> { ?s ?p ?o } }"}}, (400,)),
        ("load", "POST", {"data": {"update": f"LOAD <{local}data.ttl>"}}, (400,)),
        ("load-as-query", "GET", get(f"LOAD <{local}data.ttl>"), (400,)),
        ("update-form", "POST", {"data": {"update": "INSERT DATA { <a:s> <a:p> <a:o> }"}},
         (400,)),
        ("update-body", "POST", {"data": b"DROP ALL",
                                 "headers": {"Content-Type": "application/sparql-update"}},
         (400,)),
        ("update-as-query", "POST", {"data": b"CLEAR ALL",
                                     "headers": {"Content-Type": "application/sparql-query"}},
         (400,)),
        ("from-file", "GET", get("SELECT * FROM <file:///etc/passwd> { ?s ?p ?o }"), (400,)),
        ("from-named-file", "GET", get("SELECT * FROM NAMED <file:///etc/passwd> "
                                       "{ GRAPH ?g { ?s ?p ?o } }"), (400,)),
        ("catastrophic-regex", "GET", get('SELECT * { ?s ?p ?o FILTER regex(str(?o), '
                                          '"^(a+)+$") }'), (400,)),
        # cut by the time limit, or (on a fast enough machine: its first row_cap rows take
        # ~2 s on the 10 000-release site) answered in time, capped, with the row cap header
        ("cartesian", "GET", get("SELECT * { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"), (200, 503)),
        ("cartesian-count", "GET", get("SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . "
                                       "?g ?h ?i }"), (503,)),
        ("path-star", "GET", get("SELECT (COUNT(*) AS ?n) { ?s (<http://schema.org/about>|"
                                 "!<http://schema.org/about>)* ?o }"),
         (200, 400, 503)),  # Virtuoso refuses a transitive path without a start (400); on
        # the 300-release remote site Oxigraph server may finish it within the limit (200)
        ("offset", "GET", get("SELECT * { ?s ?p ?o } OFFSET 100000000"), (400,)),
        ("describe-hub", "GET", get("DESCRIBE ?a WHERE { ?a a <http://schema.org/NewsArticle> }"),
         (200, 503)),
        ("big-query", "POST", {"data": ("SELECT * { ?s ?p ?o } #" + "x" * 1_000_000).encode(),
                               "headers": {"Content-Type": "application/sparql-query"}},
         (400,)),
        ("malformed", "GET", get("SELECT ?s WHERE { ?s ?p "), (400,)),
        ("wrong-content-type", "POST", {"data": b'{"query": "ASK {}"}',
                                        "headers": {"Content-Type": "application/json"}},
         (415,)),
    ]


class PointLoop(Background):
    """Sends the point query again and again from another thread; records every answer."""

    def __init__(self, url: str):
        super().__init__()
        self.url, self.results = url, []

    def _run(self):
        with requests.Session() as s:
            n = 0
            while not self._stop.is_set():
                n += 1  # a fresh text each time, so the cache does not answer for the engine
                started = time.monotonic()
                r = s.get(self.url, params={"query": f"{POINT} # {n}"}, timeout=30)
                self.results.append((r.status_code, time.monotonic() - started))
                time.sleep(0.02)


def test_attack_suite(server, listener, request):
    port, accepted = listener
    embedded = "[embedded]" in request.node.name
    failures = []
    with PointLoop(server) as loop:
        for name, method, kwargs, statuses in attacks(port):
            started = time.monotonic()
            resp = requests.request(method, server, timeout=LIMIT + 30, **kwargs)
            took = time.monotonic() - started
            if resp.status_code not in statuses:
                failures.append((name, resp.status_code, resp.text[:300]))
                continue
            if took > LIMIT + 1:
                failures.append((name, "took", round(took, 2)))
            if resp.status_code == 200:
                if name == "path-star" and not embedded:
                    continue  # the small remote site's closure can finish in time: answered
                if name == "path-star":
                    failures.append((name, "the 10 000-release closure answered in time"))
                    continue
                if "X-Infopublik-Truncated" not in resp.headers:
                    failures.append((name, "200 without the row cap header"))
                continue
            body = resp.json()
            if set(body) != SHAPE or body["status"] != resp.status_code or not body["message"]:
                failures.append((name, "shape", body))
            if resp.status_code == 503 and "query_time_limit" not in body["message"]:
                failures.append((name, "503 does not name the setting", body["message"]))
        time.sleep(0.3)
    assert not failures, failures
    assert accepted == [], "a query made the server open a connection"
    statuses = [s for s, _ in loop.results]
    assert len(statuses) >= 10 and set(statuses) == {200}, statuses
    assert max(t for _, t in loop.results) < LIMIT, loop.results


def test_server_still_answers_after_the_attacks(server):
    r = requests.get(server, params={"query": POINT}, timeout=10)
    assert r.status_code == 200 and len(r.json()["results"]["bindings"]) > 5
