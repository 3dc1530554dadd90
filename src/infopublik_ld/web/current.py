"""The published version a request reads: opened once per process, reopened when it changes.

Opening a checkpoint costs ~10 ms on a large store against ~0.1 ms for a point query, so
views are cached per (data directory, version number). The two newest views of a data
directory stay open (a request that started on the previous version finishes on it); older
ones are closed so that checkpoint cleanup can remove them.
"""

from __future__ import annotations

import threading

from ..config import Settings
from ..errors import NotFound
from ..store import GraphStore, VersionInfo, current_version, open_version

_lock = threading.Lock()
_views: dict[tuple[str, int], GraphStore] = {}
#: views kept open per data directory
KEEP = 2


def current_info(settings: Settings) -> VersionInfo | None:
    """The current version's header, or ``None`` before the first publish (remote engine:
    asked at most every ``sparql_version_ttl`` seconds)."""
    if settings.store == "sparql":
        from .remote_executor import current_info as remote

        return remote(settings)
    return current_version(settings)


def current(settings: Settings) -> tuple[VersionInfo, GraphStore]:
    """The current version and a read-only view of it.

    Raises :class:`NotFound` before the first publish.
    """
    if settings.store == "sparql":  # live data on the engine: one shared client, no views
        from .remote_executor import current_info, store_for

        info = current_info(settings)
        if info is None:
            raise NotFound("nothing has been published yet", "belum ada yang diterbitkan")
        return info, store_for(settings)
    info = current_version(settings)
    if info is None:
        raise NotFound("nothing has been published yet", "belum ada yang diterbitkan")
    key = (str(settings.data_dir), info.number)
    with _lock:
        view = _views.get(key)
        if view is None:
            view = open_version(settings, info.number)
            _views[key] = view
            mine = sorted(k for k in _views if k[0] == key[0])
            for old in mine[:-KEEP]:
                _views.pop(old).close()
    return info, view


def close_all() -> None:
    """Close every cached view (tests, shutdown)."""
    with _lock:
        while _views:
            _views.popitem()[1].close()
