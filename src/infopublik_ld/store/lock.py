"""One writer per data directory: an ``flock`` on ``publish.lock`` holding the writer's pid.

The kernel drops the lock when the process dies (even by SIGKILL), so a stale file never
blocks the next publisher.
"""

from __future__ import annotations

import fcntl
import os
from pathlib import Path

from ..errors import StoreLocked

LOCK_FILE = "publish.lock"


class WriterLock:
    """An exclusive, non-blocking lock on ``DATA/publish.lock``."""

    def __init__(self, data_dir: Path):
        self.path = Path(data_dir) / LOCK_FILE
        self._fd: int | None = None

    def acquire(self) -> WriterLock:
        """Take the lock or raise :class:`StoreLocked` naming the holder's pid."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 64, 0).decode("ascii", "replace").strip() or "unknown"
            os.close(fd)
            raise StoreLocked(
                f"another process is publishing: pid {holder} holds {self.path}; wait for it "
                "to finish and try again",
                f"proses lain sedang menerbitkan: pid {holder} memegang {self.path}; tunggu "
                "sampai selesai lalu coba lagi",
            ) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        self._fd = fd
        return self

    def release(self) -> None:
        """Drop the lock (the file stays; its content no longer matters)."""
        if self._fd is not None:
            os.ftruncate(self._fd, 0)
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None

    def __enter__(self) -> WriterLock:
        return self.acquire()

    def __exit__(self, *exc) -> None:
        self.release()
