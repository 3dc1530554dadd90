"""The store contract, run over both backends: embedded Oxigraph and a real Virtuoso."""

from __future__ import annotations

import copy
import io
import json

import pytest

from infopublik_ld import fts, publishing
from infopublik_ld.errors import Gone, NotFound
from infopublik_ld.rdf.iris import Minter
from infopublik_ld.store import current_version, open_store, open_version

from .conftest import EXAMPLE_JSON
from .conftest_store import BASE

KEY = "2019-09-04-bangun-reputasi-labura-kominfo-gelar-temu-konsultasi-bakohumas"
GRAPH = str(Minter(BASE).graph(KEY))


def write_records(path, records):
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n",
                    encoding="utf-8")
    return path


def variants(n: int) -> list[dict]:
    base = json.loads(EXAMPLE_JSON.read_text(encoding="utf-8"))
    out = []
    for i in range(n):
        r = copy.deepcopy(base)
        r["id"] = f"rilis-{i:03d}"
        r["headline"] = f"{base['headline']} ({i})"
        out.append(r)
    return out


def graph_size(view, graph: str) -> int:
    rows = view.select(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")
    return int(rows[0]["n"])


def test_publish_is_idempotent(store_settings, tmp_path):  # noqa: F811
    first = publishing.publish(store_settings, [EXAMPLE_JSON])
    assert first.added == [KEY] and first.version.number == 1 and not first.failed
    assert first.version.releases == 1 and first.version.triples > 100
    again = publishing.publish(store_settings, [EXAMPLE_JSON])
    assert again.version is None and again.unchanged == 1 and not again.added
    info = current_version(store_settings)
    assert info.number == 1 and info.triples == first.version.triples
    with open_version(store_settings) as view:
        assert graph_size(view, GRAPH) == first.version.triples
        assert [v.number for v in view.versions()] == [1]
        assert set(view.releases()) == {GRAPH}


def test_replace_swaps_the_whole_graph(store_settings, tmp_path):  # noqa: F811
    publishing.publish(store_settings, [EXAMPLE_JSON])
    changed = json.loads(EXAMPLE_JSON.read_text(encoding="utf-8"))
    changed["headline"] = "Judul yang diperbaiki"
    changed["quotes"] = changed["quotes"][:1]
    src = tmp_path / "changed.json"
    src.write_text(json.dumps(changed), encoding="utf-8")
    result = publishing.publish(store_settings, [src])
    assert result.replaced == [KEY] and result.version.number == 2
    with open_version(store_settings) as view:
        heads = view.select(f"SELECT ?h WHERE {{ GRAPH <{GRAPH}> {{ ?a "
                            "<http://schema.org/headline> ?h } }")
        assert [h["h"] for h in heads] == ["Judul yang diperbaiki"]
        assert graph_size(view, GRAPH) == result.version.triples
        assert view.versions(limit=1)[0].replaced == [KEY]


def test_a_release_twice_in_one_batch_ends_as_its_last_copy(store_settings, tmp_path,  # noqa: F811
                                                            monkeypatch):
    """New releases are streamed into a load that commits later: a second copy of one of them
    in the same run waits for that load and replaces it; an identical copy changes nothing."""
    from infopublik_ld.store.oxigraph import OxigraphStore

    # a few new releases go in one transaction (small_write): these take the streamed load
    monkeypatch.setattr(OxigraphStore, "small_write", 0)
    records = variants(3)
    changed = copy.deepcopy(records[1])
    changed["headline"] = "Judul yang diperbaiki"
    src = write_records(tmp_path / "twice.jsonl", [*records, changed, records[2]])
    result = publishing.publish(store_settings, [src])
    assert not result.failed and result.valid == 5
    assert sorted(result.added) == ["rilis-000", "rilis-001", "rilis-002"]
    if store_settings.store == "oxigraph":  # the remote store keeps the last copy of a chunk
        assert result.replaced == ["rilis-001"] and result.unchanged == 1
    graph = str(Minter(BASE).graph("rilis-001"))
    with open_version(store_settings) as view:
        heads = view.select(f"SELECT ?h WHERE {{ GRAPH <{graph}> {{ ?a "
                            "<http://schema.org/headline> ?h } }")
        assert [h["h"] for h in heads] == ["Judul yang diperbaiki"]
        assert graph_size(view, graph) == view.releases()[graph].triples
        assert len(view.releases()) == 3


def test_retract_leaves_a_tombstone(store_settings):  # noqa: F811
    publishing.publish(store_settings, [EXAMPLE_JSON])
    info = publishing.retract(store_settings, KEY, "salah tanggal")
    assert info.number == 2 and info.releases == 0 and info.triples == 0
    assert info.retracted == [KEY]
    with pytest.raises(Gone) as gone:
        publishing.retract(store_settings, KEY, "lagi")
    assert gone.value.tombstone["reason"] == "salah tanggal"
    with pytest.raises(NotFound):
        publishing.retract(store_settings, "tidak-ada", "x")
    with open_version(store_settings) as view:
        assert graph_size(view, GRAPH) == 0
        assert view.tombstone(GRAPH)["key"] == KEY
        assert len(view.select_meta(
            "SELECT ?t WHERE { GRAPH ?g { ?t a <https://w3id.org/infopublik/gpr#Tombstone> ; "
            "<http://www.w3.org/ns/prov#invalidatedAtTime> ?w } }")) == 1
    assert fts.search(store_settings, "humas") == []
    back = publishing.publish(store_settings, [EXAMPLE_JSON])
    assert back.added == [KEY]
    with open_version(store_settings) as view:
        assert view.tombstone(GRAPH) is None


def test_versions_list_their_changes(store_settings, tmp_path):  # noqa: F811
    batch = write_records(tmp_path / "batch.jsonl", variants(3))
    publishing.publish(store_settings, [batch])
    publishing.retract(store_settings, "rilis-001", "duplikat")
    with open_version(store_settings) as view:
        versions = view.versions()
    assert [(v.number, v.added, v.retracted, v.releases) for v in versions] == [
        (2, [], ["rilis-001"], 2), (1, ["rilis-000", "rilis-001", "rilis-002"], [], 3)]


def test_query_and_dump(store_settings):  # noqa: F811
    publishing.publish(store_settings, [EXAMPLE_JSON])
    with open_version(store_settings) as view:
        body = view.query("SELECT ?n WHERE { GRAPH ?g { ?p a <http://schema.org/Person> ; "
                          "<http://schema.org/name> ?n } } ORDER BY ?n")
        names = [b["n"]["value"] for b in json.loads(body)["results"]["bindings"]]
        assert "Kharuddin Syah" in names
        bound = view.query("SELECT ?a ?h WHERE { GRAPH ?g { ?a <http://schema.org/headline> ?h } }",
                           substitutions={"a": f"{BASE}id/article/{KEY}"})
        assert len(json.loads(bound)["results"]["bindings"]) == 1
        out = io.BytesIO()
        view.dump(out)
    lines = out.getvalue().decode("utf-8").splitlines()
    assert sum(1 for line in lines if line.endswith(f"<{GRAPH}> .")) == \
        current_version(store_settings).triples


def test_full_text_index_follows_publish_and_reindex(store_settings, tmp_path):  # noqa: F811
    batch = write_records(tmp_path / "batch.jsonl", variants(2))
    publishing.publish(store_settings, [batch])
    hits = fts.search(store_settings, "Sugeng")
    assert sorted(h["key"] for h in hits) == ["rilis-000", "rilis-001"]
    assert fts.search(store_settings, "(1)")[0]["key"] == "rilis-001"
    (store_settings.data_dir / fts.FILE).unlink()
    assert fts.search(store_settings, "Sugeng") == []
    assert publishing.reindex(store_settings) == 2
    assert len(fts.search(store_settings, "humas")) == 2


def test_fts_query_cannot_inject_syntax(store_settings):  # noqa: F811
    publishing.publish(store_settings, [EXAMPLE_JSON])
    assert [h["key"] for h in fts.search(store_settings, 'Sugeng" (*')] == [KEY]
    assert fts.search(store_settings, "NOT AND OR") == []


def test_writer_recovers_an_unfinished_version(store_settings):  # noqa: F811
    publishing.publish(store_settings, [EXAMPLE_JSON])
    with open_store(store_settings) as store:
        assert store.unfinished() == []
        store.retract(2, GRAPH, KEY, "uji", "2024-01-01T00:00:00+00:00")  # no header: a crash
        assert store.unfinished() == [2]
    with open_store(store_settings) as store:  # opening finishes it
        assert store.unfinished() == []
        assert store.versions(limit=1)[0].interrupted
    assert current_version(store_settings).number == 2
