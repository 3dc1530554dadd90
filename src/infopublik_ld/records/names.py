"""Personal names as releases write them: honorific prefixes, degrees, nicknames.

>>> p = parse_name("H.Kharuddin Syah SE")
>>> p.name, p.prefixes, p.suffixes
('Kharuddin Syah', ['H.'], ['S.E.'])
>>> parse_name("Drs. Abdul Haris Rangkuti M.Ap").suffixes
['M.AP']
>>> parse_name("Sri Wahyuningsih (Yuni)").nickname
'Yuni'
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from .lexicon_people import (
    CASE_SENSITIVE_PREFIXES,
    DEGREES,
    HONORIFIC_PREFIXES,
    MILITARY_CORPS,
    MILITARY_RANKS,
    fold_degree,
)

__all__ = ["ParsedName", "is_degree", "parse_name", "slug", "PREFIX_RE", "DEGREE_RE", "RANK_RE"]

#: prefixes taken only with their dot ("Hi. Sapar", never "Hi Sobat"; "R." Raden, never the
#: letter alone)
_DOT_ONLY = frozenset({"hi", "r"})
_PREFIX_ALT = "|".join(sorted((re.escape(k) + (r"(?=\.)" if k in _DOT_ONLY else "")
                               for k in HONORIFIC_PREFIXES), key=len, reverse=True))
#: one honorific prefix with its dot (or a space) before the next word.
PREFIX_RE = re.compile(rf"(?:{_PREFIX_ALT})(?:\.\s*|\s+)(?=[A-Z])", re.IGNORECASE)
#: a military or police rank, with its corps, before a name: "Letkol Inf ", "AKBP ".
RANK_RE = re.compile(
    r"(?<![\w.])(?:" + "|".join(sorted(MILITARY_RANKS, key=len, reverse=True)) + r")\.?"
    r"(?:\s+(?:" + "|".join(sorted(map(re.escape, MILITARY_CORPS), key=len, reverse=True))
    + r")(?![\w]))?\.?(?:\s*\((?:Purn|Purnawirawan)\.?\))?\s+(?=[A-Z][a-z])", re.IGNORECASE)
_K_H = re.compile(r"K\.\s?H\.\s*(?=[A-Z])")
_H_C = re.compile(r"\(?H\.\s?C\.?\)?\s*", re.IGNORECASE)

# A degree token: letters with optional inner dots, e.g. "S.H.", "M.Ap", "SH.", "S.IK", "CEH".
_DEGREE_TOKEN = r"[A-Za-z](?:[A-Za-z]{0,5}\.?){0,4}"
#: a run of degrees after a name (", S.H.,M.H." / " SE" / " SH., MH., MM").
DEGREE_RE = re.compile(rf"(?:\s*,?\s*(?:{_DEGREE_TOKEN}))+")
_NICK = re.compile(r"\s*\(\s*([A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,2})\s*\)\s*(?=,|$)")


@dataclass
class ParsedName:
    """A name split into parts; ``label`` is the text as written."""

    label: str
    name: str
    prefixes: list[str] = field(default_factory=list)
    suffixes: list[str] = field(default_factory=list)
    nickname: str | None = None


@lru_cache(maxsize=16384)
def is_degree(token: str) -> bool:
    """True when ``token`` (e.g. ``"M.Ap"``, ``"SH.,"``) is a known academic degree.

    A capitalised ordinary word ("Se", "Ma") is not taken as a degree unless it has a dot or is
    all capitals.
    """
    raw = token.strip(" ,;")
    if not raw or not raw[0].isalpha():
        return False
    key = fold_degree(raw)
    if key not in DEGREES:
        return False
    letters = raw.replace(".", "")
    if "." in raw or letters.isupper():
        return True
    # "M.Ap" style without dot is rare; mixed case like "MSi", "SSos", "SIKom" is a degree
    return any(ch.isupper() for ch in letters[1:])


def normalise_degree(token: str) -> str:
    """Return the normalised spelling of a degree token (``"SH.,"`` -> ``"S.H."``)."""
    return DEGREES[fold_degree(token)]


# clan titles written after the name: Minangkabau ("Datuak", "Datuk", "Dt."), Kerinci ("Depati")
_ADAT_TITLES = {"Datuak", "Datuk", "Dt.", "Depati"}
#: written in capitals: "TGH. Muhammad Zainul Hakim"
_CAPITAL_PREFIXES = {"tgh", "kh", "agh", "rkh", "kgph"}
_SPELLED_OUT = {"haji", "hajah", "hajjah"}


_HAJI_FIRST = re.compile(r"(?:Haji|Hajah|Hajjah)[ \t]+[A-Z][a-z]+")


def _spelled_title_ok(label: str) -> bool:
    """True when a label begins with a spelled-out "Haji" before a name word, written where a
    name was read (a span that starts at "Haji": "Ketua Paguyuban …, Haji Mukhlis, berkata").
    Building and event names ("Asrama Haji Transit", "Musim Haji") never start a span there:
    :func:`~.people.find_people` reads them from their first word, see ``_HAJI_INSIDE``."""
    return bool(_HAJI_FIRST.match(label))


def _split_prefixes(text: str) -> tuple[list[str], str]:
    prefixes: list[str] = []
    rest = text.strip()
    while True:
        m = RANK_RE.match(rest)
        if m and not prefixes:
            prefixes.append(" ".join(m.group(0).split()))  # recorded as written
            rest = rest[m.end():]
            continue
        m = _K_H.match(rest)
        if m:
            prefixes.append("K.H.")
            rest = rest[m.end():]
            continue
        m = PREFIX_RE.match(rest)
        if not m:
            break
        word = m.group(0).strip().rstrip(".")
        key = word.lower()
        if word.isupper() and len(word) > 2 and key not in _CAPITAL_PREFIXES and not (
                m.group(0).rstrip().endswith(".")):
            break  # an all-capitals word ("DRS" is fine, "IR" too; "HJ" too): keep going below
        if key in _SPELLED_OUT and not prefixes and not _spelled_title_ok(rest):
            break  # "Kiai Haji Muhammad": spelled out only after another title, not "Asrama Haji"
        if key in _SPELLED_OUT and not prefixes:
            prefixes.append(word.capitalize())  # "Haji Mukhlis": the title as written
        elif key in CASE_SENSITIVE_PREFIXES and word == key:
            prefixes.append(CASE_SENSITIVE_PREFIXES[key])
        elif m.group(0).rstrip().endswith(".") and " " not in word and not (
                word.isupper() and len(word) > 2 and key not in _CAPITAL_PREFIXES) and not (
                HONORIFIC_PREFIXES[key][0].islower()):
            # a title written with its dot is kept as written ("KH.", "drh.", "Rd."): the
            # spelling is the person's, as for the name itself (all capitals excepted, and a
            # dentist's "drg.", written in lower case whatever begins the sentence)
            prefixes.append(word + ".")
        else:
            prefixes.append(HONORIFIC_PREFIXES[key])
        rest = rest[m.end():]
    return prefixes, rest


def parse_name(label: str) -> ParsedName:
    """Split a name as written into name, honorific prefixes, degrees and nickname."""
    p = _parse_name(label)
    return ParsedName(p.label, p.name, list(p.prefixes), list(p.suffixes), p.nickname)


@lru_cache(maxsize=8192)
def _parse_name(label: str) -> ParsedName:
    label = " ".join(label.split()).strip(" ,;")
    rest = label
    nickname = None
    m = _NICK.search(rest)
    if m:
        nickname = m.group(1)
        rest = rest[: m.start()] + rest[m.end():]
    rest = _H_C.sub(" ", rest) if "H.C" in rest.upper() else rest
    prefixes, rest = _split_prefixes(rest)
    tokens = [t for t in re.split(r"[\s,]+", rest) if t]
    if len(tokens) >= 3 and tokens[0] == "Dt." and not prefixes:
        # "Dt. Yusrizal Chaniago": the Minangkabau clan title written before the name (after a
        # name it is the gelar adat, below)
        prefixes.append("Dt.")
        tokens = tokens[1:]
    if len(tokens) >= 3 and tokens[0] in ("Datuk", "Datuak") and not prefixes:
        # "Datuk Haji Ramli Yusuf": the Malay customary title written before the name (after a
        # name it is the gelar adat, below), and a spelled-out "Haji" after it
        more, rest_after = _split_prefixes(" ".join(tokens[1:]))
        left = [t for t in re.split(r"[\s,]+", rest_after) if t]
        if len(left) >= 2:
            prefixes, tokens = [tokens[0], *more], left
    suffixes: list[str] = []
    if len(tokens) > 2 and tokens[-1] == "Pr" and {"Pastor", "Pater", "Romo", "RD.", "Rm."} & set(
            prefixes):
        # "Romo Fransiskus Lamanepa Pr." at a sentence's end: the read stopped at the dot
        tokens[-1] = "Pr."
    while len(tokens) > 1 and is_degree(tokens[-1]):
        suffixes.insert(0, normalise_degree(tokens.pop()))
    for k in range(1, len(tokens)):
        if tokens[k] in _ADAT_TITLES and not (k + 1 < len(tokens) and tokens[k + 1].rstrip(
                ".").lower() in _SPELLED_OUT | {"h", "hj"}):
            # ("… Belitung Timur Datuk Haji Ramli Yusuf": a title followed by "Haji" begins a
            # name of its own, see above)
            # "Fadli Aziz Datuak Rajo Batuah, S.H.": a Minangkabau title of the clan (gelar
            # adat) follows the name; it is an honorific, not part of the name
            suffixes.insert(0, " ".join(tokens[k:]))
            tokens = tokens[:k]
            break
    # degrees glued with dots but split by commas inside a token: "S.H.,M.H." handled above;
    # "SE.MM" style: one token holding two degrees
    name = " ".join(tokens).strip(" ,.;")
    if not name:
        name = label
    return ParsedName(label=label, name=name, prefixes=prefixes, suffixes=suffixes,
                      nickname=nickname)


def slug(text: str) -> str:
    """Return a key for ``text``: ASCII lower case and hyphens, at most 120 characters.

    >>> slug("Abdul Haris Rangkuti")
    'abdul-haris-rangkuti'
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    out = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return out[:120].strip("-") or "x"
