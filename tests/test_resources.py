"""Dereferencing: /id → 303 → /doc, content negotiation, suffixes, 404/410, Host independence."""

from __future__ import annotations

import json

import pytest
from rdflib import Graph, URIRef
from rdflib.compare import isomorphic

from infopublik_ld.publishing import retract
from infopublik_ld.web import create_app

from .htmlcheck import check_html, jsonld_blocks
from .sites import build_site

SEED = "2019-09-04-bangun-reputasi-labura-kominfo-gelar-temu-konsultasi-bakohumas"
BASE = "http://127.0.0.1:8080/"
ARTICLE = f"{BASE}id/article/{SEED}"


@pytest.fixture(scope="module")
def client(small_site):
    return create_app(small_site).test_client()


@pytest.mark.parametrize("path", [
    f"article/{SEED}", "person/sugeng", "region/12.23", "regulation/inpres/2015/9",
    "concept/event-type/sosialisasi", "no-such/thing"])
def test_id_redirects_303_to_doc(client, path):
    r = client.get(f"/id/{path}?lang=en")
    assert r.status_code == 303
    assert r.headers["Location"] == f"/doc/{path}?lang=en"


@pytest.mark.parametrize("accept,media", [
    ("text/html", "text/html"),
    ("text/turtle", "text/turtle"),
    ("application/ld+json", "application/ld+json"),
    ("application/n-triples", "application/n-triples"),
    ("application/rdf+xml", "application/rdf+xml"),
    ("text/turtle;q=0.5, application/ld+json;q=0.9", "application/ld+json"),
    ("text/html;q=0.1, text/turtle", "text/turtle"),
    ("*/*", "text/html"),
    ("application/*", "application/ld+json"),
])
def test_accept_negotiation(client, accept, media):
    r = client.get(f"/doc/article/{SEED}", headers={"Accept": accept})
    assert r.status_code == 200
    assert r.mimetype == media
    assert "Accept" in r.headers["Vary"]


@pytest.mark.parametrize("suffix,media,fmt", [
    (".ttl", "text/turtle", "turtle"), (".jsonld", "application/ld+json", "json-ld"),
    (".nt", "application/n-triples", "nt"), (".rdf", "application/rdf+xml", "xml"),
    (".html", "text/html", None)])
def test_suffix_overrides_accept(client, suffix, media, fmt):
    r = client.get(f"/doc/article/{SEED}{suffix}", headers={"Accept": "text/html"})
    assert r.status_code == 200 and r.mimetype == media
    if fmt:
        g = Graph().parse(data=r.data, format=fmt)
        assert (URIRef(ARTICLE), None, None) in g


def test_all_rdf_forms_say_the_same(client):
    graphs = [Graph().parse(data=client.get(f"/doc/article/{SEED}{s}").data, format=f)
              for s, f in ((".ttl", "turtle"), (".nt", "nt"), (".jsonld", "json-ld"),
                           (".rdf", "xml"))]
    assert all(isomorphic(graphs[0], g) for g in graphs[1:])
    g = graphs[0]
    schema = "http://schema.org/"
    assert str(g.value(URIRef(ARTICLE), URIRef(schema + "headline"))).startswith("Bangun")
    # quotes point at the article and carry their speaker
    quotes = set(g.subjects(URIRef(schema + "isPartOf"), URIRef(ARTICLE)))
    assert len(quotes) == 2
    assert all(g.value(q, URIRef(schema + "creator")) for q in quotes)


def test_not_acceptable_is_406_in_the_error_shape(client):
    r = client.get(f"/doc/article/{SEED}", headers={"Accept": "image/png"})
    assert r.status_code == 406
    assert r.json["status"] == 406 and r.json["error"]
    assert client.get(f"/doc/article/{SEED}?format=csv").status_code == 406


def test_unknown_is_404(client):
    r = client.get("/doc/person/no-such-person-anywhere", headers={"Accept": "application/json"})
    assert r.status_code == 404 and r.json["status"] == 404
    html = client.get("/doc/person/no-such-person-anywhere", headers={"Accept": "text/html"})
    assert html.status_code == 404 and html.mimetype == "text/html"


def test_served_by_path_whatever_the_host(client):
    a = client.get(f"/doc/article/{SEED}.ttl")
    b = client.get(f"/doc/article/{SEED}.ttl", headers={"Host": "data.labura.go.id"})
    assert a.status_code == b.status_code == 200
    assert a.data == b.data
    assert b"data.labura.go.id" not in b.data
    r = client.get(f"/id/article/{SEED}", headers={"Host": "data.labura.go.id"})
    assert r.headers["Location"].startswith("/doc/")


def test_etag_and_304(client):
    r = client.get(f"/doc/article/{SEED}.ttl")
    etag = r.headers["ETag"]
    again = client.get(f"/doc/article/{SEED}.ttl", headers={"If-None-Match": etag})
    assert again.status_code == 304
    other = client.get(f"/doc/article/{SEED}.nt", headers={"If-None-Match": etag})
    assert other.status_code == 200


def test_language_choice(client):
    r_id = client.get(f"/doc/article/{SEED}", headers={"Accept": "text/html"}).get_data(True)
    r_en = client.get(f"/doc/article/{SEED}?lang=en",
                      headers={"Accept": "text/html"}).get_data(True)
    r_al = client.get(f"/doc/article/{SEED}", headers={
        "Accept": "text/html", "Accept-Language": "en-GB,en;q=0.9"}).get_data(True)
    assert 'lang="id"' in r_id and "Kutipan" in r_id
    assert 'lang="en"' in r_en and "Quotes" in r_en and "Kutipan" not in r_en
    assert 'lang="en"' in r_al


def test_article_page_reads_like_news_and_embeds_jsonld(client):
    r = client.get(f"/doc/article/{SEED}", headers={"Accept": "text/html"})
    html = r.get_data(as_text=True)
    assert check_html(html) == []
    assert "<h1>Bangun Reputasi Labura, Kominfo Gelar Temu Konsultasi Bakohumas</h1>" in html
    assert '<time datetime="2019-09-04">' in html and "Aek Kanopan" in html
    assert html.count("<blockquote>") == 2
    assert 'href="/doc/person/sugeng"' in html and 'href="/doc/regulation/inpres/2015/9"' in html
    for suffix, media in ((".ttl", "text/turtle"), (".jsonld", "application/ld+json")):
        assert f'<link rel="alternate" type="{media}" href="/doc/article/{SEED}{suffix}">' in html
    (block,) = jsonld_blocks(html)
    g = Graph().parse(data=json.dumps(block), format="json-ld")
    assert (URIRef(ARTICLE), URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
            URIRef("http://schema.org/NewsArticle")) in g
    assert g.value(URIRef(ARTICLE), URIRef("http://schema.org/headline")) is not None


PAGES = [
    (f"article/{SEED}", "article"), ("person/sugeng", "person"),
    ("organization/pemerintah-kabupaten-labuhanbatu-utara", "organization"),
    (f"event/{SEED}", "event"), ("place/aek-kanopan", "place"), ("region/12.23", "place"),
    ("region/12", "place"), ("regulation/inpres/2015/9", "regulation"),
    ("concept/event-type/sosialisasi", "concept"), ("concept/event-type", "concept"),
    (f"quote/{SEED}-1", "resource"), ("version/1", "resource"),
]


@pytest.mark.parametrize("path,kind", PAGES)
@pytest.mark.parametrize("lang", ["id", "en"])
def test_every_page_type_is_valid_html(client, path, kind, lang):
    r = client.get(f"/doc/{path}?lang={lang}", headers={"Accept": "text/html"})
    assert r.status_code == 200, path
    html = r.get_data(as_text=True)
    assert check_html(html) == [], path
    assert f'class="resource {kind}"' in html
    assert f'lang="{lang}"' in html
    assert len(jsonld_blocks(html)) == 1


def test_person_page_lists_offices_quotes_and_articles(client):
    html = client.get("/doc/person/sugeng", headers={"Accept": "text/html"}).get_data(True)
    assert "Kadis Kominfo Labura" in html
    assert "Tujuan dari kegiatan ini" in html
    assert f'href="/doc/article/{SEED}"' in html


def test_regulation_page_lists_citing_releases_by_year(client):
    html = client.get("/doc/regulation/inpres/2015/9", headers={"Accept": "text/html"}) \
        .get_data(True)
    assert "<h3>2019</h3>" in html and f'href="/doc/article/{SEED}"' in html


def test_region_page_uses_the_reference_table(client):
    html = client.get("/doc/region/12.23?lang=en", headers={"Accept": "text/html"}).get_data(True)
    assert "Kabupaten Labuhanbatu Utara" in html and 'href="/doc/region/12?lang=en"' in html
    assert client.get("/doc/region/99.99", headers={"Accept": "text/html"}).status_code == 404


def test_definitions(client):
    r = client.get("/def/gpr", headers={"Accept": "text/html"})
    assert r.status_code == 200 and check_html(r.get_data(True)) == []
    assert "gpr:Representation" in r.get_data(True)
    ttl = client.get("/def/gpr", headers={"Accept": "text/turtle"})
    g = Graph().parse(data=ttl.data, format="turtle")
    assert (URIRef("https://w3id.org/infopublik/gpr#Tombstone"), None, None) in g
    scheme = client.get("/def/concept/event-type?lang=en", headers={"Accept": "text/html"})
    assert scheme.status_code == 200 and "Public information session" in scheme.get_data(True)
    assert check_html(scheme.get_data(True)) == []
    assert client.get("/def/nothing").status_code == 404
    assert check_html(client.get("/def/", headers={"Accept": "text/html"}).get_data(True)) == []


def test_release_graph_is_served(client):
    r = client.get(f"/graph/release/{SEED}", headers={"Accept": "application/n-triples"})
    assert r.status_code == 200
    g = Graph().parse(data=r.data, format="nt")
    assert (URIRef(f"{BASE}graph/release/{SEED}"),
            URIRef("http://www.w3.org/ns/prov#wasDerivedFrom"), None) in g
    assert client.get("/graph/release/nothing-here").status_code == 404


@pytest.fixture(scope="module")
def retracted_site(tmp_path_factory):
    settings = build_site(tmp_path_factory.mktemp("retracted"), 3)
    retract(settings, "gen-0000001", "data ganda / duplicate")
    return settings


@pytest.mark.parametrize("path", ["article/gen-0000001", "event/gen-0000001"])
def test_retracted_is_410_with_tombstone(retracted_site, path):
    c = create_app(retracted_site).test_client()
    r = c.get(f"/doc/{path}", headers={"Accept": "application/ld+json"})
    assert r.status_code == 410 and r.mimetype == "application/ld+json"
    assert "duplicate" in r.get_data(as_text=True)
    html = c.get(f"/doc/{path}?lang=en", headers={"Accept": "text/html"})
    assert html.status_code == 410 and "duplicate" in html.get_data(True)
    ttl = c.get(f"/doc/{path}", headers={"Accept": "text/turtle"})
    assert ttl.status_code == 410
    g = Graph().parse(data=ttl.data, format="turtle")
    reason = URIRef("https://w3id.org/infopublik/gpr#reason")
    assert "duplicate" in str(next(g.objects(None, reason)))
    assert c.get("/graph/release/gen-0000001.ttl").status_code == 410
    assert c.get("/doc/article/gen-0000002").status_code == 200
