"""Word lists the extractor reads: one place for each, so an officer can add a spelling here.
People, offices and speech verbs are in :mod:`.lexicon_people`.

Keys that are matched "folded" are lower case letters only (see
:func:`.lexicon_people.fold_degree`). Nothing in this module runs at import time beyond building
dictionaries.
"""

from __future__ import annotations

# --- dates ------------------------------------------------------------------------------------

MONTHS: dict[str, int] = {
    "januari": 1, "jan": 1, "january": 1, "pebruari": 2, "februari": 2, "feb": 2, "febuari": 2,
    "february": 2, "maret": 3, "mar": 3, "march": 3, "april": 4, "apr": 4, "mei": 5, "may": 5,
    "juni": 6, "jun": 6, "june": 6, "juli": 7, "jul": 7, "july": 7, "agustus": 8, "agu": 8,
    "agt": 8, "agus": 8, "agust": 8, "aug": 8, "august": 8, "september": 9, "sep": 9, "sept": 9,
    "oktober": 10, "okt": 10, "october": 10, "oct": 10, "november": 11, "nopember": 11,
    "nov": 11, "nop": 11, "desember": 12, "des": 12, "december": 12, "dec": 12,
}
#: weekday names -> Python weekday number (Monday = 0).
WEEKDAYS: dict[str, int] = {
    "senin": 0, "selasa": 1, "rabu": 2, "kamis": 3, "jumat": 4, "jum'at": 4, "jum’at": 4,
    "sabtu": 5, "minggu": 6, "ahad": 6, "monday": 0, "tuesday": 1, "wednesday": 2,
    "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
}
#: words that introduce the publication date in page metadata.
PUBLISHED_MARKERS: tuple[str, ...] = (
    "dipublikasikan pada", "dipublikasikan", "diterbitkan", "diposting pada", "diposting",
    "posted on", "published on", "published", "tanggal terbit", "tanggal", "tgl", "dirilis",
    "diunggah", "ditulis pada", "updated", "diperbarui",
)

# --- events -----------------------------------------------------------------------------------

#: keyword (lower case, word start) -> event-type code; earlier entries win on ties.
EVENT_TYPES: dict[str, str] = {
    "sosialisasi": "sosialisasi", "penyuluhan": "sosialisasi", "diseminasi": "sosialisasi",
    "sosialisasikan": "sosialisasi", "menyosialisasikan": "sosialisasi",
    "mensosialisasikan": "sosialisasi",
    "bimbingan teknis": "bimtek", "bimtek": "bimtek", "pelatihan": "bimtek",
    "workshop": "bimtek", "lokakarya": "bimtek", "diklat": "bimtek", "coaching": "bimtek",
    "rapat": "rapat", "rakor": "rapat", "rakornas": "rapat", "rakorda": "rapat", "rakerda": "rapat",
    "rakernas": "rapat", "musrenbang": "rapat", "sidang": "rapat", "paripurna": "rapat",
    "raker": "rapat", "rapat kerja": "rapat", "rapat koordinasi": "rapat", "rakortek": "rapat",
    "rakorwil": "rapat", "rakorpim": "rapat", "bimbingan": "bimtek", "pembekalan": "bimtek",
    "training": "bimtek", "kursus": "bimtek",
    "sharing session": "pertemuan", "uji publik": "pertemuan", "konsultasi publik": "pertemuan",
    "temu media": "pertemuan", "karnaval": "lainnya", "penyerahan": "lainnya",
    "focus group discussion": "pertemuan", "fgd": "pertemuan",
    "webinar": "pertemuan", "talkshow": "pertemuan", "talk show": "pertemuan",
    "halal bihalal": "pertemuan", "halalbihalal": "pertemuan", "sarasehan": "pertemuan",
    "lokalatih": "bimtek", "pelantikan": "upacara", "dilantik": "upacara",
    "kunjungan kerja": "kunjungan", "kunjungi": "kunjungan", "mengunjungi": "kunjungan",
    "pawai": "lainnya",
    "upacara": "upacara", "apel": "upacara", "peringatan": "upacara",
    # a religious commemoration is a gathering of no listed kind, not a ceremony
    "peringatan maulid": "lainnya", "peringatan isra": "lainnya",
    "peringatan nuzulul": "lainnya", "peringatan tahun baru islam": "lainnya",
    "tabligh akbar": "lainnya", "pengajian": "lainnya",
    "peresmian": "peresmian", "meresmikan": "peresmian", "launching": "peresmian",
    "peluncuran": "peresmian", "meluncurkan": "peresmian", "diresmikan": "peresmian",
    "kunjungan": "kunjungan", "kunker": "kunjungan", "meninjau": "kunjungan",
    "peninjauan": "kunjungan", "berkunjung": "kunjungan", "monitoring": "kunjungan",
    "pertemuan": "pertemuan", "temu": "pertemuan", "audiensi": "pertemuan", "forum": "pertemuan",
    "silaturahmi": "pertemuan", "dialog": "pertemuan", "diskusi": "pertemuan",
    "seminar": "pertemuan", "konsultasi": "pertemuan", "coffee morning": "pertemuan",
    "pameran": "pameran", "expo": "pameran", "bazar": "pameran",
    # a festival is a gathering of no listed kind; a pameran or a rapat in it is named as such
    "festival": "lainnya",
    "penandatanganan": "penandatanganan", "menandatangani": "penandatanganan",
    "nota kesepahaman": "penandatanganan", "mou": "penandatanganan",
    "tandatangani": "penandatanganan", "ditandatangani": "penandatanganan",
    "perjanjian kerja sama": "penandatanganan", "teken": "penandatanganan",
    "konferensi pers": "pernyataan", "jumpa pers": "pernyataan", "siaran pers": "pernyataan",
    "imbauan": "pernyataan", "pernyataan": "pernyataan", "bantahan": "pernyataan",
    "membantah": "pernyataan", "bantah": "pernyataan", "klarifikasi": "pernyataan",
    "mengklarifikasi": "pernyataan",
    # competitions and awards are events of no listed kind
    "lomba": "lainnya", "sayembara": "lainnya", "kompetisi": "lainnya",
    # verbs and nouns of the scheme's kinds that releases use as often as the ones above
    "memamerkan": "pameran", "dipamerkan": "pameran", "pamerkan": "pameran",
    "melantik": "upacara", "lantik": "upacara", "pengukuhan": "upacara",
    "mengukuhkan": "upacara", "serah terima jabatan": "upacara", "sertijab": "upacara",
    # a musyawarah of villagers, elders or a kaum is a gathering (every gold that has one says
    # pertemuan); the planning forum of the budget cycle is a rapat
    "musyawarah": "pertemuan", "musyawarah perencanaan": "rapat", "rembuk": "rapat",
    "rapat dengar pendapat": "rapat", "tatap muka": "pertemuan", "temu ramah": "pertemuan",
    "pertemukan": "pertemuan", "mempertemukan": "pertemuan", "dipertemukan": "pertemuan",
    "sidak": "kunjungan", "inspeksi": "kunjungan", "studi banding": "kunjungan",
    "safari": "kunjungan", "visitasi": "kunjungan", "peletakan batu pertama": "peresmian",
    "groundbreaking": "peresmian", "pencanangan": "peresmian", "mencanangkan": "peresmian",
    "kick off": "peresmian", "edukasi": "sosialisasi", "asistensi": "bimtek",
    "ramah tamah": "pertemuan", "buka puasa bersama": "pertemuan", "bukber": "pertemuan",
    "aksi bersih": "lainnya", "bakti sosial": "lainnya", "baksos": "lainnya",
    "donor darah": "lainnya",
    "pasar murah": "lainnya", "operasi pasar": "lainnya", "jalan sehat": "lainnya",
    "kirab": "lainnya", "parade": "lainnya", "turnamen": "lainnya", "doa bersama": "lainnya",
    "kerja bakti": "lainnya", "gotong royong": "lainnya", "vaksinasi": "lainnya",
    "menyerahkan": "lainnya", "serahkan": "lainnya", "diserahkan": "lainnya",
    "anugerah": "lainnya", "penganugerahan": "lainnya", "jambore": "lainnya",
    "pisah sambut": "upacara", "tanam perdana": "lainnya", "tanam padi": "lainnya",
    "panen raya": "lainnya", "panen perdana": "lainnya", "famtrip": "kunjungan",
    "menerima tim": "pertemuan", "menerima rombongan": "pertemuan",
    "menerima delegasi": "pertemuan", "menerima perwakilan": "pertemuan",
    "melatih": "bimtek", "latih": "bimtek", "dilatih": "bimtek", "diluncurkan": "peresmian",
    "luncurkan": "peresmian",
}
# the verb a gathering's noun makes with "ber-" means taking part in it ("beraudiensi",
# "bermusyawarah", "bertemu", "bertatap muka", "berdialog"; "ber-" + "rapat" is "berapat")
for _noun in ("audiensi", "temu", "musyawarah", "dialog", "diskusi", "silaturahmi", "tatap muka",
              "sidang", "rapat", "rembuk", "sarasehan"):
    EVENT_TYPES.setdefault(("be" if _noun.startswith("r") else "ber") + _noun,
                           EVENT_TYPES[_noun])
del _noun
#: verbs that introduce an organised event ("Kominfo Gelar Sosialisasi ...").
EVENT_VERBS: tuple[str, ...] = (
    "gelar", "menggelar", "digelar", "adakan", "mengadakan", "diadakan", "laksanakan",
    "melaksanakan", "dilaksanakan", "selenggarakan", "menyelenggarakan", "diselenggarakan",
    "mengikuti", "ikuti", "membuka", "buka", "dibuka", "hadiri", "menghadiri", "memimpin",
    "pimpin", "dipimpin",
)
#: first words of a venue after "di".
VENUE_WORDS: tuple[str, ...] = (
    "aula", "gedung", "ruang", "ruangan", "hotel", "kantor", "balai", "pendopo", "pendapa",
    "lapangan", "halaman", "auditorium", "wisma", "graha", "rumah", "rumah dinas", "masjid",
    "gor", "stadion", "taman", "alun-alun", "convention", "hall", "bale", "sekretariat",
    "gedung", "command center", "studio", "lobby", "lobi", "pelataran", "komplek", "kompleks",
    "sasana", "bangsal", "function room", "meeting room", "guest house", "resort", "villa",
    "pusat", "galeri", "museum", "kampus", "universitas", "sekolah", "smk", "sma", "smp",
    "puskesmas", "rsud", "pasar", "ballroom", "gelanggang", "mess", "pantai", "dermaga",
    "bandara", "pelabuhan", "kediaman", "rujab", "rumah jabatan", "mako", "markas", "istana",
    "lantai", "wantilan", "pura", "gereja", "klenteng", "vihara", "rumah adat", "honai",
    "mal", "mall", "gesibu", "gor",
    # schools, clinics and other public buildings by their usual short names
    "sd", "sdn", "smpn", "sman", "smkn", "madrasah", "pesantren", "pondok pesantren", "dayah",
    "klinik", "rumah sakit", "lapas", "rutan", "asrama", "terminal", "stasiun", "anjungan",
    "atrium", "baruga", "sanggar", "posko", "mapolres", "mapolresta", "mapolda", "mapolsek",
    "makodim", "makorem", "restoran", "rumah makan", "kafe", "cafe", "bendungan", "embung",
    # open places named by their kind: a coastal strip, waters ("di pesisir Kelurahan …", "di
    # perairan Pantai …"); not "kawasan", an area as often described ("kawasan cagar budaya")
    "pesisir", "perairan",
)
#: phrases introducing the audience.
AUDIENCE_MARKERS: tuple[str, ...] = (
    "peserta yang diantaranya", "peserta yang di antaranya", "peserta yang terdiri dari",
    "peserta yang terdiri atas", "diikuti oleh", "diikuti", "dihadiri oleh", "dihadiri",
    "pesertanya", "peserta terdiri dari", "peserta kegiatan ini", "peserta kegiatan",
    "yang diantaranya", "yang di antaranya", "melibatkan",
)

# --- regulations ------------------------------------------------------------------------------

#: regulation type as written (lower case; typos included) -> code. Longest match wins.
REGULATION_TYPES: dict[str, str] = {
    "undang-undang": "uu", "undang undang": "uu", "undang-udang": "uu", "undang-undan": "uu",
    "uu": "uu",
    "peraturan pemerintah pengganti undang-undang": "perppu", "perppu": "perppu", "perpu": "perppu",
    "peraturan pemerintah": "pp", "pp": "pp",
    "peraturan presiden": "perpres", "perpres": "perpres",
    "instruksi presiden": "inpres", "intruksi presiden": "inpres", "inpres": "inpres",
    "keputusan presiden": "keppres", "keppres": "keppres", "kepres": "keppres",
    "peraturan menteri dalam negeri": "permen", "permendagri": "permen",
    "peraturan menteri": "permen", "permen": "permen", "permenkominfo": "permen",
    "permenpan": "permen", "permenpan-rb": "permen", "permenpanrb": "permen",
    "permenkes": "permen", "permendikbud": "permen", "permenkeu": "permen", "pmk": "permen",
    "keputusan menteri": "kepmen", "kepmen": "kepmen", "kepmendagri": "kepmen",
    "kepmenkominfo": "kepmen", "instruksi menteri": "inmen", "surat edaran": "se",
    "peraturan daerah": "perda", "perda": "perda", "perdasus": "perda", "qanun": "perda",
    "peraturan gubernur": "pergub", "pergub": "pergub",
    "keputusan gubernur": "kepgub", "kepgub": "kepgub",
    "peraturan bupati": "perbup", "perbup": "perbup",
    "keputusan bupati": "kepbup", "kepbup": "kepbup",
    "peraturan komisi informasi": "perki", "perki": "perki",
    "peraturan wali kota": "perwal", "peraturan walikota": "perwal", "perwal": "perwal",
    "perwali": "perwal", "keputusan wali kota": "kepwal", "keputusan walikota": "kepwal",
}
#: issuers implied by abbreviated types.
REGULATION_ISSUERS: dict[str, str] = {
    "permendagri": "Menteri Dalam Negeri", "kepmendagri": "Menteri Dalam Negeri",
    "permenkominfo": "Menteri Komunikasi dan Informatika",
    "kepmenkominfo": "Menteri Komunikasi dan Informatika",
    "permenkes": "Menteri Kesehatan", "permenkeu": "Menteri Keuangan", "pmk": "Menteri Keuangan",
    "permenpan": "Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi",
    "permenpan-rb": "Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi",
    "permenpanrb": "Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi",
    "permendikbud": "Menteri Pendidikan dan Kebudayaan",
}
#: short ministry names after "Menteri"/"Permen" -> full name.
MINISTRY_NAMES: dict[str, str] = {
    "kominfo": "Komunikasi dan Informatika", "komunikasi dan informatika":
    "Komunikasi dan Informatika", "dalam negeri": "Dalam Negeri", "kesehatan": "Kesehatan",
    "keuangan": "Keuangan", "komdigi": "Komunikasi dan Digital", "pan-rb":
    "Pendayagunaan Aparatur Negara dan Reformasi Birokrasi", "panrb":
    "Pendayagunaan Aparatur Negara dan Reformasi Birokrasi",
}
#: (type, number, year) -> official title, used instead of a misquoted one.
KNOWN_REGULATIONS: dict[tuple[str, str, int], str] = {
    ("inpres", "9", 2015): "Pengelolaan Komunikasi Publik",
    ("uu", "14", 2008): "Keterbukaan Informasi Publik",
    ("uu", "40", 1999): "Pers",
    ("uu", "11", 2008): "Informasi dan Transaksi Elektronik",
    ("uu", "19", 2016): "Perubahan atas Undang-Undang Nomor 11 Tahun 2008 tentang Informasi "
    "dan Transaksi Elektronik",
    ("uu", "23", 2014): "Pemerintahan Daerah",
    ("uu", "25", 2009): "Pelayanan Publik",
    ("uu", "27", 2022): "Pelindungan Data Pribadi",
    ("uu", "6", 2014): "Desa",
    ("uu", "24", 2007): "Penanggulangan Bencana",
    ("perpres", "39", 2019): "Satu Data Indonesia",
    ("perpres", "95", 2018): "Sistem Pemerintahan Berbasis Elektronik",
    ("pp", "61", 2010): "Pelaksanaan Undang-Undang Nomor 14 Tahun 2008 tentang Keterbukaan "
    "Informasi Publik",
    ("pp", "71", 2019): "Penyelenggaraan Sistem dan Transaksi Elektronik",
}

# --- organisations and places -----------------------------------------------------------------

#: region abbreviations (folded) -> region code or official name.
REGION_ABBREVIATIONS: dict[str, str] = {
    "labura": "12.23", "labusel": "12.22", "labuhanbatu": "12.10", "madina": "12.13",
    "tapteng": "12.04", "taput": "12.05", "tapsel": "12.03", "sergai": "12.18", "paluta": "12.20",
    "palas": "12.21", "humbahas": "12.16", "batubara": "12.19", "deliserdang": "12.07",
    "sumut": "12", "sumbar": "13", "sumsel": "16", "jabar": "32", "jateng": "33", "jatim": "35",
    "diy": "34", "yogyakarta": "34", "jogja": "34.71", "yogya": "34.71", "jogjakarta": "34.71",
    "ntb": "52", "ntt": "53", "kalbar": "61", "kalteng": "62", "kalsel": "63", "kaltim": "64",
    "kaltara": "65", "sulut": "71", "sulteng": "72", "sulsel": "73", "sultra": "74",
    "sulbar": "76", "babel": "19", "kepri": "21", "malut": "82", "dki": "31", "dkijakarta": "31",
    "jakarta": "31", "jpr": "91.71", "jaksel": "31.74", "jakpus": "31.71", "jakbar": "31.73",
    "jaktim": "31.75", "jakut": "31.72", "kukar": "64.02", "kutim": "64.08", "kubar": "64.07",
    "inhil": "14.04", "inhu": "14.02", "kuansing": "14.09", "rohul": "14.07", "rohil": "14.08",
    "oku": "16.01", "oki": "16.02", "muba": "16.06", "lamsel": "18.01",
    "tanjungpinang": "21.72", "papuabarat": "92", "pabar": "92", "bandaaceh": "11.71",
    "abdya": "11.12", "agam": "13.06", "kbb": "32.17",
}
#: organisation patterns: acronym or name (lower case) -> (key stem, full-name template, kind).
#: ``{region}`` is the full region name ("Kabupaten Labuhanbatu Utara"); templates without it are
#: national bodies.
REGIONAL_UNITS: dict[str, tuple[str, str]] = {
    "dinas komunikasi dan informatika": ("diskominfo", "Dinas Komunikasi dan Informatika"),
    "dinas komunikasi, informatika": ("diskominfo", "Dinas Komunikasi dan Informatika"),
    "diskominfo": ("diskominfo", "Dinas Komunikasi dan Informatika"),
    "dinkominfo": ("diskominfo", "Dinas Komunikasi dan Informatika"),
    "dinas kominfo": ("diskominfo", "Dinas Komunikasi dan Informatika"),
    "diskominfostandi": ("diskominfo", "Dinas Komunikasi dan Informatika"),
    "diskominfotik": ("diskominfo", "Dinas Komunikasi dan Informatika"),
    "diskominfosantik": ("diskominfo", "Dinas Komunikasi dan Informatika"),
    "diskominfosandi": ("diskominfo", "Dinas Komunikasi dan Informatika"),
    "kominfo": ("diskominfo", "Dinas Komunikasi dan Informatika"),
    "bagian humas": ("humas", "Bagian Hubungan Masyarakat Sekretariat Daerah"),
    "humas setda": ("humas", "Bagian Hubungan Masyarakat Sekretariat Daerah"),
    "bagian prokopim": ("prokopim", "Bagian Protokol dan Komunikasi Pimpinan Sekretariat Daerah"),
    "prokopim": ("prokopim", "Bagian Protokol dan Komunikasi Pimpinan Sekretariat Daerah"),
    "bappeda": ("bappeda", "Badan Perencanaan Pembangunan Daerah"),
    "bpbd": ("bpbd", "Badan Penanggulangan Bencana Daerah"),
    "dprd": ("dprd", "Dewan Perwakilan Rakyat Daerah"),
    "dinas kesehatan": ("dinkes", "Dinas Kesehatan"), "dinkes": ("dinkes", "Dinas Kesehatan"),
    "dinas pendidikan": ("disdik", "Dinas Pendidikan"),
}
#: government of a region: prefix as written -> (key stem, name prefix, level).
REGIONAL_GOVERNMENTS: dict[str, tuple[str, str]] = {
    "pemkab": ("pemkab", "Pemerintah Kabupaten"),
    "pemerintah kabupaten": ("pemkab", "Pemerintah Kabupaten"),
    "pemkot": ("pemkot", "Pemerintah Kota"),
    "pemerintah kota": ("pemkot", "Pemerintah Kota"),
    "pemprov": ("pemprov", "Pemerintah Provinsi"),
    "pemerintah provinsi": ("pemprov", "Pemerintah Provinsi"),
}
#: national bodies: name or acronym (lower case) -> (key, full name, kind, parent key or None).
NATIONAL_BODIES: dict[str, tuple[str, str, str, str | None]] = {
    "bakohumas": ("bakohumas", "Badan Koordinasi Kehumasan", "forum", None),
    "badan koordinasi kehumasan": ("bakohumas", "Badan Koordinasi Kehumasan", "forum", None),
    "kementerian komunikasi dan informatika": (
        "kemkominfo", "Kementerian Komunikasi dan Informatika", "government", None),
    "kemkominfo": ("kemkominfo", "Kementerian Komunikasi dan Informatika", "government", None),
    "kemenkominfo": ("kemkominfo", "Kementerian Komunikasi dan Informatika", "government", None),
    "kementerian kominfo": (
        "kemkominfo", "Kementerian Komunikasi dan Informatika", "government", None),
    "komdigi": ("komdigi", "Kementerian Komunikasi dan Digital", "government", None),
    "kementerian komunikasi dan digital": (
        "komdigi", "Kementerian Komunikasi dan Digital", "government", None),
    "ditjen aptika": (
        "ditjen-aptika", "Direktorat Jenderal Aplikasi Informatika", "unit", "kemkominfo"),
    "ditjen ikp": ("ditjen-ikp", "Direktorat Jenderal Informasi dan Komunikasi Publik", "unit",
                   "kemkominfo"),
    "setkab": ("setkab", "Sekretariat Kabinet", "government", None),
    "sekretariat kabinet": ("setkab", "Sekretariat Kabinet", "government", None),
    "bssn": ("bssn", "Badan Siber dan Sandi Negara", "government", None),
    "badan siber dan sandi negara": ("bssn", "Badan Siber dan Sandi Negara", "government", None),
    "kemendagri": ("kemendagri", "Kementerian Dalam Negeri", "government", None),
    "kementerian dalam negeri": ("kemendagri", "Kementerian Dalam Negeri", "government", None),
    "bps": ("bps", "Badan Pusat Statistik", "government", None),
    "kip": ("komisi-informasi", "Komisi Informasi", "government", None),
    "kpu": ("kpu", "Komisi Pemilihan Umum", "government", None),
    "komisi pemilihan umum": ("kpu", "Komisi Pemilihan Umum", "government", None),
    "bawaslu": ("bawaslu", "Badan Pengawas Pemilihan Umum", "government", None),
    "komisi informasi": ("komisi-informasi", "Komisi Informasi", "government", None),
    # associations and forums that releases name like people ("Ketua Dharma Wanita Persatuan")
    "dharma wanita persatuan": ("dharma-wanita", "Dharma Wanita Persatuan", "community", None),
    "dharma wanita": ("dharma-wanita", "Dharma Wanita Persatuan", "community", None),
    "tim penggerak pkk": ("tp-pkk", "Tim Penggerak Pemberdayaan dan Kesejahteraan Keluarga",
                          "community", None),
    "tp pkk": ("tp-pkk", "Tim Penggerak Pemberdayaan dan Kesejahteraan Keluarga", "community",
               None),
    "pkk": ("tp-pkk", "Tim Penggerak Pemberdayaan dan Kesejahteraan Keluarga", "community",
            None),
    "forkopimda": ("forkopimda", "Forum Koordinasi Pimpinan Daerah", "forum", None),
    "karang taruna": ("karang-taruna", "Karang Taruna", "community", None),
    "bhayangkari": ("bhayangkari", "Bhayangkari", "community", None),
    "persit kartika chandra kirana": ("persit", "Persit Kartika Chandra Kirana", "community",
                                      None),
    "korpri": ("korpri", "Korps Pegawai Republik Indonesia", "community", None),
    "pwi": ("pwi", "Persatuan Wartawan Indonesia", "community", None),
}
#: words that show a dateline head is a site or outlet, not a place.
OUTLET_HINTS: tuple[str, ...] = (".go.id", ".id", ".com", "info", "news", "kabar", "berita",
                                 "media", "portal", "humas", "diskominfo", "kominfo")
