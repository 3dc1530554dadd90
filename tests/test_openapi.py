"""The OpenAPI document of /api: generated from the .rq files, valid, and true of the API.

The API is tested against its own document with schemathesis (a bounded number of generated
requests per operation): every answer has a documented status, media type and JSON shape, and
none is a server error.
"""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from infopublik_ld.web.cannedqueries import load_queries

from . import apiclient

api_app = apiclient.api_app
api = apiclient.api


@pytest.fixture(scope="module")
def document(api_app):
    return api_app.test_client().get("/api/openapi.json").get_json()


def test_document_is_valid_openapi(document):
    from openapi_spec_validator import validate

    validate(document)
    assert document["openapi"].startswith("3.")


def test_every_query_is_an_operation_with_its_parameters(document):
    for name, query in load_queries().items():
        op = document["paths"][f"/api/{name}"]["get"]
        own = {p["name"]: p for p in op["parameters"] if "name" in p}
        assert set(own) == {p.name for p in query.params}
        for p in query.params:
            assert own[p.name]["required"] == p.required
            if p.type == "enum":
                assert own[p.name]["schema"]["enum"] == list(p.values)
        columns = op["responses"]["200"]["content"]["application/json"]["schema"][
            "properties"]["items"]["items"]["properties"]
        assert set(columns) == set(query.columns)
    assert set(document["paths"]) == {f"/api/{n}" for n in load_queries()} | {
        "/api/releases", "/api/releases/{key}"}  # the write API (tests/test_write_api.py)


def test_examples_in_the_document_use_this_instance(document, small_site):
    op = document["paths"]["/api/quotes-by-person"]["get"]
    person = next(p for p in op["parameters"] if p.get("name") == "person")
    assert person["example"] == f"{small_site.base_iri}id/person/sugeng"


@pytest.fixture(scope="module")
def api_schema(api_app):
    return schemathesis.openapi.from_wsgi("/api/openapi.json", api_app)


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(max_examples=5, deadline=None, derandomize=True,
          suppress_health_check=list(HealthCheck))
def test_api_conforms_to_its_openapi_document(case):
    case.call_and_validate()
