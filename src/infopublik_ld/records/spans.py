"""Where each extracted value came from: character offsets into the text the extractor read, the
rule that found it and a confidence class. The officer console highlights the source and marks
guesses with these; the published record keeps none of it.

Confidence classes: ``certain`` (the text states it in a fixed form: a metadata date, an office
right before a name, a title or degree), ``likely`` (a pattern that is usually right: a speech
verb after a name, a keyword for the event kind), ``guess`` (inferred: a year taken from
elsewhere, the nearest person as a quote's speaker, the instance's agency as publisher).
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass

__all__ = ["CONFIDENCES", "SourceSpan", "complete", "find_span"]

CONFIDENCES = ("certain", "likely", "guess")


@dataclass(frozen=True)
class SourceSpan:
    """One extracted value: JSON Pointer into the record, ``[start, end)`` in the text, rule and
    confidence."""

    field: str
    start: int
    end: int
    rule: str
    confidence: str

    def to_json(self) -> dict:
        """The JSON form: ``{"field", "start", "end", "rule", "confidence"}``."""
        return asdict(self)


def find_span(text: str, written: str, start: int = 0) -> tuple[int, int] | None:
    """Where ``written`` (whitespace-insensitive, case-insensitive) first occurs from ``start``."""
    words = written.split()
    if not words:
        return None
    if len(words) == 1:
        i = text.lower().find(words[0].lower(), start)
        return (i, i + len(words[0])) if i >= 0 else None
    pattern = r"\s+".join(re.escape(w) for w in words)
    m = re.compile(pattern, re.IGNORECASE).search(text, start)
    return m.span() if m else None


def _escape(key: str) -> str:
    return key.replace("~", "~0").replace("/", "~1")


def _leaves(value: object, pointer: str) -> list[str]:
    """JSON Pointers of every scalar and every list item under ``value``."""
    if isinstance(value, dict):
        out = []
        for key, child in value.items():
            out += _leaves(child, f"{pointer}/{_escape(key)}")
        return out
    if isinstance(value, list):
        out = []
        for i, child in enumerate(value):
            out.append(f"{pointer}/{i}")
            if isinstance(child, (dict, list)):
                out += _leaves(child, f"{pointer}/{i}")
        return out
    return [pointer]


#: record fields that are not read from the text (constants and keys derived from other fields).
_NOT_EXTRACTED = re.compile(r"^/(?:kind|language|id)$|/id$")


def complete(record: dict, spans: list[SourceSpan], text_length: int) -> list[SourceSpan]:
    """Give every extracted value of ``record`` a span: a value without one of its own takes the
    span of its nearest ancestor that has one. Spans are clipped to the text; spans of values
    no longer in the record are dropped. Returned in record order."""
    by_field: dict[str, SourceSpan] = {}
    for s in spans:
        if s.confidence not in CONFIDENCES:
            raise ValueError(f"confidence {s.confidence!r} of {s.field}")
        start = max(0, min(s.start, text_length))
        by_field.setdefault(s.field, SourceSpan(s.field, start,
                                                max(start, min(s.end, text_length)),
                                                s.rule, s.confidence))
    out = []
    for pointer in _leaves(record, ""):
        if _NOT_EXTRACTED.search(pointer):
            continue
        own = by_field.get(pointer)
        if own is None:
            parent = pointer
            while parent and parent not in by_field:
                parent = parent.rpartition("/")[0]
            if not parent:
                continue
            p = by_field[parent]
            own = SourceSpan(pointer, p.start, p.end, p.rule, p.confidence)
        out.append(own)
    return out
