"""The store contract shared by both backends, and the bookkeeping they share.

Everything the publisher needs is stored as RDF beside the data it describes and committed
with it (one transaction on the remote backend; a two-store protocol on the embedded one, see
``oxigraph.py``), so a crash can never separate them:

- one named graph per release (``{base}graph/release/{key}``);
- ``{base}graph/registry``: per release graph its key, content hash, triple count and the
  version that wrote it (internal terms, namespace :data:`SYS`);
- ``{base}graph/versions``: ``gpr:DatasetVersion`` headers (number, time, counts,
  ``dct:isVersionOf`` the dataset) and per version the graphs it added/replaced/retracted;
- ``{base}graph/tombstones``: one ``gpr:Tombstone`` per retracted release.

A backend supplies four primitives (:meth:`GraphStore._write`, :meth:`GraphStore.select`,
:meth:`GraphStore.query`, :meth:`GraphStore.dump`) and :meth:`GraphStore._checkpoint`;
:class:`GraphStore` builds the rest on them. A backend that keeps the bookkeeping graphs in a
store of their own overrides :meth:`GraphStore._commit` and :meth:`GraphStore.select_meta`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import BinaryIO, Protocol

from ..vocab import DCTERMS, GPR, PROV, RDF, XSD

#: namespace of internal bookkeeping terms (never part of the published vocabulary)
SYS = "urn:x-infopublik-ld:"


def graph_iris(base: str) -> dict[str, str]:
    """The system graphs of an instance."""
    return {"registry": f"{base}graph/registry", "versions": f"{base}graph/versions",
            "tombstones": f"{base}graph/tombstones", "pending": f"{base}graph/pending"}


def dataset_iri(base: str) -> str:
    """The ``dcat:Dataset`` every version is a version of."""
    return f"{base}id/dataset/releases"


def version_iri(base: str, number: int) -> str:
    """IRI of dataset version ``number``."""
    return f"{base}id/version/{number}"


def tombstone_iri(base: str, key: str) -> str:
    """IRI of the tombstone of release ``key``."""
    return f"{base}id/tombstone/{key}"


# --- N-Triples terms (valid in N-Quads and in SPARQL INSERT DATA) -------------------------
_XSD_STRING = str(XSD.string)


def iri(value: str) -> str:
    """``<value>``."""
    return f"<{value}>"


def lit(value: str, *, lang: str | None = None, datatype: str | None = None) -> str:
    """An N-Triples literal."""
    value = str(value)
    # chained replace is ~10x faster than str.translate on long texts (a dict lookup per
    # character there); most values need none of it
    if "\\" in value:
        value = value.replace("\\", "\\\\")
    if '"' in value:
        value = value.replace('"', '\\"')
    if "<urn:x-infopublik-ld:" in value:
        # the same character as an escape, so that no literal ever holds the placeholder
        # IRIs identity resolution replaces in the N-Triples text (identity/authority.py)
        value = value.replace("<urn:x-infopublik-ld:", "\\u003Curn:x-infopublik-ld:")
    if "\n" in value or "\r" in value:
        value = value.replace("\n", "\\n").replace("\r", "\\r")
    text = f'"{value}"'
    if lang:
        return f"{text}@{lang}"
    if datatype and datatype != _XSD_STRING:
        return f"{text}^^<{datatype}>"
    return text


def block(lines: Iterable[str]) -> str:
    """N-Triples text of ``"<s> <p> o"`` strings."""
    return "".join(f"{t} .\n" for t in lines)


def now() -> str:
    """Current UTC time, seconds precision, ISO 8601."""
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()


#: a named graph and its triples as N-Triples text
Block = tuple[str, str]


@dataclass
class ReleaseWrite:
    """One release ready to be written: its graph and its triples as an N-Triples document.

    One string rather than a list of lines: it crosses the process boundary from the
    publishing workers and goes into the store as it is, without per-triple work in the
    single writer.
    """

    key: str
    graph: str
    #: N-Triples, one ``<s> <p> o .`` per line
    text: str
    #: number of triples in ``text``
    count: int
    content_hash: str
    #: hash of the input bytes + base IRI + tool and shapes versions (see
    #: :func:`infopublik_ld.publish_inputs.input_hash`); "" when there is no single input
    input_hash: str = ""
    #: people and organisations still to resolve (placeholders in ``text``), see
    #: :mod:`infopublik_ld.identity.authority`; ``None`` once resolved or for RDF inputs
    mentions: dict | None = None
    #: what resolution decided, stored with the registry entry (``sys:mentions``)
    resolved: str = ""
    #: what the release counts towards (:func:`infopublik_ld.stats.facets.facets_of`);
    #: ``None``: not computed yet (the writer computes it from ``text`` when counts are kept)
    facets: str | None = None

    @classmethod
    def from_lines(cls, key: str, graph: str, lines: list[str], content_hash: str,
                   input_hash: str = "") -> ReleaseWrite:
        """From ``"<s> <p> o"`` strings (no trailing dot)."""
        return cls(key, graph, block(lines), len(lines), content_hash, input_hash)


@dataclass(frozen=True)
class ReleaseState:
    """What the registry knows of a published release."""

    key: str
    graph: str
    content_hash: str
    triples: int
    version: int
    input_hash: str = ""


@dataclass
class VersionInfo:
    """One dataset version: number, time, counts and the release keys it changed."""

    number: int
    time: str
    triples: int
    releases: int
    added: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    retracted: list[str] = field(default_factory=list)
    interrupted: bool = False

    def to_json(self) -> dict:
        """A JSON-ready dict."""
        return dict(self.__dict__)


class Store(Protocol):
    """What publishing, status and the web layer may ask of a store."""

    base: str

    def releases(self) -> dict[str, ReleaseState]:
        """Published releases by graph IRI."""

    def release_state(self, graph: str) -> ReleaseState | None:
        """The registry entry of one release graph, or ``None`` (one indexed lookup)."""

    def input_published(self, input_hash: str) -> bool:
        """Whether a release was published from exactly this input (its input hash)."""

    def tombstoned(self) -> set[str]:
        """Graph IRIs of retracted releases."""

    def write_chunk(self, version: int, writes: list[ReleaseWrite],
                    known: dict[str, ReleaseState], tombstoned: set[str]) -> None:
        """Write releases atomically (all of them or none), replacing earlier graphs."""

    def retract(self, version: int, graph: str, key: str, reason: str, when: str) -> None:
        """Drop a release graph and leave a tombstone, atomically."""

    def finalize(self, version: int, *, interrupted: bool = False) -> VersionInfo:
        """Write the header of ``version`` and publish it to readers."""

    def versions(self, limit: int | None = None) -> list[VersionInfo]:
        """Finished versions, newest first."""

    def select(self, sparql: str) -> list[dict[str, str]]:
        """Run a SELECT; rows map variable names to lexical values."""

    def query(self, sparql: str, *, media_type: str = "application/sparql-results+json",
              substitutions: dict | None = None) -> bytes:
        """Run any query, return the serialised results."""

    def dump(self, out: BinaryIO) -> None:
        """Write every quad as N-Quads."""

    def close(self) -> None:
        """Release the store."""


class GraphStore:
    """Bookkeeping common to both backends (see module docstring)."""

    #: releases per atomic write
    chunk_size = 500
    #: the running counts (:class:`infopublik_ld.stats.counts.Keeper`), set by
    #: :func:`infopublik_ld.store.open_store` when counts are kept
    statistics = None
    #: (version, triples, releases) of the newest finished version when this writer began
    #: following its writes (:meth:`follow_counts`), and what its committed writes changed
    #: since: :meth:`finalize` then adds the two instead of summing the whole registry
    _count_base: tuple[int, int, int] | None = None
    _moved: list[int] | None = None

    def __init__(self, base: str):
        self.base = base
        self.g = graph_iris(base)

    def follow_counts(self) -> None:
        """Follow the triples and releases this writer's writes add and remove from now on,
        from the newest finished version (call it when the store is recovered: every release
        in the registry then belongs to a finished version)."""
        last = self.versions(limit=1, changes=False)
        self._count_base = (last[0].number, last[0].triples, last[0].releases) if last \
            else (0, 0, 0)
        self._moved = [0, 0]

    def _moved_by(self, triples: int, releases: int) -> None:
        """A committed write changed the registry by ``triples`` and ``releases``."""
        if self._moved is not None:
            self._moved[0] += triples
            self._moved[1] += releases

    def _counts_now(self) -> tuple[int, int]:
        """(triples, releases) now: the followed base plus what moved since, else (a writer
        that does not follow them, or another version finished meanwhile) :meth:`counts`."""
        if self._moved is not None and self._count_base is not None:
            last = self.versions(limit=1, changes=False)
            if (last[0].number if last else 0) == self._count_base[0]:
                return self._count_base[1] + self._moved[0], \
                    self._count_base[2] + self._moved[1]
        return self.counts()

    def close(self) -> None:
        """Release the store (backends override)."""

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # --- primitives each backend provides ------------------------------------------
    def _write(self, drops: list[str], deletes: list[str],
               inserts: list[Block]) -> None:  # pragma: no cover
        raise NotImplementedError

    def select(self, sparql: str) -> list[dict[str, str]]:  # pragma: no cover
        raise NotImplementedError

    def select_meta(self, sparql: str) -> list[dict[str, str]]:
        """A SELECT over the bookkeeping graphs (a backend may keep them apart from the data,
        as the embedded store does, so that the public default graph holds releases only)."""
        return self.select(sparql)

    def graph_triples(self, graph: str) -> list[tuple[str, str, str]]:
        """The triples of one release graph as lexical (subject, predicate, object) strings."""
        return [(r["s"], r["p"], r["o"]) for r in
                self.select(f"SELECT ?s ?p ?o WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")]

    def query_meta(self, sparql: str) -> bytes:
        """A query over the bookkeeping graphs, as SPARQL JSON results."""
        return self.query(sparql)

    def _checkpoint(self, info: VersionInfo) -> None:
        """Make ``info`` visible to readers (embedded store: a backup); default: nothing."""

    def _write_statistics(self, deletes: list[str], insert: Block) -> None:
        """Run ``deletes`` (SPARQL updates) and insert ``insert`` into the statistics graph,
        beside the release graphs (one transaction)."""
        self._write([], deletes, [insert])

    def _write_snapshot(self, deletes: list[str], lines: list[str], entry: Block) -> None:
        """The statistics snapshot into the registry graph: ``deletes`` (bookkeeping updates),
        then ``lines`` (triples, the head last) and the version's ``entry``; one change."""
        self._commit([], [], deletes, [(self.g["registry"], block(lines)), entry])

    # --- reads -----------------------------------------------------------------------
    def releases(self) -> dict[str, ReleaseState]:
        """Published releases by graph IRI (one query over the registry)."""
        rows = self.select_meta(
            f"SELECT ?g ?k ?h ?n ?v ?i WHERE {{ GRAPH <{self.g['registry']}> {{ ?g "
            f"<{GPR.releaseKey}> ?k ; <{SYS}contentHash> ?h ; <{GPR.tripleCount}> ?n ; "
            f"<{SYS}version> ?v OPTIONAL {{ ?g <{SYS}inputHash> ?i }} }} }}")
        return {r["g"]: ReleaseState(r["k"], r["g"], r["h"], int(r["n"]), int(r["v"]),
                                     r.get("i", "")) for r in rows}

    def release_state(self, graph: str) -> ReleaseState | None:
        """The registry entry of one release graph, or ``None`` (one indexed lookup)."""
        rows = self.select_meta(
            f"SELECT ?k ?h ?n ?v ?i WHERE {{ GRAPH <{self.g['registry']}> {{ <{graph}> "
            f"<{GPR.releaseKey}> ?k ; <{SYS}contentHash> ?h ; <{GPR.tripleCount}> ?n ; "
            f"<{SYS}version> ?v OPTIONAL {{ <{graph}> <{SYS}inputHash> ?i }} }} }}")
        return ReleaseState(rows[0]["k"], graph, rows[0]["h"], int(rows[0]["n"]),
                            int(rows[0]["v"]), rows[0].get("i", "")) if rows else None

    def input_published(self, input_hash: str) -> bool:
        """Whether a release was published from exactly this input (its input hash)."""
        rows = self.select_meta(
            f"SELECT ?g WHERE {{ GRAPH <{self.g['registry']}> {{ ?g <{SYS}inputHash> "
            f"{lit(input_hash)} }} }} LIMIT 1")
        return bool(rows)

    def tombstoned(self) -> set[str]:
        """Graph IRIs of retracted releases."""
        rows = self.select_meta(f"SELECT ?g WHERE {{ GRAPH <{self.g['tombstones']}> "
                           f"{{ ?t <{GPR.retracted}> ?g }} }}")
        return {r["g"] for r in rows}

    def tombstone(self, graph: str) -> dict | None:
        """The tombstone of a retracted release graph (key, time, reason), or ``None``."""
        rows = self.select_meta(
            f"SELECT ?k ?t ?r WHERE {{ GRAPH <{self.g['tombstones']}> {{ ?x "
            f"<{GPR.retracted}> <{graph}> ; <{GPR.releaseKey}> ?k ; "
            f"<{PROV.invalidatedAtTime}> ?t ; <{GPR.reason}> ?r }} }}")
        return {"key": rows[0]["k"], "time": rows[0]["t"], "reason": rows[0]["r"]} if rows \
            else None

    def versions(self, limit: int | None = None, *, changes: bool = True) -> list[VersionInfo]:
        """Finished versions, newest first, with their change lists (``changes=False``: the
        headers only, one small query)."""
        cap = f"LIMIT {int(limit)}" if limit else ""
        rows = self.select_meta(
            f"SELECT ?n ?t ?c ?r ?i WHERE {{ GRAPH <{self.g['versions']}> {{ ?v "
            f"<{GPR.versionNumber}> ?n ; <{PROV.generatedAtTime}> ?t ; <{GPR.tripleCount}> ?c ;"
            f" <{GPR.releaseCount}> ?r . OPTIONAL {{ ?v <{SYS}interrupted> ?i }} }} }} "
            f"ORDER BY DESC(?n) {cap}")
        out = [VersionInfo(int(r["n"]), r["t"], int(r["c"]), int(r["r"]),
                           interrupted=r.get("i") in ("true", "1")) for r in rows]
        if out and changes:
            by_iri = {version_iri(self.base, v.number): v for v in out}
            low = min(by_iri.values(), key=lambda v: v.number).number
            changes = self.select_meta(
                f"SELECT ?v ?what ?k WHERE {{ GRAPH <{self.g['versions']}> {{ ?v ?what ?g ."
                f" ?v <{GPR.versionNumber}> ?n FILTER(?n >= {low}) "
                f"FILTER(?what IN (<{SYS}added>, <{SYS}replaced>, <{SYS}retracted>)) }} "
                f"BIND(STRAFTER(STR(?g), \"{self.base}graph/release/\") AS ?k) }}")
            for c in changes:
                if c["v"] in by_iri:
                    getattr(by_iri[c["v"]], c["what"][len(SYS):]).append(c["k"])
            for v in out:
                v.added.sort()
                v.replaced.sort()
                v.retracted.sort()
        return out

    def last_number(self) -> int:
        """Highest version number used so far, finished or not (0 for an empty store)."""
        rows = self.select_meta(
            f"SELECT (MAX(?n) AS ?m) WHERE {{ GRAPH <{self.g['versions']}> {{ "
            f"{{ ?v <{GPR.versionNumber}> ?n }} UNION {{ ?v <{SYS}number> ?n }} }} }}")
        return int(rows[0].get("m") or 0) if rows else 0

    def unfinished(self) -> list[int]:
        """Versions that wrote data but never got a header (a crash mid-batch)."""
        rows = self.select_meta(
            f"SELECT DISTINCT ?n WHERE {{ GRAPH <{self.g['versions']}> {{ ?v <{SYS}number> ?n "
            f"FILTER NOT EXISTS {{ ?v <{GPR.versionNumber}> ?x }} }} }} ORDER BY ?n")
        return [int(r["n"]) for r in rows]

    def counts(self) -> tuple[int, int]:
        """(triples in release graphs, releases), from the registry."""
        rows = self.select_meta(
            f"SELECT (SUM(?n) AS ?t) (COUNT(?g) AS ?r) WHERE {{ GRAPH <{self.g['registry']}> "
            f"{{ ?g <{GPR.tripleCount}> ?n }} }}")
        row = rows[0] if rows else {}
        return int(row.get("t") or 0), int(row.get("r") or 0)

    # --- writes ----------------------------------------------------------------------
    def _registry(self, w: ReleaseWrite, version: int) -> list[str]:
        g = iri(w.graph)
        return [f"{g} <{GPR.releaseKey}> {lit(w.key)}",
                f"{g} <{SYS}contentHash> {lit(w.content_hash)}",
                f"{g} <{GPR.tripleCount}> {lit(str(w.count), datatype=str(XSD.integer))}",
                f"{g} <{SYS}version> {lit(str(version), datatype=str(XSD.integer))}"] + \
            ([f"{g} <{SYS}inputHash> {lit(w.input_hash)}"] if w.input_hash else []) + \
            ([f"{g} <{SYS}mentions> {lit(w.resolved)}"] if w.resolved else []) + \
            ([f"{g} <{SYS}facets> {lit(w.facets)}"] if w.facets is not None else [])

    def _change(self, version: int, what: str, graph: str) -> list[str]:
        v = iri(version_iri(self.base, version))
        return [f"{v} <{SYS}number> {lit(str(version), datatype=str(XSD.integer))}",
                f"{v} <{SYS}{what}> {iri(graph)}"]

    def _forget(self, graph: str) -> list[str]:
        return [f"DELETE WHERE {{ GRAPH <{self.g['registry']}> {{ <{graph}> ?p ?o }} }}"]

    def _unbury(self, graph: str) -> list[str]:
        return [f"DELETE WHERE {{ GRAPH <{self.g['tombstones']}> {{ ?t <{GPR.retracted}> "
                f"<{graph}> ; ?p ?o }} }}"]

    def write_chunk(self, version: int, writes: list[ReleaseWrite],
                    known: dict[str, ReleaseState], tombstoned: set[str], *,
                    extra_deletes: list[str] | None = None,
                    extra_meta: list[Block] | None = None) -> None:
        """Write ``writes`` in one transaction: graphs, registry entries, change entries
        (and ``extra_deletes`` / ``extra_meta`` bookkeeping, e.g. a curation action).

        Graphs in ``known`` are replaced (dropped first); tombstones of republished releases
        are removed.
        """
        drops: list[str] = []
        deletes: list[str] = []
        registry: list[str] = []
        changes: list[str] = []
        inserts: list[tuple[str, list[str]]] = []
        keeper = self.statistics
        if keeper:
            keeper.complete(writes)
            old = keeper.old_facets(self, [w.graph for w in writes if w.graph in known])
        for w in writes:
            if w.graph in known:
                drops.append(w.graph)
                deletes += self._forget(w.graph)
            if w.graph in tombstoned:
                deletes += self._unbury(w.graph)
            registry += self._registry(w, version)
            changes += self._change(version, "replaced" if w.graph in known else "added",
                                    w.graph)
            inserts.append((w.graph, w.text))
        self._commit(drops, inserts, deletes + (extra_deletes or []),
                     [(self.g["registry"], block(registry)),
                      (self.g["versions"], block(changes))] + (extra_meta or []))
        self._moved_by(sum(w.count - (known[w.graph].triples if w.graph in known else 0)
                           for w in writes), sum(w.graph not in known for w in writes))
        if keeper:
            keeper.committed([w.facets for w in writes], old.values())

    def _commit(self, drops: list[str], data: list[Block], meta_deletes: list[str],
                meta: list[Block]) -> None:
        """Apply one change atomically: drop release graphs ``drops``, insert the release
        graphs ``data``, run the bookkeeping ``meta_deletes`` (SPARQL updates) and insert the
        bookkeeping triples ``meta``.

        This default keeps everything in one store and one transaction; the embedded store
        overrides it to keep the bookkeeping in a store of its own.
        """
        self._write(drops, meta_deletes, data + meta)

    def _recover_pending(self) -> None:
        """Undo a fast write a crash interrupted (backends that have one override this)."""

    def retract(self, version: int, graph: str, key: str, reason: str, when: str) -> None:
        """Drop ``graph``, forget it in the registry and leave a tombstone, atomically."""
        t = iri(tombstone_iri(self.base, key))
        stone = [f"{t} <{RDF.type}> <{GPR.Tombstone}>", f"{t} <{GPR.retracted}> {iri(graph)}",
                 f"{t} <{GPR.releaseKey}> {lit(key)}",
                 f"{t} <{PROV.invalidatedAtTime}> {lit(when, datatype=str(XSD.dateTime))}",
                 f"{t} <{GPR.reason}> {lit(reason)}"]
        # the identity decisions stay with the tombstone: IRIs minted are never minted again,
        # and republishing the release restores them (identity/authority.py)
        keep = (f"INSERT {{ GRAPH <{self.g['tombstones']}> {{ {t} <{SYS}mentions> ?m }} }} "
                f"WHERE {{ GRAPH <{self.g['registry']}> {{ <{graph}> <{SYS}mentions> ?m }} }}")
        keeper = self.statistics
        old = keeper.old_facets(self, [graph]) if keeper else {}
        state = self.release_state(graph) if self._moved is not None else None
        self._commit([graph], [], self._unbury(graph) + [keep] + self._forget(graph),
                     [(self.g["tombstones"], block(stone)),
                      (self.g["versions"], block(self._change(version, "retracted", graph)))])
        if state is not None:
            self._moved_by(-state.triples, -1)
        else:  # not in the registry: nothing to follow from
            self._moved = None
        if keeper:
            keeper.committed([], old.values())

    def finalize(self, version: int, *, interrupted: bool = False) -> VersionInfo:
        """Write the header of ``version`` (time, counts) and publish it to readers."""
        self._finish_statistics(version)
        # a version a crash interrupted: its writes were not followed
        triples, releases = self.counts() if interrupted else self._counts_now()
        when = now()
        v = iri(version_iri(self.base, version))
        integer = str(XSD.integer)
        header = [f"{v} <{RDF.type}> <{GPR.DatasetVersion}>",
                  f"{v} <{GPR.versionNumber}> {lit(str(version), datatype=integer)}",
                  f"{v} <{PROV.generatedAtTime}> {lit(when, datatype=str(XSD.dateTime))}",
                  f"{v} <{GPR.tripleCount}> {lit(str(triples), datatype=integer)}",
                  f"{v} <{GPR.releaseCount}> {lit(str(releases), datatype=integer)}",
                  f"{v} <{DCTERMS.isVersionOf}> {iri(dataset_iri(self.base))}"]
        if interrupted:
            header.append(f"{v} <{SYS}interrupted> {lit('true', datatype=str(XSD.boolean))}")
        self._commit([], [], [], [(self.g["versions"], block(header))])
        info = self.versions(limit=1)[0]
        if self._moved is not None:  # the next version starts from this one
            self._count_base, self._moved = (version, triples, releases), [0, 0]
        self._checkpoint(info)
        return info

    def _finish_statistics(self, version: int) -> None:
        """Write the counts of ``version`` (see :mod:`infopublik_ld.stats.counts`): the
        writer's running totals, or, finishing a version a crash interrupted (no totals), the
        totals rebuilt from the registry."""
        from .. import stats
        from ..stats.counts import rebuild, write_statistics

        if not stats.ENABLED:
            return
        totals = self.statistics.totals if self.statistics else rebuild(self)
        write_statistics(self, version, totals)

    def recover(self) -> list[VersionInfo]:
        """Undo interrupted fast writes, then finish versions a crash left without a header
        (their remaining data is complete)."""
        self._recover_pending()
        return [self.finalize(n, interrupted=True) for n in self.unfinished()]


def insert_data(inserts: Iterable[Block]) -> str:
    """``INSERT DATA { GRAPH <g> { … } … }``."""
    body = "\n".join(f"GRAPH <{g}> {{\n{text}}}" for g, text in inserts if text)
    return f"INSERT DATA {{\n{body}\n}}" if body else ""


def trig(inserts: Iterable[Block]) -> str:
    """The same data as a TriG document (as fast to load as N-Quads, measured, and a third
    smaller: no graph name on every line)."""
    return "".join(f"<{g}> {{\n{text}}}\n" for g, text in inserts if text)
