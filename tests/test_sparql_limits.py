"""The wall-clock limit (a killed worker, 503 naming the setting) and the per-client limit
(429 with Retry-After), on the small published site through the Flask test client."""

from __future__ import annotations

import threading
import time

import pytest

from infopublik_ld.config import load_settings
from infopublik_ld.web import create_app

from .sites import restart_engine

# Counting must enumerate every combination (35 000³ here): stuck for any time limit, whereas
# a plain SELECT * may stream its first rows up to the row cap before the limit.
CARTESIAN = "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
POINT = "ASK { ?s a <http://schema.org/NewsArticle> }"


@pytest.fixture(scope="module")
def app(small_site, request):
    app = create_app(load_settings(small_site.data_dir, query_time_limit=1.0,
                                   client_concurrency=1, query_workers=2))
    yield app
    app.extensions["infopublik_executor"].close()
    if small_site.store == "sparql" and small_site.sparql_engine == "oxigraph":
        restart_engine(request, "oxigraph-server")  # the cut queries go on running there


def test_stuck_query_is_killed_and_answered_503(app):
    client = app.test_client()
    assert client.get("/sparql", query_string={"query": POINT}).status_code == 200
    ex = app.extensions["infopublik_executor"]
    remote = app.config["INFOPUBLIK"].store == "sparql"  # the engine works, no worker pool
    before = set() if remote else {w.proc.pid for w in ex._all}
    started = time.monotonic()
    resp = client.get("/sparql", query_string={"query": CARTESIAN})
    took = time.monotonic() - started
    body = resp.get_json()
    assert resp.status_code == 503 and body["error"] == "QueryTimeout"
    assert "query_time_limit" in body["message"] and "1 s" in body["message"]
    assert body["where"] == "query_time_limit"
    assert took < 2.0
    # the stuck worker was replaced, and the endpoint keeps answering
    for _ in range(2):
        assert client.get("/sparql", query_string={"query": POINT}).get_json()["boolean"]
    if remote:
        return
    deadline = time.monotonic() + 5
    while len(ex._all) < ex.size and time.monotonic() < deadline:
        time.sleep(0.05)
    after = {w.proc.pid for w in ex._all}
    assert len(after) == ex.size and after != before


def test_too_many_queries_from_one_address_get_429(app):
    client = app.test_client()
    slow = threading.Thread(target=lambda: app.test_client().get(
        "/sparql", query_string={"query": CARTESIAN}))
    slow.start()
    try:
        time.sleep(0.3)
        resp = client.get("/sparql", query_string={"query": POINT + " # other"})
        assert resp.status_code == 429
        assert resp.headers["Retry-After"].isdigit()
        body = resp.get_json()
        assert body["error"] == "TooManyRequests" and body["where"] == "client_concurrency"
    finally:
        slow.join()
    # once the slow query is over, the same address may query again
    assert client.get("/sparql", query_string={"query": POINT}).status_code == 200
