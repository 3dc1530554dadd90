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
from ..store import SYS, GraphStore
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


class VersionStats:
    """The counts of one published version."""

    def __init__(self, view: GraphStore, number: int):
        self.view = view
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
        self._keys: list[str] | None = None

    # --- the per-release index (lazy) ----------------------------------------------------
    def _load_index(self) -> None:
        rows = self.view.select_meta(
            f"SELECT ?k ?f WHERE {{ GRAPH <{self.view.g['registry']}> {{ ?g "
            f"<{GPR.releaseKey}> ?k ; "
            f"<{SYS}facets> ?f }} }}")
        ids: dict[tuple[str, str], int] = {}
        self._values: list[tuple[str, str]] = []
        self._labels: dict[tuple[str, str], str] = {}
        postings: dict[int, array] = {}
        months: list[str] = []
        keys: list[str] = []
        facets: list[array] = []
        for i, r in enumerate(sorted(rows, key=lambda r: r["k"])):
            keys.append(r["k"])
            mine = array("I")
            month = ""
            for d, v, label in parse(r["f"]):
                for key in ((d, v), ("year", v[:4])) if d == "month" else ((d, v),):
                    n = ids.get(key)
                    if n is None:
                        n = ids[key] = len(self._values)
                        self._values.append(key)
                        postings[n] = array("I")
                    postings[n].append(i)
                    if key[0] != "year":
                        mine.append(n)
                if label:
                    self._labels[d, v] = label
                if d == "month":
                    month = v
            facets.append(mine)
            months.append(month)
        self._ids, self._postings, self._facets = ids, postings, facets
        # newest first: by month, then by key
        self._order = sorted(range(len(keys)), key=lambda i: (months[i], keys[i]), reverse=True)
        self._keys = keys

    def _ensure_index(self) -> None:
        if self._keys is None:
            with self._index_lock:
                if self._keys is None:
                    self._load_index()

    def matching(self, filters: dict[str, str]) -> set[int] | None:
        """Indices of the releases matching every filter (``None``: no filter)."""
        if not filters:
            return None
        self._ensure_index()
        found: set[int] | None = None
        for name, value in filters.items():
            n = self._ids.get((name, value))
            ids = set(self._postings[n]) if n is not None else set()
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
            tally: Counter[int] = Counter()
            for i in match:
                tally.update(self._facets[i])
            rows = []
            for n, count in tally.items():
                d, v = self._values[n]
                if d == dim:
                    rows.append(Row(v, count, self._labels.get((d, v), "")))
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
        self._ensure_index()
        match = self.matching(filters)
        order = self._order if match is None else [i for i in self._order if i in match]
        return [self._keys[i] for i in order[offset:offset + limit]]


def version_stats(settings, number: int, view: GraphStore) -> VersionStats:
    """The counts of version ``number`` (one object per data directory and version)."""
    key = (str(settings.data_dir), number)
    with _lock:
        found = _cache.get(key)
    if found is not None:
        return found
    made = VersionStats(view, number)
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
