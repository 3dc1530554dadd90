"""Embedded store: pyoxigraph on disk, one writer, readers on published checkpoints.

Layout under the data directory::

    store/data/            the release graphs (only the writer opens it)
    store/meta/            the bookkeeping graphs: registry, versions, tombstones
    versions/000007/       Store.backup checkpoints of both (data/, meta/; hard links, cheap)
    versions/000007.lock   readers hold a shared flock on it while they use the checkpoint
    versions/current.json  the newest published version (written atomically, os.replace)

Why two stores: the public SPARQL default graph is Oxigraph's union of the named graphs of
the store a query runs on. With the bookkeeping in a store of its own, that union is exactly
the union of the release graphs, at the union's speed (listing 10 000 release graphs as the
default graph instead costs ~1000x more per query, measured).

Atomicity across the two stores: releases never published before are written with
``Store.bulk_load`` (:meth:`OxigraphStore.load_new`: one streamed load per publish load, one
per chunk from harvesting; not atomic, ~3x faster than a transactional load), their graph
IRIs written to a journal file first; the journal's removal commits, and
:meth:`OxigraphStore._recover_pending` drops every graph a leftover journal lists, with its
bookkeeping. Replacements and retractions (:meth:`OxigraphStore._commit`) are one data
transaction that also records the bookkeeping update as a mark in ``{base}graph/pending``,
which recovery re-applies; the mark is removed last.
Readers never see a half-written chunk: they read checkpoints taken after a version is
finished.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import shutil
import weakref
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox

from ..errors import QueryError, StoreError, StoreLocked
from .base import (
    SYS,
    Block,
    GraphStore,
    ReleaseState,
    ReleaseWrite,
    VersionInfo,
    block,
    insert_data,
    lit,
    trig,
)

#: checkpoints kept besides the current one (older ones go once no reader holds them)
KEEP_CHECKPOINTS = 3
CURRENT = "current.json"
#: graph IRIs of a streamed load of new releases that has not committed (see ``load_new``)
JOURNAL = "new-releases.journal"
#: their bookkeeping, spooled to disk until the release graphs are in
SPOOL = "new-releases.meta.trig"
#: graphs dropped per transaction when a streamed load is undone
UNDO_CHUNK = 1000


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
    """select/query/dump over ``self._store`` (the release graphs) and ``self._meta`` (the
    bookkeeping), shared by writer and readers."""

    _store: ox.Store
    _meta: ox.Store
    _where: Path

    def select(self, sparql: str) -> list[dict[str, str]]:
        """Run a SELECT over the release graphs; rows map variable names to lexical values
        (unbound left out)."""
        return _select(self._store, sparql)

    def select_meta(self, sparql: str) -> list[dict[str, str]]:
        """Run a SELECT over the bookkeeping store."""
        return _select(self._meta, sparql)

    def query_meta(self, sparql: str) -> bytes:
        """Run a query over the bookkeeping store; SPARQL JSON results."""
        return _run(self._meta, sparql).serialize(format=ox.QueryResultsFormat.JSON)

    def query(self, sparql: str, *, media_type: str = "application/sparql-results+json",
              substitutions: dict | None = None) -> bytes:
        """Run any query; serialise results in ``media_type`` (results or RDF format)."""
        subs = {ox.Variable(k.lstrip("?$")): _term(v) for k, v in (substitutions or {}).items()}
        results = _run(self._store, sparql, catch=(SyntaxError, RuntimeError),
                       substitutions=subs or None)
        if isinstance(results, ox.QueryTriples):
            fmt = ox.RdfFormat.from_media_type(media_type) or ox.RdfFormat.N_TRIPLES
        else:
            fmt = ox.QueryResultsFormat.from_media_type(media_type) or ox.QueryResultsFormat.JSON
        return results.serialize(format=fmt)

    def dump(self, out: BinaryIO) -> None:
        """Write every quad of the release graphs as N-Quads."""
        self._store.dump(out, format=ox.RdfFormat.N_QUADS)

    def graph_triples(self, graph: str) -> list[tuple[str, str, str]]:
        """The triples of one release graph as lexical (subject, predicate, object) strings
        (a direct index scan: ~100x faster than the same SELECT here)."""
        return [(q.subject.value, q.predicate.value, q.object.value)
                for q in self._store.quads_for_pattern(None, None, None, ox.NamedNode(graph))]

    def native(self) -> ox.Store:
        """The pyoxigraph store of the release graphs (for the web layer's query workers; do
        not write to it)."""
        return self._store


def _run(store: ox.Store, sparql: str, *, catch: tuple = (SyntaxError,), **kwargs):
    """``store.query``, with the errors in ``catch`` as :class:`QueryError`."""
    try:
        return store.query(sparql, **kwargs)
    except catch as exc:
        raise QueryError(f"SPARQL syntax error: {exc}", f"galat sintaks SPARQL: {exc}") \
            from None


def _select(store: ox.Store, sparql: str) -> list[dict[str, str]]:
    results = _run(store, sparql)
    names = [v.value for v in results.variables]
    return [{n: t.value for n, t in zip(names, row, strict=True) if t is not None}
            for row in results]


class _Stream:
    """A read-only binary file over an iterator of byte strings, for ``bulk_load``."""

    def __init__(self, parts: Iterator[bytes]):
        self._parts = parts
        self._buf = b""
        self._pos = 0

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        while self._pos >= len(self._buf):
            part = next(self._parts, None)
            if part is None:
                return b""
            self._buf, self._pos = part, 0
        end = len(self._buf) if size is None or size < 0 else self._pos + size
        out = self._buf[self._pos:end]
        self._pos += len(out)
        return out


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _open(path: Path, *, read_only: bool = False) -> ox.Store:
    try:
        if read_only:
            return ox.Store.read_only(str(path))
        path.mkdir(parents=True, exist_ok=True)
        return ox.Store(str(path))
    except OSError as exc:
        raise store_error(exc, path) from None


class OxigraphStore(_OxiOps, GraphStore):
    """The live embedded store, opened read-write (caller holds the writer lock).

    ``store_dir/data`` holds the release graphs (and, only while a write is under way, the
    ``graph/pending`` marks); ``store_dir/meta`` holds the bookkeeping graphs (registry,
    versions, tombstones). Keeping them apart makes the public default graph (Oxigraph's union
    of the named graphs of ``data``) the union of the release graphs and nothing else.
    """

    #: releases per write: bulk loads of 2 000 releases cost ~30% less CPU than of 500
    #: (measured); a crash still leaves each release whole or absent
    chunk_size = 2000
    #: remove old checkpoints after each new one; ``False`` leaves it to
    #: :func:`infopublik_ld.store.tidy_checkpoints` in another process (``publish`` hands it
    #: to the background dump writer: unlinking a checkpoint's files took up to 1 s of the
    #: command's time on a busy disk, measured at 100 000 releases)
    tidy = True
    #: chunks of at most this many new releases are written in one transaction (as
    #: replacements are, with the bookkeeping mark) instead of a journalled bulk load: for
    #: one release into a 20 000-release store ~1 ms against ~0.3 s (median of 8 alternating
    #: runs: the bulk loader's files, fsyncs and ingestion cost the same for one release as
    #: for thousands); from ~100 releases on the bulk load is faster
    small_write = 20

    def __init__(self, store_dir: Path, versions_dir: Path, base: str):
        super().__init__(base)
        self._where = store_dir
        self.versions_dir = versions_dir
        if (store_dir / "CURRENT").exists():
            _move_legacy_layout(store_dir)
        self._store = _open(store_dir / "data")
        self._meta = _open(store_dir / "meta")
        self._migrate_bookkeeping()

    def _migrate_bookkeeping(self) -> None:
        """Move bookkeeping graphs that an older version kept beside the data (idempotent:
        copied first, dropped after, so a crash in between only repeats the copy)."""
        for name in ("registry", "versions", "tombstones"):
            graph = ox.NamedNode(self.g[name])
            if next(iter(self._store.quads_for_pattern(None, None, None, graph)), None) is None:
                continue
            try:
                self._meta.bulk_extend(self._store.quads_for_pattern(None, None, None, graph))
                self._meta.flush()
                self._store.remove_graph(graph)
            except OSError as exc:
                raise store_error(exc, self._where) from None

    def _meta_write(self, deletes: list[str], inserts: list[Block]) -> None:
        """One transaction on the bookkeeping store."""
        if deletes:
            self._meta.update(";\n".join(deletes + [insert_data(inserts)]))
        elif any(text for _, text in inserts):
            self._meta.load(trig(inserts).encode("utf-8"), format=ox.RdfFormat.TRIG)

    def write_chunk(self, version: int, writes: list[ReleaseWrite],
                    known: dict[str, ReleaseState], tombstoned: set[str], *,
                    extra_deletes: list[str] | None = None,
                    extra_meta: list[Block] | None = None) -> None:
        """Write ``writes`` as one change; more than :attr:`small_write` releases none of
        which was ever published take :meth:`load_new` (a bulk load, journalled), the rest
        (and any extra bookkeeping) :meth:`_commit`."""
        if extra_deletes or extra_meta or len(writes) <= self.small_write or any(
                w.graph in known or w.graph in tombstoned for w in writes):
            super().write_chunk(version, writes, known, tombstoned,
                                extra_deletes=extra_deletes, extra_meta=extra_meta)
        else:
            self.load_new(version, [writes])

    def _commit(self, drops: list[str], data: list[Block], meta_deletes: list[str],
                meta: list[Block]) -> None:
        """Write release graphs and their bookkeeping as one change, across two stores.

        Bookkeeping alone is one meta transaction. Otherwise one data transaction writes the
        graphs together with the bookkeeping update as a mark in ``graph/pending``; the
        update runs; dropping the mark ends it. See :meth:`_recover_pending` for what a crash
        at any point leaves.
        """
        pending = self.g["pending"]
        try:
            if not drops and not data:
                self._meta_write(meta_deletes, meta)
                return
            payload = ";\n".join(meta_deletes + [insert_data(meta)])
            mark = (pending, block([f"<{pending}> <{SYS}metaUpdate> {lit(payload)}"]))
            self._store.update(";\n".join([f"DROP SILENT GRAPH <{g}>" for g in drops]
                                          + [insert_data(data + [mark])]))
            self._meta.update(payload)
            self._store.update(f"DROP SILENT GRAPH <{pending}>")
        except OSError as exc:
            raise store_error(exc, self._where) from None

    def load_new(self, version: int, batches: Iterable[list[ReleaseWrite]]) -> None:
        """Write releases never published before (no registry entry, no tombstone) with one
        streamed ``bulk_load`` for all the batches, then bulk-load their bookkeeping; return
        once both are durable.

        One load instead of one per chunk: RocksDB then merges far fewer ingested files
        (measured: see docs/store.md). Not atomic, so every graph goes into
        :data:`JOURNAL` (fsynced) before its triples reach the loader; the journal's removal
        commits. A failure here, or a crash (see :meth:`_recover_pending`), drops every
        journalled graph and its bookkeeping: each release of the load is absent.
        """
        journal, spool = self._where / JOURNAL, self._where / SPOOL
        fd = os.open(journal, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_APPEND, 0o644)
        loaded = triples = 0
        keeper, facets = self.statistics, []
        try:
            _fsync_dir(self._where)
            with open(spool, "w", encoding="utf-8") as meta:
                def parts() -> Iterator[bytes]:
                    nonlocal loaded, triples
                    for batch in batches:
                        os.write(fd, "".join(f"{w.graph}\n" for w in batch).encode("utf-8"))
                        os.fsync(fd)
                        registry, changes = [], []
                        if keeper:
                            keeper.complete(batch)
                            facets.extend(w.facets for w in batch)
                        for w in batch:
                            registry += self._registry(w, version)
                            changes += self._change(version, "added", w.graph)
                        meta.write(trig([(self.g["registry"], block(registry)),
                                         (self.g["versions"], block(changes))]))
                        loaded += len(batch)
                        triples += sum(w.count for w in batch)
                        yield trig((w.graph, w.text) for w in batch).encode("utf-8")

                self._store.bulk_load(_Stream(parts()), format=ox.RdfFormat.TRIG)
            if loaded:
                self._meta.bulk_load(path=str(spool), format=ox.RdfFormat.TRIG)
            self._store.flush()
            self._meta.flush()
        except BaseException as exc:
            os.close(fd)
            self._undo_journal()
            if isinstance(exc, OSError):
                raise store_error(exc, self._where) from None
            raise
        os.close(fd)
        journal.unlink()
        _fsync_dir(self._where)
        spool.unlink(missing_ok=True)
        self._moved_by(triples, loaded)
        if keeper:
            keeper.committed(facets, [])

    def _write_statistics(self, deletes: list[str], insert: Block) -> None:
        """The statistics graph lives in the release store (public, dumped, checkpointed with
        the version); one transaction there."""
        try:
            self._store.update(";\n".join(deletes + [insert_data([insert])]))
        except OSError as exc:
            raise store_error(exc, self._where) from None

    def _undo_journal(self) -> None:
        """Drop the graphs of an uncommitted streamed load and their bookkeeping."""
        journal = self._where / JOURNAL
        if not journal.exists():
            return
        graphs = [g for g in journal.read_text(encoding="utf-8").split("\n") if g]
        try:
            for i in range(0, len(graphs), UNDO_CHUNK):
                self._undo_new(graphs[i:i + UNDO_CHUNK])
        except OSError as exc:
            raise store_error(exc, self._where) from None
        journal.unlink()
        _fsync_dir(self._where)
        (self._where / SPOOL).unlink(missing_ok=True)

    def _undo_new(self, graphs: list[str]) -> None:
        """Remove graphs that never committed, with their registry and change entries
        (idempotent: a crash while undoing only repeats it)."""
        undo = []
        for g in graphs:
            undo += self._forget(g)
            undo.append(f"DELETE WHERE {{ GRAPH <{self.g['versions']}> {{ ?v ?what <{g}> }} }}")
        self._meta.update(";\n".join(undo))
        self._store.update(";\n".join(f"DROP SILENT GRAPH <{g}>" for g in graphs))

    def _recover_pending(self) -> None:
        """Finish or undo a change a crash interrupted.

        A leftover :data:`JOURNAL` names the graphs of a bulk load that never committed: the
        graphs, their registry entries and their change entries go (none of them existed
        before: a bulk load only writes releases never published), so each release of the
        load is absent, as after a failed transaction. ``metaUpdate`` marks were written with
        their data in one transaction: the data is there, so the bookkeeping update is
        (re)applied (it is idempotent: deletes, then inserts). ``pending`` marks are how
        earlier versions of this writer journalled their bulk loads; they are undone the same
        way.
        """
        self._undo_journal()
        pending = self.g["pending"]
        rows = self.select(f"SELECT ?p ?o WHERE {{ GRAPH <{pending}> {{ <{pending}> ?p ?o }} }}")
        if not rows:
            return
        new = [r["o"] for r in rows if r["p"] == f"{SYS}pending"]
        try:
            for r in rows:
                if r["p"] == f"{SYS}metaUpdate":
                    self._meta.update(r["o"])
            if new:
                self._undo_new(new)
            self._store.update(f"DROP SILENT GRAPH <{pending}>")
        except OSError as exc:
            raise store_error(exc, self._where) from None

    def _checkpoint(self, info: VersionInfo) -> None:
        """Back both stores up as ``versions/NNNNNN/{data,meta}`` and point ``current.json``
        at it."""
        self.versions_dir.mkdir(parents=True, exist_ok=True)
        name = f"{info.number:06d}"
        final = self.versions_dir / name
        tmp = self.versions_dir / (name + ".tmp")
        try:
            if not final.exists():
                shutil.rmtree(tmp, ignore_errors=True)
                tmp.mkdir()
                self._store.backup(str(tmp / "data"))
                self._meta.backup(str(tmp / "meta"))
                os.rename(tmp, final)
            write_json_atomic(self.versions_dir / CURRENT, {**info.to_json(), "path": name})
        except OSError as exc:
            shutil.rmtree(tmp, ignore_errors=True)
            raise store_error(exc, self.versions_dir) from None
        if self.tidy:
            clean_checkpoints(self.versions_dir, keep=info.number)

    def ensure_checkpoint(self) -> None:
        """Checkpoint the newest finished version if a crash came before its checkpoint."""
        newest = self.versions(limit=1, changes=False)  # the change lists only if needed:
        # they are as long as the store after a first publish of everything
        try:
            current = read_current(self.versions_dir)
        except StoreError:  # damaged: rewritten from the bookkeeping, the authority
            current = None
            if not newest:
                (self.versions_dir / CURRENT).unlink()
        if newest and (current is None or current["number"] < newest[0].number):
            self._checkpoint(self.versions(limit=1)[0])

    def close(self) -> None:
        """Flush and drop the handles (RocksDB closes when the objects go)."""
        for store in (self._store, self._meta):
            with contextlib.suppress(OSError):
                store.flush()
        del self._store, self._meta


def _move_legacy_layout(store_dir: Path) -> None:
    """Stores written before the data/meta split keep RocksDB files directly in
    ``store_dir``: move them into ``store_dir/data`` (a rename; nothing is copied)."""
    tmp = store_dir.with_name(store_dir.name + ".data-move")
    os.rename(store_dir, tmp)
    store_dir.mkdir()
    os.rename(tmp, store_dir / "data")


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
            if (self._where / "data").is_dir():
                self._store = _open(self._where / "data", read_only=True)
                self._meta = _open(self._where / "meta", read_only=True)
            else:  # a checkpoint from before the data/meta split
                self._store = self._meta = _open(self._where, read_only=True)
        except StoreError:
            os.close(self._lock)
            raise
        # a view nobody closes explicitly (the web layer drops old ones and lets the last
        # request reading one finish first) lets go of its lock when it is collected, as its
        # stores do
        self._unlock = weakref.finalize(self, os.close, self._lock)

    def close(self) -> None:
        """Close the stores and let cleanup remove the checkpoint once it is old."""
        del self._store, self._meta
        self._unlock()

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
    """The ``current.json`` pointer, or ``None`` before the first version.

    Raises :class:`StoreError` when the file is damaged; the next writer rewrites it (see
    :meth:`OxigraphStore.ensure_checkpoint`).
    """
    path = versions_dir / CURRENT
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
        int(doc["number"])
        return doc
    except FileNotFoundError:
        return None
    except (ValueError, KeyError, TypeError) as exc:
        raise StoreError(
            f"{path} is damaged ({type(exc).__name__}: {exc}); any command that writes "
            "rewrites it from the store, e.g. `infopublik-ld reindex`",
            f"{path} rusak ({type(exc).__name__}: {exc}); perintah apa pun yang menulis akan "
            "menulisnya ulang dari penyimpanan, mis. `infopublik-ld reindex`") from None


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
