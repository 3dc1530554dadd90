"""Read input files into records: ``.json`` (one record or a list), ``.jsonl``.

Every problem raises :class:`InputError` / :class:`RecordError` naming the file and the
line (and column) or JSON pointer, in English and Indonesian. Input bytes are decoded here,
strictly: a file that is not UTF-8 is refused with the offset of the first bad byte.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from .schema import check_record

#: default largest input file accepted (setting ``max_input_bytes``)
MAX_INPUT_BYTES = 50 * 1024 * 1024

RECORD_SUFFIXES = {".json", ".jsonl", ".ndjson"}


@dataclass(frozen=True)
class SourceRecord:
    """A checked record with where it came from."""

    record: dict
    #: human-readable origin, e.g. ``releases.jsonl:7``
    origin: str
    #: the exact bytes the record came from (for the provenance hash)
    raw: bytes
    #: for records extracted from text: the :class:`Extraction` (warnings, missing fields)
    extraction: object = None


def check_size(path: Path, max_bytes: int = MAX_INPUT_BYTES) -> int:
    """Return the file's size; refuse missing and oversized files without reading them."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise InputError(f"{path}: cannot read file ({exc.strerror})",
                         f"{path}: berkas tidak dapat dibaca ({exc.strerror})") from None
    if size > max_bytes:
        raise InputError(
            f"{path}: file is {size / 1e6:.1f} MB, over the limit of {max_bytes / 1e6:.0f} MB "
            "(setting max_input_bytes); split it into smaller files",
            f"{path}: berkas berukuran {size / 1e6:.1f} MB, melebihi batas "
            f"{max_bytes / 1e6:.0f} MB (setelan max_input_bytes); pecah menjadi berkas kecil",
        )
    return size


def read_bytes(path: Path, *, max_bytes: int = MAX_INPUT_BYTES) -> bytes:
    """Return the file's bytes; refuse missing, empty and oversized files."""
    check_size(path, max_bytes)
    data = path.read_bytes()
    if not data.strip():
        raise InputError(f"{path}: file is empty", f"{path}: berkas kosong")
    return data


def decode_utf8(data: bytes, origin: str) -> str:
    """Decode strictly as UTF-8 (a BOM is dropped); say where the first bad byte is."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise InputError(
            f"{origin}:{line}:{col}: not UTF-8 (byte {data[exc.start]:#04x}); save the file "
            "as UTF-8",
            f"{origin}:{line}:{col}: bukan UTF-8 (bita {data[exc.start]:#04x}); simpan berkas "
            "sebagai UTF-8",
            where=f"{line}:{col}",
        ) from None


def parse_json(text: str, origin: str, *, line_offset: int = 0):
    """``json.loads`` with an error that names line and column."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        line = exc.lineno + line_offset
        raise InputError(
            f"{origin}:{line}:{exc.colno}: not valid JSON: {exc.msg}",
            f"{origin}:{line}:{exc.colno}: JSON tidak sah: {exc.msg}",
            where=f"{line}:{exc.colno}",
        ) from None


def iter_records(path: Path, *, max_bytes: int = MAX_INPUT_BYTES) -> Iterator[SourceRecord]:
    """Yield the checked records of a ``.json`` or ``.jsonl`` file, in order.

    Raises :class:`InputError` (unreadable) or :class:`RecordError` (schema) at the first
    bad record; callers that want to go on past bad records use :func:`iter_record_results`.
    """
    for item in iter_record_results(path, max_bytes=max_bytes):
        if isinstance(item, Exception):
            raise item
        yield item


def iter_record_results(
    path: Path, *, max_bytes: int = MAX_INPUT_BYTES
) -> Iterator[SourceRecord | InputError]:
    """Like :func:`iter_records`, but yield an error in place of each bad record."""
    suffix = path.suffix.lower()
    if suffix not in RECORD_SUFFIXES:
        raise InputError(
            f"{path}: unknown input type {suffix!r}; expected one of "
            f"{sorted(RECORD_SUFFIXES)}",
            f"{path}: jenis masukan {suffix!r} tidak dikenal; seharusnya salah satu dari "
            f"{sorted(RECORD_SUFFIXES)}",
        )
    data = read_bytes(path, max_bytes=max_bytes)
    text = decode_utf8(data, str(path))
    if suffix == ".json":
        value = parse_json(text, str(path))
        items = value if isinstance(value, list) else [value]
        for i, item in enumerate(items):
            origin = f"{path}#{i}" if isinstance(value, list) else str(path)
            try:
                yield SourceRecord(check_record(item, where=origin), origin,
                                   json.dumps(item, sort_keys=True).encode() if
                                   isinstance(value, list) else data)
            except InputError as exc:
                yield exc
        return
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        origin = f"{path}:{lineno}"
        try:
            item = parse_json(line, str(path), line_offset=lineno - 1)
            yield SourceRecord(check_record(item, where=origin), origin, line.encode("utf-8"))
        except InputError as exc:
            yield exc
