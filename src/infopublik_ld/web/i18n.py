"""Page language and a tiny translation helper for templates (Indonesian first)."""

from __future__ import annotations

import datetime as dt
import re

from flask import Flask, current_app
from markupsafe import Markup, escape

from .errors import page_lang

DAYS = {"id": ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"),
        "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")}
MONTHS = {"id": ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
                 "September", "Oktober", "November", "Desember"),
          "en": ("January", "February", "March", "April", "May", "June", "July", "August",
                 "September", "October", "November", "December")}


def t(id_text: str, en_text: str) -> str:
    """Pick the Indonesian or English text for the current request."""
    return en_text if page_lang() == "en" else id_text


def human_date(value: str, lang: str) -> str:
    """``2019-09-04`` as people write it: ``Rabu, 4 September 2019`` (``id``) or
    ``Wednesday, 4 September 2019`` (``en``); a date-time gains its hour (``10.30`` in
    Indonesian, ``10:30`` in English); a year or year-month stays short. Text that is not an
    ISO date is returned as it is."""
    text = str(value or "")
    try:
        if len(text) == 4 and text.isdigit():
            return text
        if len(text) == 7 and text[4] == "-":
            return f"{MONTHS[lang][int(text[5:]) - 1]} {text[:4]}"
        day = dt.date.fromisoformat(text[:10])
    except (ValueError, IndexError):
        return text
    out = f"{DAYS[lang][day.weekday()]}, {day.day} {MONTHS[lang][day.month - 1]} {day.year}"
    if len(text) >= 16 and text[10] == "T":
        out += f" {text[11:13]}{'.' if lang == 'id' else ':'}{text[14:16]}"
    return out


def time_tag(value: str | None) -> Markup:
    """``<time datetime="ISO">human date</time>`` in the page's language (empty for none)."""
    if not value:
        return Markup("")
    return Markup('<time datetime="{}">{}</time>').format(
        escape(value), human_date(value, page_lang()))


#: WhatsApp-style emphasis in release text: *bold*, _italic_ (not inside words)
_STRONG = re.compile(r"(?<![\w*])\*{1,2}(?=\S)([^*\n]+?)(?<=\S)\*{1,2}(?![\w*])")
_EM = re.compile(r"(?<![\w_])_(?=\S)([^_\n]+?)(?<=\S)_(?![\w_])")


def rich(text: str | None) -> Markup:
    """Release text for a page: escaped, with ``*bold*`` and ``_italic_`` as emphasis rather
    than shown as asterisks and underscores."""
    html = str(escape(text or ""))
    html = _STRONG.sub(r"<strong>\1</strong>", html)
    return Markup(_EM.sub(r"<em>\1</em>", html))


def plain(text: str | None) -> str:
    """Release text without its emphasis marks (headlines, link labels, snippets)."""
    from ..fts import MARK_END, MARK_START

    out = _EM.sub(r"\1", _STRONG.sub(r"\1", text or ""))
    return out.replace(MARK_START, "").replace(MARK_END, "")


def snippet(text: str | None) -> Markup:
    """A search snippet: the matched words highlighted (``<mark>``), emphasis marks dropped."""
    from ..fts import MARK_END, MARK_START

    html = str(escape(_EM.sub(r"\1", _STRONG.sub(r"\1", text or ""))))
    return Markup(html.replace(MARK_START, "<mark>").replace(MARK_END, "</mark>"))


def init_app(app: Flask) -> None:
    """Make ``lang``, ``t`` and ``site_name`` available in every template."""

    @app.context_processor
    def _inject() -> dict:
        settings = current_app.config["INFOPUBLIK"]
        return {"lang": page_lang(), "t": t, "site_name": settings.agency_name}

    # a global, not context: macros imported without context (macros.html) use it too
    app.jinja_env.globals["time_tag"] = time_tag
    app.jinja_env.filters.update(rich=rich, plain=plain, snippet=snippet)
