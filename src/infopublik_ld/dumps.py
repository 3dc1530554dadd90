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

Incremental: the cost follows what changed, not the dataset's size. A gzip file may be a
series of members, so every dump is assembled from per-year parts kept in ``dumps/parts/``::

    parts/header.ttl.gz            the Turtle prefixes (one gzip member)
    parts/2019-v7.nq.gz            the N-Quads of the releases dated 2019 (one member)
    parts/2019-v7.ttl.gz           their Turtle slice: header member + body member
    parts/state.json               per year: each release graph with its content hash, the
                                   part files, counts

A new version rewrites the parts of the years whose releases changed (a graph added, replaced
or retracted: its content hash tells) and nothing else; the year slices of the version are
hard links to the parts, ``releases.nq.gz`` is the N-Quads parts one after the other and
``releases.ttl.gz`` the header and each slice's body member. Publishing one release into a
100 000-release store thus rewrites one year (benchmarks/bench_publish.py ``--one``).
The catalogue and ``/dumps/`` point to the newest complete dumps (:func:`latest_manifest`)
and say which version they hold; the newer version's are written in the background
(:func:`write_dumps_later`).
"""

from __future__ import annotations

import fcntl
import gzip
import hashlib
import json
import os
import shutil
import threading
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from pathlib import Path

from .config import Settings
from .errors import NotFound
from .store import current_version, open_version, require_initialised
from .store.base import now
from .store.export import graph_years, turtle_header, write_both
from .vocab import GPR, PREFIXES, SCHEMA

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
        return _write_locked(settings, number)


def _write_locked(settings: Settings, number: int) -> Manifest:
    """:func:`write_dumps` once the dumps lock is held."""
    root = dumps_dir(settings)
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


PARTS = "parts"
STATE = "state.json"
UNDATED = "undated"


def _parts_dir(settings: Settings) -> Path:
    return dumps_dir(settings) / PARTS


def _load_state(folder: Path, header: bytes) -> dict:
    """The parts' state, or an empty one when missing, damaged or written with other
    prefixes (then every year is rewritten)."""
    try:
        state = json.loads((folder / STATE).read_text("utf-8"))
    except (OSError, ValueError):
        return {"years": {}}
    if state.get("header") != hashlib.sha256(header).hexdigest() or \
            any(not (folder / y[k]).is_file() for y in state.get("years", {}).values()
                for k in ("nq", "ttl")):
        return {"years": {}}
    return state


def _years_of(view, graphs: list[str]) -> dict[str, str]:
    """Year of each of ``graphs`` (article date, else event start), read graph by graph in
    batches: after one publish, only the new and changed graphs are asked about."""
    if len(graphs) > 5000:  # most of the store: one pass over all of it is cheaper
        years = graph_years(view)
        return {g: years.get(g, UNDATED) for g in graphs}
    out = {}
    for i in range(0, len(graphs), 500):
        chunk = graphs[i:i + 500]
        values = " ".join(f"<{g}>" for g in chunk)
        rows = view.select(
            f"SELECT ?g (MIN(STR(?d)) AS ?date) WHERE {{ VALUES ?g {{ {values} }} GRAPH ?g {{ "
            f"?g <{GPR.describes}> ?s . ?s <{SCHEMA.datePublished}>|<{SCHEMA.startDate}> ?d }} "
            "} GROUP BY ?g")
        found = {r["g"]: r["date"][:4] for r in rows if r.get("date")}
        out.update({g: found.get(g, UNDATED) for g in chunk})
    return out


def _update_parts(view, number: int, folder: Path, header: bytes,
                  prefixes: dict[str, str]) -> dict:
    """Bring the per-year parts up to version ``number``; return the new state (not yet
    saved). Only years whose graphs or content hashes changed are written again."""
    folder.mkdir(parents=True, exist_ok=True)
    if not (folder / "header.ttl.gz").is_file():
        _write_member(folder / "header.ttl.gz", header)
    old = _load_state(folder, header)
    was = {g: (h, year) for year, part in old["years"].items()
           for g, h in part["graphs"].items()}
    states = view.releases()  # one read of the registry (seconds at 100 000 releases)
    now = {g: s.content_hash for g, s in states.items()}
    counts = {g: s.triples for g, s in states.items()}
    same = {g: was[g][1] for g, h in now.items() if g in was and was[g][0] == h}
    fresh = _years_of(view, sorted(g for g in now if g not in same))
    year_of = {**same, **fresh}
    changed = {year_of[g] for g in fresh} | \
        {was[g][1] for g in was if g not in same}  # replaced, retracted: their old year too
    by_year: dict[str, dict[str, str]] = defaultdict(dict)
    for g, year in year_of.items():
        by_year[year][g] = now[g]
    state = {"version": number, "header": hashlib.sha256(header).hexdigest(), "years": {}}
    for year in sorted(by_year):
        if year not in changed and year in old["years"]:
            state["years"][year] = old["years"][year]
            continue
        graphs = sorted(by_year[year])
        nq_name, ttl_name = f"{year}-v{number}.nq.gz", f"{year}-v{number}.ttl.gz"
        nq = _Gz(folder / nq_name)
        ttl = _Hashing(folder / ttl_name)
        ttl.write(_member(header))
        body = _Gz(folder / (ttl_name + ".body"))
        quads = write_both(view, graphs, nq, _Skip(body, len(header)), prefixes)
        nq.close(NQ[0], quads)
        body.close(TTL[0], quads)
        with open(folder / (ttl_name + ".body"), "rb") as fh:
            shutil.copyfileobj(fh, ttl)
        ttl.close()
        os.unlink(folder / (ttl_name + ".body"))
        state["years"][year] = {"graphs": dict(sorted(by_year[year].items())),
                                "nq": nq_name, "ttl": ttl_name, "quads": quads,
                                "triples": sum(counts.get(g, 0) for g in graphs),
                                # the slice is published as it is: its checksum need not
                                # be read again from disk for every later version
                                "ttl_sha256": ttl.sha.hexdigest(), "ttl_bytes": ttl.size}
    return state


def _member(data: bytes) -> bytes:
    """``data`` as one gzip member (no time in its header: the same bytes every time)."""
    return gzip.compress(data, compresslevel=COMPRESS_LEVEL, mtime=0)


def _write_member(path: Path, data: bytes) -> None:
    tmp = path.with_suffix(".tmp")
    tmp.write_bytes(_member(data))
    os.replace(tmp, path)


class _Skip:
    """Drops the first ``skip`` bytes written (the prefixes the Turtle serializer repeats)."""

    def __init__(self, out: _Gz, skip: int):
        self.out, self.skip = out, skip

    def write(self, data: bytes) -> int:
        if self.skip:
            cut = min(self.skip, len(data))
            self.skip -= cut
            data = data[cut:]
        if data:
            self.out.write(data)
        return len(data)

    def flush(self) -> None:
        pass


def _assemble(parts: Path, state: dict, number: int, time: str, out: Path) -> Manifest:
    """The dump files of version ``number`` from the parts: hard links for the year slices,
    concatenated members for the full files."""
    manifest = Manifest(number, time, now())
    header = (parts / "header.ttl.gz").read_bytes()
    years = sorted(state["years"].items())
    nq, ttl = _Hashing(out / ("releases" + NQ[1])), _Hashing(out / ("releases" + TTL[1]))
    ttl.write(header)
    slices = []
    for year, part in years:
        with open(parts / part["nq"], "rb") as fh:
            shutil.copyfileobj(fh, nq, 1 << 20)
        with open(parts / part["ttl"], "rb") as fh:
            fh.seek(len(header))  # the slice is header member + body member
            shutil.copyfileobj(fh, ttl, 1 << 20)
        name = f"releases-{year}{TTL[1]}"
        try:
            os.link(parts / part["ttl"], out / name)
        except OSError:  # another file system: copy
            shutil.copy2(parts / part["ttl"], out / name)
        size = (out / name).stat().st_size
        digest = part.get("ttl_sha256") if part.get("ttl_bytes") == size else None
        slices.append(DumpFile(name, TTL[0], size, digest or _file_sha256(out / name),
                               part["triples"], year))
    total = sum(p["quads"] for _, p in years)
    nq.close()
    ttl.close()
    manifest.files.append(DumpFile("releases" + NQ[1], NQ[0], nq.size, nq.sha.hexdigest(),
                                   total))
    manifest.files.append(DumpFile("releases" + TTL[1], TTL[0], ttl.size, ttl.sha.hexdigest(),
                                   total))
    manifest.files += slices
    return manifest


def _file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def _write_all(settings: Settings, number: int, folder: Path) -> Manifest:
    """Update the parts to version ``number`` and assemble its dumps in ``folder``."""
    prefixes = {p: str(ns) for p, ns in PREFIXES.items()}
    header = turtle_header(prefixes)
    parts = _parts_dir(settings)
    with open_version(settings, number) as view:
        info = view.versions(limit=1, changes=False)[0]  # its time; not its change lists
        state = _update_parts(view, number, parts, header, prefixes)
        stats = _statistics_dump(view, folder, header, prefixes)
    manifest = _assemble(parts, state, number, info.time, folder)
    if stats:
        manifest.files.append(stats)
    tmp = parts / (STATE + ".tmp")
    tmp.write_text(json.dumps(state, ensure_ascii=False), encoding="utf-8")
    os.replace(tmp, parts / STATE)
    keep = {"header.ttl.gz", STATE} | {p[k] for p in state["years"].values()
                                       for k in ("nq", "ttl")}
    for path in parts.iterdir():  # parts no year uses any more (and leftovers of a crash)
        if path.name not in keep:
            path.unlink(missing_ok=True)
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
    """Remove the dumps of all but the newest :data:`KEEP` versions (and leftovers)."""
    numbers = sorted(int(p.name) for p in root.iterdir() if p.is_dir() and p.name.isdigit())
    for n in numbers[:-KEEP]:
        if n != keep:
            shutil.rmtree(root / f"{n:06d}", ignore_errors=True)


def latest_manifest(settings: Settings) -> Manifest | None:
    """The manifest of the newest version whose dumps are complete, or ``None``."""
    root = dumps_dir(settings)
    if not root.is_dir():
        return None
    for n in sorted((int(p.name) for p in root.iterdir() if p.is_dir() and p.name.isdigit()),
                    reverse=True):
        found = read_manifest(settings, n)
        if found is not None:
            return found
    return None


def catch_up(settings: Settings) -> Manifest | None:
    """Write the dumps of the current version unless another process is writing dumps;
    return the newest complete ones this process saw (``None`` if it left the work to the
    other writer).

    What the background writers run: a writer that finds the dumps lock taken leaves at
    once, and the one that holds it, once done, checks again and writes the newer version a
    publish committed meanwhile. So one process writes at a time, versions published in
    quick succession are written once (the newest), and none is missed: a version committed
    before the holder's last check is seen by it; one committed after sees the lock free.
    """
    require_initialised(settings)
    root = dumps_dir(settings)
    root.mkdir(parents=True, exist_ok=True)
    done = None
    while True:
        with open(root / ".lock", "w") as lock:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                return done
            info = current_version(settings)
            if info is None:
                return None
            done = latest_manifest(settings)
            if done is None or done.version < info.number:
                done = _write_locked(settings, info.number)
        info = current_version(settings)  # the lock is free now: a newer version is ours
        if info is None or done.version >= info.number:
            return done


def background_writer(data_dir: str) -> None:
    """Entry point of the process :func:`write_dumps_later` starts: at a lower CPU priority
    than the server, bring the dumps up to the newest version (:func:`catch_up`), then
    remove old checkpoints no reader holds (``publish`` leaves that to this process)."""
    import contextlib
    import sys

    from .config import load_settings
    from .store import tidy_checkpoints

    with contextlib.suppress(OSError):
        os.nice(10)  # background work: requests and query workers go first
    settings = load_settings(data_dir)
    try:
        manifest = catch_up(settings)
        print(f"{now()} dumps: " + (f"version {manifest.version} complete" if manifest
                                    else "another writer is at work"), flush=True)
    finally:
        removed = tidy_checkpoints(settings)
        if removed:
            print(f"{now()} checkpoints removed: {removed}", file=sys.stderr, flush=True)


def write_dumps_later(settings: Settings, number: int | None = None, *,
                      log: Path | None = None):
    """Start a dump writer in a process of its own (it outlives the caller, e.g.
    ``publish``, holds no publishing lock and runs at a lower priority); return the process.

    It writes the newest version's dumps (``number``, the version just published, or a newer
    one) unless another writer is at work, which then does (:func:`catch_up`). Its messages
    go to ``log`` (default ``DATA/dumps/writer.log``).
    """
    import subprocess
    import sys

    root = dumps_dir(settings)
    root.mkdir(parents=True, exist_ok=True)
    log = log or root / "writer.log"
    with open(log, "ab") as out:
        return subprocess.Popen(
            [sys.executable, "-c", "import sys; from infopublik_ld.dumps import "
             "background_writer; background_writer(sys.argv[1])", str(settings.data_dir)],
            stdin=subprocess.DEVNULL, stdout=out, stderr=out, start_new_session=True,
            close_fds=True)


_later_lock = threading.Lock()
_later: dict[tuple[str, int], object] = {}


def ensure_dumps(settings: Settings) -> Manifest:
    """The manifest of the newest complete dumps.

    When they are older than the current version, a background writer process is started
    (once per version and server process; it leaves at once if another writer, e.g. the
    one ``publish`` started, is at work); only an instance that has no dumps at all waits
    for its first ones. A process rather than a thread: writing dumps in a server process
    would take the interpreter lock from its requests.
    """
    info = current_version(settings)
    if info is None:
        raise NotFound("nothing published yet: no dumps", "belum ada yang diterbitkan")
    found = latest_manifest(settings)
    if found is None:
        return write_dumps(settings, info.number)
    if found.version < info.number:
        key = (str(settings.data_dir), info.number)
        with _later_lock:
            if key not in _later:
                _later[key] = True
                threading.Thread(target=_start_writer, args=(settings, key),
                                 name="infopublik-dumps", daemon=True).start()
    return found


def _start_writer(settings: Settings, key: tuple[str, int]) -> None:
    """Start a background writer and wait for it (no zombie is left); if it could not
    start or failed (its message is in ``writer.log``), the next request tries again."""
    import contextlib
    import sys

    try:
        failed = write_dumps_later(settings, key[1]).wait() != 0
    except OSError as exc:
        with contextlib.suppress(Exception):
            print(f"dumps of version {key[1]}: {exc}", file=sys.stderr)
        failed = True
    if failed:
        with _later_lock:
            _later.pop(key, None)
