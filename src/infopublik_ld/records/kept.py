"""The input record each published release was last published with, kept privately.

``publish`` (the one write door) writes here, after the store has committed a batch, one
row per release in one SQLite transaction per batch: ``DATA/private/records.sqlite3``,
never the public store. Each row carries the content hash of the release it made, so a row
is *current* only while the store's registry has the same hash for that release: a record
kept for a release later replaced from RDF, or one whose write was lost in a crash between
the commit and this insert, is never shown as current (the console then rebuilds the record
from the published graph, see :mod:`infopublik_ld.records.rebuild`).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from pathlib import Path

#: beside the console's bookkeeping (``DATA/private``, mode 0700)
FILE = "records.sqlite3"


def _connect(data_dir: Path) -> sqlite3.Connection:
    folder = Path(data_dir) / "private"
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    db = sqlite3.connect(folder / FILE, timeout=30, isolation_level=None)
    # WAL: the console reads while a publish writes; NORMAL: a crash may lose the last
    # batch's rows, which only makes the console rebuild those records from the graph
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=NORMAL")
    db.execute("CREATE TABLE IF NOT EXISTS records (key TEXT PRIMARY KEY, "
               "content_hash TEXT NOT NULL, record TEXT NOT NULL)")
    return db


class Keeper:
    """Open for a publish run; :meth:`keep` one committed batch at a time."""

    def __init__(self, data_dir: Path):
        self.db = _connect(data_dir)

    def keep(self, rows: Iterable[tuple[str, str, str]]) -> None:
        """Store ``(key, content_hash, record_json)`` rows in one transaction."""
        rows = list(rows)
        if not rows:
            return
        with self.db:
            self.db.execute("BEGIN")
            self.db.executemany("INSERT OR REPLACE INTO records(key, content_hash, record) "
                                "VALUES (?, ?, ?)", rows)

    def close(self) -> None:
        """Close the database."""
        self.db.close()


def kept(data_dir: Path, key: str) -> tuple[dict, str] | None:
    """The kept record of release ``key`` and the content hash it was published with, or
    ``None`` when none was kept."""
    path = Path(data_dir) / "private" / FILE
    if not path.exists():
        return None
    db = _connect(data_dir)
    try:
        row = db.execute("SELECT record, content_hash FROM records WHERE key = ?",
                         (key,)).fetchone()
    finally:
        db.close()
    return (json.loads(row[0]), row[1]) if row else None
