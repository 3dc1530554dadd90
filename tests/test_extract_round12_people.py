"""Round 12 of issue 12, people: where a name glued to a school, a health centre, a kecamatan or a
region begins, customary titles written before a name, flag raisers named in a list, and titles
kept as written (tuned on releases-unseen-10, -11 and -12). Invented text."""
from __future__ import annotations

from functools import partial

from infopublik_ld.records.extract import extract_text

from .extractkit import people_of as _people
from .extractkit import release

_release = partial(release, place="Wamena")


def _unsure(ex) -> list[str]:
    return [ex.text[w.start:w.end] for w in ex.warnings if w.code == "not-a-person-unsure"]


def _prefixes(ex, name: str) -> list[str]:
    return _people(ex)[name].get("honorific_prefixes", [])


# --- a name glued to a head with its own place name ------------------------------------------

def test_a_health_centre_s_place_is_no_part_of_its_head_s_name():
    ex = extract_text(_release(
        "Kepala Puskesmas Walelagama Markus Tabuni Wenda, S.Kep. mengikuti pelatihan bersama "
        "kader posyandu."))
    assert set(_people(ex)) == {"Markus Tabuni Wenda"}


def test_a_school_with_its_number_or_inpres_then_its_place_before_the_head_s_name():
    ex = extract_text(_release(
        "Kepala SMP Negeri 3 Bajawa Servasius Dhae Meo, S.Pd. mencatat ratusan siswa terdampak."))
    assert set(_people(ex)) == {"Servasius Dhae Meo"}
    inpres = extract_text(_release(
        "Kepala Sekolah SD Inpres Wamena Yonas Kogoya Lani menjelaskan kurikulum baru."))
    assert set(_people(inpres)) == {"Yonas Kogoya Lani"}


def test_a_kecamatan_of_two_words_before_a_name_is_cut_whole():
    ex = extract_text(_release(
        "Kepala KUA Kecamatan Batu Ampar Ahmad Rizal Harahap, S.H.I. melaporkan pembangunan "
        "gedung baru."))
    assert set(_people(ex)) == {"Ahmad Rizal Harahap"}


def test_a_region_of_two_words_after_an_agency_is_no_part_of_the_name():
    ex = extract_text(_release(
        "Kalak BPBD Tapanuli Tengah Rudi Hartono Sitompul, S.Sos. menyebut sembilan desa rawan "
        "banjir."))
    assert set(_people(ex)) == {"Rudi Hartono Sitompul"}


def test_two_words_after_a_village_head_by_a_regional_name_are_a_guess():
    ex = extract_text(_release("Kuwu Jatibarang Rasmadi menyebut saluran itu mengairi sawah."))
    assert not _people(ex)
    assert _unsure(ex) == ["Jatibarang Rasmadi"]


def test_one_word_after_a_numbered_neighbourhood_is_its_place():
    ex = extract_text(_release(
        "Ketua RW 05 Cigugur yang juga pengurus bank sampah, Asep Saepudin, berbicara kepada "
        "warga."))
    assert "Cigugur" not in _people(ex)
    assert "Cigugur" in _unsure(ex)


def test_a_name_after_a_judicial_office_of_negeri_is_untouched():
    # (guard) "Negeri" is no head of its own: the name after the Kejari's place stays whole
    ex = extract_text(_release(
        "Kepala Kejaksaan Negeri Jayawijaya Budi Santoso Hutapea menyerahkan barang bukti."))
    assert "Budi Santoso Hutapea" in _people(ex)


# --- organisations, kin words --------------------------------------------------------------

def test_a_troop_or_task_force_before_a_name_is_no_part_of_it():
    ex = extract_text(_release(
        "Komandan Satgas Pamtas RI-PNG Sektor Utara Mayor Inf Budi Santoso menambahkan soal "
        "patroli perbatasan."))
    assert set(_people(ex)) == {"Budi Santoso"}


def test_a_kin_word_of_a_nickname_makes_no_person():
    ex = extract_text(_release(
        "Veteran Yakobus Lede Bani, yang akrab disapa Opa Yakob, ikut menabur bunga. \"Saya "
        "senang,\" ujar Opa Yakob."))
    assert "Opa Yakob" not in _people(ex)


def test_a_malay_title_with_haji_after_a_region_begins_the_name():
    ex = extract_text(_release(
        "Bupati datang bersama Ketua Lembaga Adat Melayu Belitung Timur Datuk Haji Ramli Yusuf. "
        "Ramli mengatakan siap membantu."))
    assert "Belitung Timur" not in _people(ex)


# --- customary titles before a name ---------------------------------------------------------

def test_customary_titles_before_a_name_are_prefixes():
    ex = extract_text(_release(
        "Hadir pula Rato Umbu Dedu Kaka dan Mananwir Yonas Rumbiak dalam rapat itu. Tokoh adat "
        "Liurai Yohanes Bria Seran, Mokole Hasrun Lawata dan Opu Andi Baso Mappanyukki ikut "
        "menyambut. Doa dipimpin Guru Tuha H. Rahmadi Nor. Tokoh adat Ta'uwa Lo Linula Yusuf "
        "Pakaya, juga hadir."))
    people = _people(ex)
    assert _prefixes(ex, "Umbu Dedu Kaka") == ["Rato"]
    assert _prefixes(ex, "Yonas Rumbiak") == ["Mananwir"]
    assert _prefixes(ex, "Yohanes Bria Seran") == ["Liurai"]
    assert _prefixes(ex, "Hasrun Lawata") == ["Mokole"]
    assert _prefixes(ex, "Andi Baso Mappanyukki") == ["Opu"]
    assert _prefixes(ex, "Rahmadi Nor") == ["Guru Tuha", "H."]
    assert _prefixes(ex, "Yusuf Pakaya") == ["Ta'uwa Lo Linula"]
    assert not any(n.startswith(("Rato", "Mananwir", "Liurai", "Ta'uwa")) for n in people)


def test_a_customary_title_with_one_word_then_another_name_is_the_place_s_head():
    ex = extract_text(_release(
        "Ondoafi Kampung Yoboi, Ondoafi Yanto Eluay, dan Mananwir Wardo, Mananwir Yonas Rumbiak, "
        "meminta laut dijaga."))
    people = _people(ex)
    assert _prefixes(ex, "Yanto Eluay") == ["Ondoafi"]
    assert _prefixes(ex, "Yonas Rumbiak") == ["Mananwir"]
    assert "Wardo" not in people
    assert "Mananwir Wardo" in _unsure(ex)


def test_a_customary_head_with_his_place_before_his_name_keeps_the_office():
    # (guard) "Ondoafi Burmeso" is the head of a place: his office, not his name
    ex = extract_text(_release(
        "Ondoafi Burmeso Zakheus Ayomi menandatangani berita acara hibah tanah adat."))
    assert "Zakheus Ayomi" in _people(ex)


def test_haji_of_lampung_written_hi_with_its_dot_only():
    ex = extract_text(_release(
        "Kepala Dinas Drs. Hi. Ahmad Fauzi, M.M. menyebut anggaran naik tahun ini."))
    assert _prefixes(ex, "Ahmad Fauzi") == ["Drs.", "Hi."]
    greeting = extract_text(_release("Hi Sobat Kominfo, ayo ikut lomba video pendek."))
    assert not _people(greeting)


# --- flag raisers named in a list ------------------------------------------------------------

def test_flag_raisers_named_by_the_verb_or_by_their_troop():
    ex = extract_text(_release(
        "Sang Merah Putih dikibarkan oleh Rio Pangemanan, Sisilia Lumowa dan Vicky Rondonuwu "
        "dari Paskibraka Tomohon."))
    assert set(_people(ex)) == {"Rio Pangemanan", "Sisilia Lumowa", "Vicky Rondonuwu"}
    troop = extract_text(_release(
        "Bendera dikibarkan tiga anggota Paskibraka, Yulianus Tabuni, Maria Wenda dan "
        "Oktovianus Kogoya, diiringi lagu kebangsaan."))
    assert set(_people(troop)) == {"Yulianus Tabuni", "Maria Wenda", "Oktovianus Kogoya"}


def test_a_list_of_flag_raisers_with_their_schools_in_brackets():
    ex = extract_text(_release(
        "Pengibar bendera adalah Paskibraka Rani Puspita Dewi (SMAN 1 Sampit), Fajar Nugroho "
        "(SMAN 2 Sampit) dan Reza Pratama Putra."))
    assert set(_people(ex)) == {"Rani Puspita Dewi", "Fajar Nugroho", "Reza Pratama Putra"}


# --- titles as written -------------------------------------------------------------------------

def test_a_title_written_with_its_dot_keeps_its_spelling():
    ex = extract_text(_release(
        "Doa dipimpin KH. Ahmad Fauzan Hakim, sedangkan vaksinasi dipimpin drh. Siti Aminah "
        "Rahayaan dan sambutan adat dibawakan Rd. Mulyadi Suryana."))
    assert _prefixes(ex, "Ahmad Fauzan Hakim") == ["KH."]
    assert _prefixes(ex, "Siti Aminah Rahayaan") == ["drh."]
    assert _prefixes(ex, "Mulyadi Suryana") == ["Rd."]


def test_titles_in_their_usual_spelling_stay_as_they_were():
    # (guard) "K.H." spelled with two dots, a dentist's "drg." at a sentence's start, and a
    # title in an all-capitals text keep the usual spelling
    ex = extract_text(_release(
        "Tausiah disampaikan K.H. Maimun Zubair. Drg. Fitri Handayani memeriksa gigi anak. "
        "Sambutan dibawakan Ketua Panitia, DRS. Joko Susilo."))
    assert _prefixes(ex, "Maimun Zubair") == ["K.H."]
    assert _prefixes(ex, "Fitri Handayani") == ["drg."]
    assert _prefixes(ex, "Joko Susilo") == ["Drs."]
