"""Extraction, second round of issue 12: notices that are no events, the place of a visit, a
venue not introduced by "di", the date of another occasion in the lead, a name between commas
after a description, and phrases that only look like people.

Every release below is invented for these tests in the style of the evaluation corpus (provincial
portals, Instagram captions, all-caps titles); none comes from its holdout.
"""

from __future__ import annotations

from infopublik_ld.records.extract import extract_text


def _people(ex) -> list[str]:
    return [p["name"] for p in ex.record.get("people", [])]


def _rejected(ex) -> list[str]:
    return [w.message_en for w in ex.warnings if w.code.startswith("not-a-person")]


def test_a_service_schedule_is_no_event():
    ex = extract_text("""Jadwal Pelayanan Samsat Selama Libur Natal dan Tahun Baru
• HUMAS PROVINSI • 20 December 2024 • 1,204 View

Mamuju – Pemerintah Provinsi Sulawesi Barat memastikan pelayanan darurat tetap berjalan selama \
cuti bersama Natal dan Tahun Baru, 24 Desember 2024 sampai 2 Januari 2025.

Posko pengaduan Dinas Perhubungan tetap dibuka di Pelabuhan Belang-Belang dan Bandara Tampa \
Padang. Gerai Samsat kembali melayani pada Jumat, 3 Januari 2025.
""")
    assert "event" not in ex.record  # a period and a place, but nothing takes place


def test_a_registration_period_is_no_event():
    ex = extract_text("""Pemkab Donggala Buka Pendaftaran Beasiswa Mahasiswa Berprestasi

Donggala – Pemerintah Kabupaten Donggala membuka pendaftaran beasiswa bagi mahasiswa \
berprestasi asal Donggala. Pendaftaran dibuka 5 sampai 19 Agustus 2024 secara daring.
""")
    assert "event" not in ex.record


def test_a_venue_further_down_needs_something_taking_place_there():
    ex = extract_text("""Pengaturan Lalu Lintas Selama Festival Tepian Mahakam 2024

Samarinda – Pemerintah Kota Samarinda menggelar Festival Tepian Mahakam 2024 pada Sabtu, \
12 Oktober 2024.

Kantong parkir disediakan di Lapangan Kinibalu dan halaman Gedung Olah Bebaya.
""")
    assert "venue" not in ex.record["event"]
    ex = extract_text("""Diskominfo Jambi Luruskan Kabar Gangguan Jaringan

Jambi – Dinas Komunikasi dan Informatika Provinsi Jambi meluruskan kabar gangguan jaringan.

Klarifikasi itu disampaikan dalam jumpa pers di Ruang Pola Kantor Gubernur Jambi, Selasa \
(3/12/2024).
""")
    assert ex.record["event"]["venue"] == "Ruang Pola Kantor Gubernur Jambi"


def test_the_place_visited_not_the_airport_of_arrival():
    ex = extract_text("""MENPAN-RB KUNJUNGI SORONG, TINJAU MAL PELAYANAN PUBLIK

SORONG – Menteri PANRB melakukan kunjungan kerja ke Kota Sorong, Rabu (7/8/2024).

Menteri disambut Penjabat Wali Kota Sorong, Drs. Septinus Lobat, M.Si., di Bandara Domine \
Eduard Osok, kemudian meninjau Mal Pelayanan Publik Kota Sorong.
""")
    assert ex.record["event"]["venue"] == "Mal Pelayanan Publik Kota Sorong"


def test_the_office_a_visit_goes_to_is_its_venue():
    ex = extract_text("""Komisi II DPRD Bengkulu Kunjungi Dinas Kominfo

Bengkulu – Komisi II DPRD Provinsi Bengkulu melakukan kunjungan kerja ke Dinas Komunikasi, \
Informatika dan Statistik Provinsi Bengkulu, Senin (10/3/2025).
""")
    assert ex.record["event"]["venue"] == (
        "Dinas Komunikasi, Informatika dan Statistik Provinsi Bengkulu")


def test_a_school_named_for_its_pupils_is_the_venue():
    ex = extract_text("""Bawaslu Gelar Sosialisasi Pengawasan Partisipatif

PARIGI – Bawaslu Kabupaten Parigi Moutong menggelar sosialisasi pengawasan partisipatif bagi \
250 siswa kelas XII SMK Negeri 2 Parigi, Selasa (17/9/2024).
""")
    assert ex.record["event"]["venue"] == "SMK Negeri 2 Parigi"


def test_an_election_day_in_the_lead_is_not_the_events_date():
    ex = extract_text("""KPU Bantah Kabar Penundaan Pemungutan Suara

Kendari – Komisi Pemilihan Umum Provinsi Sulawesi Tenggara membantah kabar penundaan \
pemungutan suara Pilkada Serentak 27 November 2024 di sejumlah kecamatan.

Bantahan itu disampaikan dalam jumpa pers di Aula KPU Sultra, Kamis (14/11/2024).
""")
    assert ex.record["event"]["start_date"] == "2024-11-14"


def test_a_name_between_commas_after_a_description():
    ex = extract_text("""Pelaku UMKM Belajar Jualan Daring

Tangerang – Dinas Koperasi menggelar pelatihan pemasaran daring di Aula Dinas Koperasi, \
Kamis (5/9/2024). Hadir sebagai narasumber pendiri usaha sambal Pedas Mantap, Rina Kurnia \
Wulandari, yang kini memiliki 20 karyawan.
""")
    assert "Rina Kurnia Wulandari" in _people(ex)
    # one word, or no comma after it: not enough
    ex = extract_text("Judul\n\nPalu – Warga hadir. Hadir pula pemilik warung Sederhana, "
                      "Rahmat membawa makanan.")
    assert "Rahmat" not in _people(ex)


def test_the_kecamatan_after_camat_is_not_part_of_the_name():
    ex = extract_text("""Camat Ajak Warga Bersihkan Saluran

Sigi – Camat Dolo Barat Ansar Lamadjido mengajak warga membersihkan saluran air. Sekretaris \
Camat Kinovaro menyampaikan jadwal kerja bakti. Ketua Panitia Nur Hasanah Lamato \
mengatakan peserta 300 orang.
""")
    names = _people(ex)
    assert "Ansar Lamadjido" in names and "Nur Hasanah Lamato" in names
    assert not any(n.startswith(("Dolo", "Panitia", "Kinovaro")) for n in names)


def test_feasts_and_community_groups_are_not_people():
    ex = extract_text("""Pemdes Gelar Syukuran

Poso – Idul Adha mengingatkan warga untuk berbagi. Posyandu Melati mengatakan balita \
ditimbang. Kelompok Tani Maju Bersama menyampaikan hasil panen. Satgas Pangan mengatakan harga \
stabil. Mama Papua menjelaskan cara membuat noken. Garuda Pancasila mengingatkan kita.
""")
    assert _people(ex) == []
    assert any("Idul Adha" in m for m in _rejected(ex))


def test_landforms_villages_and_lone_words_before_a_verb_are_not_people():
    ex = extract_text("""PJ BUPATI BUKA FESTIVAL DANAU SENTANI

SENTANI – Penjabat Bupati Jayapura membuka festival di Pantai Khalkote, Rabu (19/6/2024). \
Ketua Dewan Adat wilayah Tabi menyampaikan terima kasih. Lembah Grime menyatakan siap. \
Kepala Kampung Ayapo Yohan Ohee Pouw mengatakan warga menyiapkan perahu hias.
""")
    names = _people(ex)
    assert "Yohan Ohee Pouw" in names
    assert not any(n in names for n in ("Tabi", "Lembah Grime", "Ayapo Yohan Ohee Pouw"))
    codes = {w.code for w in ex.warnings}
    assert "not-a-person-unsure" in codes and "not-a-person-place" in codes


def test_kata_sambutan_is_no_quote_attribution_and_hi_stays_in_a_name():
    ex = extract_text("""Wabup Morowali Serahkan Bantuan Bibit

Bungku – Bupati Morowali Taslim Hi. Idrus menyerahkan bantuan bibit kakao, Kamis \
(4/7/2024). Kata Sambutan disampaikan oleh Sekretaris Dinas Pertanian. "Rawat bibit ini," \
kata Taslim.
""")
    assert _people(ex) == ["Taslim Hi. Idrus"]


def test_a_form_of_address_before_a_known_name_is_not_a_new_person():
    ex = extract_text("""Diskominfo Gelar Bimtek Media Sosial

Mamuju – Diskominfo menggelar bimtek di Aula Diskominfo, Selasa (20/8/2024). Kegiatan dibuka \
Kabid IKP Nurul Hidayah. Bunda Nurul mengatakan pelatihan berlanjut. Mas Nurul menambahkan.
""")
    assert _people(ex) == ["Nurul Hidayah"]
