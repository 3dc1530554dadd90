"""Reconciliation (W3C Reconciliation Service API 0.2) against an instance's entities: people
and organisations of its authority list, regions (the shipped Kemendagri table) and the
regulations its releases cite. The web layer (``web/reconcile.py``) only parses requests and
serialises what these functions return.

Scores run from 0 to 100: the best similarity of the query to one of the entity's names
(spellings seen, folded; Dice coefficient of character bigrams: difflib's ratio made a batch
of 100 names take 260 ms, this 70 ms, measured on a 2 000-release store), moved up or down
by the properties given (office, organisation, region, year). ``match`` is true only for a
candidate whose name equals the query (folded), scores at least :data:`MATCH_SCORE` and has
no rival with the same score: then OpenRefine may match it without asking.
"""

from __future__ import annotations

import json
import threading
from collections import Counter
from dataclasses import dataclass, field

from ..errors import InputError
from ..records.regions import _table as region_table
from ..store.base import GraphStore
from ..vocab import ELI, REGION, SCHEMA
from .keys import org_key, person_key, region_of_name
from .registry import merges, stored_mentions

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
    #: canonical keys (organisations: :func:`.keys.org_key`)
    keys: set[str] = field(default_factory=set)


class Index:
    """Entities by type and by name token (built once per published version)."""

    def __init__(self, entities: list[Entity], org_names: dict[str, str]):
        self.entities = entities
        self.by_id = {e.id: e for e in entities}
        self.org_names = org_names
        self.folded = [list(dict.fromkeys(person_key(n) for n in e.names)) for e in entities]
        self.grams = [[_grams(n) for n in names[:SPELLINGS]] for names in self.folded]
        self.tokens: dict[tuple[str, str], list[int]] = {}
        self.exact: dict[tuple[str, str], list[int]] = {}
        self.org_keys: dict[str, list[int]] = {}
        for i, e in enumerate(entities):
            for n in self.folded[i]:
                self.exact.setdefault((e.type, n), []).append(i)
            for k in e.keys:
                self.org_keys.setdefault(k, []).append(i)
            for tok in {t for n in self.folded[i] for t in n.split()}:
                self.tokens.setdefault((e.type, tok), []).append(i)

    def candidates(self, query: str, types: list[str]) -> list[int]:
        """Entities with the query's exact (folded) name first (at most :data:`SCORED`),
        then those sharing most of its rarest tokens: bounded work per query whatever the
        store's size (a name shared by hundreds of entities is common in a big store)."""
        toks = query.split()
        exact = [i for t in types for i in self.exact.get((t, query), ())][:SCORED]
        # with exact hits the others only fill the list: one rare token, a short prefix of it
        depth, width = (1, SCORED * 5) if exact else (2, COMMON_TOKEN)
        counts: Counter[int] = Counter()
        for t in types:
            lists = sorted((self.tokens.get((t, tok), []) for tok in toks), key=len)
            usable = [ids for ids in lists if ids and len(ids) <= COMMON_TOKEN][:depth] or \
                lists[:1]
            for ids in usable:
                counts.update(ids[:width])
        return list(dict.fromkeys(exact + [i for i, _ in counts.most_common(SCORED)]))


def _grams(text: str) -> frozenset[str]:
    padded = f" {text} "
    return frozenset(padded[i:i + 2] for i in range(len(padded) - 1))


def similarity(a: frozenset[str], b: frozenset[str]) -> float:
    """Dice coefficient of two bigram sets (0 to 1).

    >>> round(similarity(_grams("abdul haris"), _grams("abdul haris rangkuti")), 2)
    0.73
    """
    return 2 * len(a & b) / (len(a) + len(b)) if a or b else 0.0


def _people_and_orgs(view: GraphStore) -> tuple[list[Entity], dict[str, str]]:
    merged = merges(view)
    people: dict[str, Entity] = {}
    orgs: dict[str, Entity] = {}
    names: dict[str, Counter] = {}
    for _graph, text, published in stored_mentions(view):
        if not published:
            continue
        doc = json.loads(text)
        for _local, iri, _origin, key, name, region in doc.get("o", ()):
            if iri in merged:
                continue
            e = orgs.get(iri) or orgs.setdefault(iri, Entity(iri, "organization", name, []))
            e.keys.add(key)
            names.setdefault(iri, Counter())[name] += 1
            if region:
                e.regions.add(region)
        for row in doc.get("p", ()):
            iri = row[1]
            if iri in merged:
                continue
            name = row[10] if len(row) > 10 else row[7]
            e = people.get(iri) or people.setdefault(iri, Entity(iri, "person", name, []))
            names.setdefault(iri, Counter())[name] += 1
            if row[7] and row[7] != name:
                names[iri][row[7]] += 0  # a spelling seen, never the display name
            if row[4]:
                e.orgs.add(row[4])
            if row[5]:
                e.regions.add(row[5])
            if row[6]:
                e.offices.add(row[6])
            if row[8]:
                e.offices.add(person_key(row[8]))
    for iri, e in {**people, **orgs}.items():
        seen = names[iri]
        e.names = sorted(seen, key=lambda n: (-seen[n], n))
        e.name = e.names[0]
    org_names = {iri: e.name for iri, e in orgs.items()}
    for e in people.values():
        where = sorted(org_names.get(o, "") for o in e.orgs if o in org_names)
        jobs = sorted(o for o in e.offices if " " in o)
        e.description = "; ".join([j for j in jobs[:2]] + where[:2])
    for e in orgs.values():
        e.description = ", ".join(_region_name(r) for r in sorted(e.regions))
    return list(people.values()) + list(orgs.values()), org_names


def _region_name(code: str) -> str:
    info = region_table()[0].get(code)
    return info.name if info else code


def _regions() -> list[Entity]:
    out = []
    for code, r in region_table()[0].items():
        if r.level == "desa":
            continue  # 83 000 villages, most names shared: not worth a candidate each
        parent = region_table()[0].get(r.parent) if r.parent else None
        out.append(Entity(str(REGION[code]), "region", r.name, [r.name],
                          f"{r.level} {code}" + (f", {parent.name}" if parent else ""),
                          regions={code}))
    return out


def _regulations(view: GraphStore) -> list[Entity]:
    rows = view.select(
        f"SELECT ?r (SAMPLE(?i) AS ?id) (SAMPLE(?t) AS ?title) (SAMPLE(?y) AS ?year) WHERE {{ "
        f"GRAPH ?g {{ ?r a <{SCHEMA.Legislation}> ; <{SCHEMA.legislationIdentifier}> ?i "
        f"OPTIONAL {{ ?r <{ELI.title}> ?t }} OPTIONAL {{ ?r <{SCHEMA.legislationDate}> ?y }} "
        f"}} }} GROUP BY ?r")
    out = []
    for r in rows:
        names = [r["id"]] + ([f"{r['id']} tentang {r['title']}", r["title"]]
                             if r.get("title") else [])
        out.append(Entity(r["r"], "regulation", r["id"], names, r.get("title", ""),
                          year=r.get("year", "")[:4]))
    return out


_cache: dict[tuple[str, int], Index] = {}
_lock = threading.Lock()


def index_for(view: GraphStore, cache_key: tuple[str, int] | None = None) -> Index:
    """The reconciliation index of a published version (cached by ``cache_key``, e.g. data
    directory and version number)."""
    with _lock:
        if cache_key is not None and cache_key in _cache:
            return _cache[cache_key]
        entities, org_names = _people_and_orgs(view)
        index = Index(entities + _regions() + _regulations(view), org_names)
        if cache_key is not None:
            for old in [k for k in _cache if k[0] == cache_key[0]]:
                del _cache[old]
            _cache[cache_key] = index
        return index


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


def _property_score(index: Index, e: Entity, props: list[dict]) -> tuple[float, list[dict]]:
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
            names = {person_key(index.org_names.get(o, "")) for o in e.orgs}
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
    scored = []
    same_org = set(index.org_keys.get(org_key(q["query"]), ())) if "organization" in types \
        else set()
    for i in dict.fromkeys(list(same_org) + index.candidates(text, types)):
        e = index.entities[i]
        # "Diskominfo Labura" is "Dinas Komunikasi dan Informatika Kabupaten Labuhanbatu
        # Utara": the same canonical key counts as the same name
        exact = i in same_org or text in index.folded[i]
        ratio = 1.0 if exact else max(similarity(grams, g) for g in index.grams[i])
        bonus, features = _property_score(index, e, props)
        score = round(max(0.0, min(100.0, 100 * ratio + bonus)), 1)
        features.insert(0, {"id": "name", "value": round(ratio, 3)})
        scored.append((score, exact, e, features))
    scored.sort(key=lambda s: (-s[0], not s[1], s[2].id))
    out = []
    for n, (score, exact, e, features) in enumerate(scored[:limit]):
        rival = (n + 1 < len(scored) and scored[n + 1][0] == score) or (
            n > 0 and scored[n - 1][0] == score)
        out.append({"id": e.id, "name": e.name,
                    "description": e.description,
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
    out = []
    for t in types or list(TYPES):
        last = p.split()[-1]
        for (tt, tok), ids in index.tokens.items():
            if tt != t or not tok.startswith(last):
                continue
            for i in ids:
                if any(p in n for n in index.folded[i]):
                    out.append(i)
    seen = sorted(set(out), key=lambda i: (not index.folded[i][0].startswith(p),
                                           index.entities[i].name))
    return [{"id": index.entities[i].id, "name": index.entities[i].name,
             "description": index.entities[i].description,
             "notable": [{"id": index.entities[i].type,
                          "name": TYPES[index.entities[i].type][0]}]} for i in seen[:limit]]
