"""``infopublik-ld migrate``: a store published with the IRIs of before the authority list
(minted from names, regulations without issuer) is brought to the identity rules in one
version; old IRIs answer 301; a harvester follows it as a normal version."""

from __future__ import annotations

from infopublik_ld import publishing
from infopublik_ld.harvesting import harvest
from infopublik_ld.identity.migrate import migrate
from infopublik_ld.store import open_version
from infopublik_ld.vocab import SCHEMA
from infopublik_ld.web import create_app

from .test_harvest import Server, _free_port, _quads, _site
from .test_identity_people import orgs, people, release

OLD_REG = "https://w3id.org/infopublik/id/regulation/perda/2021/4"


def _citations(settings) -> dict[str, set[str]]:
    with open_version(settings) as view:
        rows = view.select(f"SELECT ?g ?r WHERE {{ GRAPH ?g {{ ?a <{SCHEMA.citation}> ?r }} }}")
    out: dict[str, set[str]] = {}
    for r in rows:
        out.setdefault(r["g"].rsplit("/", 1)[1], set()).add(r["r"])
    return out


def _old_rdf(tmp_path, records, base):
    """The releases as the earlier version published them (N-Quads)."""
    from rdflib import Dataset, URIRef

    from infopublik_ld.pipeline import prepare
    from infopublik_ld.records.schema import check_record

    ds = Dataset()
    for r in records:
        rel = prepare(check_record(r), source=b"old", base=base).release
        g = ds.graph(rel.graph_iri)
        for s, p, o in rel.triples:
            if str(o).startswith(f"{base}id/regulation/"):
                o = URIRef(OLD_REG)
            if str(s).startswith(f"{base}id/regulation/"):
                s = URIRef(OLD_REG)
            g.add((s, p, o))
    path = tmp_path / "old.nq"
    path.write_text(ds.serialize(format="nquads"), encoding="utf-8")
    return path


def test_migrate_old_store(tmp_path, runner):
    pa, pb = _free_port(), _free_port()
    a = _site(tmp_path / "a", pa)
    b = _site(tmp_path / "b", pb)
    records = [
        release("labura-1", "labura", {"name": "Sugeng", "office": "kepala-dinas",
                                       "in_org": True}),
        release("oki-1", "oki", {"name": "Sugeng"}, day=2),
        release("labura-2", "labura", {"name": "Sugeng"}, day=3,
                org_name="Diskominfo Labura"),
    ]
    records[1]["regulations"] = [{"type": "perda", "number": "4", "year": 2021},
                                 {"type": "inpres", "number": "9", "year": 2015}]
    # what the publisher wrote before the authority list: IRIs minted from names, regional
    # regulations without issuer
    assert not publishing.publish(a, [_old_rdf(tmp_path, records, a.base_iri)]).failed
    base = a.base_iri
    assert people(a)["oki-1"] == people(a)["labura-1"] == {base + "id/person/sugeng"}
    assert len(orgs(a)) == 3
    assert _citations(a)["oki-1"] >= {OLD_REG}
    sa, sb = Server(a, pa), Server(b, pb)
    try:
        url = f"http://127.0.0.1:{pa}/catalog"
        harvest(b, url)

        result = migrate(a, user="petugas")
        assert sorted(result.migrated) == ["labura-1", "labura-2", "oki-1"]
        assert result.version.replaced == ["labura-1", "labura-2", "oki-1"]
        found = people(a)
        assert found["labura-1"] == found["labura-2"] == {base + "id/person/sugeng"}
        assert found["oki-1"] != found["labura-1"]
        canonical = base + ("id/organization/dinas-komunikasi-dan-informatika-kabupaten-"
                            "labuhanbatu-utara")
        assert canonical in orgs(a) and base + "id/organization/diskominfo-labura" not in orgs(a)
        cited = _citations(a)["oki-1"]
        assert "https://w3id.org/infopublik/id/regulation/inpres/2015/9" in cited
        assert OLD_REG not in cited
        (new_reg,) = cited - {"https://w3id.org/infopublik/id/regulation/inpres/2015/9"}
        assert new_reg.startswith(base + "id/regulation/oki-1-")

        client = create_app(a).test_client()
        resp = client.get("/id/organization/diskominfo-labura")
        assert resp.status_code == 301
        assert resp.headers["Location"].endswith(canonical[len(base) - 1:])
        resp = client.get("/doc/regulation/perda/2021/4")
        assert resp.status_code == 301
        assert resp.headers["Location"].endswith("/doc/regulation/oki-1-perda-2021-4")
        assert client.get("/id/person/sugeng").status_code == 303  # still someone's

        # harvesters see an ordinary version
        written = {w.rsplit("/", 1)[1] for w in harvest(b, url).written}
        assert written >= {"labura-2", "oki-1"}  # labura-1's triples did not change
        assert _quads(b, base) == _quads(a, base)
        # nothing left: no new version
        assert migrate(a).version is None
        cli = __import__("infopublik_ld.cli").cli.main
        args = ["--data", str(a.data_dir), "--lang", "en", "migrate"]
        # the command also attributes releases whose provenance predates the agency (issue 11)
        out = runner.invoke(cli, args)
        assert out.exit_code == 0 and "now names the agency" in out.output, out.output
        out = runner.invoke(cli, args)
        assert out.exit_code == 0 and "nothing to migrate" in out.output, out.output
    finally:
        sa.stop()
        sb.stop()
