"""Citations of legal instruments: ``Instruksi Presiden (Inpres) Nomor 9 Tahun 2015 tentang …``,
``UU No.14 Tahun 2008``, ``Permen Kominfo Nomor : 28 /PER/M.KOMINFO/9/2006``, ``Perpres 39/2019``,
``Peraturan Gubernur Bali Nomor 79 tahun 2018``. The same instrument cited twice is one.

>>> [r["type"] + " " + r["number"] + "/" + str(r["year"]) for r in
...  find_regulations("sesuai UU No.14 Tahun 2008 tentang KIP dan Perpres 39/2019.")]
['uu 14/2008', 'perpres 39/2019']
"""

from __future__ import annotations

import re

from .lexicon import (
    KNOWN_REGULATIONS,
    MINISTRY_NAMES,
    REGULATION_ISSUERS,
    REGULATION_TYPES,
)

__all__ = ["find_regulations"]


def _type_pattern(word: str) -> str:
    return re.escape(word).replace(r"\ ", r"\s+").replace(r"\-", r"[\s-]?")


_TYPES = "|".join(_type_pattern(k) for k in sorted(REGULATION_TYPES, key=len, reverse=True))
_REGULATION = re.compile(
    rf"(?<![\w-])(?P<type>{_TYPES})(?![\w-])"
    r"(?:\s*\((?P<abbr>[^()\n]{1,20})\))?"
    r"(?P<issuer>(?:\s+(?:[A-Z][\w-]*|dalam|dan|RI))){0,5}?"
    r"(?:\s*(?:Nomor|Nomer|Nomo|No\.?|Nr\.?)\s*:?\s*(?P<num>\d{1,4}[A-Za-z]?"
    r"(?:\s*/\s*[A-Za-z0-9.-]{1,20}){0,5})(?:\s*,?\s*(?:Tahun|Thn\.?|Th\.?)\s*(?P<year>\d{4}))?"
    r"|\s+(?P<num2>\d{1,4})\s*(?:/|\s(?:Tahun|Thn\.?|Th\.?))\s*(?P<year2>\d{4})(?![\d/]))",
    re.IGNORECASE,
)
_TITLE = re.compile(
    r"\s*,?\s*tentang\s+(?P<title>[^.,;:()\n“”\"]{2,160}?)"
    r"(?=\s*(?:[.,;:()\n“”\"]|$)|\s+(?:yang|serta|untuk|dalam|sebagai|bahwa|maka|agar|sehingga|"
    r"dengan|oleh|dan\s+(?:Peraturan|UU|Undang|Perpres|PP|Inpres))\b)",
    re.IGNORECASE,
)
_TYPE_CODES = {re.sub(r"[\s-]+", " ", k): v for k, v in REGULATION_TYPES.items()}
_REGIONAL = {"perda", "pergub", "perbup", "perwal", "kepgub", "kepbup", "kepwal"}
_ISSUER_OFFICE = {"pergub": "Gubernur", "kepgub": "Gubernur", "perbup": "Bupati",
                  "kepbup": "Bupati", "perwal": "Wali Kota", "kepwal": "Wali Kota"}


def _issuer(code: str, type_word: str, issuer_words: str) -> str | None:
    key = " ".join(type_word.lower().split())
    if key in REGULATION_ISSUERS:
        return REGULATION_ISSUERS[key]
    if key.startswith("peraturan menteri dalam negeri"):
        return "Menteri Dalam Negeri"
    words = " ".join(issuer_words.split())
    if key.startswith(("peraturan menteri ", "keputusan menteri ")):
        words = key.split(" ", 2)[2] + (" " + words if words else "")
    if not words:
        return None
    low = words.lower()
    if code in ("permen", "kepmen", "inmen"):
        return "Menteri " + MINISTRY_NAMES.get(low, words)
    if code in _REGIONAL:
        office = _ISSUER_OFFICE.get(code)
        if office and key.split()[-1].lower() in ("gubernur", "bupati", "walikota", "kota"):
            return f"{office} {words}"
        if office and not low.startswith(office.lower()):
            return f"{office} {words}"
        return words
    return None


def find_regulations(text: str) -> list[dict]:
    """Return the regulations cited in ``text`` as record dicts (schema ``regulation``)."""
    found: dict[tuple[str, str, int], dict] = {}
    for m in _REGULATION.finditer(text):
        type_word = m.group("type")
        code = _TYPE_CODES.get(re.sub(r"[\s-]+", " ", type_word.lower()))
        if code is None:
            continue
        if m.group("num2"):
            number, year = m.group("num2"), int(m.group("year2"))
        else:
            number = re.sub(r"\s+", "", m.group("num") or "").rstrip(".-")
            year_text = m.group("year")
            if not year_text:
                tail = re.search(r"/(\d{4})$", number)
                if not tail:
                    continue
                year_text = tail.group(1)
            year = int(year_text)
        if not (1945 <= year <= 2100) or not number:
            continue
        issuer_words = m.group("issuer") or ""
        # issuer words only make sense for ministerial and regional instruments
        issuer = _issuer(code, type_word, issuer_words) if code in (
            {"permen", "kepmen", "inmen"} | _REGIONAL) else None
        end = m.end()
        title = None
        t = _TITLE.match(text, end)
        if t:
            title = t.group("title").strip()
            end = t.end("title")
        key = (code, number, year)
        official = KNOWN_REGULATIONS.get(key)
        record: dict = {"type": code, "number": number, "year": year}
        if official or title:
            record["title"] = official or title
        if issuer:
            record["issuer"] = issuer
        record["as_written"] = " ".join(text[m.start():end].split())
        if key in found:
            if "title" not in found[key] and "title" in record:
                found[key]["title"] = record["title"]
            continue
        found[key] = record
    return list(found.values())
