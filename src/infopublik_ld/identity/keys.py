"""Matching keys of names: what two mentions must share to be candidates for one entry.

A person's key is the name folded (accents, case, punctuation and spacing ignored; titles
are already outside ``name``). An organisation's key is canonical: the kind of unit and the
region it serves, from the organisation tables and the shipped Kemendagri region data, so
"Dinas Komunikasi dan Informatika Kabupaten Labuhanbatu Utara", "Diskominfo Labura" and
"Kominfo Labura" share one key.

>>> person_key("Drs.  Sugéng ")
'drs sugeng'
>>> org_key("Diskominfo Labura") == org_key("Dinas Komunikasi dan Informatika Kabupaten "
...                                         "Labuhanbatu Utara") == org_key("Kominfo Labura")
True
>>> org_key("Kominfo Labura"), org_key("Pemkab Labura")
('diskominfo@12.23', 'pemkab@12.23')
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from ..records.lexicon import NATIONAL_BODIES, REGIONAL_GOVERNMENTS, REGIONAL_UNITS
from ..records.regions import lookup_region

__all__ = ["org_key", "person_key", "region_of_name"]

_NOT_WORD = re.compile(r"[^a-z0-9]+")
_STEMS: dict[str, str] = {**{k: v[0] for k, v in REGIONAL_UNITS.items()},
                          **{k: v[0] for k, v in REGIONAL_GOVERNMENTS.items()}}
_NATIONAL: dict[str, str] = {k: v[0] for k, v in NATIONAL_BODIES.items()}


def _fold(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return _NOT_WORD.sub(" ", folded.lower()).strip()


@lru_cache(maxsize=65536)
def person_key(name: str) -> str:
    """The matching key of a person's name."""
    return _fold(name)


@lru_cache(maxsize=65536)
def region_of_name(words: str) -> str | None:
    """The kabupaten/kota or province a run of words names ("kabupaten labuhanbatu utara",
    "labura"), or ``None``."""
    if not words:
        return None
    # upper: the province/kabupaten/kota table alone (the whole one costs ~0.3 s CPU to
    # build, in every publishing process)
    code = lookup_region(words, upper=True)
    if code and code.count(".") <= 1:
        return code
    return None


@lru_cache(maxsize=65536)
def org_key(name: str, region: str | None = None) -> str:
    """The canonical key of an organisation named ``name`` (serving ``region``, a Kemendagri
    code, when the record says so): ``{unit}@{region}``; a national body's own key; else the
    folded name with the region."""
    folded = _fold(name)
    if folded in _NATIONAL:
        return _NATIONAL[folded]
    words = folded.split()
    # the longest known unit or government name at the start, the region after it
    for n in range(min(len(words), 6), 0, -1):
        head = " ".join(words[:n])
        stem = _STEMS.get(head)
        if stem is None:
            continue
        rest = " ".join(words[n:])
        code = region_of_name(rest) if rest else None
        if rest and code is None:
            break  # "Dinas Kesehatan Hewan": not the unit the table knows
        return f"{stem}@{code or region or ''}"
    if region:
        # "Badan Koordinasi Kehumasan Kabupaten X": the region's name is not part of the key
        for n in range(1, min(len(words), 5)):
            code = region_of_name(" ".join(words[-n:]))
            if code == region:
                return f"{' '.join(words[:-n])}@{region}"
    return f"{folded}@{region or ''}"
