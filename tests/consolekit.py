"""Test helpers for the officer console: a data directory with accounts, logging in, reading
and posting the server-rendered forms the way a browser would."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from infopublik_ld.config import load_settings
from infopublik_ld.console_accounts import Book
from infopublik_ld.publishing import init_data_dir
from infopublik_ld.web import create_app

BASE = "http://127.0.0.1:8080/"
PASSWORD = "kata sandi yang panjang"
SEED_TEXT = Path(__file__).resolve().parents[1] / "examples" / "labura-bakohumas-2019.txt"
_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


@dataclass
class Console:
    """A data directory with an officer (sari), a second officer (budi), an admin (adi) and
    API tokens for each officer."""

    settings: object
    book: Book
    tokens: dict

    def app(self, **overrides):
        settings = load_settings(self.settings.data_dir, **overrides) if overrides \
            else self.settings
        return create_app(settings)


def make_console(root: Path, **values) -> Console:
    """Init a data directory under ``root`` with accounts and tokens."""
    data = root / "data"
    init_data_dir(data, base_iri=values.pop("base_iri", BASE),
                  agency_name="Dinas Komunikasi dan Informatika Kabupaten Labuhanbatu Utara",
                  agency_region="12.23")
    settings = load_settings(data)
    book = Book(data)
    book.add_user("sari", "officer", PASSWORD)
    book.add_user("budi", "officer", PASSWORD)
    book.add_user("adi", "admin", PASSWORD)
    tokens = {"sari": book.new_token("sari"), "budi": book.new_token("budi")}
    return Console(settings, book, tokens)


def csrf_of(page: str) -> str:
    """The CSRF token of the first form on ``page``."""
    return _CSRF.search(page).group(1)


def login(client, name: str = "sari", password: str = PASSWORD):
    """Log ``client`` in; return the response of the login POST."""
    page = client.get("/kelola/masuk").text
    return client.post("/kelola/masuk", data={"csrf_token": csrf_of(page), "name": name,
                                               "password": password})


class FormReader(HTMLParser):
    """The fields of the review form as a browser would submit them (without ``action``)."""

    def __init__(self):
        super().__init__()
        self.data: dict[str, str] = {}
        self.accept: list[str] = []
        self.accepted: list[str] = []
        self._area: str | None = None
        self._select: str | None = None
        self._in_form = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and a.get("id") == "review":
            self._in_form = True
        if not self._in_form:
            return
        name = a.get("name")
        if tag == "input" and name:
            if a.get("type") == "checkbox":
                if name == "accept":
                    self.accept.append(a["value"])
                    if "checked" in a:
                        self.accepted.append(a["value"])
                elif "checked" in a:
                    self.data[name] = a.get("value", "1")
            else:
                self.data[name] = html.unescape(a.get("value", ""))
        elif tag == "textarea":
            self._area = name
            self.data[name] = ""
        elif tag == "select":
            self._select = name
            self.data[name] = ""
        elif tag == "option" and self._select and "selected" in a:
            self.data[self._select] = html.unescape(a.get("value", ""))

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._area = None
        elif tag == "select":
            self._select = None
        elif tag == "form":
            self._in_form = False

    def handle_data(self, data):
        if self._area:
            self.data[self._area] += data


def read_form(page: str) -> FormReader:
    reader = FormReader()
    reader.feed(page)
    return reader


def new_draft(client, text: str) -> str:
    """Paste ``text``; return the draft's address."""
    page = client.get("/kelola/").text
    resp = client.post("/kelola/baru", data={"csrf_token": csrf_of(page), "text": text})
    assert resp.status_code == 302, resp.text[:500]
    return resp.headers["Location"]


def submit(client, url: str, action: str, *, accept_all: bool = False, **changes):
    """Read the form at ``url``, change fields (``changes`` keyed by pointer with ``__`` for
    ``/``... given as a dict via ``fields=``), and post it with ``action``."""
    page = client.get(url).text
    form = read_form(page)
    data = dict(form.data)
    data.update(changes.get("fields", {}))
    data["csrf_token"] = csrf_of(page)
    data["action"] = action
    data["accept"] = form.accept if accept_all else form.accepted
    return client.post(url, data=data)
