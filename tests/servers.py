"""A real ``infopublik-ld serve`` in a subprocess on a free port of 127.0.0.1 (test helper)."""

from __future__ import annotations

import contextlib
import os
import queue
import re
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import requests

#: the line ``serve`` prints once it listens ("serving …" / "melayani …"); only that line: other
#: lines on stderr may name IRIs under the site's base, such as http://127.0.0.1:8080/
_READY = re.compile(r"^(?:serving|melayani) http://(\[[0-9a-f:]+\]|[\d.]+):(\d+)/")


class Background:
    """A loop in a daemon thread for the length of a ``with`` block: subclasses write
    ``_run`` and end it once ``self._stop`` is set."""

    def __init__(self):
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:  # pragma: no cover - subclasses provide it
        raise NotImplementedError

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()

@contextlib.contextmanager
def running_server(data_dir: Path, *options: str, timeout: float = 60) -> Iterator[str]:
    """Start ``serve`` on ``data_dir`` with ``options``; yield its root URL; stop it after."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("INFOPUBLIK_")}
    cmd = [sys.executable, "-c", "from infopublik_ld.cli import main; main()", "--lang", "en",
           "--data", str(data_dir), "serve", "--port", "0", *options]
    proc = subprocess.Popen(cmd, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, env=env,
                            text=True)
    try:
        url = _wait_ready(proc, timeout)
        yield url
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def _wait_ready(proc: subprocess.Popen, timeout: float) -> str:
    lines: queue.Queue[str | None] = queue.Queue()
    seen: list[str] = []

    def drain() -> None:  # keep reading stderr so the server never blocks on a full pipe
        for line in proc.stderr:
            lines.put(line)
        lines.put(None)

    threading.Thread(target=drain, daemon=True).start()
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            line = lines.get(timeout=0.5)
        except queue.Empty:
            continue
        if line is None:
            break
        seen.append(line)
        m = _READY.search(line)
        if m:
            url = f"http://{m.group(1)}:{m.group(2)}/"
            requests.get(url + "sparql", timeout=10)
            return url
    raise RuntimeError("serve did not start: " + "".join(seen)[-2000:])


# --- processes, from /proc (Linux) ---------------------------------------------------------
def proc_stat(pid: int) -> list[str] | None:
    """The fields of ``/proc/PID/stat`` after the command name (state, ppid, …), or ``None``
    when the process is gone."""
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None


def descendants(pid: int) -> set[int]:
    """Every process below ``pid``."""
    parents = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit() and (fields := proc_stat(int(entry))) is not None:
            parents[int(entry)] = int(fields[1])
    found, todo = set(), [pid]
    while todo:
        parent = todo.pop()
        kids = {c for c, p in parents.items() if p == parent} - found
        found |= kids
        todo += list(kids)
    return found
