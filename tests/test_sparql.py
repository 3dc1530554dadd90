"""/sparql through the Flask test client on the small published site: protocol, negotiation,
row cap, caching, CORS and the error shape of every failure."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET

import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from infopublik_ld.config import load_settings
from infopublik_ld.store import open_version
from infopublik_ld.web import create_app
from infopublik_ld.web.executor import close_executor

BASE = "http://127.0.0.1:8080/"
EX = "2019-09-04-bangun-reputasi-labura-kominfo-gelar-temu-konsultasi-bakohumas"
ARTICLE = f"{BASE}id/article/{EX}"
GRAPH = f"{BASE}graph/release/{EX}"
POINT = f"SELECT ?p ?o WHERE {{ <{ARTICLE}> ?p ?o }} ORDER BY ?p ?o"
#: the same over the store's named graphs (the endpoint's default graph is their union)
POINT_DIRECT = f"SELECT ?p ?o WHERE {{ GRAPH ?g {{ <{ARTICLE}> ?p ?o }} }} ORDER BY ?p ?o"
CONSTRUCT = f"CONSTRUCT {{ <{ARTICLE}> ?p ?o }} WHERE {{ <{ARTICLE}> ?p ?o }}"
FORM = "application/x-www-form-urlencoded"


def make_app(site, **overrides):
    app = create_app(load_settings(site.data_dir, **overrides))
    app.config["TESTING"] = True
    return app


@pytest.fixture(scope="module")
def app(small_site):
    app = make_app(small_site)
    yield app
    close_executor(app)


@pytest.fixture
def client(app):
    return app.test_client()


def direct_select(site, query):
    with open_version(site) as v:
        return v.select(query)


def bindings(resp):
    return [{k: v["value"] for k, v in b.items()} for b in resp.get_json()["results"]["bindings"]]


# --- protocol --------
def via_get(c, q, **kw):
    return c.get("/sparql", query_string={"query": q}, **kw)


def via_form(c, q, **kw):
    return c.post("/sparql", data={"query": q}, content_type=FORM, **kw)


def via_body(c, q, **kw):
    return c.post("/sparql", data=q.encode(), content_type="application/sparql-query", **kw)


@pytest.mark.parametrize("send", [via_get, via_form, via_body])
def test_three_ways_to_send_a_query_agree_with_the_store(client, small_site, send):
    resp = send(client, POINT)
    assert resp.status_code == 200
    assert resp.mimetype == "application/sparql-results+json"
    assert bindings(resp) == direct_select(small_site, POINT_DIRECT)
    assert len(bindings(resp)) > 5


# --- negotiation --------
SELECT_TABLE = [
    ({}, None, "application/sparql-results+json"),
    ({"Accept": "*/*"}, None, "application/sparql-results+json"),
    ({"Accept": "application/sparql-results+xml"}, None, "application/sparql-results+xml"),
    ({"Accept": "text/csv"}, None, "text/csv"),
    ({"Accept": "text/tab-separated-values"}, None, "text/tab-separated-values"),
    ({"Accept": "application/json"}, None, "application/sparql-results+json"),
    ({"Accept": "text/csv;q=0.5, application/sparql-results+xml"}, None,
     "application/sparql-results+xml"),
    ({"Accept": "text/csv;q=0.9, text/tab-separated-values;q=0.2"}, None, "text/csv"),
    ({"Accept": "application/sparql-results+xml"}, "csv", "text/csv"),
    ({}, "tsv", "text/tab-separated-values"),
    ({}, "text/csv", "text/csv"),
    ({"Accept": "image/png"}, "json", "application/sparql-results+json"),
]


@pytest.mark.parametrize(("headers", "fmt", "expected"), SELECT_TABLE)
def test_select_negotiation(client, headers, fmt, expected):
    qs = {"query": POINT, **({"format": fmt} if fmt else {})}
    resp = client.get("/sparql", query_string=qs, headers=headers)
    assert resp.status_code == 200, resp.data
    assert resp.mimetype == expected
    assert resp.headers["Vary"].startswith("Accept")


GRAPH_TABLE = [
    ({}, None, "text/turtle", "turtle"),
    ({"Accept": "application/n-triples"}, None, "application/n-triples", "nt"),
    ({"Accept": "application/ld+json"}, None, "application/ld+json", "json-ld"),
    ({"Accept": "application/rdf+xml"}, None, "application/rdf+xml", "xml"),
    ({"Accept": "application/rdf+xml;q=0.4, text/turtle"}, None, "text/turtle", "turtle"),
    ({"Accept": "text/turtle"}, "ntriples", "application/n-triples", "nt"),
]


@pytest.mark.parametrize(("headers", "fmt", "expected", "rdflib_name"), GRAPH_TABLE)
def test_construct_negotiation_and_content(client, small_site, headers, fmt, expected,
                                           rdflib_name):
    qs = {"query": CONSTRUCT, **({"format": fmt} if fmt else {})}
    resp = client.get("/sparql", query_string=qs, headers=headers)
    assert resp.status_code == 200, resp.data
    assert resp.mimetype == expected
    got = Graph().parse(data=resp.data, format=rdflib_name)
    with open_version(small_site) as v:
        direct = CONSTRUCT.replace("WHERE {", "WHERE { GRAPH ?g {") + " }"
        want = Graph().parse(data=v.query(direct, media_type="application/n-triples"),
                             format="nt")
    assert len(got) > 5 and isomorphic(got, want)


@pytest.mark.parametrize(("query", "value"), [
    (f"ASK {{ <{ARTICLE}> ?p ?o }}", True), ("ASK { <http://nowhere/x> ?p ?o }", False)])
def test_ask(client, query, value):
    assert via_get(client, query).get_json()["boolean"] is value
    xml = via_get(client, query, headers={"Accept": "application/sparql-results+xml"}).data
    assert b"<boolean>" + str(value).lower().encode() + b"</boolean>" in xml


def test_describe(client):
    resp = via_get(client, f"DESCRIBE <{ARTICLE}>", headers={"Accept": "application/n-triples"})
    g = Graph().parse(data=resp.data, format="nt")
    assert resp.status_code == 200 and len(g) > 5


def test_default_graph_is_the_union_and_dataset_parameters_restrict_it(client):
    q = "SELECT (COUNT(DISTINCT ?a) AS ?n) { ?a a <http://schema.org/NewsArticle> }"
    everything = int(bindings(via_get(client, q))[0]["n"])
    assert everything > 300
    one = client.get("/sparql", query_string={"query": q, "default-graph-uri": GRAPH})
    assert int(bindings(one)[0]["n"]) == 1
    from_clause = q.replace("{", f"FROM <{GRAPH}> {{", 1)
    assert int(bindings(via_get(client, from_clause))[0]["n"]) == 1
    named = client.get("/sparql", query_string={
        "query": "SELECT DISTINCT ?g { GRAPH ?g { ?s ?p ?o } }", "named-graph-uri": GRAPH})
    assert bindings(named) == [{"g": GRAPH}]


def test_default_graph_and_named_graphs_are_the_release_graphs_only(client, small_site):
    """No bookkeeping (registry, versions, tombstones, pending marks) is in the dataset."""
    graphs = {b["g"] for b in bindings(via_get(
        client, "SELECT DISTINCT ?g { GRAPH ?g { ?s ?p ?o } }"))}
    # besides the releases, only the statistics graph: public, a dataset of its own
    # (docs/statistics.md), not bookkeeping
    graphs.discard(f"{small_site.base_iri}graph/statistics")
    prefix = f"{small_site.base_iri}graph/release/"
    assert graphs and all(g.startswith(prefix) for g in graphs), \
        sorted(g for g in graphs if not g.startswith(prefix))
    with open_version(load_settings(small_site.data_dir)) as view:
        assert len(graphs) == len(view.releases())
    total = int(bindings(via_get(client, "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }"))[0]["n"])
    in_graphs = int(bindings(via_get(
        client, "SELECT (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } }"))[0]["n"])
    assert total == in_graphs
    bookkeeping = via_get(client, "ASK { { ?v a <https://w3id.org/infopublik/gpr#"
                                  "DatasetVersion> } UNION { ?g ?p ?o FILTER(STRSTARTS(STR(?p),"
                                  " \"urn:x-infopublik-ld:\")) } }")
    assert bookkeeping.get_json()["boolean"] is False


def test_service_description_and_browser_page(client):
    resp = client.get("/sparql", headers={"Accept": "text/turtle"})
    g = Graph().parse(data=resp.data, format="turtle")
    sd = "http://www.w3.org/ns/sparql-service-description#"
    assert any(str(o) == sd + "Service" for o in g.objects())
    assert client.get("/sparql", headers={"Accept": "application/ld+json"}).status_code == 200
    page = client.get("/sparql", headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert page.status_code == 200 and page.mimetype == "text/html"


# --- errors: one shape for every failure --------
ERRORS = [
    ("syntax", lambda c: via_get(c, "SELECT * WHERE { ?s ?p }"), 400, "QueryError", "1:"),
    ("service", lambda c: via_get(c, "SELECT * { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }"),
     400, "QueryError", "SERVICE"),
    ("update param", lambda c: c.post("/sparql", data={"update": "CLEAR ALL"},
                                      content_type=FORM), 400, "QueryError", "update"),
    ("update body", lambda c: c.post("/sparql", data=b"CLEAR ALL",
                                     content_type="application/sparql-update"),
     400, "QueryError", "update"),
    ("update in query", lambda c: via_body(c, "INSERT DATA { <a:b> <a:c> <a:d> }"), 400,
     "QueryError", "INSERT"),
    ("content type", lambda c: c.post("/sparql", data=b"SELECT * {}", content_type="text/plain"),
     415, "UnsupportedMediaType", None),
    ("two queries", lambda c: c.get("/sparql?query=ASK%7B%7D&query=ASK%7B%7D"), 400,
     "QueryError", "query"),
    ("accept", lambda c: via_get(c, POINT, headers={"Accept": "image/png"}), 406,
     "NotAcceptable", "Accept"),
    ("format", lambda c: c.get("/sparql", query_string={"query": POINT, "format": "turtle"}),
     406, "NotAcceptable", "format"),
    ("from file", lambda c: via_get(c, "SELECT * FROM <file:///etc/passwd> { ?s ?p ?o }"), 400,
     "QueryError", "FROM"),
    ("foreign graph", lambda c: c.get("/sparql", query_string={
        "query": "ASK {}", "default-graph-uri": "http://evil.example/g"}), 400, "QueryError",
     "default-graph-uri"),
    ("unknown release", lambda c: c.get("/sparql", query_string={
        "query": "ASK {}", "named-graph-uri": f"{BASE}graph/release/no-such-thing"}), 400,
     "QueryError", "graph"),
    ("offset", lambda c: via_get(c, "SELECT * { ?s ?p ?o } OFFSET 100000000"), 400,
     "QueryError", "OFFSET"),
    ("method", lambda c: c.put("/sparql", data=b"x"), 405, "MethodNotAllowed", None),
    ("empty", lambda c: via_get(c, ""), 400, "QueryError", "query"),
]


@pytest.mark.parametrize(("name", "call", "status", "error", "where"), ERRORS,
                         ids=[e[0] for e in ERRORS])
def test_error_shape(client, name, call, status, error, where):
    resp = call(client)
    assert resp.status_code == status, resp.data
    body = json.loads(resp.data)
    assert set(body) == {"status", "error", "message", "message_id", "where"}
    assert body["status"] == status and body["error"] == error
    assert body["message"] and body["message_id"]
    if where is not None:
        assert body["where"] is not None and body["where"].startswith(where)


def test_browsers_get_errors_as_html(client):
    resp = via_get(client, "LOAD <http://x/>", headers={"Accept": "text/html"})
    assert resp.status_code == 400 and resp.mimetype == "text/html"
    assert "LOAD" in resp.get_data(as_text=True)


# --- caching --------
def test_etag_304_and_cache(client, app):
    first = via_get(client, POINT)
    tag = first.headers["ETag"]
    assert tag.startswith('"v') and first.headers["X-Infopublik-Version"] in tag
    again = via_get(client, POINT, headers={"If-None-Match": tag})
    assert again.status_code == 304 and again.headers["ETag"] == tag and not again.data
    csv_tag = via_get(client, POINT, headers={"Accept": "text/csv"}).headers["ETag"]
    assert csv_tag != tag
    cache = app.extensions["infopublik_sparql"].cache
    size = len(cache)
    assert cache.get(tag.strip('"').split("-", 1)[1]) is not None
    assert via_get(client, POINT).data == first.data
    assert len(cache) == size


# --- CORS --------
def test_cors_on_read_routes_only(client):
    resp = via_get(client, POINT, headers={"Origin": "https://example.org"})
    assert resp.headers["Access-Control-Allow-Origin"] == "*"
    assert "ETag" in resp.headers["Access-Control-Expose-Headers"]
    assert "Access-Control-Allow-Credentials" not in resp.headers
    pre = client.options("/sparql", headers={"Origin": "https://example.org",
                                             "Access-Control-Request-Method": "POST"})
    assert "POST" in pre.headers["Access-Control-Allow-Methods"]
    assert "Access-Control-Allow-Credentials" not in pre.headers
    other = client.get("/admin/anything", headers={"Origin": "https://example.org"})
    assert "Access-Control-Allow-Origin" not in other.headers


# --- row cap --------
@pytest.fixture(scope="module")
def capped(small_site):
    app = make_app(small_site, row_cap=5)
    yield app.test_client()
    close_executor(app)


def _rows(fmt: str, data: bytes) -> int:
    if fmt == "json":
        return len(json.loads(data)["results"]["bindings"])
    if fmt == "xml":
        ns = "{http://www.w3.org/2005/sparql-results#}"
        return len(ET.fromstring(data).findall(f"{ns}results/{ns}result"))
    if fmt == "csv":
        return len(list(csv.reader(io.StringIO(data.decode())))) - 1
    return len(data.decode().strip().split("\n")) - 1


@pytest.mark.parametrize("fmt", ["json", "xml", "csv", "tsv"])
def test_row_cap_cuts_and_says_so_in_valid_documents(capped, fmt):
    resp = capped.get("/sparql", query_string={"query": "SELECT * { ?s ?p ?o } LIMIT 50",
                                               "format": fmt})
    assert resp.status_code == 200
    assert resp.headers["X-Infopublik-Truncated"] == "5"
    assert _rows(fmt, resp.data) == 5


def test_row_cap_on_graphs_and_no_header_when_nothing_is_cut(capped):
    resp = capped.get("/sparql", query_string={
        # distinct solutions: a remote engine's union default graph may repeat a triple
        # stated in many release graphs (Virtuoso does)
        "query": "CONSTRUCT { ?s ?p ?o } WHERE { SELECT DISTINCT ?s ?p ?o { ?s ?p ?o } "
                 "LIMIT 50 }", "format": "ntriples"})
    assert resp.headers["X-Infopublik-Truncated"] == "5"
    assert len(Graph().parse(data=resp.data, format="nt")) == 5
    small = capped.get("/sparql", query_string={"query": "SELECT * { ?s ?p ?o } LIMIT 3"})
    assert "X-Infopublik-Truncated" not in small.headers
    assert len(bindings(small)) == 3
