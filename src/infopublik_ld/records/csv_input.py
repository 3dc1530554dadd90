"""CSV input: one release (``kind`` = ``article``) or event notice (``kind`` = ``event``) a row.

The column set is documented in ``docs/csv.md`` and listed in :data:`COLUMNS`. The first row
names the columns (any order, any subset that includes ``kind``); an unknown column refuses
the file, naming it. Empty cells are left out. Every row becomes a record checked by the
JSON Schema like any other input, so errors name the row and the field.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path

from ..errors import InputError
from .io import MAX_INPUT_BYTES, SourceRecord, decode_utf8, read_bytes
from .schema import check_record

#: column → help (docs/csv.md mirrors this table; a test compares them)
COLUMNS: dict[str, str] = {
    "kind": "`article` (press release) or `event` (event notice). Required.",
    "id": "Stable release key (lowercase letters, digits, hyphens); default: date + title.",
    "language": "Language code of the text, default `id`.",
    "headline": "Article: the headline. Required for articles.",
    "body": "Article: the full text (newlines allowed inside a quoted cell).",
    "date_published": "Article: publication date `YYYY-MM-DD`. Required for articles.",
    "dateline": "Article: the place name the release is datelined from.",
    "dateline_region": "Article: Kemendagri code of the dateline's region, e.g. `12.23`.",
    "outlet": "Article: the news outlet that carried it.",
    "name": "Event (or the article's event): the event's name. Required for events.",
    "description": "Event: a description.",
    "start_date": "Event: start `YYYY-MM-DD` or `YYYY-MM-DDThh:mm+07:00`. Required for events.",
    "end_date": "Event: end date or date-time.",
    "event_type": "Event: code of the event-type scheme (`sosialisasi`, `rapat`, …).",
    "venue": "Event: the venue's name.",
    "region": "Event: Kemendagri code of the event's region.",
    "organizer": "Event: name of the organising agency.",
    "audience": "Event: who it was for.",
    "publisher": "Name of the publishing agency.",
    "publisher_region": "Kemendagri code of the publishing agency's region.",
    "source_url": "Where the release was published (recorded, never fetched).",
}
EVENT_FIELDS = ("name", "start_date", "end_date", "event_type", "venue", "region", "audience")


def _org(name: str, region: str | None, key: str) -> dict:
    org = {"id": key, "name": name, "kind": "government"}
    if region:
        org["region"] = region
    return org


def row_to_record(row: dict[str, str]) -> dict:
    """Build an input record from one CSV row (cells already stripped, empty ones dropped)."""
    kind = row.get("kind", "")
    record: dict = {"kind": kind}
    orgs = []
    if row.get("publisher"):
        orgs.append(_org(row["publisher"], row.get("publisher_region"), "publisher"))
        record["publisher"] = "publisher"
    if row.get("organizer") and row.get("organizer") != row.get("publisher"):
        orgs.append(_org(row["organizer"], None, "organizer"))
    organizer = ("publisher" if row.get("organizer") == row.get("publisher") else "organizer") \
        if row.get("organizer") else None
    if orgs:
        record["organizations"] = orgs
    for key in ("id", "language", "source_url"):
        if key in row:
            record[key] = row[key]
    if kind == "event":
        for key in (*EVENT_FIELDS, "description"):
            if key in row:
                record[key] = row[key]
        if organizer:
            record["organizer"] = organizer
        return record
    for key in ("headline", "body", "date_published", "dateline", "dateline_region", "outlet"):
        if key in row:
            record[key] = row[key]
    event = {k: row[k] for k in EVENT_FIELDS if k in row}
    if event:
        if organizer:
            event["organizer"] = organizer
        record["event"] = event
    return record


def iter_csv_records(
    path: Path, *, max_bytes: int = MAX_INPUT_BYTES
) -> Iterator[SourceRecord | InputError]:
    """Yield a checked record, or an :class:`InputError`, per data row of a CSV file.

    Raises :class:`InputError` for a file that cannot be used at all (not UTF-8, no ``kind``
    column, unknown columns).
    """
    data = read_bytes(path, max_bytes=max_bytes)
    text = decode_utf8(data, str(path))
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    try:
        header = [h.strip().lower() for h in next(reader)]
    except (StopIteration, csv.Error) as exc:
        raise InputError(f"{path}: not a CSV file ({exc})", f"{path}: bukan berkas CSV ({exc})") \
            from None
    unknown = [h for h in header if h not in COLUMNS]
    if unknown or "kind" not in header:
        what = f"unknown columns {unknown}" if unknown else "no 'kind' column"
        raise InputError(
            f"{path}:1: {what}; the columns are listed in docs/csv.md ({', '.join(COLUMNS)})",
            f"{path}:1: {'kolom tidak dikenal ' + str(unknown) if unknown else 'tanpa kolom kind'}"
            f"; daftar kolom ada di docs/csv.md", where="1")
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield InputError(f"{path}:{reader.line_num}: broken CSV row: {exc}",
                             f"{path}:{reader.line_num}: baris CSV rusak: {exc}",
                             where=str(reader.line_num))
            continue
        if not any(c.strip() for c in cells):
            continue
        origin = f"{path}:{reader.line_num}"
        if len(cells) != len(header):
            yield InputError(
                f"{origin}: {len(cells)} cells, but the header has {len(header)} columns",
                f"{origin}: {len(cells)} sel, padahal kepala berisi {len(header)} kolom",
                where=str(reader.line_num))
            continue
        row = {h: c.strip() for h, c in zip(header, cells, strict=True) if c.strip()}
        try:
            record = check_record(row_to_record(row), where=origin)
        except InputError as exc:
            yield exc
            continue
        yield SourceRecord(record, origin, json.dumps(row, sort_keys=True).encode("utf-8"))
