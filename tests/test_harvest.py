"""Instance to instance: two servers on 127.0.0.1; publish and retract on one, harvest on the
other, compare. Failures (bad checksum, unparseable dump, unreachable peer, foreign URLs) leave
the harvesting store as it was."""

from __future__ import annotations

import gzip
import hashlib
import json
import socket
import threading

import pytest
from werkzeug.serving import make_server

from infopublik_ld.config import load_settings
from infopublik_ld.dumps import read_manifest, version_dir, write_dumps
from infopublik_ld.harvesting import HarvestError, harvest
from infopublik_ld.publishing import init_data_dir, publish, retract
from infopublik_ld.store import current_version, open_version
from infopublik_ld.store.export import content_graphs, graph_quads
from infopublik_ld.web import create_app

from .sites import BACKENDS, ROOT, engine_values, leave_only_the_site, write_generated


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """A real HTTP server on 127.0.0.1 in a thread; records the paths it was asked for."""

    def __init__(self, settings, port):
        self.paths: list[str] = []
        app = create_app(settings)
        inner = app.wsgi_app

        def recording(environ, start_response):
            self.paths.append(environ["PATH_INFO"])
            return inner(environ, start_response)

        app.wsgi_app = recording
        self.server = make_server("127.0.0.1", port, app, threaded=True)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def stop(self):
        self.server.shutdown()


def _site(root, port, *, n=0, example=False, engine: dict | None = None):
    data = root / "data"
    engine = dict(engine or {})
    password = engine.pop("sparql_password", "")
    init_data_dir(data, base_iri=f"http://127.0.0.1:{port}/", agency_name=f"Dinas {port}",
                  agency_email="ppid@example.go.id", agency_region="12.23", **engine)
    settings = load_settings(data, **({"sparql_password": password} if password else {}))
    inputs = [ROOT / "examples" / "labura-bakohumas-2019.json"] if example else []
    if n:
        inputs.append(write_generated(root / "gen.jsonl", n))
    if inputs:
        assert not publish(settings, inputs).failed
    return settings


def _quads(settings, prefix: str) -> set[str]:
    """Release-graph quads whose graph starts with ``prefix`` (provenance link dropped)."""
    out = set()
    with open_version(settings) as view:
        for g in content_graphs(view):
            if not g.startswith(prefix):
                continue
            for q in graph_quads(view, g):
                if "hadPrimarySource" not in str(q.predicate):
                    out.add(str(q))
    return out


@pytest.fixture(scope="module", params=BACKENDS)
def peers(request, tmp_path_factory):
    """An embedded source instance and a harvesting one on each backend."""
    pa, pb = _free_port(), _free_port()
    a = _site(tmp_path_factory.mktemp("peer-a"), pa, n=20, example=True)
    b = _site(tmp_path_factory.mktemp("peer-b"), pb,
              engine=engine_values(request, request.param))
    sa, sb = Server(a, pa), Server(b, pb)
    yield a, b, sa, f"http://127.0.0.1:{pa}/catalog"
    sa.stop()
    sb.stop()
    leave_only_the_site(request, request.param)


def test_harvest_publish_retract_compare(peers):
    a, b, server, url = peers
    first = harvest(b, url)
    assert first.mode == "dump" and len(first.written) == 21 and first.version
    # harvested releases are searchable at once, not only after the next publish/reindex
    from infopublik_ld import fts

    hits = fts.search(b, "Bakohumas")
    assert any("bangun-reputasi-labura" in h["key"] for h in hits), hits
    assert _quads(b, a.base_iri) == _quads(a, a.base_iri)
    # provenance names the source
    with open_version(b) as view:
        rows = view.select("SELECT ?g ?s WHERE { GRAPH ?g { ?g "
                           "<http://www.w3.org/ns/prov#hadPrimarySource> ?s } }")
    assert len(rows) == 21 and {r["s"] for r in rows} == {url}

    # twice: nothing changes, no new version, no dump download
    before = current_version(b).number
    server.paths.clear()
    again = harvest(b, url)
    assert again.written == [] and again.retracted == [] and again.version is None
    assert current_version(b).number == before
    assert not any(p.startswith("/dumps/") for p in server.paths)

    # publish 3 more and retract one on the peer; harvest follows the change feed
    extra = write_generated(a.data_dir.parent / "more.jsonl", 3, start=100)
    assert not publish(a, [extra]).failed
    retract(a, "gen-0000003", "duplikat / duplicate")
    server.paths.clear()
    third = harvest(b, url)
    assert third.mode == "changes"
    assert len(third.written) == 3 and len(third.retracted) == 1
    assert not any(p.startswith("/dumps/") for p in server.paths)
    assert any(p.startswith("/changes/") for p in server.paths)
    # the feed also lists each version of the peer's counts: not a release, never fetched
    assert not any("statistics" in p for p in server.paths)
    assert _quads(b, a.base_iri) == _quads(a, a.base_iri)
    with open_version(b) as view:
        stone = view.tombstone(f"{a.base_iri}graph/release/gen-0000003")
    assert stone and "retracted at the source" in stone["reason"]

    # a full re-harvest agrees with the feed and writes nothing
    full = harvest(b, url, full=True)
    assert full.mode == "dump" and full.written == [] and full.retracted == []
    assert _quads(b, a.base_iri) == _quads(a, a.base_iri)


def _tamper(settings, make_bad):
    """Replace the current N-Quads dump of ``settings`` by ``make_bad(bytes)``; return undo."""
    manifest = write_dumps(settings)
    path = version_dir(settings, manifest.version) / "releases.nq.gz"
    mpath = path.parent / "manifest.json"
    good, good_manifest = path.read_bytes(), mpath.read_text()
    bad, fix_manifest = make_bad(good)
    path.write_bytes(bad)
    if fix_manifest:
        doc = json.loads(good_manifest)
        for f in doc["files"]:
            if f["name"] == "releases.nq.gz":
                f["sha256"], f["bytes"] = hashlib.sha256(bad).hexdigest(), len(bad)
        mpath.write_text(json.dumps(doc))

    def undo():
        path.write_bytes(good)
        mpath.write_text(good_manifest)
    return undo


@pytest.mark.parametrize("case,message", [
    ("checksum", "SHA-256"), ("unparseable", "does not parse"), ("truncated", "bytes")])
def test_broken_dumps_leave_the_store_as_it_was(peers, case, message):
    a, b, _, url = peers
    makers = {
        "checksum": lambda good: (good[:-8] + b"\0" * 8, False),
        "unparseable": lambda good: (gzip.compress(b"<a> <b> this is not RDF .\n", mtime=0),
                                     True),
        "truncated": lambda good: (good[: len(good) // 2], False),
    }
    undo = _tamper(a, makers[case])
    before = current_version(b)
    try:
        with pytest.raises(HarvestError) as err:
            harvest(b, url, full=True)
    finally:
        undo()
    assert message in err.value.message_en
    assert current_version(b) == before


def test_unreachable_peer(peers):
    _, b, _, _ = peers
    before = current_version(b)
    with pytest.raises(HarvestError, match="cannot reach"):
        harvest(b, f"http://127.0.0.1:{_free_port()}/catalog")
    assert current_version(b) == before


def test_foreign_urls_in_a_catalogue_are_refused(tmp_path, peers):
    _, b, _, _ = peers
    port = _free_port()
    evil = ("@prefix dcat: <http://www.w3.org/ns/dcat#> . @prefix spdx: "
            "<http://spdx.org/rdf/terms#> .\n<x> a dcat:Dataset ; dcat:distribution <d> .\n"
            "<d> dcat:mediaType <http://www.iana.org/assignments/media-types/application/"
            "n-quads> ; dcat:downloadURL <http://example.org/dump.nq.gz> ; dcat:byteSize 1 ;"
            " spdx:checksum [ spdx:checksumValue \"00\" ] .\n")

    def app(environ, start_response):
        start_response("200 OK", [("Content-Type", "text/turtle")])
        return [evil.encode()]

    srv = make_server("127.0.0.1", port, app)
    t = threading.Thread(target=srv.serve_forever, daemon=True)
    t.start()
    try:
        with pytest.raises(HarvestError, match="not on the catalogue's origin"):
            harvest(b, f"http://127.0.0.1:{port}/catalog")
    finally:
        srv.shutdown()


def test_cli_harvest(peers, runner):
    from infopublik_ld.cli import main

    a, b, _, url = peers
    r = runner.invoke(main, ["--data", str(b.data_dir), "harvest", url])
    assert r.exit_code == 0, r.output
    assert json.loads(r.output)["peer_version"] == current_version(a).number
    bad = runner.invoke(main, ["--data", str(b.data_dir), "--lang", "en", "harvest",
                               f"http://127.0.0.1:{_free_port()}/catalog"])
    assert bad.exit_code != 0 and "cannot reach" in bad.output
    assert read_manifest(a, current_version(a).number) is not None


def test_harvest_from_the_site_address_finds_the_catalogue(peers, tmp_path):
    """Given the home page, harvest follows its Link header to the catalogue (issue 15); a
    page that names no catalogue is refused with a clear message, never parsed as Turtle."""
    a, _, server, url = peers
    home = url.rsplit("/", 1)[0] + "/"
    c = _site(tmp_path / "c", _free_port())
    result = harvest(c, home)
    assert result.mode == "dump" and result.written
    assert _quads(c, a.base_iri) == _quads(a, a.base_iri)
    state = json.loads((c.data_dir / "harvest" / f"{result.peer}.json").read_text("utf-8"))
    assert state["catalog"] == url
    with pytest.raises(HarvestError) as info:
        harvest(c, home + "dumps/")
    assert "names no DCAT catalogue" in info.value.message_en
    assert "/catalog" in info.value.message_en and "Turtle" not in info.value.message_en
