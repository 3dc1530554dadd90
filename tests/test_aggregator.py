"""The national aggregator's path: an instance on a remote engine harvests three embedded
instances served on 127.0.0.1, keeps releases the origins have in common once per origin,
follows a retraction at one origin, and serves the union with pages naming each origin."""

from __future__ import annotations

import pytest

from infopublik_ld.harvesting import harvest
from infopublik_ld.publishing import retract
from infopublik_ld.store import open_version
from infopublik_ld.web import create_app

from .sites import leave_only_the_site, write_generated
from .test_harvest import Server, _free_port, _quads, _site

REMOTE = ("virtuoso", "oxigraph-server")


@pytest.fixture(scope="module", params=REMOTE)
def federation(request, tmp_path_factory):
    """Origins A, B (both publish gen-0000000 and gen-0000001) and C; an aggregator on the
    remote engine, after one harvest of each."""
    from .sites import engine_values

    ports = [_free_port() for _ in range(4)]
    roots = [tmp_path_factory.mktemp(f"origin-{n}") for n in "abc"]
    a = _site(roots[0], ports[0], n=3)                       # gen-0 … gen-2
    b = _site(roots[1], ports[1], n=2)                       # gen-0, gen-1
    c = _site(roots[2], ports[2])
    from infopublik_ld.publishing import publish

    assert not publish(c, [write_generated(roots[2] / "own.jsonl", 2, start=50)]).failed
    servers = [Server(s, p) for s, p in zip((a, b, c), ports[:3], strict=True)]
    urls = [f"http://127.0.0.1:{p}/catalog" for p in ports[:3]]
    agg = _site(tmp_path_factory.mktemp("aggregator"), ports[3],
                engine=engine_values(request, request.param))
    for url in urls:
        assert harvest(agg, url).written
    yield agg, (a, b, c), urls
    for s in servers:
        s.stop()
    leave_only_the_site(request, request.param)


def _article(site, key: str) -> str:
    return f"{site.base_iri}id/article/{key}"


def test_common_releases_are_kept_per_origin(federation):
    agg, (a, b, c), _ = federation
    with open_version(agg) as view:
        graphs = set(view.releases())
    for origin, keys in ((a, ("gen-0000000", "gen-0000001", "gen-0000002")),
                         (b, ("gen-0000000", "gen-0000001")), (c, ("gen-0000050",))):
        for key in keys:
            assert f"{origin.base_iri}graph/release/{key}" in graphs
        assert _quads(agg, origin.base_iri) == _quads(origin, origin.base_iri)
    # the same release text, two origins: two articles, one per origin, in the union
    client = create_app(agg).test_client()
    prefixes = " ".join(f'"{s.base_iri}"' for s in (a, b, c))
    r = client.get("/sparql", query_string={"query": (
        "SELECT ?a WHERE { GRAPH ?g { ?a a <http://schema.org/NewsArticle> } "
        f"VALUES ?p {{ {prefixes} }} FILTER(STRSTARTS(STR(?g), ?p)) "
        'FILTER(STRENDS(STR(?a), "/gen-0000000")) }')},
        headers={"Accept": "application/sparql-results+json"})
    assert r.status_code == 200
    assert {x["a"]["value"] for x in r.get_json()["results"]["bindings"]} == \
        {_article(a, "gen-0000000"), _article(b, "gen-0000000")}


def test_pages_say_where_each_release_comes_from(federation):
    agg, (a, b, _), urls = federation
    client = create_app(agg).test_client()
    for origin, url in ((a, urls[0]), (b, urls[1])):
        r = client.get("/resource", query_string={"iri": _article(origin, "gen-0000000")},
                       headers={"Accept": "text/html"})
        assert r.status_code == 200, r.data[:300]
        html = r.get_data(as_text=True)
        assert "Dipanen dari" in html and url in html
        other = urls[1] if url == urls[0] else urls[0]
        assert other not in html
    home = client.get("/", headers={"Accept": "text/html"}).get_data(as_text=True)
    assert "/resource?iri=" in home
    bad = client.get("/resource", query_string={"iri": "file:///etc/passwd"})
    assert bad.status_code == 400 and bad.get_json()["where"] == "iri"


def test_a_retraction_at_one_origin_reaches_the_aggregator(federation):
    agg, (a, b, _), urls = federation
    retract(a, "gen-0000001", "ganda / duplicate")
    result = harvest(agg, urls[0])
    assert result.retracted and result.mode == "changes"
    gone = f"{a.base_iri}graph/release/gen-0000001"
    with open_version(agg) as view:
        graphs = set(view.releases())
        stone = view.tombstone(gone)
    assert gone not in graphs and stone
    assert f"{b.base_iri}graph/release/gen-0000001" in graphs  # the other origin's copy stays
    client = create_app(agg).test_client()
    r = client.get("/resource", query_string={"iri": _article(a, "gen-0000001")})
    assert r.status_code == 404
    r = client.get("/resource", query_string={"iri": _article(b, "gen-0000001")},
                   headers={"Accept": "text/turtle"})
    assert r.status_code == 200
