"""The published version a request reads: opened once per process, reopened when it changes.

Opening a checkpoint costs ~10 ms on a large store against ~0.1 ms for a point query, so
views are cached per (data directory, version number). Only the newest view of a data
directory is kept: an older one is dropped when a newer version is first asked for, and
closes as soon as the last request reading it lets go of it (a request that started on the
previous version finishes on it), so that its files are closed and checkpoint cleanup can
remove it. (Keeping the previous view open until the next publish held a second set of the
store's files in every server process: 61 → 94 descriptors in a soak, benchmarks/soak.py.)

The version header is read from ``versions/current.json`` once per change of that file (one
``stat`` per request otherwise): it lists every release the version changed, megabytes after
a bulk publish of 100 000 releases, too much to parse on every request.

``serve`` registers hooks (:func:`on_new_version`) that the watcher calls when a data
directory gets a new version, so that the new version's caches are filled before its first
request (web/stats.py).
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable

from ..config import Settings
from ..errors import InfopublikError, NotFound
from ..store import GraphStore, VersionInfo, current_version, open_version, versions_dir

_lock = threading.Lock()
_views: dict[tuple[str, int], GraphStore] = {}
_settings: dict[str, Settings] = {}
_watcher: list[threading.Thread] = []
#: views kept per data directory
KEEP = 1
#: seconds between checks for a newer version, so that a process that gets no request after
#: a publish does not keep the old version open (a soak found one holding 33 files of it)
IDLE_CHECK = 2.0
#: data directory → (stat of current.json, the version header it holds)
_infos: dict[str, tuple[tuple, VersionInfo]] = {}
#: data directory → its version pointer file's path
_pointers: dict = {}
#: data directory → hooks the watcher calls with its settings when it has a new version
_hooks: dict[str, list[Callable[[Settings], None]]] = {}
#: the version the hooks last ran for, per data directory
_warmed: dict[str, int] = {}


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
    info = pointer_info(settings)
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
            _start_watcher(settings)
    return info, view


def pointer_info(settings: Settings) -> VersionInfo | None:
    """The embedded store's current version header (``None`` before the first publish),
    parsed again only when ``current.json`` changed (its inode, time or size). Raises
    :class:`StoreError` when that file is damaged."""
    path = _pointers.get(settings.data_dir)
    if path is None:  # made once: building the Path on every request cost more than the stat
        path = _pointers[settings.data_dir] = str(versions_dir(settings) / "current.json")
    try:
        st = os.stat(path)
        stamp = (st.st_ino, st.st_mtime_ns, st.st_size)
    except OSError:
        stamp = None
    known = _infos.get(path)
    if stamp is not None and known is not None and known[0] == stamp:
        return known[1]
    info = current_version(settings)  # read after the stat: never older than the stamp
    if stamp is not None and info is not None:
        _infos[path] = (stamp, info)
    return info


def _start_watcher(settings: Settings) -> None:
    """Start this process's version watcher (embedded store; caller holds ``_lock``)."""
    if not _watcher and settings.store == "oxigraph":
        _watcher.append(threading.Thread(target=_watch, daemon=True,
                                         name="infopublik-version-watch"))
        _watcher[0].start()


def on_new_version(settings: Settings, hook: Callable[[Settings], None]) -> None:
    """Have the watcher call ``hook(settings)`` whenever ``settings``' data directory gets a
    new version (in the watcher's thread, within :data:`IDLE_CHECK` seconds of the publish).
    For the server processes of ``serve``: hooks are never removed."""
    with _lock:
        _hooks.setdefault(str(settings.data_dir), []).append(hook)
        _settings.setdefault(str(settings.data_dir), settings)
        _start_watcher(settings)


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
                hooks = list(_hooks.get(folder, ())) if _warmed.get(folder) != number else []
                _warmed[folder] = number
            for hook in hooks:
                try:
                    hook(settings)
                except Exception:  # noqa: BLE001 - a cache left cold is filled by a request,
                    pass           # which also reports whatever went wrong here


def close_all() -> None:
    """Close every cached view (tests, shutdown)."""
    with _lock:
        while _views:
            _views.popitem()[1].close()
