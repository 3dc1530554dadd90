"""Full-text index of published releases: SQLite FTS5 over headline, body, names and quotes.

The index lives in ``DATA/fts.sqlite3`` (WAL mode: the web layer reads while a publisher
writes). Publishing keeps it in step with the store and records the store version it matches
in ``meta``; when they differ (a crash between the two) publishing rebuilds it, and
``infopublik-ld reindex`` rebuilds it on demand.

>>> fts_query('bupati "Labura" humas*')
'"bupati" "labura" "humas"*'
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .vocab import RDF, SCHEMA

FILE = "fts.sqlite3"
_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta(k TEXT PRIMARY KEY, v TEXT);
CREATE TABLE IF NOT EXISTS releases(id INTEGER PRIMARY KEY, key TEXT UNIQUE NOT NULL);
CREATE VIRTUAL TABLE IF NOT EXISTS docs USING fts5(
    headline, body, names, quotes, tokenize = 'unicode61 remove_diacritics 2');
"""
_WORD = re.compile(r"\w+\*?", re.UNICODE)

#: around a matched word in a search snippet
MARK_START, MARK_END = "\x02", "\x03"


@dataclass(frozen=True)
class Doc:
    """The searchable text of one release."""

    key: str
    headline: str
    body: str
    names: str
    quotes: str


def doc_from_triples(key: str, subject, triples: Iterable[tuple]) -> Doc:
    """Collect a release's text from its triples (rdflib terms)."""
    triples = list(triples)
    rdf_type, name, text = RDF.type, SCHEMA.name, SCHEMA.text
    named_kinds = {SCHEMA.Person, SCHEMA.GovernmentOrganization, SCHEMA.Organization}
    people = {s for s, p, o in triples if p == rdf_type and o in named_kinds}
    quotes = {s for s, p, o in triples if p == rdf_type and o == SCHEMA.Quotation}
    heads, bodies = {SCHEMA.headline, name}, {SCHEMA.articleBody, SCHEMA.description}
    head, body, names, said = [], [], [], []
    for s, p, o in triples:
        if s == subject and p in heads:
            head.append(str(o))
        elif s == subject and p in bodies:
            body.append(str(o))
        elif s in people and p == name:
            names.append(str(o))
        elif s in quotes and p == text:
            said.append(str(o))
    return Doc(key, " ".join(head), "\n".join(body), "; ".join(sorted(set(names))),
               "\n".join(said))


def doc_from_record(key: str, record: dict) -> Doc:
    """Collect a release's text from its input record (cheaper than from triples)."""
    event = record.get("event") or {}
    names = [p["name"] for p in record.get("people", [])] + \
        [o["name"] for o in record.get("organizations", [])]
    return Doc(key, record.get("headline") or record.get("name") or event.get("name") or "",
               record.get("body") or record.get("description") or "",
               "; ".join(sorted(set(names))),
               "\n".join(q["text"] for q in record.get("quotes", [])))


def fts_query(text: str) -> str:
    """A safe FTS5 query from user text: every word quoted (AND), ``word*`` kept as prefix."""
    terms = []
    for word in _WORD.findall(text.lower()):
        star = word.endswith("*")
        terms.append(f'"{word.rstrip("*")}"' + ("*" if star else ""))
    return " ".join(terms)


class FtsIndex:
    """The index file of one data directory."""

    def __init__(self, data_dir: Path):
        self.path = Path(data_dir) / FILE
        self.db = sqlite3.connect(self.path, timeout=30)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.executescript(_SCHEMA)

    def upsert(self, docs: Iterable[Doc]) -> None:
        """Add or replace documents (one transaction)."""
        with self.db:
            for d in docs:
                self._delete(d.key)
                cur = self.db.execute("INSERT INTO releases(key) VALUES (?)", (d.key,))
                self.db.execute(
                    "INSERT INTO docs(rowid, headline, body, names, quotes) VALUES (?,?,?,?,?)",
                    (cur.lastrowid, d.headline, d.body, d.names, d.quotes))

    def _delete(self, key: str) -> None:
        row = self.db.execute("SELECT id FROM releases WHERE key = ?", (key,)).fetchone()
        if row:
            self.db.execute("DELETE FROM docs WHERE rowid = ?", row)
            self.db.execute("DELETE FROM releases WHERE id = ?", row)

    def delete(self, keys: Iterable[str]) -> None:
        """Remove documents by release key."""
        with self.db:
            for key in keys:
                self._delete(key)

    def clear(self) -> None:
        """Remove every document."""
        with self.db:
            self.db.execute("DELETE FROM docs")
            self.db.execute("DELETE FROM releases")
            self.db.execute("DELETE FROM meta")

    def version(self) -> int:
        """The store version the index matches (0 when unknown)."""
        row = self.db.execute("SELECT v FROM meta WHERE k = 'version'").fetchone()
        return int(row[0]) if row else 0

    def set_version(self, number: int) -> None:
        """Record that the index matches store version ``number``."""
        with self.db:
            self.db.execute("INSERT OR REPLACE INTO meta VALUES ('version', ?)", (str(number),))

    def count(self) -> int:
        """Number of indexed releases."""
        return self.db.execute("SELECT COUNT(*) FROM releases").fetchone()[0]

    def search(self, q: str, limit: int = 20, offset: int = 0) -> list[dict]:
        """Releases matching ``q``, best first: key, headline, snippet, rank.

        In the snippet, matched words sit between :data:`MARK_START` and :data:`MARK_END`
        (control characters, never in release text, so a page can highlight them and the
        API can show them as it documents).
        """
        match = fts_query(q)
        if not match:
            return []
        rows = self.db.execute(
            "SELECT r.key, docs.headline, snippet(docs, -1, char(2), char(3), '…', 12), bm25(docs) "
            "FROM docs JOIN releases r ON r.id = docs.rowid WHERE docs MATCH ? "
            "ORDER BY bm25(docs) LIMIT ? OFFSET ?", (match, int(limit), int(offset)))
        return [{"key": k, "headline": h, "snippet": s, "rank": r} for k, h, s, r in rows]

    def close(self) -> None:
        """Close the connection."""
        self.db.close()

    def __enter__(self) -> FtsIndex:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def search(settings, q: str, limit: int = 20, offset: int = 0) -> list[dict]:
    """Full-text search of the published releases of ``settings.data_dir`` (for the API)."""
    with FtsIndex(settings.data_dir) as index:
        return index.search(q, limit, offset)
