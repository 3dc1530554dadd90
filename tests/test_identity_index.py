"""The authority index (identity/index.py): a file beside the store that publishing asks key
by key and reconciliation searches, derived from the stored decisions. It must give the same
IRIs as the whole authority list would, follow every kind of version (publish, retraction,
merge, split), be rebuilt when lost, and be ready right after a publish."""

from __future__ import annotations

import pytest

from infopublik_ld import publishing
from infopublik_ld.identity import curation, registry
from infopublik_ld.identity import index as aindex
from infopublik_ld.identity import reconcile as rec
from infopublik_ld.store import open_store, open_version
from infopublik_ld.vocab import SCHEMA

from .conftest_store import BASE, make_data_dir
from .test_identity_people import people, release, write

PEOPLE = [("labura", {"name": "Sugeng", "office": "kepala-dinas", "in_org": True}),
          ("oki", {"name": "Sugeng"}),
          ("labura", {"name": "Agus Salim", "office": "camat"}),
          ("oki", {"name": "Sugeng", "label": "Drs. Sugeng"}),
          ("labura", {"name": "Rina Harahap"}),
          ("oki", {"name": "Agus Salim"})]


def batch(prefix: str, day: int = 1) -> list[dict]:
    return [release(f"{prefix}-{i}", agency, person, day=day)
            for i, (agency, person) in enumerate(PEOPLE)]


def stamp(settings) -> tuple[int, str] | None:
    with aindex.AuthorityIndex(settings.data_dir) as idx:
        return idx.stamp()


def head(settings) -> tuple[int, str]:
    with open_version(settings) as view:
        v = view.versions(limit=1, changes=False)[0]
    return v.number, v.time


def find(settings, name: str, **q) -> list[dict]:
    with open_version(settings) as view:
        number = view.versions(limit=1, changes=False)[0].number
        index = rec.index_for(settings, view, number)
        return rec.reconcile_one(index, {"query": name, "type": "person", **q})


def test_ready_after_publish_and_never_scans(settings_pair, tmp_path, monkeypatch):
    one, _ = settings_pair
    assert not publishing.publish(one, [write(tmp_path / "a.jsonl", batch("a"))]).failed
    # the publisher committed the index for the version it made: the first reconciliation
    # request finds it ready (nothing to build)
    assert stamp(one) == head(one)

    # a later publish asks for the keys its mentions have, never for the whole list
    def scan(*_a, **_k):
        raise AssertionError("the whole authority list was read")
    monkeypatch.setattr(registry, "stored_mentions", scan)
    assert not publishing.publish(one, [write(tmp_path / "b.jsonl", batch("b", 2))]).failed
    assert stamp(one) == head(one)
    found = people(one)
    assert found["b-0"] == found["a-0"] and found["b-1"] == found["a-1"]


@pytest.fixture
def settings_pair(tmp_path):
    return make_data_dir(tmp_path / "one"), make_data_dir(tmp_path / "two")


def test_same_iris_whatever_the_index_went_through(settings_pair, tmp_path):
    """Published in three runs (the index lost between two of them, so rebuilt) or in one:
    the same IRIs."""
    one, two = settings_pair
    first, second, third = batch("a"), batch("b", 2), batch("c", 3)
    for records in (first, second):
        assert not publishing.publish(one, [write(tmp_path / "x.jsonl", records)]).failed
    for suffix in ("", "-wal", "-shm"):
        (one.data_dir / (aindex.FILE + suffix)).unlink(missing_ok=True)
    assert not publishing.publish(one, [write(tmp_path / "x.jsonl", third)]).failed
    assert not publishing.publish(two, [write(tmp_path / "y.jsonl",
                                              first + second + third)]).failed
    assert people(one) == people(two)
    assert stamp(one) == head(one)


def test_follows_retraction_merge_and_split(settings_pair, tmp_path):
    s, _ = settings_pair
    assert not publishing.publish(s, [write(tmp_path / "a.jsonl", batch("a"))]).failed
    found = people(s)
    (labura,), (oki,) = found["a-0"], found["a-1"]
    assert labura != oki
    assert {c["id"] for c in find(s, "Sugeng", limit=5)} == {labura, oki}

    # a merge is made outside publishing: the next reader catches up from the change log
    curation.merge(s, "person", oki, labura, user="test")
    assert stamp(s) != head(s)
    assert [c["id"] for c in find(s, "Sugeng", limit=5)] == [labura]
    assert stamp(s) == head(s)

    # a-3 quotes the same Sugeng of OKI: his IRI is not a-1's alone, a new one is minted
    new, _info = curation.split(s, "person", labura, "a-1", user="test")
    assert new not in (labura, oki)
    assert {c["id"] for c in find(s, "Sugeng", limit=5)} == {labura, new}

    # a retraction: its people leave reconciliation, its IRIs stay taken
    publishing.retract(s, "a-4", "salah / wrong")
    assert not find(s, "Rina Harahap")
    src = write(tmp_path / "b.jsonl", [release("b-9", "oki", {"name": "Rina Harahap"})])
    assert not publishing.publish(s, [src]).failed
    (rina,) = people(s)["b-9"]
    assert rina != BASE + "id/person/rina-harahap"  # the retracted release's IRI
    assert [c["id"] for c in find(s, "Rina Harahap")] == [rina]


def test_a_failed_publish_leaves_the_index_as_it_was(settings_pair, tmp_path):
    s, _ = settings_pair
    assert not publishing.publish(s, [write(tmp_path / "a.jsonl", batch("a"))]).failed
    before = stamp(s)
    records = batch("b", 2)
    records[2]["people"][0]["name"] = ""  # invalid: the whole run is refused
    result = publishing.publish(s, [write(tmp_path / "b.jsonl", records)],
                                all_or_nothing=True)
    assert result.all_or_nothing_blocked and result.version is None
    assert stamp(s) == before
    with aindex.AuthorityIndex(s.data_dir) as idx:
        graphs = {g for (g,) in idx.db.execute("SELECT DISTINCT graph FROM mention")}
    assert graphs == {BASE + f"graph/release/a-{i}" for i in range(len(PEOPLE))}


def test_index_rows_match_the_stored_decisions(settings_pair, tmp_path):
    """Rows kept while publishing equal the rows a rebuild reads from the store."""
    s, _ = settings_pair
    assert not publishing.publish(s, [write(tmp_path / "a.jsonl", batch("a"))]).failed
    assert not publishing.publish(s, [write(tmp_path / "b.jsonl", batch("b", 2))]).failed
    query = "SELECT * FROM mention ORDER BY graph, kind, iri, key, name, label"
    with aindex.AuthorityIndex(s.data_dir) as idx:
        kept = idx.db.execute(query).fetchall()
    with open_store(s) as store, aindex.AuthorityIndex(None) as fresh:
        assert fresh.sync(store) == "rebuilt"
        rebuilt = fresh.db.execute(query).fetchall()
    assert kept == rebuilt and kept


def test_braces_in_text_survive(settings_pair, tmp_path):
    s, _ = settings_pair
    r = release("labura-1", "labura", {"name": "Sugeng"})
    r["body"] = "format {0} {x} }}{{ {"
    assert not publishing.publish(s, [write(tmp_path / "in.jsonl", [r])]).failed
    with open_version(s) as view:
        rows = view.select(f"SELECT ?b WHERE {{ GRAPH ?g {{ ?a <{SCHEMA.articleBody}> ?b }} }}")
    assert [row["b"] for row in rows] == ["format {0} {x} }}{{ {"]
    assert people(s)["labura-1"] == {BASE + "id/person/sugeng"}
