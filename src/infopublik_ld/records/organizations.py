"""Organisations named in a release, normalised: "Kominfo Labura" -> "Dinas Komunikasi dan
Informatika Kabupaten Labuhanbatu Utara" (a unit of "Pemerintah Kabupaten Labuhanbatu Utara").

The tables live in :mod:`infopublik_ld.records.lexicon` (``REGIONAL_UNITS``,
``REGIONAL_GOVERNMENTS``, ``NATIONAL_BODIES``); region names go through :mod:`.regions`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from .lexicon import (
    NATIONAL_BODIES,
    REGION_ABBREVIATIONS,
    REGIONAL_GOVERNMENTS,
    REGIONAL_UNITS,
)
from .names import slug
from .regions import fold, lookup_region, region_info, strip_level_prefix

__all__ = ["OrgMention", "Organizations", "is_major_region", "is_organization",
           "major_region_at"]

_ALL_NAMES = {**{k: ("unit", k) for k in REGIONAL_UNITS},
              **{k: ("gov", k) for k in REGIONAL_GOVERNMENTS},
              **{k: ("national", k) for k in NATIONAL_BODIES}}
_ORG_RE = re.compile(
    r"(?<![\w-])(?:" + "|".join(sorted(map(re.escape, _ALL_NAMES), key=len, reverse=True))
    + r")(?![\w-])",
    re.IGNORECASE,
)
_PAREN = re.compile(r"\s*\([^()\n]{1,80}\)")
_REGION_WORDS = re.compile(
    r"\s*(?:(?:Kabupaten|Kab\.|Kota|Provinsi|Prov\.)\s+)?"
    r"[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3}"
)
_MAJOR = ("provinsi", "kabupaten", "kota")
#: national bodies with a body of the same name per province or kabupaten
_REGIONAL_BRANCHES = {"komisi-informasi", "bps", "kpu", "bawaslu", "korpri", "pwi", "tp-pkk",
                      "dharma-wanita", "karang-taruna", "forkopimda"}


def major_region_at(text: str, pos: int) -> tuple[str | None, int, str]:
    """Read a kabupaten/kota/provinsi name starting at ``pos``: ``(code, end, as written)``.

    Tries the longest run of capitalised words first ("Labuhanbatu Utara" before
    "Labuhanbatu"); only kabupaten/kota and provinsi count.
    """
    m = _REGION_WORDS.match(text, pos)
    if not m:
        return None, pos, ""
    words = m.group(0).split()
    lead = len(m.group(0)) - len(m.group(0).lstrip())
    for n in range(len(words), 0, -1):
        cand = " ".join(words[:n])
        code = _major_code(cand)
        if code:
            end = pos + lead + len(cand)
            return code, end, cand
    return None, pos, ""


def is_organization(name: str) -> bool:
    """True when ``name`` as a whole is a known organisation name or acronym ("Forkopimda",
    "Dharma Wanita Persatuan", "Diskominfo Labura")."""
    m = _ORG_RE.match(name)
    if m is None:
        return False
    rest = name[m.end():].strip()
    return not rest or _major_code(strip_level_prefix(rest)[1] and rest) is not None


def is_major_region(name: str) -> bool:
    """True when ``name`` is, as a whole, a kabupaten/kota/provinsi name ("Mataram", "NTB")."""
    return bool(name) and name[:1].isupper() and _major_code(name) is not None


@lru_cache(maxsize=8192)
def _major_code(cand: str) -> str | None:
    """The kabupaten/kota/provinsi code a candidate name stands for, or None."""
    if not strip_level_prefix(cand)[1]:
        return None
    code = lookup_region(cand)
    info = region_info(code) if code else None
    return code if info and info.level in _MAJOR else None


@dataclass
class Org:
    """An organisation record under construction."""

    id: str
    name: str
    kind: str
    region: str | None = None
    parent: str | None = None
    alternate_names: list[str] = field(default_factory=list)

    def to_record(self) -> dict:
        """Return the record form (schema ``organization``)."""
        out: dict = {"id": self.id, "name": self.name}
        if self.alternate_names:
            out["alternate_names"] = self.alternate_names
        out["kind"] = self.kind
        if self.region:
            out["region"] = self.region
        if self.parent:
            out["parent"] = self.parent
        return out


@dataclass(frozen=True)
class OrgMention:
    """Where an organisation is named: character span and organisation key."""

    start: int
    end: int
    org_id: str
    as_written: str


class Organizations:
    """Collects organisations of one release, creating parents (Pemkab) when a unit needs one."""

    def __init__(self, text: str, doc_region: str | None) -> None:
        self.text = text
        self.doc_region = doc_region
        self.orgs: dict[str, Org] = {}
        self.mentions: list[OrgMention] = []
        self._short: dict[str, str] = {}

    # -- naming ------------------------------------------------------------------------------
    def short_region(self, code: str) -> str:
        """A short, as-used name for a region: an abbreviation the text uses ("Labura")."""
        if code not in self._short:
            self._short[code] = self._short_region(code)
        return self._short[code]

    def _short_region(self, code: str) -> str:
        for abbr, target in REGION_ABBREVIATIONS.items():
            if target == code:
                m = re.search(rf"\b{re.escape(abbr)}\b", self.text, re.IGNORECASE)
                if m:
                    return m.group(0)
        info = region_info(code)
        return strip_level_prefix(info.name)[1] if info else code

    def government(self, code: str) -> str:
        """Return the key of the government of region ``code`` (created when new)."""
        info = region_info(code)
        if info is None:
            raise KeyError(code)
        stem, prefix = {"provinsi": ("pemprov", "Pemerintah Provinsi"),
                        "kota": ("pemkot", "Pemerintah Kota")}.get(
            info.level, ("pemkab", "Pemerintah Kabupaten"))
        short = self.short_region(code)
        key = f"{stem}-{slug(fold(short) if ' ' not in short else short)}"
        if key not in self.orgs:
            bare = strip_level_prefix(info.name)[1]
            self.orgs[key] = Org(key, f"{prefix} {bare}", "government", code,
                                 alternate_names=[f"{stem.capitalize()} {short}"])
        return key

    def unit(self, stem: str, base_name: str, code: str) -> str:
        """Return the key of a regional unit (Diskominfo X) of region ``code``."""
        info = region_info(code)
        short = self.short_region(code)
        key = f"{stem}-{slug(fold(short) if ' ' not in short else short)}"
        if key not in self.orgs:
            name = f"{base_name} {info.name}" if info else base_name
            self.orgs[key] = Org(key, name, "unit", code)
            self.orgs[key].parent = self.government(code)
        return key

    def national(self, key_name: str) -> str:
        """Return the key of a national body from :data:`NATIONAL_BODIES`."""
        key, name, kind, parent = NATIONAL_BODIES[key_name]
        if key not in self.orgs:
            self.orgs[key] = Org(key, name, kind)
            if parent:
                pkey = next(k for k, v in NATIONAL_BODIES.items() if v[0] == parent)
                self.orgs[key].parent = self.national(pkey)
        return key

    def branch(self, key_name: str, code: str) -> str:
        """Return the key of the regional body of a national one ("Komisi Informasi Provinsi
        Sumatera Selatan"), created when new."""
        key, name, kind, _parent = NATIONAL_BODIES[key_name]
        info = region_info(code)
        short = self.short_region(code)
        branch_key = f"{key}-{slug(fold(short) if ' ' not in short else short)}"
        if branch_key not in self.orgs:
            where = info.name if info is None or info.level != "provinsi" else \
                f"Provinsi {info.name}"
            self.orgs[branch_key] = Org(branch_key, f"{name} {where}" if info else name, kind,
                                        code)
        return branch_key

    # -- finding -----------------------------------------------------------------------------
    def resolve(self, start: int) -> OrgMention | None:
        """Read an organisation name starting exactly at ``start`` (used for job titles)."""
        m = _ORG_RE.match(self.text, start)
        return self._mention(m) if m else None

    def _mention(self, m: re.Match) -> OrgMention | None:
        word = m.group(0)
        kind, key_name = _ALL_NAMES[word.lower()]
        end = m.end()
        written = word
        if kind == "national":
            p = _PAREN.match(self.text, end)
            if p and key_name in ("bakohumas", "bssn", "setkab"):
                end = p.end()
            if NATIONAL_BODIES[key_name][0] in _REGIONAL_BRANCHES:
                # "Komisi Informasi Provinsi Sumatera Selatan": the body of that region
                code, rend, rwritten = major_region_at(self.text, (p.end() if p else end))
                if code and self.text[end:end + 1] in " \t(":
                    return self._note(m.start(), rend, self.branch(key_name, code),
                                      f"{word} {rwritten}")
            return self._note(m.start(), end, self.national(key_name), written)
        p = _PAREN.match(self.text, end)
        after = p.end() if p else end
        code, rend, rwritten = major_region_at(self.text, after)
        if code:
            end = rend
            written = f"{word} {rwritten}"
        elif p:
            pass
        if kind == "gov":
            code = code or self.doc_region
            if not code:
                return None
            key = self.government(code)
        else:
            stem, base = REGIONAL_UNITS[key_name]
            code = code or self.doc_region
            if stem == "diskominfo" and word.lower() == "kominfo" and (
                    not code or code == "31"):
                return self._note(m.start(), end, self.national("kemkominfo"), written)
            if not code:
                return None
            key = self.unit(stem, base, code)
        return self._note(m.start(), end, key, written)

    def _note(self, start: int, end: int, key: str, written: str) -> OrgMention:
        org = self.orgs[key]
        if written.lower() != org.name.lower() and written.lower() not in (
                a.lower() for a in org.alternate_names) and not written.islower():
            org.alternate_names.append(written)
        mention = OrgMention(start, end, key, written)
        self.mentions.append(mention)
        return mention

    def scan(self) -> None:
        """Find every organisation mention in the text."""
        for m in _ORG_RE.finditer(self.text):
            if self.mentions and m.start() < self.mentions[-1].end:
                continue
            self._mention(m)

    def first(self, *stems: str) -> str | None:
        """Key of the first organisation (in mention order) whose key starts with a stem."""
        for mention in self.mentions:
            if mention.org_id.split("-")[0] in stems:
                return mention.org_id
        for key in self.orgs:
            if key.split("-")[0] in stems:
                return key
        return None

    def at(self, start: int, end: int) -> str | None:
        """Key of the organisation mentioned inside ``[start, end)``, if any."""
        for mention in self.mentions:
            if start <= mention.start < end:
                return mention.org_id
        return None

    def last_before(self, start: int, end: int) -> str | None:
        """Key of the last organisation mentioned inside ``[start, end)``, if any."""
        found = None
        for mention in self.mentions:
            if start <= mention.start < end:
                found = mention.org_id
        return found

    def agency(self, name: str, region: str | None) -> str:
        """Return the key of the instance's own agency (from the settings), created when new."""
        key = slug(name)
        if key not in self.orgs:
            info = region_info(region) if region else None
            self.orgs[key] = Org(key, name, "government" if name.lower().startswith(
                "pemerintah") else "unit", region if info else None)
        return key

    def span_of(self, key: str, start: int = 0, end: int | None = None
                ) -> tuple[int, int] | None:
        """Where organisation ``key`` is first named (inside ``[start, end)`` when given)."""
        for mention in self.mentions:
            if mention.org_id == key and start <= mention.start and (
                    end is None or mention.start < end):
                return mention.start, mention.end
        return None

    def span_of_child(self, key: str) -> tuple[int, int] | None:
        """Where a unit of organisation ``key`` is first named (a Pemkab implied by its
        Diskominfo)."""
        for mention in self.mentions:
            if self.orgs[mention.org_id].parent == key:
                return mention.start, mention.end
        return None

    def records(self) -> list[dict]:
        """The organisations as record dicts, in order of creation."""
        return [org.to_record() for org in self.orgs.values()]
