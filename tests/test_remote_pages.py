"""A Virtuoso whose answers are cut at fewer rows than the store has releases
(``ResultSetMaxRows = 40``, 101 releases): ``reindex`` on a web node still indexes every
release, the registry and the counts are read whole, and a researcher's query says it was cut.
A private engine of its own (the session's holds a million rows per answer)."""

from __future__ import annotations

import json

import pytest

from infopublik_ld.config import load_settings
from infopublik_ld.errors import StoreError
from infopublik_ld.fts import FtsIndex
from infopublik_ld.publishing import init_data_dir, publish, reindex
from infopublik_ld.store import open_store
from infopublik_ld.web import create_app

from .conftest_store import ISQL, VIRTUOSO, Virtuoso
from .sites import BASE, ROOT, write_generated

CAP = 40
ARTICLES = "PREFIX schema: <http://schema.org/> SELECT ?a WHERE { ?a a schema:NewsArticle }"


@pytest.fixture(scope="module")
def capped(tmp_path_factory):
    """A Virtuoso answering at most 40 rows per query, with the seed and 100 generated
    releases published by a writer; and a web node's data directory over it."""
    if not VIRTUOSO or not ISQL:
        pytest.skip("virtuoso-t / isql-vt not installed")
    root = tmp_path_factory.mktemp("capped")
    (root / "engine").mkdir()
    v = Virtuoso(root / "engine", max_rows=CAP)
    try:
        values = v.settings_values()
        password = values.pop("sparql_password")
        writer = root / "writer"
        init_data_dir(writer, base_iri=BASE, **values)
        result = publish(load_settings(writer, sparql_password=password),
                         [ROOT / "examples" / "labura-bakohumas-2019.json",
                          write_generated(root / "g.jsonl", 100)])
        assert not result.failed
        web = root / "web"
        init_data_dir(web, base_iri=BASE, **values)
        yield load_settings(web, sparql_password=password), load_settings(
            writer, sparql_password=password)
    finally:
        v.stop()


def test_reindex_on_a_web_node_indexes_every_release(capped):
    web, _ = capped
    assert reindex(web) == 101
    with FtsIndex(web.data_dir) as index:
        assert index.count() == 101
        docs = index.db.execute("SELECT r.key, d.headline, d.body, d.names FROM docs d "
                                "JOIN releases r ON r.id = d.rowid").fetchall()
    keys = {d[0] for d in docs}
    assert keys == {f"gen-{i:07d}" for i in range(100)} | {
        "2019-09-04-bangun-reputasi-labura-kominfo-gelar-temu-konsultasi-bakohumas"}
    # every release whole: the answer's pages never split one release's rows apart
    assert all(headline and body and names for _, headline, body, names in docs)
    assert [d for d in docs if d[0] == "gen-0000099"][0][1].endswith("(99)")


def test_registry_counts_and_versions_read_whole(capped):
    web, _ = capped
    with open_store(web) as store:
        releases = store.releases()
        assert len(releases) == 101 > CAP
        assert len({s.key for s in releases.values()}) == 101
        assert store.counts()[1] == 101
        rows = store.select(ARTICLES)
        assert len({r["a"] for r in rows}) == len(rows) == 101


def test_a_cut_answer_that_cannot_be_paged_is_an_error(capped):
    web, _ = capped
    with open_store(web) as store, pytest.raises(StoreError) as err:
        store.select(ARTICLES[:-2] + "} ORDER BY ?a")
    assert "ResultSetMaxRows" in err.value.message_en


def test_a_researcher_is_told_the_engine_cut_the_answer(capped):
    web, _ = capped
    client = create_app(web).test_client()
    r = client.get("/sparql", query_string={"query": ARTICLES},
                   headers={"Accept": "application/sparql-results+json"})
    assert r.status_code == 200
    assert r.headers["X-Infopublik-Truncated"] == str(CAP)
    assert len(json.loads(r.data)["results"]["bindings"]) == CAP
    small = client.get("/sparql", query_string={"query": ARTICLES + " LIMIT 5"},
                       headers={"Accept": "application/sparql-results+json"})
    assert "X-Infopublik-Truncated" not in small.headers


def test_pages_hold_rows_with_unbound_variables(capped):
    web, _ = capped
    body = ("WHERE { ?a a schema:NewsArticle OPTIONAL { ?a schema:citation ?r . "
            "FILTER(CONTAINS(STR(?r), \"/uu/\")) } }")
    prefix = "PREFIX schema: <http://schema.org/> "
    with open_store(web) as store:
        rows = store.select(f"{prefix}SELECT ?a ?r {body}")
        (count,) = store.select(f"{prefix}SELECT (COUNT(*) AS ?n) {body}")
    assert len(rows) == int(count["n"]) > CAP
    assert any("r" not in r for r in rows) and any("r" in r for r in rows)
    assert len({(r["a"], r.get("r")) for r in rows}) == len(rows)
