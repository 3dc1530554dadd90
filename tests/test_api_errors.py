"""Bad parameters: a 4xx in the one error shape whose ``where`` names the parameter."""

from __future__ import annotations

import pytest

from . import apiclient
from .sites import BASE

api_app = apiclient.api_app
api = apiclient.api

SUGENG = f"{BASE}id/person/sugeng"

CASES = [
    ("/api/quotes-by-person", {}, 400, "person"),
    ("/api/quotes-by-person", {"person": "sugeng"}, 400, "person"),
    ("/api/quotes-by-person", {"person": "http://a b/"}, 400, "person"),
    ("/api/quotes-by-person", {"person": "javascript:alert(1)"}, 400, "person"),
    ("/api/quotes-by-person", {"person": SUGENG, "speaker": "x"}, 400, "speaker"),
    ("/api/articles-by-date", {"from": "2019-02-30"}, 400, "from"),
    ("/api/articles-by-date", {"to": "04/09/2019"}, 400, "to"),
    ("/api/events", {"kind": "konser"}, 400, "kind"),
    ("/api/events", {"region": "Labura"}, 400, "region"),
    ("/api/articles-by-region", {"region": "12.23; DROP"}, 400, "region"),
    ("/api/people", {"prefix": "x" * 201}, 400, "prefix"),
    ("/api/people", {"page": "0"}, 400, "page"),
    ("/api/people", {"page": "two"}, 400, "page"),
    ("/api/people", {"per_page": "101"}, 400, "per_page"),
    ("/api/people", {"page": "102"}, 400, "page"),
    ("/api/people", {"prefix": ""}, 400, "prefix"),
    ("/api/quotes-by-person", {"person": "https://%"}, 400, "person"),
    ("/api/quotes-by-person", {"person": "http://a/\n"}, 400, "person"),
    ("/api/people", {"format": "xml"}, 400, "format"),
    ("/api/no-such-query", {}, 404, "no-such-query"),
]


@pytest.mark.parametrize(("path", "params", "status", "where"), CASES)
def test_bad_request_names_the_parameter(api, path, params, status, where):
    resp = api.get(path, query_string=params)
    assert resp.status_code == status, resp.get_data(as_text=True)
    body = resp.get_json()
    assert set(body) == {"status", "error", "message", "message_id", "where"}
    assert body["status"] == status and body["where"] == where
    assert where in body["message"] and where in body["message_id"]


def test_nothing_acceptable_is_406(api):
    resp = api.get("/api/people", headers={"Accept": "image/png"})
    assert resp.status_code == 406
    assert resp.get_json()["status"] == 406


def test_browser_gets_an_html_error_page(api):
    resp = api.get("/api/events", query_string={"kind": "konser"},
                   headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert resp.status_code == 400 and resp.mimetype == "text/html"
    assert "konser" in resp.get_data(as_text=True)
