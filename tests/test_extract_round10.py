"""Round 10 of issue 12: where a venue ends (tuned on releases-unseen-8, -7, -6, -5)."""
from infopublik_ld.records.extract import extract_text


def test_a_written_out_address_keeps_its_province():
    ex = extract_text("""Bupati Tinjau Sumur Bor

Wamena – Bupati meninjau sumur bor warga di Kampung Wolo, Distrik Asolokobal, Kabupaten \
Jayawijaya, Papua Pegunungan, Rabu (5/11/2025).
""")
    assert ex.record["event"]["venue"] == ("Kampung Wolo, Distrik Asolokobal, Kabupaten "
                                           "Jayawijaya, Papua Pegunungan")
    hotel = extract_text("""Rapat Koordinasi Perpustakaan

Dinas Perpustakaan menggelar rapat koordinasi di Hotel Sinar Pagi, Kota Cirebon, Jawa Barat, \
Kamis (6/11/2025).
""")
    assert hotel.record["event"]["venue"] == "Hotel Sinar Pagi, Kota Cirebon, Jawa Barat"


def test_a_province_straight_after_a_building_is_part_of_it():
    # the venue convention (docs/extraction.md), rule 3: the whole address chain, province too
    ex = extract_text("""Menteri Tinjau Gudang Beras

Menteri Pertanian meninjau Gudang Bulog Kabupaten Sleman, Daerah Istimewa Yogyakarta, Senin \
(3/11/2025).
""")
    assert ex.record["event"]["venue"] == ("Gudang Bulog Kabupaten Sleman, Daerah Istimewa "
                                           "Yogyakarta")


def test_an_announced_schedule_has_no_venue():
    ex = extract_text("""Jadwal Pengambilan Kartu Tani

Sumbawa Besar, 4 Agustus 2025 – Dinas Pertanian Kabupaten Sumbawa mengumumkan jadwal \
pengambilan kartu tani. Pengambilan dilaksanakan 11 sampai 15 Agustus 2025 di Gedung Wanita \
Sumbawa Besar.
""")
    assert not (ex.record.get("event") or {}).get("venue")


def test_an_announcement_at_a_named_event_keeps_its_venue():
    ex = extract_text("""Bupati Umumkan Harga Gabah

Kolaka – Bupati Kolaka mengumumkan harga gabah dalam konferensi pers di Ruang Rapat Kantor \
Bupati Kolaka, Senin (3/11/2025).
""")
    assert ex.record["event"]["venue"] == "Ruang Rapat Kantor Bupati Kolaka"


def test_a_date_straight_after_the_place_says_something_was_there():
    ex = extract_text("""Dinkes Latih Kader Posyandu

Sorong – Dinas Kesehatan melatih 50 kader posyandu di Aula Puskesmas Remu, 3 s.d. 5 November \
2025.
""")
    assert ex.record["event"]["venue"] == "Aula Puskesmas Remu"


def test_on_whose_behalf_ends_the_place():
    ex = extract_text("""Pasar Sayur Resmi Dibuka

Wakil Bupati Luwu meresmikan Pasar Sayur Belopa atas nama Bupati Luwu, H. Andi Rahman, Senin \
(3/11/2025).
""")
    assert ex.record["event"]["venue"] == "Pasar Sayur Belopa"


def _people(ex) -> set[str]:
    return {p["name"] for p in ex.record.get("people", [])}


def test_a_two_word_village_before_its_heads_name_is_not_part_of_the_name():
    ex = extract_text("""Bupati Tinjau Jalan Desa

Bupati Aceh Selatan meninjau jalan desa, Senin (3/11/2025).

Keuchik Tanjung Harapan Muhammad Yusri meminta jalan itu diaspal sebelum musim hujan.
""")
    assert "Muhammad Yusri" in _people(ex)
    assert not any("Harapan" in n for n in _people(ex))


def test_a_distrik_before_its_heads_name_is_not_part_of_the_name():
    ex = extract_text("""Sosialisasi Dana Kampung

Dinas Pemberdayaan Kampung menggelar sosialisasi dana kampung di Aula Distrik Warumbe, Senin \
(3/11/2025).

Kepala Distrik Warumbe Yakobus Mandacan meminta kepala kampung hadir tepat waktu.
""")
    assert "Yakobus Mandacan" in _people(ex)
    assert not any("Warumbe" in n for n in _people(ex))


def test_a_named_area_is_the_place_when_nothing_else_is_named():
    ex = extract_text("""Festival Layang-Layang Dibuka

Bantul – Bupati Bantul membuka Festival Layang-Layang 2025 di kawasan wisata Pantai Parangkusumo, \
Sabtu (8/11/2025).
""")
    assert ex.record["event"]["venue"] == "kawasan wisata Pantai Parangkusumo"


def test_an_area_in_a_closure_notice_or_only_described_is_no_venue():
    closed = extract_text("""Kawasan Telaga Ditutup Sementara

Pengelola menutup kawasan Telaga Sarangan untuk perbaikan dermaga, Rabu (5/11/2025). \
Pengunjung diminta tidak datang ke kawasan Telaga Sarangan sampai pekan depan.
""")
    assert not (closed.record.get("event") or {}).get("venue")
    described = extract_text("""Festival Budaya Digelar

Dinas Kebudayaan menggelar festival budaya di kawasan cagar budaya, Sabtu (8/11/2025).
""")
    assert not (described.record.get("event") or {}).get("venue", "").startswith("kawasan")
