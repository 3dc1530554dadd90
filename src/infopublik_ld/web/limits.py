"""Queries running at once per client address: over the limit, 429 with ``Retry-After``."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator

from ..errors import InfopublikError


class TooManyRequests(InfopublikError):
    """A client has more queries running at once than `client_concurrency` allows."""

    status = 429


class ClientLimiter:
    """Counts the queries each client address is running.

    >>> lim = ClientLimiter(1)
    >>> with lim.slot("10.0.0.1"):
    ...     lim.running("10.0.0.1")
    1
    >>> lim.running("10.0.0.1")
    0
    """

    def __init__(self, per_client: int, retry_after: int = 1):
        self.per_client = per_client
        self.retry_after = retry_after
        self._running: dict[str, int] = {}
        self._lock = threading.Lock()

    def running(self, client: str) -> int:
        """Queries ``client`` is running now."""
        return self._running.get(client, 0)

    @contextlib.contextmanager
    def slot(self, client: str) -> Iterator[None]:
        """Hold one of ``client``'s slots; raise :class:`TooManyRequests` when none is free."""
        with self._lock:
            now = self._running.get(client, 0)
            if self.per_client and now >= self.per_client:
                exc = TooManyRequests(
                    f"{client} already runs {now} queries at once, the most allowed (setting "
                    f"`client_concurrency`); wait for one to finish",
                    f"{client} sudah menjalankan {now} kueri sekaligus, batas yang diizinkan "
                    "(setelan `client_concurrency`); tunggu salah satunya selesai",
                    where="client_concurrency")
                exc.headers = {"Retry-After": str(self.retry_after)}
                raise exc
            self._running[client] = now + 1
        try:
            yield
        finally:
            with self._lock:
                left = self._running.get(client, 1) - 1
                if left:
                    self._running[client] = left
                else:
                    self._running.pop(client, None)
