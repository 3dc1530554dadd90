"""Publishing inputs: files → jobs → prepared releases (the part that runs in worker processes).

A *job* is one release to prepare: a JSON Lines line (parsed and checked in the worker, where
the JSON Schema check is cheap to parallelise), an already checked record, or the triples of
an RDF input. :func:`work` turns a chunk of jobs into :class:`Outcome` values: the release as
N-Triples term strings plus its content hash, or the reasons it failed.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import BNode, Literal, URIRef

from .errors import InfopublikError, InputError
from .fts import Doc, doc_from_record, doc_from_triples
from .identity.authority import prepare as prepare_mentions
from .pipeline import TEXT_SUFFIXES, prepare
from .rdf.iris import Minter
from .rdf.provenance import with_agency
from .records.io import RECORD_SUFFIXES, check_size, iter_record_results, parse_json, read_bytes
from .records.schema import check_record
from .stats.facets import facets_of
from .store.base import ReleaseWrite, lit
from .validation import validate_triples
from .vocab import GPR, PROV, RDF

RDF_SUFFIXES = {".ttl", ".nt", ".nq", ".trig", ".rdf", ".owl", ".jsonld"}
#: provenance that changes on every run; left out of the content hash
VOLATILE = {PROV.generatedAtTime, PROV.endedAtTime}


@dataclass
class Job:
    """One release to prepare."""

    origin: str
    kind: str  # "line" | "record" | "rdf"
    payload: object
    #: the publishing agency named in the release's provenance (setting ``agency_name``)
    agency: str | None = None


@dataclass
class Outcome:
    """A prepared release, or why it cannot be published."""

    origin: str
    key: str | None = None
    write: ReleaseWrite | None = None
    doc: Doc | None = None
    errors: list[dict] = field(default_factory=list)
    warnings: int = 0
    #: the validated input record as JSON (record inputs only), kept privately once the
    #: release is committed (records/kept.py)
    record: str | None = None

    @property
    def ok(self) -> bool:
        return not self.errors


def nt(term, bnode_prefix: str) -> str:
    """An rdflib term as N-Triples (no cache: looking rdflib terms up in a dict calls their
    Python-level ``__eq__``, slower than formatting them again)."""
    kind = type(term)
    if kind is URIRef:
        return f"<{term}>"
    if kind is Literal:
        return lit(term, lang=term.language,
                   datatype=str(term.datatype) if term.datatype else None)
    if kind is BNode:
        return f"_:{bnode_prefix}{term}"
    if isinstance(term, URIRef):
        return f"<{term}>"
    raise TypeError(term)


def input_hash(raw: bytes, base: str, agency: str | None = None) -> str:
    """What determines a release's RDF besides the code: input bytes, base IRI, the tool and
    shapes versions, and the agency its provenance names (a tag after the hash, see
    :func:`infopublik_ld.rdf.provenance.with_agency`). Same hash → same release, so
    republishing skips it unmapped."""
    from . import __version__
    from .validation import shapes_version

    h = hashlib.sha256(raw)
    h.update(f"\0{base}\0{__version__}\0{shapes_version()}".encode())
    return with_agency(h.hexdigest(), agency)


def to_write(key: str, graph: str, triples: list[tuple], in_hash: str = "") -> ReleaseWrite:
    """Serialise a release's triples and hash them (time-dependent provenance left out)."""
    prefix = "b" + hashlib.sha1(key.encode()).hexdigest()[:8]
    lines: dict[str, None] = {}  # ordered and de-duplicated (on strings: rdflib terms
    stable: list[str] = []       # compare in Python, ~2x slower)
    for s, p, o in triples:
        line = f"{nt(s, prefix)} {nt(p, prefix)} {nt(o, prefix)}"
        if line in lines:
            continue
        lines[line] = None
        if p not in VOLATILE:
            stable.append(line)
    stable.sort()
    digest = hashlib.sha256("\n".join(stable).encode("utf-8")).hexdigest()
    return ReleaseWrite.from_lines(key, graph, list(lines), digest, in_hash)


def _error(exc: InfopublikError) -> dict:
    return {"message": {"en": exc.message_en, "id": exc.message_id}, "where": exc.where}


def _prepare_record(origin: str, record: dict, raw: bytes, base: str,
                    identities: bool = True, facets: bool = True,
                    agency: str | None = None) -> Outcome:
    # with identities, people and organisations are resolved by the publishing process
    # against the authority list (identity/registry.py); without, minted from their names
    prepared = prepare(record, source=raw, base=base, resolve=not identities, agency=agency)
    rel, report = prepared.release, prepared.report
    out = Outcome(origin, rel.key, warnings=len(report.warnings))
    if not report.conforms:
        out.errors = [{"message": {"en": r.message_en, "id": r.message_id},
                       "where": r.focus, "path": r.path, "value": r.value}
                      for r in report.violations]
        return out
    out.write = to_write(rel.key, str(rel.graph_iri), rel.triples,
                         input_hash(raw, base, agency))
    if rel.mentions is not None:
        prepare_mentions(rel.mentions)  # the matching keys, here rather than in the publisher
    out.write.mentions = rel.mentions
    if facets:
        out.write.facets = facets_of(rel.graph_iri, rel.triples)
    out.doc = doc_from_record(rel.key, record)
    out.record = json.dumps(record, ensure_ascii=False)
    return out


def _prepare_rdf(origin: str, payload: tuple, base: str, facets: bool = True) -> Outcome:
    key, graph, triples = payload
    subject = next((o for s, p, o in triples if s == graph and p == GPR.describes), None)
    report = validate_triples(triples)
    out = Outcome(origin, key, warnings=len(report.warnings))
    if not report.conforms:
        out.errors = [{"message": {"en": r.message_en, "id": r.message_id}, "where": r.focus,
                       "path": r.path, "value": r.value} for r in report.violations]
        return out
    out.write = to_write(key, str(graph), triples)
    if facets:
        out.write.facets = facets_of(graph, triples)
    out.doc = doc_from_triples(key, subject, triples)
    return out


def work(jobs: list[Job], base: str, identities: bool = True, facets: bool = True
         ) -> list[Outcome]:
    """Prepare a chunk of jobs (runs in a worker process); with ``identities`` the outcomes'
    people and organisations wait for :func:`identity.registry.resolve_write`; with
    ``facets``, each release's facets for the counts (:mod:`infopublik_ld.stats`)."""
    out = []
    for job in jobs:
        try:
            if job.kind == "line":
                line = job.payload
                path, lineno = job.origin.rsplit(":", 1)
                item = parse_json(line.decode("utf-8"), path, line_offset=int(lineno) - 1)
                record = check_record(item, where=job.origin)
                out.append(_prepare_record(job.origin, record, line, base, identities, facets,
                                           job.agency))
            elif job.kind == "record":
                record, raw = job.payload
                out.append(_prepare_record(job.origin, record, raw, base, identities, facets,
                                           job.agency))
            else:
                out.append(_prepare_rdf(job.origin, job.payload, base, facets))
        except InfopublikError as exc:
            out.append(Outcome(job.origin, errors=[_error(exc)]))
    return out


def _rdf_jobs(path: Path, data: bytes, base: str) -> Iterator[Job]:
    from .store.rdfinput import parse_rdf

    quads = parse_rdf(path, data)
    minter = Minter(base)
    graphs: dict = {}
    named = {g for *_, g in quads if g is not None}
    if not named:  # a triples format: the graph is the one typed gpr:ReleaseGraph
        typed = [s for s, p, o, _ in quads if p == RDF.type and o == GPR.ReleaseGraph]
        if len(typed) != 1:
            raise InputError(
                f"{path}: expected one resource typed gpr:ReleaseGraph, found {len(typed)}; "
                "use TriG or N-Quads for several releases",
                f"{path}: seharusnya satu sumber bertipe gpr:ReleaseGraph, ditemukan "
                f"{len(typed)}; pakai TriG atau N-Quads untuk beberapa siaran")
        quads = [(s, p, o, typed[0]) for s, p, o, _ in quads]
    for s, p, o, g in quads:
        if g is None:
            raise InputError(f"{path}: triples outside a named graph ({s} {p} {o})",
                             f"{path}: tripel di luar graf bernama ({s} {p} {o})")
        graphs.setdefault(g, []).append((s, p, o))
    for g, triples in graphs.items():
        key = minter.key_of_graph(str(g))
        if not key:
            raise InputError(
                f"{path}: graph {str(g)!r} is not a release graph of this instance "
                f"({base}graph/release/KEY; setting base_iri)",
                f"{path}: graf {str(g)!r} bukan graf siaran instans ini "
                f"({base}graph/release/KEY; setelan base_iri)")
        yield Job(f"{path}#{key}", "rdf", (key, g, triples))


def iter_jobs(path: Path, *, base: str, max_bytes: int, agency: object = None
              ) -> Iterator[Job | InputError]:
    """Jobs of one input file, or an error per unusable record (or for the whole file).

    Each error carries ``origin``: the file, or ``file:line`` when its message starts so.
    Each job carries the name of ``agency`` (an :class:`~infopublik_ld.records.agency.Agency`)
    for the provenance of its release.
    """
    name = getattr(agency, "name", None) or None
    for item in _iter_jobs(path, base=base, max_bytes=max_bytes, agency=agency):
        if isinstance(item, Job):
            item.agency = name
        elif isinstance(item, InputError) and not getattr(item, "origin", None):
            head = item.message_en.split(": ", 1)[0]
            item.origin = head if head.startswith(str(path)) and " " not in \
                head[len(str(path)):] else str(path)
        yield item


def _iter_jobs(path: Path, *, base: str, max_bytes: int, agency: object = None
               ) -> Iterator[Job | InputError]:
    suffix = path.suffix.lower()
    try:
        if suffix in (".jsonl", ".ndjson"):
            # Streamed, so a batch of any size never sits in memory: the size limit
            # (max_input_bytes) applies to each record line, not to the file.
            check_size(path, 1 << 62)
            with open(path, "rb") as fh:
                for lineno, line in enumerate(fh, start=1):
                    if len(line) > max_bytes:
                        yield InputError(
                            f"{path}:{lineno}: record is {len(line) / 1e6:.1f} MB, over the "
                            f"limit of {max_bytes / 1e6:.0f} MB (setting max_input_bytes)",
                            f"{path}:{lineno}: rekaman berukuran {len(line) / 1e6:.1f} MB, "
                            f"melebihi batas {max_bytes / 1e6:.0f} MB (setelan max_input_bytes)",
                            where=f"{lineno}")
                    elif line.strip():
                        yield Job(f"{path}:{lineno}", "line", line.rstrip(b"\r\n"))
            return
        if suffix in RECORD_SUFFIXES or suffix == ".csv":
            if suffix == ".csv":
                from .records.csv_input import iter_csv_records as records
            else:
                records = iter_record_results
            for item in records(path, max_bytes=max_bytes):
                yield item if isinstance(item, InputError) else \
                    Job(item.origin, "record", (item.record, item.raw))
            return
        if suffix in RDF_SUFFIXES:
            yield from _rdf_jobs(path, read_bytes(path, max_bytes=max_bytes), base)
            return
        if suffix in TEXT_SUFFIXES:
            yield _text_job(path, agency)
            return
    except InputError as exc:
        yield exc
        return
    yield InputError(
        f"{path}: cannot publish {suffix or 'files without a suffix'!r}; use .json, .jsonl, "
        f".csv, {', '.join(sorted(RDF_SUFFIXES))} or .txt/.html",
        f"{path}: {suffix!r} tidak dapat diterbitkan; pakai .json, .jsonl, .csv, "
        f"{', '.join(sorted(RDF_SUFFIXES))} atau .txt/.html")


def _text_job(path: Path, agency: object = None) -> Job | InputError:
    try:
        from .records.extract import extract_file
    except ImportError:
        return InputError(f"{path}: text extraction is not available in this version",
                          f"{path}: ekstraksi teks belum tersedia pada versi ini")
    extraction = extract_file(path, agency)
    if extraction.missing:
        fields = ", ".join(extraction.missing)
        return InputError(
            f"{path}: could not find {fields} in the text; run `infopublik-ld extract`, fill "
            "them in the record and publish the record",
            f"{path}: {fields} tidak ditemukan dalam teks; jalankan `infopublik-ld extract`, "
            "lengkapi rekamannya lalu terbitkan rekaman itu", where=fields)
    record = check_record(extraction.record, where=str(path))
    return Job(str(path), "record", (record, path.read_bytes()))
