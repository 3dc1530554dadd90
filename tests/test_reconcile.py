"""``/reconcile``: the Reconciliation Service API 0.2, driven the way OpenRefine drives it
(manifest, batches as form data and JSON, JSONP where the spec allows it, suggest, preview)
against a real server on 127.0.0.1; every response validates against the specification's
JSON Schemas (tests/data/reconciliation-api-0.2, copied with their notice)."""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request

import pytest
from jsonschema import Draft7Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT7

from infopublik_ld.web import create_app

from .sites import BASE, ROOT
from .test_harvest import Server, _free_port

SCHEMAS = ROOT / "tests" / "data" / "reconciliation-api-0.2"


def _schema(name: str) -> Draft7Validator:
    registry = Registry()
    for path in SCHEMAS.glob("*.json"):
        doc = json.loads(path.read_text(encoding="utf-8"))
        if "$id" in doc:
            registry = registry.with_resource(doc["$id"], Resource.from_contents(
                doc, default_specification=DRAFT7))
    return Draft7Validator(json.loads((SCHEMAS / name).read_text(encoding="utf-8")),
                           registry=registry)


def valid(name: str, doc) -> None:
    errors = sorted(_schema(name).iter_errors(doc), key=str)
    assert not errors, [f"{list(e.absolute_path)}: {e.message}" for e in errors[:5]]


@pytest.fixture(scope="module")
def service(small_site):
    port = _free_port()
    server = Server(small_site, port)
    yield f"http://127.0.0.1:{port}"
    server.stop()


def get(url: str, **params) -> tuple[int, str, bytes]:
    full = url + ("?" + urllib.parse.urlencode(params) if params else "")
    try:
        with urllib.request.urlopen(full, timeout=30) as resp:
            return resp.status, resp.headers["Content-Type"], resp.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers["Content-Type"], exc.read()


def post(url: str, data: bytes, content_type: str) -> tuple[int, bytes]:
    req = urllib.request.Request(url, data=data, headers={"Content-Type": content_type})
    try:
        with urllib.request.urlopen(req, timeout=30) as resp:
            return resp.status, resp.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


SEED = {  # the seed example's people, by name as a spreadsheet would hold them
    "q0": {"query": "Sugeng", "type": "person"},
    "q1": {"query": "Abdul Haris Rangkuti", "type": "person", "limit": 5},
    "q2": {"query": "Kharuddin Syah", "type": "person",
           "properties": [{"pid": "office", "v": "bupati"}]},
    "q3": {"query": "Abdul Haris", "type": "person",
           "properties": [{"pid": "region", "v": "Labuhanbatu Utara"}]},
    "q4": {"query": "Kabupaten Labuhanbatu Utara", "type": "region"},
    "q5": {"query": "Diskominfo Labura", "type": "organization"},
    "q6": {"query": "Inpres 9/2015", "type": "regulation"},
}


def test_manifest_and_jsonp(service):
    status, ctype, body = get(service + "/reconcile")
    assert status == 200 and ctype.startswith("application/json")
    doc = json.loads(body)
    valid("manifest.json", doc)
    assert doc["versions"] == ["0.2"] and doc["identifierSpace"] == BASE + "id/"
    assert {t["id"] for t in doc["defaultTypes"]} == {"person", "organization", "region",
                                                      "regulation"}
    status, ctype, body = get(service + "/reconcile", callback="jQuery123_cb")
    assert status == 200 and ctype.startswith("application/javascript")
    text = body.decode()
    assert text.startswith("/**/jQuery123_cb(") and text.endswith(");")
    valid("manifest.json", json.loads(text[len("/**/jQuery123_cb("):-2]))
    status, _, body = get(service + "/reconcile", callback="alert(1)//")
    assert status == 400 and json.loads(body)["where"] == "callback"


def _check_seed(results: dict) -> None:
    valid("reconciliation-result-batch.json", results)
    assert set(results) == set(SEED)
    top = {k: v["result"][0] for k, v in results.items()}
    assert top["q0"]["id"] == BASE + "id/person/sugeng" and top["q0"]["name"] == "Sugeng"
    assert top["q1"]["id"] == BASE + "id/person/abdul-haris-rangkuti"
    assert top["q1"]["score"] == 100 and top["q1"]["match"] is True
    assert top["q2"]["id"] == BASE + "id/person/kharuddin-syah" and top["q2"]["match"]
    assert {"id": "office", "value": True} in top["q2"]["features"]
    # a partial name is a candidate, never a certain match
    assert top["q3"]["id"] == BASE + "id/person/abdul-haris-rangkuti"
    assert top["q3"]["match"] is False and top["q3"]["score"] < top["q1"]["score"]
    assert top["q4"]["id"] == "https://w3id.org/infopublik/id/region/12.23"
    assert top["q5"]["id"] == (BASE + "id/organization/dinas-komunikasi-dan-informatika-"
                               "kabupaten-labuhanbatu-utara")
    assert top["q6"]["id"] == "https://w3id.org/infopublik/id/regulation/inpres/2015/9"
    for v in results.values():
        scores = [c["score"] for c in v["result"]]
        assert scores == sorted(scores, reverse=True)
        assert sum(c["match"] for c in v["result"]) <= 1


def test_batch_as_form_data_as_openrefine_sends_it(service):
    valid("reconciliation-query-batch.json", SEED)
    body = urllib.parse.urlencode({"queries": json.dumps(SEED)}).encode()
    status, raw = post(service + "/reconcile", body, "application/x-www-form-urlencoded")
    assert status == 200, raw
    _check_seed(json.loads(raw))


def test_batch_as_json_and_by_get(service):
    status, raw = post(service + "/reconcile", json.dumps({"queries": SEED}).encode(),
                       "application/json")
    assert status == 200, raw
    _check_seed(json.loads(raw))
    status, raw = post(service + "/reconcile", json.dumps(SEED).encode(), "application/json")
    _check_seed(json.loads(raw))
    status, ctype, raw = get(service + "/reconcile", queries=json.dumps(SEED), callback="cb")
    assert status == 200 and raw.startswith(b"/**/cb(")
    _check_seed(json.loads(raw[len(b"/**/cb("):-2]))


def test_an_unknown_name_is_no_match(service):
    status, raw = post(service + "/reconcile", urllib.parse.urlencode({"queries": json.dumps(
        {"q": {"query": "Zyxwvu Qponm", "type": "person"}})}).encode(),
        "application/x-www-form-urlencoded")
    doc = json.loads(raw)
    valid("reconciliation-result-batch.json", doc)
    assert all(not c["match"] for c in doc["q"]["result"])


def test_suggest_and_preview(service):
    for kind, schema, params in (
            ("entity", "suggest-entities-response.json", {"prefix": "Sug", "type": "person"}),
            ("type", "suggest-types-response.json", {"prefix": "per"}),
            ("property", "suggest-properties-response.json", {"prefix": "off"})):
        status, _, raw = get(f"{service}/reconcile/suggest/{kind}", **params)
        assert status == 200, raw
        doc = json.loads(raw)
        valid(schema, doc)
        assert doc["result"], kind
    status, _, raw = get(service + "/reconcile/suggest/entity", prefix="Sug", type="person")
    assert BASE + "id/person/sugeng" in [r["id"] for r in json.loads(raw)["result"]]
    status, ctype, raw = get(service + "/reconcile/preview", id=BASE + "id/person/sugeng")
    assert status == 200 and ctype.startswith("text/html") and b"Sugeng" in raw
    status, ctype, raw = get(service + "/reconcile/preview", id="<script>")
    assert status == 404 and ctype.startswith("application/json")  # never echoed as HTML


@pytest.mark.parametrize("queries, where", [
    ("{not json", "queries"),
    ("[]", "queries"),
    (json.dumps({"q0": "Sugeng"}), "queries.q0"),
    (json.dumps({"q0": {"query": "x", "type": "robot"}}), "queries.q0.type"),
    (json.dumps({"q0": {"query": "x", "limit": -1}}), "queries.q0.limit"),
    (json.dumps({"q0": {"query": "x" * 300}}), "queries.q0.query"),
    (json.dumps({"q0": {"query": "x", "properties": [{"pid": "shoe", "v": 1}]}}),
     "queries.q0.properties"),
    (json.dumps({"q0": {"query": "x", "sparql": "DROP ALL"}}), "queries.q0"),
])
def test_bad_batches_name_the_query(small_site, queries, where):
    client = create_app(small_site).test_client()
    resp = client.post("/reconcile", data={"queries": queries})
    assert resp.status_code == 400
    body = resp.get_json()
    assert body["where"] == where and where in body["message"]
