"""The query API with known answers on the published seed example (+300 generated releases)."""

from __future__ import annotations

import csv
import io

import pytest
from rdflib import Graph, Namespace

from infopublik_ld.store import open_version
from infopublik_ld.web.cannedqueries import load_queries

from . import apiclient
from .sites import BASE

api_app = apiclient.api_app
api = apiclient.api

SEED = "2019-09-04-bangun-reputasi-labura-kominfo-gelar-temu-konsultasi-bakohumas"
ARTICLE = f"{BASE}id/article/{SEED}"
EVENT = f"{BASE}id/event/{SEED}"
SUGENG = f"{BASE}id/person/sugeng"
DINAS = f"{BASE}id/organization/dinas-komunikasi-dan-informatika-kabupaten-labuhanbatu-utara"
PEMKAB = f"{BASE}id/organization/pemerintah-kabupaten-labuhanbatu-utara"
INPRES = "https://w3id.org/infopublik/id/regulation/inpres/2015/9"
RS = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/result-set#")


def get(api, path, **params):
    resp = api.get(path, query_string=params)
    assert resp.status_code == 200, resp.get_data(as_text=True)
    return resp.get_json()


def column(api, name, col, **params):
    return [item.get(col) for item in get(api, f"/api/{name}", per_page=100, **params)["items"]]


def test_index_lists_every_query(api):
    body = get(api, "/api/")
    names = {q["name"] for q in body["queries"]}
    assert names == set(load_queries())
    assert {"articles-by-agency", "articles-by-date", "articles-by-region", "search",
            "articles-citing-regulation", "articles-by-speaker", "quotes-by-person", "events",
            "regulations", "people"} <= names
    assert body["openapi"] == "/api/openapi.json"


def test_index_is_a_page_for_browsers_in_indonesian_then_english(api):
    page = api.get("/api/", headers={"Accept": "text/html,*/*;q=0.8"})
    assert page.mimetype == "text/html"
    assert "Berita menurut instansi" in page.get_data(as_text=True)
    english = api.get("/api/?lang=en", headers={"Accept": "text/html"}).get_data(as_text=True)
    assert "Articles by agency" in english and "Berita menurut instansi" not in english


@pytest.mark.parametrize("name", sorted(load_queries()))
def test_every_example_answers_with_its_columns(api, name):
    query = load_queries()[name]
    body = get(api, f"/api/{name}", **query.example_args(BASE))
    assert body["items"], f"{name}: the documented example finds nothing"
    assert body["columns"] == list(query.columns)
    for item in body["items"]:
        assert set(item) <= set(query.columns)
        assert not any(str(v).startswith(f"{BASE}graph/") or "urn:x-infopublik-ld" in str(v)
                       for v in item.values()), "system graphs must stay private"


def test_quotes_by_sugeng(api):
    items = get(api, "/api/quotes-by-person", person=SUGENG)["items"]
    assert len(items) == 1
    assert items[0]["text"].startswith("Tujuan dari kegiatan ini")
    assert "Inpres" in items[0]["text"]
    assert items[0]["article"] == ARTICLE and items[0]["date"] == "2019-09-04"


def test_articles_by_speaker_counts_quotes(api):
    items = get(api, "/api/articles-by-speaker", person=SUGENG)["items"]
    assert [(i["article"], i["quotes"]) for i in items] == [(ARTICLE, 1)]


def test_inpres_9_2015_citations_match_the_store(api, small_site):
    with open_version(small_site) as view:
        expected = {r["a"] for r in view.select(
            f"SELECT DISTINCT ?a WHERE {{ GRAPH ?g {{ ?a <http://schema.org/citation> <{INPRES}> "
            f"}} }}")}
    assert ARTICLE in expected and len(expected) > 1
    by_id = column(api, "articles-citing-regulation", "article", identifier="inpres 9/2015")
    by_iri = column(api, "articles-citing-regulation", "article", regulation=INPRES)
    assert set(by_id) == set(by_iri) == expected
    assert len(by_id) == len(expected), "one row per citing article"
    counted = get(api, "/api/regulations", type="inpres")["items"]
    row = next(r for r in counted if r["regulation"] == INPRES)
    assert row["articles"] == len(expected) and row["identifier"] == "Inpres 9/2015"
    assert row["title"] == "Pengelolaan Komunikasi Publik"


def test_regulations_are_ordered_by_citations(api):
    counts = column(api, "regulations", "articles")
    assert counts == sorted(counts, reverse=True) and counts[-1] >= 1


def test_region_12_23_and_its_province(api):
    regency = column(api, "articles-by-region", "article", region="12.23")
    assert ARTICLE in regency
    assert set(regency) <= set(column(api, "articles-by-region", "article", region="12"))
    assert column(api, "articles-by-region", "article", region="99") == []


def test_articles_by_agency_include_units(api):
    assert ARTICLE in column(api, "articles-by-agency", "article", agency=DINAS)
    assert ARTICLE in column(api, "articles-by-agency", "article", agency=PEMKAB)
    assert column(api, "articles-by-agency", "article", agency=f"{BASE}id/organization/none") == []


def test_events_by_kind_and_region(api):
    assert EVENT in column(api, "events", "event", kind="sosialisasi", region="12.23")
    assert EVENT not in column(api, "events", "event", kind="rapat", region="12.23")
    kinds = set(column(api, "events", "type", kind="rapat"))
    assert kinds == {"https://w3id.org/infopublik/id/concept/event-type/rapat"}


def test_people_by_prefix(api):
    items = get(api, "/api/people", prefix="sug")["items"]
    assert {"person": SUGENG, "name": "Sugeng", "label": "Drs. Sugeng", "articles": 1} in items
    assert all(i["name"].lower().startswith("sug") for i in items)


def test_date_range(api):
    items = get(api, "/api/articles-by-date", **{"from": "2019-09-01", "to": "2019-09-30",
                                                 "per_page": 100})["items"]
    assert ARTICLE in [i["article"] for i in items]
    dates = [i["date"] for i in items]
    assert dates == sorted(dates) and all("2019-09-01" <= d <= "2019-09-30" for d in dates)


def test_search(api):
    items = get(api, "/api/search", q="sugeng bakohumas")["items"]
    assert items[0]["article"] == ARTICLE, "the only release with both words"
    hit = items[0]
    assert "[" in hit["snippet"] and hit["date"] == "2019-09-04" and hit["publisher"] == DINAS
    ranks = [i["rank"] for i in get(api, "/api/search", q="bakohumas", per_page=50)["items"]]
    assert len(ranks) > 1 and ranks == sorted(ranks)
    # FTS5 syntax in the words is quoted away, not an error
    assert api.get("/api/search", query_string={"q": '"NEAR( OR *'}).status_code == 200


def test_values_are_bound_not_pasted(api):
    """A value that would change the query if it were pasted into the text finds nothing."""
    sneaky = 'x")) } UNION { ?person ?p ?name } #'
    assert get(api, "/api/people", prefix=sneaky)["items"] == []
    assert get(api, "/api/articles-citing-regulation",
               identifier='" || true || "')["items"] == []


def test_paging_is_stable_and_linked(api):
    whole = [i["article"] for i in get(api, "/api/articles-by-date", per_page=15)["items"]]
    pages = []
    for n in (1, 2, 3):
        body = get(api, "/api/articles-by-date", per_page=5, page=n)
        assert body["page"] == n and body["per_page"] == 5
        pages += [i["article"] for i in body["items"]]
        assert (body["previous"] is None) == (n == 1)
        assert body["next"].endswith(f"page={n + 1}")
    assert pages == whole and len(set(pages)) == 15
    last = get(api, "/api/quotes-by-person", person=SUGENG)
    assert last["next"] is None
    resp = api.get("/api/articles-by-date", query_string={"per_page": 5, "page": 2})
    assert 'rel="next"' in resp.headers["Link"] and 'rel="prev"' in resp.headers["Link"]


def test_csv_by_accept_and_by_format(api):
    for resp in (api.get("/api/quotes-by-person", query_string={"person": SUGENG},
                         headers={"Accept": "text/csv"}),
                 api.get("/api/quotes-by-person", query_string={"person": SUGENG,
                                                                "format": "csv"})):
        assert resp.status_code == 200 and resp.mimetype == "text/csv"
        rows = list(csv.reader(io.StringIO(resp.get_data(as_text=True))))
        assert rows[0] == ["quote", "text", "article", "date"]
        assert len(rows) == 2 and rows[1][2] == ARTICLE


def test_turtle_holds_the_rows(api):
    resp = api.get("/api/articles-by-date", query_string={"per_page": 7},
                   headers={"Accept": "text/turtle"})
    assert resp.mimetype == "text/turtle"
    graph = Graph().parse(data=resp.get_data(as_text=True), format="turtle")
    assert len(set(graph.objects(None, RS.solution))) == 7
    assert {str(v) for v in graph.objects(None, RS.resultVariable)} == {
        "article", "date", "headline", "publisher"}


def test_turtle_of_an_odd_request_still_parses(api):
    resp = api.get("/api/people", query_string={"prefix": "\\d{x}^|", "format": "turtle"})
    assert resp.status_code == 200
    Graph().parse(data=resp.get_data(as_text=True), format="turtle")


def test_etag_gives_304(api):
    first = api.get("/api/people", query_string={"prefix": "Sug"})
    again = api.get("/api/people", query_string={"prefix": "Sug"},
                    headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304
    other = api.get("/api/people", query_string={"prefix": "Sug", "format": "csv"},
                    headers={"If-None-Match": first.headers["ETag"]})
    assert other.status_code == 200


def test_readme_api_queries_answer(api):
    import re

    from .conftest import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Three queries to try"):]
    urls = re.findall(r"http://127\.0\.0\.1:8080(/api/[^\s>'`]+)", section)
    assert len(urls) == 2
    cited = api.get(urls[0] + "&per_page=100")
    assert cited.status_code == 200
    assert ARTICLE in [i["article"] for i in cited.get_json()["items"]]
    table = api.get(urls[1], headers={"Accept": "text/csv"})
    assert table.mimetype == "text/csv"
    assert table.get_data(as_text=True).startswith("regulation,identifier,title,articles")
