"""The write API: ``POST /api/releases`` and ``DELETE /api/releases/{key}`` with a bearer
token — validates, publishes through the CLI's function, idempotent, audited."""

from __future__ import annotations

import copy
import json

import pytest

from infopublik_ld.store import current_version

from .conftest import EXAMPLE_JSON
from .consolekit import SEED_TEXT, make_console


@pytest.fixture
def console(tmp_path):
    return make_console(tmp_path)


@pytest.fixture
def api(console):
    client = console.app().test_client()

    def call(method, url, token="sari", **kwargs):
        headers = kwargs.pop("headers", {})
        if token:
            headers["Authorization"] = f"Bearer {console.tokens.get(token, token)}"
        return client.open(url, method=method, headers=headers, **kwargs)
    return call


def _record() -> dict:
    return json.loads(EXAMPLE_JSON.read_text(encoding="utf-8"))


def test_post_a_record_then_the_same_again(api, console):
    r = api("POST", "/api/releases", json=_record())
    assert r.status_code == 201, r.text
    body = r.json
    assert body["status"] == "added" and body["version"] == 1
    key = body["key"]
    assert body["iris"]["graph"].endswith(f"graph/release/{key}")
    assert body["iris"]["page"].startswith(console.settings.base_iri + "doc/")
    page = body["iris"]["page"][len(console.settings.base_iri) - 1:]
    assert api("GET", page, token=None, headers={"Accept": "text/html"}).status_code == 200
    again = api("POST", "/api/releases", json=_record())
    assert again.status_code == 200 and again.json["status"] == "unchanged"
    assert again.json["version"] == 1 and current_version(console.settings).number == 1
    entry = console.book.audit_log()[0]
    assert (entry["account"], entry["via"], entry["action"], entry["version"]) == (
        "sari", "api", "publish", 1)
    changed = _record()
    changed["headline"] += " (ralat)"
    r = api("POST", "/api/releases", json=changed, token="budi")
    assert r.status_code == 200 and r.json["status"] == "replaced" and r.json["version"] == 2


def test_invalid_records_get_422_with_the_report(api, console):
    bad = _record()
    del bad["headline"]
    r = api("POST", "/api/releases", json=bad)
    assert r.status_code == 422
    assert r.json["error"] == "RecordError" and "headline" in r.json["message"]
    assert r.json["report"]["schema"][0]["message_id"]
    shacl = copy.deepcopy(_record())
    shacl["people"][0]["name"] = "H. Kharuddin Syah, S.E."
    r = api("POST", "/api/releases", json=shacl)
    assert r.status_code == 422 and r.json["error"] == "ValidationFailed"
    results = r.json["report"]["shacl"]["results"]
    assert any(x["severity"] == "violation" and x["message"]["id"] for x in results)
    assert current_version(console.settings) is None


def test_release_text_missing_its_date_is_refused_naming_the_field(api, console):
    r = api("POST", "/api/releases", data=SEED_TEXT.read_bytes(),
            content_type="text/plain; charset=utf-8")
    assert r.status_code == 422 and r.json["where"] == "/date_published"
    assert current_version(console.settings) is None


def test_wrong_content_type_and_not_json(api):
    assert api("POST", "/api/releases", data=b"<x/>",
               content_type="application/xml").status_code == 415
    r = api("POST", "/api/releases", data=b"{oops", content_type="application/json")
    assert r.status_code == 400 and r.json["where"] == "body"


def test_delete_retracts_once(api, console):
    key = api("POST", "/api/releases", json=_record()).json["key"]
    assert api("DELETE", f"/api/releases/{key}").status_code == 400  # no reason
    r = api("DELETE", f"/api/releases/{key}", json={"reason": "Salah kirim"})
    assert r.status_code == 200 and r.json == {"key": key, "status": "retracted", "version": 2}
    assert api("DELETE", f"/api/releases/{key}?reason=lagi").status_code == 410
    assert api("DELETE", "/api/releases/tidak-ada?reason=x").status_code == 404
    assert console.book.audit_log()[0]["action"] == "retract"


def test_revoked_tokens_and_disabled_accounts_are_refused(api, console):
    console.book.revoke("sari")
    r = api("POST", "/api/releases", json=_record())
    assert r.status_code == 401 and r.headers["WWW-Authenticate"].startswith("Bearer")
    console.book.disable("budi")
    assert api("POST", "/api/releases", json=_record(), token="budi").status_code == 401
    assert api("POST", "/api/releases", json=_record(), token=None).status_code == 401
    assert api("POST", "/api/releases", json=_record(),
               token="ipld_000000000000_" + "x" * 43).status_code == 401
    assert current_version(console.settings) is None


def test_the_write_api_is_in_the_openapi_document(api):
    doc = api("GET", "/api/openapi.json", token=None).json
    assert "post" in doc["paths"]["/api/releases"]
    assert "delete" in doc["paths"]["/api/releases/{key}"]
    assert doc["components"]["securitySchemes"]["bearerToken"]["scheme"] == "bearer"


def test_list_releases_is_public_and_read_only(api):
    key = api("POST", "/api/releases", json=_record()).json["key"]
    listed = api("GET", "/api/releases", token=None).json
    assert [i["key"] for i in listed["items"]] == [key] and listed["more"] is False
    assert api("GET", "/api/releases?since=2020-01-01", token=None).json["items"] == []
    assert api("GET", "/api/releases?since=kemarin", token=None).status_code == 400
