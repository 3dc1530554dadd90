"""The console's private bookkeeping: accounts, API tokens, login throttling, drafts, audit.

Everything lives in ``DATA/private/console.sqlite3`` (folder mode 0700, file 0600), never in
the public store, the dumps or the change feed. Passwords and tokens are kept only as scrypt
hashes (the standard library's password KDF; RFC 7914 parameters below). No Flask here: the
CLI (``infopublik-ld user …``) and the web layer share this module.

>>> from tempfile import mkdtemp
>>> book = Book(Path(mkdtemp()))
>>> _ = book.add_user("sari", "officer", "kata sandi panjang")
>>> book.authenticate("sari", "kata sandi panjang").role
'officer'
>>> book.authenticate("sari", "salah") is None
True
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import json
import os
import re
import secrets
import sqlite3
import threading
import time
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from .errors import InfopublikError, InputError, NotFound

PRIVATE_DIR = "private"
DB_FILE = "console.sqlite3"
ROLES = ("officer", "admin")
#: scrypt cost: 2**14 × 8 × 128 bytes = 16 MiB and ~50 ms a hash here, the figure the
#: standard library's documentation and OWASP give for interactive logins
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1
MIN_PASSWORD = 10
#: login throttling: this many failures within WINDOW seconds (per account, per address)
MAX_FAILURES, WINDOW = 10, 15 * 60
_NAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,39}$")
TOKEN_PREFIX = "ipld_"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS users (
  name TEXT PRIMARY KEY, role TEXT NOT NULL, password TEXT NOT NULL,
  disabled INTEGER NOT NULL DEFAULT 0, created TEXT NOT NULL,
  -- bumped when an account is disabled: every session made before it stops working
  epoch INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS tokens (
  id TEXT PRIMARY KEY, user TEXT NOT NULL REFERENCES users(name), hash TEXT NOT NULL,
  created TEXT NOT NULL, revoked TEXT);
CREATE TABLE IF NOT EXISTS failures (who TEXT NOT NULL, at REAL NOT NULL);
CREATE INDEX IF NOT EXISTS failures_who ON failures(who, at);
CREATE TABLE IF NOT EXISTS drafts (
  id TEXT PRIMARY KEY, owner TEXT NOT NULL, created TEXT NOT NULL, updated TEXT NOT NULL,
  revision INTEGER NOT NULL DEFAULT 1, status TEXT NOT NULL DEFAULT 'open',
  source_name TEXT, source_text TEXT NOT NULL DEFAULT '', record TEXT NOT NULL,
  extraction TEXT NOT NULL DEFAULT '{}', accepted TEXT NOT NULL DEFAULT '[]',
  -- a correction of a published release: its key and the content hash it was opened at
  base_key TEXT, base_hash TEXT, updated_by TEXT);
-- no longer written: records are kept for every release by publish (records/kept.py);
-- left so that files made before open unchanged
CREATE TABLE IF NOT EXISTS records (key TEXT PRIMARY KEY, record TEXT NOT NULL,
  updated TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS audit (
  id INTEGER PRIMARY KEY AUTOINCREMENT, account TEXT NOT NULL, at TEXT NOT NULL,
  action TEXT NOT NULL, via TEXT NOT NULL, draft TEXT, release_key TEXT, version INTEGER,
  detail TEXT);
"""


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def hash_secret(secret: str) -> str:
    """An scrypt hash of ``secret`` with a fresh salt: ``scrypt$n$r$p$salt$hash`` (base64)."""
    salt = os.urandom(16)
    digest = hashlib.scrypt(secret.encode("utf-8"), salt=salt, n=SCRYPT_N, r=SCRYPT_R,
                            p=SCRYPT_P, maxmem=64 * 1024 * 1024)
    enc = base64.b64encode
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${enc(salt).decode()}${enc(digest).decode()}"


def verify_secret(secret: str, stored: str) -> bool:
    """True when ``secret`` matches ``stored`` (made by :func:`hash_secret`); constant time."""
    try:
        kind, n, r, p, salt, digest = stored.split("$")
        if kind != "scrypt":
            return False
        want = base64.b64decode(digest)
        got = hashlib.scrypt(secret.encode("utf-8"), salt=base64.b64decode(salt), n=int(n),
                             r=int(r), p=int(p), maxmem=64 * 1024 * 1024, dklen=len(want))
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(got, want)


# a hash to compare against when the account does not exist, so that an unknown name takes as
# long to refuse as a wrong password (no account enumeration by timing)
_DUMMY = None


def _dummy_hash() -> str:
    global _DUMMY
    if _DUMMY is None:
        _DUMMY = hash_secret(secrets.token_hex(8))
    return _DUMMY


class AccountError(InfopublikError):
    """An account command that cannot be carried out (unknown name, bad role, weak password)."""


class Throttled(InfopublikError):
    """Too many failed logins for an account or an address; ``wait`` says for how long."""

    status = 429

    def __init__(self, wait: int):
        minutes = max(1, (wait + 59) // 60)
        super().__init__(
            f"too many failed logins: wait {minutes} minute(s) and try again",
            f"terlalu banyak login gagal: tunggu {minutes} menit lalu coba lagi")
        self.wait = wait


@dataclass(frozen=True)
class User:
    """One account."""

    name: str
    role: str
    disabled: bool
    created: str
    epoch: int

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"


def private_dir(data_dir: Path) -> Path:
    """``DATA/private`` (created with mode 0700)."""
    path = Path(data_dir) / PRIVATE_DIR
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    return path


_HAS_ACCOUNTS: set[str] = set()
_THREAD = threading.local()


def has_accounts(data_dir: Path) -> bool:
    """Whether at least one account exists (cheap; creates nothing). Accounts are never
    deleted (only disabled), so a yes is remembered."""
    path = Path(data_dir) / PRIVATE_DIR / DB_FILE
    if str(path) in _HAS_ACCOUNTS:
        return True
    if not path.is_file():
        return False
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=30)) as db:
        try:
            found = db.execute("SELECT 1 FROM users LIMIT 1").fetchone() is not None
        except sqlite3.OperationalError:
            return False
    if found:
        _HAS_ACCOUNTS.add(str(path))
    return found


class Book:
    """The private bookkeeping database of one data directory.

    One connection per database and thread, kept open for the thread's life (opening and
    closing one per request cost ~2 ms; closing one per call made every draft save pay a WAL
    checkpoint, ~30 ms here). WAL mode with ``synchronous=NORMAL``: a crash of the process
    loses nothing committed, a power cut may lose the last commits but never corrupts the file.
    """

    _ready: set[str] = set()  # databases whose tables exist (per process)

    def __init__(self, data_dir: Path):
        self.data_dir = Path(data_dir)
        self.path = private_dir(self.data_dir) / DB_FILE
        self._conn: sqlite3.Connection | None = None
        if str(self.path) not in Book._ready:
            fresh = not self.path.exists()
            with self._db() as db:
                db.execute("PRAGMA journal_mode=WAL")
                db.executescript(_SCHEMA)
            if fresh:
                os.chmod(self.path, 0o600)
            Book._ready.add(str(self.path))

    def _db(self) -> _Closing:
        if self._conn is None:
            conns = _THREAD.__dict__.setdefault("conns", {})
            db = conns.get(str(self.path))
            if db is None:
                db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
                db.row_factory = sqlite3.Row
                db.execute("PRAGMA busy_timeout=30000")
                db.execute("PRAGMA synchronous=NORMAL")
                conns[str(self.path)] = db
            self._conn = db
        return _Closing(self._conn)

    def close(self) -> None:
        """Let go of the connection (it stays open for the thread's next ``Book``)."""
        self._conn = None

    # ------------------------------------------------------------------ accounts
    def add_user(self, name: str, role: str, password: str) -> User:
        """Create an account; raise :class:`AccountError` for a bad name, role or password."""
        check_name(name, role)
        check_password(password)
        with self._db() as db:
            try:
                db.execute("INSERT INTO users(name, role, password, created) VALUES (?,?,?,?)",
                           (name, role, hash_secret(password), _now()))
            except sqlite3.IntegrityError:
                raise AccountError(f"account {name!r} exists already",
                                   f"akun {name!r} sudah ada", where="name") from None
        return self.user(name)

    def user(self, name: str) -> User:
        """The account ``name``; raise :class:`NotFound` when there is none."""
        with self._db() as db:
            row = db.execute("SELECT name, role, disabled, created, epoch FROM users "
                             "WHERE name = ?", (name,)).fetchone()
        if row is None:
            raise NotFound(f"no account {name!r} (see `infopublik-ld user list`)",
                           f"tidak ada akun {name!r} (lihat `infopublik-ld user list`)")
        return User(row["name"], row["role"], bool(row["disabled"]), row["created"],
                    row["epoch"])

    def users(self) -> list[User]:
        """Every account, by name."""
        with self._db() as db:
            rows = db.execute("SELECT name, role, disabled, created, epoch FROM users "
                              "ORDER BY name").fetchall()
        return [User(r["name"], r["role"], bool(r["disabled"]), r["created"], r["epoch"])
                for r in rows]

    def disable(self, name: str) -> User:
        """Disable ``name``: its sessions end at their next request, its tokens stop working."""
        self.user(name)
        with self._db() as db:
            db.execute("UPDATE users SET disabled = 1, epoch = epoch + 1 WHERE name = ?",
                       (name,))
        return self.user(name)

    def authenticate(self, name: str, password: str) -> User | None:
        """The enabled account ``name`` if ``password`` is its password, else ``None``."""
        with self._db() as db:
            row = db.execute("SELECT password, disabled FROM users WHERE name = ?",
                             (name,)).fetchone()
        if row is None:
            verify_secret(password, _dummy_hash())
            return None
        if not verify_secret(password, row["password"]) or row["disabled"]:
            return None
        return self.user(name)

    def session_user(self, name: str, epoch: int) -> User | None:
        """The account a session names, if it is still enabled and the session not stale."""
        try:
            user = self.user(name)
        except NotFound:
            return None
        return None if user.disabled or user.epoch != epoch else user

    # ------------------------------------------------------------------ tokens
    def new_token(self, name: str) -> str:
        """Make an API token for ``name`` and return it (shown once; only its hash is kept)."""
        user = self.user(name)
        if user.disabled:
            raise AccountError(f"account {name!r} is disabled", f"akun {name!r} dinonaktifkan")
        token_id, secret = secrets.token_hex(6), secrets.token_urlsafe(32)
        with self._db() as db:
            db.execute("INSERT INTO tokens(id, user, hash, created) VALUES (?,?,?,?)",
                       (token_id, name, hash_secret(secret), _now()))
        return f"{TOKEN_PREFIX}{token_id}_{secret}"

    def revoke(self, name: str) -> int:
        """Revoke every token of ``name``; return how many were live."""
        self.user(name)
        with self._db() as db:
            cur = db.execute("UPDATE tokens SET revoked = ? WHERE user = ? AND revoked IS NULL",
                             (_now(), name))
        return cur.rowcount

    def token_user(self, token: str) -> User | None:
        """The enabled account of a live ``token``, else ``None``."""
        m = re.fullmatch(rf"{TOKEN_PREFIX}([0-9a-f]{{12}})_([A-Za-z0-9_-]{{20,100}})", token or "")
        if not m:
            return None
        with self._db() as db:
            row = db.execute("SELECT user, hash, revoked FROM tokens WHERE id = ?",
                             (m.group(1),)).fetchone()
        if row is None:
            verify_secret(m.group(2), _dummy_hash())
            return None
        if not verify_secret(m.group(2), row["hash"]) or row["revoked"]:
            return None
        user = self.user(row["user"])
        return None if user.disabled else user

    # ------------------------------------------------------------------ throttling
    def check_throttle(self, *who: str) -> None:
        """Raise :class:`Throttled` when any of ``who`` failed :data:`MAX_FAILURES` times in
        the last :data:`WINDOW` seconds."""
        now = time.time()
        with self._db() as db:
            db.execute("DELETE FROM failures WHERE at < ?", (now - WINDOW,))
            for w in who:
                rows = db.execute("SELECT at FROM failures WHERE who = ? ORDER BY at",
                                  (w,)).fetchall()
                if len(rows) >= MAX_FAILURES:
                    # the wait ends when enough of the failures have aged out of the window
                    oldest = rows[len(rows) - MAX_FAILURES]["at"]
                    raise Throttled(int(oldest + WINDOW - now) + 1)

    def record_failure(self, *who: str) -> None:
        """Count one failed login against each of ``who``."""
        now = time.time()
        with self._db() as db:
            db.executemany("INSERT INTO failures(who, at) VALUES (?, ?)", [(w, now) for w in who])

    # ------------------------------------------------------------------ drafts
    def new_draft(self, owner: str, record: dict, *, source_text: str = "",
                  source_name: str | None = None, extraction: dict | None = None,
                  base_key: str | None = None, base_hash: str | None = None) -> str:
        """Keep a new draft; return its id."""
        draft_id = secrets.token_hex(8)
        now = _now()
        with self._db() as db:
            db.execute("INSERT INTO drafts(id, owner, created, updated, source_name, source_text,"
                       " record, extraction, base_key, base_hash, updated_by) VALUES "
                       "(?,?,?,?,?,?,?,?,?,?,?)",
                       (draft_id, owner, now, now, source_name, source_text,
                        json.dumps(record, ensure_ascii=False),
                        json.dumps(extraction or {}, ensure_ascii=False), base_key, base_hash,
                        owner))
        return draft_id

    def draft(self, draft_id: str) -> dict:
        """One draft as a dict (record, extraction and accepted decoded); :class:`NotFound`."""
        with self._db() as db:
            row = db.execute("SELECT * FROM drafts WHERE id = ?", (draft_id,)).fetchone()
        if row is None:
            raise NotFound(f"no draft {draft_id!r}", f"tidak ada draf {draft_id!r}")
        out = dict(row)
        for k in ("record", "extraction", "accepted"):
            out[k] = json.loads(out[k])
        return out

    def drafts(self, status: str = "open", limit: int = 100) -> list[dict]:
        """Drafts with ``status``, newest first (without their text)."""
        with self._db() as db:
            rows = db.execute("SELECT id, owner, updated, revision, status, source_name, "
                              "base_key, json_extract(record, '$.headline') AS headline, "
                              "json_extract(record, '$.name') AS name FROM drafts "
                              "WHERE status = ? ORDER BY updated DESC LIMIT ?",
                              (status, limit)).fetchall()
        return [dict(r) for r in rows]

    def save_draft(self, draft_id: str, revision: int, by: str, record: dict,
                   accepted: list[str]) -> int:
        """Save a draft read at ``revision``; return the new revision.

        Raises :class:`DraftConflict` when someone saved it since (nothing is overwritten).
        """
        with self._db() as db:
            cur = db.execute(
                "UPDATE drafts SET record = ?, accepted = ?, revision = revision + 1, "
                "updated = ?, updated_by = ? WHERE id = ? AND revision = ? AND status = 'open'",
                (json.dumps(record, ensure_ascii=False), json.dumps(accepted), _now(), by,
                 draft_id, revision))
            if cur.rowcount == 1:
                return revision + 1
        current = self.draft(draft_id)
        raise DraftConflict(current)

    def close_draft(self, draft_id: str, status: str) -> None:
        """Mark a draft ``published`` or ``discarded`` (kept for the audit trail)."""
        with self._db() as db:
            db.execute("UPDATE drafts SET status = ?, updated = ? WHERE id = ?",
                       (status, _now(), draft_id))

    # ------------------------------------------------------------------ audit
    def audit(self, account: str, action: str, via: str, *, draft: str | None = None,
              key: str | None = None, version: int | None = None, detail: str = "") -> None:
        """Record one write (publish, replace, retract, account change)."""
        with self._db() as db:
            db.execute("INSERT INTO audit(account, at, action, via, draft, release_key, version,"
                       " detail) VALUES (?,?,?,?,?,?,?,?)",
                       (account, _now(), action, via, draft, key, version, detail))

    def audit_log(self, limit: int = 200) -> list[dict]:
        """The latest audit entries, newest first."""
        with self._db() as db:
            rows = db.execute("SELECT * FROM audit ORDER BY id DESC LIMIT ?",
                              (limit,)).fetchall()
        return [dict(r) for r in rows]


class DraftConflict(InfopublikError):
    """Someone saved the draft since it was opened; ``current`` is what they saved."""

    status = 409

    def __init__(self, current: dict):
        who, when = current.get("updated_by") or "?", current.get("updated")
        if current.get("status") != "open":
            super().__init__(
                f"this draft was {current['status']} by {who} at {when}; nothing was saved",
                f"draf ini sudah {_STATUS_ID.get(current['status'], current['status'])} oleh "
                f"{who} pada {when}; tidak ada yang disimpan")
        else:
            super().__init__(
                f"{who} saved this draft at {when} after you opened it; your changes were NOT "
                "saved — reload to see theirs",
                f"{who} menyimpan draf ini pada {when} setelah Anda membukanya; perubahan Anda "
                "TIDAK disimpan — muat ulang untuk melihat versi mereka")
        self.current = current


_STATUS_ID = {"published": "diterbitkan", "discarded": "dibuang"}


def check_name(name: str, role: str) -> None:
    """Raise :class:`AccountError` for an unusable account name or role."""
    if not _NAME.match(name or ""):
        raise AccountError(
            f"account name {name!r}: use 2–40 lowercase letters, digits, '.', '_' or '-'",
            f"nama akun {name!r}: pakai 2–40 huruf kecil, angka, '.', '_' atau '-'",
            where="name")
    if role not in ROLES:
        raise AccountError(f"role {role!r}: use officer or admin",
                           f"peran {role!r}: pakai officer atau admin", where="role")


def check_password(password: str) -> None:
    """Raise :class:`InputError` for a password shorter than :data:`MIN_PASSWORD`."""
    if len(password or "") < MIN_PASSWORD:
        raise InputError(f"the password must have at least {MIN_PASSWORD} characters",
                         f"kata sandi minimal {MIN_PASSWORD} karakter", where="password")


class _Closing:
    """The connection used as ``with`` (autocommit: each statement commits by itself)."""

    def __init__(self, db: sqlite3.Connection):
        self.db = db

    def __enter__(self) -> sqlite3.Connection:
        return self.db

    def __exit__(self, *exc) -> None:
        pass
