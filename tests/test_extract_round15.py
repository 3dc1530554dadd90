"""Round 15 of issue 12, people: a kecamatan or village of the region table written between a
head and the head's name with no comma, "R." (Raden) before a name (found on
releases-unseen-15). Invented text; the places are real ones of other regions."""
from __future__ import annotations

from functools import partial

from infopublik_ld.records.extract import extract_text

from .extractkit import people_of as _people
from .extractkit import release

_release = partial(release, place="Tondano")


def test_a_village_after_hukum_tua_desa_is_no_part_of_the_name():
    ex = extract_text(_release(
        "Hukum Tua Desa Tonsea Dua Frans Lumowa mengingatkan warga soal jalan desa."))
    assert "Frans Lumowa" in _people(ex)
    assert not any("Tonsea" in name for name in _people(ex))


def test_a_kecamatan_of_the_table_after_the_first_word_of_a_village_is_the_village():
    ex = extract_text(_release(
        "Keuchik Gampong Lhok Samatiga Muhammad Yusuf Hasan berterima kasih atas bantuan itu."))
    assert "Muhammad Yusuf Hasan" in _people(ex)
    assert not any("Samatiga" in name for name in _people(ex))


def test_a_customary_head_and_the_kecamatan_he_rules_before_his_name():
    ex = extract_text(_release("Karaeng Galesong Andi Muhammad Rivai turut hadir dalam acara itu."))
    assert "Andi Muhammad Rivai" in _people(ex)
    assert not any("Galesong" in name for name in _people(ex))


def test_r_with_its_dot_is_a_prefix():
    ex = extract_text(_release(
        "Kepala Dinas Pertanian R. Bagus Santoso, S.P. mengatakan panen tahun ini baik."))
    assert "Bagus Santoso" in _people(ex)
    assert "R. Bagus Santoso" not in _people(ex)


# --- guards -------------------------------------------------------------------------------------

def test_a_surname_that_is_a_place_after_a_comma_stays_whole():
    ex = extract_text(_release(
        "Kepala Desa Sukamaju, Budi Galesong, mengatakan panen tahun ini baik."))
    assert "Budi Galesong" in _people(ex)


def test_a_place_word_is_not_cut_when_one_word_of_name_would_be_left():
    ex = extract_text(_release(
        "Keuchik Gampong Meunasah Teuku Samatiga mengatakan panen tahun ini baik."))
    assert "Teuku Samatiga" in _people(ex)


def test_a_customary_title_before_a_name_that_is_no_place_is_kept_off_the_name_only():
    ex = extract_text(_release("Karaeng Andi Muhammad Rivai turut hadir dalam acara itu."))
    assert "Andi Muhammad Rivai" in _people(ex)


def test_the_national_police_chief_s_short_form_alone_is_no_person():
    ex = extract_text(_release(
        "Kapolres Minahasa AKBP Yosef Mandagi, S.H., bertindak sebagai pembina apel dan "
        'membacakan amanat Kapolri. "Polisi harus dekat dengan warga," ujarnya.'))
    assert "Yosef Mandagi" in _people(ex)
    assert "Kapolri" not in _people(ex)
