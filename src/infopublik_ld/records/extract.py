"""Press-release text (or a saved web page) -> record draft with warnings.

>>> ex = extract_text("Judul Rilis\\nJAKARTA -- Kominfo menggelar rapat, Senin (2/9/2019).")
>>> ex.record["headline"], ex.record["event"]["start_date"], ex.missing
('Judul Rilis', '2019-09-02', ['date_published'])

Nothing is invented: a missing headline or publication date is listed in ``missing`` with a
warning; guesses (a speaker taken from the nearest person, a year taken from elsewhere) carry a
warning in Indonesian and English.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path

from ..errors import InputError
from .credits import find_credits
from .dates import DateMention, find_dates, find_relative, with_year
from .encoding import MAX_BYTES, check_size, decode_bytes
from .events import find_event
from .htmltext import html_to_text
from .layout import read_layout
from .names import slug
from .organizations import Organizations, major_region_at
from .people import find_people
from .quotes import find_quotes
from .regions import kabupaten_of, lookup_region, region_info
from .regulations import find_regulations
from .representations import find_representations
from .warnings import FieldWarning, warn

__all__ = ["Extraction", "FieldWarning", "extract_file", "extract_text"]

_REGION_TRIGGER = re.compile(
    r"\b(?P<lvl>Kabupaten|Kab\.|Kota|Provinsi)\s|\b(?:Pemkab|Pemkot|Pemprov|Bupati|Wali\s?[Kk]ota|"
    r"Walkot|Gubernur|Kominfo|Diskominfo|DPRD|Setda|Sekda|Kadis\s+Kominfo)\s+(?:\([^)]{1,60}\)\s*)?")
_PUBLISHERS = ("diskominfo", "humas", "prokopim", "ditjen", "kemkominfo", "komdigi", "setkab",
               "bssn", "kemendagri")
_YEAR_IN = re.compile(r"\b(19[5-9]\d|20\d\d)\b")


@dataclass
class Extraction:
    """The result of extracting one release."""

    record: dict
    warnings: list[FieldWarning] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)

    def to_json(self) -> dict:
        """``{"record": …, "warnings": […], "missing": […]}`` for machine-readable output."""
        return {"record": self.record, "warnings": [asdict(w) for w in self.warnings],
                "missing": list(self.missing)}


def _normalise(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\xa0", " ")
    text = re.sub(r"[\u200b\u200c\u200d\ufeff]", "", text)
    return re.sub(r"[ \t]+\n", "\n", text)


def _doc_region(text: str) -> str | None:
    counts: Counter[str] = Counter()
    for m in _REGION_TRIGGER.finditer(text[:200_000]):
        code, _end, _w = major_region_at(text, m.start() if m["lvl"] else m.end())
        if code:
            counts[code] += 1
    kab = [c for c, _n in counts.most_common() if "." in c]
    if kab:
        return kab[0]
    return counts.most_common(1)[0][0] if counts else None


_ZONE = re.compile(r"[ \t]*(WIB|WITA|WIT)\b")
_OFFSETS = {"WIB": "+07:00", "WITA": "+08:00", "WIT": "+09:00"}


def _with_zone(iso: str | None, text: str, span: tuple[int, int] | None) -> str | None:
    """Keep a publication time only with its zone ("22:09 WITA" -> "T22:09:00+08:00")."""
    if not iso or "T" not in iso:
        return iso
    zone = _ZONE.match(text, span[1]) if span else None
    if zone is None and span:
        zone = _ZONE.search(text, span[0], text.find("\n", span[0]) % (len(text) + 1))
    return f"{iso}:00{_OFFSETS[zone.group(1)]}" if zone else iso[:10]


def _event_dates(mentions: list[DateMention], fallback_years: list[int], warnings: list,
                 ) -> tuple[str | None, str | None]:
    if not mentions:
        return None, None
    m = mentions[0]
    if m.year is None:
        if not fallback_years:
            warnings.append(warn("/event/start_date", "no-year", m.as_written))
            return None, None
        m = with_year(m, fallback_years[0])
        warnings.append(warn("/event/start_date", "year-inferred", m.as_written, m.year))
    if m.weekday_conflict():
        warnings.append(warn("/event/start_date", "weekday-mismatch", m.as_written, m.iso()))
    start = m.iso()
    return (start[:10] if start else None), m.iso_end()


def extract_text(text: str, *, html: bool = False, source_name: str | None = None) -> Extraction:
    """Extract a record draft from release ``text`` (``html=True`` for a saved web page).

    Raises :class:`InputError` when the text is larger than
    :data:`~infopublik_ld.records.encoding.MAX_BYTES`.
    """
    name = source_name or "input"
    if len(text) > MAX_BYTES // 4:
        check_size(len(text.encode("utf-8", "replace")), name)
    if html:
        text = html_to_text(text)
    text = _normalise(text).strip()
    warnings: list[FieldWarning] = []
    record: dict = {"kind": "article", "language": "id"}
    layout = read_layout(text)
    credits = find_credits(text)
    credit_span = credits.span if credits else None
    region = _doc_region(text)
    dateline_region = None
    if layout.dateline:
        code = lookup_region(layout.dateline, within=region)
        if code:
            dateline_region = code if region_info(code).level == "provinsi" else kabupaten_of(code)
        region = region or dateline_region
    orgs = Organizations(text, region)
    orgs.scan()
    # headline words are capitalised for style, not because they are names
    skip = [span for span in (credit_span, layout.headline_span) if span]
    people = find_people(text, orgs, skip)
    if layout.headline:
        record["headline"] = layout.headline
    body_start = layout.body_start
    if layout.header_end and not text[layout.header_end:text.find("\n", layout.header_end)
                                      if "\n" in text[layout.header_end:] else len(text)].strip():
        body_start = layout.header_end
    body = text[body_start:].strip()
    if body:
        record["body"] = body
    if layout.published:
        iso = _with_zone(layout.published.iso(), text, layout.published_span)
        if iso is None:
            warnings.append(warn("/date_published", "no-year", layout.published.as_written))
        else:
            record["date_published"] = iso
            if layout.published.weekday_conflict():
                warnings.append(warn("/date_published", "weekday-mismatch",
                                     layout.published.as_written, iso))
    if layout.dateline:
        record["dateline"] = layout.dateline
        if dateline_region:
            record["dateline_region"] = dateline_region
        else:
            warnings.append(warn("/dateline_region", "region-unknown", layout.dateline))
    if layout.outlet:
        record["outlet"] = layout.outlet
    publisher = orgs.first(*_PUBLISHERS)
    if publisher:
        record["publisher"] = publisher
    # credits: people known only from the credit line
    credit_roles: dict[str, list[str]] = {}
    for role in ("authors", "editors", "photographers"):
        for label in getattr(credits, role):
            credit_roles.setdefault(role, []).append(people.add_label(label).id)
    reps = find_representations(text, people)
    quotes = find_quotes(text, people, reps, skip=layout.headline_span)
    regulations = find_regulations(text[body_start:], region=region)
    # dates of the event
    body_offset = body_start
    mentions = [m for m in find_dates(text[body_offset:]) if not (
        credit_span and body_offset + m.start >= credit_span[0])]
    years = []
    if "date_published" in record:
        years.append(int(record["date_published"][:4]))
    years += [m.year for m in mentions if m.year]
    years += [int(y) for y in _YEAR_IN.findall(layout.headline or "")]
    start_date, end_date = _event_dates(mentions, years, warnings)
    if start_date is None and "date_published" in record and not mentions:
        from datetime import date as _date

        rel = find_relative(body, _date.fromisoformat(record["date_published"][:10]))
        if rel:
            start_date = rel[1].isoformat()
            warnings.append(warn("/event/start_date", "relative-date", rel[0], start_date))
    lead_end = body.find("\n", 200) if len(body) > 200 else len(body)
    lead = body[: lead_end if lead_end > 0 else len(body)]
    parts = find_event(layout.headline, lead, body_start + (text[body_start:].find(lead[:20])
                                                            if lead else 0), body)
    event: dict = {}
    if parts.signal or start_date:
        if parts.name:
            event["name"] = parts.name
        event["event_type"] = parts.event_type or "lainnya"
        if start_date:
            event["start_date"] = start_date
        if end_date:
            event["end_date"] = end_date
        if parts.venue:
            event["venue"] = parts.venue
        if region or dateline_region:
            event["region"] = region or dateline_region
        if parts.organizer_span:
            organizer = orgs.last_before(*parts.organizer_span)
            if organizer:
                event["organizer"] = organizer
        if parts.audience:
            event["audience"] = parts.audience
    record["organizations"] = orgs.records()
    record["people"] = [p.to_record() for p in people.people.values()]
    if event:
        record["event"] = event
    record["quotes"] = [q.to_record() for q in quotes]
    for i, q in enumerate(quotes):
        if not q.closed:
            warnings.append(warn(f"/quotes/{i}/text", "unclosed-quote", q.text[:40]))
        if q.speaker is None:
            warnings.append(warn(f"/quotes/{i}/speaker", "speaker-unknown", q.text[:40]))
        elif q.how in ("nearest", "pronoun"):
            warnings.append(warn(f"/quotes/{i}/speaker", "speaker-inferred", q.text[:40],
                                 people.people[q.speaker].name))
    record["representations"] = [r.to_record() for r in reps]
    record["regulations"] = regulations
    for i, reg in enumerate(regulations):
        if "title" in reg and reg["title"].lower() not in reg["as_written"].lower():
            warnings.append(warn(f"/regulations/{i}/title", "title-official",
                                 reg["as_written"], reg["title"]))
    if credits:
        record["credits"] = {k: v for k, v in credit_roles.items() if v}
        if credits.as_written:
            record["credits"]["as_written"] = credits.as_written
    record = {k: v for k, v in record.items() if v not in ([], {}, None)}
    if "headline" in record:
        date_key = record.get("date_published", event.get("start_date", ""))[:10]
        record["id"] = slug(f"{date_key} {record['headline']}")[:120].strip("-")
    missing = [f for f in ("headline", "date_published") if f not in record]
    for f in missing:
        warnings.append(warn(f"/{f}", "not-found"))
    if not any(k in record for k in ("headline", "date_published", "dateline", "people",
                                     "event", "quotes")):
        warnings.append(warn("", "no-structure"))
    return Extraction(_ordered(record), warnings, missing)


_ORDER = ("kind", "id", "language", "headline", "body", "date_published", "dateline",
          "dateline_region", "outlet", "publisher", "organizations", "people", "event", "quotes",
          "representations", "regulations", "credits")


def _ordered(record: dict) -> dict:
    return {k: record[k] for k in _ORDER if k in record}


def extract_file(path: Path) -> Extraction:
    """Read and extract one release file (``.txt``, or ``.html``/``.htm`` as a web page).

    Raises :class:`InputError` for an unreadable, empty, binary or oversized file.
    """
    path = Path(path)
    try:
        size = path.stat().st_size
        check_size(size, path.name)
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read {str(path)!r}: {exc.strerror}",
                         f"tidak dapat membaca {str(path)!r}: {exc.strerror}") from exc
    text = decode_bytes(data, path.name)
    html = path.suffix.lower() in (".html", ".htm") or text.lstrip()[:15].lower().startswith(
        ("<!doctype html", "<html"))
    return extract_text(text, html=html, source_name=path.name)
