"""Publishing: inputs, bad input and faults (one clear message each, nothing half-written)."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest

from infopublik_ld import publishing
from infopublik_ld.config import load_settings
from infopublik_ld.errors import ConfigError, StoreLocked
from infopublik_ld.store import current_version, open_version
from infopublik_ld.store.lock import WriterLock

from .conftest import EXAMPLE_JSON
from .conftest_store import BASE, make_data_dir
from .test_store import KEY, variants, write_records


@pytest.fixture
def settings(tmp_path):
    return make_data_dir(tmp_path / "data")


def messages(result) -> str:
    return "\n".join(e["message"]["en"] for f in result.failed for e in f["errors"])


def test_bad_records_are_reported_and_the_rest_published(settings, tmp_path):
    good = variants(2)
    bad = dict(good[0], id="rilis-bad", date_published="2019-02-30")
    src = tmp_path / "mixed.jsonl"
    src.write_text(json.dumps(good[0]) + "\n{not json\n" + json.dumps(bad) + "\n"
                   + json.dumps(good[1]) + "\n", encoding="utf-8")
    report = tmp_path / "report.json"
    result = publishing.publish(settings, [src], report_path=report)
    assert sorted(result.added) == ["rilis-000", "rilis-001"]
    origins = [f["origin"] for f in json.loads(report.read_text())["failed"]]
    assert origins == [f"{src}:2", f"{src}:3"]
    assert "2:2" in messages(result) and "2019-02-30" in messages(result)


def test_all_or_nothing_and_dry_run_write_nothing(settings, tmp_path):
    src = tmp_path / "mixed.jsonl"
    src.write_text(json.dumps(variants(1)[0]) + "\n[]\n", encoding="utf-8")
    blocked = publishing.publish(settings, [src], all_or_nothing=True)
    assert blocked.all_or_nothing_blocked and blocked.version is None and not blocked.added
    dry = publishing.publish(settings, [EXAMPLE_JSON], dry_run=True)
    assert dry.valid == 1 and dry.version is None
    assert current_version(settings) is None


def test_rdf_syntax_error_names_line_and_column(settings, tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text("@prefix s: <http://schema.org/> .\n<https://x/a> s:name \"x\" ;\n  s:b .\n")
    result = publishing.publish(settings, [bad])
    assert result.failed[0]["errors"][0]["where"] == "3:7"
    assert "bad.ttl:3:7" in messages(result)


def test_rdf_input_is_validated_against_the_contract(settings, tmp_path):
    graph = f"{BASE}graph/release/rdf-rilis"
    ok = tmp_path / "ok.trig"
    ok.write_text(textwrap.dedent(f"""\
        @prefix gpr: <https://w3id.org/infopublik/gpr#> .
        @prefix schema: <http://schema.org/> .
        <{graph}> {{
          <{graph}> a gpr:ReleaseGraph ; gpr:releaseKey "rdf-rilis" .
          <{BASE}id/article/rdf-rilis> a schema:NewsArticle .
        }}
        """))
    result = publishing.publish(settings, [ok])
    assert result.failed and not result.added  # no headline, no date: SHACL says so
    assert "headline" in messages(result).lower() or "judul" in messages(result).lower()
    remote = tmp_path / "remote.jsonld"
    remote.write_text('{"@context": "https://schema.org/", "@id": "https://x/a"}')
    assert "remote context" in messages(publishing.publish(settings, [remote]))


def test_file_that_is_not_what_its_suffix_says(settings, tmp_path):
    fake = tmp_path / "release.json"
    fake.write_text("@prefix s: <http://schema.org/> .\n")
    turtle = tmp_path / "release.ttl"
    turtle.write_text(json.dumps({"kind": "article"}))
    text = messages(publishing.publish(settings, [fake, turtle]))
    assert "release.json:1:1: not valid JSON" in text
    assert "release.ttl:1:" in text
    assert current_version(settings) is None


def test_csv_input(settings, tmp_path):
    src = tmp_path / "rilis.csv"
    src.write_text(
        "kind,id,headline,body,date_published,publisher,name,start_date,venue,region\n"
        "article,csv-1,Rapat Stunting,Isi berita,2024-05-02,Diskominfo Labura,,,,\n"
        "event,csv-2,,,,Diskominfo Labura,Sosialisasi KIP,2024-05-03,Aula Bupati,12.23\n"
        "article,csv-3,,tanpa judul,2024-05-02,,,,,\n", encoding="utf-8")
    result = publishing.publish(settings, [src])
    assert sorted(result.added) == ["csv-1", "csv-2"]
    assert result.failed[0]["origin"] == f"{src}:4"
    bad = tmp_path / "bad.csv"
    bad.write_text("kind,judul\narticle,x\n")
    assert "unknown columns ['judul']" in messages(publishing.publish(settings, [bad]))


def test_locked_store(settings):
    holder = subprocess.Popen([sys.executable, "-c", (
        "import sys, time; from pathlib import Path\n"
        "from infopublik_ld.store.lock import WriterLock\n"
        f"WriterLock(Path({str(settings.data_dir)!r})).acquire(); print('held', flush=True);"
        " time.sleep(60)")], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        with pytest.raises(StoreLocked) as locked:
            publishing.publish(settings, [EXAMPLE_JSON])
        assert str(locked.value).startswith("another process is publishing: pid "
                                            f"{holder.pid}")
    finally:
        holder.kill()
        holder.wait()
    with WriterLock(settings.data_dir):  # the kernel released the dead holder's lock
        pass


def test_invalid_base_iri_and_missing_init(tmp_path):
    with pytest.raises(ConfigError, match="base_iri 'ftp://x' is not a usable base IRI"):
        publishing.init_data_dir(tmp_path / "a", base_iri="ftp://x")
    assert not (tmp_path / "a").exists()
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "infopublik-ld.toml").write_text('base_iri = "data.go.id"\n')
    with pytest.raises(ConfigError, match="base_iri 'data.go.id'"):
        load_settings(tmp_path / "b")
    with pytest.raises(ConfigError, match="infopublik-ld init"):
        publishing.publish(load_settings(tmp_path / "c"), [EXAMPLE_JSON])


FULL_DISK = """
import resource, sys
from infopublik_ld.config import load_settings
from infopublik_ld.errors import StoreError
from infopublik_ld.publishing import publish
settings = load_settings(sys.argv[1])
resource.setrlimit(resource.RLIMIT_FSIZE, (int(sys.argv[3]), int(sys.argv[3])))
try:
    publish(settings, [sys.argv[2]], workers=1)
except StoreError as exc:
    print("STORE-ERROR", exc)
"""


def test_full_disk_leaves_published_data_intact(settings, tmp_path):
    publishing.publish(settings, [EXAMPLE_JSON])
    batch = write_records(tmp_path / "batch.jsonl", variants(300))
    script = tmp_path / "full.py"
    script.write_text(FULL_DISK)
    # SIGXFSZ would kill the process; ignoring it turns the write into EFBIG ("disk full")
    proc = subprocess.run(
        [sys.executable, "-c", "import signal, runpy, sys; signal.signal(signal.SIGXFSZ, "
         "signal.SIG_IGN); sys.argv = sys.argv[1:]; runpy.run_path(sys.argv[0], "
         "run_name='__main__')", str(script), str(settings.data_dir), str(batch), "300000"],
        capture_output=True, text=True, timeout=300)
    assert "STORE-ERROR" in proc.stdout, proc.stdout + proc.stderr
    assert "full" in proc.stdout
    with open_version(settings) as view:  # the published version is untouched
        assert view.number == 1 and set(r.key for r in view.releases().values()) == {KEY}
    again = publishing.publish(settings, [batch])  # with space back, the batch completes
    assert len(again.added) == 300 and again.version.number == 2
    with open_version(settings) as view:
        states = view.releases()
    assert len(states) == 301 and all(s.triples > 100 for s in states.values())


def test_cli_commands(cli, tmp_path):
    assert cli("init", "--base", BASE).exit_code == 0
    import time

    def written(number: int) -> bool:  # by the background writer publish starts
        deadline = time.monotonic() + 120
        while not (tmp_path / "dumps" / f"{number:06d}" / "manifest.json").is_file():
            if time.monotonic() > deadline:
                return False
            time.sleep(0.1)
        return True

    out = cli("publish", EXAMPLE_JSON, "--report", tmp_path / "r.json")
    assert out.exit_code == 0 and "1 baru" in out.output
    assert "ditulis di latar belakang" in out.output
    # the new version's dumps are written after publish returns, ready for harvesters
    assert written(1) and (tmp_path / "dumps" / "000001" / "releases.nq.gz").is_file()
    status = cli("status", "--format", "json")
    assert json.loads(status.output)["version"]["number"] == 1
    assert cli("retract", KEY, "--reason", "salah").exit_code == 0
    assert written(2)
    assert cli("publish", EXAMPLE_JSON, "--no-dumps").exit_code == 0
    assert not (tmp_path / "dumps" / "000003").exists()
    assert (tmp_path / "publish-report.json").is_file()  # default: in the data directory
    assert cli("reindex").exit_code == 0
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{}\n")
    assert cli("publish", bad, "--report", tmp_path / "r2.json").exit_code == 1


def test_cli_without_init_says_so(runner, tmp_path):
    from infopublik_ld.cli import main

    out = runner.invoke(main, ["--data", str(tmp_path), "--lang", "en", "publish",
                               str(EXAMPLE_JSON)])
    assert out.exit_code == 2 and "run `infopublik-ld init" in out.output


def test_csv_columns_are_documented():
    from infopublik_ld.records.csv_input import COLUMNS

    from .conftest import ROOT

    doc = (ROOT / "docs" / "csv.md").read_text(encoding="utf-8")
    documented = [line.split("`")[1] for line in doc.splitlines()
                  if line.startswith("| `")]
    assert documented == list(COLUMNS)


def test_jsonl_limit_is_per_record_not_per_file(tmp_path):
    """A large JSON Lines batch streams; only an oversized record line is refused."""
    import json as _json

    from infopublik_ld.config import load_settings
    from infopublik_ld.publishing import publish

    from .conftest_store import make_data_dir
    from .sites import write_generated

    data = make_data_dir(tmp_path / "data").data_dir
    src = write_generated(tmp_path / "batch.jsonl", 5)
    big = _json.loads(src.read_text().splitlines()[0])
    big["id"] = "too-big"
    big["body"] = "x" * 20_000
    with src.open("a", encoding="utf-8") as f:
        f.write(_json.dumps(big) + "\n")
    settings = load_settings(data, max_input_bytes=10_000)  # smaller than the file
    assert src.stat().st_size > 10_000
    result = publish(settings, [src])
    assert len(result.added) == 5
    assert len(result.failed) == 1
    message = result.failed[0]["errors"][0]["message"]
    assert "batch.jsonl:6: record is" in message["en"] and "max_input_bytes" in message["en"]
    assert "rekaman berukuran" in message["id"]


def test_version_counts_follow_each_write(settings, tmp_path):
    """A version's triple and release counts come from the previous version and what its
    writes changed (no sum over the registry): after a streamed load, replacements, small
    writes, a retraction and a republished retraction they equal the registry's sums and the
    triples the release graphs hold."""
    def check(info) -> None:
        with open_version(settings) as view:
            assert (info.triples, info.releases) == view.counts()
            held = view.select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } "
                               f"FILTER(STRSTARTS(STR(?g), \"{BASE}graph/release/\")) }}")
            assert int(held[0]["n"]) == info.triples
            assert len(view.releases()) == info.releases

    records = variants(30)
    check(publishing.publish(settings, [write_records(tmp_path / "a.jsonl", records)]).version)
    changed = [dict(r, headline=r["headline"] + " — diperbarui", body=r["body"] + " Tambahan.")
               for r in records[:3]] + variants(32)[30:]
    second = publishing.publish(settings, [write_records(tmp_path / "b.jsonl", changed)])
    assert len(second.replaced) == 3 and len(second.added) == 2
    check(second.version)
    check(publishing.retract(settings, "rilis-004", "uji"))
    again = publishing.publish(settings, [write_records(tmp_path / "c.jsonl", [records[4]])])
    assert again.added == ["rilis-004"]
    check(again.version)
    assert current_version(settings).releases == 32
