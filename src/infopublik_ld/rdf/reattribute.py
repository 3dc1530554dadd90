"""Bring the agency that published releases' provenance names to the settings: the agency
part of ``infopublik-ld migrate``.

Releases published before their provenance named the agency (or under an earlier
``agency_name``) say only that the software made them. Republishing their inputs would fix
that one input at a time, and only for inputs still at hand. Instead, every release graph of
this instance whose activity is this software's (``prov:wasAssociatedWith`` the software
agent) and whose agency provenance differs from :func:`~.provenance.agency_triples` of the
settings is rewritten: the old agency statements out, the current ones in, nothing else
touched. All of them are replaced in one new dataset version, so dumps and the change feed
carry the change to harvesters like any other. Each release keeps its identity decisions;
its input hash gets the new agency's tag (:func:`~.provenance.with_agency`), so publishing
the same input again afterwards changes nothing; a kept input record (the console's
*Correct*) follows its release's new content hash.

Harvested releases (another instance's graphs) and releases whose RDF came from elsewhere
(no activity of this software) are left as they are.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field

from rdflib import URIRef

from ..config import Settings
from ..fts import FtsIndex
from ..publish_inputs import VOLATILE, nt
from ..store import VersionInfo, open_store
from ..store.base import SYS, GraphStore, ReleaseWrite
from ..vocab import PROV, SCHEMA
from .provenance import SOFTWARE, agency_iri, agency_name, agency_triples, with_agency

_LINE = re.compile(r"^(<[^>]*>|_:\S+) <([^>]*)> (.*) \.$")
_VOLATILE = tuple(str(p) for p in VOLATILE)


@dataclass
class Reattribution:
    """What the agency migration did: the version it made (``None``: nothing to do) and the
    keys of the releases it rewrote."""

    version: VersionInfo | None = None
    releases: list[str] = field(default_factory=list)

    def to_json(self) -> dict:
        """As ``migrate --format json`` would show it."""
        return {"version": self.version.to_json() if self.version else None,
                "releases": len(self.releases)}


def _stale(store: GraphStore, base: str, name: str) -> dict[str, tuple[str, set[str]]]:
    """Release graph → (its activity, the agency IRIs it names now) for this instance's
    graphs made by this software whose agency provenance is not ``name``'s."""
    own = json.dumps(f"{base}graph/release/")
    rows = store.select(
        f"SELECT ?g ?act ?a ?n WHERE {{ GRAPH ?g {{ ?g <{PROV.wasGeneratedBy}> ?act . "
        f"?act <{PROV.wasAssociatedWith}> <{SOFTWARE}> . "
        f"OPTIONAL {{ ?g <{PROV.wasAttributedTo}> ?a OPTIONAL {{ ?a <{SCHEMA.name}> ?n }} }} "
        f"}} FILTER(STRSTARTS(STR(?g), {own})) }}")
    found: dict[str, tuple[str, set]] = {}
    for r in rows:
        act, names = found.setdefault(r["g"], (r["act"], set()))
        if r.get("a"):
            names.add((r["a"], r.get("n", "")))
    want = {(str(agency_iri(base)), name)}
    return {g: (act, {a for a, _ in names}) for g, (act, names) in found.items()
            if names != want}


def _rewrite(lines: list[str], graph: str, activity: str, old: set[str], base: str,
             name: str) -> list[str]:
    """The graph's N-Triples ``lines`` with its agency statements replaced by ``name``'s."""
    old = old | {str(agency_iri(base))}
    keep = []
    for line in lines:
        m = _LINE.match(line)
        if m:
            s, p, o = m.group(1)[1:-1], m.group(2), m.group(3)
            if (s == graph and p == str(PROV.wasAttributedTo)) or s in old or (
                    s == activity and p == str(PROV.wasAssociatedWith)
                    and o != f"<{SOFTWARE}>") or (
                    s == str(SOFTWARE) and p == str(PROV.actedOnBehalfOf)):
                continue
        keep.append(line)
    new = [f"{nt(s, '')} {nt(p, '')} {nt(o, '')} ." for s, p, o in
           agency_triples(URIRef(graph), URIRef(activity), base, name)]
    return list(dict.fromkeys(keep + new))


def reattribute(settings: Settings) -> Reattribution:
    """Rewrite the agency provenance of every release of this instance that does not name
    the agency of the settings (see module docstring); nothing to do (or no
    ``agency_name``): nothing written, no version. Idempotent.

    Raises :class:`~infopublik_ld.errors.StoreLocked` when another process publishes.
    """
    from ..records.kept import restamp

    result = Reattribution()
    name = agency_name(settings)
    if not name:
        return result
    base = settings.base_iri
    with open_store(settings) as store, FtsIndex(settings.data_dir) as index:
        stale = _stale(store, base, name)
        if not stale:
            return result
        known, tombstoned = store.releases(), store.tombstoned()
        registry = store.g["registry"]
        version = store.last_number() + 1
        restamped: list[tuple[str, str, str]] = []
        graphs = sorted(g for g in stale if g in known)
        for i in range(0, len(graphs), store.chunk_size):
            chunk = graphs[i:i + store.chunk_size]
            values = " ".join(f"<{g}>" for g in chunk)
            # what the registry keeps besides the hashes: the identity decisions, and the
            # facets the counts use (the agency statements change none of them, so they are
            # carried over rather than computed again from the graph)
            kept = {r["g"]: r for r in store.select_meta(
                f"SELECT ?g ?m ?f WHERE {{ VALUES ?g {{ {values} }} GRAPH <{registry}> {{ "
                f"OPTIONAL {{ ?g <{SYS}mentions> ?m }} OPTIONAL {{ ?g <{SYS}facets> ?f }} "
                f"}} }}")}
            writes = []
            for g in chunk:
                state = known[g]
                raw = store.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{g}> "
                                  f"{{ ?s ?p ?o }} }}", media_type="application/n-triples")
                lines = [x for x in raw.decode("utf-8").split("\n") if x.strip()]
                activity, old = stale[g]
                lines = _rewrite(lines, g, activity, old, base, name)
                stable = sorted(x for x in lines if not any(v in x for v in _VOLATILE))
                digest = hashlib.sha256("\n".join(stable).encode("utf-8")).hexdigest()
                writes.append(ReleaseWrite(
                    state.key, g, "".join(f"{x}\n" for x in lines), len(lines), digest,
                    with_agency(state.input_hash, name) if state.input_hash else "",
                    resolved=kept.get(g, {}).get("m", ""), facets=kept.get(g, {}).get("f")))
                restamped.append((state.key, state.content_hash, digest))
                result.releases.append(state.key)
            store.write_chunk(version, writes, known, tombstoned)
        if not result.releases:
            return result
        result.version = store.finalize(version)
        index.set_version(result.version.number)
    restamp(settings.data_dir, restamped)
    return result
