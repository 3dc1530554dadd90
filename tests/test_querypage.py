"""The query page (GET /sparql from a browser): languages, examples, downloads, offline."""

from __future__ import annotations

import re

from infopublik_ld.web.cannedqueries import load_examples

from . import apiclient

api_app = apiclient.api_app
api = apiclient.api

BROWSER = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}


def page(api, headers=None, **params):
    resp = api.get("/sparql", query_string=params, headers={**BROWSER, **(headers or {})})
    assert resp.status_code == 200 and resp.mimetype == "text/html"
    return resp.get_data(as_text=True)


def test_indonesian_by_default(api):
    html = page(api)
    assert '<html lang="id">' in html and "Jalankan" in html and "Kueri SPARQL" in html


def test_english_by_accept_language_or_lang(api):
    for html in (page(api, {"Accept-Language": "en-GB,en;q=0.9"}), page(api, lang="en")):
        assert '<html lang="en">' in html and ">Run<" in html and "Jalankan" not in html


def test_examples_and_download_links(api):
    html = page(api)
    examples = load_examples()
    assert len(examples) >= 5
    for e in examples:
        assert e.title_id in html
    assert "schema:NewsArticle" in html  # the first example fills the editor
    for fmt in ("json", "xml", "csv", "tsv"):
        assert f'data-format="{fmt}"' in html


def test_download_link_answers_in_its_format(api):
    html = page(api)
    href = re.search(r'data-format="csv" href="([^"]+)"', html).group(1).replace("&amp;", "&")
    resp = api.get(href)
    assert resp.status_code == 200 and resp.mimetype == "text/csv"
    assert resp.get_data(as_text=True).splitlines()[0] == "article,date,headline"


def test_page_needs_nothing_from_the_internet(api):
    html = page(api)
    for url in re.findall(r'(?:src|href)="([^"]+)"', html):
        assert not url.startswith(("http://", "https://", "//")), url
    script = api.get("/static/query.js")
    assert script.status_code == 200
    assert "application/sparql-results+json" in script.get_data(as_text=True)
    assert "innerHTML" not in script.get_data(as_text=True)


def test_every_example_runs(api):
    for e in load_examples():
        resp = api.post("/sparql", data={"query": e.sparql},
                        headers={"Accept": "application/sparql-results+json, text/turtle"})
        assert resp.status_code == 200, (e.name, resp.get_data(as_text=True)[:300])


def test_readme_sparql_query_runs(api):
    import re

    from .conftest import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Three queries to try"):]
    query = re.search(r"```sparql\n(.*?)```", section, re.S).group(1)
    resp = api.post("/sparql", data={"query": query},
                    headers={"Accept": "application/sparql-results+json"})
    assert resp.status_code == 200
    rows = resp.get_json()["results"]["bindings"]
    assert len(rows) == 20 and all(r["text"]["value"] for r in rows)
