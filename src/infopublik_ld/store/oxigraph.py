"""Embedded store: pyoxigraph on disk, one writer, readers on published checkpoints.

Layout under the data directory::

    store/                 the live database (only the writer opens it)
    versions/000007/       Store.backup checkpoint of version 7 (hard links, cheap)
    versions/000007.lock   readers hold a shared flock on it while they use the checkpoint
    versions/current.json  the newest published version (written atomically, os.replace)

Atomicity: ``Store.load`` and ``Store.update`` are each one transaction (pyoxigraph docs:
"either the full operation succeeds, or nothing is written"), so a release, its registry entry
and its version entry are always written together or not at all.

New releases (none of the chunk published before) take the fast path: ``Store.bulk_load``,
~2.5x faster than a transactional load here but not atomic. It is bracketed by two
transactions: the first records the chunk's graphs in ``{base}graph/pending``, the last
removes them. A crash in between leaves the marks; :meth:`OxigraphStore._recover_pending`
then drops those graphs and their registry and change entries, so each release of the chunk
is absent, as after a failed transaction. Readers never see the half-written chunk: they read
checkpoints taken after a version is finished.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import shutil
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox

from ..errors import QueryError, StoreError, StoreLocked
from .base import SYS, GraphStore, VersionInfo, insert_data, nquads

#: checkpoints kept besides the current one (older ones go once no reader holds them)
KEEP_CHECKPOINTS = 3
CURRENT = "current.json"


def store_error(exc: OSError, where: Path) -> StoreError:
    """Translate an Oxigraph/RocksDB ``OSError`` into a message people can act on."""
    text = str(exc)
    if "No space left" in text or "File too large" in text or getattr(exc, "errno", 0) in (28, 27):
        return StoreError(
            f"the disk holding {where} is full; nothing of the current batch step was written. "
            "Free some space and publish again",
            f"disk tempat {where} penuh; langkah terbitan ini tidak ditulis sama sekali. "
            "Kosongkan ruang lalu terbitkan lagi")
    if "lock" in text.lower():
        return StoreLocked(
            f"another process is publishing: the store {where} is open elsewhere ({text})",
            f"proses lain sedang menerbitkan: penyimpanan {where} sedang dibuka ({text})")
    return StoreError(f"store {where}: {text}", f"penyimpanan {where}: {text}")


def _term(value) -> ox.NamedNode | ox.Literal:
    """An rdflib term (or plain string = IRI) as a pyoxigraph term, for ``substitutions``."""
    from rdflib import Literal, URIRef

    if isinstance(value, Literal):
        if value.language:
            return ox.Literal(str(value), language=value.language)
        if value.datatype:
            return ox.Literal(str(value), datatype=ox.NamedNode(str(value.datatype)))
        return ox.Literal(str(value))
    if isinstance(value, URIRef | str):
        return ox.NamedNode(str(value))
    raise QueryError(f"cannot bind {value!r}", f"tidak dapat mengikat {value!r}")


class _OxiOps:
    """select/query/dump over ``self._store`` (shared by writer and readers)."""

    _store: ox.Store
    _where: Path

    def select(self, sparql: str) -> list[dict[str, str]]:
        """Run a SELECT; rows map variable names to lexical values (unbound left out)."""
        try:
            results = self._store.query(sparql)
        except SyntaxError as exc:
            raise QueryError(f"SPARQL syntax error: {exc}", f"galat sintaks SPARQL: {exc}") \
                from None
        names = [v.value for v in results.variables]
        return [{n: t.value for n, t in zip(names, row, strict=True) if t is not None}
                for row in results]

    def query(self, sparql: str, *, media_type: str = "application/sparql-results+json",
              substitutions: dict | None = None) -> bytes:
        """Run any query; serialise results in ``media_type`` (results or RDF format)."""
        subs = {ox.Variable(k.lstrip("?$")): _term(v) for k, v in (substitutions or {}).items()}
        try:
            results = self._store.query(sparql, substitutions=subs or None)
        except (SyntaxError, RuntimeError) as exc:
            raise QueryError(f"SPARQL syntax error: {exc}", f"galat sintaks SPARQL: {exc}") \
                from None
        if isinstance(results, ox.QueryTriples):
            fmt = ox.RdfFormat.from_media_type(media_type) or ox.RdfFormat.N_TRIPLES
        else:
            fmt = ox.QueryResultsFormat.from_media_type(media_type) or ox.QueryResultsFormat.JSON
        return results.serialize(format=fmt)

    def dump(self, out: BinaryIO) -> None:
        """Write every quad as N-Quads."""
        self._store.dump(out, format=ox.RdfFormat.N_QUADS)

    def native(self) -> ox.Store:
        """The pyoxigraph store (for the web layer's query workers; do not write to it)."""
        return self._store


class OxigraphStore(_OxiOps, GraphStore):
    """The live embedded store, opened read-write (caller holds the writer lock)."""

    def __init__(self, store_dir: Path, versions_dir: Path, base: str):
        super().__init__(base)
        self._where = store_dir
        self.versions_dir = versions_dir
        try:
            store_dir.mkdir(parents=True, exist_ok=True)
            self._store = ox.Store(str(store_dir))
        except OSError as exc:
            raise store_error(exc, store_dir) from None

    def _write(self, drops: list[str], deletes: list[str],
               inserts: list[tuple[str, list[str]]]) -> None:
        try:
            if not drops and not deletes:
                self._store.load(nquads(inserts).encode("utf-8"), format=ox.RdfFormat.N_QUADS)
            else:
                ops = [f"DROP SILENT GRAPH <{g}>" for g in drops] + deletes
                body = insert_data(inserts)
                self._store.update(";\n".join(ops + ([body] if body else [])))
        except OSError as exc:
            raise store_error(exc, self._where) from None

    def _write_new(self, graphs: list[str], inserts: list[tuple[str, list[str]]]) -> None:
        pending = self.g["pending"]
        marks = [(pending, [f"<{pending}> <{SYS}pending> <{g}>" for g in graphs])]
        try:
            self._store.load(nquads(marks).encode("utf-8"), format=ox.RdfFormat.N_QUADS)
            self._store.bulk_load(nquads(inserts).encode("utf-8"), format=ox.RdfFormat.N_QUADS)
            self._store.update(f"DROP SILENT GRAPH <{pending}>")
        except OSError as exc:
            raise store_error(exc, self._where) from None

    def _recover_pending(self) -> None:
        pending = self.g["pending"]
        graphs = [r["g"] for r in self.select(
            f"SELECT ?g WHERE {{ GRAPH <{pending}> {{ ?x <{SYS}pending> ?g }} }}")]
        if not graphs:
            return
        ops = [f"DROP SILENT GRAPH <{g}>" for g in graphs]
        for g in graphs:
            ops += self._forget(g)
            ops.append(f"DELETE WHERE {{ GRAPH <{self.g['versions']}> {{ ?v ?what <{g}> }} }}")
        ops.append(f"DROP SILENT GRAPH <{pending}>")
        try:
            self._store.update(";\n".join(ops))
        except OSError as exc:
            raise store_error(exc, self._where) from None

    def _checkpoint(self, info: VersionInfo) -> None:
        """Back the store up as ``versions/NNNNNN`` and point ``current.json`` at it."""
        self.versions_dir.mkdir(parents=True, exist_ok=True)
        name = f"{info.number:06d}"
        final = self.versions_dir / name
        tmp = self.versions_dir / (name + ".tmp")
        try:
            if not final.exists():
                shutil.rmtree(tmp, ignore_errors=True)
                self._store.backup(str(tmp))
                os.rename(tmp, final)
            write_json_atomic(self.versions_dir / CURRENT, {**info.to_json(), "path": name})
        except OSError as exc:
            shutil.rmtree(tmp, ignore_errors=True)
            raise store_error(exc, self.versions_dir) from None
        clean_checkpoints(self.versions_dir, keep=info.number)

    def ensure_checkpoint(self) -> None:
        """Checkpoint the newest finished version if a crash came before its checkpoint."""
        newest = self.versions(limit=1)
        current = read_current(self.versions_dir)
        if newest and (current is None or current["number"] < newest[0].number):
            self._checkpoint(newest[0])

    def close(self) -> None:
        """Flush and drop the handle (RocksDB closes when the object goes)."""
        with contextlib.suppress(OSError):
            self._store.flush()
        del self._store


class ReadOnlyVersion(_OxiOps, GraphStore):
    """A published version opened read-only; holds a shared lock so cleanup leaves it alone."""

    def __init__(self, versions_dir: Path, base: str, number: int | None = None):
        super().__init__(base)
        for _ in range(5):  # the checkpoint may be cleaned between reading and locking
            current = read_current(versions_dir)
            if current is None:
                raise StoreError("nothing published yet: run `infopublik-ld publish` first",
                                 "belum ada yang diterbitkan: jalankan `infopublik-ld publish`")
            self.number = int(number or current["number"])
            self._where = versions_dir / f"{self.number:06d}"
            self._lock = os.open(versions_dir / f"{self.number:06d}.lock",
                                 os.O_RDWR | os.O_CREAT, 0o644)
            fcntl.flock(self._lock, fcntl.LOCK_SH)
            if self._where.is_dir():
                break
            os.close(self._lock)
            if number is not None:
                raise StoreError(f"version {number} is no longer kept",
                                 f"versi {number} tidak disimpan lagi")
        try:
            self._store = ox.Store.read_only(str(self._where))
        except OSError as exc:
            os.close(self._lock)
            raise store_error(exc, self._where) from None

    def close(self) -> None:
        """Close the store and let cleanup remove the checkpoint once it is old."""
        del self._store
        os.close(self._lock)

    def __enter__(self) -> ReadOnlyVersion:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def write_json_atomic(path: Path, value: dict) -> None:
    """Write JSON to ``path`` so readers see the old or the new file, never a torn one."""
    tmp = path.with_suffix(".tmp")
    with open(tmp, "w", encoding="utf-8") as fh:
        json.dump(value, fh, ensure_ascii=False)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def read_current(versions_dir: Path) -> dict | None:
    """The ``current.json`` pointer, or ``None`` before the first version."""
    try:
        return json.loads((versions_dir / CURRENT).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None


def clean_checkpoints(versions_dir: Path, *, keep: int) -> list[int]:
    """Remove checkpoints older than the last :data:`KEEP_CHECKPOINTS` that no reader holds."""
    numbers = sorted(int(p.name) for p in versions_dir.iterdir()
                     if p.is_dir() and p.name.isdigit())
    removed = []
    for n in numbers[:-KEEP_CHECKPOINTS]:
        if n >= keep:
            continue
        lock_path = versions_dir / f"{n:06d}.lock"
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            continue
        shutil.rmtree(versions_dir / f"{n:06d}", ignore_errors=True)
        lock_path.unlink(missing_ok=True)
        os.close(fd)
        removed.append(n)
    return removed
