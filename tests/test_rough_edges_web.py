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


SEED = "2019-09-04-bangun-reputasi-labura-kominfo-gelar-temu-konsultasi-bakohumas"


@pytest.fixture(scope="module")
def emphasis_client(tmp_path_factory):
    """The seed release and a copy whose headline and body carry *emphasis* and _italics_."""
    import json

    from infopublik_ld.config import load_settings
    from infopublik_ld.publishing import init_data_dir, publish

    from .conftest import EXAMPLE_JSON

    root = tmp_path_factory.mktemp("emphasis")
    record = json.loads(EXAMPLE_JSON.read_text(encoding="utf-8"))
    record["id"] = "2019-09-05-penegasan"
    record["headline"] = "*Kominfo Tegaskan Reputasi Labura*"
    record["body"] = record["body"].replace("Bakohumas (Badan", "*Bakohumas* (_Badan", 1) \
        .replace("Kehumasan)", "Kehumasan_)", 1)
    copy = root / "copy.json"
    copy.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    init_data_dir(root / "data", base_iri="http://127.0.0.1:8080/")
    settings = load_settings(root / "data")
    assert not publish(settings, [EXAMPLE_JSON, copy]).failed
    return create_app(settings).test_client()


@pytest.mark.parametrize("lang,written", [("id", "Rabu, 4 September 2019"),
                                          ("en", "Wednesday, 4 September 2019")])
def test_pages_show_dates_as_people_write_them(client, lang, written):
    html = client.get(f"/doc/article/{SEED}?lang={lang}", headers=BROWSER).get_data(True)
    assert f'<time datetime="2019-09-04">{written}</time>' in html
    import re

    home = client.get(f"/?lang={lang}", headers=BROWSER).get_data(True)
    days = re.findall(r'<time datetime="(\d{4}-\d\d-\d\d)">([^<]*)</time>', home)
    assert len(days) >= 20
    assert all(shown.split(", ")[0] in (("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu",
                                         "Minggu") if lang == "id" else
                                        ("Monday", "Tuesday", "Wednesday", "Thursday",
                                         "Friday", "Saturday", "Sunday"))
               and iso[:4] in shown for iso, shown in days), days[:3]


def test_human_dates():
    from infopublik_ld.web.i18n import human_date

    assert human_date("2024-02-29", "id") == "Kamis, 29 Februari 2024"
    assert human_date("2019-12-01T08:05:00+07:00", "en") == "Sunday, 1 December 2019 08:05"
    assert human_date("2019-12-01T08:05:00+07:00", "id") == "Minggu, 1 Desember 2019 08.05"
    assert human_date("2019-08", "id") == "Agustus 2019"
    assert human_date("2019", "en") == "2019" and human_date("kemarin", "id") == "kemarin"


@pytest.mark.parametrize("lang,line", [
    ("id", 'Mewakili <a href="/doc/person/kharuddin-syah">Kharuddin Syah</a> pada '
           '<a href="/doc/event/' + SEED + '">Sosialisasi Temu Konsultasi Bakohumas</a>'),
    ("en", 'Represented <a href="/doc/person/kharuddin-syah?lang=en">Kharuddin Syah</a> at '
           '<a href="/doc/event/' + SEED + '?lang=en">Sosialisasi Temu Konsultasi Bakohumas'
           '</a>'),
])
def test_person_page_says_whom_they_represented_at_which_event(client, lang, line):
    html = client.get(f"/doc/person/abdul-haris-rangkuti?lang={lang}",
                      headers=BROWSER).get_data(True)
    assert check_html(html) == []
    assert line in html
    assert f"{SEED}-1" not in html  # not the representation's key
    other = client.get(f"/doc/person/kharuddin-syah?lang={lang}", headers=BROWSER)
    assert ("Diwakili oleh" if lang == "id" else "Represented by") + \
        ' <a href="/doc/person/abdul-haris-rangkuti' in other.get_data(True)


def test_quote_captions_give_the_speakers_office(client):
    html = client.get(f"/doc/article/{SEED}", headers=BROWSER).get_data(True)
    assert '<a href="/doc/person/sugeng">Sugeng</a>, <span class="office">Kadis Kominfo ' \
        'Labura</span></figcaption>' in html


def test_search_snippets_mark_words_without_brackets(client):
    html = client.get("/?q=bakohumas", headers=BROWSER).get_data(True)
    results = html.split('class="results"', 1)[1].split("</section>", 1)[0]
    assert "<mark>" in results
    assert "[" not in results and "]" not in results and "\x02" not in results
    api = client.get("/api/search?q=bakohumas", headers={"Accept": "application/json"}).json
    assert api  # the API keeps its documented [brackets]


def test_emphasis_is_shown_as_emphasis_not_asterisks(emphasis_client):
    html = emphasis_client.get("/doc/article/2019-09-05-penegasan",
                               headers=BROWSER).get_data(True)
    assert check_html(html) == []
    assert "<h1>Kominfo Tegaskan Reputasi Labura</h1>" in html
    assert "<strong>Bakohumas</strong> (<em>Badan Koordinasi Kehumasan</em>)" in html
    assert "*" not in html.split("<main>", 1)[1].split("</main>", 1)[0]
    home = emphasis_client.get("/?q=tegaskan", headers=BROWSER).get_data(True)
    assert ">Kominfo Tegaskan Reputasi Labura</a>" in home and "*Kominfo" not in home
