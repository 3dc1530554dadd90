"""Dumps: written per version by streaming, parse with rapper, serdi and rdflib, quad count
matches the store; served with ETag, Last-Modified, 304, Range and Content-Disposition."""

from __future__ import annotations

import gzip
import hashlib
import shutil
import subprocess

import pytest
from rdflib import Dataset, Graph

from infopublik_ld.dumps import read_manifest, version_dir, write_dumps
from infopublik_ld.store import open_version
from infopublik_ld.store.export import content_graphs, count_quads
from infopublik_ld.web import create_app

TOOLS = pytest.mark.skipif(not (shutil.which("rapper") and shutil.which("serdi")),
                           reason="Debian's rapper and serdi are needed")


@pytest.fixture(scope="module")
def manifest(small_site):
    return write_dumps(small_site)


@pytest.fixture(scope="module")
def client(small_site, manifest):
    return create_app(small_site).test_client()


def _store_quads(settings) -> int:
    with open_version(settings) as view:
        return count_quads(view, content_graphs(view))


def test_manifest_sizes_and_checksums_are_true(small_site, manifest):
    folder = version_dir(small_site, manifest.version)
    names = {f.name for f in manifest.files}
    assert {"releases.nq.gz", "releases.ttl.gz", "releases-2019.ttl.gz"} <= names
    for f in manifest.files:
        data = (folder / f.name).read_bytes()
        assert len(data) == f.bytes
        assert hashlib.sha256(data).hexdigest() == f.sha256
    assert read_manifest(small_site, manifest.version) == manifest
    # written once: asking again returns the same files
    assert write_dumps(small_site).files == manifest.files


def test_nquads_dump_matches_the_store(small_site, manifest):
    path = version_dir(small_site, manifest.version) / "releases.nq.gz"
    lines = gzip.decompress(path.read_bytes()).decode("utf-8").splitlines()
    assert len(lines) == _store_quads(small_site) == manifest.file("releases.nq.gz").triples
    ds = Dataset()
    ds.parse(data="\n".join(lines), format="nquads")
    graphs = {str(g.identifier) for g in ds.graphs() if len(g)}
    assert f"{small_site.base_iri}graph/release/gen-0000001" in graphs
    assert f"{small_site.base_iri}graph/registry" not in graphs
    assert sum(len(g) for g in ds.graphs()) == len(lines)


def test_turtle_dumps_parse_and_add_up(small_site, manifest):
    folder = version_dir(small_site, manifest.version)
    full = Graph().parse(data=gzip.decompress((folder / "releases.ttl.gz").read_bytes()),
                         format="turtle")
    nq = Dataset()
    nq.parse(data=gzip.decompress((folder / "releases.nq.gz").read_bytes()), format="nquads")
    union = {t for g in nq.graphs() for t in g}
    assert set(full) == union
    text = gzip.decompress((folder / "releases.ttl.gz").read_bytes()).decode("utf-8")
    assert "@prefix schema: <http://schema.org/> ." in text
    years = Graph()
    for f in manifest.files:
        if f.year:
            years += Graph().parse(data=gzip.decompress((folder / f.name).read_bytes()),
                                   format="turtle")
    assert set(years) == set(full)


@TOOLS
@pytest.mark.parametrize("name", ["releases.nq.gz", "releases.ttl.gz", "releases-2019.ttl.gz"])
def test_rapper_and_serdi_parse_every_dump(small_site, manifest, name):
    folder = version_dir(small_site, manifest.version)
    syntax = "nquads" if name.endswith(".nq.gz") else "turtle"
    data = gzip.decompress((folder / name).read_bytes())
    rapper = subprocess.run(["rapper", "-q", "-i", syntax, "-o", "nquads" if syntax == "nquads"
                             else "ntriples", "-", "http://example.org/"], input=data,
                            capture_output=True, check=True)
    serdi = subprocess.run(["serdi", "-q", "-i", syntax, "-o", "nquads" if syntax == "nquads"
                            else "ntriples", "-"], input=data, capture_output=True, check=True)
    assert rapper.returncode == 0 and serdi.returncode == 0
    n_rapper = len(rapper.stdout.splitlines())
    n_serdi = len(serdi.stdout.splitlines())
    assert n_rapper == n_serdi == manifest.file(name).triples
    if syntax == "nquads":
        assert n_rapper == _store_quads(small_site)


def test_served_with_http_caching_and_ranges(client, manifest):
    latest = client.get("/dumps/releases.nq.gz")
    assert latest.status_code == 302
    url = latest.headers["Location"]
    assert url == f"/dumps/{manifest.version}/releases.nq.gz"
    r = client.get(url)
    f = manifest.file("releases.nq.gz")
    assert r.status_code == 200 and r.data and len(r.data) == f.bytes
    assert hashlib.sha256(r.data).hexdigest() == f.sha256
    assert r.headers["ETag"] == f'"{f.sha256}"'
    assert r.headers["Last-Modified"]
    assert "attachment" in r.headers["Content-Disposition"]
    assert f"releases-v{manifest.version}.nq.gz" in r.headers["Content-Disposition"]
    assert "immutable" in r.headers["Cache-Control"]
    assert r.mimetype == "application/gzip"
    assert client.get(url, headers={"If-None-Match": r.headers["ETag"]}).status_code == 304
    assert client.get(url, headers={"If-Modified-Since": r.headers["Last-Modified"]}
                      ).status_code == 304
    part = client.get(url, headers={"Range": "bytes=10-99"})
    assert part.status_code == 206 and part.data == r.data[10:100]
    assert part.headers["Content-Range"] == f"bytes 10-99/{f.bytes}"
    sums = client.get(f"/dumps/{manifest.version}/SHA256SUMS").get_data(as_text=True)
    assert f"{f.sha256}  releases.nq.gz" in sums


def test_dump_index_and_missing_files(client, manifest):
    r = client.get("/dumps/", headers={"Accept": "application/json"})
    assert r.json["version"] == manifest.version and len(r.json["files"]) == len(manifest.files)
    from .htmlcheck import check_html

    assert check_html(client.get("/dumps/", headers={"Accept": "text/html"}).get_data(True)) == []
    for bad in ("/dumps/nothing.gz", f"/dumps/{manifest.version}/nothing.gz", "/dumps/999/x"):
        r = client.get(bad, headers={"Accept": "application/json"})
        assert r.status_code == 404 and r.json["status"] == 404
