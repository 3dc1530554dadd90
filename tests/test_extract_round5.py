"""Extraction, fifth round of issue 12: causes of the errors left on a third blind corpus.

Each test names a cause (a rule that took too much, or a resource that lacked an entry), not a
text: a unit's ordinary words that swallowed a given name, a title inside a run of capitals, a
clan title, brand words, a Hijri year, "sebagai" before no role, a place name before ", Wabup",
"dan" before a second thing, the issuers of a joint decree, representations of an office nobody
is named for, sentence ends after a degree, short offices with their region, unnamed subjects
after an adverbial clause, and a compound noun ending in "Desa".

Every release below is invented for these tests in the style of the evaluation corpora; none is a
copy of a corpus text.
"""

from __future__ import annotations

from functools import partial

from infopublik_ld.records.evidence import not_a_name
from infopublik_ld.records.extract import extract_text

from .extractkit import people_of as _people
from .extractkit import release
from .extractkit import speakers_of as _speakers

_release = partial(release, place="Kendari")


# -- person names ----------------------------------------------------------------------------
def test_a_units_ordinary_words_never_leave_a_one_word_name():
    # "Intan" is an ordinary word (a jewel) and a given name: the office reading stopped taking
    # the unit's ordinary words only where one word would be left for the name
    ex = extract_text(_release(
        'Rapat digelar Senin (3/3/2025). "Data harus rapi setiap bulan," kata Kepala '
        'Subbagian Tata Usaha Setwan Intan Wulandari, S.E.'))
    people = _people(ex)
    assert set(people) == {"Intan Wulandari"}
    assert people["Intan Wulandari"]["job_title"] == "Kepala Subbagian Tata Usaha Setwan"
    assert _speakers(ex) == ["Intan Wulandari"]


def test_a_dotted_title_starts_the_name_after_an_office():
    ex = extract_text(_release(
        "Perjanjian diteken Selasa (4/3/2025) oleh Wakil Dekan Bidang Kerja Sama Dr. Hasanuddin "
        "Latief, M.Pd., di kampus."))
    assert set(_people(ex)) == {"Hasanuddin Latief"}


def test_a_clan_title_written_dt_is_part_of_one_person():
    ex = extract_text(_release(
        "Pelatihan dibuka Wakil Bupati Tanah Datar, Rahmat Hidayat Dt. Rajo Bungsu, S.H., "
        'Rabu (5/3/2025). "Kami dukung penuh pelatihan ini," ujar Rahmat.'))
    people = _people(ex)
    assert set(people) == {"Rahmat Hidayat"}
    assert people["Rahmat Hidayat"]["honorific_suffixes"][0] == "Dt. Rajo Bungsu"
    assert _speakers(ex) == ["Rahmat Hidayat"]


def test_brand_words_and_hijri_years_are_no_people():
    ex = extract_text(_release(
        "Pendaftaran dibuka hingga akhir Ramadan 1447 H. Penyaluran zakat dilakukan melalui "
        "masjid. Pertanyaan dapat dikirim melalui WhatsApp Sekretariat pada jam kerja."))
    assert _people(ex) == {}


def test_sebagai_shows_a_person_only_before_an_office_or_a_role():
    ex = extract_text(_release(
        "Pemkab mengusulkan tarian tradisional Lulo Wonua sebagai warisan budaya takbenda, "
        "Kamis (6/3/2025). Sementara itu Yusran Tamalaki sebagai ketua sanggar hadir."))
    assert set(_people(ex)) == {"Yusran Tamalaki"}


def test_a_place_after_di_and_a_common_noun_is_no_person_before_an_office():
    ex = extract_text(_release(
        "Setibanya di pelabuhan Tanjung Larang, Wabup disambut warga, Jumat (7/3/2025)."))
    assert _people(ex) == {}


def test_dan_before_a_name_word_joins_two_bodies_not_one_title():
    ex = extract_text(_release(
        "Sosialisasi diikuti keuchik dan anggota Tuha Lapan, Senin (10/3/2025). "
        '"Keuchik dan Tuha Lapan harus sejalan," kata Camat Meukek, Zulfadli Hasan, S.STP.'))
    assert set(_people(ex)) == {"Zulfadli Hasan"}


def test_the_issuers_of_a_joint_decree_are_offices_not_people():
    ex = extract_text(_release(
        "Penutupan jalan berlaku Selasa (11/3/2025) sesuai Keputusan Bersama Kepala Korps "
        "Brimob Polri, Direktur Jenderal Cipta Karya dan Direktur Jenderal Sumber Daya Air "
        "tentang pengamanan jalur mudik."))
    assert _people(ex) == {}


def test_a_phrase_ending_in_an_organisation_is_no_name():
    assert not_a_name("Korps Lalu Lintas Polri") == "organization"
    assert not_a_name("Yusran Tamalaki") is None


def test_religious_titles_of_other_regions_are_titles():
    ex = extract_text(_release(
        "Doa dipimpin Buya H. Syamsul Bahri Datuak Marajo, Lc., dan Pnt. Johny Wowor, petani "
        "cengkeh, Rabu (12/3/2025). Pekaseh Subak Abang, Jro Mangku I Made Sukerta, hadir. "
        '"Tanah ini titipan para leluhur," tutur Jro Mangku Sukerta.'))
    people = _people(ex)
    assert set(people) == {"Syamsul Bahri", "Johny Wowor", "I Made Sukerta"}
    assert people["Johny Wowor"]["honorific_prefixes"] == ["Pnt."]
    assert people["I Made Sukerta"]["honorific_prefixes"] == ["Jro Mangku"]
    assert _speakers(ex) == ["I Made Sukerta"]


def test_a_level_word_ending_a_compound_noun_introduces_no_village():
    ex = extract_text(_release(
        '"Koperasi harus sehat," ujar Direktur Pembangunan Ekonomi Desa Sri Wahyuni Lubis, '
        "S.E., Kamis (13/3/2025)."))
    assert set(_people(ex)) == {"Sri Wahyuni Lubis"}


# -- quote speakers --------------------------------------------------------------------------
def test_wako_is_the_mayor():
    ex = extract_text(_release(
        "Peringatan dihadiri Wali Kota Bukittinggi, H. Erman Syafri, S.E., Jumat (14/3/2025).\n\n"
        '"Masjid harus ramai setiap waktu salat," ujar Wako.'))
    assert "Wako" not in _people(ex)
    assert _speakers(ex) == ["Erman Syafri"]


def test_a_paragraph_break_after_a_degree_ends_the_sentence():
    ex = extract_text(_release(
        'Rapat digelar Senin (17/3/2025). "Anggaran untuk itu sudah tersedia," kata Ketua '
        "Komisi II DPRD Provinsi Sulawesi Tenggara Arman Wijaya, S.H.\n\n"
        "Direktur RSUD Kota Kendari, dr. Lestiana Putri, M.Kes., hadir.\n\n"
        "Lestiana menjelaskan, ruang rawat baru dibangun tahun depan.\n\n"
        '"Kami juga akan menambah dokter spesialis anak dan penyakit dalam," ujarnya.'))
    assert _speakers(ex) == ["Arman Wijaya", "Lestiana Putri"]


def test_a_short_office_with_its_region_picks_its_holder():
    ex = extract_text(_release(
        "Kepala Dinas Kesehatan Provinsi Sulawesi Tenggara, dr. Ratih Anggraini, M.Kes., "
        "meninjau puskesmas, Selasa (18/3/2025), didampingi Kepala Dinas Kesehatan Kabupaten "
        "Konawe, Yusuf Tamburaka, S.KM.\n\n"
        "Camat Unaaha, Sulaiman Lasaka, S.IP., melaporkan kekurangan bidan.\n\n"
        "Di akhir kunjungan, Kadinkes Sulawesi Tenggara berdialog dengan warga.\n\n"
        '"Kami akan tambah insentif bidan di desa terpencil," ujarnya.'))
    assert _speakers(ex) == ["Ratih Anggraini"]


def test_an_unnamed_subject_after_an_adverbial_clause_gives_no_speaker():
    ex = extract_text(_release(
        '"Stok beras cukup sampai Lebaran," kata Kepala Dinas Perdagangan Kabupaten Konawe '
        "Hasrul Sani, S.E., Rabu (19/3/2025).\n\n"
        "Dalam peninjauan di pasar, seorang pedagang mengeluhkan harga cabai.\n\n"
        '"Kemarin saya jual lima puluh ribu, sekarang tujuh puluh," katanya.'))
    assert _speakers(ex) == ["Hasrul Sani", None]


def test_a_name_described_after_an_unnamed_head_is_the_subject():
    ex = extract_text(_release(
        "Pelatihan media sosial digelar Kamis (20/3/2025).\n\n"
        "Narasumber lain, jurnalis senior Andika Pratama Lubis, mengingatkan peserta soal data "
        "pribadi.\n\n"
        '"Satu unggahan bisa jadi perkara," pesannya.'))
    assert _speakers(ex) == ["Andika Pratama Lubis"]


# -- representations -------------------------------------------------------------------------
def test_an_office_nobody_is_named_for_is_represented_by_no_one_else():
    ex = extract_text(_release(
        "Upacara digelar Senin (24/3/2025). Inspektur upacara Bupati Konawe H. Harmin Ramba, "
        "S.Sos., yang membacakan amanat Menteri Dalam Negeri. Komandan upacara Kapten Inf "
        "Budi Hartono, Danramil Unaaha.\n\n"
        "Nota kesepahaman diteken Bupati dan Rektor Universitas Lakidende yang diwakili oleh "
        "Wakil Rektor Bidang Akademik Dr. Nurhayati Saleh, M.Pd."))
    assert ex.record.get("representations", []) == []


def test_a_name_with_a_noun_for_a_person_after_it_is_a_person_but_not_in_a_list():
    ex = extract_text(_release(
        "Upacara digelar Senin (24/3/2025). Doa dibacakan oleh Wulan Kusumawati, siswi SMA "
        "Negeri 2 Kendari. Apel diikuti personel BPBD, Damkar, Bhakti Agni, relawan desa dan "
        "pelajar."))
    assert set(_people(ex)) == {"Wulan Kusumawati"}


def test_a_bugis_ulama_title_in_capitals():
    ex = extract_text(_release(
        "Doa dipimpin AGH. Abdul Rahman Mallongi, Selasa (25/3/2025), di masjid raya."))
    people = _people(ex)
    assert set(people) == {"Abdul Rahman Mallongi"}
    assert people["Abdul Rahman Mallongi"]["honorific_prefixes"] == ["AGH."]


def test_an_office_whose_title_runs_up_to_the_name_is_the_names_office():
    ex = extract_text(_release(
        '"Koperasi desa harus dikelola dengan sehat," ujar Direktur Pengembangan Ekonomi Desa '
        "Sri Wahyuni Lubis, S.E., Kamis (13/3/2025). Rombongan diterima Plt. Direktur RSUD dr. "
        "Ismoyo, dr. Bayu Prasetya Utama, M.Kes., di lobi."))
    people = _people(ex)
    assert people["Sri Wahyuni Lubis"]["office"] == "direktur"
    assert people["Bayu Prasetya Utama"]["office"] == "direktur"


# -- venue -----------------------------------------------------------------------------------
def test_a_venue_ends_before_a_passive_verb_after_dan_and_before_milik():
    ex = extract_text(_release(
        "Penyerahan bantuan berlangsung di aula kantor desa dan disaksikan puluhan warga, "
        "Senin (3/3/2025)."))
    assert ex.record["event"]["venue"] == "aula kantor desa"
    ex = extract_text(_release(
        "Komisi IV DPRD melakukan kunjungan kerja ke RSUD Bahteramas milik Pemerintah Provinsi "
        "Sulawesi Tenggara, Selasa (4/3/2025)."))
    assert ex.record["event"]["venue"] == "RSUD Bahteramas"
