"""Helpers for the extraction tests: the people and quote speakers of an extraction."""

from __future__ import annotations


def people_of(ex) -> dict[str, dict]:
    """The people of extraction ``ex``'s record, by name."""
    return {p["name"]: p for p in ex.record.get("people", [])}


def speakers_of(ex) -> list[str | None]:
    """The speaker's name of each quote of ``ex``'s record (``None``: no speaker)."""
    names = {p["id"]: p["name"] for p in ex.record.get("people", [])}
    return [names.get(q.get("speaker")) for q in ex.record.get("quotes", [])]
