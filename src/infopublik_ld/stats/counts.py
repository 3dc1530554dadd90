"""The counts: kept by the writer, written per version as an RDF Data Cube graph.

The writer's store holds a :class:`Keeper` (see :func:`infopublik_ld.store.open_store`). Each
committed write adjusts its totals by the facets of the releases it added, replaced (old
facets out, new in) and retracted; :meth:`GraphStore.finalize` then makes the statistics graph
equal to the totals before it writes the version header, so every checkpoint holds the counts
of exactly its releases.

The cost of a publish is the size of its change, not of the store: beside the public graph,
the bookkeeping store keeps the same totals as a compact *snapshot* (JSON literals in the
registry graph, each dimension split into :data:`SNAPSHOT_PARTS` parts by a hash of the value,
see :func:`read_snapshot`), written in the same finalize. A writer reads the head and then
only the parts holding the values its releases touch (:meth:`Keeper.load`), and rewrites only
the observations and snapshot parts they changed: one part of the regulations is ~40 KB where
the whole dimension is 2.6 MB at 100 000 releases (read, parsed, rewritten and stored again by
every publish citing a regulation, before the parts). The web layer reads the whole snapshot,
so the first request of a version costs no more than the next one.

A crash loses the totals in memory but not the facets: they are in the registry, written with
their releases by the same all-or-nothing protocol (a load undone through its journal takes
its facets with it). Finishing an interrupted version therefore rebuilds the totals from the
registry (:func:`rebuild`) and compares them with the graph as it is; ``reindex`` recomputes
every release's facets from its data.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ..vocab import DCAT, DCTERMS, GPR, PROV, RDF, RDFS, XSD
from . import DIMENSIONS
from .facets import facets_of, parse

QB = "http://purl.org/linked-data/cube#"
SDMX_DIMENSION = "http://purl.org/linked-data/sdmx/2009/dimension#"
REGION_BASE = "https://w3id.org/infopublik/id/region/"
#: the dimension property of each dimension's observations
DIMENSION_PROPERTY = {
    "month": SDMX_DIMENSION + "refPeriod",
    "agency": str(GPR.publishingAgency),
    "region": SDMX_DIMENSION + "refArea",
    "event-kind": str(GPR.eventKind),
    "regulation": str(GPR.citedRegulation),
    "person": str(GPR.quotedPerson),
    "organisation": str(GPR.mentionedOrganization),
}
MEASURE = str(GPR.numberOfReleases)
#: name of the statistics dump file (``statistics.ttl.gz``)
STATISTICS_FILE = "statistics"
#: graphs whose facets are read from the data at once (reindex, stores older than counts)
EXTRACT_BATCH = 1000
#: triples per DELETE DATA when counts change (embedded store)
DELETE_BATCH = 500
#: parts of each dimension's snapshot (a value's part: :func:`snapshot_part`); changing it
#: makes the next writer rewrite the whole snapshot once
SNAPSHOT_PARTS = 64

Key = tuple[str, str]


def statistics_graph(base: str) -> str:
    """IRI of the named graph holding the statistics cube."""
    return f"{base}graph/statistics"


def statistics_dataset(base: str) -> str:
    """IRI of the statistics ``dcat:Dataset`` (its parts: one ``qb:DataSet`` per dimension)."""
    return f"{base}id/dataset/statistics"


def snapshot_part(value: str) -> int:
    """The snapshot part (0 ≤ n < :data:`SNAPSHOT_PARTS`) that holds ``value``'s count."""
    return int(hashlib.sha1(value.encode("utf-8")).hexdigest()[:8], 16) % SNAPSHOT_PARTS


def observation_iri(base: str, dim: str, value: str) -> str:
    """Stable IRI of the observation of ``value`` in ``dim``."""
    if dim in ("month", "region"):
        slug = value
    else:
        slug = hashlib.sha1(value.encode("utf-8")).hexdigest()[:16]
    return f"{base}id/statistics/{dim}/{slug}"


class Totals:
    """Releases per (dimension, value), with a label per value.

    ``written`` is what the statistics graph holds for these totals' starting point (``None``:
    unknown, the graph is read and compared in full when written); ``dirty`` the keys changed
    since then; ``snapshotted`` whether the bookkeeping store has a snapshot of that starting
    point in parts (else every part of every dimension is written).

    A writer's totals may be *partial* (``reader`` set, see :meth:`Keeper.load`): they hold
    the snapshot parts read so far, and read a value's part the first time the value is
    counted or asked for; :meth:`cells` and :meth:`items` read every part first.
    """

    def __init__(self) -> None:
        self.n: Counter[Key] = Counter()
        self.labels: dict[Key, str] = {}
        self.releases = 0
        self.written: dict[Key, tuple[int, str]] | None = None
        self.dirty: set[Key] = set()
        self.snapshotted = False
        #: (dimension, part) -> its [value, count, label] rows; ``None``: totals are whole
        self.reader: Callable[[str, int], list] | None = None
        self.read_parts: set[tuple[str, int]] = set()

    def _need(self, dim: str, value: str) -> None:
        """Partial totals: read the snapshot part holding ``value`` of ``dim`` (once)."""
        if self.reader is not None:
            part = snapshot_part(value)
            if (dim, part) not in self.read_parts:
                self._need_part(dim, part)

    def whole(self) -> Totals:
        """Read every part not read yet (partial totals); return these totals."""
        if self.reader is not None:
            for dim in DIMENSIONS:
                for part in range(SNAPSHOT_PARTS):
                    if (dim, part) not in self.read_parts:
                        self._need_part(dim, part)
        return self

    def _need_part(self, dim: str, part: int) -> None:
        self.read_parts.add((dim, part))
        assert self.reader is not None
        for v, n, label in self.reader(dim, part):
            key = (dim, v)
            self.n[key] = int(n)
            if label:
                self.labels[key] = label
            if self.written is not None:
                self.written[key] = (int(n), "" if dim == "region" else label)

    def add(self, facets: str, sign: int = 1) -> None:
        """Count the release with ``facets`` in (``sign`` 1) or out (-1); a value its facets
        name twice counts once."""
        self.releases += sign
        seen: set[Key] = set()
        for d, v, label in parse(facets):
            key = (d, v)
            if key in seen:
                continue
            seen.add(key)
            self._need(d, v)
            self.dirty.add(key)
            self.n[key] += sign
            if sign > 0 and label:
                self.labels[key] = label
            if self.n[key] <= 0:
                del self.n[key]
                self.labels.pop(key, None)

    def cell(self, key: Key) -> tuple[int, str] | None:
        """(count, label) of ``key`` as the statistics graph writes it (``None``: no count)."""
        self._need(*key)
        n = self.n.get(key)
        if not n:
            return None
        return n, "" if key[0] == "region" else self.labels.get(key, "")

    def cells(self) -> dict[Key, tuple[int, str]]:
        """Every (count, label) as the statistics graph writes them (regions are labelled from
        the reference table, not here)."""
        self.whole()
        return {k: (n, "" if k[0] == "region" else self.labels.get(k, ""))
                for k, n in self.n.items()}

    def items(self, dim: str) -> list[tuple[str, int, str]]:
        """(value, count, label) of ``dim``, most counted first."""
        self.whole()
        rows = [(v, n, self.labels.get((d, v), "")) for (d, v), n in self.n.items() if d == dim]
        rows.sort(key=lambda r: (-r[1], r[0]))
        return rows


class Keeper:
    """The writer's running totals (thread-safe: the streamed loader commits in a thread).

    Loaded on first use (:meth:`load`), so a writer that never writes reads nothing.
    """

    def __init__(self, store=None, totals: Totals | None = None):
        self._store, self._totals = store, totals
        self._lock = threading.RLock()

    @property
    def totals(self) -> Totals:
        """The totals of the releases committed so far."""
        with self._lock:
            if self._totals is None:
                self._totals = self.load(self._store)
            return self._totals

    @staticmethod
    def load(store) -> Totals:
        """The totals of the newest finished version: from the snapshot when it was written
        for that version (the usual case: its head only, the parts as values are counted; a
        few milliseconds), else from its statistics graph when that was, else rebuilt from the
        registry."""
        last = store.versions(limit=1, changes=False)
        stamp = read_stamp(store)
        if last and stamp == last[0].number:
            snap = read_snapshot(store, partial=True)
            if snap is not None and snap.version == stamp:
                return snap.totals
            totals = read_totals(store)
            totals.written = totals.cells()
            return totals
        if not last and stamp is None:
            totals = Totals()
            totals.written = {}
            return totals  # (not snapshotted: the first version writes every dimension)
        return rebuild(store)

    def complete(self, writes: Iterable) -> None:
        """Compute the facets of writes that came without (harvested releases) from their
        N-Triples."""
        for w in writes:
            if w.facets is None:
                from rdflib import Graph

                g = Graph()
                g.parse(data=w.text, format="nt")
                w.facets = facets_of(w.graph, g)

    def old_facets(self, store, graphs: Iterable[str]) -> dict[str, str]:
        """The registered facets of ``graphs`` (before they are replaced or retracted)."""
        _ = self.totals  # loaded first: a store older than counts gets its facets registered
        return registered_facets(store, list(graphs))

    def committed(self, added: Iterable[str | None], removed: Iterable[str]) -> None:
        """Adjust the totals after a write committed."""
        with self._lock:
            totals = self.totals
            for f in removed:
                totals.add(f, -1)
            for f in added:
                totals.add(f or "")


# --- reading and rebuilding ---------------------------------------------------------------
def _values(graphs: list[str]) -> str:
    return " ".join(f"<{g}>" for g in graphs)


def registered_facets(store, graphs: list[str]) -> dict[str, str]:
    """``sys:facets`` of ``graphs`` from the registry ({} for an empty list)."""
    from ..store.base import SYS

    out: dict[str, str] = {}
    for i in range(0, len(graphs), EXTRACT_BATCH):
        part = graphs[i:i + EXTRACT_BATCH]
        rows = store.select_meta(
            f"SELECT ?g ?f WHERE {{ VALUES ?g {{ {_values(part)} }} GRAPH "
            f"<{store.g['registry']}> {{ ?g <{SYS}facets> ?f }} }}")
        out.update({r["g"]: r.get("f", "") for r in rows})
    return out


def facets_from_data(store, graphs: list[str]) -> dict[str, str]:
    """The facets of ``graphs`` computed from the release data in ``store``."""
    return {g: facets_of(g, store.graph_triples(g)) for g in graphs}


def rebuild(store, *, from_data: bool = False) -> Totals:
    """Totals of every published release from the registry; releases without registered
    facets (and all of them ``from_data``) get theirs from their data, stored back in the
    registry."""
    from ..store.base import SYS, block, iri, lit

    graphs = list(store.releases())
    have = {} if from_data else registered_facets(store, graphs)
    missing = [g for g in graphs if g not in have]
    for i in range(0, len(missing), EXTRACT_BATCH):
        found = facets_from_data(store, missing[i:i + EXTRACT_BATCH])
        reg = store.g["registry"]
        store._commit([], [], [f"DELETE WHERE {{ GRAPH <{reg}> {{ <{g}> <{SYS}facets> ?f }} }}"
                               for g in found],
                      [(reg, block(f"{iri(g)} <{SYS}facets> {lit(f)}" for g, f in found.items()))])
        have.update(found)
    totals = Totals()
    for g in graphs:
        totals.add(have.get(g, ""))
    return totals


def reindex_statistics(store):
    """Recompute every release's facets from its data and the totals from them; when the
    published statistics differ, publish them as a new version (returned, else ``None``)."""
    totals = rebuild(store, from_data=True)
    store.statistics = Keeper(totals=totals)
    last = store.versions(limit=1, changes=False)
    if not last:
        return None
    if read_stamp(store) == last[0].number and read_cells(store) == totals.cells():
        snap = read_snapshot(store)
        if snap is not None and snap.version == last[0].number \
                and snap.totals.cells() == totals.cells():
            return None
    return store.finalize(store.last_number() + 1)


def read_stamp(store) -> int | None:
    """The version the statistics graph was written for (``None``: never written)."""
    rows = store.select(
        f"SELECT ?v WHERE {{ GRAPH <{statistics_graph(store.base)}> {{ "
        f"<{statistics_dataset(store.base)}> <{PROV.wasDerivedFrom}> ?v }} }}")
    prefix = f"{store.base}id/version/"
    for r in rows:
        if r["v"].startswith(prefix) and r["v"][len(prefix):].isdigit():
            return int(r["v"][len(prefix):])
    return None


def read_cells(store) -> dict[Key, tuple[int, str]]:
    """{(dimension, value): (count, label)} as the statistics graph of ``store`` holds them
    (one scan of the graph: faster than a join here)."""
    by_prop = {p: d for d, p in DIMENSION_PROPERTY.items()}
    obs: dict[str, dict[str, str]] = {}
    for r in store.select(f"SELECT ?s ?p ?o WHERE {{ GRAPH <{statistics_graph(store.base)}> "
                          f"{{ ?s ?p ?o }} }}"):
        if r["p"] in by_prop or r["p"] in (MEASURE, str(RDFS.label)):
            obs.setdefault(r["s"], {})[r["p"]] = r["o"]
    out: dict[Key, tuple[int, str]] = {}
    for props in obs.values():
        dims = [p for p in props if p in by_prop]
        if not dims or MEASURE not in props:
            continue  # the dataset's own total, or a part's label
        dim = by_prop[dims[0]]
        value = props[dims[0]]
        if dim == "region":
            value = value[len(REGION_BASE):]
        out[dim, value] = (int(props[MEASURE]), "" if dim == "region"
                           else props.get(str(RDFS.label), ""))
    return out


def read_totals(store) -> Totals:
    """The totals as the statistics graph of ``store`` holds them."""
    totals = Totals()
    for key, (n, label) in read_cells(store).items():
        totals.n[key] = n
        if label:
            totals.labels[key] = label
    rows = store.select(f"SELECT ?n WHERE {{ GRAPH <{statistics_graph(store.base)}> {{ "
                        f"<{statistics_dataset(store.base)}> <{MEASURE}> ?n }} }}")
    totals.releases = int(rows[0]["n"]) if rows else 0
    return totals


@dataclass
class Snapshot:
    """The totals as the bookkeeping store keeps them for one version."""

    version: int
    totals: Totals


def _snapshot_subject(base: str, dim: str | None = None) -> str:
    return statistics_dataset(base) + (f"/{dim}" if dim else "")


def _part_subject(base: str, dim: str, part: int) -> str:
    return f"{statistics_dataset(base)}/{dim}/part/{part:02d}"


def read_snapshot(store, *, partial: bool = False) -> Snapshot | None:
    """The snapshot of the totals in the bookkeeping store of ``store`` (``None``: none, or
    an incomplete one). One query; ``totals.written`` is set (the snapshot is written with the
    graph, so it says what the graph holds). ``partial``: the head only (one small query),
    the parts read as the totals need them (a writer's, see :class:`Totals`).

    A snapshot from before the parts (one literal per dimension) is read whole, with
    ``snapshotted`` false: the next writer rewrites it in parts."""
    from ..store.base import SYS

    reg, head_subject = store.g["registry"], _snapshot_subject(store.base)
    if partial:
        rows = store.select_meta(f"SELECT ?t WHERE {{ GRAPH <{reg}> {{ <{head_subject}> "
                                 f"<{SYS}totals> ?t }} }}")
        try:
            meta = json.loads(rows[0]["t"]) if rows else None
        except ValueError:
            return None
        if not isinstance(meta, dict) or meta.get("parts") != SNAPSHOT_PARTS:
            return read_snapshot(store)  # none, or before the parts: read whole
        totals = Totals()
        try:
            totals.releases = int(meta["releases"])
            version = int(meta["version"])
        except (KeyError, ValueError, TypeError):
            return None

        def reader(dim: str, part: int) -> list:
            found = store.select_meta(
                f"SELECT ?t WHERE {{ GRAPH <{reg}> {{ <{_part_subject(store.base, dim, part)}>"
                f" <{SYS}totals> ?t }} }}")
            return json.loads(found[0]["t"]) if found else []

        totals.reader, totals.written, totals.snapshotted = reader, {}, True
        return Snapshot(version, totals)
    rows = store.select_meta(
        f"SELECT ?s ?t WHERE {{ GRAPH <{reg}> {{ ?s <{SYS}totals> ?t }} }}")
    by = {r["s"]: r["t"] for r in rows}
    head = by.get(head_subject)
    if head is None:
        return None
    try:
        meta = json.loads(head)
        totals = Totals()
        totals.releases = int(meta["releases"])
        if meta.get("parts") == SNAPSHOT_PARTS:
            prefix = statistics_dataset(store.base) + "/"
            for subject, text in by.items():
                dim, sep, _ = subject[len(prefix):].partition("/part/")
                if not subject.startswith(prefix) or not sep or dim not in DIMENSIONS:
                    continue
                for value, n, label in json.loads(text):
                    totals.n[dim, value] = int(n)
                    if label:
                        totals.labels[dim, value] = label
            totals.snapshotted = True
        else:  # one literal per dimension (before the parts)
            for dim in DIMENSIONS:
                for value, n, label in json.loads(by[_snapshot_subject(store.base, dim)]):
                    totals.n[dim, value] = int(n)
                    if label:
                        totals.labels[dim, value] = label
        totals.written = totals.cells()
        return Snapshot(int(meta["version"]), totals)
    except (KeyError, ValueError, TypeError):  # incomplete or from another format: not used
        return None


def _snapshot_lines(base: str, version: int, totals: Totals,
                    parts: set[tuple[str, int]] | None) -> list[str]:
    """The snapshot's ``parts`` (``None``: every part) and its head as triples, the head
    last (a remote engine written in several updates has the head only once every part is
    there; a reader without a head recounts); an empty part is left out."""
    from ..store.base import SYS, iri, lit

    lines = []
    rows: dict[tuple[str, int], list] = {}
    for (d, v), n in totals.n.items():  # a partial totals' keys: the parts it read
        part = (d, snapshot_part(v))
        if parts is None or part in parts:
            rows.setdefault(part, []).append([v, n, totals.labels.get((d, v), "")])
    for (dim, part), found in sorted(rows.items()):
        found.sort(key=lambda r: (-r[1], r[0]))
        lines.append(f"{iri(_part_subject(base, dim, part))} <{SYS}totals> "
                     f"{lit(json.dumps(found, ensure_ascii=False, separators=(',', ':')))}")
    head = json.dumps({"version": version, "releases": totals.releases,
                       "parts": SNAPSHOT_PARTS})
    return lines + [f"{iri(_snapshot_subject(base))} <{SYS}totals> {lit(head)}"]


# --- writing ------------------------------------------------------------------------------
def _obs_lines(base: str, dim: str, value: str, n: int, label: str) -> list[str]:
    from ..records.regions import region_info
    from ..store.base import iri, lit

    o = iri(observation_iri(base, dim, value))
    if dim == "month":
        term = lit(value, datatype=str(XSD.gYearMonth))
    elif dim == "region":
        term = iri(REGION_BASE + value)
        info = region_info(value)
        label = info.name if info else ""
    else:
        term = iri(value)
    lines = [f"{o} <{RDF.type}> <{QB}Observation>",
             f"{o} <{QB}dataSet> {iri(statistics_dataset(base) + '/' + dim)}",
             f"{o} <{DIMENSION_PROPERTY[dim]}> {term}",
             f"{o} <{MEASURE}> {lit(str(n), datatype=str(XSD.integer))}"]
    if label:
        lines.append(f"{o} <{RDFS.label}> {lit(label)}")
    return lines


def _header(base: str, version: int, releases: int) -> list[str]:
    from ..store.base import iri, lit

    ds = statistics_dataset(base)
    d = iri(ds)
    out = [f"{d} <{RDF.type}> <{DCAT.Dataset}>",
           f"{d} <{DCTERMS.title}> {lit('Statistik siaran', lang='id')}",
           f"{d} <{DCTERMS.title}> {lit('Release statistics', lang='en')}",
           f"{d} <{PROV.wasDerivedFrom}> {iri(f'{base}id/version/{version}')}",
           f"{d} <{MEASURE}> {lit(str(releases), datatype=str(XSD.integer))}"]
    for dim in DIMENSIONS:
        part, dsd = iri(f"{ds}/{dim}"), f"{ds}/{dim}/structure"
        out += [f"{d} <{DCTERMS.hasPart}> {part}",
                f"{part} <{RDF.type}> <{QB}DataSet>",
                f"{part} <{RDFS.label}> {lit(dim)}",
                f"{part} <{QB}structure> {iri(dsd)}",
                f"{iri(dsd)} <{RDF.type}> <{QB}DataStructureDefinition>",
                f"{iri(dsd)} <{QB}component> {iri(dsd + '/dimension')}",
                f"{iri(dsd)} <{QB}component> {iri(dsd + '/measure')}",
                f"{iri(dsd + '/dimension')} <{QB}dimension> <{DIMENSION_PROPERTY[dim]}>",
                f"{iri(dsd + '/measure')} <{QB}measure> <{MEASURE}>"]
    return out


def write_statistics(store, version: int, totals: Totals) -> None:
    """Make the statistics graph of ``store`` hold ``totals`` for ``version``: the header is
    rewritten, observations only where a count or label changed (idempotent); then the
    snapshot of the changed dimensions, and a change entry for the feed (``sys:statistics``
    in the version's change list).

    When ``totals.written`` says what the graph holds, only the ``dirty`` keys are compared
    (the cost of the change); otherwise the graph is read and compared in full."""
    from ..store.base import SYS, block, iri, lit, version_iri

    base, graph = store.base, statistics_graph(store.base)
    full = totals.written is None
    old = read_cells(store) if full else totals.written
    keys = set(old) | set(totals.n) if full else totals.dirty
    changed = [k for k in keys if old.get(k) != totals.cell(k)]
    deletes = [f"DELETE WHERE {{ GRAPH <{graph}> {{ <{statistics_dataset(base)}> ?p ?o }} }}"]
    lines = _header(base, version, totals.releases)
    exact: list[str] = []  # triples the graph holds for sure: one DELETE DATA, not a pattern
    for k in changed:
        d, v = k
        cell, was = totals.cell(k), old.get(k)
        if full or cell is None or was is None:  # the whole observation goes or comes
            if was is not None:
                deletes.append(f"DELETE WHERE {{ GRAPH <{graph}> {{ "
                               f"<{observation_iri(base, d, v)}> ?p ?o }} }}")
            if cell is not None:
                lines += _obs_lines(base, d, v, *cell)
            continue
        o = iri(observation_iri(base, d, v))  # a kept value: its count, or its label
        if was[0] != cell[0]:
            exact.append(f"{o} <{MEASURE}> {lit(str(was[0]), datatype=str(XSD.integer))}")
            lines.append(f"{o} <{MEASURE}> {lit(str(cell[0]), datatype=str(XSD.integer))}")
        if was[1] != cell[1]:
            if was[1]:
                exact.append(f"{o} <{RDFS.label}> {lit(was[1])}")
            if cell[1]:
                lines.append(f"{o} <{RDFS.label}> {lit(cell[1])}")
    # a remote store sends the statements in batches of its own size (its engine compiles
    # each batch): there, one triple per statement keeps each batch as small as it expects
    per = 1 if hasattr(store, "STATISTICS_BATCH") else DELETE_BATCH
    for i in range(0, len(exact), per):
        deletes.append(f"DELETE DATA {{ GRAPH <{graph}> {{ {block(exact[i:i + per])}}} }}")
    store._write_statistics(deletes, (graph, block(lines)))

    reg = store.g["registry"]
    if full or not totals.snapshotted:  # every part (and a snapshot from before the parts)
        parts = None
        drop = [f"DELETE WHERE {{ GRAPH <{reg}> {{ ?s <{SYS}totals> ?t }} }}"]
    else:  # the head and the parts of the values whose count or label changed
        parts = {(d, snapshot_part(v)) for d, v in changed}
        drop = [f"DELETE WHERE {{ GRAPH <{reg}> {{ <{subject}> <{SYS}totals> ?t }} }}"
                for subject in [_snapshot_subject(base)]
                + [_part_subject(base, d, p) for d, p in sorted(parts)]]
    store._write_snapshot(drop, _snapshot_lines(base, version, totals, parts),
                          (store.g["versions"], block([
                              f"{iri(version_iri(base, version))} <{SYS}statistics> "
                              f"{iri(statistics_dataset(base))}"])))
    if full:
        totals.written = totals.cells()
    else:  # ``old`` is ``totals.written``: it now says what the graph holds
        for k in changed:
            cell = totals.cell(k)
            if cell is None:
                old.pop(k, None)
            else:
                old[k] = cell
    totals.dirty = set()
    totals.snapshotted = True
