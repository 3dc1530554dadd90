"""Representation: "Bupati … diwakilkan oleh Asisten …", "mewakili", "atas nama Bupati …",
"membacakan sambutan Gubernur", "sambutan … dibacakan oleh". The task is derived from the speech
noun: "menyampaikan arahan Bupati", "membacakan sambutan Gubernur"."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .people import OFFICE_RE, People, _offices_in, _window

__all__ = ["Representation", "find_representations"]

_SPEECH = r"(?:sambutan|amanat|arahan|pidato|arahannya|arahanya|sambutannya|amanatnya)"
_PATTERNS: tuple[tuple[str, re.Pattern], ...] = (
    # (form, pattern); form says where represented / representative are relative to the match
    ("read-by", re.compile(rf"\b{_SPEECH}\b(?P<mid>[^\n]{{0,120}}?)\b(?:yang\s+)?dibacakan"
                           r"(?:\s+oleh)?\b", re.I)),
    # "… didelegasikan kepada Sekda …", "dilimpahkan kepada": handed to the one after
    ("passive", re.compile(r"\b(?:yang\s+)?(?:diwakil(?:i|kan)(?:\s+oleh)?|"
                           r"(?:didelegasikan|dilimpahkan)\s+kepada)\b", re.I)),
    # the one before stands in for the one after: "mewakili", "menggantikan" (for the day:
    # "yang menggantikan Bupati …, yang sedang …"), "yang diutus Bupati …", "selaku wakil
    # Bupati …" (lower case: "selaku Wakil Bupati" is the office itself)
    ("active", re.compile(r"\b(?:yang\s+)?(?:mewakili|menggantikan)\b", re.I)),
    ("active", re.compile(r"\b(?:yang\s+)(?:diutus|ditugaskan|didelegasikan)(?:\s+oleh)?\b"
                          r"(?!\s+kepada)|\b[Ss]elaku\s+(?:wakil|perwakilan|utusan)(?:\s+dari)?\b")),
    # "Bupati … mewakilkan sambutannya kepada Wakil Bupati …": the one before hands over
    ("delegates", re.compile(r"\b(?:mewakilkan|mendelegasikan|melimpahkan)\b"
                             r"(?P<what>[^\n.]{0,40}?)\s+kepada\b", re.I)),
    # "Menteri … mengutus Direktur …, Dr. Y", "Bupati … menugaskan Kepala Dinas …": only when an
    # office follows the verb (and a person precedes it: checked like "delegates")
    ("sends", re.compile(r"\b(?:mengutus|menugaskan)\s+"
                         r"(?=(?:Plt\.?\s+|Plh\.?\s+|Pj\.?\s+)?[A-Z])")),
    # "Sekda …, atas nama Bupati Tegal …, menyerahkan"; "Atas nama Bupati …, Sekda … membuka":
    # only before an office ("sertifikat atas nama Sutrisno" names an owner)
    ("on-behalf", re.compile(r"\b[Aa]tas\s+nama\s+")),
    # "Bupati Pesisir Selatan Hendrajoni melalui Asisten I … Mawardi membuka": only a named
    # person right before and an office right after ("Pemkab melalui Dinas …" is no one)
    ("through", re.compile(r"\bmelalui\s+(?=(?:Plt\.?\s+|Plh\.?\s+|Pj\.?\s+)?[A-Z])")),
    ("reads", re.compile(rf"\b(?:membacakan|menyampaikan|membawakan)\s+(?:{_SPEECH})"
                         r"(?:\s+tertulis)?\b", re.I)),
)
# between a name and "melalui": nothing, or its degrees ("…, S.H., M.H.")
_JUST_BEFORE = re.compile(r"(?:,?[ \t]*[A-Z][A-Za-z]{0,4}\.(?:[A-Za-z]{1,4}\.?)*)*,?[ \t]*")
# between an office and its holder's name: the rest of the title, a comma
_TITLE_TAIL = re.compile(r"[ \t,]*(?:[A-Z][\w'’-]*[ \t,]+){0,3}")
_SENTENCE_END = re.compile(r"[.!?][ \t\n]+[A-Z]")
_NOUN = re.compile(r"\b(sambutan|amanat|arahan|pidato)", re.I)
_WINDOW = 260


@dataclass
class Representation:
    """Who represented whom, and what they did (``task``), at character ``pos``."""

    represented: str
    representative: str
    task: str | None
    pos: int

    def to_record(self) -> dict:
        """Return the record form (schema ``representation``)."""
        out = {"represented": self.represented, "representative": self.representative}
        if self.task:
            out["task"] = self.task
        return out


def _line_bounds(text: str, pos: int) -> tuple[int, int]:
    start = max(text.rfind("\n", 0, pos) + 1, pos - _WINDOW)
    end = text.find("\n", pos)
    end = len(text) if end < 0 else end
    return start, min(end, pos + _WINDOW)


def _before(people: People, text: str, lo: int, hi: int) -> str | None:
    """The last person named (or office held) in ``[lo, hi)``."""
    best: tuple[int, str] | None = None
    for s, _e, pid in _window(people.mentions(), lo, hi):
        best = (s, pid)
    for office in _offices_in(people, lo, hi):
        if lo <= office.start < hi and (best is None or office.start > best[0]):
            holder = people.by_office(office.code, office.title)
            if holder and not _window(people.mentions(), office.end, office.end + 4):
                best = (office.start, holder.id)
    return best[1] if best else None


def _after(people: People, text: str, lo: int, hi: int) -> str | None:
    """The first person named (or office held) in ``[lo, hi)``."""
    first_person = None
    for s, _e, pid in _window(people.mentions(), lo, hi):
        first_person = (s, pid)
        break
    for office in _offices_in(people, lo, hi):
        if lo <= office.start < hi and (first_person is None or office.start < first_person[0]):
            named = first_person and first_person[0] - office.end <= 3
            if not named:
                holder = people.by_office(office.code, office.title)
                if holder:
                    return holder.id
                if not text[lo:office.start].strip(" \t,") and first_person and (
                        _SENTENCE_END.search(text, office.end, first_person[0])):
                    # "membacakan amanat Menteri Sosial. Komandan upacara …": the office right
                    # after the speech is the one represented, and the release never names its
                    # holder; a person named in a later sentence is someone else
                    return None
            break
    return first_person[1] if first_person else None


def _unnamed_office_before(people: People, text: str, lo: int, hi: int) -> bool:
    """True when the last thing named in ``[lo, hi)`` is an office whose holder the release does
    not name, written just before ``hi`` (only the rest of its title between)."""
    last_person = max((e for _s, e, _p in _window(people.mentions(), lo, hi)), default=lo)
    for office in _offices_in(people, lo, hi):
        if office.start >= last_person and lo <= office.start < hi and hi - office.end <= 60 \
                and "," not in text[office.end:hi] \
                and people.by_office(office.code, office.title) is None:
            return True
    return False


def _clause_end(text: str, comma: int, hi: int) -> int:
    """The end of the clause "atas nama <office> <name>[, <degrees>]," that starts a sentence:
    the comma after its name (degrees have their own commas)."""
    pos = comma
    while 0 < pos < hi and re.match(r",\s*(?:[A-Z][A-Za-z]{0,4}\.)+(?:[A-Za-z]{1,4}\.?)?(?=,)",
                                   text[pos:pos + 14]):
        pos = text.find(",", pos + 1)
    return pos + 1 if pos > 0 else -1


def _task(text: str, lo: int, hi: int, people: People, represented: str) -> str | None:
    m = _NOUN.search(text, lo, hi)
    if not m:
        return None
    noun = m.group(1).lower()
    verb = "menyampaikan" if noun == "arahan" else "membacakan"
    person = people.people[represented]
    who = None
    if person.job_title:
        om = OFFICE_RE.match(person.job_title)
        if om:
            who = re.sub(r"^(?:Plt|Pj|Plh|Pjs)\.?\s*", "", om.group(0))
            who = who[0].upper() + who[1:]
    return f"{verb} {noun} {who or person.name}"


def find_representations(text: str, people: People) -> list[Representation]:
    """Find representations among the people already found in ``text``."""
    out: list[Representation] = []
    seen: set[tuple[str, str]] = set()
    for form, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            lo, hi = _line_bounds(text, m.start())
            if form == "read-by":
                represented = _after(people, text, m.start(), m.start("mid") + len(m["mid"]))
                representative = _after(people, text, m.end(), hi)
            elif form == "passive":
                represented = _before(people, text, lo, m.start())
                if represented and _unnamed_office_before(people, text, lo, m.start()):
                    # "… dan Rektor Universitas Halu Oleo yang diwakili oleh …": the office
                    # right before is the one represented, and its holder is not named
                    represented = None
                representative = _after(people, text, m.end(), hi)
            elif form == "on-behalf":
                if not OFFICE_RE.match(text, m.end()):
                    continue
                represented = _after(people, text, m.end(), hi)
                representative = _before(people, text, lo, m.start())
                if m.group(0)[0] == "A" or representative is None:
                    # "Atas nama Bupati Tegal X, Sekda … Y menyerahkan": the one after the clause
                    comma = text.find(", ", m.end(), hi)
                    clause_end = _clause_end(text, comma, hi) if comma > 0 else -1
                    representative = _after(people, text, clause_end, hi) if (
                        clause_end > 0) else None
            elif form == "through":
                if not OFFICE_RE.match(text, m.end()):
                    continue
                near = _window(people.mentions(), max(lo, m.start() - 160), m.start())
                if not near or not _JUST_BEFORE.fullmatch(text, near[-1][1], m.start()):
                    continue
                represented = near[-1][2]
                # the representative is named right after the office's title ("melalui Kadis
                # Kominfo meminta …" names a channel, not who stood in)
                office = next(iter(_offices_in(people, m.end(), m.end() + 1)), None)
                after = _window(people.mentions(), m.end(), min(hi, m.end() + 160))
                representative = after[0][2] if office and after and _TITLE_TAIL.fullmatch(
                    text, office.end, after[0][0]) else None
            elif form == "active" and m.group(0)[0] in "MS" and (
                    m.start() == lo or text[m.start() - 2:m.start()].strip() in ("", ".")):
                # "Mewakili Bupati, Asisten I … Andi … menyampaikan": the clause comes first,
                # the one who stands in after its comma
                comma = text.find(",", m.end(), hi)
                if comma < 0:
                    continue
                represented = _after(people, text, m.end(), comma)
                clause_end = _clause_end(text, comma, hi)
                representative = _after(people, text, clause_end, hi) if clause_end > 0 else None
            else:
                representative = _before(people, text, lo, m.start())
                represented = _after(people, text, m.end(), hi)
                if form == "sends" and not OFFICE_RE.match(text, m.end()):
                    continue
                if form in ("delegates", "sends"):
                    represented, representative = representative, represented
            if not represented or not representative or represented == representative:
                continue
            if (represented, representative) in seen:
                continue
            seen.add((represented, representative))
            task = _task(text, lo, min(hi, m.end() + 60), people, represented)
            out.append(Representation(represented, representative, task, m.start()))
    out.sort(key=lambda r: r.pos)
    return out
