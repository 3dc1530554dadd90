"""Round 14 of issue 12, people: kin forms of address before a nickname, the tail of a unit's
name glued to a name, a day's name inside a name, and a region's name written in more words than
its first (found on releases-unseen-14). Invented text."""
from __future__ import annotations

from functools import partial

from infopublik_ld.records.extract import extract_text

from .extractkit import people_of as _people
from .extractkit import release

_release = partial(release, place="Tanjung Pinang")


def _rejected(ex) -> list[str]:
    return [ex.text[w.start:w.end] for w in ex.warnings if w.code.startswith("not-a-person")]


# --- kin forms of address before a nickname ---------------------------------------------------

def test_a_malay_kin_word_and_a_nickname_is_no_person_of_its_own():
    ex = extract_text(_release(
        'Seorang penjual kue, Rohani, yang dipanggil tetangga Mak Oni, berharap kios ditambah. '
        '"Kami senang berjualan di sini," kata Mak Oni.'))
    assert "Mak Oni" not in _people(ex)
    assert "Mak Oni" in _rejected(ex)


def test_other_kin_words_before_one_word_go_to_the_warnings():
    for kin in ("Mbok", "Cik", "Uwak"):
        ex = extract_text(_release(
            f'Warga menanam cabai di halaman rumah. "Hasilnya cukup untuk dapur," kata {kin} '
            'Sarmi, warga setempat.'))
        assert not _people(ex), kin


def test_a_kin_word_before_a_person_already_named_keeps_that_person():
    # guard: the nickname of someone named in full still speaks for that person
    ex = extract_text(_release(
        'Ketua Kelompok Tani Makmur, Ujang Sutisna, S.P., memimpin panen. "Panen kali ini '
        'bagus," kata Kang Ujang.'))
    assert set(_people(ex)) == {"Ujang Sutisna"}


# --- the tail of a unit's name is no start of a name ---------------------------------------------

def test_the_tail_of_a_field_s_name_is_no_part_of_the_name_after_it():
    ex = extract_text(_release(
        "Kabid Perikanan Tangkap Budiman Saragih, S.Pi. membagikan jaring kepada nelayan."))
    assert set(_people(ex)) == {"Budiman Saragih"}


def test_a_unit_and_its_region_before_a_name_are_cut():
    ex = extract_text(_release(
        "Kepala Daerah Operasi Manggala Agni Berau Rahmat Simanjuntak menyebut sepuluh titik "
        "panas terpantau."))
    assert set(_people(ex)) == {"Rahmat Simanjuntak"}


def test_a_given_name_agni_is_still_a_name():
    # guard: the tail word is the unit's only after its first word
    ex = extract_text(_release(
        "Kepala Bidang Pemasaran Agni Kusumawardani, S.E. membuka pameran kopi."))
    assert set(_people(ex)) == {"Agni Kusumawardani"}


# --- a day's name inside a name -------------------------------------------------------------

def test_a_day_s_name_inside_a_name_does_not_cut_it():
    ex = extract_text(_release(
        "Wakil Bupati Sikka, Ir. Fransiskus Minggu Lewa, meresmikan rumah adat pada Minggu "
        "(9/8/2026)."))
    assert set(_people(ex)) == {"Fransiskus Minggu Lewa"}


def test_a_day_after_a_name_is_still_the_day():
    # guard: a day before a date, its time or a comma is no part of the name
    ex = extract_text(_release(
        "Kepala Dinas Pertanian Budi Santoso Minggu (3/4) meninjau sawah, lalu pada Sabtu Pagi "
        'panen bersama. "Panen raya," kata Budi Santoso Sabtu Pagi itu.'))
    assert set(_people(ex)) == {"Budi Santoso"}


# --- a region written in more words than its first --------------------------------------------

def test_the_first_word_of_a_longer_region_is_no_person():
    ex = extract_text(_release(
        "Bupati Pangkajene dan Kepulauan Andi Rahman Bahri Mappa, S.H. meresmikan dermaga. "
        'Bupati Andi Rahman mengatakan, "Warga pulau senang."'))
    assert set(_people(ex)) == {"Andi Rahman Bahri Mappa"}
    assert "Pangkajene" in _rejected(ex)
