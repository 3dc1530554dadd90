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


def _open(path: Path) -> sqlite3.Connection:
    db = sqlite3.connect(path, timeout=30, isolation_level=None)
    # WAL: the console reads while a publish writes. synchronous=OFF: no fsync, because an
    # fsync while the store's bulk load fills the page cache waits for all of it (measured:
    # +10% on a 5 000-release publish with NORMAL). A crash may lose or damage this file;
    # that loses nothing published: a missing row is rebuilt from the graph, a damaged file
    # is set aside and started afresh (below).
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=OFF")
    db.execute("CREATE TABLE IF NOT EXISTS records (key TEXT PRIMARY KEY, "
               "content_hash TEXT NOT NULL, record TEXT NOT NULL)")
    return db


def _connect(data_dir: Path) -> sqlite3.Connection:
    folder = Path(data_dir) / "private"
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    path = folder / FILE
    try:
        db = _open(path)
        db.execute("SELECT 1 FROM records LIMIT 1").fetchall()
        return db
    except sqlite3.DatabaseError:  # damaged (a crash without fsync): start afresh
        for suffix in ("", "-wal", "-shm"):
            target = Path(f"{path}{suffix}")
            if target.exists():
                target.replace(Path(f"{path}{suffix}.damaged"))
        return _open(path)


class Keeper:
    """Open for a publish run; :meth:`keep` one committed batch at a time."""

    def __init__(self, data_dir: Path):
        self.db: sqlite3.Connection | None = _connect(data_dir)

    def keep(self, rows: Iterable[tuple[str, str, str]]) -> None:
        """Store ``(key, content_hash, record_json)`` rows in one transaction.

        A failure here (e.g. a full disk) stops keeping records for the rest of the run
        instead of failing a publish the store has committed already: those releases'
        records are rebuilt from their graphs when opened for correction."""
        rows = list(rows)
        if not rows or self.db is None:
            return
        try:
            with self.db:
                self.db.execute("BEGIN")
                self.db.executemany("INSERT OR REPLACE INTO records(key, content_hash, "
                                    "record) VALUES (?, ?, ?)", rows)
        except sqlite3.Error:
            self.close()

    def close(self) -> None:
        """Close the database."""
        if self.db is not None:
            self.db.close()
            self.db = None


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


def restamp(data_dir: Path, rows: Iterable[tuple[str, str, str]]) -> None:
    """Move kept records to their release's new content hash: ``(key, old_hash, new_hash)``
    rows, for a rewrite that changes a release's graph but not its input (``migrate``). A
    record kept under another hash stays as it is (it was not current before either)."""
    rows = [(new, key, old) for key, old, new in rows]
    path = Path(data_dir) / "private" / FILE
    if not rows or not path.exists():
        return
    db = _connect(data_dir)
    try:
        with db:
            db.execute("BEGIN")
            db.executemany("UPDATE records SET content_hash = ? WHERE key = ? AND "
                           "content_hash = ?", rows)
    finally:
        db.close()
