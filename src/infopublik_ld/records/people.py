"""People in a release: who is named, with which office, and every later mention of them.

A person is found where the text signals one: after an office ("Bupati Labuhanbatu Utara
H.Kharuddin Syah SE"), after an attribution verb ("kata Bambang", "Menurut Abdul Haris"), at an
honorific prefix ("Drs. Sugeng"), before degrees, "selaku", a speech verb or ", <office>". A later
short form ("Abdul Haris", "Bambang") is the same person.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from .lexicon import (
    ACTING_WORDS,
    ATTRIBUTION_VERBS,
    HONORIFIC_PREFIXES,
    KEPALA_UNITS,
    NOT_NAME_WORDS,
    OFFICES,
    SPEECH_VERBS,
    TITLE_WORDS,
)
from .names import is_degree, parse_name, slug
from .organizations import Organizations, major_region_at

__all__ = ["Person", "People", "find_people"]

_ACTING = r"(?:(?:Plt|Pj|Plh|Pjs)\.?\s*)?"
OFFICE_RE = re.compile(
    r"(?<![\w-])" + _ACTING + "(?:"
    + "|".join(sorted((re.escape(k).replace(r"\ ", r"\s+") for k in OFFICES), key=len,
                      reverse=True))
    + r")(?![\w-])",
    re.IGNORECASE,
)
_NAME_WORD = re.compile(r"[A-Z][a-z'’`]+(?:-[A-Za-z][a-z'’]*)?|[A-Z]\.(?=\s[A-Z][a-z])"
                        r"|I(?=\s(?:Wayan|Made|Nyoman|Ketut|Gusti|Putu|Kadek|Komang|Gede)\b)")
_REGULATION_BEFORE = re.compile(r"(?:Instruksi|Peraturan|Keputusan|Surat\s+Edaran)\s+$", re.I)
_SPACE = re.compile(r"[ \t]*")
_DEG_TOKEN = re.compile(r"\s*,?\s*([A-Za-z](?:[A-Za-z]{0,5}\.?){0,4})(?![\w])")
_NICK = re.compile(r"\s*\(\s*[A-Z][a-z'’]+\s*\)")
_VERB_ALT = "|".join(sorted(ATTRIBUTION_VERBS, key=len, reverse=True))
_VERB_BEFORE_NAME = re.compile(rf"\b(?:(?:{_VERB_ALT})|menurut|oleh|kepada|bersama)\s+$",
                               re.IGNORECASE)
_AFTER_NAME = re.compile(
    r"\s*(?:,\s*|\s+)(?:selaku|sebagai|yang\s+juga)\b|\s+(?:"
    + "|".join(SPEECH_VERBS) + r")\b",
    re.IGNORECASE,
)
_TITLE_WORD = re.compile(r"[ \t]+([A-Za-z][A-Za-z-]*|dan|&)")
_CAP_AHEAD = re.compile(r"[ \t]+[A-Z]")
_NEXT_CAP = re.compile(r"[ \t]+(?=[A-Z])")
_COMMA_GAP = re.compile(r"[ \t]*,?[ \t]*")
_COMMA = re.compile(r"[ \t]*,[ \t]*")
_ACTING_START = re.compile(r"(?:Plt|Pj|Plh|Pjs)\b", re.I)
_CAP_RUN = re.compile(r"(?<![\w.])[A-Z][a-z'’]+(?:\s+[A-Z][a-z'’]+){0,4}")
_PAREN = re.compile(r"\s*\([^()\n]{1,60}\)")
_PREFIX_START = re.compile(r"(?<![\w.])(?:" + "|".join(
    sorted(map(re.escape, HONORIFIC_PREFIXES), key=len, reverse=True)) + r")(?:\.\s*|\s+)(?=[A-Z])",
    re.IGNORECASE)
_REGIONAL_OFFICES = {"bupati", "wakil-bupati", "wali-kota", "wakil-wali-kota", "gubernur",
                     "wakil-gubernur", "sekda", "asisten", "staf-ahli"}


@dataclass
class Person:
    """A person under construction; ``mentions`` are character spans of every reference."""

    id: str
    label: str
    name: str
    prefixes: list[str] = field(default_factory=list)
    suffixes: list[str] = field(default_factory=list)
    nickname: str | None = None
    job_title: str | None = None
    office: str | None = None
    organization: str | None = None
    acting: bool = False
    mentions: list[tuple[int, int]] = field(default_factory=list)

    def to_record(self) -> dict:
        """Return the record form (schema ``person``)."""
        out: dict = {"id": self.id, "name": self.name, "label": self.label}
        if self.prefixes:
            out["honorific_prefixes"] = self.prefixes
        if self.suffixes:
            out["honorific_suffixes"] = self.suffixes
        for key in ("nickname", "job_title", "office", "organization"):
            if getattr(self, key):
                out[key] = getattr(self, key)
        if self.acting:
            out["acting"] = True
        return out


@dataclass
class OfficeMention:
    """An office phrase in the text, with the job title as written (parentheses dropped)."""

    start: int
    end: int
    title: str
    code: str | None
    acting: bool
    org: str | None


def _office_code(phrase: str, next_word: str) -> str | None:
    words = phrase.lower().split()
    while words and words[0].rstrip(".") in ACTING_WORDS:
        words = words[1:]
    key = " ".join(words)
    code = OFFICES.get(key)
    if code is None and key == "kepala":
        code = KEPALA_UNITS.get(next_word.lower())
    return code


def read_office(text: str, m: re.Match, orgs: Organizations) -> OfficeMention:
    """Extend an office match over its title tail ("Administrasi Umum Labuhanbatu Utara")."""
    pos = m.end()
    parts = [m.group(0)]
    org = None
    region = None
    while True:
        p = _PAREN.match(text, pos)
        if p and len(parts) > 0:
            pos = p.end()
            continue
        om = orgs.resolve(_SPACE.match(text, pos).end()) if pos < len(text) else None
        if om and om.start - pos <= 1:
            org = org or om.org_id
            parts.append(text[om.start:om.end])
            pos = om.end
            continue
        code, rend, rwritten = major_region_at(text, _SPACE.match(text, pos).end())
        if code and text[pos:pos + 1] in (" ", "\t"):
            region = region or code
            parts.append(rwritten)
            pos = rend
            continue
        w = _TITLE_WORD.match(text, pos)
        if w and (w.group(1).lower() in TITLE_WORDS or (
                w.group(1) in ("dan", "&") and _CAP_AHEAD.match(text, w.end()))
                or (w.group(1).isupper() and 2 <= len(w.group(1)) <= 8
                    and not is_degree(w.group(1)))):
            parts.append(w.group(1))
            pos = w.end()
            continue
        break
    title = _PAREN.sub("", " ".join(parts))
    title = re.sub(r"\s+", " ", title).strip()
    next_word = parts[1] if len(parts) > 1 else ""
    code = _office_code(m.group(0), next_word.split()[0] if next_word else "")
    acting = bool(_ACTING_START.match(m.group(0)))
    if org is None and code in _REGIONAL_OFFICES:
        target = region or orgs.doc_region
        if target:
            org = orgs.government(target)
    return OfficeMention(m.start(), pos, title, code, acting, org)


def read_name(text: str, pos: int) -> tuple[int, int] | None:
    """Read a personal name (prefixes, words, degrees, nickname) at ``pos``: its span or None."""
    start = pos = _SPACE.match(text, pos).end()
    saw_prefix = False
    while True:
        m = _PREFIX_START.match(text, pos)
        if not m:
            break
        pos, saw_prefix = m.end(), True
    words = 0
    while words < 5:
        m = _NAME_WORD.match(text, pos)
        if not m or m.group(0).lower().rstrip(".") in NOT_NAME_WORDS:
            break
        if OFFICE_RE.match(text, m.start()) and not saw_prefix:
            break
        if m.group(0).isupper() and len(m.group(0)) > 1 and is_degree(m.group(0)) and words:
            break
        pos = m.end()
        words += 1
        nxt = _NEXT_CAP.match(text, pos)
        if not nxt:
            break
        pos = nxt.end()
    if words == 0:
        return None
    end = pos = start + len(text[start:pos].rstrip(" \t"))
    n = _NICK.match(text, end)
    if n:
        end = pos = n.end()
    while True:
        d = _DEG_TOKEN.match(text, pos)
        if not d or not is_degree(d.group(1)):
            break
        pos = end = d.end()
    n = _NICK.match(text, end)
    if n:
        end = n.end()
    return start, end


class People:
    """The people of one release with their mentions and office mentions."""

    def __init__(self) -> None:
        self.people: dict[str, Person] = {}
        self.offices: list[OfficeMention] = []

    def add(self, text: str, span: tuple[int, int], office: OfficeMention | None) -> Person:
        """Add (or merge into an existing) person named at ``span``."""
        label = text[span[0]:span[1]].strip(" ,")
        parsed = parse_name(label)
        person = self.match(parsed.name)
        if person is None:
            key = slug(parsed.name)
            while key in self.people:
                key += "-2"
            person = Person(key, parsed.label, parsed.name, parsed.prefixes, parsed.suffixes,
                            parsed.nickname)
            self.people[key] = person
        elif len(parsed.label) > len(person.label) and parsed.name == person.name:
            person.label, person.prefixes, person.suffixes = (
                parsed.label, parsed.prefixes, parsed.suffixes)
        if office and not person.job_title:
            person.job_title, person.office = office.title, office.code
            person.organization, person.acting = office.org, office.acting
        person.mentions.append(span)
        return person

    def add_label(self, label: str) -> Person:
        """Add a person known only from a label (a credit line), without a mention span."""
        parsed = parse_name(label)
        person = self.match(parsed.name) if len(parsed.name.split()) > 1 else None
        if person is None:
            person = next((p for p in self.people.values() if p.name == parsed.name), None)
        if person is None:
            key = slug(parsed.name)
            while key in self.people:
                key += "-2"
            person = Person(key, parsed.label, parsed.name, parsed.prefixes, parsed.suffixes,
                            parsed.nickname)
            self.people[key] = person
        return person

    def tokens(self) -> set[str]:
        """Lower-case words of every known name (a cheap pre-check for short mentions)."""
        return {w for p in self.people.values() for w in p.name.lower().split()}

    def match(self, name: str) -> Person | None:
        """The known person ``name`` refers to: same name, or a short form of one name."""
        folded = name.lower().split()
        if not folded:
            return None
        hits = []
        for person in self.people.values():
            full = person.name.lower().split()
            if full == folded:
                return person
            if len(folded) < len(full) and (full[: len(folded)] == folded
                                            or (len(folded) == 1 and folded[0] in full)):
                hits.append(person)
            elif len(full) < len(folded) and folded[: len(full)] == full:
                hits.append(person)
        return hits[0] if len(hits) == 1 else None

    def by_office(self, code: str | None, title: str) -> Person | None:
        """The unique person holding an office (by code, else by job title words)."""
        cands = [p for p in self.people.values() if code and p.office == code]
        if len(cands) == 1:
            return cands[0]
        low = title.lower()
        cands = [p for p in self.people.values() if p.job_title and (
            p.job_title.lower().startswith(low) or low.startswith(p.job_title.lower()))]
        return cands[0] if len(cands) == 1 else None

    def mentions(self) -> list[tuple[int, int, str]]:
        """Every mention as ``(start, end, person id)``, in text order."""
        out = [(s, e, p.id) for p in self.people.values() for s, e in p.mentions]
        return sorted(set(out))


def find_people(text: str, orgs: Organizations, skip: list[tuple[int, int]] = ()) -> People:
    """Find the people of ``text``. ``skip`` spans (credit line, title) are not searched."""
    people = People()
    taken: list[tuple[int, int]] = list(skip)

    def free(s: int, e: int) -> bool:
        return all(e <= a or s >= b for a, b in taken)

    def take(span: tuple[int, int], office: OfficeMention | None) -> None:
        if free(*span):
            taken.append(span)
            people.add(text, span, office)

    for m in OFFICE_RE.finditer(text):
        if not m.group(0)[0].isupper() or _REGULATION_BEFORE.search(
                text, max(0, m.start() - 25), m.start()):
            continue
        office = read_office(text, m, orgs)
        people.offices.append(office)
        after = _COMMA_GAP.match(text, office.end).end()
        span = read_name(text, after)
        if span and free(*span):
            take(span, office)
    for m in _PREFIX_START.finditer(text):
        span = read_name(text, m.start())
        if span and free(*span) and parse_name(text[span[0]:span[1]]).prefixes:
            take(span, None)
    anchors = _anchors(text)
    for m in _CAP_RUN.finditer(text):
        for w in re.finditer(r"[A-Z]", m.group(0)):
            s = m.start() + w.start()
            if (w.start() and m.group(0)[w.start() - 1] != " ") or not free(s, s + 1):
                continue
            word = _NAME_WORD.match(text, s)
            if not word or word.group(0).lower() in NOT_NAME_WORDS:
                continue
            i = bisect.bisect_right(anchors, s)
            if not (i < len(anchors) and anchors[i] - s < 90) and not (
                    _VERB_BEFORE_NAME.search(text, max(0, s - 20), s)) and (
                    word.group(0).lower() not in people.tokens()):
                continue
            span = _triggered_name(text, s, people, orgs)
            if span and free(*span[0]):
                take(*span)
                break
    return people


_DEGREE_CAND = re.compile(r"(?<=[\s,])[A-Za-z][A-Za-z.]{0,8}(?=[\s,.;)]|$)")


def _anchors(text: str) -> list[int]:
    """Positions after which a name may end: degrees, "selaku", speech verbs, ", <office>"."""
    out = [m.start() for m in _AFTER_NAME.finditer(text)]
    out += [m.start() for m in _DEGREE_CAND.finditer(text) if is_degree(m.group(0))]
    out += [m.start() for m in _COMMA.finditer(text) if OFFICE_RE.match(text, m.end())]
    return sorted(out)


def _triggered_name(text: str, start: int, people: People, orgs: Organizations
                    ) -> tuple[tuple[int, int], OfficeMention | None] | None:
    """A name at ``start`` that the context marks as a person (verb, degree, selaku, known)."""
    span = read_name(text, start)
    if not span:
        return None
    label = text[span[0]:span[1]]
    parsed = parse_name(label)
    known = people.match(parsed.name)
    if known is None and not parsed.suffixes:
        # "Menurut Abdul Haris Pertemuan ...": cut capitalised words after a known short form
        words = parsed.name.split()
        for n in range(len(words) - 1, 0, -1):
            if people.match(" ".join(words[:n])):
                cut = text.find(words[n - 1], span[0]) + len(words[n - 1])
                span, known = (span[0], cut), people.match(" ".join(words[:n]))
                break
    before = _VERB_BEFORE_NAME.search(text, max(0, span[0] - 20), span[0])
    trailing = _AFTER_NAME.match(text, span[1])
    office = None
    office_after = _COMMA.match(text, span[1])
    if office_after:
        om = OFFICE_RE.match(text, office_after.end())
        if om and om.group(0)[0].isupper():
            office = read_office(text, om, orgs)
    if before or trailing or parsed.suffixes or office or known:
        return span, office
    return None
