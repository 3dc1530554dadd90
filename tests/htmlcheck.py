"""A strict-enough HTML5 check on the standard library parser: nesting, void elements, ids,
one title, ``lang``, block elements outside ``<p>``, links not nested, JSON-LD that parses."""

from __future__ import annotations

import json
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}
BLOCK = {"div", "section", "article", "aside", "ul", "ol", "dl", "table", "figure", "h1", "h2",
         "h3", "h4", "h5", "h6", "header", "footer", "main", "nav", "p", "blockquote", "form",
         "pre"}
KNOWN = VOID | BLOCK | {"html", "head", "body", "title", "script", "style", "a", "span", "li",
                        "dt", "dd", "tr", "td", "th", "thead", "tbody", "time", "code",
                        "figcaption", "em", "strong", "small", "label", "button", "select",
                        "option", "textarea", "caption", "svg", "path", "abbr", "mark"}


class _Checker(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.ids: set[str] = set()
        self.titles = 0
        self.lang = None
        self.doctype = False
        self.scripts: list[tuple[str, str]] = []
        self._script_type = None
        self._script = []

    def handle_decl(self, decl):
        self.doctype = decl.lower() == "doctype html"

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        where = f"line {self.getpos()[0]}"
        if tag not in KNOWN:
            self.errors.append(f"{where}: unknown element <{tag}>")
        if tag == "html":
            self.lang = a.get("lang")
        if tag == "title":
            self.titles += 1
        if "id" in a:
            if a["id"] in self.ids:
                self.errors.append(f"{where}: duplicate id {a['id']!r}")
            self.ids.add(a["id"])
        if tag in BLOCK and "p" in self.stack:
            self.errors.append(f"{where}: <{tag}> inside <p>")
        if tag == "a" and "a" in self.stack:
            self.errors.append(f"{where}: <a> inside <a>")
        if tag == "a" and not a.get("href"):
            self.errors.append(f"{where}: <a> without href")
        if tag in ("li",) and self.stack and self.stack[-1] not in ("ul", "ol"):
            self.errors.append(f"{where}: <li> inside <{self.stack[-1]}>")
        if tag in ("dt", "dd") and self.stack and self.stack[-1] != "dl":
            self.errors.append(f"{where}: <{tag}> inside <{self.stack[-1]}>")
        if tag == "script":
            self._script_type = a.get("type", "")
            self._script = []
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        if tag not in VOID:
            self.errors.append(f"line {self.getpos()[0]}: self-closing <{tag}/>")

    def handle_endtag(self, tag):
        where = f"line {self.getpos()[0]}"
        if tag in VOID:
            self.errors.append(f"{where}: end tag of void <{tag}>")
            return
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"{where}: </{tag}> closes <{self.stack[-1] if self.stack else ''}>")
            if tag in self.stack:
                while self.stack and self.stack.pop() != tag:
                    pass
            return
        self.stack.pop()
        if tag == "script":
            self.scripts.append((self._script_type, "".join(self._script)))
            self._script_type = None

    def handle_data(self, data):
        if self._script_type is not None:
            self._script.append(data)


def check_html(text: str) -> list[str]:
    """Problems found in ``text`` (empty list: looks valid)."""
    c = _Checker()
    c.feed(text)
    c.close()
    errors = list(c.errors)
    if not c.doctype:
        errors.append("no <!doctype html>")
    if c.titles != 1:
        errors.append(f"{c.titles} <title> elements")
    if not c.lang:
        errors.append("<html> without lang")
    if c.stack:
        errors.append(f"unclosed: {c.stack}")
    for kind, body in c.scripts:
        if kind == "application/ld+json":
            try:
                json.loads(body)
            except ValueError as exc:
                errors.append(f"JSON-LD does not parse: {exc}")
        elif kind != "application/ld+json":
            errors.append(f"script of type {kind!r}: pages need no JavaScript")
    return errors


def jsonld_blocks(text: str) -> list:
    """The parsed JSON-LD blocks of a page."""
    c = _Checker()
    c.feed(text)
    return [json.loads(b) for k, b in c.scripts if k == "application/ld+json"]
