"""Extraction, sixth round of issue 12: causes of the errors left on the fourth blind corpus.

Each test names a cause, not a text: a region before a name written by a short form, with a
compass word, split across the phrase or as a kecamatan after its head; the acronym of a region's
agency and of its head; village heads by their regional names; titles, degrees and name particles
the lexicons lacked; a described name made of ordinary words; a feast word as a surname; agencies
credited for a photograph; one word after the head of a kabupaten; numbered assistants;
representations through someone ("melalui"); an acting marker before an office after a quote.

Every release below is invented for these tests in the style of the evaluation corpora; none is a
copy of a corpus text.
"""

from __future__ import annotations

from functools import partial

import pytest

from infopublik_ld.errors import InputError
from infopublik_ld.records.extract import extract_text

from .extractkit import people_of as _people
from .extractkit import release
from .extractkit import speakers_of as _speakers

_release = partial(release, place="Baubau")


# -- regions and agencies before a name ------------------------------------------------------
def test_a_regions_short_form_before_a_name_is_no_part_of_it():
    # "Bolsel" (Bolaang Mongondow Selatan), "Konsel" (Konawe Selatan): not listed one by one,
    # made of the first letters of the region's words
    ex = extract_text(_release(
        "Rapat digelar Senin (3/3/2025). \"Jembatan itu kami kerjakan bulan depan,\" kata "
        "Kepala Dinas PUPR Bolsel Hendra Mokodompit. Sekretaris Dinas Pariwisata Konsel "
        "Yuliani Tamburaka menambahkan paket wisata sudah siap."))
    people = _people(ex)
    assert set(people) == {"Hendra Mokodompit", "Yuliani Tamburaka"}
    assert people["Hendra Mokodompit"]["job_title"] == "Kepala Dinas PUPR Bolsel"
    assert _speakers(ex) == ["Hendra Mokodompit"]


def test_a_compass_word_after_a_region_ends_the_region_not_begins_the_name():
    ex = extract_text(_release(
        'Pelatihan dibuka Selasa (4/3/2025). "Setiap desa wajib punya admin," kata Sekretaris '
        "Diskominfo OKU Selatan Dedi Kurniawan, S.Kom."))
    people = _people(ex)
    assert set(people) == {"Dedi Kurniawan"}
    assert people["Dedi Kurniawan"]["job_title"] == "Sekretaris Diskominfo OKU Selatan"


def test_a_region_of_two_words_split_by_the_phrase_is_cut_whole():
    # the office reading stopped inside "Kota Banda Aceh": "Aceh" starts the phrase read
    ex = extract_text(_release(
        "Sosialisasi digelar Rabu (5/3/2025). Kabid Tata Ruang Dinas PUPR Kota Banda Aceh "
        "Zulfikar Ahmad, S.T. menjelaskan aturan garis sempadan."))
    assert set(_people(ex)) == {"Zulfikar Ahmad"}


def test_a_kecamatan_of_one_word_after_its_head_is_part_of_the_office():
    ex = extract_text(_release(
        'Musrenbang digelar Kamis (6/3/2025). "Usulan jalan tani kami dahulukan," kata Camat '
        "Ranomeeto Hasanuddin Lasandara, S.Sos."))
    people = _people(ex)
    assert set(people) == {"Hasanuddin Lasandara"}
    assert people["Hasanuddin Lasandara"]["job_title"] == "Camat Ranomeeto"
    assert people["Hasanuddin Lasandara"]["office"] == "camat"


def test_an_agencys_acronym_is_an_organisation_and_its_heads_an_office():
    # "Dinsos", "Disdikbud": "Dis"/"Din" and the letters of the agency's fields; "Ka" before it
    # names its head
    ex = extract_text(_release(
        "Bantuan diserahkan Jumat (7/3/2025). Kasubag Umum Dinsos Buton Tengah Rudi Laode, "
        "S.E. mencatat penerima. Kadisdikbud Wakatobi Yasin Lamaranggi, M.Pd. meninjau sekolah."))
    people = _people(ex)
    assert set(people) == {"Rudi Laode", "Yasin Lamaranggi"}
    assert people["Yasin Lamaranggi"]["office"] == "kepala-dinas"


def test_a_title_joined_by_dan_reaches_the_name_after_it():
    ex = extract_text(_release(
        "Pameran dibuka Senin (10/3/2025). Kasi Cagar Budaya dan Permuseuman Disdikbud Buton "
        "Waode Sitti Hasmah, S.S. memandu tamu."))
    people = _people(ex)
    assert set(people) == {"Waode Sitti Hasmah"}
    assert people["Waode Sitti Hasmah"]["office"] == "kepala-seksi"
    assert people["Waode Sitti Hasmah"]["honorific_suffixes"] == ["S.S."]


# -- villages, titles, particles -------------------------------------------------------------
def test_village_heads_by_their_regional_names():
    ex = extract_text(_release(
        "Bupati meninjau irigasi Selasa (11/3/2025). Ia disambut Sangadi Bumbung, Ferdy "
        "Mokoagow, dan Hukum Tua Sea Satu Yohanis Lumintang. Raja Negeri Hila Ahmad Ollong "
        "juga hadir."))
    people = _people(ex)
    assert set(people) == {"Ferdy Mokoagow", "Yohanis Lumintang", "Ahmad Ollong"}
    assert {p["office"] for p in people.values()} == {"kepala-desa"}
    assert people["Yohanis Lumintang"]["job_title"] == "Hukum Tua Sea Satu"


def test_a_villages_second_word_that_is_a_verb_is_no_part_of_a_name():
    # "Way Menanti": a village named with a verb; no name begins with "meN-" and a root
    ex = extract_text(_release(
        "Audiensi digelar Kamis (13/3/2025). Peratin Way Menanti Sahrudin, menyampaikan usulan "
        'jalan. "Jalan kebun kami rusak sejak tahun lalu," kata Sahrudin.'))
    assert set(_people(ex)) == {"Sahrudin"}


def test_initials_inside_a_name_keep_it_whole():
    ex = extract_text(_release(
        "Festival dibuka Wali Kota Baubau Yusran H.N. Fatah, Jumat (14/3/2025). Hadir pula "
        "Kepala Bappeda Rahmat Hidayat S.T. bersama staf."))
    people = _people(ex)
    assert set(people) == {"Yusran H.N. Fatah", "Rahmat Hidayat"}
    assert people["Rahmat Hidayat"]["honorific_suffixes"] == ["S.T."]


def test_titles_and_particles_the_lexicons_lacked():
    ex = extract_text(_release(
        "Rakor digelar Rabu (12/3/2025). Hadir Kepala Syahbandar Baubau Capt. Rudolf Manuhutu, "
        "Kepala Dinas Sosial Puang Andi Tenri Sau, S.Sos., Jro Bendesa I Ketut Sudana dan Kabid "
        "Perikanan Marlina Br. Tarigan, S.Pi."))
    people = _people(ex)
    assert set(people) == {"Rudolf Manuhutu", "Andi Tenri Sau", "I Ketut Sudana",
                           "Marlina Br. Tarigan"}
    assert people["Rudolf Manuhutu"]["honorific_prefixes"] == ["Capt."]
    assert people["Andi Tenri Sau"]["honorific_prefixes"] == ["Puang"]
    assert people["I Ketut Sudana"]["honorific_prefixes"] == ["Jro Bendesa"]


def test_a_described_name_of_ordinary_words_is_kept_when_a_word_can_only_be_a_name():
    # "Putri" and "Mawar" are ordinary words; "Yohana" is not, and the name is set off by
    # commas and described
    ex = extract_text(_release(
        "Lomba pidato digelar Kamis (13/3/2025). Juara pertama diraih Yohana Putri Mawar, siswi "
        "SMA Negeri 2 Baubau, disusul peserta dari Wakatobi. Taman Kota Lama Baubau penuh."))
    assert set(_people(ex)) == {"Yohana Putri Mawar"}


def test_a_feast_word_after_a_given_name_is_a_surname():
    ex = extract_text(_release(
        "Upacara digelar Jumat (14/3/2025) dengan komandan upacara Fikri Ramadhan Saputra dari "
        "SMK Negeri 1 Baubau. Menjelang Idul Fitri Pemkot menggelar pasar murah."))
    assert set(_people(ex)) == {"Fikri Ramadhan Saputra"}


def test_forums_of_leaders_are_no_people():
    ex = extract_text(_release(
        "Penanaman pohon digelar Sabtu (15/3/2025) bersama Forkopimcam Sorawolio. Muspika "
        "Betoambari mengikuti kegiatan."))
    assert _people(ex) == {}


def test_regional_address_words_are_no_part_of_a_name():
    ex = extract_text(_release(
        "Gubernur Lalu Ahmad Zaini membuka pameran Senin (17/3/2025). \"Produk lokal harus "
        'masuk hotel dan bandara," ujar Miq Zaini.'))
    assert set(_people(ex)) == {"Lalu Ahmad Zaini"}
    assert _speakers(ex) == ["Lalu Ahmad Zaini"]


# -- credits ---------------------------------------------------------------------------------
def test_an_agency_credited_for_a_photograph_is_no_photographer():
    ex = extract_text(_release(
        "Pasar murah digelar Selasa (18/3/2025).\n\nAntrean warga di halaman kantor. "
        "Foto: Dinsos Wakatobi\n\nPenulis: Nirwana Saleh"))
    assert set(_people(ex)) == {"Nirwana Saleh"}
    assert "Dinsos Wakatobi" in ex.record["credits"].get("organizations", []) or (
        "photographers" not in ex.record["credits"])


def test_a_caption_credit_above_the_bracketed_credit_line_is_not_the_credit_line():
    ex = extract_text(_release(
        "Festival dibuka Rabu (19/3/2025).\n\nPenari membawakan tari kolosal. Foto: Sari "
        "Wulandari\n\nFestival berlangsung tiga hari di pelataran benteng dan diikuti "
        "sanggar dari enam kecamatan, dengan pameran kuliner di sisi timur.\n\n"
        "(Kominfo Baubau/yd)"))
    credits = ex.record["credits"]
    assert credits["authors"] == ["yd"]
    assert credits["photographers"] == ["sari-wulandari"]


# -- one word after a head, numbered units ---------------------------------------------------
def test_one_word_after_the_head_of_a_kabupaten_is_a_name_unless_it_is_a_region():
    ex = extract_text(_release(
        "Lomba dibuka Sekda Buton Tengah Ramli Hasan yang hadir mewakili Bupati Zulmiadi, Kamis "
        "(20/3/2025). Wabup Konsel menyerahkan piala."))
    assert set(_people(ex)) == {"Ramli Hasan", "Zulmiadi"}
    assert ex.record["representations"] == [
        {"represented": "zulmiadi", "representative": "ramli-hasan"}]


def test_a_numbered_assistant_keeps_the_number_in_the_title():
    ex = extract_text(_release(
        "Lomba dibuka Asisten I Setda Buton Tengah Laode Ruslan Jumat (21/3/2025)."))
    people = _people(ex)
    assert set(people) == {"Laode Ruslan"}
    assert people["Laode Ruslan"]["job_title"] == "Asisten I Setda Buton Tengah"


def test_a_unit_with_its_number_takes_no_more_words_before_the_name():
    ex = extract_text(_release(
        "Tim dipimpin Wakil Ketua Komisi III Aria Dewi Mahendra berkunjung ke pasar, Senin "
        "(24/3/2025)."))
    people = _people(ex)
    assert set(people) == {"Aria Dewi Mahendra"}
    assert people["Aria Dewi Mahendra"]["job_title"] == "Wakil Ketua Komisi III"


def test_an_emoji_ends_a_venue():
    ex = extract_text(_release(
        "Sosialisasi digelar Kamis (27/3/2025) di Balai Adat Wolio 🏠 Kegiatan dihadiri tokoh "
        "adat dan camat se-Kota Baubau."))
    assert ex.record["event"]["venue"] == "Balai Adat Wolio"


# -- representations and speakers ------------------------------------------------------------
def test_melalui_an_office_holder_is_a_representation():
    ex = extract_text(_release(
        "Wali Kota Baubau, H. La Ode Rafiun, S.H., melalui Asisten III Setda Baubau Muhammad "
        "Yusuf menyerahkan bantuan, Senin (24/3/2025). Wali Kota melalui Kadis Kominfo meminta "
        "warga menyaring kabar. Kadis Kominfo Baubau Ardin Tamrin hadir."))
    assert ex.record["representations"] == [
        {"represented": "la-ode-rafiun", "representative": "muhammad-yusuf"}]


def test_given_names_that_are_ordinary_words_after_a_finished_office_title():
    # "Hamzah" and "Saleh" are both in the word list; after "Wakil Wali Kota Baubau" (a title
    # ended by its region) they are a name, after a title still running they are not
    ex = extract_text(_release(
        "Wakil Wali Kota Baubau Hamzah Saleh membuka pameran Senin (24/3/2025). Kepala Bidang "
        "Pengembangan Usaha Ekonomi Kreatif hadir."))
    assert set(_people(ex)) == {"Hamzah Saleh"}


def test_ordinary_words_or_one_word_after_a_heads_title_without_a_verb_are_no_person():
    # a programme, a planting, a trophy named after the head: no verb of the head follows
    ex = extract_text(_release(
        "Rapat digelar Senin (24/3/2025). Program Wali Kota Baubau Peduli Sesama terus berjalan. "
        "Agenda besok: Wali Kota Baubau Tanam Perdana Jagung di Sorawolio. Piala Wali Kota "
        "Baubau Cup digelar pekan depan."))
    assert _people(ex) == {}


def test_a_name_particle_is_no_word_of_a_units_name():
    ex = extract_text(_release(
        "Pameran ditutup Senin (24/3/2025).\n\nStaf Ahli Bidang Ekonomi Wa Ode Hasnia "
        "menyerahkan piagam kepada peserta."))
    assert set(_people(ex)) == {"Wa Ode Hasnia"}


def test_a_sentence_that_opens_with_mewakili_names_the_one_after_its_comma():
    ex = extract_text(_release(
        "Pameran dibuka Senin (24/3/2025). Wali Kota Baubau La Ode Rafiun tiba siang hari.\n\n"
        "Mewakili Wali Kota, Staf Ahli Bidang Ekonomi Wa Ode Hasnia menyerahkan piagam."))
    assert ex.record["representations"] == [
        {"represented": "la-ode-rafiun", "representative": "wa-ode-hasnia"}]


def test_mewakilkan_kepada_hands_over_to_the_one_after():
    ex = extract_text(_release(
        "Wakil Wali Kota Baubau Hamzah Saleh membuka pameran Senin (24/3/2025). Wali Kota Baubau "
        "La Ode Rafiun mewakilkan pembukaan kepada Wakil Wali Kota."))
    assert ex.record["representations"] == [
        {"represented": "la-ode-rafiun", "representative": "hamzah-saleh"}]


def test_an_office_named_in_the_sentence_after_a_quote_names_its_holder():
    ex = extract_text(_release(
        "Wali Kota Baubau La Ode Rafiun membuka pameran, Senin (24/3/2025). Kepala Dinas "
        "Koperasi Baubau, Rahmat Toba, melaporkan 60 stan terisi.\n\n"
        '"Produk lokal harus tampil di setiap acara pemerintah mulai tahun ini." Demikian '
        "disampaikan Wali Kota Baubau dalam sambutannya."))
    assert _speakers(ex) == ["La Ode Rafiun"]


def test_an_acting_marker_before_an_office_after_a_quote_names_the_holder():
    ex = extract_text(_release(
        "Plt. Asisten Deputi Bidang Kehumasan, Drs. Arman Kadir, memaparkan target, Selasa "
        '(25/3/2025).\n\n"Setiap siaran pers harus terbit di hari yang sama," kata Plt. Asisten '
        "Deputi."))
    assert _speakers(ex) == ["Arman Kadir"]


# -- what is a release -----------------------------------------------------------------------
def test_a_release_without_a_title_and_with_many_commas_is_no_csv_table():
    text = (
        "Unaaha, 3 Maret 2025 (Diskominfo Konawe) - Wakil Bupati Konawe, Ir. H. Syamsul Ibrahim, "
        "M.Si., membuka lomba, pawai, dan bazar di alun-alun.\n\n"
        "Ketua panitia, Hj. Nursida Lamboasa, S.E., menyebut peserta datang dari 30 kecamatan, "
        "sekolah, pesantren, dan sanggar.\n\n"
        "Lomba berakhir Rabu (5/3/2025), kata panitia, dengan pentas seni, doa, dan zikir.\n")
    ex = extract_text(text)
    assert "Syamsul Ibrahim" in _people(ex)
    table = ("id,headline,date_published,dateline,outlet\n"
             "r1,Rakor PPID,2025-03-03,Unaaha,Diskominfo\n"
             "r2,Bimtek Humas,2025-03-04,Kendari,Humas\n")
    with pytest.raises(InputError, match="CSV"):
        extract_text(table)
