"""The published version a request reads: opened once per process, reopened when it changes.

Opening a checkpoint costs ~10 ms on a large store against ~0.1 ms for a point query, so
views are cached per (data directory, version number). Only the newest view of a data
directory is kept: an older one is dropped when a newer version is first asked for, and
closes as soon as the last request reading it lets go of it (a request that started on the
previous version finishes on it), so that its files are closed and checkpoint cleanup can
remove it. (Keeping the previous view open until the next publish held a second set of the
store's files in every server process: 61 → 94 descriptors in a soak, benchmarks/soak.py.)
"""

from __future__ import annotations

import threading
import time

from ..config import Settings
from ..errors import InfopublikError, NotFound
from ..store import GraphStore, VersionInfo, current_version, open_version

_lock = threading.Lock()
_views: dict[tuple[str, int], GraphStore] = {}
_settings: dict[str, Settings] = {}
_watcher: list[threading.Thread] = []
#: views kept per data directory
KEEP = 1
#: seconds between checks for a newer version, so that a process that gets no request after
#: a publish does not keep the old version open (a soak found one holding 33 files of it)
IDLE_CHECK = 2.0


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
            _settings[key[0]] = settings
            mine = sorted(k for k in _views if k[0] == key[0])
            for old in mine[:-KEEP]:
                _views.pop(old)  # closed when collected: requests may still be reading it
            if not _watcher and settings.store == "oxigraph":
                _watcher.append(threading.Thread(target=_watch, daemon=True,
                                                 name="infopublik-version-watch"))
                _watcher[0].start()
    return info, view


def _watch() -> None:
    """Every :data:`IDLE_CHECK` seconds, drop the views of versions that are no longer
    current (runs in a daemon thread of each process that opened a view)."""
    from .executor import current_number

    while True:
        time.sleep(IDLE_CHECK)
        with _lock:
            known = dict(_settings)
        for folder, settings in known.items():
            try:
                number = current_number(settings)  # one stat while nothing changes
            except InfopublikError:
                continue
            with _lock:
                for old in [k for k in _views if k[0] == folder and k[1] < number]:
                    _views.pop(old)


def close_all() -> None:
    """Close every cached view (tests, shutdown)."""
    with _lock:
        while _views:
            _views.popitem()[1].close()
