"""ETags and a bounded LRU of query responses, keyed by dataset version and request.

A new version changes every key, so nothing is ever invalidated by hand: old entries simply
fall out of the LRU.

>>> c = ResponseCache(2)
>>> key = cache_key(7, "ASK {}", "json")
>>> c.put(key, Cached(b"{}", "application/json", {}))
>>> c.get(key).body
b'{}'
>>> etag(7, key) == etag(7, cache_key(7, "ASK {}", "json"))
True
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from dataclasses import dataclass

#: answers bigger than this are not kept (they would push out many small ones)
MAX_ENTRY_BYTES = 2 * 1024 * 1024


@dataclass(frozen=True)
class Cached:
    """A response body with its media type and extra headers."""

    body: bytes
    media_type: str
    headers: dict


def cache_key(version: int, query: str, fmt: str, *graphs: tuple[str, ...] | list[str]) -> str:
    """A digest of everything that determines the response body."""
    h = hashlib.blake2b(digest_size=12)
    for part in (str(version), query, fmt, *("\x1f".join(g) for g in graphs)):
        h.update(part.encode("utf-8"))
        h.update(b"\x00")
    return h.hexdigest()


def etag(version: int, key: str) -> str:
    """The strong ETag (unquoted) of a response: version and request digest."""
    return f"v{version}-{key}"


class ResponseCache:
    """A thread-safe LRU of :class:`Cached` responses."""

    def __init__(self, entries: int):
        self.entries = entries
        self._data: OrderedDict[str, Cached] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: str) -> Cached | None:
        """The cached response for ``key`` (and mark it recently used), or ``None``."""
        if self.entries <= 0:
            return None
        with self._lock:
            hit = self._data.get(key)
            if hit is not None:
                self._data.move_to_end(key)
            return hit

    def put(self, key: str, value: Cached) -> None:
        """Keep ``value`` unless the cache is disabled or the body is too large."""
        if self.entries <= 0 or len(value.body) > MAX_ENTRY_BYTES:
            return
        with self._lock:
            self._data[key] = value
            self._data.move_to_end(key)
            while len(self._data) > self.entries:
                self._data.popitem(last=False)

    def __len__(self) -> int:
        return len(self._data)
