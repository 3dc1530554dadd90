"""Streaming export and import of release graphs (dumps, harvest), on pyoxigraph.

Quads are streamed from the store's indexes to the serializer, one graph after another, so
memory does not grow with the data. Only release graphs leave the store: the registry,
version and tombstone graphs are bookkeeping (the catalogue and the change feed publish what
they say).
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox

from ..errors import RdfSyntaxError
from ..vocab import GPR, SCHEMA
from .base import GraphStore, graph_iris


def content_graphs(view: GraphStore) -> list[str]:
    """Names of the release graphs of a version (system graphs left out), sorted."""
    if not hasattr(view, "native"):  # remote engine: the registry names them
        return view.release_graphs()
    from ..stats.counts import statistics_graph

    system = set(graph_iris(view.base).values()) | {statistics_graph(view.base)}
    store: ox.Store = view.native()
    return sorted(g.value for g in store.named_graphs()
                  if isinstance(g, ox.NamedNode) and g.value not in system)


def graph_years(view: GraphStore) -> dict[str, str]:
    """Year of each release graph: its article's publication date, else its event's start."""
    rows = view.select(
        f"SELECT ?g (MIN(STR(?d)) AS ?date) WHERE {{ GRAPH ?g {{ ?g <{GPR.describes}> ?s . "
        f"?s <{SCHEMA.datePublished}>|<{SCHEMA.startDate}> ?d }} }} GROUP BY ?g")
    return {r["g"]: r["date"][:4] for r in rows if r.get("date")}


def graph_quads(view: GraphStore, graph: str) -> Iterator[ox.Quad]:
    """The quads of one release graph: from the store's indexes (embedded) or streamed from
    the engine one graph at a time, in sorted order so every web node writes the same bytes
    (remote)."""
    g = ox.NamedNode(graph)
    if hasattr(view, "native"):
        yield from view.native().quads_for_pattern(None, None, None, g)
        return
    with view.open_graph(graph) as fh:
        lines = sorted({line.strip() for line in fh if line.strip()
                        and not line.startswith(b"#")})
    for t in ox.parse(b"\n".join(lines), format=ox.RdfFormat.N_TRIPLES):
        yield ox.Quad(t.subject, t.predicate, t.object, g)


def _quads(view: GraphStore, graphs: Iterable[str], counter: list[int]) -> Iterator[ox.Quad]:
    n = 0
    for g in graphs:
        for q in graph_quads(view, g):
            n += 1
            yield q
    counter[0] += n


def write_nquads(view: GraphStore, out: BinaryIO, graphs: Iterable[str]) -> int:
    """Stream the quads of ``graphs`` to ``out`` as N-Quads; return how many."""
    counter = [0]
    ox.serialize(_quads(view, graphs, counter), out, ox.RdfFormat.N_QUADS)
    return counter[0]


def write_turtle(view: GraphStore, out: BinaryIO, graphs: Iterable[str],
                 prefixes: dict[str, str]) -> int:
    """Stream the triples of ``graphs`` to ``out`` as Turtle with ``prefixes``.

    A triple stated in two release graphs appears twice (Turtle has no graphs; parsers merge
    them); returns the number written.
    """
    counter = [0]
    triples = (q.triple for q in _quads(view, graphs, counter))
    ox.serialize(triples, out, ox.RdfFormat.TURTLE, prefixes=prefixes)
    return counter[0]


def write_both(view: GraphStore, graphs: Iterable[str], nq_out: BinaryIO, ttl_out: BinaryIO,
               prefixes: dict[str, str]) -> int:
    """One read of ``graphs``: N-Quads to ``nq_out`` and Turtle to ``ttl_out``; return quads.

    Reading the indexes is the cost that dominates (it is all ``Store.dump`` does), so the
    quads are read once and fed to both serialisations.
    """
    buf: list[str] = []
    count = [0]

    def spill() -> None:
        if buf:
            nq_out.write((" .\n".join(buf) + " .\n").encode("utf-8"))
            count[0] += len(buf)
            buf.clear()

    def triples() -> Iterator[ox.Triple]:
        for g in graphs:
            for q in graph_quads(view, g):
                buf.append(str(q))
                if len(buf) >= 8192:
                    spill()
                yield q.triple

    ox.serialize(triples(), ttl_out, ox.RdfFormat.TURTLE, prefixes=prefixes)
    spill()
    return count[0]


def turtle_header(prefixes: dict[str, str]) -> bytes:
    """What the Turtle serializer writes before the first triple (the prefixes)."""
    import io

    out = io.BytesIO()
    ox.serialize([], out, ox.RdfFormat.TURTLE, prefixes=prefixes)
    return out.getvalue()


def count_quads(view: GraphStore, graphs: Iterable[str]) -> int:
    """Quads in ``graphs`` (for checks)."""
    return sum(sum(1 for _ in graph_quads(view, g)) for g in graphs)


class Staging:
    """A throw-away on-disk store that checks and holds a downloaded dump before it is merged.

    Loading parses the whole file first, so a dump that does not parse never reaches the
    real store.
    """

    def __init__(self) -> None:
        self._dir = tempfile.TemporaryDirectory(prefix="infopublik-staging-")
        self._store = ox.Store(self._dir.name)

    def load_nquads(self, path: Path, *, gzipped: bool = False) -> None:
        """Parse and load an N-Quads file; raise :class:`RdfSyntaxError` if it does not parse."""
        import gzip

        opener: Callable = gzip.open if gzipped else open
        try:
            with opener(path, "rb") as fh:
                self._store.bulk_load(fh, format=ox.RdfFormat.N_QUADS)
        except (SyntaxError, ValueError, EOFError, OSError) as exc:
            raise RdfSyntaxError(f"the dump {path.name} does not parse: {exc}",
                                 f"dump {path.name} tidak dapat diurai: {exc}") from None

    def load_ntriples(self, data: bytes, graph: str) -> None:
        """Parse N-Triples into ``graph``; raise :class:`RdfSyntaxError` if it does not parse."""
        try:
            quads = list(ox.parse(data, format=ox.RdfFormat.N_TRIPLES))
        except (SyntaxError, ValueError) as exc:
            raise RdfSyntaxError(f"the graph {graph} does not parse: {exc}",
                                 f"graf {graph} tidak dapat diurai: {exc}") from None
        g = ox.NamedNode(graph)
        self._store.extend(ox.Quad(q.subject, q.predicate, q.object, g) for q in quads)

    def graphs(self) -> list[str]:
        """Named graphs loaded, sorted."""
        return sorted(g.value for g in self._store.named_graphs()
                      if isinstance(g, ox.NamedNode))

    def triples(self, graph: str) -> list[str]:
        """The triples of ``graph`` as N-Triples term strings (``"<s> <p> o"``), sorted."""
        return sorted(f"{q.subject} {q.predicate} {q.object}" for q in
                      self._store.quads_for_pattern(None, None, None, ox.NamedNode(graph)))

    def value(self, graph: str, predicate: str) -> str | None:
        """The lexical value of ``<graph> <predicate> ?o`` inside ``graph``, if any."""
        for q in self._store.quads_for_pattern(ox.NamedNode(graph), ox.NamedNode(predicate),
                                               None, ox.NamedNode(graph)):
            return q.object.value
        return None

    def close(self) -> None:
        """Drop the store and its folder."""
        del self._store
        self._dir.cleanup()

    def __enter__(self) -> Staging:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
