"""Officers curate the authority list: list and show entries, merge two, split one.

A merge of A into B rewrites every published release that mentions A to name B and to say
``<B> owl:sameAs <A>``, and records ``<A> owl:sameAs <B>`` in the bookkeeping, so that A
answers 301 to B. A split of A for release K gives the mentions of A in K an IRI of their
own: the IRI they had before a merge into A, if that one was theirs alone, otherwise a newly
minted one (an IRI is never minted twice). Both are one new dataset version (releases
replaced), so dumps and the change feed carry them to harvesters, and both leave an audit
record (action, IRIs, release, time, user) in ``{base}graph/authority``.
"""

from __future__ import annotations

import getpass
import hashlib
import json
import re

from ..config import Settings
from ..errors import InputError, NotFound
from ..fts import FtsIndex
from ..store import ReleaseState, VersionInfo, open_store, open_version
from ..store.base import SYS, GraphStore, ReleaseWrite, block, lit, now
from ..vocab import PROV, XSD
from .authority import KINDS, OWL_SAME_AS, Authority
from .registry import authority_graph, load_authority, merges, stored_mentions

_SAME_AS_LINE = re.compile(rf"^<([^>]*)> <{re.escape(OWL_SAME_AS)}> <([^>]*)> \.$")
_VOLATILE = ("<http://www.w3.org/ns/prov#generatedAtTime>", "<http://www.w3.org/ns/prov#endedAtTime>")


def _msg(en: str, id_: str, where: str | None = None) -> InputError:
    return InputError(en, id_, where=where)


def _check_kind(kind: str) -> str:
    if kind not in KINDS:
        raise _msg(f"unknown kind {kind!r}: use person or organization",
                   f"jenis {kind!r} tidak dikenal: pakai person atau organization", "kind")
    return kind


def entry_iri(base: str, kind: str, ref: str) -> str:
    """The IRI an officer means by ``ref``: a full IRI or the key after ``id/{kind}/``."""
    if ref.startswith(("http://", "https://")):
        return ref
    return f"{base}id/{kind}/{ref}"


# --- reading ---------------------------------------------------------------------------
def _entries(view: GraphStore, kind: str) -> dict[str, dict]:
    """Every entry of ``kind`` with what is known of it, from a store or version."""
    merged = merges(view)
    out: dict[str, dict] = {}
    field = "p" if kind == "person" else "o"
    for graph, text, published in stored_mentions(view):
        doc = json.loads(text)
        key = graph.rsplit("/", 1)[1]
        for row in doc.get(field, ()):
            e = out.setdefault(row[1], {"iri": row[1], "kind": kind, "names": {},
                                        "releases": [], "retracted": [], "offices": [],
                                        "organizations": set(), "regions": set(),
                                        "same_as": set()})
            (e["releases"] if published else e["retracted"]).append(key)
            if row[2] != row[1]:
                e["same_as"].add(row[2])
            if kind == "person":
                label, name = row[7] or "", row[3]
                e["names"][label or name] = e["names"].get(label or name, 0) + 1
                if row[4]:
                    e["organizations"].add(row[4])
                if row[5]:
                    e["regions"].add(row[5])
                if row[6] or row[8]:
                    e["offices"].append({"office": row[6] or None, "job_title": row[8] or None,
                                         "date": row[9] or None, "release": key})
            else:
                e["names"][row[4]] = e["names"].get(row[4], 0) + 1
                if row[5]:
                    e["regions"].add(row[5])
    for a, b in merged.items():
        if a.startswith(f"{view.base}id/{kind}/"):
            out.setdefault(a, {"iri": a, "kind": kind, "names": {}, "releases": [],
                               "retracted": [], "offices": [], "organizations": set(),
                               "regions": set(), "same_as": set()})["merged_into"] = b
    for e in out.values():
        e["names"] = sorted(e["names"], key=lambda n: (-e["names"][n], n))
        e["organizations"] = sorted(e["organizations"])
        e["regions"] = sorted(e["regions"])
        e["same_as"] = sorted(e["same_as"])
        e["releases"] = sorted(set(e["releases"]))
        e["retracted"] = sorted(set(e["retracted"]))
        e["offices"].sort(key=lambda o: (o["date"] or "", o["release"]))
    return out


def list_entries(settings: Settings, kind: str, *, name: str | None = None,
                 limit: int = 100) -> list[dict]:
    """Entries of ``kind`` (person, organization) in the published version, most mentioned
    first; ``name`` keeps those with a name containing it (case-insensitive)."""
    _check_kind(kind)
    with open_version(settings) as view:
        entries = _entries(view, kind)
    rows = [{"iri": e["iri"], "name": e["names"][0] if e["names"] else "",
             "releases": len(e["releases"]), "merged_into": e.get("merged_into")}
            for e in entries.values()
            if not name or any(name.casefold() in n.casefold() for n in e["names"])]
    rows.sort(key=lambda r: (-r["releases"], r["iri"]))
    return rows[:limit]


def show_entry(settings: Settings, kind: str, ref: str) -> dict:
    """One entry: names and spellings seen, offices with dates, organisations, regions,
    releases, ``owl:sameAs`` and merges. Raises :class:`NotFound`."""
    _check_kind(kind)
    iri = entry_iri(settings.base_iri, kind, ref)
    with open_version(settings) as view:
        entries = _entries(view, kind)
    if iri not in entries:
        raise NotFound(f"no {kind} {iri!r} in the authority list (see `infopublik-ld "
                       f"{'people' if kind == 'person' else 'organizations'} list`)",
                       f"tidak ada {kind} {iri!r} dalam daftar otoritas (lihat `infopublik-ld "
                       f"{'people' if kind == 'person' else 'organizations'} list`)")
    entry = entries[iri]
    entry["merged_from"] = sorted(a for a, e in entries.items() if e.get("merged_into") == iri)
    return entry


# --- writing ---------------------------------------------------------------------------
def _graph_text(store: GraphStore, graph: str) -> list[str]:
    raw = store.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}",
                      media_type="application/n-triples")
    return [line for line in raw.decode("utf-8").split("\n") if line.strip()]


def _rewrite(store: GraphStore, state: ReleaseState, doc: dict, swap: dict[str, str],
             field: str) -> ReleaseWrite:
    """The release ``state`` with IRIs ``swap``ped (posts of organisations too), its
    ``owl:sameAs`` lines recomputed from ``doc`` (the stored decisions, updated)."""
    lines = _graph_text(store, state.graph)
    base = store.base
    subs = dict(swap)
    if field == "o":
        for old, new in swap.items():
            subs[f"{base}id/post/{old.rsplit('/', 1)[1]}-"] = \
                f"{base}id/post/{new.rsplit('/', 1)[1]}-"
    out: dict[str, None] = {}
    for line in lines:
        if _SAME_AS_LINE.match(line):
            continue
        for old, new in subs.items():
            if old in line:
                line = line.replace(f"<{old}>", f"<{new}>") if not old.endswith("-") \
                    else line.replace(f"<{old}", f"<{new}")
        out[line] = None
    for row in doc.get("p", ()) + doc.get("o", ()):
        if row[1] != row[2]:
            out[f"<{row[1]}> <{OWL_SAME_AS}> <{row[2]}> ."] = None
    text = "".join(f"{line}\n" for line in out)
    stable = sorted(line for line in out if not any(v in line for v in _VOLATILE))
    digest = hashlib.sha256("\n".join(stable).encode("utf-8")).hexdigest()
    return ReleaseWrite(state.key, state.graph, text, len(out), digest, state.input_hash,
                        resolved=json.dumps(doc, ensure_ascii=False, separators=(",", ":")))


def _audit(base: str, version: int, action: str, subject: str, target: str,
           release: str | None, user: str) -> list[str]:
    a = f"<urn:x-infopublik-ld:action:{version}>"
    lines = [f"{a} <{SYS}action> {lit(action)}", f"{a} <{SYS}subject> <{subject}>",
             f"{a} <{SYS}target> <{target}>",
             f"{a} <{PROV.atTime}> {lit(now(), datatype=str(XSD.dateTime))}",
             f"{a} <{SYS}by> {lit(user)}"]
    if release:
        lines.append(f"{a} <{SYS}release> {lit(release)}")
    return lines


def _finish(settings: Settings, store: GraphStore, index: FtsIndex, version: int,
            writes: list[ReleaseWrite], meta_inserts: list[str], meta_deletes: list[str],
            known: dict[str, ReleaseState], tombstoned: set[str]) -> VersionInfo:
    store.write_chunk(version, writes, known, tombstoned,
                      extra_deletes=meta_deletes,
                      extra_meta=[(authority_graph(store.base), block(meta_inserts))])
    info = store.finalize(version)
    index.set_version(info.number)
    return info


def _live(authority: Authority, kind: str, iri: str, role: str) -> None:
    entry = authority.entries.get(iri)
    if entry is None or entry.kind != kind:
        raise NotFound(f"{role}: no {kind} {iri!r} in the authority list",
                       f"{role}: tidak ada {kind} {iri!r} dalam daftar otoritas", where=role)
    if iri in authority.merged:
        raise _msg(f"{role}: {iri!r} was merged into {authority.survivor(iri)!r} already",
                   f"{role}: {iri!r} sudah digabung ke {authority.survivor(iri)!r}", role)


def merge(settings: Settings, kind: str, source: str, target: str, *,
          user: str | None = None) -> VersionInfo:
    """Merge entry ``source`` into ``target`` (both of ``kind``); return the new version.

    Raises :class:`NotFound` (no such entry), :class:`InputError` (the same entry, or one
    merged already).
    """
    _check_kind(kind)
    base = settings.base_iri
    a, b = entry_iri(base, kind, source), entry_iri(base, kind, target)
    if a == b:
        raise _msg(f"cannot merge {a!r} into itself", f"{a!r} tidak dapat digabung ke dirinya")
    field = "p" if kind == "person" else "o"
    with open_store(settings) as store, FtsIndex(settings.data_dir) as index:
        authority = load_authority(store)
        _live(authority, kind, a, "source")
        _live(authority, kind, b, "target")
        known, tombstoned = store.releases(), store.tombstoned()
        version = store.last_number() + 1
        writes = []
        for graph, text, published in stored_mentions(store):
            doc = json.loads(text)
            if not published or not any(row[1] == a for row in doc.get(field, ())):
                continue
            for row in doc[field]:
                if row[1] == a:
                    row[1] = b
            writes.append(_rewrite(store, known[graph], doc, {a: b}, field))
        inserts = [f"<{a}> <{OWL_SAME_AS}> <{b}>"] + _audit(
            base, version, "merge", a, b, None, user or getpass.getuser())
        return _finish(settings, store, index, version, writes, inserts, [], known, tombstoned)


def split(settings: Settings, kind: str, source: str, release: str, *,
          user: str | None = None) -> tuple[str, VersionInfo]:
    """Give the mentions of entry ``source`` in release ``release`` an IRI of their own;
    return (that IRI, the new version).

    Raises :class:`NotFound` (no such entry or release), :class:`InputError` (the release
    does not mention the entry, or every mention of it is in that release).
    """
    _check_kind(kind)
    base = settings.base_iri
    a = entry_iri(base, kind, source)
    graph = f"{base}graph/release/{release}"
    field = "p" if kind == "person" else "o"
    with open_store(settings) as store, FtsIndex(settings.data_dir) as index:
        authority = load_authority(store)
        _live(authority, kind, a, "source")
        known, tombstoned = store.releases(), store.tombstoned()
        if graph not in known:
            raise NotFound(f"--release: no published release {release!r}",
                           f"--release: tidak ada siaran terbit {release!r}", where="release")
        docs = {g: json.loads(t) for g, t, published in stored_mentions(store) if published}
        doc = docs.get(graph, {})
        moving = [row for row in doc.get(field, ()) if row[1] == a]
        if not moving:
            raise _msg(f"--release: {release!r} does not mention {a!r}",
                       f"--release: {release!r} tidak menyebut {a!r}", "release")
        elsewhere = [g for g, d in docs.items() if g != graph
                     and any(row[1] == a for row in d.get(field, ()))]
        if not elsewhere:
            raise _msg(f"every mention of {a!r} is in {release!r}: nothing to split",
                       f"semua sebutan {a!r} ada di {release!r}: tidak ada yang dipisah",
                       "release")
        origins = {row[2] for row in moving}
        (origin,) = origins if len(origins) == 1 else (None,)
        # the IRI these mentions had before a merge, if nobody else ever had it
        revive = origin is not None and origin != a and authority.survivor(origin) == a and \
            not any(row[2] == origin for g, d in docs.items() if g != graph
                    for row in d.get(field, ()))
        deletes = []
        if revive:
            new = origin
            deletes.append(f"DELETE WHERE {{ GRAPH <{authority_graph(base)}> {{ <{new}> "
                           f"<{OWL_SAME_AS}> ?x }} }}")
        else:
            name = moving[0][7] if kind == "person" else moving[0][4]
            new = authority._mint(kind, name or a.rsplit("/", 1)[1], f"split|{release}|{a}")
            doc.setdefault("m", []).append(new)
        for row in moving:
            row[1] = row[2] = new
        version = store.last_number() + 1
        write = _rewrite(store, known[graph], doc, {a: new}, field)
        inserts = _audit(base, version, "split", a, new, release, user or getpass.getuser())
        info = _finish(settings, store, index, version, [write], inserts, deletes, known,
                       tombstoned)
        return new, info
