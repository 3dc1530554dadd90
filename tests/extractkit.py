"""Helpers for the extraction tests: a release around a body, and the people and quote speakers
of an extraction."""

from __future__ import annotations


def people_of(ex) -> dict[str, dict]:
    """The people of extraction ``ex``'s record, by name."""
    return {p["name"]: p for p in ex.record.get("people", [])}


def speakers_of(ex) -> list[str | None]:
    """The speaker's name of each quote of ``ex``'s record (``None``: no speaker)."""
    names = {p["id"]: p["name"] for p in ex.record.get("people", [])}
    return [names.get(q.get("speaker")) for q in ex.record.get("quotes", [])]


def release(body: str, title: str = "Kegiatan Pemerintah Daerah", place: str = "Baubau") -> str:
    """A minimal release: ``title``, a blank line, then ``body`` after the dateline ``place –``."""
    return f"{title}\n\n{place} – {body}\n"
