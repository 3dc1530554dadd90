"""Extraction, third round of issue 12: what generalises beyond the evaluation corpus.

Short forms of names, names written in full before a short form, lists of names after a
ceremony role, offices inside building names, office acronyms in brackets, offices after
"sebagai", unnamed office holders as subjects, credits in captions and post metadata, metadata
lines and press-release headers, named places as venues, notices' place lines, more event words,
titles with commas, and quoted titles.

Every release below is invented for these tests in the style of the evaluation corpus; none is a
copy of a corpus text.
"""

from __future__ import annotations

from infopublik_ld.records.extract import extract_text

from .extractkit import people_of as _people
from .extractkit import speakers_of as _speakers


# -- people: short forms and full forms --------------------------------------------------------
def test_a_short_form_shared_by_two_people_is_the_one_named_last_before_it():
    ex = extract_text("""Bupati Serahkan Bantuan Sembako

Pangkalan Bun – Bupati Kotawaringin Barat, H. Rahmat Hidayat Nugraha, S.E., menyerahkan paket \
sembako kepada warga lanjut usia, Kamis (6/3/2025).

"Bantuan ini kecil, tetapi kami ingin warga tahu pemerintah hadir," ujar Rahmat.

Ketua TP PKK Kabupaten Kotawaringin Barat, Hj. Sulastri Rahmat, turut membagikan selimut.
""")
    assert set(_people(ex)) == {"Rahmat Hidayat Nugraha", "Sulastri Rahmat"}
    assert _speakers(ex) == ["Rahmat Hidayat Nugraha"]


def test_a_short_form_with_a_name_particle_skips_the_middle_name():
    ex = extract_text("""Raker Pengelola Website Desa

Praya – Kepala Bidang Aplikasi Informatika Diskominfo Kabupaten Lombok Tengah Lalu Ahmad \
Zulkarnaen mengatakan 127 desa telah memiliki laman resmi, Rabu (5/3/2025).

"Laman desa harus diperbarui setiap bulan, bukan hanya saat lomba," ujar Lalu Zulkarnaen.
""")
    assert "Lalu Zulkarnaen" not in _people(ex)
    assert _speakers(ex) == ["Lalu Ahmad Zulkarnaen"]


def test_a_name_written_in_full_between_commas_gives_a_later_short_form_its_full_name():
    ex = extract_text("""Diskominfo Gelar Kelas Konten Kreatif

Mamuju – Diskominfo Sulawesi Barat menggelar kelas konten kreatif, Senin (3/3/2025). Materi \
dibawakan oleh praktisi media digital asal Majene, Andi Tenri Ajeng Baso, yang membahas \
penulisan naskah video.

"Video pendek harus selesai menyampaikan pesan dalam tiga detik pertama," ujar Andi Tenri.
""")
    assert "Andi Tenri Ajeng Baso" in _people(ex)
    assert "Andi Tenri" not in _people(ex)
    assert _speakers(ex) == ["Andi Tenri Ajeng Baso"]


# -- people: ceremonies ------------------------------------------------------------------------
def test_every_name_of_a_list_after_a_ceremony_role():
    ex = extract_text("""Apel Hari Kesadaran Nasional

Tanjung Selor – Apel Hari Kesadaran Nasional digelar di halaman Kantor Bupati Bulungan, Senin \
(17/2/2025). Pengibar bendera terdiri atas Rizal Fahmi Hakim, Nurul Aini Putri dan Bagas Dwi \
Saputra, anggota Satpol PP. Pengibar bendera cadangan dari Paskibraka putra.
""")
    assert {"Rizal Fahmi Hakim", "Nurul Aini Putri", "Bagas Dwi Saputra"} <= set(_people(ex))
    assert not any("Paskibraka" in n for n in _people(ex))


def test_the_whole_object_of_a_role_comes_before_the_name():
    ex = extract_text("""Upacara Hari Lahir Pancasila

Tondano – Upacara digelar di Lapangan Sam Ratulangi Tondano, Minggu (1/6/2025). Pembaca Teks \
Pembukaan UUD 1945 Stevani Grace Rumondor dan pembaca doa Pdt. Yosua Kaunang.
""")
    people = _people(ex)
    assert "Stevani Grace Rumondor" in people
    assert not any(n.startswith("Pembukaan") for n in people)


# -- people: not people ------------------------------------------------------------------------
def test_ministries_named_by_a_compound_word_are_not_people():
    ex = extract_text("""Pemerintah Tetapkan Cuti Bersama

Jakarta – Cuti bersama ditetapkan dalam keputusan bersama Menteri Agama, Menteri \
Ketenagakerjaan, dan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi, Senin \
(16/9/2024).
""")
    assert ex.record.get("people", []) == []


def test_an_office_inside_the_name_of_a_building_names_no_one():
    ex = extract_text("""Musrenbang Kecamatan

Indralaya – Musrenbang digelar di Aula Kantor Camat Tanjung Raja, Selasa (4/2/2025). Camat \
Tanjung Raja, Heri Gunawan Saputra, S.STP., membuka kegiatan.
""")
    assert set(_people(ex)) == {"Heri Gunawan Saputra"}


def test_a_place_named_like_a_venue_is_not_a_person():
    ex = extract_text("""Menteri Tinjau Bendungan

Lolak – Setibanya di Bandara Djalaludin Gorontalo, Menteri langsung meninjau bendungan, Jumat \
(7/3/2025).
""")
    assert ex.record.get("people", []) == []


def test_the_end_of_a_job_title_is_not_part_of_the_name_after_it():
    ex = extract_text("""Webinar Literasi Keuangan

Medan – Webinar digelar secara daring, Rabu (5/3/2025). Narasumber dari OJK, Kepala Bagian \
Edukasi dan Perlindungan Konsumen Yunita Sari Ginting, memaparkan cara mengecek legalitas \
pinjaman.
""")
    assert "Yunita Sari Ginting" in _people(ex)
    assert not any(n.startswith("Perlindungan") for n in _people(ex))


# -- offices -----------------------------------------------------------------------------------
def test_an_office_acronym_in_brackets_names_the_speaker_later():
    ex = extract_text("""Rakor Arsip Dinamis

Wakil Sekretaris Kabinet (Waseskab) Hendra Wiguna Saputra membuka rapat koordinasi arsip di \
Jakarta, Rabu (5/3/2025).

"Arsip yang tertib memudahkan kita mempertanggungjawabkan kebijakan," ujar Waseskab.
""")
    assert _speakers(ex) == ["Hendra Wiguna Saputra"]


def test_an_office_after_sebagai_belongs_to_the_name_before_it():
    ex = extract_text("""Gubernur Lantik Pejabat

Sofifi – Gubernur melantik pejabat di Aula Nuku, Senin (3/2/2025). Di antara mereka Ir. Faisal \
Umar Sangaji sebagai Kepala Bagian Perencanaan, Dra. Lilis Hasan Alting sebagai Kepala Biro \
Umum.
""")
    people = _people(ex)
    assert people["Faisal Umar Sangaji"]["job_title"] == "Kepala Bagian Perencanaan"
    assert people["Lilis Hasan Alting"]["job_title"] == "Kepala Biro Umum"


def test_a_job_title_with_commas_before_the_name():
    ex = extract_text("""Sosialisasi Kerja Sama Daerah

Semarang – Sosialisasi digelar di Hotel Gumaya, Selasa (4/3/2025). Kepala Badan Perencanaan \
Pembangunan, Riset dan Inovasi Daerah Kabupaten Demak, Ir. Sri Endah Wahyuni, M.T., memaparkan \
usulan.
""")
    person = _people(ex)["Sri Endah Wahyuni"]
    assert person["office"] == "kepala-badan"
    assert person["job_title"].startswith("Kepala Badan Perencanaan Pembangunan, Riset")


def test_a_rank_after_an_office_stays_a_prefix_and_a_retired_rank_is_kept():
    ex = extract_text("""Konferensi Pers Polres

Klaten – Kapolres Klaten AKBP Dimas Aryo Pratama, S.I.K., menggelar konferensi pers, Senin \
(3/3/2025). Ia hadir bersama Gubernur Jawa Tengah, Komjen Pol (Purn) Haryo Santoso Budi.
""")
    people = _people(ex)
    assert people["Dimas Aryo Pratama"]["honorific_prefixes"] == ["AKBP"]
    assert people["Haryo Santoso Budi"]["honorific_prefixes"] == ["Komjen Pol (Purn)"]


def test_religious_titles_in_capitals_and_daeng_inside_a_name():
    ex = extract_text("""Pengajian Akbar

Selong – Pengajian akbar digelar di Masjid Agung Selong, Jumat (7/3/2025). Doa dipimpin oleh \
TGH. Lalu Muhammad Sabri. Sekretaris Daerah, Dr. Andi Muh. Idris Dg. Situju, M.Si., hadir.
""")
    people = _people(ex)
    assert people["Lalu Muhammad Sabri"]["honorific_prefixes"] == ["TGH."]
    assert "Andi Muh. Idris Dg. Situju" in people


# -- quotes ------------------------------------------------------------------------------------
def test_an_unnamed_office_holder_as_subject_gives_a_quote_no_speaker():
    ex = extract_text("""Seskab Lantik Pejabat

Jakarta – Sekretaris Kabinet melantik tiga pejabat, Rabu (5/3/2025). Pelantikan disaksikan \
Dra. Wiwin Kartika Sari, M.Si.

Dalam sambutannya, Sekretaris Kabinet meminta pejabat baru segera bekerja.

"Dukungan kepada Presiden harus cepat dan tepat," pesannya.
""")
    assert _speakers(ex) == [None]


def test_an_office_after_a_quote_does_not_reach_into_the_next_paragraph():
    ex = extract_text("""Rakor Hari Jadi

Kajen – Sekda Kabupaten Pekalongan, Dr. Hendra Wijaya Putra, M.Si., memimpin rapat, Rabu \
(5/3/2025).

"Peringatan hari jadi harus melibatkan seluruh kecamatan," pesan Sekda

Kepala Dinas Pariwisata, Ratna Dewi Kusuma, S.H., melaporkan rute kirab budaya.
""")
    assert _speakers(ex) == ["Hendra Wijaya Putra"]


def test_a_quoted_title_is_not_a_quote():
    ex = extract_text("""Sharing Session Naskah Pidato

Jakarta – Setkab menggelar sharing session bertema "Menulis Naskah Pidato yang Membumi" di \
Jakarta, Senin (3/3/2025).
""")
    assert ex.record.get("quotes", []) == []


# -- credits and layout ------------------------------------------------------------------------
def test_a_caption_photographer_beside_a_credit_line_and_a_camera_emoji():
    ex = extract_text("""<h1 class="entry-title">Bupati Resmikan Puskesmas</h1>
<p>BOYOLALI &#8211; Bupati meresmikan Puskesmas Musuk, Rabu (5/3/2025).</p>
<figure><figcaption>Bupati menggunting pita. (Foto: Galih Pratama Putra)</figcaption></figure>
<p>Penulis: Wahyu Setyaningsih | Editor: Kristanto</p>""", html=True)
    credits = ex.record["credits"]
    names = {p["id"]: p["name"] for p in ex.record["people"]}
    assert [names[i] for i in credits["photographers"]] == ["Galih Pratama Putra"]
    assert [names[i] for i in credits["authors"]] == ["Wahyu Setyaningsih"]
    ig = extract_text("""prokopim.kab
APEL PELEPASAN KONTINGEN

Mojokerto – Bupati melepas kontingen, Jumat (7/3/2025).

📸 Dimas - Prokopim
#Mojokerto""")
    assert "photographers" in ig.record["credits"] and "authors" not in ig.record["credits"]


def test_a_post_meta_line_with_time_byline_and_counter():
    ex = extract_text("""<h1 class="entry-title">Musrenbang Kecamatan Tanjung Raja</h1>
<div class="entry-meta">Senin, 3 Maret 2025 - 13:45 WIB oleh humas 212 kali dilihat</div>
<p>TANJUNG RAJA &#8211; Musrenbang digelar di Aula Kantor Camat, Senin (3/3/2025).</p>
<p class="meta">Kamis, 13 Februari 2025 · Penulis: Yogi Pratama Saputra</p>""", html=True)
    assert ex.record["date_published"] == "2025-03-03T13:45:00+07:00"
    assert ex.record["dateline"] == "Tanjung Raja"


def test_a_press_release_header_with_its_number():
    ex = extract_text("""SIARAN PERS
Nomor: HM.01/112/KOMDIGI/03/2025
Selasa, 4 Maret 2025

Komdigi Perluas Akses Internet Sekolah

Jakarta, Komdigi – Komdigi meluncurkan program internet sekolah di Jakarta, Selasa (4/3/2025).
""")
    assert ex.record["headline"] == "Komdigi Perluas Akses Internet Sekolah"
    assert ex.record["date_published"] == "2025-03-04"
    assert ex.record["dateline"] == "Jakarta"
    assert ex.record["event"]["event_type"] == "peresmian"


# -- events ------------------------------------------------------------------------------------
def test_a_named_place_in_the_lead_is_the_venue():
    ex = extract_text("""Sumsel Expo 2025

Palembang – Pemprov Sumatera Selatan menggelar Sumsel Expo di Atrium Palembang Square Mall, \
11–14 Juli 2025.
""")
    assert ex.record["event"]["venue"] == "Atrium Palembang Square Mall"
    assert ex.record["event"]["event_type"] == "pameran"
    visit = extract_text("""Kunjungan Kerja ke Command Center

Pontianak – Diskominfo Sambas melakukan kunjungan kerja ke Pontianak Smart City Command \
Center, Rabu (5/3/2025).
""")
    assert visit.record["event"]["venue"] == "Pontianak Smart City Command Center"


def test_no_venue_from_a_quote_a_province_or_an_occasion_prepared_for():
    ex = extract_text("""Temu Media Festival Danau Toba

Jakarta – Pemprov Sumatera Utara menggelar temu media di Anjungan Sumatera Utara Taman Mini \
Indonesia Indah, Jakarta, Jumat (7/3/2025).

"Kami juga membuka pusat informasi di bandara," kata Kepala Dinas Pariwisata, Rina Siregar.
""")
    assert ex.record["event"]["venue"] == "Anjungan Sumatera Utara Taman Mini Indonesia Indah, " \
        "Jakarta"
    mpp = extract_text("""Seskab Tinjau MPP

Sekretaris Kabinet melakukan kunjungan kerja ke Mal Pelayanan Publik (MPP) Kabupaten Bantul, \
Daerah Istimewa Yogyakarta, Selasa (4/3/2025).
""")
    # the venue convention, rule 3: a province written right after the place is part of it
    assert mpp.record["event"]["venue"] == ("Mal Pelayanan Publik (MPP) Kabupaten Bantul, "
                                            "Daerah Istimewa Yogyakarta")
    later = extract_text("""Wamen Tinjau Jaringan

Mataram – Wakil Menteri meninjau jaringan menjelang balapan di Sirkuit Mandalika, Jumat \
(7/3/2025). Wamen diterima Gubernur di Pendopo Gubernur NTB, Mataram.
""")
    assert later.record["event"]["venue"] == "Pendopo Gubernur NTB, Mataram"


def test_a_notice_place_line_and_a_street_alone():
    ex = extract_text("""dinas.pertanian
VAKSINASI HEWAN GRATIS

Maumere – Dinas Pertanian menggelar vaksinasi rabies gratis 10–11 Maret 2025.

📍 Lokasi: kantor desa masing-masing
""")
    assert ex.record["event"]["venue"] == "kantor desa masing-masing"
    notice = extract_text("""dishub.kota
REKAYASA LALU LINTAS

Solo – Dinas Perhubungan memberlakukan rekayasa lalu lintas di Jalan Slamet Riyadi pada \
Minggu (9/3/2025) pukul 05.00–10.00 WIB.
""")
    assert "event" not in notice.record


def test_event_words_of_the_schemes_kinds_and_an_event_held_on_a_named_day():
    ex = extract_text("""Badan Penghubung Promosikan Produk UMKM

Jakarta – Sebanyak 30 pelaku usaha memamerkan produk dalam Gelar Produk Daerah di Anjungan \
Sulawesi Tengah, 12–14 Juli 2025.
""")
    assert ex.record["event"]["event_type"] == "pameran"
    assert ex.record["event"]["end_date"] == "2025-07-14"
    award = extract_text("""Setkab Raih Predikat Informatif

Sekretariat Kabinet meraih predikat Informatif dalam anugerah yang diselenggarakan Komisi \
Informasi Pusat di Jakarta, Rabu (11/12/2024).
""")
    assert award.record["event"]["start_date"] == "2024-12-11"
    kind = extract_text("""Wabup Serahkan SK dalam Upacara Pelantikan

Selong – Wakil Bupati menyerahkan SK PPPK, Senin (3/3/2025).
""")
    assert kind.record["event"]["event_type"] == "upacara"


def test_a_range_over_the_new_year_starts_in_the_year_before():
    ex = extract_text("""Posko Natal dan Tahun Baru

Mamuju – Pemprov menggelar Operasi Lilin di Pos Pelayanan Terpadu, 24 Desember sampai \
2 Januari 2025.
""")
    assert ex.record["event"]["start_date"] == "2024-12-24"
    assert ex.record["event"]["end_date"] == "2025-01-02"


def test_a_range_of_weekdays_without_years_takes_the_year_known():
    ex = extract_text("""Perekaman KTP-el di Sekolah
• HUMAS • 2 Aug 2024 • 51 Views

Lubuk Pakam – Disdukcapil menggelar perekaman KTP elektronik di SMA Negeri 2 Lubuk Pakam, \
mulai Senin (5/8) hingga Rabu (7/8).
""")
    assert ex.record["event"]["start_date"] == "2024-08-05"
    assert ex.record["event"]["end_date"] == "2024-08-07"
    assert ex.record["event"]["venue"] == "SMA Negeri 2 Lubuk Pakam"


def test_a_place_in_front_of_a_building_and_a_school_by_its_short_name():
    ex = extract_text("""Pawai Taaruf MTQ

Kualasimpang – Penjabat Bupati melepas pawai taaruf di depan Gedung Serbaguna Kualasimpang, \
Sabtu (14/9/2024).
""")
    assert ex.record["event"]["venue"] == "Gedung Serbaguna Kualasimpang"
    school = extract_text("""Makan Bergizi Gratis Dimulai

Madiun – Wali Kota meninjau pembagian makanan bergizi di SD Negeri 03 Nambangan, Senin \
(6/1/2025).
""")
    assert school.record["event"]["venue"] == "SD Negeri 03 Nambangan"


def test_a_fire_in_a_village_is_no_event():
    ex = extract_text("""KEBAKARAN LAHAN BERHASIL DIPADAMKAN

INDRALAYA – Kebakaran lahan gambut di Desa Pulau Kabal, Kecamatan Indralaya Utara, berhasil \
dipadamkan, Minggu (8/9/2024).
""")
    assert "event" not in ex.record


def test_a_title_with_a_comma_before_an_acronym_and_a_list_of_organisations():
    ex = extract_text("""Pelatihan Pengemasan Produk

Kayuagung – Pelatihan digelar di Gedung Kesenian Kayuagung, Rabu (14/8/2024). Kabid Industri \
Dinas Koperasi, UKM dan Perindustrian OKI, Hj. Rosmala Dewi Putri, S.E., membuka pelatihan. Rapat \
dihadiri Kepala Perwakilan Bank Indonesia Provinsi Sumatera Selatan, Badan Pusat Statistik, \
Perum Bulog serta kepala perangkat daerah.
""")
    people = {p["name"]: p for p in ex.record["people"]}
    assert people["Rosmala Dewi Putri"]["office"] == "kepala-bidang"
    assert set(people) == {"Rosmala Dewi Putri"}


def test_a_commission_of_the_national_parliament_is_not_a_dprd_office():
    ex = extract_text("""Komisi IV DPR RI Kunjungi Petambak

Labuhan Maringgai – Komisi IV DPR RI melakukan kunjungan kerja, Kamis (24/10/2024). Rombongan \
dipimpin Wakil Ketua Komisi IV DPR RI, Ir. Hj. Anggia Ermarini Siregar, dan Ketua Komisi II \
DPRD Lampung Timur, Rusdi Hartono Saputra.
""")
    people = {p["name"]: p for p in ex.record["people"]}
    assert "office" not in people["Anggia Ermarini Siregar"]
    assert people["Rusdi Hartono Saputra"]["office"] == "anggota-dprd"


def test_a_capitalised_word_inside_a_quote_needs_a_title_to_be_a_person():
    ex = extract_text("""Wali Kota Tinjau Pasar

Padang – Wali Kota Padang, Hendri Septa Wijaya, meninjau Pasar Raya, Senin (3/3/2025).

"Harga cabai harus kita jaga sampai Lebaran," katanya.
""")
    assert set(_people(ex)) == {"Hendri Septa Wijaya"}
    assert _speakers(ex) == ["Hendri Septa Wijaya"]


def test_a_speaker_called_by_a_nickname_and_a_speaker_named_by_a_full_office():
    ex = extract_text("""Festival Kuliner Dibuka

Padang – Kepala Dinas Pariwisata Kota Padang, Yudi Hartono Putra, membuka festival kuliner, \
Senin (3/3/2025).

"Festival ini untuk semua warga," ujar pria yang akrab disapa Bang Yudi itu.
""")
    assert _speakers(ex) == ["Yudi Hartono Putra"]
    two = extract_text("""Rapat Posyandu

Padang – Rapat digelar di Balai Kota Padang, Senin (3/3/2025). Kepala Dinas Kesehatan, dr. \
Srikurnia Yati Putri, hadir bersama Kepala Dinas Sosial, Heriza Syafani Putra.

"Posyandu harus buka setiap bulan tanpa alasan," kata Kepala Dinas Kesehatan.
""")
    assert _speakers(two) == ["Srikurnia Yati Putri"]


def test_a_credit_line_under_the_title_of_a_short_release():
    ex = extract_text("""Bupati: Jangan Ada Pungli di Sekolah
Jumat, 12 Juli 2024 08:30 WIB
Penulis: Ahmad Fikri Ramadhan | Editor: Siti Khodijah

Kuningan – Bupati Kuningan mengingatkan kepala sekolah agar tidak memungut biaya, Kamis \
(11/7/2024).
""")
    names = {p["id"]: p["name"] for p in ex.record["people"]}
    assert [names[i] for i in ex.record["credits"]["authors"]] == ["Ahmad Fikri Ramadhan"]
    assert [names[i] for i in ex.record["credits"]["editors"]] == ["Siti Khodijah"]


def test_a_unit_acronym_with_a_digit_and_a_room_named_after_a_meeting():
    ex = extract_text("""Sosialisasi Cegah Perkawinan Anak

KOTA BENGKULU, (MC Bengkulu) - Sosialisasi digelar di Hotel Mercure Bengkulu, Selasa \
(4/2/2025). Kepala DP3APPKB Provinsi Bengkulu, Eri Yulian Hidayat, S.Sos., menyebut angka \
dispensasi kawin masih tinggi.

"Anak yang menikah terlalu muda berisiko putus sekolah," ujarnya.
""")
    person = {p["name"]: p for p in ex.record["people"]}["Eri Yulian Hidayat"]
    assert person["office"] == "kepala-dinas"
    assert _speakers(ex) == ["Eri Yulian Hidayat"]
    room = extract_text("""Bupati Terima Tim Verifikasi KONI

Sumbawa Besar – Bupati Sumbawa menerima tim verifikasi KONI NTB di Ruang Rapat Bupati \
Sumbawa, Rabu (5/2/2025).
""")
    assert room.record["event"]["event_type"] == "pertemuan"


def test_a_course_lasting_months_a_parade_start_and_more_event_words():
    ex = extract_text("""Sekda Buka Pelatihan Kepemimpinan Pengawas

Palangka Raya – Sekda membuka Pelatihan Kepemimpinan Pengawas di Aula BPSDM Provinsi Kalimantan \
Tengah, Senin (3/3/2025). Pelatihan berlangsung hingga 30 April 2025.
""")
    assert ex.record["event"]["end_date"] == "2025-04-30"
    walk = extract_text("""Jalan Sehat HUT Korpri

Bima – Ratusan ASN mengikuti jalan sehat yang dimulai dari Lapangan Serasuba, Kota Bima, Jumat \
(29/11/2024).
""")
    assert walk.record["event"]["venue"] == "Lapangan Serasuba, Kota Bima"
    rice = extract_text("""Bupati Tanam Padi Perdana

Merauke – Bupati Merauke melakukan tanam padi perdana di lahan cetak sawah baru, Kamis \
(13/2/2025). Ia diterima di ruang kerjanya.
""")
    assert rice.record["event"]["event_type"] == "lainnya"
    assert rice.record["event"]["start_date"] == "2025-02-13"
    assert "venue" not in rice.record["event"]


def test_what_is_held_at_the_place_is_the_event_not_what_the_title_names():
    ex = extract_text("""Karo Humas Perkenalkan Festival Danau Poso di Jakarta

Jakarta – Pemprov Sulawesi Tengah memperkenalkan Festival Danau Poso kepada biro perjalanan \
dalam temu media di Anjungan Sulawesi Tengah Taman Mini Indonesia Indah, Jakarta, Jumat \
(7/3/2025).
""")
    assert ex.record["event"]["event_type"] == "pertemuan"


def test_a_national_agencys_head_has_no_regional_office_and_haji_spelled_out():
    ex = extract_text("""Rakor Inflasi Daerah

Samarinda – Rakor digelar di Ruang Ruhui Rahayu, Selasa (7/1/2025). Kepala Badan Pusat \
Statistik Provinsi Kalimantan Timur, Yusniar Juliana Simanjuntak, memaparkan inflasi. Doa \
dipimpin Kiai Haji Muhammad Sholeh. Peserta menginap di Asrama Haji Transit Samarinda.
""")
    people = {p["name"]: p for p in ex.record["people"]}
    assert "office" not in people["Yusniar Juliana Simanjuntak"]
    assert people["Muhammad Sholeh"]["honorific_prefixes"] == ["Kiai", "H."]
    assert not any("Transit" in n for n in people)


def test_a_release_pasted_as_one_line():
    line = ("PEMKAB RESMIKAN MENARA TELEKOMUNIKASI DI DESA PESISIR Tanjungbalai - Bupati "
            "meresmikan menara telekomunikasi di Desa Sei Apung, Rabu (10/4/2024). "
            + "Warga kini bisa menelepon tanpa naik perahu ke muara. " * 6)
    ex = extract_text(line)
    assert ex.record["headline"] == "PEMKAB RESMIKAN MENARA TELEKOMUNIKASI DI DESA PESISIR"
    assert ex.record["dateline"] == "Tanjungbalai"
