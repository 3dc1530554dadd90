"""Rough edges of the web layer a new user hit (issue 15 item 7)."""

from __future__ import annotations

import pytest
from rdflib import Graph

from infopublik_ld.web import create_app

from .htmlcheck import check_html

BROWSER = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}


@pytest.fixture(scope="module")
def client(small_site):
    return create_app(small_site).test_client()


@pytest.mark.parametrize("path", ["/changes", "/changes/1/0", "/.well-known/void"])
@pytest.mark.parametrize("lang", ["id", "en"])
def test_feed_and_void_give_browsers_a_page(client, path, lang):
    r = client.get(f"{path}?lang={lang}", headers=BROWSER)
    assert r.status_code == 200 and r.mimetype == "text/html", r.mimetype
    html = r.get_data(as_text=True)
    assert check_html(html) == []
    assert f'lang="{lang}"' in html
    assert f"{path}?format=turtle" in html  # the RDF stays one click away
    if path == "/changes":
        assert '<a href="/changes/1/0">1</a>' in html
        assert ("Umpan perubahan" if lang == "id" else "Change feed") in html
    if path == "/changes/1/0":
        assert html.count('<a href="/graph/release/') == 250  # a page holds 250
        assert '<a href="/changes/1/1" rel="next">' in html
        first = html.split('<a href="/graph/release/', 1)[1].split('"', 1)[0]
        assert client.get(f"/graph/release/{first}", headers=BROWSER).status_code == 200


@pytest.mark.parametrize("path", ["/changes", "/changes/1/0", "/.well-known/void"])
@pytest.mark.parametrize("accept", ["text/turtle", "application/ld+json"])
def test_feed_and_void_give_rdf_clients_rdf(client, path, accept):
    r = client.get(path, headers={"Accept": accept})
    assert r.status_code == 200 and r.mimetype == accept
    fmt = "turtle" if accept == "text/turtle" else "json-ld"
    assert len(Graph().parse(data=r.data, format=fmt)) > 3
    rdfxml = client.get(path, headers={"Accept": "application/rdf+xml"})
    assert rdfxml.mimetype == "application/rdf+xml"


@pytest.mark.parametrize("query,lang,words", [
    ("SELEC * WHERE { ?s ?p ?o }", "id",
     "galat sintaks SPARQL pada baris 1, kolom 10: kueri harus diawali SELECT, ASK, CONSTRUCT "
     "atau DESCRIBE"),
    ("SELECT * WHERE { ?s ?p ?o ", "en",
     "SPARQL syntax error at line 1, column 27: the query ends too early: a closing } is "
     "missing"),
    ("SELECT * WHERE { ?s foo:bar ?o }", "id", "awalan sebelum &#39;:&#39; belum "
     "dideklarasikan"),
    ('SELECT * WHERE { ?s ?p "abc }', "en", "a text in quotes is not closed"),
    ("SELECT * WHERE { ?s ?p }", "en", "each triple needs a subject, a predicate and an "
     "object"),
    ("SELECT * WHERE { SERVICE <http://example.org/> { ?s ?p ?o } }", "en", "SERVICE"),
])
def test_broken_query_from_a_browser_shows_the_error_on_a_page(client, query, lang, words):
    r = client.get("/sparql", query_string={"query": query, "lang": lang}, headers=BROWSER)
    assert r.status_code == 400 and r.mimetype == "text/html"
    html = r.get_data(as_text=True)
    assert [e for e in check_html(html) if "script" not in e] == []  # the editor's own
    assert words in html, html[html.find('id="error"'):][:400]
    assert "expected one of" not in html  # Oxigraph's grammar dump is not shown
    assert '<textarea id="query"' in html  # the query stays in the editor, to be fixed


def test_query_from_a_browser_shows_the_answer_on_a_page(client):
    q = "SELECT ?h WHERE { ?a <http://schema.org/headline> ?h } ORDER BY ?h LIMIT 3"
    r = client.get("/sparql", query_string={"query": q}, headers=BROWSER)
    assert r.status_code == 200 and r.mimetype == "text/html"
    html = r.get_data(as_text=True)
    assert [e for e in check_html(html) if "script" not in e] == []  # the editor's own
    assert html.count("<tr><td>") == 3 and "<th>h</th>" in html
    # machines still get results, and format= still wins over a browser's Accept
    r = client.get("/sparql", query_string={"query": q, "format": "json"}, headers=BROWSER)
    assert r.mimetype == "application/sparql-results+json"
    r = client.get("/sparql", query_string={"query": "SELEC"},
                   headers={"Accept": "application/sparql-results+json"})
    assert r.status_code == 400 and r.json["where"] == "1:6"
