"""Every route of the app, walked with no session, an officer session, an admin session and a
revoked API token (and a live token): every write route refuses the wrong caller, public
routes answer everyone alike, and nothing is published or drafted by the walk."""

from __future__ import annotations

import pytest

from infopublik_ld.store import current_version
from infopublik_ld.web.executor import close_executor

from .consolekit import csrf_of, login, make_console

#: a value for each URL variable (ids that exist nowhere: the walk must change nothing)
SAMPLES = {"key": "no-such-release", "draft_id": "00000000deadbeef", "name": "nobody",
           "filename": "console.css", "rest": "article/nothing", "path": "nothing"}
CONSOLE_OPEN = {"console.login_page", "console.static"}
ADMIN = {"console.accounts", "console.disable", "console.revoke", "console.audit"}
IDENTITIES = ("anonymous", "officer", "admin", "revoked-token", "token")


@pytest.fixture(scope="module")
def walk(tmp_path_factory):
    console = make_console(tmp_path_factory.mktemp("routes"))
    revoked = console.book.new_token("budi")
    console.book.revoke("budi")
    app = console.app()
    clients = {}
    for who in IDENTITIES:
        client = app.test_client()
        if who in ("officer", "admin"):
            assert login(client, "sari" if who == "officer" else "adi").status_code == 302
        token = csrf_of(client.get("/kelola/masuk").text)  # anonymous sessions have one too
        headers = {}
        if who == "revoked-token":
            headers["Authorization"] = f"Bearer {revoked}"
        elif who == "token":
            headers["Authorization"] = f"Bearer {console.tokens['sari']}"
        clients[who] = (client, token, headers)
    yield console, app, clients
    close_executor(app)


def _requests(app):
    for rule in app.url_map.iter_rules():
        url = rule.rule
        for arg in rule.arguments:
            url = url.replace(f"<{arg}>", SAMPLES.get(arg, "x"))
            for conv in ("path", "string", "int"):
                url = url.replace(f"<{conv}:{arg}>", SAMPLES.get(arg, "1"))
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            yield rule.endpoint, method, url


def _call(clients, who, method, url):
    client, token, headers = clients[who]
    kwargs = {"headers": dict(headers)}
    if method != "GET":
        kwargs["data"] = {"csrf_token": token}
    return client.open(url, method=method, **kwargs)


def test_every_route_answers_each_caller_as_its_role_allows(walk):
    console, app, clients = walk
    checked = 0
    for endpoint, method, url in _requests(app):
        answers = {who: _call(clients, who, method, url) for who in IDENTITIES}
        status = {who: r.status_code for who, r in answers.items()}
        where = f"{method} {url} ({endpoint}): {status}"
        assert all(s < 500 for s in status.values()), where
        if endpoint == "writeapi.list_releases":  # public and read-only, like the data
            assert set(status.values()) == {200}, where
        elif endpoint.startswith("writeapi."):
            # sessions never authorise the API (no CSRF risk); a revoked token is refused
            for who in ("anonymous", "officer", "admin", "revoked-token"):
                assert status[who] == 401, where
                assert answers[who].headers["WWW-Authenticate"].startswith("Bearer"), where
            assert status["token"] not in (401, 403), where
        elif endpoint in CONSOLE_OPEN:
            assert set(status.values()) == {200}, where
        elif endpoint == "console.login_submit":
            # no name or password posted: refused as a failed login, whoever asks
            assert set(status.values()) == {401}, where
        elif endpoint == "console.logout":
            assert set(status.values()) == {302}, where
            for who in IDENTITIES:  # logged out: log in again, take the new CSRF tokens
                client, _token, headers = clients[who]
                if who in ("officer", "admin"):
                    assert login(client, "sari" if who == "officer" else "adi"
                                 ).status_code == 302
                clients[who] = (client, csrf_of(client.get("/kelola/masuk").text), headers)
        elif endpoint.startswith("console."):
            for who in ("anonymous", "revoked-token", "token"):
                assert status[who] == 401, where
            assert status["admin"] not in (401, 403), where
            if endpoint in ADMIN:
                assert status["officer"] == 403, where
            else:
                assert status["officer"] not in (401, 403), where
        else:  # public and read-only: every caller gets the same answer, none needs a login
            assert len(set(status.values())) == 1, where
            assert status["anonymous"] not in (401, 403), where
        checked += 1
    assert checked >= 40  # the whole app, not a part of it
    # the walk wrote nothing: no version, no draft
    assert current_version(console.settings) is None
    assert console.book.drafts("open") == []


def test_the_walk_covers_every_console_and_write_route(walk):
    _console, app, _clients = walk
    endpoints = {r.endpoint for r in app.url_map.iter_rules()}
    assert {"console.draft_submit", "console.new_draft", "console.retract",
            "console.correct", "console.authority", "console.authority_merge",
            "console.authority_split", "writeapi.post_release",
            "writeapi.delete_release"} <= endpoints
