"""backup / restore (issue 15 item 2): a backup taken while a publish runs holds the version
before it, every release whole; the restored instance serves the same pages; damaged backups
are refused."""

from __future__ import annotations

import json
import os
import subprocess
import time

import pytest

from infopublik_ld.backup import backup, restore
from infopublik_ld.config import load_settings
from infopublik_ld.dumps import write_dumps
from infopublik_ld.errors import ConfigError, StoreError
from infopublik_ld.store import current_version, open_store, open_version
from infopublik_ld.web import create_app

from .sites import build_site, write_generated
from .test_crash import CLI, indexed

BROWSER = {"Accept": "text/html"}


def check_consistent(store, base: str) -> dict:
    """Every release graph is complete and registered (as tests/test_crash checks)."""
    states = store.releases()
    sizes = {r["g"]: int(r["n"]) for r in store.select(
        "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } "
        f"FILTER(STRSTARTS(STR(?g), \"{base}graph/release/\")) }} GROUP BY ?g")}
    assert set(sizes) == set(states), "a release graph without registry entry, or the reverse"
    for g, state in states.items():
        assert sizes[g] == state.triples, f"{g}: {sizes[g]} of {state.triples} triples"
    assert store.unfinished() == []
    return states


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("backup-site")
    settings = build_site(root, 300)                       # version 1: 301 releases
    write_dumps(settings)
    (settings.data_dir / "harvest").mkdir()                # bookkeeping of other features
    (settings.data_dir / "harvest" / "peer.json").write_text('{"version": 3}')
    from infopublik_ld.console_accounts import Book

    Book(settings.data_dir).add_user("petugas1", "officer", "kata-sandi-yang-panjang-1")
    return settings


def _pages(settings, keys: list[str]) -> dict[str, str]:
    client = create_app(settings).test_client()
    out = {}
    for key in keys:
        r = client.get(f"/doc/article/{key}", headers=BROWSER)
        assert r.status_code == 200
        out[key] = r.get_data(as_text=True)
    return out


def test_backup_during_a_publish_and_restore(site, tmp_path):
    """Back up while `publish` of 3 000 releases runs: the publish is neither stopped nor
    refused, the backup holds version 1 whole, and its restore serves the same pages."""
    corpus = write_generated(tmp_path / "more.jsonl", 3000, start=1000)
    env = {**os.environ, "INFOPUBLIK_COMMIT_EVERY": "500"}
    proc = subprocess.Popen([*CLI, "--data", str(site.data_dir), "publish", str(corpus),
                             "--workers", "2", "--no-dumps"], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 240
        while indexed(site.data_dir) < 301 + 500:  # a load of the new version is in
            assert proc.poll() is None, proc.stderr.read()
            assert time.monotonic() < deadline, "publish made no progress"
            time.sleep(0.05)
        started = time.monotonic()
        report = backup(site, tmp_path / "bk")
        took = time.monotonic() - started
        assert proc.poll() is None, "publish ended before the backup: nothing was shown"
    finally:
        _, err = proc.communicate(timeout=600)
    assert proc.returncode == 0, err  # the publish was not refused or broken by the backup
    assert current_version(site).number == 2 and current_version(site).releases == 3301
    assert report.version == 1 and report.releases == 301, took
    doc = json.loads((tmp_path / "bk" / "backup.json").read_text())
    assert doc["index_matches_version"] is False  # copied mid-publish: restore rebuilds it
    assert "harvest/peer.json" in doc["files"] and "infopublik-ld.toml" in doc["files"]

    restored = restore(tmp_path / "bk", tmp_path / "restored")
    assert all(c.ok for c in restored.checks) and restored.index_rebuilt
    names = {c.name for c in restored.checks}
    assert {"version", "releases", "triples", "dump releases.nq.gz"} <= names
    again = load_settings(tmp_path / "restored")
    with open_store(again) as store:
        states = check_consistent(store, again.base_iri)  # every release whole, registered
    assert len(states) == 301
    assert (again.data_dir / "harvest" / "peer.json").read_text() == '{"version": 3}'
    # the accounts came along, still private
    from infopublik_ld.console_accounts import Book

    assert Book(again.data_dir).authenticate("petugas1", "kata-sandi-yang-panjang-1")
    for folder in (tmp_path / "bk", again.data_dir):
        assert (folder / "private").stat().st_mode & 0o777 == 0o700
        assert (folder / "private" / "console.sqlite3").stat().st_mode & 0o777 == 0o600
    with open_version(site, 1) as old, open_version(again) as new:
        assert new.number == 1
        assert set(old.releases()) == set(new.releases())
        assert len(old.native()) == len(new.native())
    keys = sorted(s.key for s in states.values())[::50]
    restored_pages, original_pages = _pages(again, keys), _pages(site, keys)
    assert all(" — versi dataset 1<" in html for html in restored_pages.values())
    # the same pages, but for the version they name (the original has moved on to 2)
    assert {k: html.replace(" — versi dataset 1<", "") for k, html in restored_pages.items()} \
        == {k: html.replace(" — versi dataset 2<", "") for k, html in original_pages.items()}
    from infopublik_ld import fts

    assert "2019-09-04-bangun-reputasi-labura-kominfo-gelar-temu-konsultasi-bakohumas" in \
        {h["key"] for h in fts.search(again, "bakohumas labura", limit=50)}


def test_backup_when_idle_keeps_the_index_and_restore_refuses_damage(site, tmp_path):
    write_dumps(site)
    report = backup(site, tmp_path / "bk")
    doc = json.loads((tmp_path / "bk" / "backup.json").read_text())
    assert doc["index_matches_version"] is True and report.version == doc["version"]["number"]
    restored = restore(tmp_path / "bk", tmp_path / "ok")
    assert not restored.index_rebuilt

    with pytest.raises(ConfigError, match="not empty"):
        backup(site, tmp_path / "bk")
    with pytest.raises(ConfigError, match="not empty"):
        restore(tmp_path / "bk", tmp_path / "ok")
    with pytest.raises(ConfigError, match="not a backup"):
        restore(tmp_path / "ok", tmp_path / "other")

    dump = next((tmp_path / "bk" / "dumps").glob("*/releases.nq.gz"))
    dump.write_bytes(dump.read_bytes()[:-10])
    with pytest.raises(StoreError) as info:
        restore(tmp_path / "bk", tmp_path / "damaged")
    assert "releases.nq.gz is damaged" in info.value.message_en
    assert not (tmp_path / "damaged").exists()  # nothing half-restored


def test_backup_and_restore_from_the_command_line(site, tmp_path):
    def run(*args):
        return subprocess.run([*CLI, *args], capture_output=True, text=True, timeout=300)

    out = run("--data", str(site.data_dir), "backup", str(tmp_path / "bk"))
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("cadangan versi ")
    out = run("--lang", "en", "restore", str(tmp_path / "bk"), str(tmp_path / "rs"))
    assert out.returncode == 0, out.stderr
    assert "  ok  releases: " in out.stdout and "restored: version " in out.stdout
    out = run("restore", str(tmp_path / "bk"), str(tmp_path / "rs"))
    assert out.returncode == 2 and out.stderr.startswith("galat: ")
    assert len(out.stderr.strip().splitlines()) == 1
    status = run("--data", str(tmp_path / "rs"), "status", "--format", "json")
    assert json.loads(status.stdout)["version"]["number"] == current_version(site).number
