"""Round 12 of issue 12, quotes and the other fields (tuned on releases-unseen-10, -11 and -12
and the errors left on -9 to -5): an attribution inside a quote never closed, an office's short
form for the head of a long job title, gathering verbs, notices, and the frame of the text
(outlet with the writer's initials, a town whose name is also a word, a route in a title, a
post's title under the site's name). Invented text."""
from __future__ import annotations

from functools import partial

from infopublik_ld.records.extract import extract_text

from .extractkit import release
from .extractkit import speakers_of as _speakers

_release = partial(release, place="Ampana")


def _kind(ex) -> str | None:
    return (ex.record.get("event") or {}).get("event_type")


# --- quote speakers ------------------------------------------------------------------------

def test_an_attribution_left_inside_an_unclosed_quote_names_its_speaker():
    ex = extract_text(_release(
        "Pemerintah Kabupaten Tojo Una-Una menggelar upacara peringatan Hari Pahlawan di "
        "Lapangan Pertiwi, Senin (10/11/2025).\n\n"
        "Wakil Bupati Tojo Una-Una, Ir. Darmin Lasampa, M.T., menjadi inspektur upacara "
        "mewakili Bupati Tojo Una-Una, Dr. H. Rusli Mapaliey, S.H., M.H.\n\n"
        "Pembaca teks Pancasila adalah Ketua DPRD, Hj. Nurlina Tandjo, S.E.\n\n"
        "“Pahlawan kita gugur untuk negeri ini. Tugas kita menjaga kampung dengan kerja, "
        "kata Wabup."))
    assert _speakers(ex) == ["Darmin Lasampa"]


def test_an_unclosed_quote_with_no_attribution_inside_keeps_the_reported_speaker():
    # (guard) no ", kata …" at the end of the quote's own text: the subject of the sentence
    # before it still speaks
    ex = extract_text(_release(
        "Bupati Tojo Una-Una, Dr. H. Rusli Mapaliey, S.H., M.H., meninjau Pasar Sentral Ampana, "
        "Selasa (4/11/2025).\n\nRusli mengatakan, “Harga beras masih stabil dan stok cukup "
        "sampai akhir tahun"))
    assert _speakers(ex) == ["Rusli Mapaliey"]


def test_a_short_form_of_the_head_of_a_long_job_title_names_its_holder():
    ex = extract_text(_release(
        "Bupati Tojo Una-Una, Dr. H. Rusli Mapaliey, S.H., M.H., bertemu Asisten Deputi Bidang "
        "Kelautan dan Perikanan, Ir. Widya Kartikasari Lubis, M.P., di Jakarta, Senin "
        "(3/11/2025).\n\nRusli mengatakan, “Rumput laut kami sudah diekspor, tetapi masih "
        "mentah.”\n\n“Usulan gudang pengering akan kami kaji bersama kementerian,” kata "
        "Asdep."))
    assert _speakers(ex) == ["Rusli Mapaliey", "Widya Kartikasari Lubis"]


# --- event kind ------------------------------------------------------------------------------

def test_the_verbs_of_gathering_make_a_pertemuan():
    for verb in ("beraudiensi dengan", "bertemu", "bermusyawarah dengan", "bertatap muka dengan",
                 "mempertemukan"):
        ex = extract_text(_release(
            f"Bupati Tojo Una-Una, Dr. H. Rusli Mapaliey, S.H., M.H., {verb} para nelayan di "
            "Balai Desa Uekuli, Rabu (5/11/2025)."))
        assert _kind(ex) == "pertemuan", verb


def test_a_musyawarah_is_a_pertemuan_but_the_planning_forum_a_rapat():
    ex = extract_text(_release(
        "Warga Desa Malenge menggelar musyawarah adat tentang batas kebun di Rumah Adat "
        "Malenge, Kamis (6/11/2025)."))
    assert _kind(ex) == "pertemuan"
    plan = extract_text(_release(
        "Pemerintah Kecamatan Una-Una menggelar Musyawarah Perencanaan Pembangunan di Aula "
        "Kantor Camat, Kamis (6/11/2025)."))
    assert _kind(plan) == "rapat"


def test_a_festival_is_of_no_listed_kind_and_its_pameran_still_a_pameran():
    ex = extract_text(_release(
        "Bupati membuka Festival Teluk Tomini 2025 di Pantai Marina Ampana, Sabtu (8/11/2025).",
        title="Festival Teluk Tomini 2025 Resmi Dibuka"))
    assert _kind(ex) == "lainnya"
    expo = extract_text(_release(
        "Dinas Koperasi membuka pameran Festival Kopi Tojo 2025 di Lapangan Pertiwi, Sabtu "
        "(8/11/2025)."))
    assert _kind(expo) == "pameran"


def test_a_notice_headline_gives_no_event():
    for title in ("JADWAL VAKSINASI TERNAK GRATIS BULAN DESEMBER",
                  "Pendaftaran Seleksi Paskibraka Tojo Una-Una 2026 Dibuka",
                  "Info Jadwal Kapal Cepat ke Pulau Waleakodi"):
        ex = extract_text(_release(
            "Dinas Pertanian Kabupaten Tojo Una-Una membuka layanan vaksinasi ternak gratis di "
            "Pelabuhan Ampana mulai Senin, 1 Desember 2025.", title=title))
        assert "event" not in ex.record, title


def test_a_schedule_in_the_middle_of_a_headline_keeps_the_event():
    # (guard) "Bahas Jadwal …" after a verb: the meeting is the event
    ex = extract_text(_release(
        "Wakil Bupati memimpin rapat koordinasi jadwal kapal di Aula Kantor Bupati, Senin "
        "(3/11/2025).", title="Wabup Tojo Una-Una Bahas Jadwal Kapal Perintis"))
    assert _kind(ex) == "rapat"


# --- outlet, credits, dateline, title --------------------------------------------------------

def test_an_outlet_in_the_dateline_with_the_writers_initials():
    ex = extract_text(
        "Bupati Tandatangani Nota Kesepahaman dengan Kejaksaan\n\n"
        "Ampana, 3 November 2025 (Prokopim Touna/yh) – Bupati Tojo Una-Una, Dr. H. Rusli "
        "Mapaliey, S.H., M.H., menandatangani nota kesepahaman dengan Kejaksaan Negeri di Aula "
        "Kantor Bupati.\n")
    assert ex.record["outlet"] == "Prokopim Touna"
    names = {p["id"]: p["name"] for p in ex.record["people"]}
    assert [names[i] for i in ex.record["credits"]["authors"]] == ["yh"]


def test_a_town_whose_name_is_also_a_word_is_a_dateline_when_a_date_or_outlet_frames_it():
    ex = extract_text(
        "Bupati Buka Pasar Murah\n\nSeru, InfoPublik – Bupati membuka pasar murah di Lapangan "
        "Merdeka, Senin (3/11/2025).\n")
    assert ex.record.get("dateline") == "Seru"
    assert ex.record.get("outlet") == "InfoPublik"
    dated = extract_text(
        "JADWAL KAPAL PERINTIS\n\nSERU, 3 NOVEMBER 2025 – Dinas Perhubungan menyampaikan jadwal "
        "kapal perintis.\n")
    assert dated.record.get("dateline") == "Seru"
    assert dated.record.get("date_published", "").startswith("2025-11-03")


def test_a_title_of_ordinary_words_before_a_comma_is_still_no_dateline():
    # (guard) the rule of round four stays: a title with a colon after its comma
    ex = extract_text(
        "Sosialisasi Pengendalian Gratifikasi, Sekda: Tolak Semua Pemberian\n\n"
        "Ampana – Sekretaris Daerah membuka sosialisasi di Aula Kantor Bupati, Senin "
        "(3/11/2025).\n")
    assert ex.record["headline"].startswith("Sosialisasi Pengendalian Gratifikasi")
    assert ex.record.get("dateline") == "Ampana"


def test_a_route_with_a_glued_dash_in_the_title_is_no_dateline():
    ex = extract_text(
        "Ruas Ampana–Bungku Ditutup Sementara untuk Perbaikan Jembatan\n"
        "• PPID SULTENG • 2 Desember 2025 • 845 View\n\n"
        "Ampana – Dinas Pekerjaan Umum menutup sementara jembatan di ruas Ampana–Bungku.\n")
    assert ex.record["headline"] == "Ruas Ampana–Bungku Ditutup Sementara untuk Perbaikan Jembatan"
    assert ex.record.get("dateline") == "Ampana"
    assert ex.record.get("date_published", "").startswith("2025-12-02")


def test_a_post_title_under_the_site_name_is_the_title_and_its_date_line_is_read():
    page = (
        '<html><body><div id="masthead"><p class="site-title">Dinas Pendidikan Kabupaten '
        'Tojo Una-Una</p></div><div class="post"><h2 class="post-title">Jadwal Penerimaan '
        'Murid Baru SD Tahun 2026</h2><p class="meta">Diposting 4 Mei 2026 oleh admin</p>'
        "<p>Pendaftaran murid baru SD negeri dibuka secara daring mulai 1 sampai 12 Juni "
        "2026.</p></div></body></html>")
    ex = extract_text(page, html=True)
    assert ex.record["headline"] == "Jadwal Penerimaan Murid Baru SD Tahun 2026"
    assert ex.record.get("date_published", "").startswith("2026-05-04")


def test_a_closure_headline_gives_no_event():
    for title in ("PANTAI TOTANGA DITUTUP SEMENTARA SELAMA PERBAIKAN DERMAGA",
                  "Jalur Ampana–Uekuli Ditutup Saat Pawai Budaya, Ini Jalur Alternatifnya"):
        ex = extract_text(_release(
            "Dinas Perhubungan menutup ruas jalan selama upacara adat dan pawai budaya pada "
            "Sabtu, 8 November 2025 pukul 13.00 hingga 18.00 WITA.", title=title))
        assert "event" not in ex.record, title


def test_the_close_of_an_expo_in_a_headline_is_still_an_event():
    # (guard) "Expo … Ditutup": the last day of an event, not a closure notice
    ex = extract_text(_release(
        "Wakil Bupati menutup Touna Expo 2025 di Lapangan Pertiwi, Minggu (9/11/2025).",
        title="Touna Expo 2025 Ditutup, Transaksi UMKM Capai Rp2 Miliar"))
    assert _kind(ex) == "pameran"


def test_signing_a_regulation_is_no_penandatanganan():
    ex = extract_text(
        "Presiden Tetapkan Keppres Hari Libur Daerah\nOleh Humas Dipublikasikan pada 3 November "
        "2025\n\nPresiden telah menandatangani Keputusan Presiden Nomor 30 Tahun 2025 tentang "
        "Hari Libur Daerah. Libur pertama jatuh pada 16 Februari 2026.\n")
    assert "event" not in ex.record
    mou = extract_text(_release(
        "Bupati menandatangani nota kesepahaman dengan Universitas Tadulako di Aula Kantor "
        "Bupati, Senin (3/11/2025)."))
    assert _kind(mou) == "penandatanganan"


def test_what_an_absent_official_attends_elsewhere_is_not_the_event():
    ex = extract_text(_release(
        "Sekretaris Kabinet menerima audiensi Pemerintah Kabupaten Tojo Una-Una di Ruang Rapat "
        "Lantai 2 Gedung III Kemensetneg, Jakarta, Selasa (4/11/2025). Rombongan dipimpin Wakil "
        "Bupati, yang sedang menghadiri sidang DPRD di Ampana.",
        title="Seskab Terima Audiensi Pemkab Tojo Una-Una"))
    assert _kind(ex) == "pertemuan"


def test_a_reduplicated_town_is_read_whole_and_a_spaced_dash_still_ends_a_dateline():
    ex = extract_text(
        "Bupati Tanam Seribu Bibit Mangrove\n\nLipu-Lipu – Bupati menanam seribu bibit mangrove di "
        "Pantai Lipu, Sabtu (8/11/2025).\n")
    assert ex.record.get("dateline") == "Lipu-Lipu"
    assert "outlet" not in ex.record
    # (guard) an unknown town with a spaced dash is a dateline as before
    plain = extract_text(
        "Bupati Tanam Seribu Bibit Mangrove\n\nKalowa – Bupati menanam seribu bibit mangrove di "
        "Pantai Lipu, Sabtu (8/11/2025).\n")
    assert plain.record.get("dateline") == "Kalowa"


def test_a_range_of_years_with_a_glued_dash_is_no_dateline():
    ex = extract_text(
        "Presiden Tetapkan Perpres RPJMD Nasional\nOleh Humas Dipublikasikan pada 3 November "
        "2025\n\nRPJMN 2025–2029 memuat delapan misi yang diturunkan menjadi program.\n")
    assert "dateline" not in ex.record


def test_the_writer_in_the_post_metadata_is_kept_beside_a_photo_credit_at_the_end():
    ex = extract_text(
        "Pemkab Touna Bahas Harga Kopra\nSelasa, 4 November 2025 | Penulis: Moh. Rizal Lamase\n"
        "Ampana – Pemerintah Kabupaten Tojo Una-Una menggelar rapat harga kopra di Aula Kantor "
        "Bupati, Selasa (4/11/2025).\nPara petani hadir di aula. Foto: Andi Sulaiman\n")
    names = {p["id"]: p["name"] for p in ex.record["people"]}
    credits = ex.record["credits"]
    assert [names[i] for i in credits["authors"]] == ["Moh. Rizal Lamase"]
    assert [names[i] for i in credits["photographers"]] == ["Andi Sulaiman"]


def test_an_acting_marker_before_an_office_short_form_after_a_quote():
    ex = extract_text(_release(
        "Plt. Asisten Deputi Bidang Kelautan Sekretariat Kabinet, Dra. Widya Kartikasari, M.E., "
        "melakukan kunjungan kerja ke Kabupaten Tojo Una-Una, Jumat (7/11/2025). Rombongan "
        "diterima Sekretaris Daerah, Drs. Halim Lamasi, M.Si.\n\n“Nelayan di Togean masih "
        "menjual ikan segar ke pengepul tanpa es,” kata Plt. Asdep."))
    assert _speakers(ex) == ["Widya Kartikasari"]


def test_a_title_the_reader_does_not_know_then_a_comma_and_the_name_after_the_verb():
    ex = extract_text(_release(
        "Wakil Bupati Tojo Una-Una, Ir. Darmin Lasampa, M.T., hadir dalam silaturahmi dengan "
        "tokoh adat di Rumah Jabatan Bupati, Selasa (4/11/2025).\n\n“Adat dan agama berjalan "
        "bersama,” ujar Wabup.\n\n“Kami minta aturan adat desa segera dibahas,” kata Tetua "
        "Lembaga Adat Bongka, Tgk. Rahman Daeng Patoto."))
    assert _speakers(ex) == ["Darmin Lasampa", "Rahman Daeng Patoto"]


def test_a_speaker_named_after_the_verb_who_is_no_person_found_is_not_replaced():
    # the name after "kata" is not a person of the record (a name glued to a company's is
    # withheld): the quote gets no speaker, not the nearest person before it
    ex = extract_text(_release(
        "Bupati Tojo Una-Una, Dr. H. Rusli Mapaliey, S.H., M.H., meninjau pabrik pengolahan "
        "kopra di Desa Uekuli, Selasa (4/11/2025).\n\nGeneral Manager PT Sinar Kelapa Lestari "
        "Lim Hok Tjiang menjelaskan kapasitas pabrik. “Kami juga melatih petani memanen tanpa "
        "merusak pohon,” kata Tjiang."))
    assert _speakers(ex) == [None]
    # (guard) an ordinary word after the verb is a role the lexicon may lack, and a nickname
    # given in the text is the subject's: the reported speaker stays
    role = extract_text(_release(
        "Kepala Kantor Pelabuhan Ampana, Capt. Rudolf Sitanggang, M.Mar., menjelaskan kedalaman "
        "alur. “Usulan pengerukan sudah kami kirim ke kementerian,” ujar Syahbandar."))
    assert _speakers(role) == ["Rudolf Sitanggang"]
    nick = extract_text(_release(
        "Ketua Koperasi Nelayan Ampana, Benny Ruru Pangkey, yang akrab disapa Om Ben, menyambut "
        "kerja sama itu. “Ini yang kami tunggu sejak harga ikan jatuh,” ujar Om Ben."))
    assert _speakers(nick) == ["Benny Ruru Pangkey"]
    # a nickname of someone the people reader does not find names no one else
    veteran = extract_text(_release(
        "Sekda Tojo Una-Una, Drs. Halim Lamasi, M.Si., membacakan amanat Menteri Sosial. Halim "
        "menyampaikan, “Pahlawan hari ini adalah guru di kampung terpencil.”\n\nVeteran Simon "
        "Petrus Nuban, yang akrab disapa Opa Simon, ikut menabur bunga. “Saya bahagia anak muda "
        "masih datang ke sini,” ujar Opa Simon."))
    assert _speakers(veteran)[-1] is None


def test_a_subject_named_before_the_quote_who_is_no_person_found_is_not_replaced():
    ex = extract_text(_release(
        "Bupati Tojo Una-Una, Dr. H. Rusli Mapaliey, S.H., M.H., meresmikan Masjid Nurul Huda di "
        "Desa Uekuli, Jumat (7/11/2025). “Masjid ini bukti gotong royong warga,” ujar Bupati.\n\n"
        "Parabela Uekuli La Tamburu menyebut tanah masjid adalah wakaf keluarga adat. Tamburu "
        "mengatakan, “Kami serahkan tanah ini supaya anak cucu bersujud bersama.”"))
    assert _speakers(ex) == ["Rusli Mapaliey", None]
    # (guard) a subject that is a known person's short form still speaks
    known = extract_text(_release(
        "Bupati Tojo Una-Una, Dr. H. Rusli Mapaliey, S.H., M.H., meresmikan Masjid Nurul Huda di "
        "Desa Uekuli, Jumat (7/11/2025).\n\nMapaliey mengatakan, “Kami serahkan tanah ini supaya "
        "anak cucu bersujud bersama.”"))
    assert _speakers(known) == ["Rusli Mapaliey"]
