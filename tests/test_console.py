"""The officer console: accounts, sessions, CSRF, throttling, review, publish, audit."""

from __future__ import annotations

import io
import json
import re
import sqlite3
import time

import pytest

from infopublik_ld.console_accounts import MAX_FAILURES, Book
from infopublik_ld.store import current_version, open_version
from infopublik_ld.store.lock import WriterLock

from .consolekit import (
    PASSWORD,
    SEED_TEXT,
    csrf_of,
    login,
    make_console,
    new_draft,
    read_form,
    submit,
)

SEED_DATE = {"/date_published": "2019-09-04"}


@pytest.fixture
def console(tmp_path):
    return make_console(tmp_path)


@pytest.fixture
def client(console):
    c = console.app().test_client()
    assert login(c).status_code == 302
    return c


# --------------------------------------------------------------------------- accounts (CLI)
def test_user_commands_ask_the_password_twice_and_keep_only_hashes(cli, tmp_path):
    cli("init", "--base", "http://127.0.0.1:8080/")
    assert "password" not in cli("user", "add", "--help").output.lower().replace(
        "password is asked", "")
    mismatch = cli("user", "add", "sari", input="satu dua tiga empat\nlain sekali ya\n"
                   "satu dua tiga empat\nsatu dua tiga empat\n")
    assert mismatch.exit_code == 0, mismatch.output
    assert "akun dibuat: sari (officer)" in mismatch.output
    short = cli("--lang", "en", "user", "add", "budi", input="pendek\npendek\n")
    assert short.exit_code == 2 and "at least 10 characters" in short.output
    assert cli("user", "add", "adi", "--role", "admin",
               input=f"{PASSWORD}\n{PASSWORD}\n").exit_code == 0
    listed = json.loads(cli("user", "list", "--format", "json").output)
    assert [(u["name"], u["role"], u["disabled"]) for u in listed] == [
        ("adi", "admin", False), ("sari", "officer", False)]
    token = cli("user", "token", "sari").output.strip().splitlines()[-1]
    assert token.startswith("ipld_")
    book = Book(tmp_path)
    assert book.token_user(token).name == "sari"
    assert "token dicabut: 1" in cli("user", "revoke", "sari").output
    assert book.token_user(token) is None
    assert cli("user", "disable", "adi").exit_code == 0
    assert book.authenticate("adi", PASSWORD) is None
    # only hashes, only in the private bookkeeping (mode 0700), never in the store
    db = tmp_path / "private" / "console.sqlite3"
    raw = db.read_bytes()
    assert b"satu dua tiga empat" not in raw and token.encode() not in raw
    # the secret part (token_urlsafe may itself hold "_": split only at the prefix's two)
    assert token.split("_", 2)[2].encode() not in raw
    assert (tmp_path / "private").stat().st_mode & 0o077 == 0
    rows = sqlite3.connect(db).execute("SELECT password FROM users").fetchall()
    assert all(r[0].startswith("scrypt$") for r in rows)
    assert cli("--lang", "en", "user", "disable", "nobody").exit_code == 2


# --------------------------------------------------------------------------- sessions
def test_no_console_before_the_first_account(tmp_path):
    from infopublik_ld.config import load_settings
    from infopublik_ld.publishing import init_data_dir
    from infopublik_ld.web import create_app

    init_data_dir(tmp_path / "d")
    c = create_app(load_settings(tmp_path / "d")).test_client()
    assert c.get("/kelola/").status_code == 404
    assert c.get("/kelola/masuk").status_code == 404
    assert not (tmp_path / "d" / "private").exists()


def test_session_cookie_flags(console, tmp_path):
    c = console.app().test_client()
    cookie = login(c).headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Path=/kelola/" in cookie
    assert "Secure" not in cookie
    secure = make_console(tmp_path / "https", base_iri="https://data.example.go.id/")
    assert "Secure" in login(secure.app().test_client()).headers["Set-Cookie"]
    # public pages never get (or need) the session cookie
    assert "Set-Cookie" not in c.get("/").headers


def test_officer_pages_redirect_browsers_to_login_and_back(console):
    c = console.app().test_client()
    r = c.get("/kelola/siaran", headers={"Accept": "text/html"})
    assert r.status_code == 302 and r.headers["Location"].startswith("/kelola/masuk?next=")
    page = c.get(r.headers["Location"]).text
    r = c.post("/kelola/masuk", data={"csrf_token": csrf_of(page), "name": "sari",
                                       "password": PASSWORD, "next": "/kelola/siaran"})
    assert r.headers["Location"] == "/kelola/siaran"
    # never to another site
    page = c.get("/kelola/masuk").text
    r = c.post("/kelola/masuk", data={"csrf_token": csrf_of(page), "name": "sari",
                                       "password": PASSWORD, "next": "//evil.example/"})
    assert r.headers["Location"] == "/kelola/"


def test_logout_ends_the_session_and_its_forms_go_stale(client, console):
    page = client.get("/kelola/").text
    old = csrf_of(page)
    assert client.post("/kelola/keluar", data={"csrf_token": old}).status_code == 302
    assert client.get("/kelola/").status_code == 401
    login(client)
    r = client.post("/kelola/baru", data={"csrf_token": old, "text": SEED_TEXT.read_text()})
    assert r.status_code == 400 and "CSRF" in r.json["message"]
    assert console.book.drafts() == []


def test_a_form_without_csrf_token_changes_nothing(client, console):
    url = new_draft(client, SEED_TEXT.read_text())
    before = console.book.draft(url.rsplit("/", 1)[1])
    page = client.get(url).text
    data = dict(read_form(page).data, action="save")
    data["/headline"] = "Diubah tanpa token"
    del data["csrf_token"]
    r = client.post(url, data=data, headers={"Accept": "text/html"})
    assert r.status_code == 400 and "CSRF" in r.text
    after = console.book.draft(url.rsplit("/", 1)[1])
    assert after["record"] == before["record"] and after["revision"] == before["revision"]


def test_idle_session_ends(console):
    c = console.app(console_idle_minutes=5).test_client()
    login(c)
    assert c.get("/kelola/").status_code == 200
    with c.session_transaction("/kelola/") as s:
        s["seen"] = int(time.time()) - 6 * 60
    r = c.get("/kelola/", headers={"Accept": "text/html"})
    assert r.status_code == 302 and "ended=idle" in r.headers["Location"]
    assert "lama tidak aktif" in c.get(r.headers["Location"]).text


def test_disabled_account_loses_its_session_at_once(client, console):
    assert client.get("/kelola/").status_code == 200
    console.book.disable("sari")
    assert client.get("/kelola/").status_code == 401
    r = client.get("/kelola/", headers={"Accept": "text/html"})
    assert "ended" not in r.headers["Location"] or "disabled" in r.headers["Location"]
    assert login(client).status_code == 401  # and cannot log in again


def test_login_throttled_per_account_and_per_address(console):
    c = console.app().test_client()
    for _ in range(MAX_FAILURES):
        assert login(c, "sari", "salah sekali").status_code == 401
    r = login(c, "sari")  # the right password, but too many failures: wait
    assert r.status_code == 429 and "tunggu" in r.text and int(r.headers["Retry-After"]) > 0
    # per address: other account names from the same address are refused as well
    assert login(c, "budi").status_code == 429
    # another address may still log in to another account
    other = console.app().test_client()
    page = other.get("/kelola/masuk").text
    r = other.post("/kelola/masuk", data={"csrf_token": csrf_of(page), "name": "budi",
                                           "password": PASSWORD},
                   environ_base={"REMOTE_ADDR": "10.9.8.7"})
    assert r.status_code == 302
    page = other.get("/kelola/masuk").text
    r = other.post("/kelola/masuk", data={"csrf_token": csrf_of(page), "name": "sari",
                                           "password": PASSWORD},
                   environ_base={"REMOTE_ADDR": "10.9.8.7"})
    assert r.status_code == 429  # ... but not to the account under attack


def test_english_by_the_usual_switch(client):
    assert "Siaran baru" in client.get("/kelola/").text
    assert "New release" in client.get("/kelola/?lang=en").text
    assert "New release" in client.get("/kelola/").text  # remembered in the session


# --------------------------------------------------------------------------- review → publish
def test_paste_review_correct_accept_publish(client, console):
    url = new_draft(client, SEED_TEXT.read_text())
    page = client.get(url).text
    # the extractor's warnings sit next to their fields, the source words are highlighted
    assert 'id="f/quotes/0"' in page and "diambil dari orang terdekat" in page
    assert '<mark data-field="/people/' in page and "wajib" in page
    form = read_form(page)
    assert form.data["/kind"] == "article" and form.data["/people/0/name"]
    # unaccepted warnings and a missing date block publishing; nothing is written
    r = submit(client, url, "publish")
    assert r.status_code == 422 and current_version(console.settings) is None
    # correct the date, accept the warnings: published through the CLI's publishing function
    r = submit(client, url, "publish", accept_all=True, fields=SEED_DATE)
    assert r.status_code == 200, r.text[:2000]
    assert "versi 1 (added)" in r.text
    key = "2019-09-04-bangun-reputasi-labura-kominfo-gelar-temu-konsultasi-bakohumas"
    app_page = client.get(f"/doc/article/{key}", headers={"Accept": "text/html"})
    assert app_page.status_code == 200 and "Bakohumas" in app_page.text
    # audit: who, when, which draft, which version; provenance names the agency only
    entry = console.book.audit_log()[0]
    assert (entry["account"], entry["action"], entry["via"], entry["release_key"],
            entry["version"], entry["draft"]) == ("sari", "publish", "console", key, 1,
                                                  url.rsplit("/", 1)[1])
    out = io.BytesIO()
    with open_version(console.settings) as view:
        view.dump(out)
    published = out.getvalue().decode("utf-8")
    assert "Bakohumas" in published and "prov#" in published
    assert not re.search(r"\bsari\b", published, re.I)  # the officer's account, nowhere
    assert not list((console.settings.data_dir / "private" / "outbox").iterdir())
    # the draft is closed; publishing the same record again changes nothing
    assert console.book.draft(url.rsplit("/", 1)[1])["status"] == "published"


def test_add_and_remove_people_quotes_regulations(client):
    url = new_draft(client, SEED_TEXT.read_text())
    people = len([k for k in read_form(client.get(url).text).data
                  if k.startswith("/people/") and k.endswith("/name")])
    r = submit(client, url, "add:/people")
    assert r.status_code == 302 and r.headers["Location"].endswith("#f/people")
    form = read_form(client.get(url).text)
    assert f"/people/{people}/name" in form.data
    r = submit(client, url, "save", fields={f"/people/{people}/name": "Siti Aminah",
                                            f"/people/{people}/honorific_suffixes": "S.Sos.; M.Si"})
    record = client.application.config["INFOPUBLIK"]
    form = read_form(client.get(url).text)
    assert form.data[f"/people/{people}/id"] == "siti-aminah"
    assert form.data[f"/people/{people}/honorific_suffixes"] == "S.Sos.; M.Si"
    submit(client, url, "remove:/regulations/0")
    submit(client, url, "add:/quotes")
    form = read_form(client.get(url).text)
    assert not any(k.startswith("/regulations/0/") for k in form.data)
    assert record is not None


def test_violations_show_next_to_the_field_in_the_officers_language(client):
    url = new_draft(client, SEED_TEXT.read_text())
    submit(client, url, "save", fields={"/date_published": "2019-02-30"})
    page = client.get(url).text
    field = page[page.index('id="f/date_published"'):]
    assert "bukan tanggal atau waktu yang ada di kalender" in field[:1500]
    assert 'id="preview"' not in page  # nothing to preview while the record is invalid
    page_en = client.get(url + "?lang=en").text
    field = page_en[page_en.index('id="f/date_published"'):]
    assert "is not a real calendar date" in field[:1500]
    submit(client, url, "save", fields={"/date_published": "2019-09-04",
                                        "/regulations/0/year": "dua ribu"})
    page = client.get(url + "?lang=id").text
    field = page[page.index('id="f/regulations/0/year"'):]
    assert "seharusnya bertipe integer, bukan &#39;dua ribu&#39;" in field[:1500]


def test_preview_is_escaped_and_under_a_strict_csp(client):
    text = SEED_TEXT.read_text().replace(
        "Dengan maksud", "<script>alert('x')</script><img src=x onerror=alert(1)> Dengan maksud")
    url = new_draft(client, text)
    submit(client, url, "save", fields=SEED_DATE)
    review = client.get(url).text
    assert "<script>alert" not in review and "&lt;script&gt;alert" in review
    r = client.get(url + "/pratinjau")
    assert r.status_code == 200 and "&lt;script&gt;alert" in r.text
    # the page's JSON-LD block holds the text as data (its "<" escaped as \u003c), as
    # published pages do
    html = re.sub(r'<script type="application/ld\+json">.*?</script>', "", r.text, flags=re.S)
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "\\u003c/script\\u003e" in r.text
    csp = r.headers["Content-Security-Policy"]
    assert "default-src 'none'" in csp and "script-src" not in csp
    turtle = client.get(url + "/turtle")
    assert turtle.mimetype == "text/turtle" and "schema:headline" in turtle.text


def test_a_cli_publish_holding_the_lock_keeps_the_draft(client, console):
    url = new_draft(client, SEED_TEXT.read_text())
    with WriterLock(console.settings.data_dir):
        r = submit(client, url, "publish", accept_all=True, fields=SEED_DATE)
    assert r.status_code == 503 and "Proses lain sedang menerbitkan" in r.text
    draft = console.book.draft(url.rsplit("/", 1)[1])
    assert draft["status"] == "open" and draft["record"]["date_published"] == "2019-09-04"
    assert current_version(console.settings) is None
    assert submit(client, url, "publish", accept_all=True).status_code == 200


def test_two_officers_saving_the_same_draft(client, console):
    url = new_draft(client, SEED_TEXT.read_text())
    other = console.app().test_client()
    login(other, "budi")
    page_a, page_b = client.get(url).text, other.get(url).text
    a = dict(read_form(page_a).data, action="save", csrf_token=csrf_of(page_a))
    b = dict(read_form(page_b).data, action="save", csrf_token=csrf_of(page_b))
    a["/headline"], b["/headline"] = "Judul dari Sari", "Judul dari Budi"
    assert client.post(url, data=a).status_code == 302
    r = other.post(url, data=b)
    assert r.status_code == 409 and "sari menyimpan draf ini" in r.text
    assert console.book.draft(url.rsplit("/", 1)[1])["record"]["headline"] == "Judul dari Sari"


def test_two_officers_correcting_the_same_release(client, console):
    url = new_draft(client, SEED_TEXT.read_text())
    assert submit(client, url, "publish", accept_all=True, fields=SEED_DATE).status_code == 200
    key = console.book.audit_log()[0]["release_key"]
    other = console.app().test_client()
    login(other, "budi")
    first = client.get(f"/kelola/siaran/{key}/koreksi").headers["Location"]
    second = other.get(f"/kelola/siaran/{key}/koreksi").headers["Location"]
    r = submit(client, first, "publish", accept_all=True, fields={"/headline": "Judul koreksi"})
    assert r.status_code == 200 and "(replaced)" in r.text
    r = submit(other, second, "publish", accept_all=True, fields={"/headline": "Lain lagi"})
    assert r.status_code == 409 and "diubah orang lain" in r.text
    assert console.book.draft(second.rsplit("/", 1)[1])["status"] == "open"
    with open_version(console.settings) as view:
        rows = view.select('SELECT ?h WHERE { GRAPH ?g { ?a <http://schema.org/headline> ?h '
                           '} }')
    assert [r["h"] for r in rows] == ["Judul koreksi"]
    assert [e["action"] for e in console.book.audit_log()] == ["replace", "publish"]


def test_a_new_draft_never_silently_replaces_a_published_release(client):
    for expected in (200, 409):
        url = new_draft(client, SEED_TEXT.read_text())
        r = submit(client, url, "publish", accept_all=True, fields=SEED_DATE)
        assert r.status_code == expected
    assert "sudah terbit" in r.text


def test_releases_list_search_filter_retract(client, console):
    url = new_draft(client, SEED_TEXT.read_text())
    submit(client, url, "publish", accept_all=True, fields=SEED_DATE)
    key = console.book.audit_log()[0]["release_key"]
    assert key in client.get("/kelola/siaran").text
    assert key in client.get("/kelola/siaran?q=Bakohumas").text
    assert key not in client.get("/kelola/siaran?q=gempa").text
    assert key in client.get("/kelola/siaran?since=2019-09-01&until=2019-09-30").text
    assert key not in client.get("/kelola/siaran?since=2020-01-01").text
    assert client.get("/kelola/siaran?since=kemarin").status_code == 400
    page = client.get("/kelola/siaran").text
    r = client.post(f"/kelola/siaran/{key}/tarik", data={"csrf_token": csrf_of(page),
                                                          "reason": "Salah kirim"})
    assert r.status_code == 302
    assert client.get(f"/doc/article/{key}", headers={"Accept": "text/html"}).status_code == 410
    retracted = client.get("/kelola/siaran?status=retracted").text
    assert key in retracted and "Salah kirim" in retracted
    assert console.book.audit_log()[0]["action"] == "retract"


def test_admin_sees_accounts_and_audit_officer_does_not(client, console):
    assert client.get("/kelola/audit").status_code == 403
    admin = console.app().test_client()
    login(admin, "adi")
    assert "sari" in admin.get("/kelola/akun").text
    page = admin.get("/kelola/akun").text
    assert admin.post("/kelola/akun/budi/nonaktif",
                      data={"csrf_token": csrf_of(page)}).status_code == 302
    assert console.book.user("budi").disabled
    audit = admin.get("/kelola/audit").text
    assert "disable-account" in audit and "budi" in audit


def test_highlighting_follows_the_extractors_provenance_when_given():
    from infopublik_ld.web.console.review import Note, highlighted, spans

    text = "Bupati Sugeng hadir di aula"
    given = {"provenance": [{"field": "/event/venue", "start": 23, "end": 27, "rule": "di-X",
                             "confidence": "likely"}]}
    found = spans(given, text)
    assert found == given["provenance"]  # the extractor's spans, not our own search
    html = str(highlighted(text, found, [Note("n", "/event/venue", "warning", "extract",
                                              "periksa", "check")]))
    assert html.endswith('<mark data-field="/event/venue" class="warned c-likely" '
                         'title="/event/venue">aula</mark>')
    # without provenance nothing is highlighted (no search of the text for the values)
    assert spans({}, text) == []
    # a span outside the text (a draft whose text changed) is left out
    assert spans({"provenance": [{"field": "/headline", "start": 20, "end": 99}]}, text) == []
