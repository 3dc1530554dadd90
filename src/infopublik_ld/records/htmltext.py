"""Saved government web pages -> release text (title line, metadata lines, paragraphs).

Uses only the standard library's :mod:`html.parser`; nothing is fetched. The article is the first
``<article>`` or the element whose class/id names article content (``entry-content``,
``post-content``, ``isi``, ``content``, ``detail``…); menus, headers, footers, sidebars, scripts
and forms are dropped.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

_SKIP = {"script", "style", "nav", "header", "footer", "aside", "form", "noscript", "svg",
         "iframe", "button", "select", "template", "menu"}
_SKIP_CLASS = re.compile(
    r"\b(?:menu|navbar|nav|sidebar|widget|breadcrumb|share|social|comment|related|footer|"
    r"header|banner|advert|ads|tags?|popular|terkait|baca-juga|td-category|entry-category|"
    r"cat-links|post-categories)\b", re.I)
_CONTENT_CLASS = re.compile(
    r"(?:^|[\s_-])(?:entry-content|post-content|article-content|article-body|isi|isi-berita|"
    r"content|detail|post-body|news-content|berita)(?:$|[\s_-])", re.I)
_META_CLASS = re.compile(r"\b(?:date|time|tanggal|meta|posted|author|byline|published)\b", re.I)
_BLOCK = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section",
          "article", "blockquote", "figcaption", "dd", "dt"}
_INLINE_GAP = {"span", "time"}  # separate words, not lines ("Published: <time>…</time>")
_WS = re.compile(r"\s+")
_VOID = {"br", "img", "hr", "meta", "link", "input", "source", "wbr", "area", "base", "col"}


class _Collector(HTMLParser):
    """Collect text per region: title, h1, metadata, article content, whole body."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str]] = []  # (tag, role)
        self.skip_depth = 0
        self.title: list[str] = []
        self.h1: list[str] = []
        self.meta: list[str] = []
        self.article: list[str] = []
        self.body: list[str] = []
        self.article_depth = 0
        self.article_done = False
        self.meta_date: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attr = dict(attrs)
        if tag == "meta":
            prop = (attr.get("property") or attr.get("name") or "").lower()
            if prop in ("article:published_time", "date", "pubdate", "dc.date") and attr.get(
                    "content"):
                self.meta_date = self.meta_date or attr["content"]
            return
        if tag in _VOID:
            if tag == "br":
                self._emit("\n")
            return
        cls = " ".join(filter(None, (attr.get("class"), attr.get("id"))))
        role = ""
        # an article's own <header> (WordPress "entry-header") holds its title and date
        # (also a theme's own wrapper of it: <div class="td-post-header">, <header
        # class="td-post-title">)
        own_header = bool(cls) and re.search(r"\b(?:entry|post|article)-(?:header|title)\b", cls)
        if self.skip_depth or (tag in _SKIP and not own_header) or (
                cls and _SKIP_CLASS.search(cls) and not _CONTENT_CLASS.search(cls)
                and not own_header):
            role = "skip"
            self.skip_depth += 1
        elif not self.article_done and self.article_depth == 0 and (
                tag == "article" or (cls and _CONTENT_CLASS.search(cls))):
            role = "article"
            self.article_depth = 1
        elif tag == "h1" or (own_header and tag in ("h2", "h3") and not self.h1 and re.search(
                r"-title\b", cls)):
            # a theme that writes the site's name above the post (<p class="site-title">) and
            # the post's own title in <h2 class="post-title">: the post's title is the title
            role = "h1"
        elif tag == "time" or (cls and _META_CLASS.search(cls)):
            role = "meta"
        if self.article_depth and role != "article":
            self.article_depth += 1
        self.stack.append((tag, role))
        if tag in _BLOCK and self._in_meta():
            self._emit(" ")  # the parts of a metadata block make one line ("oleh … 2 Oktober")
        elif tag in _BLOCK:
            self._emit("\n")
        elif tag in _INLINE_GAP:
            self._emit(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID:
            return
        # tolerate unclosed tags: pop until the matching one
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                for _t, role in self.stack[i:][::-1]:
                    self._close(role)
                del self.stack[i:]
                break
        if tag in _BLOCK:
            self._emit(" " if self._in_meta() else "\n")

    def _in_meta(self) -> bool:
        return any(r == "meta" for _t, r in self.stack)

    def _close(self, role: str) -> None:
        if role == "skip":
            self.skip_depth -= 1
        if self.article_depth:
            self.article_depth -= 1
            if self.article_depth == 0:
                self.article_done = True

    def _emit(self, text: str) -> None:
        if self.skip_depth:
            return
        roles = {r for _t, r in self.stack}
        if "title" in roles or (self.stack and self.stack[-1][0] == "title"):
            self.title.append(text)
            return
        if "h1" in roles:
            self.h1.append(text)
        if self.article_depth:
            self.article.append(text)
        elif "h1" in roles:
            pass
        elif "meta" in roles:
            self.meta.append(text)
        self.body.append(text)

    def handle_data(self, data: str) -> None:
        self._emit(_WS.sub(" ", data))  # source line breaks are not paragraph breaks


def _lines(parts: list[str]) -> list[str]:
    text = "".join(parts).replace("\xa0", " ")
    out = []
    for line in text.split("\n"):
        line = re.sub(r"[ \t\r\f\v]+", " ", line).strip()
        if line:
            out.append(line)
    return out


def html_to_text(html: str) -> str:
    """Return the article text of a saved web page: headline line, metadata lines, paragraphs.

    >>> html_to_text("<nav>Beranda</nav><h1>Judul</h1><article><p>Isi.</p></article>")
    'Judul\\nIsi.'
    """
    parser = _Collector()
    parser.feed(html)
    parser.close()
    article = _lines(parser.article)
    title = _lines(parser.h1) or [re.split(r"\s+[|–—]\s+|\s+-\s+", t)[0]
                                  for t in _lines(parser.title)[:1]]
    meta = _lines(parser.meta)
    body = article or _lines(parser.body)
    out: list[str] = []
    if title and title[0] in body[:3]:
        body.remove(title[0])
    if title:
        out.append(title[0])
    for line in meta[:3]:
        if line not in body and line not in out and len(line) < 120:
            out.append(line)
    if parser.meta_date and not meta:
        out.append(parser.meta_date)
    out.extend(body)
    return "\n".join(out)
