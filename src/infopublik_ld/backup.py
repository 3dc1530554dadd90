"""``infopublik-ld backup DEST`` and ``infopublik-ld restore SRC DIR``.

A backup is taken from the newest *published* version, never from the live store: the
checkpoint under ``versions/`` is what readers see, it never changes, and a shared lock on it
(the one query workers hold) keeps it from being cleaned while it is copied. So a backup
neither stops ``serve`` nor waits for (or blocks) ``publish``: a publish under way goes on, and
the backup holds the last version finished before it, every release whole or absent.

What a backup folder holds::

    backup.json          what was copied: version, counts, every file with size and SHA-256
    store/data/          the release graphs    } Oxigraph's backup of the version's checkpoint
    store/meta/          the bookkeeping store }
    fts.sqlite3          the full-text index (SQLite's online backup)
    dumps/000007/        the newest complete dumps (that version's or, while they are being
                         written, the one before)
    infopublik-ld.toml   the settings, and every other file of the data directory (harvest
                         state, accounts, …), SQLite databases through SQLite's backup

``restore`` copies it into a new data directory, reopens the store (which checkpoints the
version again), rebuilds the full-text index when the copied one may not match the version,
and checks: the version number, release and triple counts, each file's checksum and the
dumps' checksums. A check that fails raises with what differs; nothing is left half-restored.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import stat
from dataclasses import dataclass, field
from pathlib import Path

from . import __version__
from .config import CONFIG_FILE, Settings, load_settings
from .errors import ConfigError, StoreError
from .stats.counts import statistics_graph
from .store import current_version, open_store, open_version, require_initialised
from .store.base import now

MANIFEST = "backup.json"
FORMAT = 1
#: what the generic copy leaves out: the live store and checkpoints (taken through Oxigraph's
#: backup instead), dumps (only the backed-up version's), the index (SQLite's backup), locks
SKIP = {"store", "versions", "dumps", "fts.sqlite3", "fts.sqlite3-wal", "fts.sqlite3-shm",
        "publish.lock", "publish-report.json"}
SQLITE_MAGIC = b"SQLite format 3\x00"


@dataclass
class Check:
    """One thing ``restore`` verified."""

    name: str
    expected: str
    found: str

    @property
    def ok(self) -> bool:
        """Whether the two agree."""
        return self.expected == self.found


@dataclass
class Report:
    """What ``backup`` or ``restore`` did."""

    path: Path
    version: int
    releases: int
    triples: int
    files: int
    bytes: int
    index_rebuilt: bool = False
    checks: list[Check] = field(default_factory=list)

    def to_json(self) -> dict:
        """A JSON-ready summary."""
        return {"path": str(self.path), "version": self.version, "releases": self.releases,
                "triples": self.triples, "files": self.files, "bytes": self.bytes,
                "index_rebuilt": self.index_rebuilt,
                "checks": [{"name": c.name, "expected": c.expected, "found": c.found,
                            "ok": c.ok} for c in self.checks]}


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def _is_sqlite(path: Path) -> bool:
    try:
        with open(path, "rb") as fh:
            return fh.read(16) == SQLITE_MAGIC
    except OSError:
        return False


def _sqlite_copy(src: Path, dest: Path) -> None:
    """A consistent copy of a live SQLite database (its writers go on meanwhile)."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    source = sqlite3.connect(f"file:{src}?mode=ro", uri=True, timeout=30)
    try:
        target = sqlite3.connect(dest)
        try:
            source.backup(target)
        finally:
            target.close()
    finally:
        source.close()


def _copy_generic(data_dir: Path, dest: Path) -> None:
    """Every file of the data directory but :data:`SKIP` (settings, harvest state, accounts,
    bookkeeping files of later features), SQLite databases through SQLite's backup; files
    and folders keep their modes (``private/`` stays 0700, its database 0600)."""
    for root, dirs, files in os.walk(data_dir):
        rel = Path(root).relative_to(data_dir)
        if rel == Path("."):
            dirs[:] = [d for d in dirs if d not in SKIP]
        else:
            (dest / rel).mkdir(parents=True, exist_ok=True)
            os.chmod(dest / rel, stat.S_IMODE(os.stat(root).st_mode))
        dirs.sort()
        sqlite_files = {f for f in files if _is_sqlite(Path(root) / f)}
        for name in sorted(files):
            if rel == Path(".") and name in SKIP:
                continue
            if name.endswith((".tmp", ".lock")) or \
                    any(name == s + suffix for s in sqlite_files for suffix in ("-wal", "-shm",
                                                                                "-journal")):
                continue
            src, out = Path(root) / name, dest / rel / name
            out.parent.mkdir(parents=True, exist_ok=True)
            if name in sqlite_files:
                _sqlite_copy(src, out)
                os.chmod(out, stat.S_IMODE(src.stat().st_mode))
            else:
                shutil.copy2(src, out)


def _publishing(data_dir: Path) -> bool:
    """Whether a publisher holds the writer lock now (its pid is in the file while it does;
    a pid of a process that is gone means it was killed and holds nothing)."""
    try:
        text = (data_dir / "publish.lock").read_text("ascii").strip()
    except (OSError, UnicodeDecodeError):
        return False
    return text.isdigit() and Path(f"/proc/{text}").exists()


def _files(folder: Path) -> dict[str, dict]:
    out = {}
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        rel = path.relative_to(folder).as_posix()
        if rel != MANIFEST:
            out[rel] = {"bytes": path.stat().st_size, "sha256": _sha256(path)}
    return out


def backup(settings: Settings, dest: str | os.PathLike) -> Report:
    """Copy the newest published version of ``settings``' instance to the new folder ``dest``.

    Returns what was copied. Raises :class:`ConfigError` (``dest`` exists and is not empty,
    remote store, nothing published yet), :class:`StoreError` (a copy failed: ``dest`` is
    removed again).
    """
    require_initialised(settings)
    if settings.store != "oxigraph":
        raise ConfigError("backup copies the embedded store; back up a remote SPARQL store "
                          "with its own tools (and this data directory's files)",
                          "backup menyalin penyimpanan tertanam; cadangkan penyimpanan SPARQL "
                          "jarak jauh dengan alatnya sendiri (beserta berkas direktori data ini)")
    dest = Path(dest).resolve()
    if dest.exists() and any(dest.iterdir()):
        raise ConfigError(f"{dest} exists and is not empty; give a new folder",
                          f"{dest} sudah ada dan tidak kosong; beri folder baru")
    if current_version(settings) is None:
        raise ConfigError("nothing published yet: nothing to back up",
                          "belum ada yang diterbitkan: belum ada yang dicadangkan")
    tmp = dest.with_name(dest.name + ".partial")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True, mode=0o700)  # it holds the accounts' password hashes
    try:
        report = _backup_into(settings, tmp)
        tmp.rename(dest) if not dest.exists() else _move_into(tmp, dest)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    report.path = dest
    return report


def _move_into(tmp: Path, dest: Path) -> None:
    for child in tmp.iterdir():
        os.rename(child, dest / child.name)
    tmp.rmdir()


def _backup_into(settings: Settings, out: Path) -> Report:
    data_dir = settings.data_dir
    # the index first, bracketed by two looks at the version and the writer lock: if no
    # publish ran meanwhile, the copy matches the version exactly; otherwise restore
    # rebuilds it from the store (a publish updates the index before its version is final)
    before, busy = current_version(settings), _publishing(data_dir)
    fts = data_dir / "fts.sqlite3"
    if fts.exists():
        _sqlite_copy(fts, out / "fts.sqlite3")
    after, busy = current_version(settings), busy or _publishing(data_dir)
    index_matches = fts.exists() and not busy and before is not None and after is not None \
        and before.number == after.number
    with open_version(settings) as view:  # the shared lock keeps the checkpoint in place
        info = view.versions(limit=1)[0]
        native = view.native()
        (out / "store").mkdir()
        try:
            native.backup(str(out / "store" / "data"))
            view._meta.backup(str(out / "store" / "meta"))  # the checkpoint's bookkeeping
        except OSError as exc:
            raise StoreError(f"backup to {out} failed: {exc}",
                             f"backup ke {out} gagal: {exc}") from None
        index_matches = index_matches and after.number == info.number
    from .dumps import latest_manifest, version_dir

    dumps = latest_manifest(settings)  # the newest complete ones (a version behind, at times)
    if dumps is not None and dumps.version <= info.number:
        shutil.copytree(version_dir(settings, dumps.version),
                        out / "dumps" / version_dir(settings, dumps.version).name)
    _copy_generic(data_dir, out)
    files = _files(out)
    doc = {"format": FORMAT, "software": __version__, "created": now(),
           "version": info.to_json(), "index_matches_version": index_matches,
           "files": files}
    (out / MANIFEST).write_text(json.dumps(doc, ensure_ascii=False, indent=1),
                                encoding="utf-8")
    return Report(out, info.number, info.releases, info.triples, len(files),
                  sum(f["bytes"] for f in files.values()))


def restore(src: str | os.PathLike, target: str | os.PathLike) -> Report:
    """Restore the backup in ``src`` into the new data directory ``target`` and check it.

    Returns the checks made (all passed). Raises :class:`ConfigError` (not a backup,
    ``target`` not empty) or :class:`StoreError` (a file or count differs: ``target`` is
    removed again).
    """
    src, target = Path(src).resolve(), Path(target).resolve()
    try:
        doc = json.loads((src / MANIFEST).read_text("utf-8"))
    except (OSError, ValueError):
        raise ConfigError(f"{src} is not a backup made by `infopublik-ld backup` (no "
                          f"{MANIFEST})", f"{src} bukan cadangan buatan `infopublik-ld "
                          f"backup` (tidak ada {MANIFEST})") from None
    if doc.get("format") != FORMAT:
        raise ConfigError(f"{src}: backup format {doc.get('format')!r} is not known to this "
                          f"version ({__version__})", f"{src}: format cadangan "
                          f"{doc.get('format')!r} tidak dikenal versi ini ({__version__})")
    if target.exists() and any(target.iterdir()):
        raise ConfigError(f"{target} exists and is not empty; restore into a new folder",
                          f"{target} sudah ada dan tidak kosong; pulihkan ke folder baru")
    created = not target.exists()
    try:
        return _restore_into(src, target, doc)
    except BaseException:
        if created:
            shutil.rmtree(target, ignore_errors=True)
        else:
            for child in target.iterdir():
                shutil.rmtree(child) if child.is_dir() else child.unlink()
        raise


def _restore_into(src: Path, target: Path, doc: dict) -> Report:
    from .fts import FtsIndex
    from .publishing import rebuild_index

    checks: list[Check] = []
    for rel, meta in doc["files"].items():  # the copy is what the backup wrote
        path = src / rel
        found = _sha256(path) if path.is_file() else "missing"
        if found != meta["sha256"]:
            raise StoreError(f"backup file {rel} is damaged or missing (SHA-256 {found}, the "
                             f"backup says {meta['sha256']}); nothing was restored",
                             f"berkas cadangan {rel} rusak atau hilang (SHA-256 {found}, "
                             f"cadangan menyebut {meta['sha256']}); tidak ada yang dipulihkan")
    checks.append(Check("files", str(len(doc["files"])), str(len(doc["files"]))))
    target.mkdir(parents=True, exist_ok=True)
    for child in sorted(src.iterdir()):
        if child.name == MANIFEST:
            continue
        out = target / child.name
        shutil.copytree(child, out) if child.is_dir() else shutil.copy2(child, out)
    if not (target / CONFIG_FILE).exists():
        raise StoreError(f"the backup holds no {CONFIG_FILE}", f"cadangan tidak memuat "
                         f"{CONFIG_FILE}")
    settings = load_settings(target)
    if settings.store_dir != target / "store":  # store_path names another folder
        settings.store_dir.parent.mkdir(parents=True, exist_ok=True)
        os.rename(target / "store", settings.store_dir)
    want = doc["version"]
    rebuilt = False
    with open_store(settings) as store, FtsIndex(settings.data_dir) as index:
        newest = store.versions(limit=1)
        number = newest[0].number if newest else 0
        checks.append(Check("version", str(want["number"]), str(number)))
        triples, releases = store.counts()
        checks.append(Check("releases", str(want["releases"]), str(releases)))
        checks.append(Check("triples", str(want["triples"]), str(triples)))
        # the data store also holds the statistics graph (a dataset of its own, stats/)
        statistics = len(store.graph_triples(statistics_graph(store.base)))
        checks.append(Check("quads in release graphs", str(want["triples"]),
                            str(len(store._store) - statistics)))
        if not doc.get("index_matches_version") or index.version() != number:
            rebuild_index(store, index, number)
            rebuilt = True
        checks.append(Check("full-text index", str(releases), str(index.count())))
    info = current_version(settings)
    checks.append(Check("published version", str(want["number"]),
                        str(info.number if info else None)))
    checks += _dump_checks(settings)
    bad = [c for c in checks if not c.ok]
    if bad:
        detail = "; ".join(f"{c.name}: expected {c.expected}, found {c.found}" for c in bad)
        raise StoreError(f"the restored instance does not match its backup ({detail}); it "
                         "was removed", f"instans yang dipulihkan tidak sama dengan "
                         f"cadangannya ({detail}); hasilnya dihapus")
    total = sum(f["bytes"] for f in doc["files"].values())
    return Report(target, want["number"], want["releases"], want["triples"],
                  len(doc["files"]), total, rebuilt, checks)


def _dump_checks(settings: Settings) -> list[Check]:
    """Each file of the backed-up dumps against their manifest (when there were any)."""
    from .dumps import latest_manifest, version_dir

    manifest = latest_manifest(settings)
    if manifest is None:
        return []
    folder = version_dir(settings, manifest.version)
    return [Check(f"dump {f.name}", f.sha256, _sha256(folder / f.name)
                  if (folder / f.name).is_file() else "missing") for f in manifest.files]
