"""The LDES change feed: root, pages per version, members, immutability headers."""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, RDF

from infopublik_ld import changes
from infopublik_ld.publishing import publish, retract
from infopublik_ld.web import create_app

from .sites import build_site, write_generated

AS = Namespace("https://www.w3.org/ns/activitystreams#")
TREE = Namespace("https://w3id.org/tree#")
LDES = Namespace("https://w3id.org/ldes#")
GPR = Namespace("https://w3id.org/infopublik/gpr#")


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("changes")
    settings = build_site(root, 5)                                  # version 1: 6 created
    assert not publish(settings, [write_generated(root / "more.jsonl", 3, start=5)]).failed
    retract(settings, "gen-0000001", "salah / wrong")                # version 3: 1 deleted
    return settings


def _get(client, path) -> tuple[Graph, object]:
    r = client.get(path, headers={"Accept": "text/turtle"})
    assert r.status_code == 200, path
    return Graph().parse(data=r.data, format="turtle"), r


def test_feed_tells_what_changed_in_which_version(site, monkeypatch):
    monkeypatch.setattr(changes, "PAGE_SIZE", 4)
    changes._logs.clear()
    c = create_app(site).test_client()
    root, r = _get(c, "/changes")
    stream = URIRef(site.base_iri + "changes#stream")
    statistics = f"{site.base_iri}id/dataset/statistics"
    assert (stream, RDF.type, LDES.EventStream) in root
    assert root.value(stream, LDES.timestampPath) == AS.published
    nodes = sorted((int(v), str(n)) for n, v in root.subject_objects(GPR.versionNumber))
    assert [v for v, _ in nodes] == [1, 2, 3]
    assert "immutable" not in r.headers.get("Cache-Control", "")
    seen: list[tuple[int, str, str]] = []
    url = nodes[0][1]
    pages = []
    while url:
        page, resp = _get(c, url[len(site.base_iri) - 1:])
        pages.append((url, resp.headers.get("Cache-Control", "")))
        members = sorted(page.objects(stream, TREE.member), key=lambda m: int(
            str(m).rsplit("#", 1)[1]))
        for m in members:
            kind = page.value(m, RDF.type).split("#")[-1]
            obj = page.value(m, AS.object)
            seen.append((int(page.value(m, GPR.versionNumber)), kind, str(obj)))
            assert page.value(m, AS.published).datatype is not None
            if (obj, RDF.type, DCAT.Dataset) in page:  # the counts' new version
                assert str(obj) == statistics and kind == "Update"
                assert page.value(m, GPR.releaseKey) is None
        rel = list(page.objects(URIRef(url), TREE.relation))
        url = str(page.value(rel[0], TREE.node)) if rel else None
    # v1: 6 created + the statistics → 2 pages of 4; v2: 3 + 1 → 1; v3: 1 + 1 → 1
    assert len(pages) == 4
    assert all("immutable" in cc for _, cc in pages[:-1])
    assert "immutable" not in pages[-1][1]
    releases = [s for s in seen if s[2] != statistics]
    created = [s for s in releases if s[0] == 1]
    assert len(created) == 6 and {k for _, k, _ in created} == {"Create"}
    assert [(v, k) for v, k, _ in releases if v == 2] == [(2, "Create")] * 3
    assert releases[-1] == (3, "Delete", f"{site.base_iri}graph/release/gen-0000001")
    # every version is a new version of the statistics dataset, listed last in it
    assert [(v, k) for v, k, o in seen if o == statistics] == [(1, "Update"), (2, "Update"),
                                                                (3, "Update")]
    for v in (1, 2, 3):
        assert [o for w, _, o in seen if w == v][-1] == statistics


def test_pages_that_do_not_exist(site):
    c = create_app(site).test_client()
    for path in ("/changes/9/0", "/changes/1/99"):
        r = c.get(path, headers={"Accept": "application/json"})
        assert r.status_code == 404 and r.json["status"] == 404


def test_feed_in_json_ld(site):
    c = create_app(site).test_client()
    r = c.get("/changes/3/0", headers={"Accept": "application/ld+json"})
    g = Graph().parse(data=r.data, format="json-ld")
    assert (None, RDF.type, AS.Delete) in g
    assert (None, GPR.releaseKey, Literal("gen-0000001")) in g


def test_statistics_member_on_the_html_page(site):
    c = create_app(site).test_client()
    html = c.get("/changes/3/0", headers={"Accept": "text/html"}).data.decode()
    assert "statistik diperbarui" in html and 'href="/statistik"' in html
    html = c.get("/changes/3/0?lang=en", headers={"Accept": "text/html"}).data.decode()
    assert "statistics updated" in html
