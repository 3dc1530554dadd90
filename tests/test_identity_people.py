"""One IRI per real person and organisation, never one for two (issue 13): resolution of
mentions against the authority list at publish time, determinism, republishing."""

from __future__ import annotations

import json

import pytest

from infopublik_ld import publishing
from infopublik_ld.store import open_version
from infopublik_ld.vocab import RDF, SCHEMA

from .conftest_store import BASE, make_data_dir

AGENCIES = {
    "labura": ("Dinas Komunikasi dan Informatika Kabupaten Labuhanbatu Utara", "12.23",
               "Aek Kanopan"),
    "oki": ("Dinas Komunikasi dan Informatika Kabupaten Ogan Komering Ilir", "16.02",
            "Kayuagung"),
}


def release(key: str, agency: str, person: dict, *, org_name: str | None = None,
            day: int = 1) -> dict:
    """A small release of ``agency`` quoting ``person`` (name, label, job_title, office;
    ``in_org`` ties the person to the publishing organisation)."""
    name, region, dateline = AGENCIES[agency]
    org = {"id": "dinas", "name": org_name or name, "kind": "unit", "region": region}
    p = {"id": "p1", "name": person["name"], "label": person.get("label", person["name"])}
    for f in ("job_title", "office"):
        if person.get(f):
            p[f] = person[f]
    if person.get("in_org"):
        p["organization"] = "dinas"
    return {"kind": "article", "id": key, "headline": f"Rilis {key}",
            "date_published": f"2024-03-{day:02d}", "dateline": dateline,
            "dateline_region": region, "publisher": "dinas", "organizations": [org],
            "people": [p], "quotes": [{"text": f"Kutipan {key}.", "speaker": "p1"}]}


def write(path, records) -> str:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return str(path)


def people(settings) -> dict[str, set[str]]:
    """Release key → IRIs of the schema:Person resources in it."""
    with open_version(settings) as view:
        rows = view.select(f"SELECT ?g ?p WHERE {{ GRAPH ?g {{ ?p <{RDF.type}> "
                           f"<{SCHEMA.Person}> }} }}")
    out: dict[str, set[str]] = {}
    for r in rows:
        out.setdefault(r["g"].rsplit("/", 1)[1], set()).add(r["p"])
    return out


def orgs(settings) -> set[str]:
    with open_version(settings) as view:
        rows = view.select(f"SELECT DISTINCT ?o WHERE {{ GRAPH ?g {{ ?o <{RDF.type}> "
                           f"<{SCHEMA.GovernmentOrganization}> }} }}")
    return {r["o"] for r in rows}


@pytest.fixture
def settings(tmp_path):
    return make_data_dir(tmp_path / "data")


TITLES = [
    {"name": "Sugeng", "label": "Drs. Sugeng"},
    {"name": "Sugeng", "label": "Sugeng, Kadis Kominfo", "job_title": "Kadis Kominfo",
     "office": "kepala-dinas", "in_org": True},
    {"name": "Sugeng", "label": "Drs. Sugeng, M.Si", "job_title": "Kepala Dinas Kominfo Labura",
     "office": "kepala-dinas", "in_org": True},
    {"name": "Sugeng", "label": "Sugeng"},
    {"name": "Sugeng", "label": "Sugeng S.Sos", "job_title": "Kadis"},
    {"name": "Sugeng", "label": "Drs Sugeng", "office": "kepala-dinas"},
    {"name": "Sugeng", "label": "SUGENG", "in_org": True},
    {"name": "Sugeng", "label": "Sugeng, Kepala Diskominfo", "job_title": "Kepala Diskominfo"},
    {"name": "Sugeng", "label": "Pak Sugeng"},
    {"name": "Sugeng", "label": "Drs. Sugeng", "job_title": "Plt. Kadis Kominfo",
     "in_org": True},
]


def test_same_name_in_two_agencies_is_two_people(settings, tmp_path):
    src = write(tmp_path / "in.jsonl", [
        release("labura-1", "labura", {"name": "Sugeng", "label": "Drs. Sugeng"}),
        release("oki-1", "oki", {"name": "Sugeng", "label": "Sugeng"})])
    assert not publishing.publish(settings, [src]).failed
    found = people(settings)
    assert found["labura-1"] != found["oki-1"]
    assert found["labura-1"] == {BASE + "id/person/sugeng"}
    (other,) = found["oki-1"]
    assert other.startswith(BASE + "id/person/sugeng-")


def test_one_official_with_varying_titles_is_one_person(settings, tmp_path):
    records = [release(f"labura-{i}", "labura", t, day=i + 1) for i, t in enumerate(TITLES)]
    # the agency's name varies too: one organisation
    records[3]["organizations"][0]["name"] = "Diskominfo Labura"
    records[4]["organizations"][0]["name"] = "Kominfo Labura"
    src = write(tmp_path / "in.jsonl", records)
    assert not publishing.publish(settings, [src]).failed
    found = people(settings)
    assert len(found) == 10
    assert set().union(*found.values()) == {BASE + "id/person/sugeng"}
    assert orgs(settings) == {
        BASE + "id/organization/dinas-komunikasi-dan-informatika-kabupaten-labuhanbatu-utara"}


def test_same_name_same_region_different_office_is_two_people(settings, tmp_path):
    a = release("a", "labura", {"name": "Agus Salim", "office": "camat", "in_org": True})
    a["organizations"][0] = {"id": "dinas", "name": "Kecamatan Kualuh Hulu",
                             "region": "12.23", "kind": "unit"}
    b = release("b", "labura", {"name": "Agus Salim", "office": "kepala-dinas",
                                "in_org": True})
    src = write(tmp_path / "in.jsonl", [a, b])
    assert not publishing.publish(settings, [src]).failed
    found = people(settings)
    assert found["a"] != found["b"]


def test_same_input_same_iris_and_republishing_changes_nothing(tmp_path):
    records = [release("labura-1", "labura", {"name": "Sugeng"}),
               release("oki-1", "oki", {"name": "Sugeng"}),
               release("oki-2", "oki", {"name": "Sugeng", "office": "kepala-dinas",
                                        "in_org": True})]
    src = write(tmp_path / "in.jsonl", records)
    one, two = make_data_dir(tmp_path / "one"), make_data_dir(tmp_path / "two")
    assert not publishing.publish(one, [src]).failed
    assert not publishing.publish(two, [src]).failed
    assert people(one) == people(two)
    assert people(one)["oki-1"] == people(one)["oki-2"]
    before = people(one)
    again = publishing.publish(one, [src])
    assert again.version is None and again.unchanged == 3
    # the same releases as new input bytes (reformatted, in another order): mapped and
    # resolved again (their provenance names the new source), and every IRI stays
    src2 = tmp_path / "in2.jsonl"
    src2.write_text("".join(json.dumps(r, separators=(",", ":")) + "\n"
                            for r in reversed(records)), encoding="utf-8")
    again = publishing.publish(one, [src2])
    assert again.unchanged_inputs == 0 and not again.failed
    assert people(one) == before


def test_retracted_person_iri_is_never_minted_again(settings, tmp_path):
    src = write(tmp_path / "a.jsonl", [release("oki-1", "oki", {"name": "Sugeng"})])
    assert not publishing.publish(settings, [src]).failed
    publishing.retract(settings, "oki-1", "salah / wrong")
    src = write(tmp_path / "b.jsonl", [release("labura-1", "labura", {"name": "Sugeng"})])
    assert not publishing.publish(settings, [src]).failed
    assert people(settings)["labura-1"] != {BASE + "id/person/sugeng"}
    # republishing the retracted release restores its person
    src = write(tmp_path / "c.jsonl", [release("oki-1", "oki", {"name": "Sugeng"}, day=2)])
    assert not publishing.publish(settings, [src]).failed
    assert people(settings)["oki-1"] == {BASE + "id/person/sugeng"}


def test_a_literal_that_looks_like_a_placeholder_is_left_alone(settings, tmp_path):
    r = release("labura-1", "labura", {"name": "Sugeng"})
    trap = "lihat <urn:x-infopublik-ld:ref:person:p1> dan <urn:x-infopublik-ld:ref:x:y>"
    r["body"] = trap
    src = write(tmp_path / "in.jsonl", [r])
    assert not publishing.publish(settings, [src]).failed
    with open_version(settings) as view:
        rows = view.select(f"SELECT ?b WHERE {{ GRAPH ?g {{ ?a <{SCHEMA.articleBody}> ?b }} }}")
    assert [row["b"] for row in rows] == [trap]
    assert people(settings)["labura-1"] == {BASE + "id/person/sugeng"}
