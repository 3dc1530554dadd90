"""The /sparql fast path (plain ``GET /sparql?query=…`` answered without Flask's request
machinery) gives the answer the Flask endpoint gives, header for header, for answers, capped
answers, cached answers and every kind of failure; and it really is the one answering."""

from __future__ import annotations

import pytest

from infopublik_ld.config import load_settings
from infopublik_ld.web import create_app
from infopublik_ld.web.executor import close_executor
from infopublik_ld.web.sparql import FastPath

BASE = "http://127.0.0.1:8080/"
EX = "2019-09-04-bangun-reputasi-labura-kominfo-gelar-temu-konsultasi-bakohumas"
ARTICLE = f"{BASE}id/article/{EX}"
POINT = f"SELECT ?p ?o WHERE {{ <{ARTICLE}> ?p ?o }} ORDER BY ?p ?o"
CONSTRUCT = f"CONSTRUCT {{ <{ARTICLE}> ?p ?o }} WHERE {{ <{ARTICLE}> ?p ?o }}"
MANY = "SELECT ?s ?p ?o WHERE { ?s ?p ?o } ORDER BY ?s ?p ?o"


@pytest.fixture(scope="module")
def apps(small_site):
    """(fast, flask): the same settings; the second with the fast path taken off."""
    made = []
    for _ in range(2):
        app = create_app(load_settings(small_site.data_dir, row_cap=5, query_workers=1))
        app.config["TESTING"] = True
        made.append(app)
    fast, flask = made
    assert isinstance(flask.wsgi_app, FastPath)
    flask.wsgi_app = flask.wsgi_app.inner
    # count the requests Flask's view answers in the fast app
    seen = []
    view = fast.view_functions["sparql.endpoint"]

    def counted():
        seen.append(1)
        return view()

    fast.view_functions["sparql.endpoint"] = counted
    fast.extensions["seen_by_flask"] = seen
    yield fast, flask
    for app in made:
        close_executor(app)


def answer(app, query: str, accept: str | None, **extra):
    headers = {"Accept": accept} if accept is not None else {}
    resp = app.test_client().get("/sparql", query_string={"query": query, **extra},
                                 headers=headers)
    return resp.status_code, resp.data, sorted((k.lower(), v) for k, v in resp.headers.items())


CASES = [
    (POINT, "application/sparql-results+json"), (POINT, "application/sparql-results+xml"),
    (POINT, "text/csv"), (POINT, "text/tab-separated-values"), (POINT, None), (POINT, "*/*"),
    (POINT, "text/csv;q=0.5, application/sparql-results+json"),
    (CONSTRUCT, "text/turtle"), (CONSTRUCT, "application/ld+json"), (CONSTRUCT, None),
    (f"ASK {{ <{ARTICLE}> ?p ?o }}", "application/sparql-results+json"),
    (MANY, "application/sparql-results+json"),  # capped at row_cap=5
]
FAILURES = [
    ("SELECT * WHERE { ?s ?p ", "application/sparql-results+json"),  # Oxigraph's syntax error
    ("SELECT * WHERE { ?s ?p ", "text/html"),  # … as a page
    ("SELECT * { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }", None),  # the guard
    (POINT, "image/png"),  # 406
    ("", None),  # empty
]


@pytest.mark.parametrize(("query", "accept"), CASES + FAILURES)
def test_the_fast_path_answers_as_flask_does(apps, query, accept):
    fast, flask = apps
    want = answer(flask, query, accept)
    for _ in range(2):  # the second time from the response cache
        assert answer(fast, query, accept) == want


@pytest.mark.parametrize(("query", "accept"), CASES)
def test_plain_queries_never_reach_flask(apps, query, accept):
    fast, _ = apps
    seen = fast.extensions["seen_by_flask"]
    before = len(seen)
    status, _, headers = answer(fast, query + " # fresh", accept)
    assert status == 200 and len(seen) == before
    if query == MANY:
        assert ("x-infopublik-truncated", "5") in headers


def test_anything_else_goes_to_flask(apps):
    fast, _ = apps
    seen = fast.extensions["seen_by_flask"]
    before = len(seen)
    assert answer(fast, POINT, None, format="csv")[0] == 200
    c = fast.test_client()
    first = c.get("/sparql", query_string={"query": POINT})
    again = c.get("/sparql", query_string={"query": POINT},
                  headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304
    assert c.post("/sparql", data={"query": POINT}).status_code == 200
    assert len(seen) == before + 3
