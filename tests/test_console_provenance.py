"""Public provenance names the publishing agency, never the officer's account; the console's
writes start the new version's dumps as ``publish`` does; harvested rows offer no retraction;
JSON-LD inside pages cannot break out of its script block; ``migrate`` brings the agency
provenance of a store published before (or under another agency name) up to date."""

from __future__ import annotations

import gzip
import io
import json
import re
import time

import pytest
from rdflib import Graph, Literal, URIRef

from infopublik_ld import publishing
from infopublik_ld.config import load_settings
from infopublik_ld.dumps import read_manifest, version_dir
from infopublik_ld.pipeline import prepare
from infopublik_ld.rdf.provenance import SOFTWARE, agency_iri
from infopublik_ld.rdf.reattribute import reattribute
from infopublik_ld.records.schema import check_record
from infopublik_ld.store import current_version, open_store, open_version
from infopublik_ld.store.base import ReleaseWrite
from infopublik_ld.vocab import PROV, SCHEMA
from infopublik_ld.web.console.ops import current_record

from .conftest import BASE, EXAMPLE_JSON, EXAMPLE_TTL
from .consolekit import PASSWORD, SEED_TEXT, csrf_of, login, make_console, new_draft, submit

AGENCY = "Dinas Komunikasi dan Informatika Kabupaten Labuhanbatu Utara"
SEED_DATE = {"/date_published": "2019-09-04"}
SEED_KEY = "2019-09-04-bangun-reputasi-labura-kominfo-gelar-temu-konsultasi-bakohumas"
EXAMPLE_KEY = json.loads(EXAMPLE_JSON.read_text(encoding="utf-8"))["id"]
SITI = re.compile(r"\bsiti\b", re.I)


@pytest.fixture
def console(tmp_path):
    made = make_console(tmp_path)
    made.book.add_user("siti", "officer", PASSWORD)
    return made


def _client(console, name="siti"):
    c = console.app().test_client()
    assert login(c, name).status_code == 302
    return c


def _wait_for_dumps(settings, number: int, seconds: float = 120) -> None:
    """Wait until the dumps of version ``number`` are complete (written in the background)."""
    deadline = time.monotonic() + seconds
    while read_manifest(settings, number) is None:
        assert time.monotonic() < deadline, (
            f"no dumps of version {number} after {seconds} s: "
            + (settings.data_dir / "dumps" / "writer.log").read_text(errors="replace")[-2000:]
            if (settings.data_dir / "dumps" / "writer.log").exists() else "no writer log")
        time.sleep(0.2)


def _store_text(settings) -> str:
    out = io.BytesIO()
    with open_version(settings) as view:
        view.dump(out)
    return out.getvalue().decode("utf-8")


def _dump_texts(settings, number: int) -> dict[str, str]:
    folder = version_dir(settings, number)
    return {p.name: gzip.decompress(p.read_bytes()).decode("utf-8")
            for p in sorted(folder.rglob("*.gz"))}


def _graph(settings, key: str) -> Graph:
    return _graph_of(settings, f"{settings.base_iri}graph/release/{key}")


def _agency_of(g: Graph, base: str, key: str) -> tuple:
    """(attributed to, agency name, activity agents, on whose behalf the software acted)."""
    graph = URIRef(f"{base}graph/release/{key}")
    attributed = set(g.objects(graph, PROV.wasAttributedTo))
    activity = g.value(graph, PROV.wasGeneratedBy)
    names = {str(n) for a in attributed for n in g.objects(a, SCHEMA.name)}
    return (attributed, names, set(g.objects(activity, PROV.wasAssociatedWith)),
            set(g.objects(SOFTWARE, PROV.actedOnBehalfOf)))


# --------------------------------------------------------------------------- item 1 + 3
def test_console_publish_names_the_agency_never_the_account(console):
    """After a console publish and a merge by account "siti": store, dumps, pages, the
    change feed and the catalogue name the agency and nowhere the account; the console's
    publish started the dumps of its version itself (no request asked for them)."""
    client = _client(console)
    url = new_draft(client, SEED_TEXT.read_text())
    r = submit(client, url, "publish", accept_all=True, fields=SEED_DATE)
    assert r.status_code == 200, r.text[:1500]
    assert console.book.audit_log()[0]["account"] == "siti"  # kept privately: who did it
    settings = console.settings
    version = current_version(settings).number
    _wait_for_dumps(settings, version)

    agency = agency_iri(settings.base_iri)
    attributed, names, agents, behalf = _agency_of(_graph(settings, SEED_KEY),
                                                   settings.base_iri, SEED_KEY)
    assert attributed == {agency} and names == {AGENCY}
    assert agents == {agency, SOFTWARE} and behalf == {agency}

    store = _store_text(settings)
    assert AGENCY in store and str(PROV.wasAttributedTo) in store
    assert not SITI.search(store)
    dumps = _dump_texts(settings, version)
    releases = {n: text for n, text in dumps.items() if SEED_KEY in text}
    assert releases and all(AGENCY in text for text in releases.values()), list(dumps)
    assert not any(SITI.search(text) for text in dumps.values())

    public = console.app().test_client()
    pages = {path: public.get(path, headers={"Accept": accept}, follow_redirects=True)
             for path, accept in [
        (f"/doc/article/{SEED_KEY}", "text/html"),
        (f"/id/article/{SEED_KEY}", "text/turtle"),
        (f"/graph/release/{SEED_KEY}", "text/turtle"),
        ("/changes", "text/turtle"), (f"/changes/{version}/0", "text/turtle"),
        ("/catalog", "text/turtle"), ("/api/releases", "application/json"),
        ("/", "text/html")]}
    for path, resp in pages.items():
        assert resp.status_code == 200, (path, resp.status_code)
        assert not SITI.search(resp.get_data(as_text=True)), path
    graph_doc = Graph().parse(data=pages[f"/graph/release/{SEED_KEY}"].get_data(as_text=True),
                              format="turtle")
    assert (agency, SCHEMA.name, Literal(AGENCY)) in graph_doc

    # a merge from the console: the account goes to the private audit trail (and the
    # store's bookkeeping), never into the public data; the new version's dumps start
    page = client.get("/kelola/otoritas?kind=organization").text
    orgs = re.findall(r'value="(http://127\.0\.0\.1:8080/id/organization/[^"]+)"', page) or \
        sorted(set(re.findall(r"http://127\.0\.0\.1:8080/id/organization/[a-z0-9-]+", page)))
    assert len(orgs) >= 2, page[:2000]
    r = client.post("/kelola/otoritas/gabung", data={
        "csrf_token": csrf_of(page), "kind": "organization", "source": orgs[0],
        "target": orgs[1]})
    assert r.status_code == 302
    assert console.book.audit_log()[0]["action"] == "merge"
    merged = current_version(settings).number
    assert merged == version + 1
    _wait_for_dumps(settings, merged)
    assert not SITI.search(_store_text(settings))
    assert not any(SITI.search(text) for text in _dump_texts(settings, merged).values())
    def matching(word: str) -> list:
        found = public.get("/sparql", query_string={
            "query": "SELECT ?s ?p ?o WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } "
                     f"FILTER(CONTAINS(LCASE(STR(?o)), '{word}')) }}"},
            headers={"Accept": "application/sparql-results+json"})
        assert found.status_code == 200, found.text[:500]
        return found.get_json()["results"]["bindings"]

    assert matching("bakohumas") and matching("siti") == []
    for path in ("/changes", f"/changes/{merged}/0", f"/graph/release/{SEED_KEY}"):
        resp = public.get(path, headers={"Accept": "text/turtle"})
        assert resp.status_code == 200 and not SITI.search(resp.get_data(as_text=True)), path


def test_console_split_and_retract_start_their_dumps(console, tmp_path):
    """Split and retract from the console each make a version whose dumps are written in the
    background, as after a publish (the same function as the CLI's publish path)."""
    from .test_identity_people import release, write

    src = write(tmp_path / "in.jsonl", [
        release("labura-1", "labura", {"name": "Sugeng", "office": "kepala-dinas",
                                       "in_org": True}),
        release("labura-2", "labura", {"name": "Sugeng"}, day=3)])
    assert not publishing.publish(console.settings, [src]).failed
    settings = console.settings
    client = _client(console)
    page = client.get("/kelola/otoritas?kind=person").text
    r = client.post("/kelola/otoritas/pisah", data={
        "csrf_token": csrf_of(page), "kind": "person", "entry": "sugeng",
        "release": "labura-2"})
    assert r.status_code == 302 and console.book.audit_log()[0]["action"] == "split"
    split = current_version(settings).number
    _wait_for_dumps(settings, split)
    page = client.get("/kelola/siaran").text
    r = client.post("/kelola/siaran/labura-1/tarik", data={"csrf_token": csrf_of(page),
                                                            "reason": "Salah kirim"})
    assert r.status_code == 302
    retracted = current_version(settings).number
    assert retracted == split + 1
    _wait_for_dumps(settings, retracted)
    assert "labura-1" not in "".join(_dump_texts(settings, retracted).values())


# --------------------------------------------------------------------------- item 2
def _harvested_row(settings) -> None:
    """A graph of another instance under key ``contoh/rapat-1``, written as harvesting
    writes it."""
    peer = "https://data.contoh.go.id/graph/release/rapat-1"
    lines = [f"<{peer}> <https://w3id.org/infopublik/gpr#describes> "
             "<https://data.contoh.go.id/id/article/rapat-1>",
             "<https://data.contoh.go.id/id/article/rapat-1> "
             "<http://schema.org/headline> \"Rapat dari mitra\"",
             "<https://data.contoh.go.id/id/article/rapat-1> "
             "<http://schema.org/datePublished> \"2019-09-05\"",
             "<https://data.contoh.go.id/id/article/rapat-1> "
             "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
             "<http://schema.org/NewsArticle>"]
    with open_store(settings) as store:
        number = store.last_number() + 1
        store.write_chunk(number, [ReleaseWrite.from_lines("contoh/rapat-1", peer, lines,
                                                           "h" * 64)],
                          store.releases(), store.tombstoned())
        store.finalize(number)


def test_harvested_rows_offer_no_retraction(console):
    publishing.publish(console.settings, [EXAMPLE_JSON])
    _harvested_row(console.settings)
    client = _client(console)
    page = client.get("/kelola/siaran").text
    rows = re.findall(r"<tr>\s*<td><code>.*?</tr>", page, re.S)
    assert len(rows) == 2
    (own,) = [r for r in rows if EXAMPLE_KEY in r]
    (harvested,) = [r for r in rows if "Rapat dari mitra" in r]
    assert f"/kelola/siaran/{EXAMPLE_KEY}/tarik" in own and "Tarik" in own
    assert "/tarik" not in harvested and "<button" not in harvested
    assert "dipanen" in harvested and "ditarik di instansi asalnya" in harvested
    en = client.get("/kelola/siaran?lang=en").text
    assert "retracted at its own instance" in en
    # posted all the same (an old page, a hand-made request): refused with the reason,
    # nothing retracted, nothing audited
    version = current_version(console.settings).number
    r = client.post("/kelola/siaran/contoh/rapat-1/tarik", data={"csrf_token": csrf_of(page),
                                                                 "reason": "coba"})
    assert r.status_code == 302
    assert "harvested from another instance" in client.get(r.headers["Location"]).text
    assert current_version(console.settings).number == version
    assert all(e["action"] != "retract" for e in console.book.audit_log())
    with open_version(console.settings) as view:
        assert "https://data.contoh.go.id/graph/release/rapat-1" in view.releases()


# --------------------------------------------------------------------------- item 4
HOSTILE = "Rapat <!-- komentar --> <script>alert('x')</script> & </script><b>tebal</b>"


def test_jsonld_in_pages_cannot_break_out_of_its_script_block(console, tmp_path):
    record = json.loads(EXAMPLE_JSON.read_text(encoding="utf-8"))
    record["headline"] = HOSTILE
    path = tmp_path / "hostile.json"
    path.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    assert not publishing.publish(console.settings, [path]).failed
    page = console.app().test_client().get(f"/doc/article/{record['id']}",
                                           headers={"Accept": "text/html"})
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(blocks) == 1
    block = blocks[0]
    assert not re.search(r"[<>&]", block), block[:500]
    assert "\\u003c!--" in block and "\\u003cscript\\u003e" in block
    # the same JSON, read back exactly
    assert json.loads(block)["headline"] == {"@language": "id", "@value": HOSTILE}
    # the page itself: one script element only (the JSON-LD), the headline shown as text
    assert html.count("<script") == 1 and "<b>tebal</b>" not in html
    assert "&lt;script&gt;" in html


# --------------------------------------------------------------------------- migrate
def _counts(settings) -> dict:
    from infopublik_ld.stats.counts import read_totals

    with open_version(settings) as view:
        totals = read_totals(view)
    return {"n": dict(totals.n), "labels": totals.labels}


def _without_times(g: Graph) -> set:
    return {t for t in g if t[1] not in (PROV.generatedAtTime, PROV.endedAtTime)}


def test_blank_agency_gives_the_provenance_of_before():
    """An instance without ``agency_name`` publishes what releases were before they named
    the agency: the expected Turtle without the agency's five triples (so such a store
    stands for one published by the earlier version in the tests below)."""
    raw = EXAMPLE_JSON.read_bytes()
    import datetime as dt

    when = dt.datetime(2026, 11, 28, tzinfo=dt.UTC)
    before = prepare(check_record(json.loads(raw)), source=raw, base=BASE,
                     generated_at=when).release.graph
    expected = Graph().parse(EXAMPLE_TTL, format="turtle")
    agency = agency_iri(BASE)
    agency_lines = {t for t in expected if agency in t}
    assert len(agency_lines) == 5
    assert set(before) == set(expected) - agency_lines


def test_migrate_attributes_a_store_published_before(console, runner):
    from infopublik_ld.cli import main

    data = console.settings.data_dir
    old = load_settings(data, agency_name="")
    batch = [EXAMPLE_JSON]
    first = publishing.publish(old, batch)
    assert first.added == [EXAMPLE_KEY]
    assert _agency_of(_graph(old, EXAMPLE_KEY), old.base_iri, EXAMPLE_KEY)[0] == set()
    settings = console.settings  # now with agency_name
    record, before_hash, rebuilt = current_record(settings, EXAMPLE_KEY)
    assert not rebuilt
    counts_before = _counts(settings)
    assert counts_before["n"]

    out = runner.invoke(main, ["--data", str(data), "--lang", "en", "migrate"])
    assert out.exit_code == 0, out.output
    assert f"the provenance of 1 releases now names the agency '{AGENCY}'" in out.output
    migrated = current_version(settings)
    assert migrated.replaced == [EXAMPLE_KEY]
    assert _counts(settings) == counts_before  # the statistics count the same releases
    g = _graph(settings, EXAMPLE_KEY)
    agency = agency_iri(settings.base_iri)
    assert _agency_of(g, settings.base_iri, EXAMPLE_KEY)[:2] == ({agency}, {AGENCY})
    # the same triples as publishing anew gives (times aside)
    publishing.init_data_dir(data.parent / "fresh", base_iri=settings.base_iri,
                             agency_name=AGENCY)
    fresh = load_settings(data.parent / "fresh")
    assert publishing.publish(fresh, batch).added == [EXAMPLE_KEY]
    assert _without_times(g) == _without_times(_graph(fresh, EXAMPLE_KEY))
    # republishing the same input changes nothing; the kept record is still current
    again = publishing.publish(settings, batch)
    assert (again.unchanged, again.added, again.replaced, again.version) == (1, [], [], None)
    kept, now_hash, rebuilt = current_record(settings, EXAMPLE_KEY)
    assert now_hash != before_hash and not rebuilt and kept == record
    # nothing left to do: migrate again writes nothing
    out = runner.invoke(main, ["--data", str(data), "--lang", "en", "migrate"])
    assert "nothing to migrate" in out.output
    assert current_version(settings).number == migrated.number


def test_migrate_follows_a_new_agency_name(console):
    settings = console.settings
    assert publishing.publish(settings, [EXAMPLE_JSON]).added == [EXAMPLE_KEY]
    renamed = load_settings(settings.data_dir, agency_name="Diskominfo Labura")
    result = reattribute(renamed)
    assert result.releases == [EXAMPLE_KEY]
    g = _graph(renamed, EXAMPLE_KEY)
    assert _agency_of(g, renamed.base_iri, EXAMPLE_KEY)[1] == {"Diskominfo Labura"}
    with open_version(renamed) as view:  # the old name is gone, not added to
        names = view.select(f"SELECT DISTINCT ?n WHERE {{ GRAPH ?g {{ "
                            f"<{agency_iri(renamed.base_iri)}> <{SCHEMA.name}> ?n }} }}")
    assert [r["n"] for r in names] == ["Diskominfo Labura"]
    assert publishing.publish(renamed, [EXAMPLE_JSON]).unchanged == 1
    assert reattribute(renamed).version is None
    # identity decisions stay: the identity migration finds nothing to do
    from infopublik_ld.identity.migrate import migrate

    assert migrate(renamed).version is None


def test_harvested_releases_keep_the_origins_agency(tmp_path):
    from .test_harvest import Server, _free_port, _site

    pa, pb = _free_port(), _free_port()
    a = _site(tmp_path / "a", pa, example=True)
    b = _site(tmp_path / "b", pb)
    server = Server(a, pa)
    try:
        from infopublik_ld.harvesting import harvest

        harvest(b, f"http://127.0.0.1:{pa}/catalog")
    finally:
        server.stop()
    g = _graph_of(b, f"{a.base_iri}graph/release/{EXAMPLE_KEY}")
    attributed, names, agents, behalf = _agency_of(g, a.base_iri, EXAMPLE_KEY)
    assert attributed == {agency_iri(a.base_iri)} and names == {f"Dinas {pa}"}
    assert behalf == {agency_iri(a.base_iri)}
    assert f"Dinas {pb}" not in g.serialize(format="nt")  # never the harvester's agency


def _graph_of(settings, graph: str) -> Graph:
    with open_version(settings) as view:
        nt = view.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}",
                        media_type="application/n-triples")
    return Graph().parse(data=nt.decode("utf-8"), format="nt")
