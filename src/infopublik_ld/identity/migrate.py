"""Bring a store published before the authority list to the identity rules (issue 13):
``infopublik-ld migrate``.

Every release published without stored identity decisions is read back from the store, in
version then key order; its people, organisations and posts (found by their types and
properties) are resolved against the authority list exactly as a new release would be, and
its regional and ministerial regulations, whose old IRIs lacked the issuer, become resources
of this instance (the issuer cannot be read back from the RDF; republishing the record with
``issuer_code`` gives them their shared IRI). Each migrated release is replaced in one new
dataset version, so dumps and the change feed carry the change to harvesters like any other.
An old IRI that no longer names anything answers 301 to its new IRI (``<old> owl:sameAs
<new>`` in ``{base}graph/authority``), when it has exactly one.
"""

from __future__ import annotations

import getpass
import hashlib
import json
import re
from dataclasses import dataclass, field

from ..config import Settings
from ..fts import FtsIndex
from ..records.regulations import NATIONAL_TYPES
from ..store import VersionInfo, open_store
from ..store.base import SYS, GraphStore, ReleaseState, ReleaseWrite, block, lit, now
from ..vocab import GPR, ORG, PROV, RDF, RDFS, REGION, REGULATION, SCHEMA, XSD
from .authority import OWL_SAME_AS, ref
from .registry import authority_graph, load_authority, resolve_write

_LINE = re.compile(r"^(<[^>]*>|_:\S+) <([^>]*)> (.*) \.$")
_VOLATILE = (str(PROV.generatedAtTime), str(PROV.endedAtTime))
ORG_TYPES = {str(SCHEMA.GovernmentOrganization), str(SCHEMA.Organization),
             str(ORG.FormalOrganization), str(ORG.OrganizationalUnit)}
#: releases replaced per write
CHUNK = 500


@dataclass
class MigrationResult:
    """What ``migrate`` did."""

    version: VersionInfo | None = None
    migrated: list[str] = field(default_factory=list)
    redirects: dict[str, str] = field(default_factory=dict)

    def to_json(self) -> dict:
        return {"version": self.version.to_json() if self.version else None,
                "migrated": len(self.migrated), "redirects": len(self.redirects)}


def _literal(term: str) -> str:
    m = re.match(r'^"((?:[^"\\]|\\.)*)"', term)
    if not m:
        return ""
    return m.group(1).encode("latin-1", "backslashreplace").decode("unicode_escape") \
        if "\\" in m.group(1) else m.group(1)


def _pending(store: GraphStore) -> list[ReleaseState]:
    """Published releases without stored identity decisions, in version then key order."""
    rows = store.select_meta(
        f"SELECT ?g WHERE {{ GRAPH <{store.g['registry']}> {{ ?g <{GPR.releaseKey}> ?k "
        f"FILTER NOT EXISTS {{ ?g <{SYS}mentions> ?m }} }} }}")
    known = store.releases()
    states = [known[r["g"]] for r in rows if r["g"] in known]
    return sorted(states, key=lambda s: (s.version, s.key))


def _read(lines: list[str]) -> dict[str, dict[str, list[str]]]:
    """Subject → predicate → objects (N-Triples terms) of a graph's lines."""
    out: dict[str, dict[str, list[str]]] = {}
    for line in lines:
        m = _LINE.match(line)
        if m:
            out.setdefault(m.group(1)[1:-1], {}).setdefault(m.group(2), []).append(m.group(3))
    return out


def _first(props: dict[str, list[str]], p) -> str:
    values = props.get(str(p), [])
    return values[0] if values else ""


def _iri(term: str) -> str:
    return term[1:-1] if term.startswith("<") else ""


def _mentions(base: str, key: str, graph: dict[str, dict[str, list[str]]]
              ) -> tuple[dict, dict[str, str], dict[str, str]]:
    """(mentions as the mapping describes them, old IRI → placeholder, old regulation IRI →
    new instance IRI) of one migrated release."""
    swap: dict[str, str] = {}
    orgs, people, posts = [], [], []
    org_local: dict[str, str] = {}
    for s, props in sorted(graph.items()):
        types = {_iri(t) for t in props.get(str(RDF.type), [])}
        if s.startswith(f"{base}id/organization/") and types & ORG_TYPES:
            local = s.rsplit("/", 1)[1]
            area = _iri(_first(props, SCHEMA.areaServed))
            orgs.append({"local": local, "name": _literal(_first(props, SCHEMA.name)) or local,
                         "region": area[len(str(REGION)):] if area.startswith(str(REGION))
                         else ""})
            org_local[s] = local
            swap[s] = ref("organization", local)
    for s, props in sorted(graph.items()):
        types = {_iri(t) for t in props.get(str(RDF.type), [])}
        if s.startswith(f"{base}id/person/") and str(SCHEMA.Person) in types:
            local = s.rsplit("/", 1)[1]
            office = _iri(_first(props, GPR.office)).rsplit("/", 1)[-1] or None
            people.append({"local": local, "name": _literal(_first(props, SCHEMA.name)) or local,
                           "org": org_local.get(_iri(_first(props, SCHEMA.worksFor))),
                           "office": office,
                           "label": _literal(_first(props, RDFS.label)),
                           "job_title": _literal(_first(props, SCHEMA.jobTitle))})
            swap[s] = ref("person", local)
        elif str(ORG.Post) in types and s.startswith(f"{base}id/post/"):
            org = org_local.get(_iri(_first(props, ORG.postIn)))
            office = _iri(_first(props, ORG.role)).rsplit("/", 1)[-1]
            if org and office:
                posts.append((org, office))
                swap[s] = ref("post", f"{org}:{office}")
    regulations: dict[str, str] = {}
    publisher, region, date = None, "", ""
    for s, props in graph.items():
        if _first(props, SCHEMA.publisher):
            publisher = org_local.get(_iri(_first(props, SCHEMA.publisher)), publisher)
            date = _literal(_first(props, SCHEMA.datePublished) or _first(
                props, SCHEMA.startDate))[:10]
        place = _iri(_first(props, SCHEMA.containedInPlace))
        if place.startswith(str(REGION)) and not region:
            region = place[len(str(REGION)):]
        if s.startswith(str(REGULATION)):
            path = s[len(str(REGULATION)):].split("/")
            if len(path) == 3 and path[0] not in NATIONAL_TYPES:
                # the old form without issuer: the issuer cannot be read back
                regulations[s] = f"{base}id/regulation/{key}-{'-'.join(path)}"
    mentions = {"orgs": orgs, "people": people, "posts": list(dict.fromkeys(posts)),
                "publisher": publisher, "region": region or None, "date": date}
    return mentions, swap, regulations


def _placeholders(lines: list[str], swap: dict[str, str]) -> list[str]:
    out = []
    for line in lines:
        for old in re.findall(r"<([^>]*)>", line):
            if old in swap:
                line = line.replace(f"<{old}>", f"<{swap[old]}>")
        out.append(line)
    return out


def migrate(settings: Settings, *, user: str | None = None) -> MigrationResult:
    """Migrate every release published without identity decisions (see module docstring);
    a store with none left is not touched (no new version). Idempotent."""
    result = MigrationResult()
    base = settings.base_iri
    with open_store(settings) as store, FtsIndex(settings.data_dir) as index:
        pending = _pending(store)
        if not pending:
            return result
        authority = load_authority(store)
        known, tombstoned = store.releases(), store.tombstoned()
        version = store.last_number() + 1
        old_to_new: dict[str, set[str]] = {}
        writes: list[ReleaseWrite] = []
        for state in pending:
            raw = store.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{state.graph}> "
                              f"{{ ?s ?p ?o }} }}", media_type="application/n-triples")
            lines = [x for x in raw.decode("utf-8").split("\n") if x.strip()]
            mentions, swap, regulations = _mentions(base, state.key, _read(lines))
            lines = _placeholders(lines, {**swap, **regulations})
            stable = sorted(x for x in lines if not any(v in x for v in _VOLATILE))
            w = ReleaseWrite(state.key, state.graph, "".join(f"{x}\n" for x in lines),
                             len(lines), hashlib.sha256("\n".join(stable).encode()).hexdigest(),
                             state.input_hash, mentions=mentions)
            placeholder_of = {v: k for k, v in swap.items()}
            resolve_write(w, authority, None)
            decided = _decided(w, authority, mentions)
            for ph, new in decided.items():
                if ph in placeholder_of:
                    old_to_new.setdefault(placeholder_of[ph], set()).add(new)
            for old, new in regulations.items():
                old_to_new.setdefault(old, set()).add(new)
            writes.append(w)
            result.migrated.append(state.key)
        live = set(authority.entries)
        redirects = {old: next(iter(new)) for old, new in sorted(old_to_new.items())
                     if len(new) == 1 and old not in live and old not in new}
        result.redirects = redirects
        audit = f"<urn:x-infopublik-ld:action:{version}>"
        meta = [f"<{old}> <{OWL_SAME_AS}> <{new}>" for old, new in redirects.items()] + [
            f"{audit} <{SYS}action> {lit('migrate')}",
            f"{audit} <{PROV.atTime}> {lit(now(), datatype=str(XSD.dateTime))}",
            f"{audit} <{SYS}by> {lit(user or getpass.getuser())}",
            f"{audit} <{SYS}releases> {lit(str(len(writes)), datatype=str(XSD.integer))}"]
        for i in range(0, len(writes), CHUNK):
            last = i + CHUNK >= len(writes)
            store.write_chunk(version, writes[i:i + CHUNK], known, tombstoned,
                              extra_meta=[(authority_graph(base), block(meta))] if last
                              else None)
        result.version = store.finalize(version)
        index.set_version(result.version.number)
    return result


def _decided(w: ReleaseWrite, authority, mentions: dict) -> dict[str, str]:
    """Placeholder → IRI, as resolution stored it for ``w``."""
    doc = json.loads(w.resolved)
    out = {ref("organization", row[0]): row[1] for row in doc.get("o", ())}
    out.update({ref("person", row[0]): row[1] for row in doc.get("p", ())})
    for org_local, office in mentions.get("posts", ()):
        org = out.get(ref("organization", org_local))
        if org:
            out[ref("post", f"{org_local}:{office}")] = \
                f"{authority.base}id/post/{org.rsplit('/', 1)[1]}-{office}"
    return out

