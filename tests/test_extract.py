"""Release text -> record: the seed example, bad input, HTML and encodings."""

from __future__ import annotations

import json
import time
from pathlib import Path

import jsonschema
import pytest

from infopublik_ld.errors import InputError
from infopublik_ld.records.encoding import MAX_BYTES
from infopublik_ld.records.extract import Extraction, extract_file, extract_text

ROOT = Path(__file__).resolve().parents[1]
SCHEMA = json.loads(
    (ROOT / "src/infopublik_ld/records/record.schema.json").read_text(encoding="utf-8"))
SEED_TXT = ROOT / "examples/labura-bakohumas-2019.txt"
SEED_JSON = ROOT / "examples/labura-bakohumas-2019.json"


def assert_valid(ex: Extraction) -> None:
    """The record validates once the missing required fields are filled."""
    record = dict(ex.record)
    for name in ex.missing:
        record[name] = "2000-01-01" if name == "date_published" else "x"
    jsonschema.Draft202012Validator(SCHEMA).validate(record)


def test_seed_example_gives_the_gold_record():
    ex = extract_file(SEED_TXT)
    gold = json.loads(SEED_JSON.read_text(encoding="utf-8"))
    got = dict(ex.record)
    for key in ("body", "date_published"):
        gold.pop(key, None)
        got.pop(key, None)
    assert got == gold
    assert ex.missing == ["date_published"]
    assert_valid(ex)


def test_warnings_are_bilingual_and_json():
    ex = extract_file(SEED_TXT)
    out = ex.to_json()
    assert set(out) == {"record", "warnings", "missing", "provenance", "text"}
    fields = {w["field"] for w in out["warnings"]}
    assert "/date_published" in fields
    assert "/regulations/0/title" in fields
    for w in out["warnings"]:
        assert w["message_id"] and w["message_en"] and w["message_id"] != w["message_en"]
    json.dumps(out)


def test_cp1252_file(tmp_path):
    text = SEED_TXT.read_text(encoding="utf-8")
    path = tmp_path / "rilis.txt"
    path.write_bytes(text.encode("cp1252"))
    ex = extract_file(path)
    assert ex.record["quotes"][0]["speaker"] == "abdul-haris-rangkuti"
    assert ex.record["headline"].startswith("Bangun Reputasi")
    assert_valid(ex)


def test_utf8_bom_file(tmp_path):
    path = tmp_path / "rilis.txt"
    path.write_bytes(b"\xef\xbb\xbf" + SEED_TXT.read_bytes())
    assert extract_file(path).record["headline"].startswith("Bangun")


HTML = """<!doctype html><html><head><title>Portal Diskominfo</title>
<meta property="article:published_time" content="2019-09-05"></head><body>
<nav><ul><li>Beranda</li><li>Profil Bupati Fiktif Drs. Menu Satu</li></ul></nav>
<header class="site-header">Kabar Labura</header>
<div class="sidebar"><h3>Berita Populer</h3><p>Wali Kota Budi Populer, SH mengatakan x</p></div>
<article><h1>Kominfo Gelar Rapat Koordinasi PPID</h1>
<div class="post-meta"><span class="date">Kamis, 5 September 2019</span></div>
<div class="entry-content"><p>Aek Kanopan, (Kabar Labura)</p>
<p>Dinas Kominfo Labura menggelar rapat koordinasi PPID di ruang rapat Bupati, Rabu
(04/09/2019).</p>
<p>Kepala Dinas Kominfo Labura Drs. Sugeng mengatakan, &ldquo;Keterbukaan informasi adalah
kewajiban badan publik sesuai UU Nomor 14 Tahun 2008.&rdquo;</p></div></article>
<footer>Hak cipta Pemkab</footer><script>var x = "Bupati Skrip, SE";</script></body></html>"""


def test_html_page(tmp_path):
    path = tmp_path / "rilis.html"
    path.write_text(HTML, encoding="utf-8")
    ex = extract_file(path)
    r = ex.record
    assert r["headline"] == "Kominfo Gelar Rapat Koordinasi PPID"
    assert r["date_published"] == "2019-09-05"
    assert r["dateline"] == "Aek Kanopan"
    assert r["event"]["start_date"] == "2019-09-04"
    assert r["event"]["event_type"] == "rapat"
    names = {p["name"] for p in r["people"]}
    assert names == {"Sugeng"}  # nothing from menus, sidebars or scripts
    assert r["quotes"][0]["speaker"] == "sugeng"
    assert r["regulations"][0]["number"] == "14"
    assert_valid(ex)


def test_empty_file(tmp_path):
    path = tmp_path / "kosong.txt"
    path.write_bytes(b"  \n\n ")
    with pytest.raises(InputError) as err:
        extract_file(path)
    assert "empty" in err.value.message_en and "kosong" in err.value.message_id


@pytest.mark.parametrize("data", [
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)),
    b"teks biasa\x00\x00\x00 dengan NUL",
    b"%PDF-1.4 binary",
])
def test_binary_file(tmp_path, data):
    path = tmp_path / "gambar.txt"
    path.write_bytes(data)
    with pytest.raises(InputError) as err:
        extract_file(path)
    assert "binary" in err.value.message_en


def test_missing_file(tmp_path):
    with pytest.raises(InputError):
        extract_file(tmp_path / "tidak-ada.txt")


def test_20_mb_text_is_refused_quickly(tmp_path):
    path = tmp_path / "besar.txt"
    path.write_bytes(SEED_TXT.read_bytes() * (20 * 1024 * 1024 // SEED_TXT.stat().st_size + 1))
    t0 = time.perf_counter()
    with pytest.raises(InputError) as err:
        extract_file(path)
    assert time.perf_counter() - t0 < 5
    assert "MB" in err.value.message_en and "5 MB" in err.value.message_en
    with pytest.raises(InputError):
        extract_text("a" * (MAX_BYTES + 1))


def test_large_odd_text_below_the_limit_gives_a_record():
    odd = ("“" + "Drs. " * 20 + "a, " * 50 + "Nomor " + "1/" * 30 + " Senin (" * 10) * 300
    ex = extract_text(odd)
    assert isinstance(ex.record, dict)
    assert_valid(ex)


def test_text_without_release_structure():
    ex = extract_text("lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod "
                      "tempor incididunt ut labore et dolore magna aliqua.")
    assert ex.missing == ["headline", "date_published"]
    assert "no-structure" in {w.code for w in ex.warnings}
    assert "headline" not in ex.record  # no headline made up from the first sentence
    assert_valid(ex)


def test_no_paragraph_breaks():
    text = " ".join(SEED_TXT.read_text(encoding="utf-8").split("\n")[1:])
    ex = extract_text(text)
    assert "headline" not in ex.record
    assert {p["id"] for p in ex.record["people"]} >= {"kharuddin-syah", "sugeng"}
    assert_valid(ex)


def test_publication_date_is_not_copied_from_the_event():
    ex = extract_text("Judul\nJAKARTA -- Kominfo menggelar rapat, Senin (2/9/2019).")
    assert "date_published" not in ex.record
    assert ex.record["event"]["start_date"] == "2019-09-02"
    assert ex.missing == ["date_published"]
