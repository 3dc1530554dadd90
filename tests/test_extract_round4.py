"""Extraction, fourth round of issue 12: word-by-word evidence for person names.

A phrase read where a name was expected is classed word by word with the shipped language
resources (word list, Kemendagri regions, office and organisation vocabularies); what belongs to
an office, an organisation or a place is cut from the front of a name, and a phrase made only of
such words is no person (it goes to the warnings, with its span and confidence "guess").

Every release below is invented for these tests in the style of the evaluation corpora; none is a
copy of a corpus text.
"""

from __future__ import annotations

import json

from infopublik_ld.records.evidence import not_a_name, trim_to_name, word_class
from infopublik_ld.records.extract import extract_text
from infopublik_ld.records.names import parse_name

from .extractkit import people_of as _people
from .extractkit import speakers_of as _speakers


# -- the word classes ----------------------------------------------------------------------------
def test_word_classes_come_from_the_shipped_resources():
    assert word_class("Korpri") == "org"  # organisation vocabulary
    assert word_class("Polres") == "org"
    assert word_class("Kalteng") == "place"  # region short form
    assert word_class("Sleman") == "place"  # Kemendagri kabupaten
    assert word_class("Mensos") == "office"  # minister's short form
    assert word_class("Pembangunan") == "ordinary"  # word list, affix stripped
    assert word_class("Kristen") == "ordinary"
    assert word_class("Ni") == "particle"
    assert word_class("Wiraguna") == "name"


def test_trim_counts_the_words_before_the_name():
    assert trim_to_name("Agama Hendra Wibisono Lubis") == 1  # ordinary, then three name words
    assert trim_to_name("Intan Purnama Sari") == 0  # a given name may be an ordinary word
    assert trim_to_name("Setdakab Sleman Raden Bagus Prakoso") == 2
    assert trim_to_name("Tabanan Ni Luh Made Sriani") == 1
    assert trim_to_name("Wiraguna Sinaga") == 0


def test_a_phrase_of_offices_organisations_and_places_is_no_name():
    assert not_a_name("Mensos") == "office"
    assert not_a_name("Reskrim Polres Sleman") == "organization"
    assert not_a_name("Hendra Wibisono") is None
    assert not_a_name("Bunga Melati") is None  # ordinary words only: the older rules decide


# -- names in releases ---------------------------------------------------------------------------
def test_the_end_of_an_organisation_before_a_name_is_not_part_of_it():
    ex = extract_text("""Sosialisasi Arsip Digital

Palangka Raya – Sosialisasi arsip digital digelar di Aula Setda Provinsi Kalimantan Tengah, \
Selasa (4/2/2025).

Kabag Umum Setdaprov Kalteng Yohanes Dedi Purnomo Hutabarat, S.Kom., M.M. menyampaikan bahwa \
seluruh arsip akan dipindai tahun ini.

"Arsip yang rapi memudahkan layanan," kata Yohanes.
""")
    people = _people(ex)
    assert set(people) == {"Yohanes Dedi Purnomo Hutabarat"}  # six words after the office
    assert people["Yohanes Dedi Purnomo Hutabarat"]["honorific_suffixes"] == ["S.Kom", "M.M."]
    assert _speakers(ex) == ["Yohanes Dedi Purnomo Hutabarat"]


def test_a_place_before_a_balinese_name_belongs_to_the_office():
    ex = extract_text("""Camat Salurkan Bibit Kelapa

Tabanan – Camat Kerambitan I Gede Ketut Sumerta menyalurkan 800 bibit kelapa kepada petani, \
Rabu (5/2/2025).
""")
    assert set(_people(ex)) == {"I Gede Ketut Sumerta"}
    assert _people(ex)["I Gede Ketut Sumerta"]["office"] == "camat"


def test_an_organisation_acronym_before_a_name_is_cut_off():
    ex = extract_text("""Upacara Hari Jadi

Wonosari – Upacara hari jadi digelar di alun-alun, Senin (3/3/2025). Pembaca Panca Prasetya \
Korpri Sri Rejeki Handayani, S.Pd.; pembaca doa Ahmad Mustofa, S.Ag.
""")
    people = _people(ex)
    assert "Sri Rejeki Handayani" in people
    assert not any(name.startswith("Korpri") for name in people)


def test_a_branch_and_its_place_before_a_name_are_cut_off():
    ex = extract_text("""Kerja Sama Jaminan Sosial

Pinrang – Kerja sama ditandatangani Kamis (6/3/2025) oleh Bupati Pinrang dan Kepala BPJS \
Kesehatan Cabang Pinrang Andi Muhammad Yusran Baso, S.E., M.M. di kantor bupati.
""")
    assert "Andi Muhammad Yusran Baso" in _people(ex)
    assert not any("Cabang" in name or "Kesehatan" in name for name in _people(ex))


def test_a_unit_and_its_organisation_after_a_rank_office_is_no_person():
    ex = extract_text("""Apel Siaga Banjir

Sleman – Apel siaga banjir digelar Jumat (7/3/2025). Komandan apel Iptu Dodi Saputra, Kasat \
Reskrim Polres Sleman. Apel dihadiri unsur Forkopimda.
""")
    assert set(_people(ex)) == {"Dodi Saputra"}


def test_an_office_title_running_into_a_ministry_is_no_person():
    ex = extract_text("""Pembinaan Penyuluh

Jakarta – Pembinaan penyuluh agama digelar Senin (3/3/2025).

Direktur Jenderal Bimbingan Masyarakat Kristen Kementerian Agama Yosua Hendrik Manuputty \
memaparkan program penyuluhan tahun ini.
""")
    assert set(_people(ex)) == {"Yosua Hendrik Manuputty"}


def test_a_ministers_short_form_is_an_office_and_names_the_minister():
    ex = extract_text("""Mensos Tinjau Dapur Umum

Cianjur – Menteri Sosial Dr. Ratna Kusuma Dewi, M.Si. meninjau dapur umum pengungsi, Selasa \
(4/3/2025).

"Kebutuhan makan pengungsi harus terjamin tiga kali sehari," tegas Mensos.
""")
    assert set(_people(ex)) == {"Ratna Kusuma Dewi"}
    assert _speakers(ex) == ["Ratna Kusuma Dewi"]


def test_a_gelar_adat_after_the_name_is_an_honorific():
    parsed = parse_name("Hendri Yusman Datuak Bandaro Kayo, S.Sos.")
    assert parsed.name == "Hendri Yusman"
    assert parsed.suffixes == ["Datuak Bandaro Kayo", "S.Sos"]


def test_a_balinese_title_particle_stays_in_the_name():
    ex = extract_text("""Pasar Seni Dibuka

Ubud – Camat Ubud Tjokorda Gede Raka Suardana membuka pasar seni, Sabtu (8/3/2025).
""")
    assert set(_people(ex)) == {"Tjokorda Gede Raka Suardana"}


def test_a_name_inside_a_building_name_is_no_person():
    ex = extract_text("""Seminar Literasi

Jakarta – Seminar literasi digelar di Auditorium H. Soedarmo Gedung Perpustakaan, Kamis \
(6/3/2025).
""")
    assert "Soedarmo" not in _people(ex)


def test_a_rejected_candidate_is_a_guess_with_its_span_in_the_json():
    text = """Jalur Mudik Dijaga

Sleman – Pos pengamanan jalur mudik dibuka Jumat (7/3/2025).

"Semua petugas siaga dua puluh empat jam," ujar Satpol Sleman.
"""
    ex = extract_text(text)
    assert "people" not in ex.record or not ex.record["people"]
    out = json.loads(json.dumps(ex.to_json()))
    guess = [w for w in out["warnings"] if w["code"] == "not-a-person-organization"][0]
    assert guess["confidence"] == "guess"
    assert out["text"][guess["start"]:guess["end"]] == "Satpol Sleman"
    assert guess["rule"] == "attribution-verb"
    assert guess["field"] == "/people"
    # other warnings keep their form (no span keys)
    assert all("start" not in w for w in out["warnings"] if not w["code"].startswith("not-a-"))


def test_a_speaker_named_after_an_office_and_its_organisation_after_the_quote():
    ex = extract_text("""Forum Layanan Publik

Bantul – Forum konsultasi publik digelar Rabu (5/3/2025).

"Kami minta loket di lantai bawah. Semoga ini diperhatikan," kata Ketua Himpunan Wanita \
Disabilitas Indonesia Kabupaten Bantul Sri Lestari Wulandari.

Peserta lain mengusulkan layanan daring.
""")
    assert set(_people(ex)) == {"Sri Lestari Wulandari"}
    assert _speakers(ex) == ["Sri Lestari Wulandari"]
    assert any(w.code == "not-a-person-organization" for w in ex.warnings)


def test_a_venue_named_after_someone_keeps_the_initials_and_titles():
    ex = extract_text("""Apel Kesiapsiagaan Bencana

Magetan – Apel kesiapsiagaan bencana digelar di Lapangan H. Muhammad Yusuf, Senin (3/3/2025).
""")
    assert ex.record["event"]["venue"] == "Lapangan H. Muhammad Yusuf"
    ex = extract_text("""Donor Darah Massal

Madiun – Donor darah massal digelar di RSUD dr. Soeroto Madiun, Selasa (4/3/2025).
""")
    assert ex.record["event"]["venue"] == "RSUD dr. Soeroto Madiun"
    assert "Soeroto Madiun" not in _people(ex)


def test_a_rank_with_tni_and_a_representation_after_mewakili():
    ex = extract_text("""Penandatanganan Kerja Sama Arsip

Jakarta – Nota kesepahaman ditandatangani Selasa (4/3/2025) oleh Deputi Bidang Administrasi \
Dr. Lukman Hakim Siregar, S.IP., yang mewakili Kepala Staf Kepresidenan Letjen TNI Bagus \
Wirawan Santosa, dan Kepala Perpustakaan Nasional Dr. Ratih Anggraini, M.Hum.
""")
    people = _people(ex)
    assert people["Bagus Wirawan Santosa"]["honorific_prefixes"] == ["Letjen TNI"]
    names = {p["id"]: p["name"] for p in ex.record["people"]}
    assert [(names[r["represented"]], names[r["representative"]])
            for r in ex.record["representations"]] == [("Bagus Wirawan Santosa",
                                                        "Lukman Hakim Siregar")]


def test_more_master_degrees_and_a_dotted_kiai_haji_after_other_titles():
    ex = extract_text("""Upacara Hari Amal Bakti

Pringsewu – Upacara Hari Amal Bakti digelar Jumat (3/1/2025). Asisten I Setdakab Pringsewu, \
Drs. Joko Santoso, M.M., membacakan amanat Menteri Agama, Prof. Dr. K.H. Nasaruddin Hamzah, M.A.

Narasumber Dedi Kurniawan, S.E., Ak., M.Ak., Rina Puspitasari, S.P., M.P., Yohana Lestari, \
S.Pd., M.Ed., dan Pdt. Markus Simanjuntak, S.Th., M.Th. memaparkan materi.
""")
    people = _people(ex)
    assert people["Nasaruddin Hamzah"]["honorific_prefixes"] == ["Prof.", "Dr.", "K.H."]
    assert people["Nasaruddin Hamzah"]["office"] == "menteri"
    assert people["Dedi Kurniawan"]["honorific_suffixes"] == ["S.E.", "Ak.", "M.Ak."]
    assert people["Rina Puspitasari"]["honorific_suffixes"] == ["S.P.", "M.P."]
    assert people["Yohana Lestari"]["honorific_suffixes"] == ["S.Pd", "M.Ed."]
    assert people["Markus Simanjuntak"]["honorific_suffixes"] == ["S.Th.", "M.Th."]


def test_a_short_form_made_of_the_title_words_names_its_holder():
    ex = extract_text("""Rapat Koordinasi Arsip Kabinet

Jakarta – Rapat koordinasi digelar Kamis (6/3/2025). Rapat dipimpin Wakil Sekretaris Kabinet \
Dr. Yudistira Pranata Wijaya, S.IP.

"Setiap keputusan harus tercatat dan bisa ditelusuri kembali oleh siapa pun," ujar Waseskab.
""")
    assert _speakers(ex) == ["Yudistira Pranata Wijaya"]


def test_an_office_with_its_organisation_after_a_comma_describes_the_subject():
    ex = extract_text("""Sosialisasi Standar Layanan

Padang – Sosialisasi standar layanan digelar Rabu (5/3/2025).

Narasumber dari Ombudsman, Kepala Keasistenan Pencegahan dan Pemeriksaan Ombudsman Sumbar Rudi \
Hartono Syafii, S.E., Ak., memaparkan standar layanan.

"Pengaduan warga wajib dijawab dalam empat belas hari," ujarnya.
""")
    people = _people(ex)
    assert set(people) == {"Rudi Hartono Syafii"}  # "Ombudsman" after "dari" is no person
    assert people["Rudi Hartono Syafii"]["job_title"] == (
        "Kepala Keasistenan Pencegahan dan Pemeriksaan Ombudsman Sumbar")
    assert _speakers(ex) == ["Rudi Hartono Syafii"]
    span = [s for s in ex.provenance if s.field == "/people/0/job_title"][0]
    assert ex.text[span.start:span.end] == people["Rudi Hartono Syafii"]["job_title"]


def test_an_acronym_in_capitals_ends_an_organisation_before_a_name():
    assert word_class("ANRI") == "org"
    assert word_class("IV") != "org"  # a unit's number
    ex = extract_text("""Penyuluhan Bahaya Narkoba

Kendari – Penyuluhan bahaya narkoba digelar Senin (3/3/2025). Narasumber dari Badan Narkotika \
Nasional (BNN), Direktur Pencegahan dan Pemberdayaan BNN Hendro Kusumo Adinegoro, S.Sos., \
memaparkan modus peredaran terbaru.

"Sekolah harus menjadi benteng pertama melawan narkoba," ujarnya.
""")
    people = _people(ex)
    assert set(people) == {"Hendro Kusumo Adinegoro"}
    assert people["Hendro Kusumo Adinegoro"]["office"] == "direktur"
    assert _speakers(ex) == ["Hendro Kusumo Adinegoro"]


# -- quote speakers ------------------------------------------------------------------------------
def test_the_doer_of_a_passive_sentence_then_a_pronoun_speaks_the_quote_after():
    ex = extract_text("""Peringatan Isra Mikraj

Bulukumba – Pemerintah Kabupaten Bulukumba menggelar peringatan Isra Mikraj di Masjid Islamic \
Center, Senin (27/1/2025).

"Salat adalah tiang agama. Jangan tinggalkan walau sedang sibuk," tutur Bupati Bulukumba, \
H. Andi Rahman Pawelloi, M.Si.

Tausiah dibawakan oleh Ustaz Dr. Abdul Karim Mappaselle, Lc., M.A., dari Bone. Ia mengajak \
jamaah menjaga salat berjamaah.

"Masjid yang makmur adalah tanda kampung yang sehat lahir dan batin," pesannya.
""")
    assert _speakers(ex) == ["Andi Rahman Pawelloi", "Abdul Karim Mappaselle"]


def test_who_accompanies_the_subject_does_not_speak_for_them():
    ex = extract_text("""Wabup Tinjau Posyandu

Limboto – Wakil Bupati Gorontalo, Dr. Hendra Pakaya, M.Si., meninjau posyandu di Desa Hutuo, \
Selasa (4/3/2025).

Didampingi Kepala Dinas Kesehatan, dr. Rina Mohamad, M.Kes., Wabup berdialog dengan kader. Ia \
meminta data balita dicatat langsung di aplikasi.

"Data yang tepat membuat bantuan tepat sasaran bagi setiap keluarga," ujarnya.
""")
    assert _speakers(ex) == ["Hendra Pakaya"]


# -- saved pages ---------------------------------------------------------------------------------
def test_a_theme_post_header_keeps_its_title_and_one_metadata_line():
    from infopublik_ld.records.htmltext import html_to_text

    page = """<div class="td-header-wrap"><div class="td_data_time">Senin, 3 Maret 2025</div></div>
<article class="post type-post category-pemerintahan">
  <div class="td-post-header">
    <ul class="td-category"><li class="entry-category"><a href="/pemerintahan/">Pemerintahan</a>\
</li></ul>
    <header class="td-post-title">
      <h1 class="entry-title">Bupati Lantik 40 Kepala Sekolah Baru</h1>
      <div class="td-module-meta-info"><div class="td-post-author-name">Diterbitkan oleh \
<a href="/author/admin/">Admin Diskominfo</a></div> <span class="td-post-date"><time>4 Maret \
2025</time></span> <div class="td-post-views"><span>211</span></div></div>
    </header>
  </div>
  <div class="td-post-content"><p><strong>MAGETAN</strong> &#8211; Bupati Magetan melantik 40 \
kepala sekolah, Senin (3/3/2025), di Pendapa Surya Graha.</p></div>
</article>"""
    text = html_to_text(page)
    assert text.splitlines()[:2] == ["Bupati Lantik 40 Kepala Sekolah Baru",
                                     "Diterbitkan oleh Admin Diskominfo 4 Maret 2025 211"]
    ex = extract_text(page, html=True)
    assert ex.record["headline"] == "Bupati Lantik 40 Kepala Sekolah Baru"
    assert ex.record["date_published"].startswith("2025-03-04")


def test_a_title_with_a_comma_and_a_colon_is_no_dateline():
    ex = extract_text("""Rapat Evaluasi Kinerja, Sekjen: Target Harus Terukur
Oleh Humas Dipublikasikan pada 12 Februari 2025
Dibaca: 1.204 Kali

Sekretariat Jenderal menggelar rapat evaluasi kinerja, Rabu (12/2/2025), di Jakarta.
""")
    assert ex.record["headline"] == "Rapat Evaluasi Kinerja, Sekjen: Target Harus Terukur"
    assert ex.record["date_published"].startswith("2025-02-12")
    assert "outlet" not in ex.record and "dateline" not in ex.record


def test_a_date_in_a_metadata_line_is_no_outlet():
    ex = extract_text("""Lurah Ajak Warga Kerja Bakti
Kamis, 6 Maret 2025 - 08:30 WITA | Admin Kecamatan | 95 kali dilihat
Singaraja – Lurah Banyuasri mengajak warga kerja bakti membersihkan saluran, Rabu (5/3/2025).
""")
    assert ex.record["date_published"].startswith("2025-03-06T08:30")
    assert ex.record.get("outlet") != "Kamis, 6 Maret 2025 - 08:30 WITA"


def test_a_military_command_with_its_number_and_seat_before_a_rank_and_name():
    ex = extract_text("""Apel Gelar Pasukan

Magelang – Apel gelar pasukan digelar Senin (23/12/2024). Apel dihadiri Dandim 0705/Magelang \
Letkol Inf Dwi Prasetyo Nugroho, unsur Forkopimda serta tokoh agama.
""")
    person = _people(ex)["Dwi Prasetyo Nugroho"]
    assert (person["office"], person["job_title"]) == ("dandim", "Dandim 0705/Magelang")
    assert person["honorific_prefixes"] == ["Letkol Inf"]


# -- credits -------------------------------------------------------------------------------------
def test_credits_marked_with_icons_and_an_office_credited_by_icon():
    text = """Pawai Taaruf Meriah

Sinjai – Ribuan santri mengikuti pawai taaruf, Minggu (6/10/2024).

✍️ Dimas | 📷 Yusuf

#Sinjai #PawaiTaaruf
"""
    ex = extract_text(text)
    names = {p["id"]: p["name"] for p in ex.record["people"]}
    assert [names[i] for i in ex.record["credits"]["authors"]] == ["Dimas"]
    assert [names[i] for i in ex.record["credits"]["photographers"]] == ["Yusuf"]
    span = [s for s in ex.provenance if s.field == "/credits/authors/0"][0]
    assert ex.text[span.start:span.end] == "Dimas"
    ex = extract_text(text.replace("✍️ Dimas | 📷 Yusuf", "📸 Dokpim Sinjai"))
    assert not ex.record.get("people")  # an office's documentation unit, not a person


def test_a_minister_of_home_affairs_is_read_whole_and_a_read_speech_is_a_representation():
    ex = extract_text("""Upacara Hari Otonomi Daerah

Tegal – Sambutan Menteri Dalam Negeri Hendarman Suryadi dibacakan oleh Asisten Administrasi \
Umum Dra. Sri Mulyani, M.M. dalam upacara, Senin (25/4/2025).
""")
    people = _people(ex)
    assert people["Hendarman Suryadi"]["job_title"] == "Menteri Dalam Negeri"
    names = {p["id"]: p["name"] for p in ex.record["people"]}
    assert [(names[r["represented"]], names[r["representative"]])
            for r in ex.record["representations"]] == [("Hendarman Suryadi", "Sri Mulyani")]


def test_speakers_after_the_quote_with_an_office_and_name_or_an_office_alone():
    head = "Rapat Armada Sampah\n\nBlora – Rapat koordinasi digelar Senin (3/3/2025).\n\n"
    quote = '"Kami akan menambah armada angkutan sampah tahun ini juga," '
    for tail in ("ungkap Kepala Dinas Lingkungan Hidup Kabupaten Blora Sugiyono Wibowo.",
                 "jelas Kadis LH Blora, Sugiyono Wibowo, S.T.",
                 "ujar Plt. Kepala Dinas Lingkungan Hidup Sugiyono Wibowo kepada wartawan."):
        assert _speakers(extract_text(head + quote + tail + "\n")) == ["Sugiyono Wibowo"], tail
    # an office the release never names: no speaker, and no person invented
    ex = extract_text(head + quote + "kata Kepala Dinas Lingkungan Hidup.\n")
    assert _speakers(ex) == [None] and not ex.record.get("people")


# -- events --------------------------------------------------------------------------------------
def test_a_warning_is_no_commemoration_and_a_religious_commemoration_is_no_ceremony():
    ex = extract_text("""Wisatawan Dilarang Mendaki Selama Cuaca Buruk

Wonosobo – Pengelola kawasan menutup jalur pendakian menyusul peringatan dini cuaca ekstrem \
dari BMKG. Jalur yang rawan longsor diberi tanda peringatan.
""")
    assert (ex.record.get("event") or {}).get("event_type") != "upacara"
    ex = extract_text("""Peringatan Isra Mikraj di Masjid Agung

Blitar – Pemerintah Kota Blitar menggelar peringatan Isra Mikraj Nabi Muhammad SAW di Masjid \
Agung Kota Blitar, Senin (27/1/2025) malam.
""")
    assert ex.record["event"]["event_type"] == "lainnya"


def test_a_date_the_release_announces_is_not_the_day_of_the_event():
    ex = extract_text("""Pemerintah Tetapkan Awal Ramadan

Jakarta – Pemerintah menetapkan 1 Ramadan 1446 Hijriah jatuh pada Sabtu, 1 Maret 2025. \
Keputusan itu diambil dalam sidang isbat yang digelar di Jakarta, Jumat (28/2/2025).
""")
    assert ex.record["event"]["start_date"] == "2025-02-28"


def test_an_abbreviation_in_a_date_range_does_not_end_the_venues_sentence():
    ex = extract_text("""Rakor Penyusunan Rencana Kerja

Sekretariat Daerah menggelar Rapat Koordinasi Penyusunan Rencana Kerja, 20 s.d. 21 Mei 2025, di \
Hotel Grand Mercure Malang, Jawa Timur. Rakor diikuti 60 peserta.
""")
    assert ex.record["event"]["venue"] == "Hotel Grand Mercure Malang, Jawa Timur"  # rule 3
    assert (ex.record["event"]["start_date"], ex.record["event"]["end_date"]) == (
        "2025-05-20", "2025-05-21")


def test_an_acting_office_spelled_out_is_acting_and_may_represent():
    ex = extract_text("""Festival Budaya Dibuka

Balige – Festival budaya dibuka oleh Pelaksana Tugas Kepala Dinas Pariwisata, Dr. Arman \
Situmorang, M.Si., mewakili Bupati Toba Poltak Sihombing, Kamis (14/8/2025). Penjabat Sekda \
Toba, Drs. Hotma Siregar, turut hadir.
""")
    people = _people(ex)
    arman = people["Arman Situmorang"]
    assert (arman["office"], arman["acting"], arman["job_title"]) == (
        "kepala-dinas", True, "Kepala Dinas Pariwisata")
    assert people["Hotma Siregar"]["acting"] is True
    assert people["Hotma Siregar"]["office"] == "sekda"
    names = {p["id"]: p["name"] for p in ex.record["people"]}
    assert [(names[r["represented"]], names[r["representative"]])
            for r in ex.record["representations"]] == [("Poltak Sihombing", "Arman Situmorang")]


# -- representations -----------------------------------------------------------------------------
def test_atas_nama_an_office_holder_is_a_representation_either_way_round():
    head = "Penyerahan Bantuan Sosial\n\nTegal – "
    for lead in ("Sekda Kabupaten Tegal Dr. Amir Santoso, M.Si., atas nama Bupati Tegal Ischak "
                 "Rohman Hakim menyerahkan bantuan, Senin (3/3/2025).",
                 "Atas nama Bupati Tegal Ischak Rohman Hakim, Sekda Kabupaten Tegal Dr. Amir "
                 "Santoso, M.Si. menyerahkan bantuan, Senin (3/3/2025)."):
        ex = extract_text(head + lead + "\n")
        names = {p["id"]: p["name"] for p in ex.record["people"]}
        assert [(names[r["represented"]], names[r["representative"]])
                for r in ex.record["representations"]] == [("Ischak Rohman Hakim",
                                                            "Amir Santoso")], lead
    # an owner named after "atas nama" is not represented by anyone
    ex = extract_text(head + "Bupati Tegal Ischak Rohman Hakim menyerahkan sertifikat tanah atas "
                      "nama Sutrisno Wibowo kepada ahli waris, Senin (3/3/2025).\n")
    assert not ex.record.get("representations")


def test_a_nurses_title_is_a_prefix_and_an_abbreviation_alone_is_no_person():
    ex = extract_text("""Puskesmas Keliling Layani Warga

Sigi – Mobil puskesmas keliling melayani warga di Desa Kalukubula, Sabtu (8/3/2025). Menurut \
Kepala Puskesmas Biromaru, Ns. Sitti Rahmawati, S.Kep., layanan ini rutin setiap pekan.
""")
    people = _people(ex)
    assert set(people) == {"Sitti Rahmawati"}
    assert people["Sitti Rahmawati"]["honorific_prefixes"] == ["Ns."]


def test_bin_inside_a_name_joins_it():
    ex = extract_text("""Malam Bersholawat di Alun-Alun

Kota Batu – Ribuan jamaah memadati alun-alun, Sabtu (15/3/2025) malam. Wali Kota Batu hadir \
bersama Habib Umar bin Hasan Alattas.
""")
    assert "Umar bin Hasan Alattas" in _people(ex)
    assert _people(ex)["Umar bin Hasan Alattas"]["honorific_prefixes"] == ["Habib"]
