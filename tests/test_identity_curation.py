"""Officers merge and split entries of the authority list (issue 13): 301 from the merged
IRI, owl:sameAs in the data, a split that round-trips a merge, a split that mints a new IRI,
each a new version that a second instance harvests."""

from __future__ import annotations

import pytest

from infopublik_ld import publishing
from infopublik_ld.errors import InputError, NotFound
from infopublik_ld.harvesting import harvest
from infopublik_ld.identity.curation import list_entries, merge, show_entry, split
from infopublik_ld.store import open_version
from infopublik_ld.web import create_app

from .test_harvest import Server, _free_port, _quads, _site
from .test_identity_people import people, release, write

SAME_AS = "http://www.w3.org/2002/07/owl#sameAs"


def _same_as(settings) -> set[tuple[str, str, str]]:
    with open_version(settings) as view:
        rows = view.select(f"SELECT ?g ?a ?b WHERE {{ GRAPH ?g {{ ?a <{SAME_AS}> ?b }} }}")
    return {(r["g"].rsplit("/", 1)[1], r["a"], r["b"]) for r in rows}


@pytest.fixture(scope="module")
def instances(tmp_path_factory):
    pa, pb = _free_port(), _free_port()
    a = _site(tmp_path_factory.mktemp("cur-a"), pa)
    b = _site(tmp_path_factory.mktemp("cur-b"), pb)
    src = write(a.data_dir.parent / "in.jsonl", [
        release("labura-1", "labura", {"name": "Sugeng", "office": "kepala-dinas",
                                       "in_org": True}),
        release("labura-2", "labura", {"name": "Sugeng"}, day=2),
        release("oki-1", "oki", {"name": "Sugeng", "label": "Sugeng, S.Sos"}, day=3)])
    assert not publishing.publish(a, [src]).failed
    sa, sb = Server(a, pa), Server(b, pb)
    yield a, b, f"http://127.0.0.1:{pa}/catalog"
    sa.stop()
    sb.stop()


def test_merge_then_split_round_trips(instances):
    a, b, url = instances
    base = a.base_iri
    sugeng = base + "id/person/sugeng"
    before = people(a)
    (oki,) = before["oki-1"]
    assert before["labura-1"] == before["labura-2"] == {sugeng} and oki != sugeng
    original = _quads(a, base)
    harvest(b, url)
    client = create_app(a).test_client()

    # merge: the OKI entry is found to be the same man
    info = merge(a, "person", oki.rsplit("/", 1)[1], "sugeng", user="petugas")
    assert info.replaced == ["oki-1"]
    assert people(a)["oki-1"] == {sugeng}
    assert _same_as(a) == {("oki-1", sugeng, oki)}
    resp = client.get("/id/person/" + oki.rsplit("/", 1)[1])
    assert resp.status_code == 301 and resp.headers["Location"].endswith("/id/person/sugeng")
    resp = client.get("/doc/person/" + oki.rsplit("/", 1)[1] + ".ttl")
    assert resp.status_code == 301 and resp.headers["Location"].endswith(
        "/doc/person/sugeng.ttl")
    assert client.get("/id/person/sugeng").status_code == 303
    shown = show_entry(a, "person", "sugeng")
    assert shown["merged_from"] == [oki] and shown["releases"] == ["labura-1", "labura-2",
                                                                   "oki-1"]
    assert {"Sugeng, S.Sos", "Sugeng"} <= set(shown["names"])
    assert [r["merged_into"] for r in list_entries(a, "person") if r["iri"] == oki] == [sugeng]
    # the harvester sees the merge as a normal version
    assert [w.rsplit("/", 1)[1] for w in harvest(b, url).written] == ["oki-1"]
    assert _quads(b, base) == _quads(a, base)

    # split it off again: the mentions get back the IRI that was theirs alone
    new, info = split(a, "person", "sugeng", "oki-1", user="petugas")
    assert new == oki and info.replaced == ["oki-1"]
    assert people(a) == before and _same_as(a) == set()
    assert _quads(a, base) == original
    assert client.get("/id/person/" + oki.rsplit("/", 1)[1]).status_code == 303
    assert [w.rsplit("/", 1)[1] for w in harvest(b, url).written] == ["oki-1"]
    assert _quads(b, base) == _quads(a, base)


def test_split_mints_an_iri_never_used(instances):
    a, b, url = instances
    base = a.base_iri
    every = {i for iris in people(a).values() for i in iris}
    new, info = split(a, "person", "sugeng", "labura-2")
    assert new not in every and new.startswith(base + "id/person/sugeng-")
    assert people(a)["labura-2"] == {new} and people(a)["labura-1"] == {base + "id/person/sugeng"}
    harvest(b, url)
    assert _quads(b, base) == _quads(a, base)
    # the IRI is taken for good: a new release's same-named stranger does not get it
    src = write(a.data_dir.parent / "more.jsonl", [
        release("labura-3", "labura", {"name": "Sugeng", "office": "camat"}, day=4)])
    publishing.publish(a, [src])
    assert people(a)["labura-3"] != {new}


@pytest.mark.parametrize("call, error", [
    (lambda s: merge(s, "person", "sugeng", "sugeng"), InputError),
    (lambda s: merge(s, "person", "nobody", "sugeng"), NotFound),
    (lambda s: merge(s, "robot", "a", "b"), InputError),
    (lambda s: split(s, "person", "sugeng", "no-such-release"), NotFound),
    (lambda s: split(s, "organization", "sugeng", "labura-1"), NotFound),
])
def test_curation_errors_are_named(instances, call, error):
    a, _, _ = instances
    before = publishing.status(a)["version"]["number"]
    with pytest.raises(error):
        call(a)
    assert publishing.status(a)["version"]["number"] == before


def test_cli_people(instances, runner):
    from infopublik_ld.cli import main

    a, _, _ = instances
    out = runner.invoke(main, ["--data", str(a.data_dir), "people", "list", "--name",
                               "sugeng", "--format", "json"])
    assert out.exit_code == 0, out.output
    assert "id/person/sugeng" in out.output
    out = runner.invoke(main, ["--data", str(a.data_dir), "--lang", "en", "people", "merge",
                               "sugeng", "nobody-here"])
    assert out.exit_code != 0 and "nobody-here" in out.output
    out = runner.invoke(main, ["--data", str(a.data_dir), "organizations", "show",
                               "dinas-komunikasi-dan-informatika-kabupaten-ogan-komering-ilir"])
    assert out.exit_code == 0 and "16.02" in out.output
