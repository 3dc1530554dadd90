"""validate → write → index → new dataset version; retract; status; reindex; init.

``publish`` maps and validates in worker processes (both cores) and writes from this
process alone: new releases streamed into one bulk load per ``commit_every`` releases
(embedded store), everything else ``chunk_size`` releases per write. A crash leaves each
release fully published or absent (see docs/store.md). Unchanged releases (same content
hash) are skipped, so publishing the same input twice changes nothing and makes no version.
"""

from __future__ import annotations

import contextlib
import json
import multiprocessing
import os
import queue
import textwrap
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from . import stats
from .config import CONFIG_FILE, SETTINGS, Settings
from .errors import ConfigError, Gone, InputError, NotFound
from .fts import Doc, FtsIndex
from .identity.index import finish_run, writer_index
from .identity.registry import authority_for, previous_mentions, resolve_write
from .lifeline import die_with
from .publish_inputs import Job, Outcome, input_hash, iter_jobs, work
from .rdf.iris import Minter, check_base_iri
from .records.agency import Agency
from .records.kept import Keeper
from .stats.counts import reindex_statistics
from .store import (
    GraphStore,
    ReleaseState,
    VersionInfo,
    current_version,
    open_store,
    open_version,
    require_initialised,
)
from .store.base import now
from .vocab import GPR, RDF, SCHEMA

#: jobs sent to a worker at once
JOB_CHUNK = 100
#: batches smaller than this are prepared in-process (no worker start-up cost)
POOL_THRESHOLD = 200
#: new releases handed to the streamed loader at once
STREAM_BATCH = 500
#: a streamed load commits once it holds this many triples (or ``commit_every`` releases).
#: Oxigraph's bulk loader sorts 1 000 000 quads per batch in memory, one thread per core;
#: staying near one batch bounds memory (~1 GiB at 100 000 releases, measured)
LOAD_TRIPLES = 950_000

Progress = Callable[[int, int | None], None]
#: batches up to this size look releases up in the registry one by one instead of reading
#: all of it: publishing one release costs the same in a store of 100 000
LOOKUP_LIMIT = 500


class _Registry(dict):
    """The registry entries publishing needs, read on demand (one indexed lookup per graph)
    rather than all at once: a small batch into a big store asks only about its own
    releases. Behaves as the ``dict`` of :meth:`GraphStore.releases` for ``in``, ``get``
    and ``[]``; entries written meanwhile are set as usual."""

    def __init__(self, store: GraphStore):
        super().__init__()
        self._store, self._asked = store, set()

    def _load(self, graph: str) -> None:
        if graph not in self._asked:
            self._asked.add(graph)
            state = self._store.release_state(graph)
            if state is not None:
                super().__setitem__(graph, state)

    def __contains__(self, graph) -> bool:
        self._load(graph)
        return super().__contains__(graph)

    def __getitem__(self, graph):
        self._load(graph)
        return super().__getitem__(graph)

    def get(self, graph, default=None):
        self._load(graph)
        return super().get(graph, default)

    def __setitem__(self, graph, state) -> None:
        self._asked.add(graph)
        super().__setitem__(graph, state)


@dataclass
class PublishResult:
    """What a publish run did."""

    version: VersionInfo | None = None
    added: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    unchanged: int = 0
    #: of ``unchanged``: releases whose exact input was published already (not even mapped)
    unchanged_inputs: int = 0
    valid: int = 0
    failed: list[dict] = field(default_factory=list)
    dry_run: bool = False
    all_or_nothing_blocked: bool = False
    seconds: float = 0.0

    def to_json(self) -> dict:
        """The report file's content."""
        return {"version": self.version.to_json() if self.version else None,
                "added": len(self.added), "replaced": len(self.replaced),
                "unchanged": self.unchanged, "unchanged_inputs": self.unchanged_inputs,
                "valid": self.valid, "dry_run": self.dry_run,
                "all_or_nothing_blocked": self.all_or_nothing_blocked,
                "seconds": round(self.seconds, 3), "failed": self.failed}


def _count_jobs(paths: Iterable[Path]) -> int | None:
    total = 0
    for p in paths:
        if p.suffix.lower() in (".jsonl", ".ndjson") and p.is_file():
            with open(p, "rb") as fh:
                total += sum(1 for line in fh if line.strip())
        else:
            total += 1
    return total


def _outcomes(jobs: Iterator[Job | InputError], base: str, workers: int,
              pooled: bool, identities: bool = True) -> Iterator[Outcome]:
    """Prepare jobs in order; input errors pass through as failed outcomes."""
    def chunks() -> Iterator[list[Job] | InputError]:
        buf: list[Job] = []
        for j in jobs:
            if isinstance(j, InputError):
                yield j
                continue
            buf.append(j)
            if len(buf) >= JOB_CHUNK:
                yield buf
                buf = []
        if buf:
            yield buf

    def failed(exc: InputError) -> Outcome:
        # iter_jobs gives each error its origin (the file, or "file.jsonl:3")
        return Outcome(getattr(exc, "origin", None) or exc.message_en.split(": ", 1)[0],
                       errors=[{"message": {"en": exc.message_en,
                                                             "id": exc.message_id},
                                                 "where": exc.where}])
    if not pooled:
        for c in chunks():
            yield from ([failed(c)] if isinstance(c, InputError) else
                        work(c, base, identities, stats.ENABLED))
        return
    ctx = multiprocessing.get_context("forkserver")
    # die_with: workers (and so the forkserver and resource tracker) end with this process,
    # even when it is killed with SIGKILL
    with ProcessPoolExecutor(workers, mp_context=ctx, initializer=die_with,
                             initargs=(os.getpid(),)) as pool:
        window: deque = deque()
        for c in chunks():
            window.append(c if isinstance(c, InputError) else
                          pool.submit(work, c, base, identities,
                                                    stats.ENABLED))
            while len(window) > workers * 3:
                head = window.popleft()
                yield from ([failed(head)] if isinstance(head, InputError) else head.result())
        while window:
            head = window.popleft()
            yield from ([failed(head)] if isinstance(head, InputError) else head.result())


def _raw_of(job: Job | InputError) -> bytes | None:
    """The exact input bytes of a record job (``None`` for RDF jobs and errors)."""
    if isinstance(job, InputError):
        return None
    if job.kind == "line":
        return job.payload
    if job.kind == "record":
        return job.payload[1]
    return None


def _failure(o: Outcome) -> dict:
    return {"origin": o.origin, "key": o.key, "errors": o.errors}


class _Writer:
    """Buffers prepared releases and writes them a chunk at a time.

    The store write of a chunk runs in a background thread (Oxigraph releases the GIL while
    it loads), so this process keeps feeding the workers and collecting their results
    meanwhile; one chunk is in flight at a time, and its index update and bookkeeping happen
    here, in order, once it is written.
    """

    def __init__(self, store: GraphStore, index: FtsIndex, version: int,
                 known: dict[str, ReleaseState], tombstoned: set[str], result: PublishResult,
                 keeper: Keeper | None = None):
        self.store, self.index, self.version = store, index, version
        self.keeper = keeper
        self.known, self.tombstoned, self.result = known, tombstoned, result
        self.pending: dict[str, Outcome] = {}
        self._inflight: tuple[list[Outcome], threading.Thread, list] | None = None

    def unchanged(self, o: Outcome) -> bool:
        """Whether ``o`` is published already with the same content (and no other copy of
        it waits to be written)."""
        state = self.known.get(o.write.graph)
        return state is not None and state.content_hash == o.write.content_hash \
            and o.write.graph not in self.pending

    def add(self, o: Outcome) -> None:
        self.pending[o.write.graph] = o
        if len(self.pending) >= self.store.chunk_size:
            self.flush(wait=False)

    def flush(self, *, wait: bool = True) -> None:
        """Start writing the pending releases; with ``wait``, return once all is written."""
        self._join()
        if self.pending:
            outs = list(self.pending.values())
            self.pending.clear()
            failure: list = []

            def write() -> None:
                try:
                    self.store.write_chunk(self.version, [o.write for o in outs], self.known,
                                           self.tombstoned)
                except BaseException as exc:  # re-raised in the publishing thread
                    failure.append(exc)

            thread = threading.Thread(target=write, name="infopublik-writer", daemon=True)
            thread.start()
            self._inflight = (outs, thread, failure)
        if wait:
            self._join()

    def settle(self) -> None:
        """Wait for a write in flight without raising (cleanup after an error)."""
        if self._inflight is not None:
            self._inflight[1].join()

    def _join(self) -> None:
        """Wait for the chunk in flight; index it and record it as published."""
        if self._inflight is None:
            return
        outs, thread, failure = self._inflight
        self._inflight = None
        thread.join()
        if failure:
            raise failure[0]
        self.published(outs)

    def published(self, outs: list[Outcome]) -> None:
        """Index releases the store has committed and record them as published."""
        self.index.upsert(o.doc for o in outs)
        if self.keeper is not None:  # after the commit: a kept record is of a real release
            self.keeper.keep((o.write.key, o.write.content_hash, o.record)
                             for o in outs if o.record is not None)
        for o in outs:
            w = o.write
            (self.result.replaced if w.graph in self.known else self.result.added).append(w.key)
            self.known[w.graph] = ReleaseState(w.key, w.graph, w.content_hash, w.count,
                                               self.version, w.input_hash)
            self.tombstoned.discard(w.graph)


class _Streamer:
    """Hands releases never published before to ``store.load_new`` in a thread: one streamed
    bulk load per ``commit_every`` releases (see ``OxigraphStore.load_new``).

    This process queues batches of :data:`STREAM_BATCH`; the load thread pulls them as the
    loader reads. Once a load commits, :meth:`settle` (called here, between releases) indexes
    it and records it as published. A graph queued but not committed yet is in ``inflight``:
    a second copy of it in the same run waits for the load and is written as a replacement.
    """

    _END, _ABORT = object(), object()

    def __init__(self, store, version: int, commit_every: int, writer: _Writer):
        self.store, self.version, self.commit_every = store, version, max(1, commit_every)
        self.writer = writer
        self.batch: list[Outcome] = []
        self.inflight: set[str] = set()
        self.later: list[Outcome] = []
        self.done: deque[list[Outcome]] = deque()
        self.failure: list[BaseException] = []
        self.ended = False
        self.queue: queue.Queue = queue.Queue(maxsize=4)
        self.thread = threading.Thread(target=self._run, name="infopublik-loader", daemon=True)
        self.thread.start()

    def add(self, o: Outcome) -> None:
        self.settle()
        if o.write.graph in self.inflight:
            self.later.append(o)
            return
        self.inflight.add(o.write.graph)
        self.batch.append(o)
        if len(self.batch) >= STREAM_BATCH:
            self._put(self.batch)
            self.batch = []

    def _put(self, item) -> None:
        while True:
            if self.failure:
                raise self.failure[0]
            try:
                self.queue.put(item, timeout=0.5)
                return
            except queue.Full:
                if not self.thread.is_alive():
                    raise (self.failure[0] if self.failure
                           else RuntimeError("loader stopped")) from None

    def _run(self) -> None:
        try:
            while not self.ended:
                segment: list[Outcome] = []
                self.store.load_new(self.version, self._batches(segment))
                if segment:
                    self.done.append(segment)
        except BaseException as exc:  # re-raised in the publishing thread
            self.failure.append(exc)

    def _batches(self, segment: list[Outcome]) -> Iterator[list]:
        """The queued batches of one load (collected in ``segment``), until it is full."""
        triples = 0
        while len(segment) < self.commit_every and triples < LOAD_TRIPLES:
            item = self.queue.get()
            if item is self._ABORT:
                raise InterruptedError("publishing stopped")
            if item is self._END:
                self.ended = True
                return
            segment.extend(item)
            triples += sum(o.write.count for o in item)
            yield [o.write for o in item]
            for o in item:  # loaded: keep only what the bookkeeping needs
                o.write.text = ""

    def settle(self) -> None:
        """Record the loads that committed since the last call."""
        while self.done:
            segment = self.done.popleft()
            self.writer.published(segment)
            self.inflight.difference_update(o.write.graph for o in segment)

    def finish(self) -> None:
        """Load what is queued, wait for the commit, then write the second copies."""
        if self.batch:
            self._put(self.batch)
            self.batch = []
        self._put(self._END)
        self.thread.join()
        if self.failure:
            raise self.failure[0]
        self.settle()
        for o in self.later:
            if self.writer.unchanged(o):
                self.writer.result.unchanged += 1
            else:
                self.writer.add(o)

    def abort(self) -> None:
        """Stop after an error elsewhere: the load in progress is undone."""
        if self.thread.is_alive():
            with contextlib.suppress(queue.Full):
                self.queue.put_nowait(self._ABORT)
            while self.thread.is_alive():
                with contextlib.suppress(queue.Empty):  # unblock the loader if it waits
                    self.queue.get_nowait()
                with contextlib.suppress(queue.Full):
                    self.queue.put_nowait(self._ABORT)
                self.thread.join(0.1)


def publish(settings: Settings, paths: Iterable[str | os.PathLike], *, dry_run: bool = False,
            all_or_nothing: bool = False, report_path: Path | None = None,
            progress: Progress | None = None, workers: int | None = None,
            identities: bool = True, tidy_checkpoints: bool = True) -> PublishResult:
    """Publish input files; return what happened (failed releases are listed, not raised).

    People and organisations are resolved against the instance's authority list
    (docs/identity.md); ``identities=False`` mints them from their names instead, as
    versions before the authority list did (only the benchmark's baseline uses it).
    ``tidy_checkpoints=False`` leaves removing old checkpoints to another process
    (:func:`infopublik_ld.store.tidy_checkpoints`; the CLI's background dump writer).

    Raises :class:`ConfigError` (no data directory), :class:`StoreLocked`,
    :class:`StoreError` (store unusable, disk full).
    """
    require_initialised(settings)
    paths = [Path(p) for p in paths]
    started = time.perf_counter()
    result = PublishResult(dry_run=dry_run)
    total = _count_jobs(paths)
    workers = workers or settings.workers or os.cpu_count() or 1
    pooled = workers > 1 and (total or 0) >= POOL_THRESHOLD
    jobs = (j for p in paths
            for j in iter_jobs(p, base=settings.base_iri, max_bytes=settings.max_input_bytes,
                               agency=Agency.from_settings(settings)))
    done = 0

    def tick() -> None:
        nonlocal done
        done += 1
        if progress:
            progress(done, total)

    if dry_run:
        for o in _outcomes(jobs, settings.base_iri, workers, pooled, identities):
            tick()
            if o.ok:
                result.valid += 1
            else:
                result.failed.append(_failure(o))
        return _finish(result, started, report_path)
    with open_store(settings) as store, FtsIndex(settings.data_dir) as index, \
            contextlib.closing(Keeper(settings.data_dir)) as keeper, \
            writer_index(settings.data_dir, store, identities) as authorities:
        if not tidy_checkpoints and hasattr(store, "tidy"):
            store.tidy = False
        small = total is not None and total <= LOOKUP_LIMIT
        known = _Registry(store) if small else store.releases()
        tombstoned = store.tombstoned()
        # the authority index (a file beside the store) is asked key by key: a publish costs
        # what its mentions cost, not what the store holds
        authority = authority_for(store, authorities) if authorities else None
        last = store.versions(limit=1, changes=False)  # the header: its change lists can be
        # as long as the store (the first publish of 100 000 releases)
        if index.version() != (last[0].number if last else 0):
            rebuild_index(store, index, last[0].number if last else 0)
        writer = _Writer(store, index, store.last_number() + 1, known, tombstoned, result,
                         keeper)
        # a few new releases go in one transaction (see OxigraphStore.small_write), not
        # through the streamed bulk load
        streamer = _Streamer(store, writer.version, settings.commit_every, writer) \
            if hasattr(store, "load_new") and (total is None or total > store.small_write) \
            else None

        def add(o: Outcome) -> None:
            graph = o.write.graph
            if authorities:
                authorities.record(graph, o.write.resolved, fresh=graph not in known
                                   and graph not in tombstoned)
            if streamer and graph not in known and graph not in tombstoned \
                    and graph not in writer.pending:
                streamer.add(o)
            else:
                writer.add(o)
        seen_inputs = None if small else {s.input_hash for s in known.values() if s.input_hash}

        def seen(digest: str) -> bool:
            return store.input_published(digest) if seen_inputs is None \
                else digest in seen_inputs

        def unseen(all_jobs: Iterator[Job | InputError]) -> Iterator[Job | InputError]:
            """Drop jobs whose exact input is published already (counted as unchanged)."""
            for job in all_jobs:
                raw = _raw_of(job)
                if raw is not None and seen(input_hash(raw, settings.base_iri, job.agency)):
                    tick()
                    result.valid += 1
                    result.unchanged += 1
                    result.unchanged_inputs += 1
                    continue
                yield job

        held: list[Outcome] = []
        try:
            for o in _outcomes(unseen(jobs), settings.base_iri, workers, pooled, identities):
                tick()
                if not o.ok:
                    result.failed.append(_failure(o))
                    continue
                result.valid += 1
                if authority is not None and o.write.mentions is not None:
                    # in input order, in this process: the same store and input always
                    # give the same IRIs (identity/authority.py)
                    graph = o.write.graph
                    resolve_write(o.write, authority, previous_mentions(store, graph)
                                  if graph in known or graph in tombstoned else None)
                if writer.unchanged(o):
                    result.unchanged += 1
                elif all_or_nothing:
                    held.append(o)
                else:
                    add(o)
            if all_or_nothing and result.failed:
                result.all_or_nothing_blocked = True
            else:
                for o in held:
                    add(o)
            if streamer:
                streamer.finish()
            writer.flush()
        finally:
            if streamer:
                streamer.abort()
            writer.settle()  # never close the store under a write in flight
        if result.added or result.replaced:
            result.version = store.finalize(writer.version)
            index.set_version(result.version.number)
            if authorities:
                # the new version's decisions, ready for reconciliation's first request
                finish_run(authorities, store, result.version)
    return _finish(result, started, report_path)


def _finish(result: PublishResult, started: float, report_path: Path | None) -> PublishResult:
    result.seconds = time.perf_counter() - started
    if report_path is not None:
        tmp = Path(report_path).with_suffix(".tmp")
        tmp.write_text(json.dumps(result.to_json(), ensure_ascii=False, indent=1),
                       encoding="utf-8")
        os.replace(tmp, report_path)
    return result


def retract(settings: Settings, key: str, reason: str) -> VersionInfo:
    """Retract release ``key``: drop its graph, leave a tombstone, make a new version.

    Raises :class:`NotFound` (never published), :class:`Gone` (already retracted).
    """
    require_initialised(settings)
    if not reason.strip():
        raise InputError("give a reason for the retraction (--reason)",
                         "berikan alasan penarikan (--reason)", where="reason")
    graph = str(Minter(settings.base_iri).graph(key))
    with open_store(settings) as store, FtsIndex(settings.data_dir) as index:
        if graph not in store.releases():
            stone = store.tombstone(graph)
            if stone:
                raise Gone(f"release {key!r} was already retracted on {stone['time']}: "
                           f"{stone['reason']}",
                           f"siaran {key!r} sudah ditarik pada {stone['time']}: "
                           f"{stone['reason']}", tombstone=stone)
            raise NotFound(f"no published release {key!r} (see `infopublik-ld status`)",
                           f"tidak ada siaran terbit {key!r} (lihat `infopublik-ld status`)")
        number = store.last_number() + 1
        store.retract(number, graph, key, reason.strip(), now())
        index.delete([key])
        info = store.finalize(number)
        index.set_version(info.number)
        return info


def status(settings: Settings, last: int = 5) -> dict:
    """Current version, counts and the last changes (reads a published version, no lock)."""
    require_initialised(settings)
    info = current_version(settings)
    out: dict = {"data_dir": str(settings.data_dir), "store": settings.store,
                 "version": info.to_json() if info else None, "history": []}
    if info is not None:
        with open_version(settings) as view:
            out["history"] = [v.to_json() for v in view.versions(limit=last)]
    return out


def rebuild_index(store: GraphStore, index: FtsIndex, version: int) -> int:
    """Rebuild ``index`` from the release graphs of the open ``store``; return how many."""
    keys = {g: state.key for g, state in store.releases().items()}
    rows = store.select(
        f"SELECT ?g ?f ?t WHERE {{ GRAPH ?g {{"
        f" {{ ?g <{GPR.describes}> ?s . ?s <{SCHEMA.headline}>|<{SCHEMA.name}> ?t "
        f"BIND(\"headline\" AS ?f) }} UNION {{ ?g <{GPR.describes}> ?s . "
        f"?s <{SCHEMA.articleBody}>|<{SCHEMA.description}> ?t BIND(\"body\" AS ?f) }} UNION "
        f"{{ ?x <{RDF.type}> ?c ; <{SCHEMA.name}> ?t VALUES ?c {{ <{SCHEMA.Person}> "
        f"<{SCHEMA.GovernmentOrganization}> <{SCHEMA.Organization}> }} BIND(\"names\" AS ?f) }}"
        f" UNION {{ ?q <{RDF.type}> <{SCHEMA.Quotation}> ; <{SCHEMA.text}> ?t "
        f"BIND(\"quotes\" AS ?f) }} }} }}")
    parts = {k: {"headline": [], "body": [], "names": [], "quotes": []} for k in keys.values()}
    for r in rows:
        if r["g"] not in keys:
            continue
        bucket = parts[keys[r["g"]]][r["f"]]
        if r["t"] not in bucket:
            bucket.append(r["t"])
    index.clear()
    index.upsert(Doc(k, " ".join(p["headline"]), "\n".join(p["body"]),
                     "; ".join(sorted(p["names"])), "\n".join(p["quotes"]))
                 for k, p in parts.items())
    index.set_version(version)
    return len(parts)


def reindex(settings: Settings) -> int:
    """Rebuild the full-text index and the counts from the store; return the number of
    releases indexed. Counts that differ from the published ones make a new version."""
    with open_store(settings) as store, FtsIndex(settings.data_dir) as index:
        if stats.ENABLED:
            reindex_statistics(store)
        last = store.versions(limit=1, changes=False)
        return rebuild_index(store, index, last[0].number if last else 0)


def _toml(value) -> str:
    return json.dumps(value, ensure_ascii=False) if isinstance(value, str) else \
        str(value).lower() if isinstance(value, bool) else str(value)


def init_data_dir(directory: str | os.PathLike, **values) -> Path:
    """Create a data directory with a commented ``infopublik-ld.toml``; return the file.

    Given values are written as settings, the rest as commented defaults. Raises
    :class:`ConfigError` for an invalid base IRI or an existing configuration.
    """
    if values.get("base_iri"):
        check_base_iri(values["base_iri"])
    target = Path(directory).resolve()
    path = target / CONFIG_FILE
    if path.exists():
        raise ConfigError(f"{path} already exists; edit it instead of running init again",
                          f"{path} sudah ada; sunting berkas itu, jangan init lagi")
    target.mkdir(parents=True, exist_ok=True)
    lines = ["# infopublik-ld settings (see docs/settings.md). Environment variables",
             "# INFOPUBLIK_<NAME> override this file; keep passwords in the environment.", ""]
    for s in SETTINGS:  # every setting, so the file documents all there is to set
        lines += [f"# {line}" for line in textwrap.wrap(s.help, 93)]
        if values.get(s.name) not in (None, ""):
            lines.append(f"{s.name} = {_toml(values[s.name])}")
        else:
            lines.append(f"# {s.name} = {_toml(s.default)}")
        lines.append("")
    tmp = path.with_suffix(".tmp")
    tmp.write_text("\n".join(lines), encoding="utf-8")
    os.replace(tmp, path)
    return path
