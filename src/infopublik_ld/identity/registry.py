"""Where the authority list lives: the bookkeeping (meta) store.

- each release's registry entry carries ``sys:mentions``: what resolution decided for it
  (JSON, see :class:`~.authority.Authority`); a retracted release's tombstone keeps it;
- ``{base}graph/authority`` holds the officers' actions: ``<A> owl:sameAs <B>`` for A merged
  into B (A answers 301 to B), and one audit record per merge or split (who, when, what).
"""

from __future__ import annotations

from ..store.base import SYS, GraphStore, ReleaseWrite, block
from .authority import OWL_SAME_AS, Authority, content_hash, substitute
from .index import AuthorityIndex


def authority_graph(base: str) -> str:
    """The bookkeeping graph of merges and curation actions."""
    return f"{base}graph/authority"


def merges(store: GraphStore) -> dict[str, str]:
    """Merged IRI → the IRI it was merged into."""
    rows = store.select_meta(
        f"SELECT ?a ?b WHERE {{ GRAPH <{authority_graph(store.base)}> "
        f"{{ ?a <{OWL_SAME_AS}> ?b }} }}")
    return {r["a"]: r["b"] for r in rows}


def stored_mentions(store: GraphStore) -> list[tuple[str, str, bool]]:
    """(release graph, stored decisions, published?) of every release, retracted ones too,
    in release graph order."""
    g = store.g
    rows = store.select_meta(
        f"SELECT ?g ?m ?t WHERE {{ {{ GRAPH <{g['registry']}> {{ ?g <{SYS}mentions> ?m }} }} "
        f"UNION {{ GRAPH <{g['tombstones']}> {{ ?t <{SYS}mentions> ?m ; "
        f"<https://w3id.org/infopublik/gpr#retracted> ?g }} }} }} ORDER BY ?g")
    return [(r["g"], r["m"], "t" not in r) for r in rows]


def load_authority(store: GraphStore) -> Authority:
    """The whole authority list of the open ``store`` in memory (one query over every
    release: for curation and migration, which read it all anyway; publishing asks
    :func:`authority_for` instead)."""
    return Authority(store.base).load((m for _, m, _ in stored_mentions(store)),
                                      merges(store))


def authority_for(store: GraphStore, index: AuthorityIndex) -> Authority:
    """The authority list of the open ``store`` as publishing needs it: the merges (one
    small query) and, key by key as mentions need them, the entries of the authority
    ``index`` (:mod:`.index`, up to date with ``store``)."""
    return Authority(store.base, index, merges(store))


def previous_mentions(store: GraphStore, graph: str) -> str | None:
    """What was stored for release ``graph`` before (registry, else its tombstone)."""
    g = store.g
    rows = store.select_meta(
        f"SELECT ?m WHERE {{ {{ GRAPH <{g['registry']}> {{ <{graph}> <{SYS}mentions> ?m }} }} "
        f"UNION {{ GRAPH <{g['tombstones']}> {{ ?t "
        f"<https://w3id.org/infopublik/gpr#retracted> <{graph}> ; <{SYS}mentions> ?m }} }} }}")
    return rows[0]["m"] if rows else None


def resolve_write(w: ReleaseWrite, authority: Authority, previous: str | None) -> None:
    """Resolve the people and organisations of a prepared release in place: IRIs for the
    placeholders, ``owl:sameAs`` for merged mentions, the content hash, the stored decisions."""
    if w.mentions is None:
        return
    decision = authority.resolve(w.mentions, previous)
    w.text = substitute(w.text, decision.iris)
    if w.facets:  # the counts (stats/facets.py) name the same people and organisations
        for placeholder, resolved in decision.iris.items():
            w.facets = w.facets.replace(placeholder, resolved)
    if len(set(decision.iris.values())) < len(decision.iris):
        # two mentions in one release are one entry: their triples may now repeat
        lines = dict.fromkeys(w.text.splitlines(keepends=True))
        w.text, w.count = "".join(lines), len(lines)
    if decision.same_as:
        w.text += block(decision.same_as)
        w.count += len(decision.same_as)
    w.content_hash = content_hash(w.content_hash, decision)
    w.resolved = decision.stored
    w.mentions = None
