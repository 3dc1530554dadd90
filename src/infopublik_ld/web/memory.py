"""Handing freed memory back to the system in long-running processes (``serve``'s server
processes and query workers).

glibc keeps freed memory in its per-thread arenas for reuse, and each published version's
caches and the large transient results around a publish (statistics index, change log, pages,
an old version's store) are freed when the next version comes. In a soak
(benchmarks/soak.py, a publish every 30 s) the server processes grew 239 → 503 MiB over 10
minutes while the memory in use stayed at 35-150 MiB (``mallinfo2``); in a one-process probe of
the same load, trimming after each version's warm-up (25-60 ms, in the watcher thread, never in
a request) kept the process at 180-300 MiB where it otherwise reached 850 MiB.
"""

from __future__ import annotations

import functools


def release_freed_memory(_settings: object = None) -> bool:
    """Hand the memory that the previous version's caches and requests freed back to the
    system; returns whether the C library could (glibc's ``malloc_trim``; elsewhere a no-op).
    ``_settings`` is ignored: the function is also a :func:`~.current.on_new_version` hook."""
    trim = _malloc_trim()
    if trim is None:
        return False
    trim(0)
    return True


@functools.cache
def _malloc_trim():
    """glibc's ``malloc_trim``, or ``None`` where the C library has none (musl, macOS)."""
    import ctypes
    import ctypes.util

    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        trim = libc.malloc_trim
    except (OSError, AttributeError):
        return None
    trim.argtypes = [ctypes.c_size_t]
    trim.restype = ctypes.c_int
    return trim
