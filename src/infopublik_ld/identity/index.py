"""The authority index: what resolution and reconciliation look up, kept in a SQLite file
beside the store (``DATA/authority.sqlite3``) so that neither loads the whole authority list.

What is authoritative stays in the bookkeeping store: each release's decisions
(``sys:mentions``, :mod:`.registry`) and the officers' merges. This file is derived from
them and can always be rebuilt. It records the store version it matches (number and time);
whoever uses it first brings it up to date from the change log — only the releases added,
replaced or retracted since (their decisions, and the regulations their graphs cite) — or
rebuilds it whole when it belongs to no version of this store (a restore, a lost file).
Publishing brings it up to date right after each version, so the first reconciliation
request after a publish finds it ready.

Tables:

- ``mention``: one row per stored decision (person or organisation) of every release, retracted
  ones too (``published`` 0): resolution asks it for the entries of one key, an indexed
  lookup per distinct key (:meth:`AuthorityIndex.lookup`), never a scan.
- ``taken``: the IRIs a release minted or used besides those of its rows (an origin before a
  merge, an IRI minted for a mention that was split off): never minted again.
- ``citation``: the regulations each release graph cites (identifier, title, year).
- ``entity``, ``ename``, ``etoken`` (``etcount``: entities per token), ``ekey``: what
  reconciliation searches (people and
  organisations of published releases, regions of the shipped table, cited regulations),
  by folded name, by name token and by canonical organisation key; an entity's row is
  recomputed from its mentions whenever a release that names it changes.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import sqlite3
import threading
import uuid
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..store.base import SYS, GraphStore, VersionInfo, version_iri
from ..vocab import ELI, GPR, PROV, REGION, SCHEMA
from .keys import person_key

log = logging.getLogger(__name__)

FILE = "authority.sqlite3"
#: the layout of the file; another one is dropped and rebuilt
SCHEMA_VERSION = "2"
#: a change touching more releases than this is applied by rebuilding the whole file
REBUILD_OVER = 20_000
#: graph IRIs per SPARQL query when reading changed releases
BATCH = 500

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta(k TEXT PRIMARY KEY, v TEXT);
CREATE TABLE IF NOT EXISTS mention(graph TEXT NOT NULL, kind TEXT NOT NULL, iri TEXT NOT NULL,
    key TEXT NOT NULL, org TEXT, region TEXT, office TEXT, name TEXT, label TEXT, job TEXT,
    published INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS mention_key ON mention(kind, key);
CREATE INDEX IF NOT EXISTS mention_iri ON mention(iri);
CREATE INDEX IF NOT EXISTS mention_graph ON mention(graph);
CREATE TABLE IF NOT EXISTS taken(iri TEXT NOT NULL, graph TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS taken_iri ON taken(iri);
CREATE INDEX IF NOT EXISTS taken_graph ON taken(graph);
CREATE TABLE IF NOT EXISTS citation(graph TEXT NOT NULL, iri TEXT NOT NULL, ident TEXT,
    title TEXT, year TEXT);
CREATE INDEX IF NOT EXISTS citation_graph ON citation(graph);
CREATE INDEX IF NOT EXISTS citation_iri ON citation(iri);
CREATE INDEX IF NOT EXISTS citation_first ON citation(iri, ident, title, year);
CREATE TABLE IF NOT EXISTS entity(id INTEGER PRIMARY KEY AUTOINCREMENT,
    iri TEXT UNIQUE NOT NULL, type TEXT NOT NULL, name TEXT NOT NULL, data TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS ename(type TEXT NOT NULL, fname TEXT NOT NULL, entity INTEGER);
CREATE INDEX IF NOT EXISTS ename_i ON ename(type, fname, entity);
CREATE INDEX IF NOT EXISTS ename_e ON ename(entity);
CREATE TABLE IF NOT EXISTS etoken(type TEXT NOT NULL, tok TEXT NOT NULL, entity INTEGER);
CREATE INDEX IF NOT EXISTS etoken_i ON etoken(type, tok, entity);
CREATE INDEX IF NOT EXISTS etoken_e ON etoken(entity);
CREATE TABLE IF NOT EXISTS etcount(type TEXT NOT NULL, tok TEXT NOT NULL, n INTEGER NOT NULL,
    PRIMARY KEY (type, tok)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS ekey(key TEXT NOT NULL, entity INTEGER);
CREATE INDEX IF NOT EXISTS ekey_i ON ekey(key, entity);
CREATE INDEX IF NOT EXISTS ekey_e ON ekey(entity);
"""

#: the newest index of :data:`_SCHEMA`, created by writers in files from before it
_LATER_INDEX = next(line for line in _SCHEMA.splitlines()
                    if line.startswith("CREATE INDEX IF NOT EXISTS citation_first"))


def _chunks(items: list, n: int = BATCH) -> Iterator[list]:
    for i in range(0, len(items), n):
        yield items[i:i + n]


def _marks(n: int) -> str:
    return ",".join("?" * n)


class AuthorityIndex:
    """The authority index of one data directory (``None``: a private one in memory).

    One connection, used by one thread at a time (:func:`for_reading` gives each web
    thread its own).
    """

    def __init__(self, data_dir: Path | str | None):
        self.path = ":memory:" if data_dir is None else str(Path(data_dir) / FILE)
        self.db = sqlite3.connect(self.path, timeout=60, isolation_level=None,
                                  check_same_thread=False)
        if data_dir is not None:
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
        if self._schema() != SCHEMA_VERSION:
            self._create()
        #: what identifies this file's content (a recreated file is another)
        self.identity = self.path + " " + self.db.execute(
            "SELECT v FROM meta WHERE k = 'created'").fetchone()[0]

    def _schema(self) -> str | None:
        """The layout version of the file (no lock: a publisher may hold the write lock for
        as long as it runs, and readers must not wait for it)."""
        if not self.db.execute("SELECT 1 FROM sqlite_master WHERE name = 'meta'").fetchone():
            return None
        row = self.db.execute("SELECT v FROM meta WHERE k = 'schema'").fetchone()
        return row[0] if row else None

    def _create(self) -> None:
        self.db.execute("BEGIN IMMEDIATE")
        try:
            has_meta = self.db.execute("SELECT 1 FROM sqlite_master WHERE name = 'meta'"
                                       ).fetchone()
            row = self.db.execute("SELECT v FROM meta WHERE k = 'schema'").fetchone() \
                if has_meta else None
            if row is None or row[0] != SCHEMA_VERSION:  # new, or an older layout: anew
                for (table,) in self.db.execute(
                        "SELECT name FROM sqlite_master WHERE type = 'table' "
                        "AND name NOT LIKE 'sqlite_%'").fetchall():
                    self.db.execute(f"DROP TABLE {table}")
                for statement in _SCHEMA.split(";"):
                    if statement.strip():
                        self.db.execute(statement)
                row = None
            if row is None:
                self.db.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)",
                                    [("schema", SCHEMA_VERSION),
                                     ("created", uuid.uuid4().hex)])
                self._add_regions()
            self.db.execute("COMMIT")
        except BaseException:
            self.db.execute("ROLLBACK")
            self.db.close()
            raise

    def close(self) -> None:
        """Close the connection."""
        self.db.close()

    def __enter__(self) -> AuthorityIndex:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # --- the version it matches ----------------------------------------------------
    def stamp(self) -> tuple[int, str] | None:
        """(number, time) of the store version this index matches, or ``None``."""
        row = self.db.execute("SELECT v FROM meta WHERE k = 'stamp'").fetchone()
        if not row:
            return None
        number, _, when = row[0].partition(" ")
        return int(number), when

    def sync(self, store: GraphStore, *, ahead_ok: bool = False) -> str:
        """Bring the index to the newest finished version of ``store`` (a writer's store or
        a published version); return what was done: ``"current"``, ``"delta"`` or
        ``"rebuilt"``. With ``ahead_ok`` an index already past ``store`` (a reader of an
        older version while a publisher went on) is left as it is."""
        heads = store.versions(limit=1, changes=False)
        head = (heads[0].number, heads[0].time) if heads else (0, "")
        stamp = self.stamp()
        if stamp == head:
            return "current"
        if stamp is not None and stamp[0] > head[0] and ahead_ok:
            return "current"
        self.db.execute("BEGIN IMMEDIATE")  # one syncing process at a time
        try:
            stamp = self.stamp()  # another process may have done it meanwhile
            if stamp == head or (stamp is not None and stamp[0] > head[0] and ahead_ok):
                self.db.execute("COMMIT")
                return "current"
            changed = None
            if stamp is not None and 0 < stamp[0] < head[0] and \
                    _version_time(store, stamp[0]) == stamp[1]:
                changed = _changed_since(store, stamp[0], head[0])
                if changed is not None and len(changed) > REBUILD_OVER:
                    changed = None
            if changed is None:
                self._rebuild(store)
                done = "rebuilt"
            else:
                self._apply(store, sorted(changed))
                done = "delta"
            self.db.execute("INSERT OR REPLACE INTO meta VALUES ('stamp', ?)",
                            (f"{head[0]} {head[1]}",))
            self.db.execute("COMMIT")
            return done
        except BaseException:
            self.db.execute("ROLLBACK")
            raise

    # --- a writer's run -------------------------------------------------------------
    def begin(self) -> None:
        """Start recording a writer's releases (:meth:`record`), in one transaction that
        :meth:`finish` commits once the store's version is finished (a crash or a failed
        publish leaves the index as it was: matching the previous version)."""
        self.db.execute("BEGIN IMMEDIATE")
        self._graphs: set[str] = set()
        self._touched: set[str] = set()

    def record(self, graph: str, stored: str, *, fresh: bool = False) -> None:
        """The decisions ``stored`` (``sys:mentions``, "" for none) of release ``graph``,
        about to be written; ``fresh``: the graph was never published nor retracted."""
        if not fresh or graph in self._graphs:
            self._touched |= self._forget([graph])
        self._graphs.add(graph)
        if stored:
            self._touched |= self._add_decisions(graph, json.loads(stored), True)

    def finish(self, store: GraphStore, version: VersionInfo) -> None:
        """Commit what was recorded as matching ``version`` of ``store``: the regulations
        the recorded releases cite (read from the store), the entities they touch."""
        self._touched |= self._add_citations(_citations(store, sorted(self._graphs)))
        self._recompute(self._touched)
        self.db.execute("INSERT OR REPLACE INTO meta VALUES ('stamp', ?)",
                        (f"{version.number} {version.time}",))
        self.db.execute("COMMIT")

    def abort(self) -> None:
        """Forget what was recorded (nothing was published)."""
        if self.db.in_transaction:
            self.db.execute("ROLLBACK")

    def _forget(self, graphs: list[str]) -> set[str]:
        """Drop the rows of ``graphs``; return the entities they named."""
        marks = _marks(len(graphs))
        touched = {r[0] for r in self.db.execute(
            f"SELECT iri FROM mention WHERE graph IN ({marks}) UNION "  # noqa: S608
            f"SELECT iri FROM citation WHERE graph IN ({marks})", graphs + graphs)}
        for table in ("mention", "taken", "citation"):
            self.db.execute(f"DELETE FROM {table} WHERE graph IN ({marks})", graphs)  # noqa: S608
        return touched

    def _rebuild(self, store: GraphStore) -> None:
        for table in ("mention", "taken", "citation"):
            self.db.execute(f"DELETE FROM {table}")  # noqa: S608 - fixed table names
        gone = [r[0] for r in self.db.execute("SELECT id FROM entity WHERE type != 'region'")]
        self._drop_entities(gone)
        from .registry import stored_mentions

        touched: set[str] = set()
        for graph, text, published in stored_mentions(store):
            touched |= self._add_decisions(graph, json.loads(text), published)
        touched |= self._add_citations(_citations(store, None))
        self._recompute(touched)

    def _apply(self, store: GraphStore, graphs: list[str]) -> None:
        touched: set[str] = set()
        for part in _chunks(graphs):
            touched |= self._forget(part)
        for graph, text, published in _decisions_of(store, graphs):
            touched |= self._add_decisions(graph, json.loads(text), published)
        touched |= self._add_citations(_citations(store, graphs))
        self._recompute(touched)

    # --- writing rows --------------------------------------------------------------
    def _add_decisions(self, graph: str, doc: dict, published: bool) -> set[str]:
        rows, taken = [], set(doc.get("m", ()))
        pub = 1 if published else 0
        for _local, iri, origin, key, name, region in doc.get("o", ()):
            rows.append((graph, "organization", iri, key, "", region, "", name, "", "", pub))
            taken.update((iri, origin))
        for row in doc.get("p", ()):
            _local, iri, origin, key, org, region, office, label, job = row[:9]
            name = row[10] if len(row) > 10 else label
            rows.append((graph, "person", iri, key, org, region, office, name, label, job, pub))
            taken.update((iri, origin))
        self.db.executemany("INSERT INTO mention VALUES (?,?,?,?,?,?,?,?,?,?,?)", rows)
        iris = {r[2] for r in rows}
        # the IRIs of the rows are taken through ``mention``: only the others need a row
        self.db.executemany("INSERT INTO taken VALUES (?, ?)",
                            [(t, graph) for t in taken - iris])
        return iris

    def _add_citations(self, rows: Iterable[tuple[str, str, str, str, str]]) -> set[str]:
        rows = list(rows)
        self.db.executemany("INSERT INTO citation VALUES (?,?,?,?,?)", rows)
        return {r[1] for r in rows}

    def _drop_entities(self, ids: list[int]) -> None:
        for part in _chunks(ids):
            marks = _marks(len(part))
            self.db.executemany(
                "UPDATE etcount SET n = n - 1 WHERE type = ? AND tok = ?",
                self.db.execute(f"SELECT type, tok FROM etoken WHERE entity IN ({marks})",  # noqa: S608
                                part).fetchall())
            for table in ("ename", "etoken", "ekey"):
                self.db.execute(f"DELETE FROM {table} WHERE entity IN ({marks})", part)  # noqa: S608
            self.db.execute(f"DELETE FROM entity WHERE id IN ({marks})", part)  # noqa: S608

    def _put_entities(self, entities: list[tuple]) -> None:
        """Insert ``entities`` — (IRI, type, names, description, offices, orgs, regions,
        year, keys) — with their names, tokens and keys, a few statements for all."""
        if not entities:
            return
        row = self.db.execute("SELECT seq FROM sqlite_sequence WHERE name = 'entity'"
                              ).fetchone()
        eid = row[0] if row else 0
        rows, enames, etokens, ekeys = [], [], [], []
        counts: Counter[tuple[str, str]] = Counter()
        for iri, type_, names, description, offices, orgs, regions, year, keys in entities:
            eid += 1  # AUTOINCREMENT: never an id used before, so readers may cache by id
            folded = list(dict.fromkeys(f for f in (person_key(n) for n in names) if f))
            # what reconciliation reads of a candidate, in one JSON value (one parse)
            data = [names, folded, description, sorted(offices), sorted(orgs),
                    sorted(regions), year]
            rows.append((eid, iri, type_, names[0],
                         json.dumps(data, ensure_ascii=False, separators=(",", ":"))))
            enames += [(type_, f, eid) for f in folded]
            tokens = sorted({t for f in folded for t in f.split()})
            etokens += [(type_, t, eid) for t in tokens]
            counts.update((type_, t) for t in tokens)
            ekeys += [(k, eid) for k in sorted(keys)]
        self.db.executemany("INSERT INTO entity(id, iri, type, name, data) VALUES (?,?,?,?,?)",
                            rows)
        self.db.executemany("INSERT INTO ename VALUES (?,?,?)", enames)
        self.db.executemany("INSERT INTO etoken VALUES (?,?,?)", etokens)
        self.db.executemany("INSERT INTO etcount VALUES (?, ?, ?) ON CONFLICT(type, tok) "
                            "DO UPDATE SET n = n + excluded.n",
                            [(t, tok, n) for (t, tok), n in sorted(counts.items())])
        self.db.executemany("INSERT INTO ekey VALUES (?,?)", ekeys)

    def _recompute(self, iris: set[str]) -> None:
        """Rewrite the reconciliation entities of ``iris`` from their rows (an entity no
        published release names any more is dropped)."""
        todo = sorted(iris)
        for part in _chunks(todo):
            marks = _marks(len(part))
            self._drop_entities([r[0] for r in self.db.execute(
                f"SELECT id FROM entity WHERE iri IN ({marks})", part)])  # noqa: S608
            people: dict[str, dict] = {}
            # grouped: an organisation named by 300 releases is a few rows
            for iri, kind, key, org, region, office, name, label, job, n in self.db.execute(
                    f"SELECT iri, kind, key, org, region, office, name, label, job, COUNT(*) "  # noqa: S608
                    f"FROM mention WHERE iri IN ({marks}) AND published = 1 GROUP BY iri, "
                    f"kind, key, org, region, office, name, label, job", part):
                e = people.setdefault(iri, {"kind": kind, "names": Counter(), "keys": set(),
                                            "orgs": set(), "regions": set(),
                                            "offices": set()})
                e["names"][name] += n
                if label and label != name:
                    e["names"][label] += 0  # a spelling seen, never the display name
                if kind == "organization":
                    e["keys"].add(key)
                if org:
                    e["orgs"].add(org)
                if region:
                    e["regions"].add(region)
                if office:
                    e["offices"].add(office)
                if job:
                    e["offices"].add(person_key(job))
            new = []
            for iri, e in sorted(people.items()):
                seen = e["names"]
                names = sorted(seen, key=lambda n: (-seen[n], n))
                description = ""
                if e["kind"] == "organization":
                    description = ", ".join(_region_name(r) for r in sorted(e["regions"]))
                new.append((iri, e["kind"], names, description, e["offices"], e["orgs"],
                            e["regions"], "", e["keys"]))
            regs: dict[str, tuple] = {}
            # a regulation's first citation, one seek each (citation_first): reading all of
            # them cost what the regulation's popularity costs (thousands of rows at 100 000
            # releases) in every publish citing it
            for (iri,) in sorted(self.db.execute(
                    f"SELECT DISTINCT iri FROM citation WHERE iri IN ({marks})", part)):  # noqa: S608
                regs[iri] = self.db.execute(
                    "SELECT ident, title, year FROM citation WHERE iri = ? "
                    "ORDER BY ident, title, year LIMIT 1", (iri,)).fetchone()
            for iri, (ident, title, year) in regs.items():
                names = [ident] + ([f"{ident} tentang {title}", title] if title else [])
                new.append((iri, "regulation", names, title or "", (), (), (),
                            (year or "")[:4], ()))
            self._put_entities(new)

    def _add_regions(self) -> None:
        from ..records.regions import _table as region_table

        table = region_table()[0]
        new = []
        for code, r in table.items():
            if r.level == "desa":
                continue  # 83 000 villages, most names shared: not worth a candidate each
            parent = table.get(r.parent) if r.parent else None
            new.append((str(REGION[code]), "region", [r.name],
                        f"{r.level} {code}" + (f", {parent.name}" if parent else ""),
                        (), (), [code], "", ()))
        self._put_entities(new)

    # --- what resolution asks ------------------------------------------------------
    def lookup(self, kind: str, key: str) -> list[tuple[str, bool, str, str, str]]:
        """Every stored row of every entry with a mention of ``kind`` under ``key``:
        (IRI, whether this row has ``key``, organisation, region, office)."""
        return [(iri, bool(same), org or "", region or "", office or "")
                for iri, same, org, region, office in self.db.execute(
                    # DISTINCT: an official quoted in 300 releases is one or two rows
                    "SELECT DISTINCT iri, key = ?, org, region, office FROM mention WHERE iri "
                    "IN (SELECT iri FROM mention WHERE kind = ? AND key = ?)", (key, kind, key))]

    def taken(self, iri: str) -> bool:
        """Whether ``iri`` was ever minted or used by a release."""
        return self.db.execute(
            "SELECT EXISTS (SELECT 1 FROM mention WHERE iri = ?) OR "
            "EXISTS (SELECT 1 FROM taken WHERE iri = ?)", (iri, iri)).fetchone()[0] == 1


def _region_name(code: str) -> str:
    # region_info reads the small table (provinces, kabupaten, kota: what organisations are
    # placed in) unless the code is finer: building the whole table (91 600 rows) cost ~0.4 s
    # of CPU in every one-release publish, measured at 100 000 releases
    from ..records.regions import region_info

    info = region_info(code)
    return info.name if info else code


def _version_time(store: GraphStore, number: int) -> str | None:
    rows = store.select_meta(
        f"SELECT ?t WHERE {{ GRAPH <{store.g['versions']}> {{ ?v <{GPR.versionNumber}> "
        f"{number} ; <{PROV.generatedAtTime}> ?t }} }}")
    return rows[0]["t"] if rows else None


def _changed_since(store: GraphStore, low: int, high: int) -> set[str] | None:
    """Release graphs added, replaced or retracted by versions ``low`` < n <= ``high``
    (``None``: too many versions to ask for, rebuild instead)."""
    if high - low > 1000:
        return None
    out: set[str] = set()
    for part in _chunks(list(range(low + 1, high + 1)), 100):
        values = " ".join(f"<{version_iri(store.base, n)}>" for n in part)
        rows = store.select_meta(
            f"SELECT DISTINCT ?g WHERE {{ VALUES ?v {{ {values} }} GRAPH "
            f"<{store.g['versions']}> {{ ?v ?what ?g FILTER(?what IN (<{SYS}added>, "
            f"<{SYS}replaced>, <{SYS}retracted>)) }} }}")
        out.update(r["g"] for r in rows)
    return out


def _decisions_of(store: GraphStore, graphs: list[str]) -> list[tuple[str, str, bool]]:
    """(graph, stored decisions, published?) of ``graphs`` (registry entry, else tombstone):
    a few one by one (indexed lookups), many from one query over all."""
    if len(graphs) > 50:
        from .registry import stored_mentions

        wanted = set(graphs)
        return [row for row in stored_mentions(store) if row[0] in wanted]
    g = store.g
    out = []
    for graph in graphs:
        rows = store.select_meta(
            f"SELECT ?m ?t WHERE {{ {{ GRAPH <{g['registry']}> {{ <{graph}> <{SYS}mentions> ?m "
            f"}} }} UNION {{ GRAPH <{g['tombstones']}> {{ ?t <{GPR.retracted}> <{graph}> ; "
            f"<{SYS}mentions> ?m }} }} }}")
        out += [(graph, r["m"], "t" not in r) for r in rows]
    return out


def _citations(store: GraphStore, graphs: list[str] | None) -> list[tuple]:
    """(graph, regulation, identifier, title, year) cited by ``graphs`` (``None``: all):
    a few graphs one by one (an indexed lookup each: joined with ``VALUES``, the engine
    walked every graph), many at once."""
    if graphs is None or len(graphs) > 50:
        rows = store.select(
            f"SELECT ?g ?r ?i ?t ?y WHERE {{ GRAPH ?g {{ {_CITED} }} }}")
        wanted = set(graphs) if graphs is not None else None
        return [(r["g"], r["r"], r["i"], r.get("t", ""), r.get("y", "")) for r in rows
                if wanted is None or r["g"] in wanted]
    out = []
    for g in graphs:
        out += [(g, r["r"], r["i"], r.get("t", ""), r.get("y", "")) for r in store.select(
            f"SELECT ?r ?i ?t ?y WHERE {{ GRAPH <{g}> {{ {_CITED} }} }}")]
    return out


_CITED = (f"?r a <{SCHEMA.Legislation}> ; <{SCHEMA.legislationIdentifier}> ?i "
          f"OPTIONAL {{ ?r <{ELI.title}> ?t }} OPTIONAL {{ ?r <{SCHEMA.legislationDate}> ?y }}")


# --- opening ---------------------------------------------------------------------------
def for_writer(data_dir: Path, store: GraphStore) -> AuthorityIndex:
    """The index of ``data_dir``, up to date with the writer's open ``store``."""
    index = AuthorityIndex(data_dir)
    try:
        # an index added after the file's layout version (files made before it get it here,
        # without a rebuild; a few hundred milliseconds once at 100 000 releases)
        index.db.execute(_LATER_INDEX)
        index.sync(store)
    except BaseException:
        index.close()
        raise
    return index


@contextlib.contextmanager
def writer_index(data_dir: Path, store: GraphStore, enabled: bool = True
                 ) -> Iterator[AuthorityIndex | None]:
    """:func:`for_writer` as a context (``None`` when not ``enabled``) recording the run
    (:meth:`AuthorityIndex.begin`); what :func:`finish_run` did not commit is rolled back
    at the end."""
    if not enabled:
        yield None
        return
    index = for_writer(data_dir, store)
    try:
        index.begin()
        yield index
    finally:
        index.abort()
        index.close()


def finish_run(index: AuthorityIndex, store: GraphStore, version: VersionInfo) -> None:
    """Commit the run's decisions as matching the ``version`` the writer just finished. A
    failure here never fails the publish that committed: the index keeps matching the
    previous version, and its next user catches up from the change log."""
    try:
        index.finish(store, version)
    except (sqlite3.Error, OSError) as exc:
        index.abort()
        log.warning("authority index not brought up to date (%s); the next use will", exc)


_local = threading.local()
_private: dict[tuple[str, int], AuthorityIndex] = {}
_private_lock = threading.Lock()


def for_reading(data_dir: Path, view: GraphStore, number: int) -> AuthorityIndex:
    """The index for a reader of published version ``number`` (``view``): the file of
    ``data_dir`` (one connection per thread), brought up to that version if a writer left
    it behind; when the file cannot be written (a read-only data directory), a private copy
    in memory built once per version."""
    conns = getattr(_local, "conns", None)
    if conns is None:
        conns = _local.conns = {}
    key = str(data_dir)
    index = conns.get(key)
    path = Path(data_dir) / FILE
    if os.access(path if path.exists() else data_dir, os.W_OK):
        if index is None:
            index = conns[key] = AuthorityIndex(data_dir)
        stamp = index.stamp()
        if stamp is None or stamp[0] < number:
            index.sync(view, ahead_ok=True)
        return index
    else:
        with _private_lock:
            private = _private.get((key, number))
            if private is None:
                for old in [k for k in _private if k[0] == key]:
                    _private.pop(old).close()
                private = _private[(key, number)] = AuthorityIndex(None)
                private.sync(view)
            return private
