"""Dumps follow what changed (issue 15 item 6): a publish rewrites only the years whose
releases changed, the full dumps are assembled from per-year gzip members and equal the
store, and the catalogue and /dumps/ point to the newest complete dumps, saying which
version they hold."""

from __future__ import annotations

import gzip
import json
import time

import pytest
from rdflib import Graph, Literal, Namespace, URIRef

from infopublik_ld.dumps import latest_manifest, read_manifest, version_dir, write_dumps
from infopublik_ld.publishing import publish, retract
from infopublik_ld.store import open_version
from infopublik_ld.store.export import content_graphs, count_quads
from infopublik_ld.web import create_app

from .conftest import EXAMPLE_JSON
from .sites import build_site

GPR = Namespace("https://w3id.org/infopublik/gpr#")
DCAT = Namespace("http://www.w3.org/ns/dcat#")


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    settings = build_site(tmp_path_factory.mktemp("incremental"), 200)
    write_dumps(settings)
    return settings


def _inodes(settings, number: int) -> dict[str, int]:
    folder = version_dir(settings, number)
    return {p.name: p.stat().st_ino for p in folder.iterdir() if p.name.startswith("releases-")}


def _quads(path) -> set[str]:
    return set(gzip.decompress(path.read_bytes()).decode("utf-8").splitlines())


def _store_quads(settings) -> int:
    with open_version(settings) as view:
        return count_quads(view, content_graphs(view))


def _record(tmp_path, key: str, date: str):
    record = json.loads(EXAMPLE_JSON.read_text(encoding="utf-8"))
    record["id"], record["date_published"] = key, date
    record["headline"] = f"Rilis {key}"
    record["event"]["start_date"] = date
    path = tmp_path / f"{key}.json"
    path.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    return path


def test_one_release_rewrites_one_year(site, tmp_path):
    first = read_manifest(site, 1)
    before = _inodes(site, 1)
    assert not publish(site, [_record(tmp_path, "satu-rilis-2016", "2016-05-02")]).failed
    second = write_dumps(site)
    assert second.version == 2
    after = _inodes(site, 2)
    assert set(after) == set(before)
    rewritten = {name for name in after if after[name] != before[name]}
    assert rewritten == {"releases-2016.ttl.gz"}  # the other years are the same files
    old16, new16 = first.file("releases-2016.ttl.gz"), second.file("releases-2016.ttl.gz")
    assert new16.sha256 != old16.sha256 and new16.triples > old16.triples
    folder = version_dir(site, 2)
    nq = _quads(folder / "releases.nq.gz")  # a series of gzip members, read as one file
    assert len(nq) == _store_quads(site) == second.file("releases.nq.gz").triples
    assert any("satu-rilis-2016" in line for line in nq)
    full = Graph().parse(data=gzip.decompress((folder / "releases.ttl.gz").read_bytes()),
                         format="turtle")
    years = Graph()
    for f in second.files:
        if f.year:
            years.parse(data=gzip.decompress((folder / f.name).read_bytes()), format="turtle")
    assert set(years) == set(full) and len(full) > 0


def test_retraction_and_a_changed_date_rewrite_both_years(site, tmp_path):
    latest = write_dumps(site)
    before = _inodes(site, latest.version)
    # the same key, now dated 2018: leaves 2016 and joins 2018
    assert not publish(site, [_record(tmp_path, "satu-rilis-2016", "2018-07-09")]).failed
    moved = write_dumps(site)
    after = _inodes(site, moved.version)
    assert {n for n in after if after[n] != before.get(n)} == \
        {"releases-2016.ttl.gz", "releases-2018.ttl.gz"}
    retract(site, "satu-rilis-2016", "uji")
    gone = write_dumps(site)
    nq = _quads(version_dir(site, gone.version) / "releases.nq.gz")
    assert not any("satu-rilis-2016" in line for line in nq)
    assert len(nq) == _store_quads(site)
    # from scratch (no parts) gives the same content
    import shutil

    from infopublik_ld.dumps import dumps_dir

    shutil.rmtree(dumps_dir(site))
    again = write_dumps(site)
    assert [(f.name, f.triples) for f in again.files] == \
        [(f.name, f.triples) for f in gone.files]
    assert _quads(version_dir(site, gone.version) / "releases.nq.gz") == nq


def test_catalogue_and_dumps_page_point_to_the_newest_complete_dumps(site, tmp_path):
    done = write_dumps(site)
    assert not publish(site, [_record(tmp_path, "baru-2019", "2019-03-04")]).failed
    newest = done.version + 1
    assert read_manifest(site, newest) is None  # publish itself wrote no dumps
    client = create_app(site).test_client()
    g = Graph().parse(data=client.get("/catalog", headers={"Accept": "text/turtle"}).data,
                      format="turtle")
    urls = {str(u) for u in g.objects(None, DCAT.downloadURL)}
    assert urls and all(f"/dumps/{done.version}/" in u for u in urls)
    held = set(g.objects(None, GPR.versionNumber))
    assert held == {Literal(done.version)}
    dataset_version = {str(v) for v in g.objects(None, URIRef(str(DCAT) + "version"))}
    assert dataset_version == {str(newest)}
    page = client.get("/dumps/?lang=en", headers={"Accept": "text/html"}).get_data(True)
    assert f"Newest complete dumps: dataset version {done.version}" in page
    assert f"the dumps of version {newest} are being written" in page
    # the request started writing the newest dumps in the background
    deadline = time.monotonic() + 120
    while latest_manifest(site).version != newest:
        assert time.monotonic() < deadline, "the newest dumps were never written"
        time.sleep(0.1)
    r = client.get("/dumps/", headers={"Accept": "application/json"})
    assert r.json["version"] == newest
    assert client.get(f"/dumps/{newest + 1}/releases.nq.gz").status_code == 404


def test_background_writers_write_the_newest_version_once(site, tmp_path, monkeypatch):
    """Versions published in quick succession: the background writer writes the newest one
    (not each in turn); a writer that finds another at work leaves at once; the one at work
    writes a version committed while it wrote."""
    import fcntl

    from infopublik_ld import dumps
    from infopublik_ld.store import current_version

    start = write_dumps(site).version
    for key in ("cepat-1", "cepat-2"):
        assert not publish(site, [_record(tmp_path, key, "2020-06-01")]).failed
    newest = current_version(site).number
    assert newest == start + 2
    with open(dumps.dumps_dir(site) / ".lock", "w") as held:  # another writer at work
        fcntl.flock(held, fcntl.LOCK_EX)
        assert dumps.catch_up(site) is None
    assert latest_manifest(site).version == start
    real, calls = dumps._write_locked, []

    def write_while_publishing(settings, number):
        calls.append(number)
        if len(calls) == 1:  # a publish commits while the dumps are being written
            assert not publish(site, [_record(tmp_path, "cepat-3", "2021-06-01")]).failed
        return real(settings, number)

    monkeypatch.setattr(dumps, "_write_locked", write_while_publishing)
    done = dumps.catch_up(site)
    assert calls == [newest, newest + 1] and done.version == newest + 1
    assert read_manifest(site, newest - 1) is None  # skipped: a newer one was there
    assert latest_manifest(site).version == newest + 1
    assert _quads(version_dir(site, newest + 1) / "releases.nq.gz").__len__() == \
        _store_quads(site)
