"""The public product on a remote engine: faults (engine stopped, slow, wrong credentials,
a query it rejects) and the scale-out shape (two web nodes over one engine, a publish seen by
both without a restart). Real engines, real ``serve`` processes on 127.0.0.1."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

from infopublik_ld.config import load_settings
from infopublik_ld.publishing import init_data_dir, publish

from .conftest_store import OXIGRAPH, OxigraphServer
from .servers import descendants, running_server
from .sites import BASE, ROOT, write_generated

ARTICLE = f"{BASE}id/article/2019-09-04-bangun-reputasi-labura-kominfo-gelar-temu-konsultasi-" \
    "bakohumas"
POINT = f"SELECT ?p ?o WHERE {{ <{ARTICLE}> ?p ?o }}"
#: a product of three patterns: billions of rows on 3 000 triples, never done in time
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


def node(root: Path, engine: dict, **values) -> Path:
    """A web node's (or the writer's) data directory on ``engine``."""
    init_data_dir(root, base_iri=BASE, **engine, **values)
    return root


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    """A private Oxigraph server (data + bookkeeping) this module may stop and restart, with
    the seed example and 30 generated releases published."""
    if not OXIGRAPH:
        pytest.skip("the oxigraph server binary is not installed")
    root = tmp_path_factory.mktemp("remote-faults")
    (root / "engine").mkdir()
    o = OxigraphServer(root / "engine", timeout_s=60)
    writer = node(root / "writer", o.settings_values())
    result = publish(load_settings(writer), [ROOT / "examples" / "labura-bakohumas-2019.json",
                                             write_generated(root / "g.jsonl", 30)])
    assert not result.failed
    yield o, root, writer
    o.stop()


def sparql(url: str, query: str, **kw) -> requests.Response:
    return requests.get(url + "sparql", params={"query": query},
                        headers={"Accept": "application/sparql-results+json"}, timeout=30, **kw)


def test_engine_stopped_gives_503_then_recovers_without_leaks(engine):
    o, root, _ = engine
    web = node(root / "web-stop", o.settings_values(), sparql_version_ttl=0.0)
    with running_server(web, "--processes", "1", "--threads", "4") as url:
        assert sparql(url, POINT).status_code == 200
        o.stop("data")
        o.stop("meta")
        try:
            for _ in range(12):
                r = sparql(url, POINT + " LIMIT 1")
                assert r.status_code == 503, r.text
                body = r.json()
                assert body["error"] in ("EngineUnavailable", "StoreError")
                assert "not answering" in body["message"] and "127.0.0.1" not in r.text
                assert r.headers.get("Retry-After")
            page = requests.get(url + "doc/article/" + ARTICLE.rsplit("/", 1)[1],
                                headers={"Accept": "text/html"}, timeout=30)
            assert page.status_code == 503
        finally:
            o.start("data")
            o.start("meta")
        r = sparql(url, POINT)
        assert r.status_code == 200 and r.json()["results"]["bindings"]


def test_no_threads_or_processes_left_by_failing_requests(engine):
    o, root, _ = engine
    web = node(root / "web-leak", o.settings_values(), sparql_version_ttl=0.0)
    with running_server(web, "--processes", "1", "--threads", "4") as url:
        proc_count = len(descendants(os.getpid()))
        o.stop("data")
        try:
            for _ in range(20):
                assert sparql(url, POINT).status_code == 503
        finally:
            o.start("data")
        assert sparql(url, POINT).status_code == 200
        assert len(descendants(os.getpid())) == proc_count  # no query worker processes


def test_our_limit_cuts_a_slow_engine(engine):
    o, root, _ = engine
    web = node(root / "web-slow", o.settings_values())
    with running_server(web, "--processes", "1", "--query-time-limit", "1.5") as url:
        started = time.monotonic()
        r = sparql(url, SLOW)
        took = time.monotonic() - started
        assert r.status_code == 503 and r.json()["error"] == "QueryTimeout", r.text
        assert took < 10, took
        assert sparql(url, POINT).status_code == 200  # the node still answers


def test_a_query_the_engine_rejects_is_our_400_without_internals(small_site):
    if small_site.store != "sparql":
        pytest.skip("remote engines only")
    from infopublik_ld.web import create_app

    client = create_app(small_site).test_client()
    # accepted by the guard (it does not parse the grammar), refused by the engine
    r = client.get("/sparql", query_string={"query": "SELECT ?x WHERE { ?x ?y }"})
    assert r.status_code == 400
    body = r.get_json()
    assert body["error"] == "QueryError" and "rejected" in body["message"]
    text = r.get_data(as_text=True)
    for secret in (small_site.sparql_query_url, small_site.sparql_update_url,
                   small_site.sparql_query_url.split("/")[2], "dba", "define input"):
        assert secret not in text, secret


def test_wrong_credentials_stop_serve_with_one_line(virtuoso, tmp_path):
    web = node(tmp_path / "web", {k: v for k, v in virtuoso.settings_values().items()
                                  if k != "sparql_password"})
    env = {k: v for k, v in os.environ.items() if not k.startswith("INFOPUBLIK_")}
    env["INFOPUBLIK_SPARQL_PASSWORD"] = "not-the-password"
    proc = subprocess.run([sys.executable, "-c", "from infopublik_ld.cli import main; main()",
                           "--lang", "en", "--data", str(web), "serve", "--port", "0"],
                          env=env, capture_output=True, text=True, timeout=60)
    assert proc.returncode != 0
    lines = [ln for ln in proc.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and "Traceback" not in proc.stderr, proc.stderr
    assert "refused the user" in lines[0] and "sparql_user" in lines[0]
    assert "not-the-password" not in proc.stderr


def test_two_web_nodes_over_one_engine_see_a_publish_without_restart(engine):
    o, root, writer = engine
    a = node(root / "node-a", o.settings_values(), sparql_version_ttl=0.2)
    b = node(root / "node-b", o.settings_values(), sparql_version_ttl=0.2)
    with running_server(a, "--processes", "1") as url_a, \
            running_server(b, "--processes", "1") as url_b:
        assert url_a != url_b
        before = {int(sparql(u, "ASK {}").headers["X-Infopublik-Version"])
                  for u in (url_a, url_b)}
        assert len(before) == 1
        new = write_generated(root / "more.jsonl", 1, start=500)
        key = json.loads(new.read_text().splitlines()[0]).get("key") or "gen-0000500"
        result = publish(load_settings(writer), [new])
        assert not result.failed and result.version.number == before.pop() + 1
        for url in (url_a, url_b):
            deadline = time.monotonic() + 10
            while True:
                r = sparql(url, "ASK {}")
                if int(r.headers["X-Infopublik-Version"]) == result.version.number:
                    break
                assert time.monotonic() < deadline, "the node never saw the publish"
                time.sleep(0.1)
            page = requests.get(f"{url}doc/article/{key}", headers={"Accept": "text/turtle"},
                                timeout=30)
            assert page.status_code == 200, (url, page.text[:300])


def test_an_idle_connection_the_engine_spoke_on_is_not_reused(oxigraph_server):
    """Oxigraph server writes an unrequested 500 on a kept-alive connection idle longer
    than its --timeout-s (3 s in the session's engine); the next query must not take that
    for its answer."""
    from infopublik_ld.store.sparql import JSON_RESULTS, SparqlStore

    values = oxigraph_server.settings_values()
    store = SparqlStore(base=BASE, query_url=values["sparql_query_url"],
                        update_url=values["sparql_update_url"], engine="oxigraph",
                        meta_query_url=values["sparql_meta_query_url"],
                        meta_update_url=values["sparql_meta_update_url"])
    assert store.public("ASK {}", accept=JSON_RESULTS).status == 200
    time.sleep(oxigraph_server.timeout_s + 0.5)
    for _ in range(2):
        assert json.loads(store.public("ASK {}", accept=JSON_RESULTS).body)["boolean"]
