"""Round 13 of issue 12, people: a village or a group glued before its head's name, customary
heads of Flores, an address read as a name, and kin forms of address before a nickname (found
on releases-unseen-13). Invented text."""
from __future__ import annotations

from functools import partial

from infopublik_ld.records.extract import extract_text

from .extractkit import people_of as _people
from .extractkit import release, speakers_of

_release = partial(release, place="Payakumbuh")


def _unsure(ex) -> list[str]:
    return [ex.text[w.start:w.end] for w in ex.warnings if w.code == "not-a-person-unsure"]


# --- a village or a group glued before its head's name ------------------------------------------

def test_a_nagari_of_one_word_after_its_wali_nagari_is_no_part_of_the_name():
    ex = extract_text(_release(
        "Wali Nagari Sikucur Hendri Saputra, S.E. menyebut jalan usaha tani selesai bulan ini."))
    assert set(_people(ex)) == {"Hendri Saputra"}
    assert _people(ex)["Hendri Saputra"]["office"] == "kepala-desa"


def test_a_village_the_table_names_in_two_words_is_cut_whole():
    ex = extract_text(_release(
        "Wali Nagari Tanjung Baru Hendra Sikumbang melaporkan panen kepada bupati."))
    assert set(_people(ex)) == {"Hendra Sikumbang"}
    desa = extract_text(_release(
        "Kepala Desa Sungai Talang Rudi Hartawan, S.H. menyebut warga menanam jagung."))
    assert set(_people(desa)) == {"Rudi Hartawan"}


def test_a_compound_before_the_level_word_still_ends_an_office_s_field():
    # guard: "… Pembangunan Desa" is the end of an office's field, the name is whole
    ex = extract_text(_release(
        "Direktur Pembangunan Desa Sri Rahayu Lestari, M.Si. membuka pelatihan itu."))
    assert set(_people(ex)) == {"Sri Rahayu Lestari"}


def test_a_joint_business_group_s_name_before_its_head_s_name_is_a_guess():
    ex = extract_text(_release(
        "Ketua KUB Bahari Indah Lestari Ujang Saepudin mengatakan kapal itu dipakai "
        "bergiliran."))
    assert not _people(ex)
    assert _unsure(ex) == ["Lestari Ujang Saepudin"]


# --- customary heads, addresses, forms of address -------------------------------------------------

def test_a_mosalaki_and_his_clan_s_place_are_an_office_not_a_name():
    ex = extract_text(_release(
        "Mosalaki Pu'u Watunggere, Antonius Seda Ndori, menyampaikan pesan adat kepada warga. "
        "\"Tanah ini warisan leluhur dan tidak dijual, kata Mosalaki Antonius."))
    assert set(_people(ex)) == {"Antonius Seda Ndori"}
    assert _people(ex)["Antonius Seda Ndori"]["job_title"] == "Mosalaki Pu'u Watunggere"
    assert speakers_of(ex) == ["Antonius Seda Ndori"]


def test_a_place_between_commas_after_a_venue_is_no_person():
    ex = extract_text(_release(
        "Dinas Perpustakaan menggelar pelatihan bagi 40 pengelola perpustakaan desa di Balai "
        "Adat Melayu, Kampar Sri Mulya, 4 sampai 5 Mei 2026."))
    assert not _people(ex)
    assert _unsure(ex) == ["Kampar Sri Mulya"]


def test_a_kin_form_of_address_before_a_nickname_is_no_person_of_its_own():
    ex = extract_text(_release(
        "Bidan desa, Yohana Laia, S.Tr.Keb., yang akrab disapa Ine Tia, mengajak ibu hamil "
        "memeriksakan diri. \"Datang sebelum terlambat, kata Ine Tia."))
    assert set(_people(ex)) == {"Yohana Laia"}
    assert speakers_of(ex) == ["Yohana Laia"]


def test_a_nickname_the_text_introduces_is_no_person_of_its_own():
    ex = extract_text(_release(
        "Pemilik bengkel, Sutisna Wirahadi, yang biasa dipanggil Abah Uus, melatih pemuda "
        "desa. \"Mesin itu harus dirawat,\" ujar Abah Uus, pelatih bengkel itu."))
    assert set(_people(ex)) == {"Sutisna Wirahadi"}


# --- lists of people --------------------------------------------------------------------------

def test_a_numbered_list_under_a_heading_that_names_people_gives_each_name():
    ex = extract_text(_release(
        "DPRD menggelar rapat paripurna pandangan umum fraksi.\n\n"
        "Juru bicara fraksi:\n"
        "1. Fraksi Amanat Nasional: Rudolf Tahapary\n"
        "2. Fraksi Hanura: Nurjannah Kaliky\n"
        "3. Fraksi Keadilan Sejahtera: La Ode Hamid Safar\n\n"
        "Semua fraksi menerima rancangan itu."))
    assert set(_people(ex)) == {"Rudolf Tahapary", "Nurjannah Kaliky", "La Ode Hamid Safar"}


def test_winners_after_a_medal_are_people_and_their_schools_are_not():
    ex = extract_text(_release(
        "Dinas Pendidikan menyerahkan hadiah lomba menulis cerpen.\n\n"
        "Kategori SD:\n"
        "\U0001F947 Kirana Ayu Lestari – SD Negeri 4 Payakumbuh\n"
        "\U0001F948 Bintang Arya Pratama – SD Islam Terpadu Payakumbuh\n"))
    assert set(_people(ex)) == {"Kirana Ayu Lestari", "Bintang Arya Pratama"}


def test_a_list_of_groups_or_a_list_without_a_people_heading_names_no_one():
    # guards: groups and villages in a list of recipients, a plain numbered agenda
    ex = extract_text(_release(
        "Dinas Pertanian menyalurkan bantuan bibit.\n\n"
        "Penerima bantuan:\n"
        "1. Kelompok Tani Sumber Rejeki – Desa Sungai Talang\n"
        "2. Desa Tanjung Baru: 40 karung\n"
        "3. Gapoktan Harapan Jaya\n\n"
        "Daftar pemenang lomba nagari:\n"
        "1. Juara I: Nagari Koto Sani\n"
        "2. Juara II: Tim Randai Bujang Sati\n\n"
        "Agenda rapat:\n"
        "1. Rencana Tata Ruang Wilayah\n"
        "2. Pasar Induk Payakumbuh\n"))
    assert not _people(ex)
