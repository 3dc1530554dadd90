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
    return key.replace("~", "~0").replace("/", "~1") if "~" in key or "/" in key else key


def _leaves(value: object, pointer: str, out: list[str]) -> None:
    """Append the JSON Pointers of every scalar and every list item under ``value``."""
    if isinstance(value, dict):
        for key, child in value.items():
            _leaves(child, f"{pointer}/{_escape(key)}", out)
    elif isinstance(value, list):
        for i, child in enumerate(value):
            here = f"{pointer}/{i}"
            out.append(here)
            if isinstance(child, (dict, list)):
                _leaves(child, here, out)
    else:
        out.append(pointer)


def complete(record: dict, spans: list[SourceSpan], text_length: int) -> list[SourceSpan]:
    """Give every extracted value of ``record`` a span: a value without one of its own takes the
    span of its nearest ancestor that has one. Spans are clipped to the text; spans of values
    no longer in the record are dropped. Returned in text order, the widest first and, among
    equal spans, the most specific field first (a highlighter that lets the first of
    overlapping spans win then marks ``/quotes/0/text`` rather than ``/quotes/0``)."""
    by_field: dict[str, SourceSpan] = {}
    for s in spans:
        if s.confidence not in CONFIDENCES:
            raise ValueError(f"confidence {s.confidence!r} of {s.field}")
        start = max(0, min(s.start, text_length))
        by_field.setdefault(s.field, SourceSpan(s.field, start,
                                                max(start, min(s.end, text_length)),
                                                s.rule, s.confidence))
    out = []
    pointers: list[str] = []
    for key, value in record.items():
        if key not in ("kind", "language", "id", "body"):
            _leaves(value, f"/{_escape(key)}", pointers)
    for pointer in pointers:
        if pointer.endswith("/id"):
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
    out.sort(key=lambda s: (s.start, -s.end, -s.field.count("/")))
    return out
