"""What the identity and console work added, on the remote engines (issue 16): an officer
merges and splits people (301 from the merged IRI, ``owl:sameAs`` in the data, the split
restoring what was), and publishes through the console (``/kelola/``) and the write API,
each on Virtuoso and on Oxigraph server.

The session's engines hold the small site; each test here is an instance of its own base
(another port on 127.0.0.1) and drops its graphs again when it ends.
"""

from __future__ import annotations

import pytest

from infopublik_ld import publishing
from infopublik_ld.config import load_settings
from infopublik_ld.console_accounts import Book
from infopublik_ld.identity.curation import merge, show_entry, split
from infopublik_ld.publishing import init_data_dir
from infopublik_ld.store import current_version, open_version
from infopublik_ld.web import create_app
from infopublik_ld.web.remote_executor import forget_versions

from .conftest import EXAMPLE_JSON
from .consolekit import PASSWORD, SEED_TEXT, login, new_draft, submit
from .sites import BASE as SITE
from .test_identity_people import release, write

ENGINES = ("virtuoso", "oxigraph-server")
SAME_AS = "http://www.w3.org/2002/07/owl#sameAs"
PERSON = "http://schema.org/Person"


def instance(request, root, base: str):
    """An instance at ``base`` on the engine of ``request.param``; returns its settings."""
    engine = request.getfixturevalue("virtuoso" if request.param == "virtuoso"
                                     else "oxigraph_server")
    values = dict(engine.settings_values())
    password = values.pop("sparql_password", "")
    init_data_dir(root / "data", base_iri=base, agency_name="Dinas Komunikasi dan "
                  "Informatika Kabupaten Labuhanbatu Utara", agency_region="12.23", **values)
    request.addfinalizer(lambda: engine.drop_instances(keep=SITE))
    forget_versions()
    return load_settings(root / "data", **({"sparql_password": password} if password else {}))


def _people(settings) -> dict[str, set[str]]:
    base = settings.base_iri
    with open_version(settings) as view:
        rows = view.select(f"SELECT ?g ?p WHERE {{ GRAPH ?g {{ ?p a <{PERSON}> }} }}")
    out: dict[str, set[str]] = {}
    for r in rows:
        if r["g"].startswith(base):
            out.setdefault(r["g"].rsplit("/", 1)[1], set()).add(r["p"])
    return out


def _same_as(settings) -> set[tuple[str, str]]:
    with open_version(settings) as view:
        rows = view.select(f"SELECT ?a ?b WHERE {{ GRAPH ?g {{ ?a <{SAME_AS}> ?b }} }}")
    return {(r["a"], r["b"]) for r in rows if r["a"].startswith(settings.base_iri)}


@pytest.fixture(params=ENGINES)
def curated(request, tmp_path):
    a = instance(request, tmp_path, "http://127.0.0.1:8098/")
    src = write(tmp_path / "in.jsonl", [
        release("labura-1", "labura", {"name": "Sugeng", "office": "kepala-dinas",
                                       "in_org": True}),
        release("labura-2", "labura", {"name": "Sugeng"}, day=2),
        release("oki-1", "oki", {"name": "Sugeng", "label": "Sugeng, S.Sos"}, day=3)])
    assert not publishing.publish(a, [src]).failed
    return a


def test_merge_and_split_on_a_remote_engine(curated):
    a = curated
    sugeng = a.base_iri + "id/person/sugeng"
    before = _people(a)
    (oki,) = before["oki-1"]
    assert before["labura-1"] == before["labura-2"] == {sugeng} and oki != sugeng
    client = create_app(a).test_client()

    info = merge(a, "person", oki.rsplit("/", 1)[1], "sugeng", user="petugas")
    assert info.replaced == ["oki-1"]
    forget_versions()
    assert _people(a)["oki-1"] == {sugeng}
    assert _same_as(a) == {(sugeng, oki)}
    resp = client.get("/id/person/" + oki.rsplit("/", 1)[1])
    assert resp.status_code == 301 and resp.headers["Location"].endswith("/id/person/sugeng")
    resp = client.get("/doc/person/" + oki.rsplit("/", 1)[1] + ".ttl")
    assert resp.status_code == 301 and resp.headers["Location"].endswith(
        "/doc/person/sugeng.ttl")
    assert client.get("/id/person/sugeng").status_code == 303
    assert show_entry(a, "person", "sugeng")["merged_from"] == [oki]
    # the curation's audit (who merged) is bookkeeping: never in the public dataset
    r = client.get("/sparql", query_string={"query": "SELECT ?g ?u WHERE { GRAPH ?g { ?a "
                                            "<urn:x-infopublik-ld:by> ?u } }"},
                   headers={"Accept": "application/sparql-results+json"})
    assert r.status_code == 200 and r.json["results"]["bindings"] == []

    new, info = split(a, "person", "sugeng", "oki-1", user="petugas")
    forget_versions()
    assert new == oki and info.replaced == ["oki-1"]
    assert _people(a) == before and _same_as(a) == set()
    assert client.get("/id/person/" + oki.rsplit("/", 1)[1]).status_code == 303


@pytest.fixture(params=ENGINES)
def console(request, tmp_path):
    settings = instance(request, tmp_path, "http://127.0.0.1:8097/")
    book = Book(settings.data_dir)
    book.add_user("sari", "officer", PASSWORD)
    return settings, book, book.new_token("sari")


def test_console_and_write_api_publish_into_a_remote_engine(console):
    settings, book, token = console
    client = create_app(settings).test_client()
    assert login(client).status_code == 302
    url = new_draft(client, SEED_TEXT.read_text())
    r = submit(client, url, "publish", accept_all=True, fields={"/date_published":
                                                                "2019-09-04"})
    assert r.status_code == 200, r.text[:2000]
    assert "versi 1 (added)" in r.text
    forget_versions()
    key = book.audit_log()[0]["release_key"]
    assert current_version(settings).number == 1
    page = client.get(f"/doc/article/{key}", headers={"Accept": "text/html"})
    assert page.status_code == 200 and "Bakohumas" in page.text
    # (the session engine holds the small site too: found by the search, not on page 1)
    assert key in client.get("/kelola/siaran?q=Bakohumas").text

    # the write API: the same door, a second version with the record corrected
    record = EXAMPLE_JSON.read_text(encoding="utf-8").replace(
        '"headline": "', '"headline": "(Ralat) ', 1)
    r = client.post("/api/releases", data=record, content_type="application/json",
                    headers={"Authorization": f"Bearer {token}"})
    assert r.status_code in (200, 201), r.text
    assert r.json["status"] in ("added", "replaced") and r.json["version"] == 2
    forget_versions()
    assert [(e["via"], e["version"]) for e in book.audit_log()][:2] in (
        [("api", 2), ("console", 1)], [("console", 1), ("api", 2)])
