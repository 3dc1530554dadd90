"""What ``convert`` and ``validate`` do, as library functions the CLI and tests share."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Dataset, Graph

from .config import Settings
from .errors import InputError
from .formats import by_name, by_suffix, rdf_suffixes
from .pipeline import TEXT_SUFFIXES, Prepared, iter_sources, prepare
from .rdf.parse import parse_rdf
from .rdf.provenance import agency_name
from .records.agency import Agency
from .records.io import RECORD_SUFFIXES, decode_utf8, read_bytes
from .validation import Report, validate_graph
from .vocab import bind_prefixes


def _unknown_suffix(path: Path) -> InputError:
    known = sorted(RECORD_SUFFIXES | TEXT_SUFFIXES | set(rdf_suffixes()))
    return InputError(f"{path}: unknown input type {path.suffix!r}; expected one of {known}",
                      f"{path}: jenis masukan {path.suffix!r} tidak dikenal; seharusnya salah "
                      f"satu dari {known}")


def _report_lines(origin: str, report: Report, lang: str) -> list[str]:
    lines = []
    for r in report.results:
        label = {"violation": ("PELANGGARAN", "VIOLATION"), "warning": ("PERINGATAN", "WARNING"),
                 "info": ("INFO", "INFO")}[r.severity][0 if lang == "id" else 1]
        where = f" {r.focus}" + (f" {r.path}" if r.path else "")
        value = f" = {r.value!r}" if r.value is not None else ""
        lines.append(f"{origin}: {label}:{where}{value}: {r.message(lang)}")
    return lines


def _extraction_lines(origin: str, extraction, lang: str) -> list[str]:
    if extraction is None:
        return []
    lines = []
    for w in extraction.warnings:
        text = w.message_id if lang == "id" else w.message_en
        lines.append(f"{origin}: {'PERINGATAN' if lang == 'id' else 'WARNING'} {w.field}: {text}")
    return lines


@dataclass
class Converted:
    """RDF bytes of the converted inputs and what was found on the way."""

    data: bytes
    prepared: list[tuple[str, Prepared]] = field(default_factory=list)
    notes: list[tuple[str, object]] = field(default_factory=list)

    def messages(self, lang: str) -> list[str]:
        """Extraction warnings and SHACL findings, one line each, in ``lang``."""
        lines = []
        for origin, extraction in self.notes:
            lines += _extraction_lines(origin, extraction, lang)
        for origin, p in self.prepared:
            lines += _report_lines(origin, p.report, lang)
        return lines


def _prepare_all(files: Iterable[Path], settings: Settings):
    for path in files:
        if path.suffix.lower() not in RECORD_SUFFIXES | TEXT_SUFFIXES:
            raise _unknown_suffix(path)
        for item in iter_sources(path, max_bytes=settings.max_input_bytes,
                                 agency=Agency.from_settings(settings)):
            if isinstance(item, Exception):
                raise item
            yield item, prepare(item.record, source=item.raw, base=settings.base_iri,
                                agency=agency_name(settings))


def convert_files(files: Iterable[Path], settings: Settings, fmt: str = "turtle") -> Converted:
    """Map and validate every record in ``files``; serialise the RDF as ``fmt``.

    Raises :class:`InputError` (or a subclass) at the first unusable input; nothing is
    returned half-done.
    """
    result = Converted(b"")
    target = by_name(fmt)
    ds = Dataset()
    bind_prefixes(ds)
    union = Graph()
    bind_prefixes(union)
    for item, prepared in _prepare_all(files, settings):
        result.prepared.append((item.origin, prepared))
        if item.extraction is not None:
            result.notes.append((item.origin, item.extraction))
        graph = ds.graph(prepared.release.graph_iri)
        for t in prepared.release.triples:
            graph.add(t)
            union.add(t)
    out = ds if target.graphs else union
    result.data = out.serialize(format=target.rdflib, encoding="utf-8")
    return result


@dataclass
class Validated:
    """Per-file validation outcome."""

    reports: list[tuple[str, Report]] = field(default_factory=list)
    notes: list[tuple[str, object]] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        return 0 if all(r.conforms for _, r in self.reports) else 1

    def lines(self, lang: str) -> list[str]:
        out = []
        for origin, extraction in self.notes:
            out += _extraction_lines(origin, extraction, lang)
        for origin, report in self.reports:
            out += _report_lines(origin, report, lang)
            ok = ("sesuai" if lang == "id" else "conforms") if report.conforms else (
                "TIDAK sesuai" if lang == "id" else "does NOT conform")
            counts = (f"{len(report.violations)} pelanggaran, {len(report.warnings)} peringatan"
                      if lang == "id" else
                      f"{len(report.violations)} violations, {len(report.warnings)} warnings")
            out.append(f"{origin}: {ok} ({counts})")
        return out

    def to_json(self) -> dict:
        return {"conforms": self.exit_code == 0,
                "files": [{"origin": o, **r.to_json()} for o, r in self.reports]}


def validate_files(files: Iterable[Path], settings: Settings) -> Validated:
    """Validate records, release text and RDF files; raise :class:`InputError` on unusable input.

    RDF files are validated as they are (all graphs together) with pyshacl; records and
    text are mapped first.
    """
    out = Validated()
    record_files = []
    for path in files:
        fmt = by_suffix(path.suffix)
        if fmt is None:
            record_files.append(path)
            continue
        text = decode_utf8(read_bytes(path, max_bytes=settings.max_input_bytes), str(path))
        ds = parse_rdf(text, fmt, str(path))
        union = Graph()
        for t in ds.quads((None, None, None, None)):
            union.add(t[:3])
        out.reports.append((str(path), validate_graph(union)))
    for item, prepared in _prepare_all(record_files, settings):
        if item.extraction is not None:
            out.notes.append((item.origin, item.extraction))
        out.reports.append((item.origin, prepared.report))
    return out
