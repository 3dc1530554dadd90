"""/api/stats, /statistik, /siaran and the statistics cube through /sparql, on the small site;
/statistik in Debian's headless Chromium through a real ``serve`` (``STATS_SCREENSHOT=path``
saves the page there: docs/statistik.png was made so)."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
from pathlib import Path

import pytest

from infopublik_ld.stats import DIMENSIONS
from infopublik_ld.stats.counts import read_totals
from infopublik_ld.store import open_version
from infopublik_ld.web import create_app

from .htmlcheck import check_html
from .servers import running_server
from .test_stats_counts import reference_query

ROOT = Path(__file__).resolve().parents[1]
PREFIXES = ("PREFIX gpr: <https://w3id.org/infopublik/gpr#>\n"
            "PREFIX schema: <http://schema.org/>\nPREFIX dct: <http://purl.org/dc/terms/>\n")


@pytest.fixture(scope="module")
def client(small_site):
    return create_app(small_site).test_client()


@pytest.fixture(scope="module")
def totals(small_site):
    with open_version(small_site) as view:
        return read_totals(view)


@pytest.mark.parametrize("dim", DIMENSIONS)
def test_api_stats_json_equals_the_group_by(client, small_site, dim):
    r = client.get(f"/api/stats/{dim}")
    assert r.status_code == 200 and r.mimetype == "application/json"
    body = r.json
    assert body["dimension"] == dim and body["items"]
    assert all(set(item) >= {dim, "count"} for item in body["items"])
    with open_version(small_site) as view:
        expected = {x["v"]: int(x["n"])
                    for x in view.select(reference_query(dim, small_site.base_iri))}
    assert {item[dim]: item["count"] for item in body["items"]} == expected
    if dim == "month":
        months = [item["month"] for item in body["items"]]
        assert months == sorted(months)
        assert list(body["items"][0]) == ["month", "count"]  # {"month": "2019-09", "count": 12}
    else:
        counts = [item["count"] for item in body["items"]]
        assert counts == sorted(counts, reverse=True)


def test_api_stats_filters_csv_etag_and_errors(client, small_site):
    months = client.get("/api/stats/month").json["items"]
    year = max({m["month"][:4] for m in months}, key=lambda y: sum(
        m["count"] for m in months if m["month"].startswith(y)))
    in_year = sum(m["count"] for m in months if m["month"].startswith(year))
    by_agency = client.get(f"/api/stats/agency?year={year}").json["items"]
    assert sum(a["count"] for a in by_agency) == in_year  # one agency per release here
    only = client.get(f"/api/stats/month?year={year}").json["items"]
    assert {m["month"][:4] for m in only} == {year}
    agency = by_agency[0]["agency"]
    both = client.get("/api/stats/month", query_string={"year": year, "agency": agency}).json
    assert sum(m["count"] for m in both["items"]) == by_agency[0]["count"]
    region = client.get("/api/stats/region?region=12").json["items"]
    assert {r["region"] for r in region} >= {"12", "12.23"}
    assert all(r["region"] == "12" or r["region"].startswith("12.") or r["level"] == "provinsi"
               for r in region)

    r = client.get(f"/api/stats/agency?year={year}&format=csv")
    assert r.mimetype == "text/csv" and "attachment" in r.headers["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(r.get_data(True))))
    assert [(x["agency"], int(x["count"])) for x in rows] == \
        [(a["agency"], a["count"]) for a in by_agency]
    assert client.get("/api/stats/month", headers={"Accept": "text/csv"}).mimetype == "text/csv"

    etag = client.get("/api/stats/month").headers["ETag"]
    again = client.get("/api/stats/month", headers={"If-None-Match": etag})
    assert again.status_code == 304

    for url, where in (("/api/stats/weather", "dimension"), ("/api/stats/month?year=19", "year"),
                       ("/api/stats/month?region=Labura", "region"),
                       ("/api/stats/month?agency=dinas", "agency"),
                       ("/api/stats/month?format=xml", "format")):
        r = client.get(url)
        assert r.status_code in (400, 404) and r.json["where"] == where, url
        assert r.json["message"] and r.json["message_id"] != r.json["message"]


def test_cube_is_queryable_through_sparql(client, totals, small_site):
    query = PREFIXES + f"""PREFIX qb: <http://purl.org/linked-data/cube#>
      PREFIX sdmx-dimension: <http://purl.org/linked-data/sdmx/2009/dimension#>
      SELECT ?month ?n WHERE {{ GRAPH <{small_site.base_iri}graph/statistics> {{
        ?o a qb:Observation ; qb:dataSet <{small_site.base_iri}id/dataset/statistics/month> ;
           sdmx-dimension:refPeriod ?month ; gpr:numberOfReleases ?n }} }}"""
    r = client.get("/sparql", query_string={"query": query},
                   headers={"Accept": "application/sparql-results+json"})
    assert r.status_code == 200, r.data[:300]
    rows = {b["month"]["value"]: int(b["n"]["value"]) for b in r.json["results"]["bindings"]}
    assert rows == {v: n for (d, v), n in totals.n.items() if d == "month"}
    assert sum(rows.values()) == totals.releases


CUBE = ("PREFIX qb: <http://purl.org/linked-data/cube#>\n"
        "PREFIX sdmx-dimension: <http://purl.org/linked-data/sdmx/2009/dimension#>\n")


def _sparql(client, query: str, **params):
    return client.get("/sparql", query_string={"query": query, **params},
                      headers={"Accept": "application/sparql-results+json"})


def test_from_and_from_named_of_the_statistics_graph(client, totals, small_site):
    """The documented graph IRI may be named by FROM, FROM NAMED, GRAPH and the protocol's
    default-graph-uri / named-graph-uri, on every backend; other targets stay refused."""
    graph = f"{small_site.base_iri}graph/statistics"
    months = {v: n for (d, v), n in totals.n.items() if d == "month"}
    pattern = "?o sdmx-dimension:refPeriod ?month ; gpr:numberOfReleases ?n"

    def months_of(resp) -> dict[str, int]:
        assert resp.status_code == 200, resp.data[:400]
        return {b["month"]["value"]: int(b["n"]["value"])
                for b in resp.json["results"]["bindings"]}

    assert months_of(_sparql(client, PREFIXES + CUBE + f"SELECT ?month ?n FROM <{graph}> "
                             f"WHERE {{ {pattern} }}")) == months
    # a prefixed name works as well as an IRI
    assert months_of(_sparql(client, PREFIXES + CUBE + f"PREFIX g: <{small_site.base_iri}"
                             f"graph/>\nSELECT ?month ?n FROM g:statistics WHERE "
                             f"{{ {pattern} }}")) == months
    named = _sparql(client, PREFIXES + CUBE + f"SELECT DISTINCT ?g ?month ?n FROM NAMED "
                    f"<{graph}> WHERE {{ GRAPH ?g {{ {pattern} }} }}")
    assert months_of(named) == months
    assert {b["g"]["value"] for b in named.json["results"]["bindings"]} == {graph}
    # FROM NAMED of the statistics graph and a release: GRAPH ranges over exactly those two
    release = f"{small_site.base_iri}graph/release/gen-0000001"
    both = _sparql(client, f"SELECT DISTINCT ?g FROM NAMED <{graph}> FROM NAMED <{release}> "
                   "WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert both.status_code == 200, both.data[:400]
    assert {b["g"]["value"] for b in both.json["results"]["bindings"]} == {graph, release}
    # the protocol's parameters name it too
    assert months_of(_sparql(client, PREFIXES + CUBE + f"SELECT ?month ?n WHERE {{ {pattern} }}",
                             **{"default-graph-uri": graph})) == months
    # everything else stays refused, naming the clause
    for target, clause in ((f"{small_site.base_iri}graph/registry", "FROM"),
                           (f"{small_site.base_iri}graph/versions", "FROM NAMED"),
                           (f"{graph}/x", "FROM"), (graph + "s", "FROM NAMED"),
                           ("file:///etc/passwd", "FROM")):
        r = _sparql(client, f"SELECT * {clause} <{target}> WHERE {{ ?s ?p ?o }} LIMIT 1")
        assert r.status_code == 400 and r.json["where"] == clause, (target, r.data[:300])
        assert "statistik" in r.json["message_id"] and "statistics" in r.json["message"]


@pytest.mark.parametrize("lang", ["id", "en"])
def test_statistik_page(client, lang, totals):
    r = client.get(f"/statistik?lang={lang}", headers={"Accept": "text/html"})
    html = r.get_data(True)
    assert r.status_code == 200 and check_html(html) == []
    assert html.count('<svg class="chart') == len(DIMENSIONS)
    assert html.count("<table>") == len(DIMENSIONS) and "<script" not in html
    assert html.count('role="img"') == len(DIMENSIONS)
    assert "/api/stats/month?format=csv" in html
    n = totals.releases
    assert (f"{n:,} releases" if lang == "en" else f"{n:,} siaran".replace(",", ".")) in html
    assert ("Releases per month" if lang == "en" else "Siaran per bulan") in html
    province = client.get(f"/statistik?region=12&lang={lang}").get_data(True)
    assert "Labuhanbatu Utara" in province and "/statistik?region=12.23" in province
    assert check_html(province) == []


def test_siaran_facets_paging_and_plain_urls(client):
    r = client.get("/siaran", headers={"Accept": "text/html"})
    html = r.get_data(True)
    assert r.status_code == 200 and check_html(html) == []
    assert 'rel="next"' in html and "/siaran?year=" in html and 'class="count"' in html
    year = client.get("/api/stats/month").json["items"][-1]["month"][:4]
    narrowed = client.get(f"/siaran?year={year}").get_data(True)
    assert f"/siaran?year={year}&amp;month={year}-" in narrowed  # months of that year
    assert "✕" in narrowed  # the active filter can be removed
    page2 = client.get("/siaran?page=2").get_data(True)
    assert 'rel="prev"' in page2
    assert client.get("/siaran?page=x").status_code == 400
    empty = client.get("/siaran?person=https://example.org/nobody").get_data(True)
    assert "No release matches" in client.get(
        "/siaran?person=https://example.org/nobody&lang=en").get_data(True)
    assert "0 siaran" in empty


def test_resource_pages_show_their_own_counts(client, totals):
    agency = next(v for (d, v), n in totals.n.items() if d == "agency" and n > 1)
    path = agency[agency.index("/id/"):].replace("/id/", "/doc/", 1)
    html = client.get(path + "?lang=en", headers={"Accept": "text/html"}).get_data(True)
    n = totals.n["agency", agency]
    assert f"{n} releases as publishing agency" in html and "/siaran?agency=" in html
    region = client.get("/doc/region/12.23", headers={"Accept": "text/html"}).get_data(True)
    assert "siaran di wilayah ini" in region


def test_home_page_facets(client):
    html = client.get("/?lang=en", headers={"Accept": "text/html"}).get_data(True)
    assert "Browse releases" in html and "/siaran?year=" in html and "/statistik" in html


CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


@pytest.mark.skipif(not (shutil.which("chromium") and shutil.which("chromedriver")),
                    reason="chromium and chromedriver (Debian) are not installed")
def test_statistik_in_headless_chromium(small_site, tmp_path):
    """The charts render in a real browser with JavaScript off; the screenshot goes to docs/."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 "--window-size=1100,1500", f"--user-data-dir={tmp_path / 'profile'}"):
        options.add_argument(flag)
    options.add_experimental_option("prefs", {"profile.managed_default_content_settings."
                                              "javascript": 2})
    driver = webdriver.Chrome(options=options, service=Service(
        executable_path=shutil.which("chromedriver") or "/usr/bin/chromedriver"))
    try:
        with running_server(small_site.data_dir) as url:
            driver.get(url + "statistik?lang=en")
            charts = driver.find_elements(By.CSS_SELECTOR, "svg.chart")
            assert len(charts) == len(DIMENSIONS)
            assert all(c.size["width"] > 300 and c.size["height"] > 20 for c in charts)
            bars = driver.find_elements(By.CSS_SELECTOR, "#agency svg rect")
            assert len(bars) >= 5 and bars[0].size["width"] >= bars[-1].size["width"] > 0
            shot = tmp_path / "statistik.png"
            driver.save_screenshot(str(shot))
            assert shot.stat().st_size > 20_000
            if os.environ.get("STATS_SCREENSHOT"):  # docs/statistik.png was made so
                shutil.copy(shot, os.environ["STATS_SCREENSHOT"])
            driver.find_element(By.LINK_TEXT, "Sumatera Utara").click()
            assert "region=12" in driver.current_url
            assert "Labuhanbatu Utara" in driver.page_source
    finally:
        driver.quit()


def test_readme_stats_examples_answer(client):
    import re

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Counts and charts"):]
    section = section[:section.index("\n## ", 3)]
    paths = re.findall(r"http://127\.0\.0\.1:8080(/[^\s>'`]*)", section)
    assert {"/statistik", "/siaran"} <= set(paths) and len(paths) >= 4
    for path in paths:
        r = client.get(path, headers={"Accept": "text/csv" if "person" in path else "*/*"})
        assert r.status_code == 200, path


def test_json_numbers_are_plain(client):
    body = json.loads(client.get("/api/stats/event-kind").data)
    assert all(isinstance(i["count"], int) for i in body["items"])
