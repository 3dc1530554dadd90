"""The counts as the web layer reads them: per published version, kept in memory.

Unfiltered counts come from the snapshot publishing wrote for the version beside its
statistics graph (:func:`infopublik_ld.stats.counts.read_snapshot`: one small query and a few
JSON arrays, so the first request of a version is as fast as the next; a store written before
snapshots existed is read from its statistics graph instead). Filtered counts and the faceted
release list need each release's facets: read once per version, on first use, from the
registry of the version's checkpoint (one row per release) into an inverted index, so that a
filter is a set intersection and a facet count a tally over the matching releases.
"""

from __future__ import annotations

import bisect
import re
import threading
from array import array
from collections import Counter
from dataclasses import dataclass

from ..errors import InputError
from ..records.regions import region_info
from ..stats import DIMENSIONS
from ..stats.counts import Totals, read_snapshot, read_totals
from ..stats.facets import parse
from ..store import SYS, GraphStore, version_iri
from ..vocab import GPR

#: filters a list or a count accepts (``year`` and ``month`` both narrow by date)
FILTERS = ("year", "month", "agency", "region", "event-kind", "regulation", "person",
           "organisation")
_PATTERNS = {"year": re.compile(r"^\d{4}$"), "month": re.compile(r"^\d{4}-\d{2}$"),
             "region": re.compile(r"^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$")}
_lock = threading.Lock()
_cache: dict[tuple[str, int], VersionStats] = {}


@dataclass
class Row:
    """One counted value of a dimension."""

    value: str
    count: int
    label: str


def check_filters(args, allowed: tuple[str, ...] = FILTERS, *,
                  strict: bool = False) -> dict[str, str]:
    """The filters in request ``args`` (unknown arguments are left to the caller); empty
    ones are ignored (a form's "all"), unless ``strict`` (the API).

    Raises :class:`InputError` naming the argument whose value is malformed.
    """
    out = {}
    for name in allowed:
        value = (args.get(name) or "").strip()
        if not value and not (strict and name in args):
            continue
        pattern = _PATTERNS.get(name)
        bad = (pattern is not None and not pattern.match(value)) or len(value) > 500 or (
            pattern is None and not value.startswith(("http://", "https://")))
        if bad:
            hint = {"year": "YYYY", "month": "YYYY-MM", "region": "a Kemendagri code, e.g. 12.23"}
            raise InputError(
                f"{name}={value[:60]!r} is not valid: expected {hint.get(name, 'an IRI')}",
                f"{name}={value[:60]!r} tidak sah: seharusnya "
                f"{hint.get(name, 'sebuah IRI').replace('e.g.', 'mis.')}", where=name)
        out[name] = value
    return out


class FacetIndex:
    """Each release's facets in one version, inverted: value → releases (``postings``) and
    release → values (``facets``), releases identified by an index into ``keys``.

    Built in full from the registry (:meth:`load`: one row per release, seconds at 100 000
    releases), or from the previous version's index and the releases that changed since
    (:meth:`updated`: the cost of the change; the two share what did not change). A release
    replaced or retracted leaves a dead index behind (``alive`` 0), out of every posting.
    """

    def __init__(self) -> None:
        self.keys: list[str] = []
        self.alive = bytearray()
        #: release graph → its (live) index
        self.graph_index: dict[str, int] = {}
        #: value ids of each release (its year not among them)
        self.facets: list[array] = []
        self.months: list[str] = []
        self.ids: dict[tuple[str, str], int] = {}
        self.values: list[tuple[str, str]] = []
        self.labels: dict[tuple[str, str], str] = {}
        self.postings: dict[int, array] = {}
        #: live releases, oldest first (by month, then key)
        self.asc: list[int] = []

    @classmethod
    def load(cls, view: GraphStore) -> FacetIndex:
        """The index of every release of ``view`` (from its registry)."""
        rows = view.select_meta(
            f"SELECT ?g ?k ?f WHERE {{ GRAPH <{view.g['registry']}> {{ ?g "
            f"<{GPR.releaseKey}> ?k ; <{SYS}facets> ?f }} }}")
        index = cls()
        for r in sorted(rows, key=lambda r: r["k"]):
            index._add(r["g"], r["k"], r["f"], None)
        index.asc = sorted(range(len(index.keys)), key=index._sort_key)
        return index

    def _sort_key(self, i: int) -> tuple[str, str]:
        return self.months[i], self.keys[i]

    def _value(self, key: tuple[str, str], owned: set[int] | None) -> int:
        n = self.ids.get(key)
        if n is None:
            n = self.ids[key] = len(self.values)
            self.values.append(key)
            self.postings[n] = array("I")
            if owned is not None:
                owned.add(n)
        elif owned is not None and n not in owned:  # shared with the previous version
            self.postings[n] = array("I", self.postings[n])
            owned.add(n)
        return n

    def _add(self, graph: str, key: str, facets: str, owned: set[int] | None) -> int:
        """Index one release; ``owned``: the postings this index has its own copy of
        (``None``: all of them, a fresh index)."""
        i = len(self.keys)
        self.keys.append(key)
        self.alive.append(1)
        self.graph_index[graph] = i
        mine = array("I")
        month = ""
        seen: set[tuple[str, str]] = set()
        for d, v, label in parse(facets):
            if (d, v) in seen:  # a value named twice counts once
                continue
            seen.add((d, v))
            for k in ((d, v), ("year", v[:4])) if d == "month" else ((d, v),):
                n = self._value(k, owned)
                self.postings[n].append(i)
                if k[0] != "year":
                    mine.append(n)
            if label:
                self.labels[d, v] = label
            if d == "month":
                month = v
        self.facets.append(mine)
        self.months.append(month)
        return i

    def dead_share(self) -> float:
        """The share of indices whose release is gone (replaced or retracted)."""
        return 1 - len(self.graph_index) / len(self.keys) if self.keys else 0.0

    def updated(self, changes: dict[str, tuple[str, str] | None]) -> FacetIndex:
        """A new index: this one with the releases in ``changes`` (graph → (key, facets), or
        ``None`` when it is no longer published) taken out and put in again."""
        new = FacetIndex()
        new.keys, new.alive, new.graph_index = list(self.keys), bytearray(self.alive), \
            dict(self.graph_index)
        new.facets, new.months = list(self.facets), list(self.months)
        new.ids, new.values, new.labels = dict(self.ids), list(self.values), dict(self.labels)
        new.postings, new.asc = dict(self.postings), self.asc
        owned: set[int] = set()
        dead = {i for i in (new.graph_index.pop(g, None) for g in changes) if i is not None}
        if dead:
            touched = {n for i in dead for n in new.facets[i]}
            touched |= {new.ids[k] for i in dead if (k := ("year", new.months[i][:4])) in new.ids}
            for n in touched:
                new.postings[n] = array("I", [x for x in new.postings[n] if x not in dead])
                owned.add(n)
            for i in dead:
                new.alive[i] = 0
            new.asc = [i for i in new.asc if i not in dead]
        else:
            new.asc = list(new.asc)
        for graph, found in sorted(changes.items()):
            if found is not None:
                bisect.insort(new.asc, new._add(graph, found[0], found[1], owned),
                              key=new._sort_key)
        return new


#: versions and changed releases up to which a new version's index is derived from the
#: previous one (beyond: read in full)
UPDATE_VERSIONS, UPDATE_RELEASES = 50, 20_000


def changed_releases(view: GraphStore, since: int, number: int
                     ) -> dict[str, tuple[str, str] | None] | None:
    """The releases versions ``since`` (exclusive) to ``number`` added, replaced or
    retracted: graph → (key, facets) as ``number`` has them, ``None`` when it has none (the
    release is gone). ``None`` when there are too many to be worth it."""
    if number - since > UPDATE_VERSIONS:
        return None
    versions = " ".join(f"<{version_iri(view.base, n)}>" for n in range(since + 1, number + 1))
    rows = view.select_meta(
        f"SELECT DISTINCT ?g WHERE {{ GRAPH <{view.g['versions']}> {{ VALUES ?v {{ {versions} }}"
        f" ?v ?what ?g FILTER(?what IN (<{SYS}added>, <{SYS}replaced>, <{SYS}retracted>)) }} }}")
    graphs = [r["g"] for r in rows]
    if len(graphs) > UPDATE_RELEASES:
        return None
    out: dict[str, tuple[str, str] | None] = dict.fromkeys(graphs)
    for i in range(0, len(graphs), 1000):
        values = " ".join(f"<{g}>" for g in graphs[i:i + 1000])
        for r in view.select_meta(
                f"SELECT ?g ?k ?f WHERE {{ VALUES ?g {{ {values} }} GRAPH "
                f"<{view.g['registry']}> {{ ?g <{GPR.releaseKey}> ?k ; <{SYS}facets> ?f }} }}"):
            out[r["g"]] = (r["k"], r["f"])
    return out


class VersionStats:
    """The counts of one published version."""

    def __init__(self, view: GraphStore, number: int, previous: VersionStats | None = None):
        self.view, self.number = view, number
        snap = read_snapshot(view)
        # the snapshot of this version; a live remote store may already hold a newer one,
        # which is as current as its graph
        self.totals: Totals = snap.totals if snap is not None and snap.version >= number \
            else read_totals(view)
        # each dimension's rows, most counted first, sorted once per version
        self._by_dim: dict[str, list[tuple[str, int, str]]] = {d: [] for d in DIMENSIONS}
        for (d, v), n in self.totals.n.items():
            self._by_dim.setdefault(d, []).append((v, n, self.totals.labels.get((d, v), "")))
        for rows in self._by_dim.values():
            rows.sort(key=lambda r: (-r[1], r[0]))
        self._index_lock = threading.Lock()
        self._index: FacetIndex | None = None
        # the newest older version with an index: this one's is derived from it. Only one
        # is held on to (an older one is let go as soon as a newer one has an index)
        if previous is not None and previous._index is None:
            previous = previous._previous
        self._previous = previous if previous is not None and previous.number < number \
            else None

    # --- the per-release index (on first use, or ahead by serve) ---------------------------
    def index(self) -> FacetIndex:
        """The facet index of this version (built on first use)."""
        if self._index is None:
            with self._index_lock:
                if self._index is None:
                    self._index = self._build_index()
                    self._previous = None
        return self._index

    def _build_index(self) -> FacetIndex:
        previous = self._previous
        if previous is not None and previous._index is not None \
                and previous._index.dead_share() < 0.2:
            changes = changed_releases(self.view, previous.number, self.number)
            if changes is not None:
                return previous._index.updated(changes)
        return FacetIndex.load(self.view)

    def matching(self, filters: dict[str, str]) -> set[int] | None:
        """Indices of the releases matching every filter (``None``: no filter)."""
        if not filters:
            return None
        index = self.index()
        found: set[int] | None = None
        for name, value in filters.items():
            n = index.ids.get((name, value))
            ids = set(index.postings[n]) if n is not None else set()
            found = ids if found is None else found & ids
            if not found:
                return set()
        return found

    # --- answers ---------------------------------------------------------------------------
    def rows(self, dim: str, filters: dict[str, str] | None = None) -> list[Row]:
        """Counts of ``dim`` among the releases matching ``filters``: months in time order,
        everything else most counted first."""
        if dim not in DIMENSIONS:
            raise KeyError(dim)
        match = self.matching(filters or {})
        if match is None:
            rows = [Row(v, n, label) for v, n, label in self._by_dim[dim]]
        else:
            index = self.index()
            tally: Counter[int] = Counter()
            for i in match:
                tally.update(index.facets[i])
            rows = []
            for n, count in tally.items():
                d, v = index.values[n]
                if d == dim:
                    rows.append(Row(v, count, index.labels.get((d, v), "")))
            rows.sort(key=lambda r: (-r.count, r.value))
        if dim == "month":
            rows.sort(key=lambda r: r.value)
        if dim == "region":
            for r in rows:
                info = region_info(r.value)
                r.label = info.name if info else r.value
        return rows

    def total(self, filters: dict[str, str] | None = None) -> int:
        """How many releases match ``filters``."""
        match = self.matching(filters or {})
        return self.totals.releases if match is None else len(match)

    def page(self, filters: dict[str, str], offset: int, limit: int) -> list[str]:
        """Keys of the matching releases, newest first, ``limit`` from ``offset``."""
        index = self.index()
        match = self.matching(filters)
        if match is None:
            end = len(index.asc) - offset
            chosen = index.asc[max(0, end - limit):max(0, end)][::-1]
        else:
            chosen = []
            for i in reversed(index.asc):
                if i in match:
                    chosen.append(i)
                    if len(chosen) >= offset + limit:
                        break
            chosen = chosen[offset:]
        return [index.keys[i] for i in chosen]


def version_stats(settings, number: int, view: GraphStore) -> VersionStats:
    """The counts of version ``number`` (one object per data directory and version; the
    newest older one hands its facet index on)."""
    key = (str(settings.data_dir), number)
    with _lock:
        found = _cache.get(key)
        older = [k for k in _cache if k[0] == key[0] and k[1] < number]
        previous = _cache[max(older)] if older else None
    if found is not None:
        return found
    made = VersionStats(view, number, previous)
    with _lock:
        for old in [k for k in _cache if k[0] == key[0] and k[1] < number]:
            del _cache[old]
        return _cache.setdefault(key, made)


# --- numbers and plurals people read -------------------------------------------------------
def number(n: int, lang: str) -> str:
    """``n`` with the thousands separator of ``lang``.

    >>> number(1234, "id"), number(1234, "en")
    ('1.234', '1,234')
    """
    text = f"{n:,}"
    return text.replace(",", ".") if lang == "id" else text


#: (Indonesian, English singular, English plural); Indonesian nouns do not inflect
NOUNS = {"release": ("siaran", "release", "releases"),
         "article": ("artikel", "article", "articles"),
         "event": ("kegiatan", "event", "events"),
         "person": ("orang", "person", "people"),
         "regulation": ("peraturan", "regulation", "regulations"),
         "triple": ("tripel", "triple", "triples")}


def count_of(n: int, noun: str, lang: str) -> str:
    """``n`` and ``noun`` as people write them in ``lang``.

    >>> count_of(1, "article", "en"), count_of(1234, "release", "id"), count_of(2, "person", "en")
    ('1 article', '1.234 siaran', '2 people')
    """
    idn, one, many = NOUNS[noun]
    word = idn if lang == "id" else (one if n == 1 else many)
    return f"{number(n, lang)} {word}"
