"""The counts: kept by the writer, written per version as an RDF Data Cube graph.

The writer's store holds a :class:`Keeper` (see :func:`infopublik_ld.store.open_store`). Each
committed write adjusts its totals by the facets of the releases it added, replaced (old
facets out, new in) and retracted; :meth:`GraphStore.finalize` then makes the statistics graph
equal to the totals (only the observations that changed are rewritten) before it writes the
version header, so every checkpoint holds the counts of exactly its releases.

A crash loses the totals in memory but not the facets: they are in the registry, written with
their releases by the same all-or-nothing protocol (a load undone through its journal takes
its facets with it). Finishing an interrupted version therefore rebuilds the totals from the
registry (:func:`rebuild`); ``reindex`` recomputes every release's facets from its data.
"""

from __future__ import annotations

import hashlib
import threading
from collections import Counter
from collections.abc import Iterable

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

Key = tuple[str, str]


def statistics_graph(base: str) -> str:
    """IRI of the named graph holding the statistics cube."""
    return f"{base}graph/statistics"


def statistics_dataset(base: str) -> str:
    """IRI of the statistics ``dcat:Dataset`` (its parts: one ``qb:DataSet`` per dimension)."""
    return f"{base}id/dataset/statistics"


def observation_iri(base: str, dim: str, value: str) -> str:
    """Stable IRI of the observation of ``value`` in ``dim``."""
    if dim in ("month", "region"):
        slug = value
    else:
        slug = hashlib.sha1(value.encode("utf-8")).hexdigest()[:16]
    return f"{base}id/statistics/{dim}/{slug}"


class Totals:
    """Releases per (dimension, value), with a label per value."""

    def __init__(self) -> None:
        self.n: Counter[Key] = Counter()
        self.labels: dict[Key, str] = {}
        self.releases = 0

    def add(self, facets: str, sign: int = 1) -> None:
        """Count the release with ``facets`` in (``sign`` 1) or out (-1)."""
        self.releases += sign
        for d, v, label in parse(facets):
            key = (d, v)
            self.n[key] += sign
            if sign > 0 and label:
                self.labels[key] = label
            if self.n[key] <= 0:
                del self.n[key]
                self.labels.pop(key, None)

    def items(self, dim: str) -> list[tuple[str, int, str]]:
        """(value, count, label) of ``dim``, most counted first."""
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
        """The totals of the newest finished version: read from its statistics graph when
        that graph was written for it, else rebuilt from the registry."""
        last = store.versions(limit=1)
        stamp = read_stamp(store)
        if last and stamp == last[0].number:
            return read_totals(store)
        if not last and stamp is None:
            return Totals()
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
    last = store.versions(limit=1)
    if not last:
        return None
    expected = {k: (n, "" if k[0] == "region" else totals.labels.get(k, ""))
                for k, n in totals.n.items()}
    if read_stamp(store) == last[0].number and read_cells(store) == expected:
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
    rewritten, observations only where a count or label changed (idempotent)."""
    from ..store.base import block

    base, graph = store.base, statistics_graph(store.base)
    old = read_cells(store)
    new = {k: (n, totals.labels.get(k, "")) for k, n in totals.n.items()}
    if any(k[0] == "region" for k in new):  # regions are labelled from the reference table
        new = {k: (v[0], "") if k[0] == "region" else v for k, v in new.items()}
    gone = [k for k in old if old[k] != new.get(k)]
    fresh = [k for k in new if old.get(k) != new[k]]
    deletes = [f"DELETE WHERE {{ GRAPH <{graph}> {{ <{statistics_dataset(base)}> ?p ?o }} }}"]
    deletes += [f"DELETE WHERE {{ GRAPH <{graph}> {{ <{observation_iri(base, d, v)}> ?p ?o }} }}"
                for d, v in gone]
    lines = _header(base, version, totals.releases)
    for d, v in fresh:
        lines += _obs_lines(base, d, v, new[d, v][0], new[d, v][1])
    store._write_statistics(deletes, (graph, block(lines)))
