"""record → RDF → SHACL report: the steps every command shares before anything is written.

>>> import json
>>> from infopublik_ld.records.schema import check_record
>>> rec = check_record(json.load(open("examples/labura-bakohumas-2019.json")))
>>> prepared = prepare(rec, source=b"...", base="https://data.example.go.id/")
>>> prepared.report.conforms, prepared.release.key[:10]
(True, '2019-09-04')
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError
from .rdf.mapping import MappedRelease, map_record
from .rdf.provenance import add_agency, add_provenance, add_validation_summary
from .records.io import SourceRecord, iter_record_results, read_bytes
from .validation import Report, validate_release


@dataclass
class Prepared:
    """A mapped release with its provenance and its SHACL report."""

    release: MappedRelease
    report: Report


def prepare(
    record: dict,
    *,
    source: bytes,
    base: str,
    generated_at: dt.datetime | None = None,
    resolve: bool = True,
    agency: str | None = None,
) -> Prepared:
    """Map a checked record, add its provenance, validate it with our shapes, and record the
    validation summary in the provenance.

    ``source`` is the exact input the record came from (hashed into provenance);
    ``resolve=False`` leaves people and organisations to the publisher's authority list
    (see :func:`infopublik_ld.rdf.mapping.map_record`); ``agency``: the name of the
    instance's publishing agency (setting ``agency_name``), named in the provenance
    (:func:`infopublik_ld.rdf.provenance.add_agency`).
    """
    release = map_record(record, base, resolve=resolve)
    add_provenance(release, source=source, source_url=record.get("source_url"),
                   generated_at=generated_at)
    add_agency(release, base, agency)
    report = validate_release(release)
    add_validation_summary(release, report.summary())
    return Prepared(release, report)


TEXT_SUFFIXES = {".txt", ".html", ".htm"}


def iter_sources(path: Path, *, max_bytes: int, agency: object = None
                 ) -> Iterator[SourceRecord | InputError]:
    """Records from any input file: ``.json``/``.jsonl`` records or ``.txt``/``.html`` text.

    Text goes through extraction; a draft that lacks required fields is still yielded (the
    RDF of what was found can be shown), with ``missing`` noted on the returned record's
    origin. Unusable files raise :class:`InputError`.
    """
    if path.suffix.lower() in TEXT_SUFFIXES:
        from .records.extract import extract_file  # imported late: extraction is optional here

        raw = read_bytes(path, max_bytes=max_bytes)
        extraction = extract_file(path, agency)
        yield SourceRecord(extraction.record, str(path), raw, extraction=extraction)
        return
    yield from iter_record_results(path, max_bytes=max_bytes)
