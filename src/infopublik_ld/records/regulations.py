"""Citations of legal instruments: ``Instruksi Presiden (Inpres) Nomor 9 Tahun 2015 tentang …``,
``UU No.14 Tahun 2008``, ``Permen Kominfo Nomor : 28 /PER/M.KOMINFO/9/2006``, ``Perpres 39/2019``,
``Peraturan Gubernur Bali Nomor 79 tahun 2018``. The same instrument cited twice is one.

Regional and ministerial instruments get an ``issuer_code`` (their IRI needs it, see
DESIGN.md): the Kemendagri code of the issuing region ("Perda Kabupaten Badung", "Pergub
Bali", "Perbup OKI", or the agency's own region for a bare "Perda Nomor 4 Tahun 2021"), or the
key of the issuer in ontology/concepts/regulation-issuer.ttl ("Permendagri" → ``kemendagri``,
"Peraturan Menteri Kominfo" → ``kominfo``). Without one the record carries none, and the
instrument is published as an instance resource with a warning.

>>> [r["type"] + " " + r["number"] + "/" + str(r["year"]) for r in
...  find_regulations("sesuai UU No.14 Tahun 2008 tentang KIP dan Perpres 39/2019.")]
['uu 14/2008', 'perpres 39/2019']
>>> [r.get("issuer_code") for r in find_regulations(
...  "Perda Kabupaten Badung Nomor 4 Tahun 2021, Permendagri 3/2017 dan Perda Nomor 4 Tahun "
...  "2022", region="16.02")]
['51.03', 'kemendagri', '16.02']
"""

from __future__ import annotations

import re
from functools import cache

from .lexicon import (
    KNOWN_REGULATIONS,
    MINISTRY_NAMES,
    REGULATION_ISSUERS,
    REGULATION_TYPES,
)

__all__ = ["NATIONAL_TYPES", "REGIONAL_TYPES", "find_regulations", "issuer_keys",
           "resolve_issuer"]

#: national instruments: their IRI has no issuer segment
NATIONAL_TYPES = frozenset({"uud", "tap-mpr", "uu", "perppu", "pp", "perpres", "inpres",
                            "keppres"})
#: regional instruments: the issuer segment is the issuing region's Kemendagri code
REGIONAL_TYPES = frozenset({"perda", "pergub", "perbup", "perwal", "kepgub", "kepbup",
                            "kepwal", "perdes"})
#: level of the region that issues each regional type (``None``: read it from the text)
_ISSUER_LEVEL = {"pergub": "provinsi", "kepgub": "provinsi", "perbup": "kabupaten",
                 "kepbup": "kabupaten", "perwal": "kota", "kepwal": "kota", "perdes": "desa"}
_WORD = re.compile(r"[\w.-]+")


@cache
def issuer_keys() -> dict[str, str]:
    """Folded label → issuer key, from the regulation-issuer scheme (read once)."""
    from rdflib import Graph
    from rdflib.namespace import SKOS

    from ..resources import data_dir

    g = Graph().parse(data_dir("ontology") / "concepts" / "regulation-issuer.ttl",
                      format="turtle")
    out: dict[str, str] = {}
    for concept, notation in g.subject_objects(SKOS.notation):
        out[_fold(str(notation))] = str(notation)
        for pred in (SKOS.prefLabel, SKOS.altLabel):
            for label in g.objects(concept, pred):
                folded = _fold(str(label))
                out.setdefault(folded, str(notation))
                head, _, rest = folded.partition(" ")
                if head in ("menteri", "kementerian", "kepala") and rest:
                    out.setdefault(rest, str(notation))
    return out


def _fold(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


def _ministry_key(*texts: str) -> str | None:
    """The issuer key named by any of ``texts`` (longest run of words that is a label)."""
    keys = issuer_keys()
    for text in texts:
        words = _fold(text).split()
        # drop the office words that precede the ministry's name
        while words and words[0] in ("menteri", "kementerian", "kepala", "ketua", "ri"):
            words = words[1:]
        while words and words[-1] == "ri":
            words = words[:-1]
        for n in range(len(words), 0, -1):
            for i in range(len(words) - n + 1):
                key = keys.get(" ".join(words[i:i + n]))
                if key and key not in ("presiden", "dpr", "mpr"):
                    return key
    return None


def resolve_issuer(code: str, type_word: str = "", issuer_words: str = "", number: str = "",
                   region: str | None = None) -> str | None:
    """The ``issuer_code`` of a regulation of type ``code``: a region code for regional
    instruments, an issuer key for ministerial and agency ones, ``None`` for national ones
    or when the issuer cannot be established.

    ``type_word`` is the type as written ("Permendagri"), ``issuer_words`` the words after it
    ("Kabupaten Badung"), ``region`` the agency's own region (for a bare "Perda Nomor 4").

    >>> resolve_issuer("perbup", "Perbup", "OKI")
    '16.02'
    >>> resolve_issuer("permen", "Peraturan Menteri", "Kominfo")
    'kominfo'
    """
    from .regions import kabupaten_of, lookup_region, region_info

    if code in NATIONAL_TYPES:
        return None
    words = " ".join(issuer_words.split())
    if code in REGIONAL_TYPES:
        level = _ISSUER_LEVEL.get(code)
        if words:
            found = lookup_region(words, level=level) or (
                lookup_region(words) if level is None else None)
            if found is None:
                # "Perda Kabupaten Badung Provinsi Bali": the first region named
                tokens = words.split()
                for n in range(len(tokens) - 1, 0, -1):
                    found = lookup_region(" ".join(tokens[:n]), level=level)
                    if found:
                        break
            return found
        info = region_info(region) if region else None
        if info is None:
            return None
        if level == "provinsi":
            return region.split(".")[0]
        if level == "desa":
            return region if info.level == "desa" else None
        if info.level == "provinsi":
            return region if code == "perda" else None
        found = kabupaten_of(region)
        if level and region_info(found).level != level:
            return None  # a Perwal cited by a kabupaten's agency: whose?
        return found
    type_key = " ".join(type_word.lower().split())
    implied = REGULATION_ISSUERS.get(type_key, "")
    if code == "perki" and not words:
        return "ki-pusat"
    key = _ministry_key(implied, words, type_key.replace("peraturan menteri", "").replace(
        "keputusan menteri", ""), number.replace("/", " ").replace(".", " "))
    if key is None and code in ("se", "perki") and words:
        from .regions import lookup_region as _lookup
        _, _, rest = words.partition(" ")
        return _lookup(words) or (_lookup(rest) if rest else None)
    return key


#: spellings the lexicon lacks ("Perwako Pekanbaru")
_MORE_TYPES = {"perwako": "perwal", "perwakot": "perwal"}
_ALL_TYPES = {**REGULATION_TYPES, **_MORE_TYPES}


def _type_pattern(word: str) -> str:
    return re.escape(word).replace(r"\ ", r"\s+").replace(r"\-", r"[\s-]?")


_TYPES = "|".join(_type_pattern(k) for k in sorted(_ALL_TYPES, key=len, reverse=True))
_REGULATION = re.compile(
    rf"(?<![\w-])(?P<type>{_TYPES})(?![\w-])"
    r"(?:\s*\((?P<abbr>[^()\n]{1,20})\))?"
    r"(?P<issuer>(?:\s+(?:(?-i:[A-Z][\w-]*)|dalam|dan|RI)){0,8}?)"
    r"(?:\s*(?:Nomor|Nomer|Nomo|No\.?|Nr\.?)\s*:?\s*(?P<num>\d{1,4}(?:\.\d{1,4})?[A-Za-z]?"
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
# a title continues past a comma while both sides read as a title ("tentang Organisasi, Tata
# Kerja dan Uraian Tugas Dinas Komunikasi, Informatika dan Statistik"): every word capitalised
# but connectors, and the next part does not start a new clause ("…, Bupati Badung mengatakan")
_PART = re.compile(r",\s*(?P<part>[^.,;:()\n“”\"]{1,120}?)(?=\s*(?:[.,;:()\n“”\"]|$))")
_CONNECTORS = {"dan", "serta", "atau", "di", "ke", "dari", "untuk", "pada", "dalam", "bagi",
               "antar", "atas", "oleh", "yang", "tentang", "kepada", "terhadap", "melalui",
               "tahun", "nomor", "no", "&"}
_CLAUSE_START = {"bupati", "gubernur", "wali", "walikota", "kepala", "kadis", "sekda", "wakil",
                 "camat", "ketua", "menteri", "sekretaris", "asisten", "ia", "beliau", "kata",
                 "ujar", "jelas", "katanya", "ujarnya", "jelasnya", "sedangkan", "sementara",
                 "namun", "sehingga", "maka", "yakni", "yaitu", "seperti", "termasuk", "pak",
                 "bapak", "ibu"}


def _title_case(text: str) -> bool:
    words = _WORD.findall(text)
    return bool(words) and all(w[0].isupper() or w[0].isdigit() or w.lower() in _CONNECTORS
                               for w in words) and words[0].lower() not in _CONNECTORS - {
        "dan", "serta", "atau"}


def _title_at(text: str, start: int) -> tuple[str, int] | None:
    """The title after ``tentang`` at ``start`` and where it ends, commas included."""
    t = _TITLE.match(text, start)
    if not t:
        return None
    title, end = t.group("title").strip(), t.end("title")
    while _title_case(title) and len(title) < 300:
        m = _PART.match(text, end)
        if not m:
            break
        part = m.group("part").strip()
        first = part.split(maxsplit=1)[0].lower() if part else ""
        if not _title_case(part) or first in _CLAUSE_START or len(part.split()) > 12:
            break
        title, end = f"{title}, {part}", m.end("part")
    return title, end


_TYPE_CODES = {re.sub(r"[\s-]+", " ", k): v for k, v in _ALL_TYPES.items()}
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


def find_regulations(text: str, region: str | None = None) -> list[dict]:
    """Return the regulations cited in ``text`` as record dicts (schema ``regulation``).

    ``region`` is the agency's own region (Kemendagri code): the issuer of a regional
    instrument cited without one ("Perda Nomor 4 Tahun 2021").
    """
    found: dict[tuple[str, str, str, int], dict] = {}
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
        t = _title_at(text, end)
        if t:
            title, end = t
        issuer_code = resolve_issuer(code, type_word, issuer_words, number, region)
        key = (code, issuer_code or "", number, year)
        official = KNOWN_REGULATIONS.get((code, number, year))
        record: dict = {"type": code, "number": number, "year": year}
        if official or title:
            record["title"] = official or title
        if issuer:
            record["issuer"] = issuer
        if issuer_code:
            record["issuer_code"] = issuer_code
        record["as_written"] = " ".join(text[m.start():end].split())
        if key in found:
            if "title" not in found[key] and "title" in record:
                found[key]["title"] = record["title"]
            continue
        found[key] = record
    return list(found.values())
