"""The store: the only package that imports pyoxigraph.

Entry points for the rest of the code base:

- :func:`open_store` — the writer (publishing); takes the writer lock, opens the backend,
  finishes versions a crash left open.
- :func:`current_version` — the newest published version (cheap: one small JSON file for the
  embedded store); the web layer's ETag.
- :func:`open_version` — a read-only view of a published version (query, select, dump,
  versions, releases, tombstone).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

from ..config import Settings
from ..errors import ConfigError, StoreError
from .base import (
    SYS,
    GraphStore,
    ReleaseState,
    ReleaseWrite,
    Store,
    VersionInfo,
    dataset_iri,
    graph_iris,
    tombstone_iri,
    version_iri,
)
from .lock import WriterLock

__all__ = [
    "SYS", "GraphStore", "ReleaseState", "ReleaseWrite", "Store", "VersionInfo",
    "current_version", "dataset_iri", "graph_iris", "open_store", "open_version",
    "require_initialised", "tidy_checkpoints", "tombstone_iri", "version_iri",
    "versions_dir",
]


def versions_dir(settings: Settings) -> Path:
    """Where the embedded store's published checkpoints live."""
    return settings.data_dir / "versions"


def require_initialised(settings: Settings) -> None:
    """Raise :class:`ConfigError` when ``init`` has not run in the data directory."""
    if not settings.initialised:
        raise ConfigError(
            f"{settings.data_dir} is not an infopublik-ld data directory: run "
            f"`infopublik-ld init {settings.data_dir}` first (or pass --data DIR)",
            f"{settings.data_dir} bukan direktori data infopublik-ld: jalankan "
            f"`infopublik-ld init {settings.data_dir}` dahulu (atau beri --data DIR)")


def _backend(settings: Settings) -> GraphStore:
    if settings.store == "oxigraph":
        from .oxigraph import OxigraphStore

        return OxigraphStore(settings.store_dir, versions_dir(settings), settings.base_iri)
    if settings.store == "sparql":
        from .sparql import SparqlStore

        return SparqlStore(
            base=settings.base_iri, query_url=settings.sparql_query_url,
            update_url=settings.sparql_update_url, gsp_url=settings.sparql_gsp_url,
            user=settings.sparql_user,
            password=settings.sparql_password or os.environ.get("INFOPUBLIK_SPARQL_PASSWORD", ""),
            engine=settings.sparql_engine, meta_query_url=settings.sparql_meta_query_url,
            meta_update_url=settings.sparql_meta_update_url)
    raise ConfigError(f"store {settings.store!r} is not a backend: use 'oxigraph' or 'sparql'",
                      f"store {settings.store!r} bukan backend: pakai 'oxigraph' atau 'sparql'",
                      where="store")


@contextlib.contextmanager
def open_store(settings: Settings, *, check_init: bool = True) -> Iterator[GraphStore]:
    """Open the store for writing (one process at a time).

    Raises :class:`StoreLocked` when another process publishes, :class:`ConfigError` when
    the data directory was never initialised, :class:`StoreError` when it cannot be opened.
    """
    if check_init:
        require_initialised(settings)
    with WriterLock(settings.data_dir):
        store = _backend(settings)
        try:
            store.recover()
            if hasattr(store, "ensure_checkpoint"):
                store.ensure_checkpoint()
            store.follow_counts()  # a version's counts without summing the registry
            _keep_statistics(store)
            yield store
        finally:
            store.close()


def _keep_statistics(store: GraphStore) -> None:
    """Give the writer the running counts (see :mod:`infopublik_ld.stats.counts`)."""
    from .. import stats
    from ..stats.counts import Keeper

    if stats.ENABLED:
        store.statistics = Keeper(store)


def current_version(settings: Settings) -> VersionInfo | None:
    """The newest published version, or ``None`` before the first publish.

    Embedded store: reads ``versions/current.json`` (no store access, microseconds).
    Remote store: one query, the header only (``open_version(…).versions()`` lists the
    changes).
    """
    if settings.store == "oxigraph":
        from .oxigraph import read_current

        doc = read_current(versions_dir(settings))
        if doc is None:
            return None
        doc.pop("path", None)
        return VersionInfo(**doc)
    found = _backend(settings).versions(limit=1, changes=False)  # the header: one small query
    return found[0] if found else None


def tidy_checkpoints(settings: Settings) -> list[int]:
    """Remove the embedded store's checkpoints older than the last few that no reader holds
    (what each publish does unless told to leave it, see ``OxigraphStore.tidy``); return the
    versions removed. Safe beside a running writer and readers; the remote store has none."""
    if settings.store != "oxigraph" or not versions_dir(settings).is_dir():
        return []
    from .oxigraph import clean_checkpoints, read_current

    try:
        current = read_current(versions_dir(settings))
    except StoreError:  # damaged: the next writer rewrites it
        return []
    return clean_checkpoints(versions_dir(settings), keep=int(current["number"])) \
        if current else []


def open_version(settings: Settings, number: int | None = None) -> GraphStore:
    """A read-only view of published version ``number`` (default: the current one).

    Use as a context manager or call ``close()``; while open, the checkpoint is not removed.
    The view offers ``select``, ``query``, ``dump``, ``versions``, ``releases``,
    ``tombstone`` and ``native()`` (the pyoxigraph store, embedded backend only) and ``number``.
    The remote backend has no checkpoints: the view reads the live data.
    """
    if settings.store == "oxigraph":
        from .oxigraph import ReadOnlyVersion

        return ReadOnlyVersion(versions_dir(settings), settings.base_iri, number)
    store = _backend(settings)
    latest = store.versions(limit=1, changes=False)
    store.number = latest[0].number if latest else 0
    return store
