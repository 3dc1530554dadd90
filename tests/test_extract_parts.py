"""The parts of extraction, one form each: dates, names, quotes, representations,
regulations, credits."""

from __future__ import annotations

import pytest

from infopublik_ld.records.credits import find_credits
from infopublik_ld.records.dates import find_dates
from infopublik_ld.records.extract import extract_text
from infopublik_ld.records.names import parse_name
from infopublik_ld.records.regulations import find_regulations


@pytest.mark.parametrize(("text", "start", "end", "weekday_ok"), [
    ("Rabu (04/09/2019)", "2019-09-04", None, True),
    ("Kamis (11/7/2019)", "2019-07-11", None, True),
    ("(10/05/2019)", "2019-05-10", None, True),
    ("(12/12/19)", "2019-12-12", None, True),
    ("Senin, 12 Agustus 2019", "2019-08-12", None, True),
    ("(Selasa/24 Juni 2019)", "2019-06-24", None, False),
    ("Kamis , 17 April 2025", "2025-04-17", None, True),
    ("pada hari Jumat, 12 September 2025", "2025-09-12", None, True),
    ("hari senin pagi, 19 Maret 2018", "2018-03-19", None, True),
    ("11 – 13 Juli 2018", "2018-07-11", "2018-07-13", True),
    ("17 s/d 19 Nopember 2015", "2015-11-17", "2015-11-19", True),
    ("September 2, 2015", "2015-09-02", None, True),
    ("07 November 2025 22:09", "2025-11-07T22:09", None, True),
    ("Dipublikasikan pada 2 September 2015", "2015-09-02", None, True),
])
def test_date_forms(text, start, end, weekday_ok):
    (m,) = find_dates(text)
    assert m.iso() == start
    assert m.iso_end() == end
    assert m.weekday_conflict() is not weekday_ok


def test_regulation_numbers_are_not_dates():
    assert find_dates("Permen Kominfo Nomor : 28 /PER/M.KOMINFO/9/2006 dan Perpres 39/2019") == []


def test_year_from_elsewhere_and_no_year():
    ex = extract_text("Forum GPR 2019\nAMBON -- Diskominfo menggelar forum, Rabu (2/10).")
    assert ex.record["event"]["start_date"] == "2019-10-02"
    assert "year-inferred" in {w.code for w in ex.warnings}
    ex = extract_text("Forum GPR\nAMBON -- Diskominfo menggelar forum, Rabu (2/10).")
    assert "start_date" not in ex.record["event"]
    assert "no-year" in {w.code for w in ex.warnings}


def test_weekday_contradiction_keeps_the_date():
    ex = extract_text("Judul\nAMBON -- Diskominfo menggelar rapat, Senin (4/9/2019).")
    assert ex.record["event"]["start_date"] == "2019-09-04"
    assert "weekday-mismatch" in {w.code for w in ex.warnings}


def test_relative_date_only_against_publication_date():
    text = "Judul\n5 September 2019\nAMBON -- Diskominfo menggelar rapat hari ini di aula kantor."
    ex = extract_text(text)
    assert ex.record["date_published"] == "2019-09-05"
    assert ex.record["event"]["start_date"] == "2019-09-05"
    ex = extract_text("Judul\nAMBON -- Diskominfo menggelar rapat hari ini di aula kantor.")
    assert "start_date" not in ex.record["event"]


@pytest.mark.parametrize(("label", "name", "prefixes", "suffixes"), [
    ("H.Kharuddin Syah SE", "Kharuddin Syah", ["H."], ["S.E."]),
    ("Drs. Abdul Haris Rangkuti M.Ap", "Abdul Haris Rangkuti", ["Drs."], ["M.AP"]),
    ("Dr. Drs. Yohanes Wambrauw, M.Si", "Yohanes Wambrauw", ["Dr.", "Drs."], ["M.Si"]),
    ("Rina Marlina, S.H.,M.H.", "Rina Marlina", [], ["S.H.", "M.H."]),
    ("Agus Salim Harahap, SH., S.IK", "Agus Salim Harahap", [], ["S.H.", "S.IK"]),
    ("H. Bambang Sutrisno SH., MH., MM", "Bambang Sutrisno", ["H."], ["S.H.", "M.H.", "M.M."]),
    ("Hj. Siti Aminah SE., MM", "Siti Aminah", ["Hj."], ["S.E.", "M.M."]),
    ("Joko Prasetyo,SE", "Joko Prasetyo", [], ["S.E."]),
    ("Andi Yusran, S.STP., M.AP.", "Andi Yusran", [], ["S.STP", "M.AP"]),
    ("Dimas Prakoso, S.Sos, M.Eng, CEH", "Dimas Prakoso", [], ["S.Sos", "M.Eng", "CEH"]),
    ("Ny. Maria Nahak", "Maria Nahak", ["Ny."], []),
    ("Ir. Hendro Susilo", "Hendro Susilo", ["Ir."], []),
    ("dr. Agus Wibowo", "Agus Wibowo", ["dr."], []),
    ("Prof. Dr. Hendra Wicaksono", "Hendra Wicaksono", ["Prof.", "Dr."], []),
])
def test_name_forms(label, name, prefixes, suffixes):
    p = parse_name(label)
    assert (p.name, p.prefixes, p.suffixes, p.label) == (name, prefixes, suffixes, label)


def test_nickname():
    p = parse_name("Sri Wahyuningsih (Yuni), S.Sos., M.Si")
    assert (p.name, p.nickname, p.suffixes) == ("Sri Wahyuningsih", "Yuni", ["S.Sos", "M.Si"])


def _speakers(text):
    r = extract_text(text).record
    names = {p["id"]: p["name"] for p in r.get("people", [])}
    return [(q["text"][:12], names.get(q.get("speaker"))) for q in r.get("quotes", [])]


def test_quote_forms():
    text = ("Judul\nBANDUNG -- Kepala Dinas Kominfo Kota Bandung Drs. Bambang Sutrisno mengatakan, "
            "“ Kami akan terus membuka data untuk publik,” kata Bambang.\n"
            "\"Semua OPD wajib mengisi daftar informasi,\" ujarnya.\n"
            "“Pelayanan harus cepat dan tepat waktu”, ungkapnya.\n"
            "“Ini kutipan yang tidak pernah ditutup sampai akhir")
    got = _speakers(text)
    assert got[0] == ("Kami akan te", "Bambang Sutrisno")
    assert got[1] == ("Semua OPD wa", "Bambang Sutrisno")
    assert got[2] == ("Pelayanan ha", "Bambang Sutrisno")
    assert got[3][0] == "Ini kutipan "
    ex = extract_text(text)
    assert "unclosed-quote" in {w.code for w in ex.warnings}


def test_quote_without_identifiable_speaker_gets_none():
    ex = extract_text("Judul\nAMBON -- warga mengeluh: “Jalan rusak sudah lama tidak diperbaiki.”")
    assert ex.record["quotes"] == [{"text": "Jalan rusak sudah lama tidak diperbaiki."}]
    assert "speaker-unknown" in {w.code for w in ex.warnings}


@pytest.mark.parametrize(("text", "task"), [
    ("Bupati Asahan H. Surya Darma Pohan dalam sambutannya yang diwakili oleh Asisten "
     "Pemerintahan Drs. Imam Santoso mengatakan hal itu.", "membacakan sambutan Bupati"),
    ("Asisten Pemerintahan Drs. Imam Santoso yang mewakili Bupati Asahan H. Surya Darma Pohan "
     "membuka acara.", None),
    ("Sekda Drs. Imam Santoso membacakan sambutan Bupati Asahan H. Surya Darma Pohan.",
     "membacakan sambutan Bupati"),
    ("Sambutan Bupati Asahan H. Surya Darma Pohan dibacakan oleh Asisten Pemerintahan "
     "Drs. Imam Santoso.", "membacakan sambutan Bupati"),
])
def test_representation_phrases(text, task):
    r = extract_text("Judul\nKISARAN -- " + text).record
    (rep,) = r["representations"]
    assert rep["represented"] == "surya-darma-pohan"
    assert rep["representative"] == "imam-santoso"
    assert rep.get("task") == task


@pytest.mark.parametrize(("text", "key"), [
    ("Instruksi Presiden (Inpres) Nomor 9 Tahun 2015 tentang Pengelolaan Komunikasi Publik",
     ("inpres", "9", 2015)),
    ("Inpres No. 9 Tahun 2015", ("inpres", "9", 2015)),
    ("UU No.14 Tahun 2008 tentang KIP", ("uu", "14", 2008)),
    ("Undang-udang Nomor 14 Tahun 2008", ("uu", "14", 2008)),
    ("Permendagri Nomor 56 Tahun 2019", ("permen", "56", 2019)),
    ("Permen Kominfo Nomor : 28 /PER/M.KOMINFO/9/2006",
     ("permen", "28/PER/M.KOMINFO/9/2006", 2006)),
    ("Keputusan Menteri Kominfo Nomor 117 Tahun 2010", ("kepmen", "117", 2010)),
    ("Peraturan Gubernur Bali Nomor 79 tahun 2018", ("pergub", "79", 2018)),
    ("Perda Nomor 3 Tahun 2020", ("perda", "3", 2020)),
    ("Perbup Nomor 12 Tahun 2021", ("perbup", "12", 2021)),
    ("Perwal No 5 Tahun 2019", ("perwal", "5", 2019)),
    ("PP Nomor 61 Tahun 2010", ("pp", "61", 2010)),
    ("Perpres 39/2019", ("perpres", "39", 2019)),
])
def test_regulation_forms(text, key):
    (reg,) = find_regulations("sesuai " + text + ".")
    assert (reg["type"], reg["number"], reg["year"]) == key
    assert reg["as_written"].startswith(text.split()[0])


def test_same_regulation_twice_is_one_and_official_title():
    regs = find_regulations("Inpres No. 9 Tahun 2015 tentang pengelolaan Informasi Publik dan "
                            "Instruksi Presiden Nomor 9 Tahun 2015.")
    assert len(regs) == 1
    assert regs[0]["title"] == "Pengelolaan Komunikasi Publik"
    assert find_regulations("Peraturan Gubernur Bali Nomor 79 tahun 2018")[0]["issuer"] == (
        "Gubernur Bali")


@pytest.mark.parametrize(("text", "authors", "editors", "photographers"), [
    ("Isi. (Winto Kurniawan, ST/KL)", ["Winto Kurniawan, ST"], ["KL"], []),
    ("Isi.\nReporter : Budi Santoso / Redaktur : Rina", ["Budi Santoso"], ["Rina"], []),
    ("Isi.\nPewarta : Andi / Editor : Joko", ["Andi"], ["Joko"], []),
    ("Isi. Oleh Andi Redaktur: Joko", ["Andi"], ["Joko"], []),
    ("Isi. (Mediacenter Riau/nv)", ["nv"], [], []),
    ("Isi. (md/Adpim).", ["md"], [], []),
    ("Isi.\nFoto : Rudi\nPewarta: Andi", ["Andi"], [], ["Rudi"]),
])
def test_credit_forms(text, authors, editors, photographers):
    c = find_credits(text)
    assert (c.authors, c.editors, c.photographers) == (authors, editors, photographers)
    assert c.as_written


def test_credits_in_record():
    r = extract_text("Judul\nAMBON -- Isi berita.\nPewarta : Andi Lubis / Editor : Joko").record
    names = {p["id"]: p["name"] for p in r["people"]}
    assert [names[i] for i in r["credits"]["authors"]] == ["Andi Lubis"]
    assert [names[i] for i in r["credits"]["editors"]] == ["Joko"]
