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
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

from ..errors import InputError
from .agency import Agency
from .credits import find_credits
from .dates import DateMention, find_dates, find_relative, with_year
from .encoding import MAX_BYTES, check_size, decode_bytes
from .events import find_event
from .htmltext import html_to_text
from .layout import read_layout
from .lexicon import EVENT_TYPES
from .names import slug
from .notrelease import refuse_non_release, refuse_suffix
from .organizations import Organizations, major_region_at
from .people import find_people
from .quotes import find_quotes
from .regions import kabupaten_of, lookup_region, region_info
from .regulations import find_regulations
from .representations import find_representations
from .spans import SourceSpan, complete, find_span
from .warnings import FieldWarning, warn

__all__ = ["Agency", "Extraction", "FieldWarning", "SourceSpan", "extract_file", "extract_text"]

_REGION_TRIGGER = re.compile(
    r"\b(?P<lvl>Kabupaten|Kab\.|Kota|Provinsi)\s|\b(?:Pemkab|Pemkot|Pemprov|Bupati|Wali\s?[Kk]ota|"
    r"Walkot|Gubernur|Kominfo|Diskominfo|DPRD|Setda|Sekda|Kadis\s+Kominfo)\s+(?:\([^)]{1,60}\)\s*)?")
_PUBLISHERS = ("diskominfo", "humas", "prokopim", "ditjen", "kemkominfo", "komdigi", "setkab",
               "bssn", "kemendagri")
_READ_ALSO = re.compile(r"^[ \t]*(?:Baca\s+(?:juga|pula)|Berita\s+terkait|Lihat\s+juga)\b.*$",
                        re.I | re.M)
_EVENT_WORD = re.compile(r"(?<![\w-])(?:" + "|".join(
    sorted(map(re.escape, EVENT_TYPES), key=len, reverse=True)) + r")(?![\w-])", re.I)
_YEAR_IN = re.compile(r"\b(19[5-9]\d|20\d\d)\b")


@dataclass
class Extraction:
    """The result of extracting one release.

    ``provenance`` gives, for every extracted value of ``record`` (a JSON Pointer), its
    ``[start, end)`` character offsets into ``text`` (the text the extractor read: for a web
    page, its extracted plain text), the rule that found it and a confidence class.
    """

    record: dict
    warnings: list[FieldWarning] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    spans: list[SourceSpan] = field(default_factory=list, repr=False)
    text: str = ""
    _provenance: list[SourceSpan] | None = field(default=None, init=False, repr=False)

    @property
    def provenance(self) -> list[SourceSpan]:
        """One :class:`SourceSpan` per extracted value of ``record``, in record order (worked
        out on first use: publishing does not need it)."""
        if self._provenance is None:
            self._provenance = complete(self.record, self.spans, len(self.text))
        return self._provenance

    def to_json(self) -> dict:
        """``{"record", "warnings", "missing", "provenance", "text"}`` for machine-readable
        output (the record itself carries no provenance)."""
        warnings = [{k: v for k, v in asdict(w).items() if v is not None}
                    for w in self.warnings]
        return {"record": self.record, "warnings": warnings, "missing": list(self.missing),
                "provenance": [p.to_json() for p in self.provenance], "text": self.text}


def _normalise(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\xa0", " ")
    text = re.sub(r"[\u200b\u200c\u200d\ufeff]", "", text)
    return re.sub(r"[ \t]+\n", "\n", text)


def _doc_region(text: str) -> tuple[str | None, tuple[int, int] | None]:
    """The region the release is about (most named kabupaten/kota, else province) and where
    it is first named."""
    counts: Counter[str] = Counter()
    first: dict[str, tuple[int, int]] = {}
    for m in _REGION_TRIGGER.finditer(text[:200_000]):
        pos = m.start() if m["lvl"] else m.end()
        code, end, _w = major_region_at(text, pos)
        if code:
            counts[code] += 1
            first.setdefault(code, (pos, end))
    kab = [c for c, _n in counts.most_common() if "." in c]
    if kab:
        return kab[0], first[kab[0]]
    if counts:
        code = counts.most_common(1)[0][0]
        return code, first[code]
    return None, None


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


_UNTIL = re.compile(r"\b(?:hingga|sampai(?:\s+dengan)?|s\.?\s?[d/]\.?\s?d?\.?)\s*(?:hari\s+)?"
                    r"(?:\w+,?\s*)?\(?\s*$", re.I)


_FALLS_ON = re.compile(r"\bjatuh\s+pada(?:\s+hari)?\s+(?:\w+,?\s+)?$", re.I)
_LASTS = re.compile(r"\b(?:berlangsung|berlanjut|dilaksanakan|diselenggarakan|digelar)\s+"
                    r"(?:hingga|sampai)\b", re.I)
# a date that belongs to another occasion: an election day, a deadline, what an event prepares
_OTHER_DAY = re.compile(
    r"\b(?:pemungutan\s+suara|pencoblosan|Pilkada|Pemilu|Pilpres|Pileg|Pemilihan|paling\s+lambat|"
    r"batas\s+(?:akhir|waktu)|jatuh\s+tempo|menjelang|jelang|tenggat)\b[^.\n]{0,40}$", re.I)


def _event_dates(mentions: list[DateMention], fallback_years: list[int], warnings: list,
                 body: str = "") -> tuple[str | None, str | None]:
    if not mentions:
        return None, None
    m = mentions[0]
    falls_on = body and _FALLS_ON.search(body, max(0, m.start - 30), m.start)
    if falls_on:
        # "1 Zulhijah jatuh pada Rabu, 28 Mei 2025 … sidang … digelar … Selasa (27/5/2025)": a
        # date the release announces is not the day of the event reported
        for later in mentions[1:4]:
            if later.weekday is not None and not _FALLS_ON.search(
                    body, max(0, later.start - 30), later.start):
                m = later
                break
    elif m.weekday is None and body and _OTHER_DAY.search(body, max(0, m.start - 60), m.start):
        # "… pemadaman internet pada hari pemungutan suara Pilkada 27 November 2024. Bantahan
        # itu disampaikan … Senin (18/11/2024)": the day of another occasion named in the lead
        # is not the event's when a later date names its weekday
        for later in mentions[1:4]:
            if later.weekday is not None:
                m = later
                break
    if m.end_day is None and body:
        # "Senin (8/9/2025) … berlangsung hingga 10 September 2025": the last day, said later
        # "mulai Senin (5/8) hingga Rabu (7/8)": without years, compare in the year known
        year = m.year or (fallback_years[0] if fallback_years else None)
        for later in mentions[1:4]:
            first = (m if m.year or year is None else with_year(m, year)).as_date()
            last = (later if later.year or year is None else with_year(later, year)).as_date()
            until = _UNTIL.search(body, max(0, later.start - 30), later.start)
            # "berlangsung hingga 30 April 2025": a course may last months; other "hingga"
            # dates a month at most
            days = 92 if until and _LASTS.search(body, max(0, later.start - 45),
                                                  later.start) else 31
            if first and last and 0 < (last - first).days <= days and until:
                m = replace(m, end_day=later.day, end_month=later.month
                            if later.month != m.month else None)
                break
    if m.end_day is None:
        # "Kamis (13/3/2025) … dilaksanakan 13 sampai 14 Maret 2025": the range gives the end
        for later in mentions[1:6]:
            if later.end_day is not None and (later.day, later.month) == (m.day, m.month) and (
                    later.year in (None, m.year)):
                m = replace(m, end_day=later.end_day, end_month=later.end_month,
                            year=m.year or later.year)
                break
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


def extract_text(text: str, *, html: bool = False, source_name: str | None = None,
                 agency: Agency | None = None) -> Extraction:
    """Extract a record draft from release ``text`` (``html=True`` for a saved web page).

    ``agency`` (see :meth:`Agency.from_settings`) publishes a release whose text names no
    publishing organisation. Returns an :class:`Extraction` (``.record``, ``.warnings``,
    ``.missing``, ``.provenance``, ``.text``).

    Raises :class:`InputError` when the text is larger than
    :data:`~infopublik_ld.records.encoding.MAX_BYTES` or is not a release text (a JSON record,
    RDF, a CSV table).
    """
    name = source_name or "input"
    if len(text) > MAX_BYTES // 4:
        check_size(len(text.encode("utf-8", "replace")), name)
    if not html:
        refuse_non_release(text, name)
    if html:
        text = html_to_text(text)
    text = _normalise(text).strip()
    warnings: list[FieldWarning] = []
    spans: list[SourceSpan] = []

    def note(pointer: str, span: tuple[int, int] | None, rule: str, confidence: str) -> None:
        if span is not None:
            spans.append(SourceSpan(pointer, span[0], span[1], rule, confidence))

    record: dict = {"kind": "article", "language": "id"}
    layout = read_layout(text)
    credits = find_credits(text)
    credit_span = credits.span if credits else None
    region, region_span = _doc_region(text)
    dateline_region = None
    if layout.dateline:
        code = lookup_region(layout.dateline, within=region)
        if code:
            dateline_region = code if region_info(code).level == "provinsi" else kabupaten_of(code)
        region = region or dateline_region
    orgs = Organizations(text, region)
    orgs.scan()
    # headline words are capitalised for style, not because they are names; a "Baca juga"
    # link names another release's people
    skip = [span for span in (credit_span, layout.headline_span) if span]
    skip += [m.span() for m in _READ_ALSO.finditer(text)]
    people = find_people(text, orgs, skip)
    for cand in people.rejected:
        # not in the record: a guess for the officer, with where it was read and by which rule
        warnings.append(warn("/people", f"not-a-person-{cand.reason}", cand.label,
                             span=(cand.start, cand.end), rule=cand.rule, confidence="guess"))
    if layout.headline:
        record["headline"] = layout.headline
        note("/headline", layout.headline_span, "layout-headline", "likely")
    body_start = layout.body_start
    if layout.header_end and not text[layout.header_end:text.find("\n", layout.header_end)
                                      if "\n" in text[layout.header_end:] else len(text)].strip():
        body_start = layout.header_end
    body = text[body_start:].strip()
    if body:
        record["body"] = body  # the rest of the text: no span (it would cover every other one)
    if layout.published:
        iso = _with_zone(layout.published.iso(), text, layout.published_span)
        if iso is None:
            warnings.append(warn("/date_published", "no-year", layout.published.as_written))
        else:
            record["date_published"] = iso
            note("/date_published", layout.published_span, "published-date", "certain")
            if layout.published.weekday_conflict():
                warnings.append(warn("/date_published", "weekday-mismatch",
                                     layout.published.as_written, iso))
    head_area = (min(layout.body_start, layout.header_end), max(layout.header_end,
                                                                layout.body_start + 200))
    if layout.dateline:
        record["dateline"] = layout.dateline
        dl_span = find_span(text[:head_area[1]], layout.dateline, head_area[0])
        note("/dateline", dl_span, "dateline", "certain")
        if dateline_region:
            record["dateline_region"] = dateline_region
            note("/dateline_region", dl_span, "region-lookup", "likely")
        else:
            warnings.append(warn("/dateline_region", "region-unknown", layout.dateline))
    if layout.outlet:
        record["outlet"] = layout.outlet
        note("/outlet", find_span(text, layout.outlet, 0), "dateline-outlet", "likely")
    publisher = orgs.first(*_PUBLISHERS)
    if publisher:
        record["publisher"] = publisher
        note("/publisher", orgs.span_of(publisher), "publisher-organisation", "likely")
    elif agency is not None:
        record["publisher"] = orgs.agency(agency.name, agency.region or None)
        note("/publisher", (0, 0), "settings-agency", "guess")
        warnings.append(warn("/publisher", "publisher-from-settings", agency.name))
    # credits: people known only from the credit line
    credit_roles: dict[str, list[str]] = {}
    for role in ("authors", "editors", "photographers"):
        for label in getattr(credits, role):
            where = credits.spans.get(label) or (
                find_span(text, label, credit_span[0]) if credit_span else None)
            credit_roles.setdefault(role, []).append(people.add_label(label, where).id)
            note(f"/credits/{role}/{len(credit_roles[role]) - 1}", where or credit_span,
                 "credit-line", "likely")
    reps = find_representations(text, people)
    quotes = find_quotes(text, people, reps, skip=layout.headline_span)
    regulations = find_regulations(text[body_start:], region=region)
    # dates of the event
    body_offset = body_start
    published_at = layout.published_span or (-1, -1)
    mentions = [m for m in find_dates(text[body_offset:]) if not (
        credit_span and credit_span[0] <= body_offset + m.start < credit_span[1]) and not (
        # the date of a dated dateline is the publication date, not the event's
        published_at[0] <= body_offset + m.start < published_at[1])]
    years = []
    if "date_published" in record:
        years.append(int(record["date_published"][:4]))
    years += [m.year for m in mentions if m.year]
    years += [int(y) for y in _YEAR_IN.findall(layout.headline or "")]
    n_warnings = len(warnings)
    start_date, end_date = _event_dates(mentions, years, warnings, text[body_offset:])
    date_span = (body_offset + mentions[0].start, body_offset + mentions[0].end) \
        if mentions else None
    date_confidence = "guess" if len(warnings) > n_warnings else "certain"
    date_rule = "event-date"
    if start_date is None and "date_published" in record and not mentions:
        from datetime import date as _date

        rel = find_relative(body, _date.fromisoformat(record["date_published"][:10]))
        if rel:
            start_date = rel[1].isoformat()
            warnings.append(warn("/event/start_date", "relative-date", rel[0], start_date))
            date_span = find_span(text, rel[0], body_start)
            date_confidence, date_rule = "guess", "relative-date"
    lead_end = body.find("\n", 200) if len(body) > 200 else len(body)
    lead = body[: lead_end if lead_end > 0 else len(body)]
    body_at = body_start + (len(text[body_start:]) - len(text[body_start:].lstrip()))
    parts = find_event(layout.headline, lead, body_start + (text[body_start:].find(lead[:20])
                                                            if lead else 0), body,
                       layout.headline_span[0] if layout.headline_span else 0, body_at)
    event: dict = {}
    # an event needs a verb or an event word, or its place in the lead; a notice with only a
    # period ("layanan buka 28 Maret sampai 7 April") or shelters named further down is none
    if parts.strong or parts.venue_in_lead:
        if parts.name:
            event["name"] = parts.name
            note("/event/name", parts.name_span, "event-verb-phrase", "likely")
        elif layout.headline and parts.event_type:
            # "Rapat persiapan pameran digelar …": no "gelar <name>"; the title names it, from
            # its first event word ("Bupati … Pimpin Upacara Hari …" -> "Upacara Hari …")
            k = _EVENT_WORD.search(layout.headline)
            name_at = k.start() if k and len(layout.headline) - k.start() > 8 else 0
            event["name"] = layout.headline[name_at:]
            if layout.headline_span:
                note("/event/name", (layout.headline_span[0] + name_at, layout.headline_span[1]),
                     "headline-as-event-name", "guess")
            warnings.append(warn("/event/name", "event-name-from-headline", event["name"]))
        event["event_type"] = parts.event_type or "lainnya"
        note("/event/event_type", parts.type_span or parts.name_span or date_span or (0, 0),
             parts.type_rule if parts.event_type else "event-default",
             "likely" if parts.type_span else "guess")
        if not start_date and not mentions and layout.dated_dateline and (
                "date_published" in record):
            # "Arso, 19 Agustus 2025 – Dinas … menggelar sosialisasi … di Balai …" and no other
            # date: the release reports its event on the day of its dateline
            start_date = record["date_published"][:10]
            date_span, date_rule, date_confidence = layout.published_span, "dateline-date", "guess"
        if start_date:
            event["start_date"] = start_date
            note("/event/start_date", date_span, date_rule, date_confidence)
        if end_date:
            event["end_date"] = end_date
            note("/event/end_date", date_span, "event-date-range", date_confidence)
        if parts.venue:
            event["venue"] = parts.venue
            note("/event/venue", parts.venue_span, "venue-after-di", "likely")
        if region or dateline_region:
            event["region"] = region or dateline_region
            note("/event/region", region_span if region else dl_span,
                 "document-region" if region else "dateline-region", "guess")
        if parts.organizer_span:
            organizer = orgs.last_before(*parts.organizer_span)
            if organizer:
                event["organizer"] = organizer
                note("/event/organizer", orgs.span_of(organizer, *parts.organizer_span),
                     "organiser-before-verb", "likely")
        if parts.audience:
            event["audience"] = parts.audience
            note("/event/audience", parts.audience_span, "audience-marker", "likely")
    record["organizations"] = orgs.records()
    for i, org in enumerate(orgs.orgs.values()):
        where = orgs.span_of(org.id)
        note(f"/organizations/{i}", where or orgs.span_of_child(org.id)
             or people.office_span_for(org.id) or (0, 0),
             "organisation-mention" if where else "organisation-implied",
             "likely" if where else "guess")
    record["people"] = [p.to_record() for p in people.people.values()]
    for i, person in enumerate(people.people.values()):
        where = person.mentions[0] if person.mentions else person.label_span
        note(f"/people/{i}", where, person.rule, person.confidence)
        for key in ("name", "label", "nickname"):
            note(f"/people/{i}/{key}", where, person.rule, person.confidence)
        for j, _v in enumerate(person.prefixes):
            note(f"/people/{i}/honorific_prefixes/{j}", where, "honorific", "certain")
        for j, _v in enumerate(person.suffixes):
            note(f"/people/{i}/honorific_suffixes/{j}", where, "degree", "certain")
        if person.office_span:
            for key in ("job_title", "office", "organization", "acting"):
                note(f"/people/{i}/{key}", person.office_span, "office-phrase",
                     "certain" if key in ("job_title", "acting") else "likely")
    if event:
        record["event"] = event
    record["quotes"] = [q.to_record() for q in quotes]
    for i, q in enumerate(quotes):
        words = find_span(text, q.text, q.start) or (q.start, q.end)
        for key in ("", "/text"):  # the item is its words, like its text
            note(f"/quotes/{i}{key}", words, "quote-marks" if q.closed else "unclosed-quote",
                 "certain" if q.closed else "likely")
        if q.speaker:
            note(f"/quotes/{i}/speaker", _nearest_mention(people, q.speaker, q.start),
                 f"speaker-{q.how}", "guess" if q.how in ("nearest", "pronoun") else "likely")
        if q.on_behalf_of:
            note(f"/quotes/{i}/on_behalf_of",
                 _nearest_mention(people, q.on_behalf_of, q.start), "representation", "likely")
        if not q.closed:
            warnings.append(warn(f"/quotes/{i}/text", "unclosed-quote", q.text[:40]))
        if q.speaker is None:
            warnings.append(warn(f"/quotes/{i}/speaker", "speaker-unknown", q.text[:40]))
        elif q.how in ("nearest", "pronoun"):
            warnings.append(warn(f"/quotes/{i}/speaker", "speaker-inferred", q.text[:40],
                                 people.people[q.speaker].name))
    record["representations"] = [r.to_record() for r in reps]
    for i, rep in enumerate(reps):
        note(f"/representations/{i}", (rep.pos, rep.pos + 1), "representation", "likely")
        for key in ("represented", "representative"):
            note(f"/representations/{i}/{key}",
                 _nearest_mention(people, getattr(rep, key), rep.pos), "representation",
                 "likely")
    record["regulations"] = regulations
    for i, reg in enumerate(regulations):
        note(f"/regulations/{i}", find_span(text, reg["as_written"], body_start),
             "regulation-citation", "certain")
        if "title" in reg and reg["title"].lower() not in reg["as_written"].lower():
            warnings.append(warn(f"/regulations/{i}/title", "title-official",
                                 reg["as_written"], reg["title"]))
    if credits:
        record["credits"] = {k: v for k, v in credit_roles.items() if v}
        if credits.as_written:
            record["credits"]["as_written"] = credits.as_written
            note("/credits/as_written", credit_span, "credit-line", "certain")
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
    record = _ordered(record)
    return Extraction(record, warnings, missing, spans, text)


def _nearest_mention(people, pid: str, pos: int) -> tuple[int, int] | None:
    """The mention of person ``pid`` nearest to ``pos`` (their credit label when never named)."""
    person = people.people.get(pid)
    if person is None:
        return None
    if not person.mentions:
        return person.label_span
    return min(person.mentions, key=lambda m: abs(m[0] - pos))


_ORDER = ("kind", "id", "language", "headline", "body", "date_published", "dateline",
          "dateline_region", "outlet", "publisher", "organizations", "people", "event", "quotes",
          "representations", "regulations", "credits")


def _ordered(record: dict) -> dict:
    return {k: record[k] for k in _ORDER if k in record}


def extract_file(path: Path, agency: Agency | None = None) -> Extraction:
    """Read and extract one release file (``.txt``, or ``.html``/``.htm`` as a web page).

    ``agency`` publishes a release whose text names no publisher (see :func:`extract_text`).
    Raises :class:`InputError` for an unreadable, empty, binary or oversized file, and for a
    file that is not a release text (``.json``, ``.csv``, RDF, documents).
    """
    path = Path(path)
    refuse_suffix(path)
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
    return extract_text(text, html=html, source_name=path.name, agency=agency)
