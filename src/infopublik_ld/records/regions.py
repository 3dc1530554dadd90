"""Indonesian administrative regions (Kemendagri codes) looked up by the names releases use.

The reference table ``data/wilayah-kemendagri-2025.csv`` (kode, nama, tingkat) is read once, on
first use. Names are matched on a folded key (lower case, letters and digits only), so
"Fak Fak", "Fak-Fak" and "Fakfak" are one key; prefixes such as "Kabupaten", "Kab.", "Pemkab",
"Kota", "Provinsi" choose the level; common abbreviations ("Labura", "Sumut") come from
:data:`infopublik_ld.records.lexicon.REGION_ABBREVIATIONS`.

>>> lookup_region("Kabupaten Labuhanbatu Utara")
'12.23'
>>> lookup_region("Labura")
'12.23'
>>> region_info("12.23").parent
'12'
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

from .lexicon import REGION_ABBREVIATIONS

__all__ = [
    "Region", "fold", "has_region_name", "kabupaten_of", "lookup_region", "region_info",
    "strip_level_prefix",
]

LEVELS = ("provinsi", "kabupaten", "kota", "kecamatan", "desa")

# prefix as written -> level it asks for
_PREFIXES: dict[str, str] = {
    "kabupaten administrasi": "kabupaten",
    "kota administrasi": "kota",
    "kabupaten": "kabupaten",
    "kab": "kabupaten",
    "pemkab": "kabupaten",
    "pemerintah kabupaten": "kabupaten",
    "kota": "kota",
    "pemkot": "kota",
    "pemerintah kota": "kota",
    "provinsi": "provinsi",
    "prov": "provinsi",
    "pemprov": "provinsi",
    "pemerintah provinsi": "provinsi",
    "kecamatan": "kecamatan",
    "kec": "kecamatan",
    "desa": "desa",
    "kelurahan": "desa",
    "kel": "desa",
}
_PREFIX_RE = re.compile(
    r"^(?:" + "|".join(sorted((re.escape(p) for p in _PREFIXES), key=len, reverse=True))
    + r")\b\.?\s*",
    re.IGNORECASE,
)
_NOT_ALNUM = re.compile(r"[\W_]+")
# Preference for a bare name that several levels share (lower is better).
_RANK = {"kota": 0, "kabupaten": 1, "provinsi": 2, "kecamatan": 3, "desa": 4}


@dataclass(frozen=True)
class Region:
    """One region: Kemendagri ``code``, official ``name``, ``level``, ``parent`` code or None."""

    code: str
    name: str
    level: str
    parent: str | None


def fold(name: str) -> str:
    """Return the matching key of a name: lower case, letters and digits only.

    >>> fold("Fak-Fak")
    'fakfak'
    """
    return _NOT_ALNUM.sub("", name.lower())


def strip_level_prefix(name: str) -> tuple[str | None, str]:
    """Split a leading level word off a region name: ``("kabupaten", "Labuhanbatu Utara")``."""
    m = _PREFIX_RE.match(name.strip())
    if not m:
        return None, name.strip()
    return _PREFIXES[m.group(0).strip().rstrip(".").lower()], name.strip()[m.end():].strip()


def _level_of(code: str, tingkat: str) -> str:
    if tingkat == "kabupaten/kota":
        return "kota" if int(code[3:5]) >= 71 else "kabupaten"
    if tingkat == "desa/kelurahan":
        return "desa"
    return tingkat


def _rows(upper: bool) -> Iterator[tuple[str, str, str]]:
    """(code, name, tingkat) of the CSV; ``upper``: provinces, kabupaten and kota only (the
    lines are filtered before they are parsed: 553 of 91 600)."""
    source = resources.files(__package__).joinpath("data/wilayah-kemendagri-2025.csv")
    with source.open(encoding="utf-8", newline="") as handle:
        next(handle, None)
        lines = (line for line in handle if line.count(".", 0, line.find(",")) <= 1) \
            if upper else handle
        for row in csv.reader(lines):
            if len(row) >= 3:
                yield row[0].strip(), row[1].strip(), row[2].strip()


def _index(rows: Iterable[tuple[str, str, str]]
           ) -> tuple[dict[str, Region], dict[str, list[str]]]:
    by_code: dict[str, Region] = {}
    by_key: dict[str, list[str]] = {}
    for code, name, tingkat in rows:
        level = _level_of(code, tingkat)
        parent = code.rsplit(".", 1)[0] if "." in code else None
        by_code[code] = Region(code, name, level, parent)
        _, bare = strip_level_prefix(name)
        by_key.setdefault(fold(bare), []).append(code)
    return by_code, by_key


@cache
def _table() -> tuple[dict[str, Region], dict[str, list[str]]]:
    """Read the CSV once: ``(code -> Region, folded name -> codes)``."""
    return _index(_rows(upper=False))


@cache
def _upper_table() -> tuple[dict[str, Region], dict[str, list[str]]]:
    """The same for provinces, kabupaten and kota only: read in a twentieth of the time of
    the whole table (which the publishing process then never builds, see
    :func:`lookup_region` ``upper``)."""
    return _index(_rows(upper=True))


def region_info(code: str) -> Region | None:
    """Return the :class:`Region` for a Kemendagri code, or None when there is no such code."""
    if code.count(".") <= 1:  # a province, kabupaten or kota: the small table has it
        return _upper_table()[0].get(code)
    return _table()[0].get(code)


@lru_cache(maxsize=8192)
def lookup_region(name: str, *, within: str | None = None, level: str | None = None,
                  upper: bool = False) -> str | None:
    """Return the Kemendagri code for a region name as releases write it, or None.

    ``name`` may carry a level prefix ("Kabupaten", "Kota", "Pemkab", "Provinsi") or be a known
    abbreviation ("Labura"). Among homonyms, kabupaten/kota and provinsi win over kecamatan and
    desa; ``within`` (a code) prefers regions inside that one; ``level`` restricts the level.
    ``upper``: only a province, kabupaten or kota is wanted (what this returns without
    ``within`` when one of those has the name; ``None`` otherwise).
    """
    if not name or len(name) > 80:
        return None
    prefix_level, bare = strip_level_prefix(name)
    want = level or prefix_level
    key = fold(bare)
    if not key:
        return None
    by_code, by_key = _upper_table() if upper and within is None else _table()
    abbreviation = REGION_ABBREVIATIONS.get(key)
    if abbreviation in by_code and want and by_code[abbreviation].level != want:
        abbreviation = None  # "Kota Yogyakarta" is not the province "Yogyakarta"
    if abbreviation is not None:
        if abbreviation in by_code:
            return abbreviation
        key = fold(strip_level_prefix(abbreviation)[1])
        want = want or strip_level_prefix(abbreviation)[0]
    codes = by_key.get(key, [])
    if want:
        codes = [c for c in codes if by_code[c].level == want]
    if not codes:
        return None

    if within:
        inside = [c for c in codes if c == within or c.startswith(within + ".")]
        if inside:
            return min(inside, key=lambda c: _RANK[by_code[c].level])
    best = min(codes, key=lambda c: _RANK[by_code[c].level])
    if _RANK[by_code[best].level] >= _RANK["kecamatan"] and len(codes) > 1:
        return None  # an ambiguous village name on its own says nothing
    return best


@lru_cache(maxsize=8192)
def has_region_name(name: str, *levels: str) -> bool:
    """True when some region of one of ``levels`` ("kecamatan", "desa", …; a desa or kelurahan
    of the table is "desa") is called ``name`` (homonyms in other provinces do not matter here,
    unlike :func:`lookup_region`: "Tanjung Raja" is a kecamatan either way)."""
    by_code, by_key = _table()
    return any(by_code[c].level in levels
               for c in by_key.get(fold(strip_level_prefix(name)[1]), ()))


def kabupaten_of(code: str) -> str:
    """Return the kabupaten/kota code a region lies in (the code itself at that level or above)."""
    parts = code.split(".")
    return ".".join(parts[:2])
