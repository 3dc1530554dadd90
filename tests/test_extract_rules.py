"""Generalised extraction rules, each on a short invented snippet."""

from __future__ import annotations

import pytest

from infopublik_ld.records.credits import find_credits
from infopublik_ld.records.extract import extract_text
from infopublik_ld.records.htmltext import html_to_text
from infopublik_ld.records.names import parse_name
from infopublik_ld.records.regulations import find_regulations


def _people(text: str) -> dict[str, dict]:
    return {p["name"]: p for p in extract_text(text).record.get("people", [])}


def _speakers(text: str) -> list[str | None]:
    return [q.get("speaker") for q in extract_text(text).record.get("quotes", [])]


def test_words_between_office_and_comma_belong_to_the_title():
    people = _people("Judul\nTernate – Rapat digelar Senin (3/2/2025).\n"
                     "Kepala Kampung Waena Baru, Markus Hamadi, mengatakan warga siap.\n"
                     "Ketua RW 07 Tegalsari, Sutrisno Adi, berharap pelatihan berlanjut.")
    assert people["Markus Hamadi"]["office"] == "kepala-desa"
    assert "Waena Baru" in people["Markus Hamadi"]["job_title"]
    assert "Sutrisno Adi" in people and "Waena Baru" not in people


def test_commas_inside_an_office_title():
    people = _people("Judul\nPalu – Rapat digelar Senin (3/2/2025).\n"
                     "Kepala Dinas Komunikasi, Informatika dan Persandian Kota Palu, Yusuf Lamba, "
                     "S.Kom mengatakan layanan dibuka.")
    assert people["Yusuf Lamba"]["office"] == "kepala-dinas"


@pytest.mark.parametrize(("phrase", "code"), [
    ("Kepala Dinkominfo Kota Tegal", "kepala-dinas"),
    ("Kepala Bapenda Kota Tegal", "kepala-badan"),
    ("Kepala Distrik Abepura", "camat"),
])
def test_kepala_of_a_unit_acronym(phrase, code):
    people = _people(f"Judul\nTegal – Rapat digelar Senin (3/2/2025).\n{phrase}, Rudi Hartono, "
                     "mengatakan rapat lancar.")
    assert people["Rudi Hartono"]["office"] == code


def test_dprd_commission_chair_is_a_dprd_member():
    people = _people("Judul\nMedan – Kunjungan digelar Senin (3/2/2025).\n"
                     "Rombongan dipimpin Ketua Komisi II, H. Arif Munandar, S.E., dan diterima "
                     "Kepala Diskominfo.")
    assert people["Arif Munandar"]["office"] == "anggota-dprd"


def test_military_rank_is_one_prefix():
    assert parse_name("Letkol Inf Bayu Saputra").prefixes == ["Letkol Inf"]
    assert parse_name("AKBP Rina Utami, S.IK").prefixes == ["AKBP"]
    people = _people("Judul\nSleman – Upacara digelar Senin (3/2/2025).\n"
                     "Komandan Kodim 0732/Sleman, Letkol Inf Bayu Saputra, turut hadir.")
    assert people["Bayu Saputra"]["honorific_prefixes"] == ["Letkol Inf"]
    assert people["Bayu Saputra"]["office"] == "dandim"


def test_region_name_after_office_is_not_a_person():
    people = _people("Judul\nMataram – Rapat digelar Senin (3/2/2025) di Pendopo Gubernur NTB, "
                     "Mataram, oleh dinas.")
    assert "Mataram" not in people


def test_headline_words_are_not_people():
    people = _people("Bupati Resmikan Jembatan Baru\nSleman – Bupati Sleman, Hari Wibowo, "
                     "meresmikan jembatan, Senin (3/2/2025).")
    assert set(people) == {"Hari Wibowo"}


def test_nickname_is_the_same_person():
    text = ("Judul\nPurworejo – Rapat digelar Senin (3/2/2025).\n"
            "Kepala Dinkominfo, Ratna Dewi (Ratih), S.Sos mengatakan data siap.\n"
            "“Semua data sudah kami unggah ke portal,” kata Ratih.")
    assert list(_people(text)) == ["Ratna Dewi"]
    assert _speakers(text) == ["ratna-dewi"]


def test_office_abbreviation_after_verb_is_its_holder():
    text = ("Judul\nMataram – Kunjungan digelar Senin (3/2/2025).\n"
            "Wakil Menteri Kesehatan, Dr. Anton Wijaya, meninjau rumah sakit bersama "
            "Gubernur NTB, H. Lalu Ahmad.\n"
            "“Layanan darurat harus siap dua puluh empat jam,” kata Wamen.")
    assert _speakers(text) == ["anton-wijaya"]


def test_nya_refers_to_the_last_subject_not_the_last_name():
    text = ("Judul\nMataram – Kunjungan digelar Senin (3/2/2025).\n"
            "Gubernur NTB, H. Lalu Ahmad, menerima Kepala Dinas Kesehatan, Budi Rahman.\n"
            "Gubernur menyampaikan terima kasih atas dukungan pusat.\n"
            "“Desa-desa di selatan juga butuh dokter yang cukup,” ujarnya.")
    assert _speakers(text) == ["lalu-ahmad"]


def test_unnamed_speaker_gets_no_speaker():
    text = ("Judul\nBlora – Sosialisasi digelar Senin (3/2/2025).\n"
            "Camat Cepu, Agus Salim, mengatakan internet desa sudah aktif.\n"
            "“Sekarang anak saya bisa kirim tugas dari rumah,” kata seorang warga.\n"
            "Salah seorang peserta mengaku senang dengan pelatihan itu.\n"
            "“Materinya mudah dipahami dan langsung bisa dipraktikkan,” tuturnya.")
    assert _speakers(text) == [None, None]


def test_nya_skips_narrative_sentences_back_to_the_speaker():
    text = ("Judul\nBlora – Pelatihan digelar Senin (3/2/2025).\n"
            "Kepala Bidang IKP, Yuli Astuti, mengatakan laporan wajib disusun.\n"
            "“Laporan harus memuat waktu layanan dan alasan penolakan,” jelas Yuli.\n"
            "Peserta langsung mempraktikkan pengisian format laporan.\n"
            "“Semua harus terkumpul tepat waktu tahun ini,” pungkasnya.")
    assert _speakers(text) == ["yuli-astuti", "yuli-astuti"]


def test_speaker_named_in_the_sentence_after():
    text = ("Judul\nBlora – Rapat digelar Senin (3/2/2025).\n"
            "Camat Cepu, Agus Salim, membuka rapat.\n"
            "“Data penduduk harus diperbarui setiap bulan.” Hal itu disampaikan Kepala Dinas "
            "Dukcapil, Sri Lestari, dalam paparannya.")
    assert _speakers(text) == ["sri-lestari"]


@pytest.mark.parametrize(("credit", "authors", "editors", "photographers"), [
    ("(bia)", ["bia"], [], []),
    ("Teks/Foto: Yohan Lumi", ["Yohan Lumi"], [], ["Yohan Lumi"]),
    ("Penulis: Ana Putri · Foto: Beni Saka", ["Ana Putri"], [], ["Beni Saka"]),
    ("(Rk/Dinkominfo)", ["Rk"], [], []),
])
def test_credit_forms(credit, authors, editors, photographers):
    c = find_credits(f"Isi berita selesai.\n{credit}")
    assert (c.authors, c.editors, c.photographers) == (authors, editors, photographers)


def test_regulation_number_with_tahun_and_komisi_informasi_rule():
    regs = find_regulations("sesuai PP 71 tahun 2019 dan Peraturan Komisi Informasi Nomor 1 "
                            "Tahun 2021 tentang Standar Layanan Informasi Publik.")
    assert [(r["type"], r["number"], r["year"]) for r in regs] == [
        ("pp", "71", 2019), ("perki", "1", 2021)]


@pytest.mark.parametrize(("sentence", "kind"), [
    ("Pemkot Tegal Sosialisasikan Perda Parkir", "sosialisasi"),
    ("Diskominfo Bantah Kabar Penutupan Pasar", "pernyataan"),
    ("Diskominfo Umumkan Pemenang Lomba Vlog Desa", "lainnya"),
])
def test_event_kind_from_verbs_and_competitions(sentence, kind):
    rec = extract_text(f"{sentence}\nTegal – Isi berita, Senin (3/2/2025).").record
    assert rec["event"]["event_type"] == kind


def test_metadata_line_with_segments_and_zone():
    rec = extract_text("Judul Berita\nDiskominfo Kota Tegal | Published: June 3, 2025 | "
                       "Category: Berita\nTegal – Rapat digelar Selasa (3/6/2025).").record
    assert rec["date_published"] == "2025-06-03"
    assert rec["outlet"] == "Diskominfo Kota Tegal" and rec["dateline"] == "Tegal"
    rec = extract_text("Judul Berita\n3 Juni 2025 20:15 WIT Dilihat 12 kali\n"
                       "JAYAPURA – Rapat digelar Selasa (3/6/2025).").record
    assert rec["date_published"] == "2025-06-03T20:15:00+09:00"


def test_article_header_keeps_its_date():
    html = ("<header class='site-header'><nav>Beranda</nav></header><article>"
            "<header class='entry-header'><h1>Judul</h1><div class='entry-meta'>Published: "
            "<time>June 3, 2025</time></div></header><p>Tegal – Isi.</p></article>")
    assert html_to_text(html).split("\n")[:2] == ["Judul", "Published: June 3, 2025"]
