"""Worker processes that stop when the process that started them stops.

A ``ProcessPoolExecutor`` worker started through the forkserver is a child of the forkserver,
not of the publisher, and it holds the write ends of its own job queue, of the forkserver's
"clients alive" pipe and of the resource tracker's pipe. After a ``kill -9`` of the publisher
nothing ever closes those, so the workers wait for jobs forever and keep the forkserver and
the resource tracker alive with them (four processes left behind, seen in issue 15).
:func:`die_with` is the pool's initializer: each worker watches the publisher and exits the
moment it is gone; the forkserver and the resource tracker then see their pipes close and
exit by themselves.
"""

from __future__ import annotations

import os
import select
import threading
import time

#: how often the fallback (no pidfd) checks that the watched process still exists
POLL_SECONDS = 0.5


def die_with(pid: int) -> None:
    """Exit this process (status 1, no clean-up) as soon as process ``pid`` ends.

    Returns at once: a daemon thread does the watching. Uses a pidfd where the kernel has
    one (Linux ≥ 5.3, no polling, no risk from a reused pid), otherwise polls.
    """
    try:
        fd = os.pidfd_open(pid)
    except (AttributeError, OSError):
        fd = None
    if fd is None and not _alive(pid):
        os._exit(1)
    threading.Thread(target=_watch, args=(pid, fd), name="infopublik-lifeline",
                     daemon=True).start()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # exists, owned by someone else
        return True
    return True


def _watch(pid: int, fd: int | None) -> None:
    if fd is not None:
        select.select([fd], [], [])  # readable once the process has ended
    else:
        while _alive(pid):
            time.sleep(POLL_SECONDS)
    os._exit(1)  # the publisher is gone: nobody will read what this worker makes
