"""Correcting any published release from the console, and the release list's combined filters.

Publishing (the CLI's ``publish``, every record input) keeps each release's input record in
DATA/private once the store has committed it; the console opens that record for correction,
or, when none is current, one rebuilt from the published graph with a warning. Harvested
releases are refused: they are corrected at their own instance.
"""

from __future__ import annotations

import json
import re
import shutil
import sqlite3
from pathlib import Path

import pytest

from infopublik_ld import publishing
from infopublik_ld.records.agency import Agency
from infopublik_ld.records.extract import extract_file
from infopublik_ld.records.kept import FILE
from infopublik_ld.records.schema import check_record
from infopublik_ld.store import current_version, open_store, open_version
from infopublik_ld.store.base import ReleaseWrite
from infopublik_ld.web.console import admin

from .consolekit import login, make_console, read_form, submit

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "labura-bakohumas-2019.json"
RELEASES = ROOT / "tests" / "data" / "releases"
REBUILT_ID = "disusun ulang dari graf yang terbit"


@pytest.fixture
def console(tmp_path):
    return make_console(tmp_path)


@pytest.fixture
def client(console):
    c = console.app().test_client()
    assert login(c).status_code == 302
    return c


def _open(client, key: str):
    """Open release ``key`` for correction; return (draft address, its review page)."""
    r = client.get(f"/kelola/siaran/{key}/koreksi")
    assert r.status_code == 302, r.text[:800]
    return r.headers["Location"], client.get(r.headers["Location"]).text


def _draft_record(console, url: str) -> dict:
    return console.book.draft(url.rsplit("/", 1)[1])["record"]


def _headlines(console) -> list[str]:
    with open_version(console.settings) as view:
        return sorted(r["h"] for r in view.select(
            "SELECT ?h WHERE { GRAPH ?g { ?a <http://schema.org/headline> ?h } }"))


def test_cli_published_records_open_for_correction_as_they_were_published(client, console,
                                                                          tmp_path):
    """.json, .jsonl, .csv and .txt published with the CLI: the draft is the exact record."""
    record = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    other = {**record, "id": "dari-jsonl", "headline": "Siaran dari berkas JSONL"}
    lines = tmp_path / "batch.jsonl"
    lines.write_text(json.dumps(other, ensure_ascii=False) + "\n", encoding="utf-8")
    table = tmp_path / "rilis.csv"
    table.write_text("kind,id,headline,body,date_published,publisher\n"
                     "article,csv-1,Rapat Stunting,Isi berita,2024-05-02,Diskominfo Labura\n",
                     encoding="utf-8")
    text = RELEASES / "006-kabsemarang-pameran-inovasi.txt"
    result = publishing.publish(console.settings, [EXAMPLE, lines, table, text])
    assert not result.failed, result.failed
    assert len(result.added) == 4
    from_text = check_record(extract_file(text, Agency.from_settings(console.settings)).record,
                             where=str(text))
    expected = {record["id"]: record, other["id"]: other,
                "csv-1": {"kind": "article", "id": "csv-1", "headline": "Rapat Stunting"},
                from_text["id"]: from_text}
    for key in result.added:
        url, page = _open(client, key)
        got = _draft_record(console, url)
        if key == "csv-1":  # a CSV row is a record too: what its columns said
            assert {k: got[k] for k in ("kind", "id", "headline")} == expected[key]
            assert got["date_published"] == "2024-05-02" and got["body"] == "Isi berita"
        else:
            assert got == json.loads(json.dumps(expected[key])), key
        assert REBUILT_ID not in page
    # kept privately, never in the public store
    kept = console.settings.data_dir / "private" / FILE
    assert kept.exists()
    with open_version(console.settings) as view:
        assert not view.select(f'SELECT ?s WHERE {{ GRAPH ?g {{ ?s ?p ?o FILTER(CONTAINS('
                               f'STR(?o), "{json.dumps(record["headline"])[1:20]}\\"")) }} }}')
    # republishing the corrected record replaces the release: a new version
    url, _ = _open(client, record["id"])
    r = submit(client, url, "publish", accept_all=True, fields={"/headline": "Judul koreksi"})
    assert r.status_code == 200 and "(replaced)" in r.text, r.text[:2000]
    assert "Judul koreksi" in _headlines(console)
    assert _draft_record(console, _open(client, record["id"])[0])["headline"] == "Judul koreksi"


def test_a_kept_record_of_another_content_is_never_shown_as_current(client, console, tmp_path):
    """The kept row names the content hash it made: a stale row (a later publish whose row
    was lost, e.g. a crash between the commit and the insert) is not offered; the record is
    rebuilt from what is published instead."""
    record = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    publishing.publish(console.settings, [EXAMPLE])
    kept = console.settings.data_dir / "private" / FILE
    shutil.copy(kept, tmp_path / "old.sqlite3")
    changed = tmp_path / "changed.json"
    changed.write_text(json.dumps({**record, "headline": "Judul kedua"}, ensure_ascii=False),
                       encoding="utf-8")
    assert publishing.publish(console.settings, [changed]).replaced == [record["id"]]
    for suffix in ("-wal", "-shm"):
        Path(f"{kept}{suffix}").unlink(missing_ok=True)
    shutil.copy(tmp_path / "old.sqlite3", kept)  # the row of the first publish only
    url, page = _open(client, record["id"])
    assert REBUILT_ID in page
    assert _draft_record(console, url)["headline"] == "Judul kedua"


def test_a_release_without_a_kept_record_is_rebuilt_from_its_graph(client, console):
    """A store published before records were kept: the record comes back from the graph,
    with a warning the officer must accept before republishing."""
    record = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    publishing.publish(console.settings, [EXAMPLE])
    with sqlite3.connect(console.settings.data_dir / "private" / FILE) as db:
        db.execute("DELETE FROM records")
    url, page = _open(client, record["id"])
    assert REBUILT_ID in page
    got = _draft_record(console, url)
    for field in ("kind", "id", "headline", "body", "date_published", "dateline", "language"):
        assert got[field] == record[field], field
    names = {p["name"] for p in record["people"]}
    assert {p["name"] for p in got["people"]} == names
    for person in record["people"]:
        if person.get("job_title"):
            assert any(p.get("job_title") == person["job_title"] for p in got["people"])
    assert {q["text"] for q in got["quotes"]} == {q["text"] for q in record["quotes"]}
    speakers = {p["id"]: p["name"] for p in got["people"]}
    original = {p["id"]: p["name"] for p in record["people"]}
    assert {(q["text"], speakers.get(q.get("speaker"))) for q in got["quotes"]} == \
        {(q["text"], original.get(q.get("speaker"))) for q in record["quotes"]}
    # the warning blocks publishing until accepted
    r = submit(client, url, "publish", fields={"/headline": "Judul dari graf"})
    assert r.status_code == 422
    r = submit(client, url, "publish", accept_all=True, fields={"/headline": "Judul dari graf"})
    assert r.status_code == 200 and "(replaced)" in r.text, r.text[:2000]
    assert _headlines(console) == ["Judul dari graf"]
    # published from the console: its record is kept from now on
    assert REBUILT_ID not in _open(client, record["id"])[1]


def test_an_rdf_published_release_is_rebuilt(client, console, tmp_path):
    """A release published from RDF has no input record: rebuilt, even when an older
    record of the same key was kept."""
    record = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    publishing.publish(console.settings, [EXAMPLE])
    turtle = (ROOT / "examples" / "labura-bakohumas-2019.ttl").read_text(encoding="utf-8")
    ttl = tmp_path / "rilis.ttl"
    ttl.write_text(turtle.replace(record["headline"], "Judul dari RDF"), encoding="utf-8")
    result = publishing.publish(console.settings, [ttl])
    assert result.replaced == [record["id"]], result.to_json()
    url, page = _open(client, record["id"])
    assert REBUILT_ID in page
    assert _draft_record(console, url)["headline"] == "Judul dari RDF"


def test_harvested_releases_are_refused_for_correction(client, console):
    """A harvested graph (another instance's IRI, key ``peer/slug``) is written the way
    harvesting writes it; the console lists it as harvested and refuses to correct it."""
    publishing.publish(console.settings, [EXAMPLE])
    peer = "https://data.contoh.go.id/graph/release/rapat-1"
    lines = [f"<{peer}> <https://w3id.org/infopublik/gpr#describes> "
             "<https://data.contoh.go.id/id/article/rapat-1>",
             "<https://data.contoh.go.id/id/article/rapat-1> "
             "<http://schema.org/headline> \"Rapat dari mitra\"",
             "<https://data.contoh.go.id/id/article/rapat-1> "
             "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
             "<http://schema.org/NewsArticle>"]
    with open_store(console.settings) as store:
        number = store.last_number() + 1
        store.write_chunk(number, [ReleaseWrite.from_lines("contoh/rapat-1", peer, lines,
                                                           "h" * 64)],
                          store.releases(), store.tombstoned())
        store.finalize(number)
    listing = client.get("/kelola/siaran").text
    assert "Rapat dari mitra" in listing and "dipanen" in listing
    r = client.get("/kelola/siaran/contoh/rapat-1/koreksi")
    assert r.status_code == 409
    assert "dipanen dari instansi lain" in r.text
    en = console.app().test_client()
    login(en)
    en.get("/kelola/?lang=en")
    assert "harvested from another instance" in en.get(
        "/kelola/siaran/contoh/rapat-1/koreksi?lang=en").text
    assert client.get("/kelola/siaran/tidak-ada/koreksi").status_code == 404
    assert len(console.book.drafts("open")) == 0


def _release(key: str, headline: str, date: str) -> dict:
    return {"kind": "article", "id": key, "headline": headline, "date_published": date,
            "body": f"{headline}. Isi siaran."}


def test_search_date_and_status_filters_combine_and_page(client, console, tmp_path,
                                                         monkeypatch):
    batch = tmp_path / "batch.jsonl"
    rows = [_release("stunting-mei", "Rapat stunting Mei", "2024-05-02"),
            _release("stunting-juni", "Rapat stunting Juni", "2024-06-10"),
            _release("stunting-juli", "Rapat stunting Juli", "2024-07-01"),
            _release("jalan-juni", "Perbaikan jalan Juni", "2024-06-11"),
            _release("stunting-retracted", "Sosialisasi stunting", "2024-06-12")]
    for r in rows:
        r["publisher"], r["organizations"] = "dinas", [{"id": "dinas", "name": "Diskominfo"}]
    batch.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    assert not publishing.publish(console.settings, [batch]).failed
    publishing.retract(console.settings, "stunting-retracted", "Salah kirim stunting")

    def keys(query: str) -> list[str]:
        page = client.get(f"/kelola/siaran?{query}")
        assert page.status_code == 200, page.text[:500]
        return [k for k in ("stunting-mei", "stunting-juni", "stunting-juli", "jalan-juni",
                            "stunting-retracted") if f"<code>{k}</code>" in page.text]

    assert keys("q=stunting") == ["stunting-mei", "stunting-juni", "stunting-juli"]
    assert keys("q=stunting&since=2024-06-01&until=2024-06-30") == ["stunting-juni"]
    assert keys("q=stunting&since=2024-06-01") == ["stunting-juni", "stunting-juli"]
    assert keys("q=stunting&until=2024-05-31") == ["stunting-mei"]
    assert keys("since=2024-06-01&until=2024-06-30") == ["stunting-juni", "jalan-juni"]
    assert keys("q=gempa&since=2024-01-01") == []
    assert keys("q=stunting&status=retracted") == ["stunting-retracted"]
    assert keys("q=jalan&status=retracted") == []
    assert keys("q=stunting&status=retracted&until=2000-01-01") == []
    # paged, with plain URLs that keep every filter
    monkeypatch.setattr(admin, "PER_PAGE", 1)
    first = client.get("/kelola/siaran?q=stunting&since=2024-05-01").text
    assert "<code>stunting-juli</code>" in first
    nxt = read_next(first)
    assert "q=stunting" in nxt and "since=2024-05-01" in nxt and "page=2" in nxt
    second = client.get(nxt).text
    assert "<code>stunting-juni</code>" in second and "<code>stunting-juli</code>" not in second
    third = client.get(read_next(second)).text
    assert "<code>stunting-mei</code>" in third and 'rel="next"' not in third
    assert 'rel="prev"' in third


def read_next(page: str) -> str:
    """The address of the page's "next" link."""
    import html
    import re

    return html.unescape(re.search(r'<a rel="next" href="([^"]+)"', page).group(1))


def test_review_form_reader_still_reads_a_rebuilt_draft(client, console):
    """The rebuilt draft renders every field the form has (nothing lost on a plain save)."""
    publishing.publish(console.settings, [EXAMPLE])
    (console.settings.data_dir / "private" / FILE).unlink()
    url, page = _open(client, json.loads(EXAMPLE.read_text())["id"])
    before = _draft_record(console, url)
    assert submit(client, url, "save").status_code == 302
    after = _draft_record(console, url)
    assert after["headline"] == before["headline"] and after["people"] == before["people"]
    assert read_form(page).data.get("/headline") == before["headline"]


# --------------------------------------------------------------------------- authority list
def test_officers_merge_and_split_people_in_the_console(client, console, tmp_path):
    """The console's merge and split are the CLI's (identity.curation): same result, a new
    version each, audited with the officer's account; a bad request changes nothing."""
    from .test_identity_people import people, release, write

    src = write(tmp_path / "in.jsonl", [
        release("labura-1", "labura", {"name": "Sugeng", "office": "kepala-dinas",
                                       "in_org": True}),
        release("oki-1", "oki", {"name": "Sugeng", "label": "Sugeng, S.Sos"}, day=3)])
    assert not publishing.publish(console.settings, [src]).failed
    sugeng = console.settings.base_iri + "id/person/sugeng"
    before = people(console.settings)
    (oki,) = before["oki-1"]
    assert oki != sugeng
    page = client.get("/kelola/otoritas?kind=person").text
    assert sugeng in page and oki in page
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    # without the CSRF token: refused, nothing changed
    r = client.post("/kelola/otoritas/gabung", data={"kind": "person", "source": oki,
                                                      "target": "sugeng"})
    assert r.status_code == 400 and people(console.settings) == before
    # an unknown entry: a clear message, nothing changed, nothing audited
    r = client.post("/kelola/otoritas/gabung", data={"csrf_token": token, "kind": "person",
                                                      "source": "tidak-ada",
                                                      "target": "sugeng"})
    assert r.status_code == 302
    assert "tidak ada" in client.get(r.headers["Location"]).text
    assert people(console.settings) == before and console.book.audit_log() == []
    version = current_version(console.settings).number
    r = client.post("/kelola/otoritas/gabung", data={"csrf_token": token, "kind": "person",
                                                      "source": oki, "target": "sugeng"})
    assert r.status_code == 302
    assert "digabung ke sugeng" in client.get(r.headers["Location"]).text
    assert people(console.settings)["oki-1"] == {sugeng}
    assert current_version(console.settings).number == version + 1
    entry = console.book.audit_log()[0]
    assert (entry["account"], entry["action"], entry["via"], entry["version"]) == (
        "sari", "merge", "console", version + 1)
    r = client.post("/kelola/otoritas/pisah", data={"csrf_token": token, "kind": "person",
                                                     "entry": "sugeng", "release": "oki-1"})
    assert r.status_code == 302
    assert people(console.settings) == before
    assert [e["action"] for e in console.book.audit_log()] == ["split", "merge"]
    # anonymous callers are refused
    anon = console.app().test_client()
    assert anon.post("/kelola/otoritas/pisah", data={"csrf_token": token}).status_code in (
        400, 401)


def test_a_damaged_records_file_loses_nothing_published(client, console):
    """The kept records are written without fsync (speed); a file damaged by a crash is set
    aside: the release is rebuilt from its graph and the next publish keeps records again."""
    record = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    publishing.publish(console.settings, [EXAMPLE])
    kept = console.settings.data_dir / "private" / FILE
    for suffix in ("-wal", "-shm"):
        Path(f"{kept}{suffix}").unlink(missing_ok=True)
    kept.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)
    url, page = _open(client, record["id"])
    assert REBUILT_ID in page
    assert Path(f"{kept}.damaged").exists()
    r = submit(client, url, "publish", accept_all=True, fields={"/headline": "Judul baru"})
    assert r.status_code == 200 and "(replaced)" in r.text
    assert REBUILT_ID not in _open(client, record["id"])[1]
