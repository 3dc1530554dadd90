"""Quotations and who said them: curly or straight marks, a space after the opening mark, the
comma before or after the closing mark, nested quotes, a quote never closed; the speaker comes
from the attribution verb's subject ("…,” kata Bambang", "Bupati … mengatakan, “…”") or, for
"ujarnya"-style verbs, the nearest person named before. No person, no speaker."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .lexicon import ATTRIBUTION_VERBS, SPEECH_VERBS
from .people import OFFICE_RE, People
from .representations import Representation

__all__ = ["Quote", "find_quote_spans", "find_quotes"]

_OPEN, _CLOSE = "“„«", "”»"
_VERBS = "|".join(sorted(ATTRIBUTION_VERBS, key=len, reverse=True))
_AFTER = re.compile(rf"[\s,.]*(?P<verb>{_VERBS})(?P<nya>nya)?\b(?P<dia>\s+(?:dia|beliau))?",
                    re.IGNORECASE)
_SPEECH_BEFORE = re.compile(
    r"(?:\b(?:" + "|".join(SPEECH_VERBS) + r"|menurut(?:nya)?|ucap|kata|ujar)\b[^“”\"\n]{0,80}"
    r"|[:,])\s*$", re.IGNORECASE)
_MIN_WORDS = 4
_MARKS = re.compile(r'[“”„«»"]')
_NEAREST = 900


@dataclass
class Quote:
    """One quotation: text span, words, speaker key and how the speaker was found."""

    start: int
    end: int
    text: str
    closed: bool
    speaker: str | None = None
    on_behalf_of: str | None = None
    how: str | None = None  # "verb-subject", "pronoun", "nearest"

    def to_record(self) -> dict:
        """Return the record form (schema ``quote``)."""
        out: dict = {"text": self.text}
        if self.speaker:
            out["speaker"] = self.speaker
        if self.on_behalf_of:
            out["on_behalf_of"] = self.on_behalf_of
        return out


def find_quote_spans(text: str) -> list[tuple[int, int, int, int, bool]]:
    """Return ``(start, end, text_start, text_end, closed)`` for each quotation in ``text``."""
    spans = []
    pos = 0
    for para in text.split("\n"):
        depth, straight, open_at = 0, False, -1
        for qm in _MARKS.finditer(para):
            i, ch = qm.start(), qm.group(0)
            if ch in _OPEN or (ch == '"' and depth == 0):
                if depth == 0:
                    open_at, straight = i, ch == '"'
                depth += 1
            elif ch in _CLOSE or (ch == '"' and depth > 0):
                if depth == 0:
                    continue
                if ch == '"' and not straight and depth > 1:
                    continue
                depth -= 1
                if depth == 0 or (ch == '"' and straight):
                    spans.append((pos + open_at, pos + i + 1, pos + open_at + 1, pos + i, True))
                    depth = 0
        if depth > 0 and open_at >= 0:
            spans.append((pos + open_at, pos + len(para), pos + open_at + 1, pos + len(para),
                          False))
        pos += len(para) + 1
    return spans


def _clean(words: str) -> str:
    return words.strip().rstrip(",").strip()


def _speaker_after(text: str, pos: int, people: People, mentions) -> tuple[str | None, bool]:
    """``(speaker, pronoun)`` from an attribution verb right after a closing mark."""
    m = _AFTER.match(text, pos)
    if not m or m.start("verb") - pos > 4:
        return None, False
    if m["nya"] or m["dia"]:
        return None, True
    after = m.end()
    for s, _e, pid in mentions:
        if after <= s <= after + 3:
            return pid, False
    om = OFFICE_RE.match(text, after + 1) if text[after:after + 1] == " " else None
    if om:
        for s, _e, pid in mentions:
            if om.start() <= s <= om.end() + 80 and "." not in text[om.end():s].replace(
                    "Drs.", "").replace("H.", ""):
                return pid, False
        holder = people.by_office(None, om.group(0))
        if holder:
            return holder.id, False
    return None, False


def _nearest(pos: int, lo: int, mentions, quotes, reps: list[Representation]) -> str | None:
    best = None
    for s, _e, pid in mentions:
        if lo <= s < pos and not any(qs <= s < qe for qs, qe in quotes):
            best = (s, pid)
    if best is None:
        return None
    for rep in reps:
        if rep.represented == best[1] and any(
                p == rep.representative and lo <= s < pos for s, _e, p in mentions):
            return rep.representative
    return best[1]


def find_quotes(text: str, people: People, reps: list[Representation],
                skip: tuple[int, int] | None = None) -> list[Quote]:
    """Find quotations and resolve their speakers among ``people``."""
    mentions = people.mentions()
    quotes: list[Quote] = []
    spans = [s for s in find_quote_spans(text) if not (skip and skip[0] <= s[0] < skip[1])]
    quote_areas = [(s[0], s[1]) for s in spans]
    for start, end, ts, te, closed in spans:
        words = _clean(text[ts:te])
        if len(words.split()) < _MIN_WORDS:
            continue
        quote = Quote(start, end, words, closed)
        speaker, pronoun = (_speaker_after(text, end, people, mentions) if closed
                            else (None, False))
        if speaker:
            quote.speaker, quote.how = speaker, "verb-subject"
        else:
            para_start = text.rfind("\n", 0, start) + 1
            lead = text[para_start:start]
            lo = max(0, start - _NEAREST)
            if _SPEECH_BEFORE.search(lead):
                quote.speaker = _nearest(start, para_start, mentions, quote_areas, reps)
                quote.how = "verb-subject"
            if quote.speaker is None:
                quote.speaker = _nearest(start, lo, mentions, quote_areas, reps)
                quote.how = "pronoun" if pronoun else "nearest"
        if quote.speaker:
            for rep in reps:
                if rep.representative == quote.speaker and rep.task and 0 <= start - rep.pos < 1500:
                    quote.on_behalf_of = rep.represented
        else:
            quote.how = None
        quotes.append(quote)
    return quotes
