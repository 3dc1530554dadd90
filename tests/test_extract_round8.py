"""Extraction, eighth round of issue 12: rules made general so that they carry to text nobody
tuned on.

Each test names a rule, not a text: the representation grammar reads every way a release says
that someone stood in for someone else (sent, assigned, delegated, handed to, replaced for the
day, "selaku wakil"), not only "mewakili" and "diwakili"; an office written with a capital after
"selaku" is the person's own office, no representation.

Every release below is invented for these tests in the style of the evaluation corpora; none is a
copy of a corpus text.
"""

from __future__ import annotations

from functools import partial

from infopublik_ld.records.extract import extract_text

from .extractkit import release

_release = partial(release, place="Mamuju")


def _pairs(ex) -> list[tuple[str, str]]:
    return [(r["represented"], r["representative"]) for r in ex.record.get("representations", [])]


# -- the representation grammar: the one before hands over, the one after stands in ------------
def test_mengutus_an_office_holder_is_a_representation():
    ex = extract_text(_release(
        "Gubernur Sulawesi Barat, Dr. H. Budi Santoso Marzuki, M.Si., berhalangan dan mengutus "
        "Kepala Dinas Pertanian, Ir. Wahyu Pranoto Lasiri, M.P., untuk membuka panen raya, "
        "Selasa (4/3/2025)."))
    assert _pairs(ex) == [("budi-santoso-marzuki", "wahyu-pranoto-lasiri")]


def test_menugaskan_an_office_holder_is_a_representation():
    ex = extract_text(_release(
        "Bupati Mamuju H. Rahmat Saleh Pallawa, S.E. menugaskan Kepala Badan Kepegawaian "
        "Daerah, Drs. Yosef Lumban Tonapa, M.Si., untuk melantik pejabat, Rabu (5/3/2025)."))
    assert _pairs(ex) == [("rahmat-saleh-pallawa", "yosef-lumban-tonapa")]


def test_menugaskan_without_an_office_after_it_is_no_representation():
    ex = extract_text(_release(
        "Bupati Mamuju H. Rahmat Saleh Pallawa, S.E. menugaskan seluruh camat mendata warga, "
        "Rabu (5/3/2025)."))
    assert _pairs(ex) == []


def test_mendelegasikan_kepada_and_didelegasikan_kepada():
    active = extract_text(_release(
        "Kepala Dinas Pendidikan Kabupaten Mamuju, Dra. Hj. Nurlina Tahir Maddusila, M.Pd., "
        "berhalangan dan mendelegasikan kepada Sekretaris Dinas Pendidikan, H. Andi Baso "
        "Tenriola, S.Pd., untuk membuka lomba, Kamis (6/3/2025)."))
    assert _pairs(active) == [("nurlina-tahir-maddusila", "andi-baso-tenriola")]
    passive = extract_text(_release(
        "Pembukaan lomba yang seharusnya dilakukan Bupati Mamuju, H. Rahmat Saleh Pallawa, S.E., "
        "didelegasikan kepada Asisten Pemerintahan Setdakab Mamuju, Drs. Yosef Lumban Tonapa, "
        "M.Si., Kamis (6/3/2025)."))
    assert _pairs(passive) == [("rahmat-saleh-pallawa", "yosef-lumban-tonapa")]


def test_yang_diutus_and_yang_menggantikan_name_the_one_before_as_standing_in():
    sent = extract_text(_release(
        "Panen dibuka Kepala Dinas Pertanian Kabupaten Mamuju, Ir. Wahyu Pranoto Lasiri, M.P., "
        "yang diutus Bupati Mamuju, H. Rahmat Saleh Pallawa, S.E., Jumat (7/3/2025)."))
    assert _pairs(sent) == [("rahmat-saleh-pallawa", "wahyu-pranoto-lasiri")]
    replaced = extract_text(_release(
        "Wakil Bupati Mamuju, Dr. Hj. Sitti Aisyah Lamarauna, M.H., yang menggantikan Bupati "
        "Mamuju, H. Rahmat Saleh Pallawa, S.E., yang sedang bertugas ke Jakarta, meminta warga "
        "menjaga kebersihan pasar, Jumat (7/3/2025)."))
    assert _pairs(replaced) == [("rahmat-saleh-pallawa", "sitti-aisyah-lamarauna")]


def test_selaku_wakil_in_lower_case_is_a_representation_and_in_capitals_an_office():
    sent = extract_text(_release(
        "Asisten Perekonomian Setdakab Mamuju, Ir. Yosef Lumban Tonapa, M.Si., selaku wakil "
        "Bupati Mamuju H. Rahmat Saleh Pallawa, S.E., meninjau pabrik kopra, Sabtu (8/3/2025)."))
    assert _pairs(sent) == [("rahmat-saleh-pallawa", "yosef-lumban-tonapa")]
    office = extract_text(_release(
        "Dr. Hj. Sitti Aisyah Lamarauna, M.H., selaku Wakil Bupati Mamuju meninjau pabrik kopra "
        "bersama Bupati Mamuju H. Rahmat Saleh Pallawa, S.E., Sabtu (8/3/2025)."))
    assert _pairs(office) == []


# -- a title word before a given name is a second mention of the office holder ------------------
def test_a_regional_title_before_a_given_name_is_the_holder_named_in_full():
    # "Tomakaka" is no title the lexicon knows; it is written in the holder's own office phrase
    ex = extract_text(_release(
        "Rapat adat digelar Senin (3/3/2025). Tomakaka Ketua Adat Kecamatan Kalumpang, Markus "
        "Tandilino Rante, turut hadir. Tomakaka Markus menuturkan, \"Sungai sudah naik sejak "
        "subuh.\""))
    names = {p["name"] for p in ex.record["people"]}
    assert names == {"Markus Tandilino Rante"}
    assert [q["speaker"] for q in ex.record["quotes"]] == ["markus-tandilino-rante"]


def test_a_given_name_after_another_persons_first_name_stays_its_own_person():
    # "Yohanes" is no word of Markus's office phrase: two people, not one
    ex = extract_text(_release(
        "Tomakaka Ketua Adat Kecamatan Kalumpang, Markus Tandilino Rante, hadir Senin "
        "(3/3/2025). Seorang warga, Yohanes Markus, berkata, \"Kami siap bergotong royong.\""))
    assert {p["name"] for p in ex.record["people"]} >= {"Markus Tandilino Rante"}
    assert "markus-tandilino-rante" not in [q["speaker"] for q in ex.record["quotes"]]


# -- titles of nobility are no part of the name -------------------------------------------------
def test_javanese_and_madurese_noble_titles_are_prefixes():
    ex = extract_text(_release(
        "Bupati Mamuju H. Raden Mas Sugiharto Wibowo, S.Sos. membuka rapat Senin (3/3/2025). "
        "Hadir pula pengasuh pondok RKH. Abdul Wahid Fauzi, M.Pd.I."))
    people = {p["name"]: p.get("honorific_prefixes") for p in ex.record["people"]}
    assert people == {"Sugiharto Wibowo": ["H.", "Raden Mas"],
                      "Abdul Wahid Fauzi": ["RKH."]}


# -- a village's name after its level word is a place -------------------------------------------
def test_the_words_after_a_village_level_word_before_a_heads_title_are_a_place():
    ex = extract_text(_release(
        "Di Kampung Lembah Sari Jaya, Reje Lembah Sari Jaya, Bahtiar Aman Sulis, menunjukkan "
        "kebun kopi warga, Selasa (4/3/2025). Di Desa Mekar Tani, Datok Penghulu Mekar Tani, "
        "Ridwan Hasibuan, menyambut rombongan."))
    people = {p["name"]: p.get("office") for p in ex.record["people"]}
    assert people == {"Bahtiar Aman Sulis": "kepala-desa", "Ridwan Hasibuan": "kepala-desa"}


# -- a region inside an organisation's name glued before a person's name ------------------------
def test_the_name_begins_after_a_region_in_the_middle_of_an_organisations_name():
    ex = extract_text(_release(
        "Latihan digelar Rabu (5/3/2025). \"Warga harus tahu jalur evakuasi,\" ujar Kepala Posko "
        "Siaga Tanggap Bencana Mamuju Wahyu Pranoto Lasiri."))
    assert {p["name"] for p in ex.record["people"]} == {"Wahyu Pranoto Lasiri"}
    assert [q["speaker"] for q in ex.record["quotes"]] == ["wahyu-pranoto-lasiri"]


# -- a spelled-out "Haji" where a name is read is a title; inside a building's name it is not ---
def test_a_spelled_out_haji_after_a_comma_is_a_title_and_inside_a_name_is_not():
    ex = extract_text(_release(
        "Ketua Kelompok Nelayan Bahari Sejahtera, Haji Darwis, berkata, \"Perahu kami sudah "
        "siap.\" Peserta menginap di Asrama Haji Embarkasi Mamuju. Musim Haji Tahun ini ramai."))
    people = {p["name"]: p.get("honorific_prefixes") for p in ex.record["people"]}
    assert people == {"Darwis": ["Haji"]}
    assert [q["speaker"] for q in ex.record["quotes"]] == ["darwis"]


# -- a capitalised joining word is a word of a place's name -------------------------------------
def test_a_capitalised_joining_word_inside_a_venue_continues_it():
    ex = extract_text(_release(
        "Rapat koordinasi digelar di Balai Serba Guna Simboro, Selasa (4/3/2025). Rapat dibuka "
        "Sekda Mamuju."))
    assert ex.record["event"]["venue"] == "Balai Serba Guna Simboro"
    lower = extract_text(_release(
        "Rapat koordinasi digelar di Aula Bappeda guna menyusun rencana kerja, Selasa "
        "(4/3/2025)."))
    assert lower.record["event"]["venue"] == "Aula Bappeda"


# -- a Kerinci clan title after the name ---------------------------------------------------------
def test_a_kerinci_clan_title_after_the_name_is_a_suffix():
    ex = extract_text(_release(
        "Kepala Desa Lempur Tengah, Syafrizal Depati Muncak, S.E., membuka musyawarah, Kamis "
        "(6/3/2025)."))
    people = {p["name"]: p.get("honorific_suffixes") for p in ex.record["people"]}
    assert people == {"Syafrizal": ["Depati Muncak", "S.E."]}


# -- a phrase that begins with a venue of two words is a place ----------------------------------
def test_a_phrase_beginning_with_a_two_word_venue_is_no_person():
    ex = extract_text(_release(
        "Upacara digelar Senin (3/3/2025). Pembawa bendera dipercayakan kepada santri Pondok "
        "Pesantren Nurul Falah Tapalang, Rahmat Hidayat Tamrin."))
    assert {p["name"] for p in ex.record["people"]} == {"Rahmat Hidayat Tamrin"}


# -- an agency in a bracketed credit line is an organisation, whatever its place ----------------
def test_an_agency_first_in_a_bracketed_credit_line_is_no_author():
    ex = extract_text(_release(
        "Penyuluhan gizi digelar Senin (3/3/2025) di Aula Puskesmas Binanga.\n\n"
        "(Disdikbud Mamuju/tr)"))
    assert ex.record["credits"]["authors"] == ["tr"]
    assert "Disdikbud Mamuju" not in {p["name"] for p in ex.record["people"]}


def test_a_long_unit_title_cut_from_the_front_leaves_the_whole_name():
    # six capitalised words follow the office; the unit's words are cut, the surname stays
    ex = extract_text(_release(
        "Rapat digelar Senin (3/3/2025). Kasi. Pengawasan Mutu Bapenda Mamuju Rudi "
        "Hartawan Palinggi menyebut tunggakan pajak menurun."))
    assert {p["name"] for p in ex.record["people"]} == {"Rudi Hartawan Palinggi"}
