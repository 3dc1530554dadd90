"""The change feed: a Linked Data Event Stream (LDES) of release graphs created, replaced and
retracted, version by version.

- ``/changes`` is the root node: the ``ldes:EventStream`` and one ``tree:relation`` per dataset
  version (``tree:GreaterThanOrEqualToRelation`` on ``as:published``, the version time) to that
  version's first page; each node also states its ``gpr:versionNumber`` so a harvester that
  knows the version it has can start right after it.
- ``/changes/{version}/{page}`` holds at most :data:`PAGE_SIZE` members of one version and a
  relation to the next page. A version's change list never changes once published, so every
  page is immutable except the newest one (whose "next" link appears with the next version).
- A member is an ActivityStreams activity: ``as:Create`` / ``as:Update`` / ``as:Delete`` with
  ``as:object`` the release graph, ``as:published`` the version time, ``dct:isPartOf`` the
  version and ``gpr:versionNumber``.
- The counts are per version too (:mod:`infopublik_ld.stats`): each version whose statistics
  graph was written has one more member, last on its last page, of the same shape: an
  ``as:Update`` whose ``as:object`` is the statistics dataset (``{base}id/dataset/statistics``,
  stated ``a dcat:Dataset`` on the page, so a harvester of releases can tell it apart; its data
  is the graph ``{base}graph/statistics``).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

from rdflib import BNode, Graph, Literal, Namespace, URIRef

from .config import Settings
from .errors import NotFound
from .store import SYS, GraphStore, VersionInfo, graph_iris, version_iri
from .vocab import DCAT, DCTERMS, GPR, RDF, XSD, bind_prefixes

AS = Namespace("https://www.w3.org/ns/activitystreams#")
LDES = Namespace("https://w3id.org/ldes#")
TREE = Namespace("https://w3id.org/tree#")
#: members per page
PAGE_SIZE = 250
ACTIONS = {"added": AS.Create, "replaced": AS.Update, "retracted": AS.Delete,
           "statistics": AS.Update}
ORDER = {"added": 0, "replaced": 1, "retracted": 2, "statistics": 3}


@dataclass(frozen=True)
class Change:
    """One release graph changed in one version."""

    version: int
    time: str
    action: str
    graph: str


@dataclass
class Log:
    """Every version's changes, oldest version first."""

    number: int
    times: dict[int, str] = field(default_factory=dict)
    changes: dict[int, list[Change]] = field(default_factory=dict)

    def pages(self, version: int) -> int:
        """How many pages version ``version`` has (at least one)."""
        return max(1, -(-len(self.changes.get(version, [])) // PAGE_SIZE))

    def after(self, version: int) -> int | None:
        """The next version number after ``version``, or ``None``."""
        later = [v for v in self.times if v > version]
        return min(later) if later else None


_lock = threading.Lock()
_logs: dict[tuple[str, int], Log] = {}


def load(settings: Settings, view: GraphStore, info: VersionInfo) -> Log:
    """The change log of version ``info`` (read once per version and process; only the
    newest version's log is kept)."""
    key = (str(settings.data_dir), info.number)
    with _lock:
        if key in _logs:
            return _logs[key]
    versions = graph_iris(view.base)["versions"]
    rows = view.select_meta(
        f"SELECT ?n ?t ?what ?g WHERE {{ GRAPH <{versions}> {{ ?v <{GPR.versionNumber}> ?n ; "
        f"<http://www.w3.org/ns/prov#generatedAtTime> ?t . ?v ?what ?g "
        f"FILTER(?what IN (<{SYS}added>, <{SYS}replaced>, <{SYS}retracted>, "
        f"<{SYS}statistics>)) }} }}")
    log = Log(info.number)
    for r in rows:
        n = int(r["n"])
        log.times[n] = r["t"]
        log.changes.setdefault(n, []).append(Change(n, r["t"], r["what"][len(SYS):], r["g"]))
    for items in log.changes.values():
        items.sort(key=lambda c: (ORDER[c.action], c.graph))
    log.times = dict(sorted(log.times.items()))
    with _lock:
        # each log holds every version's changes (megabytes on a large store): keep the
        # newest per data directory, not one per version ever served (a soak grew a server
        # process by ~20 MiB per publish)
        for old in [k for k in _logs if k[0] == key[0] and k[1] < key[1]]:
            del _logs[old]
        _logs[key] = log
    return log


def _iris(settings: Settings) -> tuple[URIRef, URIRef]:
    base = settings.base_iri
    return URIRef(base + "changes#stream"), URIRef(base + "changes")


def page_iri(settings: Settings, version: int, page: int) -> URIRef:
    """IRI (and URL) of one page."""
    return URIRef(f"{settings.base_iri}changes/{version}/{page}")


def _graph() -> Graph:
    g = Graph()
    bind_prefixes(g)
    for prefix, ns in (("as", AS), ("ldes", LDES), ("tree", TREE)):
        g.bind(prefix, ns)
    return g


def _stream(g: Graph, settings: Settings) -> URIRef:
    stream, root = _iris(settings)
    g.add((stream, RDF.type, LDES.EventStream))
    g.add((stream, LDES.timestampPath, AS.published))
    g.add((stream, LDES.versionOfPath, AS.object))
    g.add((stream, TREE.view, root))
    g.add((stream, DCTERMS.title, Literal("Perubahan siaran pers", lang="id")))
    g.add((stream, DCTERMS.title, Literal("Press release changes", lang="en")))
    return stream


def _relation(g: Graph, node: URIRef, target: URIRef, time: str, version: int) -> None:
    rel = BNode()
    g.add((node, TREE.relation, rel))
    g.add((rel, RDF.type, TREE.GreaterThanOrEqualToRelation))
    g.add((rel, TREE.path, AS.published))
    g.add((rel, TREE.value, Literal(time, datatype=XSD.dateTime)))
    g.add((rel, TREE.node, target))
    g.add((target, GPR.versionNumber, Literal(version, datatype=XSD.integer)))


def root_graph(settings: Settings, log: Log) -> Graph:
    """The event stream and its root node with a relation to each version's first page."""
    g = _graph()
    _stream(g, settings)
    _, root = _iris(settings)
    g.add((root, RDF.type, TREE.Node))
    for version, time in log.times.items():
        _relation(g, root, page_iri(settings, version, 0), time, version)
    return g


def page_graph(settings: Settings, log: Log, version: int, page: int) -> tuple[Graph, bool]:
    """One page and whether it is final (immutable). Raises :class:`NotFound`."""
    if version not in log.times or not 0 <= page < log.pages(version):
        raise NotFound(f"no change page {version}/{page}: start at /changes",
                       f"tidak ada halaman perubahan {version}/{page}: mulai dari /changes")
    g = _graph()
    stream = _stream(g, settings)
    node = page_iri(settings, version, page)
    g.add((node, RDF.type, TREE.Node))
    g.add((node, DCTERMS.isPartOf, stream))
    g.add((node, GPR.versionNumber, Literal(version, datatype=XSD.integer)))
    items = log.changes.get(version, [])[page * PAGE_SIZE:(page + 1) * PAGE_SIZE]
    prefix = f"{settings.base_iri}graph/release/"
    for n, c in enumerate(items, start=page * PAGE_SIZE):
        m = URIRef(f"{node}#{n}")
        g.add((stream, TREE.member, m))
        g.add((m, RDF.type, ACTIONS[c.action]))
        g.add((m, AS.object, URIRef(c.graph)))
        g.add((m, AS.published, Literal(c.time, datatype=XSD.dateTime)))
        g.add((m, DCTERMS.isPartOf, URIRef(version_iri(settings.base_iri, version))))
        g.add((m, GPR.versionNumber, Literal(version, datatype=XSD.integer)))
        if c.graph.startswith(prefix):
            g.add((m, GPR.releaseKey, Literal(c.graph[len(prefix):])))
        elif c.action == "statistics":  # not a release: harvesters of releases skip it
            g.add((URIRef(c.graph), RDF.type, DCAT.Dataset))
    final = True
    if page + 1 < log.pages(version):
        _relation(g, node, page_iri(settings, version, page + 1), log.times[version], version)
    else:
        nxt = log.after(version)
        if nxt is None:
            final = False
        else:
            _relation(g, node, page_iri(settings, nxt, 0), log.times[nxt], nxt)
    return g, final
