"""Reconciliation (W3C Reconciliation Service API 0.2) against an instance's entities: people
and organisations of its authority list, regions (the shipped Kemendagri table) and the
regulations its releases cite. The web layer (``web/reconcile.py``) only parses requests and
serialises what these functions return. The entities are those of the authority index
(:mod:`.index`), which publishing keeps up to date: a query is a few indexed SQL lookups (its
exact name, its rarest name tokens, an organisation's canonical key) and the scoring of at
most :data:`SCORED` candidates, the same work on the first request after a publish as later
(a process keeps the candidates it parsed, by row id, which is never reused).

Scores run from 0 to 100: the best similarity of the query to one of the entity's names
(spellings seen, folded; Dice coefficient of character bigrams: difflib's ratio made a batch
of 100 names take 260 ms, this 70 ms, measured on a 2 000-release store), moved up or down
by the properties given (office, organisation, region, year). ``match`` is true only for a
candidate whose name equals the query (folded), scores at least :data:`MATCH_SCORE` and has
no rival with the same score: then OpenRefine may match it without asking.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache

from ..config import Settings
from ..errors import InputError
from ..store.base import GraphStore
from .index import AuthorityIndex, for_reading
from .keys import org_key, person_key, region_of_name

TYPES = {
    "person": ("Orang", "Person"),
    "organization": ("Organisasi", "Organisation"),
    "region": ("Wilayah", "Region"),
    "regulation": ("Peraturan", "Regulation"),
}
PROPERTIES = {
    "office": ("Jabatan (kode skema jabatan atau teks)", "Office (office-scheme code or text)"),
    "organization": ("Organisasi (nama atau IRI)", "Organisation (name or IRI)"),
    "region": ("Wilayah (kode Kemendagri atau nama)", "Region (Kemendagri code or name)"),
    "year": ("Tahun (peraturan)", "Year (regulations)"),
}
MATCH_SCORE = 95
MAX_LIMIT = 25
MAX_QUERIES = 1000
MAX_QUERY_CHARS = 200
#: a token shared by more entities than this is not used to find candidates (unless alone)
COMMON_TOKEN = 1000
#: candidates scored per query, the ones sharing most tokens with it
SCORED = 20
#: spellings of one entity compared with the query (the most frequent first)
SPELLINGS = 3
#: entities a process keeps parsed, per authority index
CACHED = 50_000
_parsed: dict[str, dict[int, Entity]] = {}


@dataclass
class Entity:
    """One thing that can be reconciled."""

    id: str
    type: str
    name: str
    names: list[str]
    description: str = ""
    offices: set[str] = field(default_factory=set)
    orgs: set[str] = field(default_factory=set)
    regions: set[str] = field(default_factory=set)
    year: str = ""
    #: the names folded (:func:`.keys.person_key`), and the bigrams of the first few
    folded: list[str] = field(default_factory=list)
    grams: list[frozenset[str]] = field(default_factory=list)


class Index:
    """What reconciliation searches: the entities of the authority index
    (:mod:`.index`), by folded name, name token and organisation key; indexed SQL lookups,
    bounded per query, so nothing is loaded or built before the first request."""

    def __init__(self, index: AuthorityIndex):
        self.db = index.db
        self.cache = _parsed.setdefault(index.identity, {})

    def entities(self, ids: list[int]) -> dict[int, Entity]:
        """The entities with row ids ``ids`` (parsed once per process: an id is never
        reused for other content)."""
        cache = self.cache
        out = {i: cache[i] for i in ids if i in cache}
        todo = [i for i in ids if i not in out]
        if not todo:
            return out
        if len(cache) > CACHED:
            cache.clear()
        for eid, iri, type_, name, data in self.db.execute(
                "SELECT id, iri, type, name, data FROM entity WHERE id IN "  # noqa: S608
                f"({','.join('?' * len(todo))})", todo):
            names, folded, description, offices, orgs, regions, year = json.loads(data)
            out[eid] = cache[eid] = Entity(
                iri, type_, name, names, description, set(offices), set(orgs), set(regions),
                year, folded, [_grams(n) for n in folded[:SPELLINGS]])
        return out

    def by_id(self, iri: str) -> Entity | None:
        """The entity whose IRI is ``iri``, or ``None``."""
        row = self.db.execute("SELECT id FROM entity WHERE iri = ?", (iri,)).fetchone()
        return self.entities([row[0]]).get(row[0]) if row else None

    def org_names(self, iris: set[str]) -> dict[str, str]:
        """Display names of the organisations ``iris``."""
        if not iris:
            return {}
        marks = ",".join("?" * len(iris))
        return dict(self.db.execute(
            f"SELECT iri, name FROM entity WHERE iri IN ({marks})", sorted(iris)))  # noqa: S608

    def same_org(self, key: str) -> list[int]:
        """Organisations with the canonical key ``key``."""
        return [r[0] for r in self.db.execute(
            "SELECT entity FROM ekey WHERE key = ? ORDER BY entity LIMIT ?", (key, SCORED))]

    def candidates(self, query: str, types: list[str]) -> list[int]:
        """Entities with the query's exact (folded) name first (at most :data:`SCORED`),
        then those sharing most of its rarest tokens: bounded work per query whatever the
        store's size (a name shared by hundreds of entities is common in a big store)."""
        marks = ",".join("?" * len(types))
        exact = [r[0] for r in self.db.execute(
            f"SELECT entity FROM ename WHERE type IN ({marks}) AND fname = ? "  # noqa: S608
            f"ORDER BY entity LIMIT ?", [*types, query, SCORED])]
        # with exact hits the others only fill the list: one rare token, a short prefix of it
        depth, width = (1, SCORED * 5) if exact else (2, COMMON_TOKEN)
        lists: list[tuple[str, str]] = []
        toks = list(dict.fromkeys(query.split()))
        tmarks = ",".join("?" * len(toks))
        for t in types:
            sized = sorted((n, tok) for tok, n in self.db.execute(
                f"SELECT tok, n FROM etcount WHERE type = ? AND tok IN ({tmarks}) "  # noqa: S608
                f"AND n > 0", [t, *toks]))
            usable = [x for x in sized if x[0] <= COMMON_TOKEN][:depth] or sized[:1]
            lists += [(t, tok) for _n, tok in usable]
        counted: list[int] = []
        if lists:
            union = " UNION ALL ".join(
                "SELECT * FROM (SELECT entity FROM etoken WHERE type = ? AND tok = ? "
                "ORDER BY entity LIMIT ?)" for _ in lists)
            params = [x for t, tok in lists for x in (t, tok, width)]
            counted = [r[0] for r in self.db.execute(
                f"SELECT entity FROM ({union}) GROUP BY entity "  # noqa: S608
                f"ORDER BY COUNT(*) DESC, entity LIMIT ?", [*params, SCORED])]
        return list(dict.fromkeys(exact + counted))

    def prefixed(self, types: list[str], prefix: str, limit: int) -> list[int]:
        """Entities with a name token starting with ``prefix`` (folded)."""
        high = prefix[:-1] + chr(ord(prefix[-1]) + 1)
        out: list[int] = []
        for t in types:
            out += [r[0] for r in self.db.execute(
                "SELECT DISTINCT entity FROM etoken WHERE type = ? AND tok >= ? AND tok < ? "
                "ORDER BY entity LIMIT ?", (t, prefix, high, limit))]
        return out


@lru_cache(maxsize=65536)
def _grams(text: str) -> frozenset[str]:
    padded = f" {text} "
    return frozenset(map(str.__add__, padded[:-1], padded[1:]))


def similarity(a: frozenset[str], b: frozenset[str]) -> float:
    """Dice coefficient of two bigram sets (0 to 1).

    >>> round(similarity(_grams("abdul haris"), _grams("abdul haris rangkuti")), 2)
    0.73
    """
    return 2 * len(a & b) / (len(a) + len(b)) if a or b else 0.0


def index_for(settings: Settings, view: GraphStore, number: int) -> Index:
    """The reconciliation index of published version ``number`` (``view``): the authority
    index of the data directory (:mod:`.index`), brought up to that version if a writer
    left it behind."""
    return Index(for_reading(settings.data_dir, view, number))


# --- queries ---------------------------------------------------------------------------
def _error(where: str, en: str, id_: str) -> InputError:
    return InputError(f"{where}: {en}", f"{where}: {id_}", where=where)


def parse_batch(text: str) -> dict[str, dict]:
    """The ``queries`` parameter: a JSON object of query objects (spec 0.2). Raises
    :class:`InputError` naming the query and field."""
    try:
        batch = json.loads(text)
    except ValueError as exc:
        raise _error("queries", f"not JSON ({exc})", f"bukan JSON ({exc})") from None
    if not isinstance(batch, dict):
        raise _error("queries", "a JSON object of queries is expected, e.g. "
                     '{"q0": {"query": "Sugeng"}}',
                     'harus objek JSON berisi kueri, mis. {"q0": {"query": "Sugeng"}}')
    if len(batch) > MAX_QUERIES:
        raise _error("queries", f"{len(batch)} queries, at most {MAX_QUERIES} per request",
                     f"{len(batch)} kueri, paling banyak {MAX_QUERIES} per permintaan")
    for key, q in batch.items():
        where = f"queries.{key}"
        if not isinstance(q, dict):
            raise _error(where, "a query is a JSON object", "kueri harus objek JSON")
        unknown = set(q) - {"query", "type", "limit", "properties", "type_strict"}
        if unknown:
            raise _error(where, f"unknown fields {sorted(unknown)}",
                         f"isian tidak dikenal {sorted(unknown)}")
        if not isinstance(q.get("query", ""), str) or len(q.get("query", "")) > \
                MAX_QUERY_CHARS:
            raise _error(f"{where}.query", f"a text of at most {MAX_QUERY_CHARS} characters",
                         f"teks paling panjang {MAX_QUERY_CHARS} karakter")
        if not q.get("query") and not q.get("properties"):
            raise _error(where, "give a query text or properties",
                         "beri teks kueri atau properti")
        types = q.get("type", [])
        types = [types] if isinstance(types, str) else types
        if not isinstance(types, list) or any(t not in TYPES for t in types):
            raise _error(f"{where}.type", f"types are {', '.join(TYPES)}",
                         f"tipe yang ada: {', '.join(TYPES)}")
        limit = q.get("limit", 3)
        if not isinstance(limit, int | float) or isinstance(limit, bool) or limit < 1:
            raise _error(f"{where}.limit", "a positive number", "bilangan positif")
        props = q.get("properties", [])
        if not isinstance(props, list) or any(
                not isinstance(p, dict) or p.get("pid") not in PROPERTIES or "v" not in p
                for p in props):
            raise _error(f"{where}.properties", "a list of {pid, v} with pid one of "
                         f"{', '.join(PROPERTIES)}",
                         f"daftar {{pid, v}} dengan pid salah satu {', '.join(PROPERTIES)}")
    return batch


def _values(v) -> list[str]:
    items = v if isinstance(v, list) else [v]
    out = []
    for item in items:
        if isinstance(item, dict):
            out += [str(item.get("id", "")), str(item.get("name", ""))]
        elif not isinstance(item, bool):
            out.append(str(item))
    return [x for x in out if x]


def _property_score(e: Entity, props: list[dict], org_names: dict[str, str]
                    ) -> tuple[float, list[dict]]:
    bonus, features = 0.0, []
    for p in props:
        values = _values(p["v"])
        pid = p["pid"]
        if pid == "office":
            wanted = {person_key(v) for v in values} | set(values)
            hit = bool(e.offices & wanted) or any(w in o for o in e.offices for w in wanted
                                                   if len(w) > 3)
            known = bool(e.offices)
        elif pid == "organization":
            names = {person_key(org_names.get(o, "")) for o in e.orgs}
            hit = bool(e.orgs & set(values)) or any(person_key(v) in names for v in values)
            known = bool(e.orgs)
        elif pid == "region":
            codes = {v if v[:1].isdigit() else (region_of_name(v) or "") for v in values}
            hit = any(c and any(r == c or r.startswith(c + ".") or c.startswith(r + ".")
                                for r in e.regions) for c in codes)
            known = bool(e.regions)
        else:  # year
            hit, known = e.year in values, bool(e.year)
        features.append({"id": pid, "value": hit})
        bonus += 10 if hit else (-25 if known else -5)
    return bonus, features


def _describe(e: Entity, org_names: dict[str, str]) -> str:
    if e.type != "person":
        return e.description
    where = sorted(org_names[o] for o in e.orgs if o in org_names)
    jobs = sorted(o for o in e.offices if " " in o)
    return "; ".join(jobs[:2] + where[:2])


def reconcile_one(index: Index, q: dict) -> list[dict]:
    """Candidates for one query object, best first."""
    text = person_key(q.get("query", ""))
    types = q.get("type", [])
    types = [types] if isinstance(types, str) else (types or list(TYPES))
    limit = min(int(q.get("limit", 3)), MAX_LIMIT)
    props = q.get("properties", [])
    if not text:
        return []
    grams = _grams(text)
    same_org = set(index.same_org(org_key(q["query"]))) if "organization" in types else set()
    ids = list(dict.fromkeys(sorted(same_org) + index.candidates(text, types)))
    found = index.entities(ids)
    people = [found[i] for i in ids if i in found and found[i].type == "person"]
    org_names = index.org_names({o for e in people for o in e.orgs})
    scored = []
    for i in ids:
        e = found.get(i)
        if e is None:
            continue
        # "Diskominfo Labura" is "Dinas Komunikasi dan Informatika Kabupaten Labuhanbatu
        # Utara": the same canonical key counts as the same name
        exact = i in same_org or text in e.folded
        ratio = 1.0 if exact else max((similarity(grams, g) for g in e.grams), default=0.0)
        bonus, features = _property_score(e, props, org_names)
        score = round(max(0.0, min(100.0, 100 * ratio + bonus)), 1)
        features.insert(0, {"id": "name", "value": round(ratio, 3)})
        scored.append((score, exact, e, features))
    scored.sort(key=lambda s: (-s[0], not s[1], s[2].id))
    out = []
    for n, (score, exact, e, features) in enumerate(scored[:limit]):
        rival = (n + 1 < len(scored) and scored[n + 1][0] == score) or (
            n > 0 and scored[n - 1][0] == score)
        out.append({"id": e.id, "name": e.name,
                    "description": _describe(e, org_names),
                    "score": score, "features": features,
                    "match": bool(n == 0 and exact and score >= MATCH_SCORE and not rival),
                    "type": [{"id": e.type, "name": TYPES[e.type][0]}]})
    return out


def reconcile(index: Index, batch: dict[str, dict]) -> dict[str, dict]:
    """Results of a checked batch (see :func:`parse_batch`)."""
    return {key: {"result": reconcile_one(index, q)} for key, q in batch.items()}


def suggest_entities(index: Index, prefix: str, types: list[str] | None = None,
                     limit: int = 10) -> list[dict]:
    """Entities whose name (a word of it) starts with ``prefix``."""
    p = person_key(prefix)
    if not p:
        return []
    found = index.entities(index.prefixed(types or list(TYPES), p.split()[-1], 2000))
    hits = [e for e in found.values() if any(p in n for n in e.folded)]
    hits.sort(key=lambda e: (not e.folded[0].startswith(p), e.name, e.id))
    org_names = index.org_names({o for e in hits[:limit] for o in e.orgs})
    return [{"id": e.id, "name": e.name, "description": _describe(e, org_names),
             "notable": [{"id": e.type, "name": TYPES[e.type][0]}]} for e in hits[:limit]]
