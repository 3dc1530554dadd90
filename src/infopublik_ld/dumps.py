"""Dumps of one dataset version: N-Quads (graphs and provenance kept) and Turtle, gzip-compressed,
plus Turtle slices per year; each with its SHA-256, byte size and triple count.

Layout under the data directory::

    dumps/000007/releases.nq.gz          every release graph, N-Quads
    dumps/000007/releases.ttl.gz         the same triples as Turtle with prefixes
    dumps/000007/releases-2019.ttl.gz    releases dated 2019 (article date, else event date)
    dumps/000007/manifest.json           what is there: sizes, checksums, counts, time

A version's folder is written under a temporary name and renamed when complete, so readers
see all of it or nothing. Quads stream from the store to gzip (memory does not grow with the
data); the gzip header carries no time, so the same version always gives the same bytes.
"""

from __future__ import annotations

import fcntl
import gzip
import hashlib
import json
import os
import shutil
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from pathlib import Path

from .config import Settings
from .errors import NotFound
from .store import current_version, open_version, require_initialised
from .store.base import now
from .store.export import content_graphs, graph_years, turtle_header, write_both
from .vocab import PREFIXES

DIR = "dumps"
MANIFEST = "manifest.json"
#: versions whose dumps are kept
KEEP = 3
#: gzip level: 1 compresses N-Quads ~2.5x faster than zlib's default 6, files ~25 % larger
COMPRESS_LEVEL = 1
NQ = ("application/n-quads", ".nq.gz")
TTL = ("text/turtle", ".ttl.gz")


@dataclass
class DumpFile:
    """One dump file and what a harvester needs to trust it."""

    name: str
    media_type: str
    bytes: int
    sha256: str
    triples: int
    year: str | None = None
    compression: str = "application/gzip"


@dataclass
class Manifest:
    """The dumps of one version."""

    version: int
    version_time: str
    written: str
    files: list[DumpFile] = field(default_factory=list)

    def file(self, name: str) -> DumpFile | None:
        """The file called ``name``, or ``None``."""
        return next((f for f in self.files if f.name == name), None)

    def to_json(self) -> dict:
        """A JSON-ready dict."""
        return asdict(self)

    @classmethod
    def from_json(cls, doc: dict) -> Manifest:
        """Inverse of :meth:`to_json`."""
        files = [DumpFile(**f) for f in doc.pop("files", [])]
        return cls(**doc, files=files)


class _Hashing:
    """A binary sink that hashes and counts what goes to the file."""

    def __init__(self, path: Path):
        self.fh = open(path, "wb")  # noqa: SIM115 - closed by close()
        self.sha = hashlib.sha256()
        self.size = 0

    def write(self, data: bytes) -> int:
        self.sha.update(data)
        self.size += len(data)
        return self.fh.write(data)

    def flush(self) -> None:
        self.fh.flush()

    def close(self) -> None:
        self.fh.flush()
        os.fsync(self.fh.fileno())
        self.fh.close()


def dumps_dir(settings: Settings) -> Path:
    """``DATA/dumps``."""
    return settings.data_dir / DIR


def version_dir(settings: Settings, number: int) -> Path:
    """Folder of the dumps of version ``number``."""
    return dumps_dir(settings) / f"{number:06d}"


def read_manifest(settings: Settings, number: int) -> Manifest | None:
    """The manifest of version ``number`` if its dumps exist."""
    try:
        doc = json.loads((version_dir(settings, number) / MANIFEST).read_text("utf-8"))
    except FileNotFoundError:
        return None
    return Manifest.from_json(doc)


class _Gz:
    """A gzip stream to a hashed file; ``.entry()`` describes the result."""

    def __init__(self, path: Path):
        self.path = path
        self.sink = _Hashing(path)
        self.gz = gzip.GzipFile(filename="", mode="wb", fileobj=self.sink,
                                compresslevel=COMPRESS_LEVEL, mtime=0)

    def write(self, data: bytes) -> int:
        return self.gz.write(data)

    def flush(self) -> None:
        pass

    def close(self, media: str, triples: int, year: str | None = None) -> DumpFile:
        self.gz.close()
        self.sink.close()
        return DumpFile(self.path.name, media, self.sink.size, self.sink.sha.hexdigest(),
                        triples, year)


class _Tee:
    """Turtle of one year to its own file and to the full file (prefixes written once)."""

    def __init__(self, year: _Gz, full: _Gz, skip: int):
        self.year, self.full, self.skip = year, full, skip

    def write(self, data: bytes) -> int:
        self.year.write(data)
        if self.skip:
            cut = min(self.skip, len(data))
            self.skip -= cut
            data = data[cut:]
        if data:
            self.full.write(data)
        return len(data)

    def flush(self) -> None:
        pass


def write_dumps(settings: Settings, number: int | None = None) -> Manifest:
    """Write the dumps of version ``number`` (default: the current one); return the manifest.

    Does nothing when they exist already. Raises :class:`NotFound` before the first publish.
    """
    require_initialised(settings)
    if number is None:
        info = current_version(settings)
        if info is None:
            raise NotFound("nothing published yet: no dumps to write",
                           "belum ada yang diterbitkan: belum ada dump")
        number = info.number
    root = dumps_dir(settings)
    root.mkdir(parents=True, exist_ok=True)
    with open(root / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # one writer; others wait and then find it written
        found = read_manifest(settings, number)
        if found is not None:
            return found
        final = version_dir(settings, number)
        tmp = final.with_suffix(".tmp")
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir()
        try:
            manifest = _write_all(settings, number, tmp)
            (tmp / MANIFEST).write_text(json.dumps(manifest.to_json(), ensure_ascii=False,
                                                   indent=1), encoding="utf-8")
            os.rename(tmp, final)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
        _clean(root, keep=number)
        return manifest


def _write_all(settings: Settings, number: int, folder: Path) -> Manifest:
    """One read of the store: N-Quads, full Turtle and the year slices are written together."""
    prefixes = {p: str(ns) for p, ns in PREFIXES.items()}
    header = turtle_header(prefixes)
    with open_version(settings, number) as view:
        info = view.versions(limit=1)[0]
        graphs = content_graphs(view)
        counts = {g: s.triples for g, s in view.releases().items()}
        years = graph_years(view)
        manifest = Manifest(number, info.time, now())
        by_year: dict[str, list[str]] = defaultdict(list)
        for g in graphs:
            by_year[years.get(g, "undated")].append(g)
        nq, ttl = _Gz(folder / ("releases" + NQ[1])), _Gz(folder / ("releases" + TTL[1]))
        ttl.write(header)
        slices, total = [], 0
        for year in sorted(by_year):
            part = _Gz(folder / f"releases-{year}{TTL[1]}")
            total += write_both(view, by_year[year], nq, _Tee(part, ttl, len(header)), prefixes)
            slices.append(part.close(TTL[0], sum(counts.get(g, 0) for g in by_year[year]),
                                     year))
        stats = _statistics_dump(view, folder, header, prefixes)
        manifest.files.append(nq.close(NQ[0], total))
        manifest.files.append(ttl.close(TTL[0], total))
        manifest.files += slices + ([stats] if stats else [])
    return manifest


def _statistics_dump(view, folder: Path, header: bytes, prefixes: dict) -> DumpFile | None:
    """The statistics graph (RDF Data Cube, a dataset of its own) as its own Turtle file;
    ``None`` when the version has none."""
    import io

    from .stats.counts import STATISTICS_FILE, statistics_graph

    graph = statistics_graph(view.base)
    if not view.select(f"SELECT ?s WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }} LIMIT 1"):
        return None
    part = _Gz(folder / f"{STATISTICS_FILE}{TTL[1]}")
    part.write(header)
    n = write_both(view, [graph], io.BytesIO(), part, prefixes)
    return part.close(TTL[0], n)


def _clean(root: Path, *, keep: int) -> None:
    """Remove the dumps of all but the newest :data:`KEEP` versions."""
    numbers = sorted(int(p.name) for p in root.iterdir() if p.is_dir() and p.name.isdigit())
    for n in numbers[:-KEEP]:
        if n != keep:
            shutil.rmtree(root / f"{n:06d}", ignore_errors=True)


def ensure_dumps(settings: Settings) -> Manifest:
    """The manifest of the current version's dumps, writing them first if needed."""
    info = current_version(settings)
    if info is None:
        raise NotFound("nothing published yet: no dumps", "belum ada yang diterbitkan")
    return read_manifest(settings, info.number) or write_dumps(settings, info.number)
