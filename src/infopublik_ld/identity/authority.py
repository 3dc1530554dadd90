"""The authority list: one entry per person and organisation an instance has published, and
the resolution of each mention in a release to an entry's IRI (DESIGN.md, "Identity of people
and organisations").

How it is kept. The mapping (in the publishing workers) gives people and organisations
placeholder IRIs (``urn:x-infopublik-ld:ref:person:{local id}``) and describes each mention
(name, office, organisation, region). The publishing process resolves the mentions of each
release, in input order, against an in-memory index of the entries (one dict lookup per
mention), puts the IRIs in place of the placeholders, and stores what it decided with the
release's registry entry in the bookkeeping store (``sys:mentions``, compact JSON), so the
decisions are committed, or undone after a crash, together with the release (docs/store.md).
The in-memory index starts empty and learns the entries of a key the first time a mention
has it, with one indexed lookup in the authority index (:mod:`.index`, a SQLite file derived
from the stored decisions): a publish costs what its mentions cost, not what the store holds.

Rules. A mention matches an entry of the same kind with the same key (a person's folded name,
an organisation's canonical key, see :mod:`.keys`) and compatible context: a person in the
same organisation (their own, else the release's publisher), or in the same region with no
conflicting office. Otherwise a new entry is minted: ``{base}id/{kind}/{slug}``, or
``{slug}-{hash}`` (a short hash of the name and context) when the slug is taken. An IRI once
minted is never minted again (merged and retracted ones included). A republished release keeps
the decisions stored for it (by local id and key), so republishing changes nothing and a
split or merge made by an officer stays made.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Protocol

from ..rdf.iris import MAX_KEY, Minter, slug
from .keys import org_key, person_key

#: prefix of the placeholder IRIs the mapping gives people, organisations and posts
REF = "urn:x-infopublik-ld:ref:"
OWL_SAME_AS = "http://www.w3.org/2002/07/owl#sameAs"
KINDS = ("person", "organization")


def ref(kind: str, local: str) -> str:
    """The placeholder IRI of a mention (``kind`` person, organization or post)."""
    return f"{REF}{kind}:{local}"


@dataclass
class Entry:
    """One person or organisation of the authority list (what the index needs)."""

    iri: str
    kind: str
    key: str
    orgs: set[str] = field(default_factory=set)
    regions: set[str] = field(default_factory=set)
    offices: set[str] = field(default_factory=set)

    def seen_with(self, org: str | None, region: str | None, office: str | None = None) -> None:
        """Record a context it was seen in (empty values are not contexts)."""
        if org:
            self.orgs.add(org)
        if region:
            self.regions.add(region)
        if office:
            self.offices.add(office)


@dataclass
class Decision:
    """What resolution decided for one release: placeholder → IRI, the ``owl:sameAs`` lines it
    adds, and the stored form (``sys:mentions``)."""

    iris: dict[str, str]
    same_as: list[str]
    stored: str


class Source(Protocol):
    """Where an :class:`Authority` learns the stored entries of a key (:mod:`.index`)."""

    def lookup(self, kind: str, key: str) -> list[tuple[str, bool, str, str, str]]:
        """Rows (IRI, has this key, organisation, region, office) of the entries of
        ``kind`` with a mention under ``key``."""

    def taken(self, iri: str) -> bool:
        """Whether ``iri`` was ever minted."""


class Authority:
    """The in-memory index of an instance's authority list (see module docstring): filled
    whole by :meth:`load`, or key by key from a :class:`Source`."""

    def __init__(self, base: str, source: Source | None = None,
                 merged: dict[str, str] | None = None):
        self.minter = Minter(base)
        self.base = base
        self.source = source
        self.entries: dict[str, Entry] = {}
        self.index: dict[tuple[str, str], set[str]] = {}
        self.taken: set[str] = set()
        #: keys whose stored entries were asked of the source already
        self.asked: set[tuple[str, str]] = set()
        #: merged IRI → the IRI it was merged into
        self.merged: dict[str, str] = {}
        if merged:
            self.merged.update(merged)
            self.taken.update(merged)
            self.taken.update(merged.values())

    # --- loading -------------------------------------------------------------------
    def load(self, stored: Iterable[str], merged: dict[str, str]) -> Authority:
        """Fill the index from stored ``sys:mentions`` values and merges; return self."""
        self.merged.update(merged)
        self.taken.update(merged)
        self.taken.update(merged.values())
        for text in stored:
            self.learn(json.loads(text))
        return self

    def survivor(self, iri: str) -> str:
        """The entry ``iri`` stands for now (follows merges)."""
        seen = set()
        while iri in self.merged and iri not in seen:
            seen.add(iri)
            iri = self.merged[iri]
        return iri

    def _entry(self, iri: str, kind: str, key: str) -> Entry:
        entry = self.entries.get(iri)
        if entry is None:
            entry = self.entries[iri] = Entry(iri, kind, key)
            self.taken.add(iri)
        self.index.setdefault((kind, key), set()).add(iri)
        return entry

    def learn(self, doc: dict) -> None:
        """Add one release's stored decisions to the index.

        Stored form: ``{"o": [[local, iri, origin, key, name, region], …], "p": [[local,
        iri, origin, key, org iri, region, office, label, job title, date, name], …],
        "m": [IRIs minted by the release]}``; ``origin`` is the IRI the mention was first
        resolved to (it differs from ``iri`` after a merge).
        """
        self.taken.update(doc.get("m", ()))
        for _local, iri, origin, key, _name, region in doc.get("o", ()):
            self.taken.add(origin)
            self._entry(iri, "organization", key).seen_with(None, region)
        for row in doc.get("p", ()):
            _local, iri, origin, key, org, region, office = row[:7]
            self.taken.add(origin)
            self._entry(iri, "person", key).seen_with(org, region, office)

    def _ask(self, kind: str, key: str) -> None:
        """Learn the stored entries of ``key`` from the source, once."""
        if self.source is None or (kind, key) in self.asked:
            return
        self.asked.add((kind, key))
        for iri, same, org, region, office in self.source.lookup(kind, key):
            entry = self.entries.get(iri)
            if entry is None:
                entry = self.entries[iri] = Entry(iri, kind, key)
            if same:
                self.index.setdefault((kind, key), set()).add(iri)
            entry.seen_with(org, region, office)

    def is_taken(self, iri: str) -> bool:
        """Whether ``iri`` was ever minted (this run, or stored)."""
        if iri in self.taken:
            return True
        if self.source is not None and self.source.taken(iri):
            self.taken.add(iri)
            return True
        return False

    # --- resolving -----------------------------------------------------------------
    def _mint(self, kind: str, name: str, context: str) -> str:
        stem = _stem(name)
        prefix = f"{self.base}id/{kind}/"
        iri = prefix + stem
        if self.is_taken(iri):
            digest = hashlib.sha1(f"{kind}|{name}|{context}".encode()).hexdigest()
            for n in (4, 6, 8, 12, 40):
                iri = f"{prefix}{stem}-{digest[:n]}"
                if not self.is_taken(iri):
                    break
            else:  # pragma: no cover - 160-bit collision
                raise RuntimeError(f"cannot mint an IRI for {name!r}")
        self.taken.add(iri)
        return iri

    def _pick(self, kind: str, key: str, fits) -> str | None:
        """The first (in IRI order, for determinism) live entry with ``key`` that ``fits``."""
        self._ask(kind, key)
        found = self.index.get((kind, key), ())
        for iri in (found if len(found) < 2 else sorted(found)):
            if iri in self.merged:
                continue
            if fits(self.entries[iri]):
                return iri
        return None

    def resolve(self, mentions: dict, previous: str | None = None) -> Decision:
        """Resolve the mentions of one release (as the mapping describes them) and record
        them in the index; ``previous`` is what was stored for the release before (a
        republished or un-retracted release keeps its decisions)."""
        prev = json.loads(previous) if previous else {}
        prev_o = {row[0]: row for row in prev.get("o", ())}
        prev_p = {row[0]: row for row in prev.get("p", ())}
        minted: list[str] = list(prev.get("m", ()))
        iris: dict[str, str] = {}
        same_as: list[str] = []
        stored_o, stored_p = [], []
        org_iri: dict[str, str] = {}
        org_region: dict[str, str] = {}
        for o in mentions.get("orgs", ()):
            local, name, region = o["local"], o["name"], o.get("region") or ""
            key = o.get("key") or org_key(name, region or None)
            old = prev_o.get(local)
            if old and old[3] == key:
                iri, origin = self.survivor(old[1]), old[2]
            else:
                iri = self._pick("organization", key, lambda e: True)
                if iri is None:
                    iri = self._mint("organization", name, key)
                    minted.append(iri)
                origin = iri
            self._entry(iri, "organization", key).regions.update([region] if region else [])
            if origin != iri:
                same_as.append(f"<{iri}> <{OWL_SAME_AS}> <{origin}>")
            org_iri[local], org_region[local] = iri, region
            iris[ref("organization", local)] = iri
            stored_o.append([local, iri, origin, key, name, region])
        publisher = mentions.get("publisher")
        home_org = org_iri.get(publisher or "", "")
        home_region = org_region.get(publisher or "", "") or mentions.get("region") or ""
        for p in mentions.get("people", ()):
            local, name = p["local"], p["name"]
            key = p.get("key") or person_key(name)
            own = p.get("org")
            org = org_iri.get(own or "", "") or home_org
            region = (org_region.get(own or "", "") if own else "") or home_region
            office = p.get("office") or ""
            old = prev_p.get(local)
            if old and old[3] == key:
                iri, origin = self.survivor(old[1]), old[2]
            else:
                iri = self._match(key, org, region, office)
                if iri is None:
                    iri = self._mint("person", name, f"{org}|{region}")
                    minted.append(iri)
                origin = iri
            self._entry(iri, "person", key).seen_with(org, region, office)
            if origin != iri:
                same_as.append(f"<{iri}> <{OWL_SAME_AS}> <{origin}>")
            iris[ref("person", local)] = iri
            stored_p.append([local, iri, origin, key, org, region, office, p.get("label", ""),
                             p.get("job_title", ""), mentions.get("date", ""), name])
        for org_local, office in mentions.get("posts", ()):
            seg = org_iri[org_local].rsplit("/", 1)[1]
            iris[ref("post", f"{org_local}:{office}")] = str(
                self.minter.thing("post", f"{seg}-{office}"))
        same_as = list(dict.fromkeys(same_as))
        doc = {"o": stored_o, "p": stored_p}
        if minted:
            doc["m"] = sorted(set(minted))
        return Decision(iris, same_as, json.dumps(doc, ensure_ascii=False,
                                                  separators=(",", ":")))

    def _match(self, key: str, org: str, region: str, office: str) -> str | None:
        if org:
            found = self._pick("person", key, lambda e: org in e.orgs)
            if found:
                return found
        if region:
            return self._pick("person", key, lambda e: region in e.regions and (
                not office or not e.offices or office in e.offices))
        return None


def prepare(mentions: dict) -> None:
    """What a publishing worker does ahead of resolution, so that the one publishing process
    does less per release: the matching key of every mention (``key``)."""
    for o in mentions.get("orgs", ()):
        o["key"] = org_key(o["name"], o.get("region") or None)
    for p in mentions.get("people", ()):
        p["key"] = person_key(p["name"])


def substitute(text: str, iris: dict[str, str]) -> str:
    """N-Triples ``text`` with placeholder IRIs replaced, in one pass over the text (a
    release has a handful of placeholders but ~70 occurrences, and its body makes the text
    long: a ``str.replace`` per placeholder cost 10x more, measured). Literals never hold a
    placeholder: :func:`infopublik_ld.store.base.lit` escapes its ``<``.

    Raises :class:`KeyError` when a placeholder is left without an IRI.
    """
    parts = text.split("<" + REF)
    if len(parts) == 1:
        return text
    by_tail = {k[len(REF):]: v for k, v in iris.items()}
    out = [parts[0]]
    for part in parts[1:]:
        end = part.index(">")
        out.append(f"<{by_tail[part[:end]]}")
        out.append(part[end:])
    return "".join(out)


@lru_cache(maxsize=65536)
def _stem(name: str) -> str:
    return slug(name, MAX_KEY - 10)


def content_hash(worker_hash: str, decision: Decision) -> str:
    """A release's content hash once resolved: the hash of its triples with placeholders
    (computed in the worker) and of what the placeholders became."""
    parts = [worker_hash] + [f"{k}\0{decision.iris[k]}" for k in sorted(decision.iris)] + \
        sorted(decision.same_as)
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()
