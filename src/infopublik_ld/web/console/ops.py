"""Writes of the officer console and the write API, through the CLI's publishing functions.

A record is checked (JSON Schema, then SHACL on its RDF, exactly as ``publish`` does), written
as a JSON file into ``DATA/private/outbox/`` and handed to :func:`infopublik_ld.publishing.publish`
— the one write door, behind the one writer lock. A CLI publish holding the lock makes
:class:`~infopublik_ld.errors.StoreLocked` come back here, and the caller keeps the draft.

No Flask here (the benchmark and the tests call it directly).
"""

from __future__ import annotations

import fcntl
import json
import logging
import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path

from ... import publishing
from ...config import Settings
from ...console_accounts import Book, private_dir
from ...errors import InfopublikError, InputError, RecordError, ValidationFailed
from ...pipeline import prepare
from ...rdf.iris import Minter, release_key
from ...rdf.provenance import agency_name
from ...records.schema import problems
from ...store import SYS, current_version, graph_iris, open_version
from ...validation import Report
from ...vocab import GPR

log = logging.getLogger(__name__)


def start_dumps(settings: Settings, number: int | None) -> None:
    """Start writing the dumps of version ``number`` in a background process, as the CLI's
    ``publish`` does after every new version (:func:`infopublik_ld.dumps.write_dumps_later`).

    Called after each write the console or the write API makes (publish, replace, retract,
    merge, split). A process that cannot be started only delays the dumps: the next request
    for the catalogue or ``/dumps/`` starts them (:func:`infopublik_ld.dumps.ensure_dumps`).
    """
    if number is None:
        return
    from ...dumps import write_dumps_later

    try:
        write_dumps_later(settings, number)
    except OSError as exc:  # e.g. no process slot left: the release is published all the same
        log.warning("could not start the dumps of version %s: %s", number, exc)


class Stale(InfopublikError):
    """The published release changed since the draft was opened (someone else published)."""

    status = 409


@dataclass
class Checked:
    """A record's verdict before publishing: schema problems, SHACL report, Turtle."""

    record: dict
    key: str = ""
    schema: list[tuple[str, str, str]] = field(default_factory=list)
    report: Report | None = None
    prepared: object | None = None

    @property
    def blocked(self) -> bool:
        """True when a schema problem or a SHACL violation forbids publishing."""
        return bool(self.schema) or (self.report is not None and not self.report.conforms)

    def to_json(self) -> dict:
        """The validation report as JSON (the write API's 422 body)."""
        return {"conforms": not self.blocked,
                "schema": [{"where": w, "message": en, "message_id": id_}
                           for w, en, id_ in self.schema],
                "shacl": self.report.to_json() if self.report is not None else None}


def check(record: dict, base: str, agency: str | None = None) -> Checked:
    """Run the CLI's checks on ``record``: JSON Schema first, then SHACL on the mapped RDF
    (with the provenance ``publish`` gives it: ``agency`` is the instance's publishing agency,
    :func:`infopublik_ld.rdf.provenance.agency_name`)."""
    out = Checked(record)
    out.schema = problems(record)
    if out.schema:
        return out
    out.key = release_key(record)
    prepared = prepare(record, source=raw_of(record), base=base, agency=agency)
    out.prepared, out.report = prepared, prepared.report
    return out


def raw_of(record: dict) -> bytes:
    """The bytes a record is published from (hashed into its provenance)."""
    return (json.dumps(record, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def iris(settings: Settings, key: str, subject: str | None = None) -> dict:
    """The IRIs of release ``key``: its named graph, its main resource and that one's page."""
    minter = Minter(settings.base_iri)
    out = {"graph": str(minter.graph(key))}
    if subject:
        out["resource"] = subject
        out["page"] = subject.replace(f"{settings.base_iri}id/", f"{settings.base_iri}doc/", 1)
    return out


def published_hash(settings: Settings, key: str) -> str | None:
    """The content hash release ``key`` is published with now (``None``: not published)."""
    if current_version(settings) is None:
        return None
    graph = str(Minter(settings.base_iri).graph(key))
    registry = graph_iris(settings.base_iri)["registry"]
    with open_version(settings) as view:  # one release, not the whole registry (10 000 rows)
        rows = view.select_meta(f"SELECT ?h WHERE {{ GRAPH <{registry}> {{ <{graph}> "
                                f"<{SYS}contentHash> ?h }} }}")
    return rows[0]["h"] if rows else None


@dataclass
class Published:
    """What a console or API publish did."""

    key: str
    status: str  # added | replaced | unchanged
    version: int | None
    iris: dict

    def to_json(self) -> dict:
        """The write API's answer."""
        return {"key": self.key, "status": self.status, "version": self.version,
                "iris": self.iris}


class _ConsoleLock:
    """Serialises the console's check-then-publish (two officers, two server processes)."""

    def __init__(self, data_dir: Path):
        self.path = private_dir(data_dir) / "console-publish.lock"

    def __enter__(self):
        self.fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        fcntl.flock(self.fd, fcntl.LOCK_EX)
        return self

    def __exit__(self, *exc):
        fcntl.flock(self.fd, fcntl.LOCK_UN)
        os.close(self.fd)


def publish_record(settings: Settings, record: dict, *, account: str, via: str,
                   draft: str | None = None, expect_hash: str | None = None,
                   expect_absent: bool = False, checked: Checked | None = None) -> Published:
    """Check and publish one record as ``account``; record it in the audit trail.

    ``expect_hash``: the content hash the release had when the officer opened it; if it was
    replaced since, :class:`Stale` is raised and nothing is written. ``expect_absent``: the
    draft is a new release, so an existing one with the same key is not silently replaced.
    ``checked``: the verdict of :func:`check` on this very record, when the caller has it.
    Raises :class:`RecordError` / :class:`ValidationFailed` (with ``checked``) on invalid
    records, :class:`StoreLocked` when another process publishes.
    """
    if checked is None or checked.record is not record:
        checked = check(record, settings.base_iri, agency_name(settings))
    if checked.blocked:
        exc: InfopublikError
        if checked.schema:
            w, en, id_ = checked.schema[0]
            exc = RecordError(f"{w}: {en}", f"{w}: {id_}", where=w)
        else:
            exc = ValidationFailed("the release breaks the SHACL shapes; nothing was published",
                                   "siaran melanggar bentuk SHACL; tidak ada yang diterbitkan",
                                   report=checked.report)
        exc.checked = checked
        raise exc
    key = checked.key
    book = Book(settings.data_dir)
    outbox = private_dir(settings.data_dir) / "outbox"
    outbox.mkdir(mode=0o700, exist_ok=True)
    with _ConsoleLock(settings.data_dir):
        now_hash = published_hash(settings, key)
        if expect_hash is not None and now_hash != expect_hash:
            raise Stale(
                f"release {key!r} was changed by someone else after you opened it; nothing was "
                "published and your draft is kept — open the release again to see the new "
                "version", f"siaran {key!r} diubah orang lain setelah Anda membukanya; tidak "
                "ada yang diterbitkan dan draf Anda tetap tersimpan — buka lagi siaran itu "
                "untuk melihat versi barunya", where="/id")
        if expect_absent and now_hash is not None:
            raise Stale(
                f"a release with key {key!r} is published already; change /id, or open that "
                "release from the list to correct it (your draft is kept)",
                f"siaran berkunci {key!r} sudah terbit; ubah /id, atau buka siaran itu dari "
                "daftar untuk mengoreksinya (draf Anda tetap tersimpan)", where="/id")
        path = outbox / f"{key}-{secrets.token_hex(4)}.json"
        path.write_bytes(raw_of(record))
        try:
            result = publishing.publish(settings, [path], workers=1)
        finally:
            path.unlink(missing_ok=True)
    if result.failed:  # checked above; the store may still refuse (e.g. a tombstoned key)
        err = result.failed[0]["errors"][0]
        raise InputError(err["message"]["en"], err["message"]["id"], where=err.get("where"))
    status = "added" if result.added else "replaced" if result.replaced else "unchanged"
    version = result.version.number if result.version else (
        current_version(settings).number if current_version(settings) else None)
    if status != "unchanged":
        book.audit(account, "replace" if status == "replaced" else "publish", via,
                   draft=draft, key=key, version=version)
        start_dumps(settings, version)
    return Published(key, status, version,
                     iris(settings, key, str(checked.prepared.release.subject)))


class Foreign(InfopublikError):
    """The release was harvested from another instance: it is corrected there."""

    status = 409


def refuse_harvested(settings: Settings, key: str) -> None:
    """Raise :class:`Foreign` when release ``key`` is not this instance's own but harvested
    from another instance (key ``peer/…``, the other instance's graph); else do nothing.
    A harvested release is retracted at its own instance, and the retraction comes here with
    the next harvest."""
    if current_version(settings) is None:
        return
    registry = graph_iris(settings.base_iri)["registry"]
    own = str(Minter(settings.base_iri).graph(key))
    with open_version(settings) as view:
        rows = view.select_meta(
            f"SELECT ?g WHERE {{ GRAPH <{registry}> {{ ?g <{GPR.releaseKey}> "
            f"{json.dumps(key, ensure_ascii=False)} }} }}")
    if rows and all(r["g"] != own for r in rows):
        raise Foreign(
            f"release {key!r} was harvested from another instance ({rows[0]['g']}); it is "
            "retracted there, and the retraction comes here with the next harvest",
            f"siaran {key!r} dipanen dari instansi lain ({rows[0]['g']}); penarikannya "
            "dilakukan di sana dan ikut ke sini pada panen berikutnya", where="key")


def current_record(settings: Settings, key: str) -> tuple[dict, str | None, bool]:
    """The record release ``key`` is published with now, the content hash it is published
    with, and whether the record was rebuilt from the published graph (no current record
    kept: published before records were kept, or from RDF).

    Raises :class:`Foreign` (a harvested release), :class:`NotFound` (not published).
    """
    from ...errors import NotFound
    from ...records.kept import kept
    from ...records.rebuild import rebuild

    info = current_version(settings)
    registry = graph_iris(settings.base_iri)["registry"]
    rows = []
    if info is not None:
        with open_version(settings) as view:
            rows = view.select_meta(
                f"SELECT ?g ?h WHERE {{ GRAPH <{registry}> {{ ?g <{GPR.releaseKey}> "
                f"{json.dumps(key, ensure_ascii=False)} ; <{SYS}contentHash> ?h }} }}")
    graph = str(Minter(settings.base_iri).graph(key))
    mine = [r for r in rows if r["g"] == graph]
    if not mine:
        if rows:
            raise Foreign(
                f"release {key!r} was harvested from another instance ({rows[0]['g']}); it "
                "is corrected there and comes back with the next harvest",
                f"siaran {key!r} dipanen dari instansi lain ({rows[0]['g']}); koreksi "
                "dilakukan di sana dan ikut pada panen berikutnya", where="key")
        raise NotFound(f"no published release {key!r}",
                       f"tidak ada siaran terbit {key!r}", where="key")
    content_hash = mine[0]["h"]
    got = kept(settings.data_dir, key)
    if got is not None and got[1] == content_hash:
        return got[0], content_hash, False
    with open_version(settings) as view:
        triples = view.graph_triples(graph)
    return rebuild(key, graph, triples), content_hash, True


def retract_release(settings: Settings, key: str, reason: str, *, account: str,
                    via: str) -> int:
    """Retract ``key`` through the CLI's function; audit it; start the new version's dumps;
    return the version made. Raises :class:`Foreign` for a harvested release."""
    refuse_harvested(settings, key)
    with _ConsoleLock(settings.data_dir):
        info = publishing.retract(settings, key, reason)
    Book(settings.data_dir).audit(account, "retract", via, key=key, version=info.number,
                                  detail=reason.strip())
    start_dumps(settings, info.number)
    return info.number
