"""Word lists about people and speech: honorific prefixes, degrees, offices, military ranks,
words that are never names, attribution and speech verbs. One place for each, so an officer can
add a spelling here (the other lists are in :mod:`.lexicon`).

Keys that are matched "folded" are lower case letters only (see :func:`fold_degree`).
"""

from __future__ import annotations

import re

# --- people -----------------------------------------------------------------------------------

#: honorific prefix as written (folded: lower case, no dot) -> normalised form. ``dr`` (physician)
#: and ``Dr`` (doctorate) differ only by case, see :data:`CASE_SENSITIVE_PREFIXES`.
HONORIFIC_PREFIXES: dict[str, str] = {
    "h": "H.",
    "hj": "Hj.",
    "haji": "H.", "hajah": "Hj.", "hajjah": "Hj.",
    "drs": "Drs.",
    "dra": "Dra.",
    "dr": "Dr.",
    "ir": "Ir.",
    "prof": "Prof.",
    "ny": "Ny.",
    "tn": "Tn.",
    "kh": "K.H.",
    "hc": "H.C.",
    "ustaz": "Ustaz", "ustadz": "Ustadz", "ust": "Ust.", "ustazah": "Ustazah",
    "ustadzah": "Ustadzah", "pdt": "Pdt.", "pendeta": "Pendeta", "romo": "Romo",
    "habib": "Habib", "kyai": "Kyai", "kiai": "Kiai", "tgh": "TGH.", "tgk": "Tgk.",
    "teungku": "Teungku",  # "Tgk." spelled out (an Acehnese scholar's title; "Teuku" is nobility)
    "drg": "drg.", "ns": "Ns.",  # Ners: a registered nurse
    # religious titles of other regions and faiths: a Minangkabau scholar ("Buya"), a church
    # elder ("Pnt.", Penatua), a Balinese temple priest ("Jro Mangku", "Pemangku"), a sheikh
    "buya": "Buya", "pnt": "Pnt.", "penatua": "Penatua", "jro mangku": "Jro Mangku",
    "jero mangku": "Jero Mangku", "jro": "Jro", "jero": "Jero", "pemangku": "Pemangku",
    "syekh": "Syekh", "agh": "AGH.",  # Anregurutta Haji: a Bugis ulama, like TGH. in Lombok
    # the head of a Balinese customary village addressed by his office ("Jro Bendesa I Wayan
    # …"), Bugis and Mandar nobility ("Puang"), a ship's master ("Capt.", harbour offices)
    "jro bendesa": "Jro Bendesa", "jero bendesa": "Jero Bendesa", "puang": "Puang",
    "capt": "Capt.",
    # a veterinarian ("Drh.", dokter hewan); Madurese nobility ("Ra", short for Raden, written
    # before a kiai's name)
    "drh": "Drh.", "ra": "Ra",
    # Catholic clergy ("Pastor", "Pater", "RD." Romo Diosesan, "Rm.")
    "pastor": "Pastor", "pater": "Pater", "rd": "RD.", "rm": "Rm.",
    # Nias nobility ("Si'ulu", written before the name)
    "si'ulu": "Si'ulu", "si’ulu": "Si’ulu",
    # Javanese nobility ("Raden Mas", "Raden Ayu") and a Madurese kiai of noble birth ("RKH.",
    # Raden Kiai Haji): titles before the name, never part of it
    "raden mas": "Raden Mas", "raden ayu": "Raden Ayu", "raden ajeng": "Raden Ajeng",
    "raden": "Raden", "rkh": "RKH.",
    # "R." is Raden abbreviated ("R. Wahyu …"), taken with its dot only (see names._DOT_ONLY)
    "r": "R.",
    # customary titles of other peoples, written before the name and never part of it: Sumba
    # ("Rato"), Biak ("Mananwir"), Timor ("Liurai"), Tolaki ("Mokole"), Luwu ("Opu"), Makassar
    # ("Karaeng"), a Mandar ulama ("Annangguru"), a Javanese prince ("KGPH", Kanjeng Gusti
    # Pangeran Haryo), a Catholic sister ("Suster")
    "rato": "Rato", "mananwir": "Mananwir", "liurai": "Liurai", "mokole": "Mokole", "opu": "Opu",
    "karaeng": "Karaeng", "annangguru": "Annangguru", "kgph": "KGPH", "suster": "Suster",
    # a Gorontalo customary elder ("Ta'uwa Lo Linula"), a Banjar religious teacher ("Guru Tuha")
    "ta'uwa lo linula": "Ta'uwa Lo Linula", "ta’uwa lo linula": "Ta’uwa Lo Linula",
    "guru tuha": "Guru Tuha", "ondoafi": "Ondoafi",
    # "Hi." is Haji in Lampung ("Drs. Hi. Sapar …"); with its dot only, "Hi Sobat" greets
    "hi": "Hi.",
}
CASE_SENSITIVE_PREFIXES: dict[str, str] = {"dr": "dr."}

#: degree as written, folded to lower-case letters ("S.Sos" -> "ssos") -> normalised spelling.
DEGREES: dict[str, str] = {
    # bachelor / diploma
    "se": "S.E.", "sh": "S.H.", "st": "S.T.", "sp": "S.P.", "skm": "S.K.M.", "sked": "S.Ked",
    "ssos": "S.Sos", "sip": "S.IP", "sik": "S.IK", "sstp": "S.STP", "sag": "S.Ag.", "spd": "S.Pd",
    "spdi": "S.Pd.I", "skom": "S.Kom", "ssi": "S.Si", "spt": "S.Pt", "shut": "S.Hut",
    "sikom": "S.I.Kom", "shi": "S.H.I.", "sei": "S.E.I.", "sthi": "S.Th.I", "sth": "S.Th.",
    "sfarm": "S.Farm", "sgz": "S.Gz", "skep": "S.Kep", "ssn": "S.Sn", "sds": "S.Ds",
    "spsi": "S.Psi",
    "sstat": "S.Stat", "ssttp": "S.STTP", "str": "S.Tr", "sts": "S.T.", "ak": "Ak.",
    "amd": "A.Md.", "amdkom": "A.Md.Kom", "amdkep": "A.Md.Kep", "ssy": "S.Sy", "sa": "S.A.",
    "sipem": "S.IPem", "sos": "S.Sos", "ss": "S.S.",  # Sarjana Sastra
    # master
    "me": "M.E.", "mh": "M.H.", "mm": "M.M.", "msi": "M.Si", "map": "M.AP", "mpd": "M.Pd",
    "mkes": "M.Kes", "meng": "M.Eng", "mt": "M.T.", "msc": "M.Sc.", "mba": "MBA", "mag": "M.Ag",
    "mkom": "M.Kom", "mikom": "M.I.Kom", "mip": "M.IP", "msos": "M.Sos", "mpa": "MPA",
    "mkn": "M.Kn.", "mhum": "M.Hum", "mpp": "M.P.P.", "mti": "M.T.I.", "spi": "S.Pi", "lc": "Lc.",
    "mpdi": "M.Pd.I", "mhi": "M.H.I.",
    "mec": "M.Ec", "mars": "M.A.R.S.", "mtp": "M.T.P.", "msp": "M.Sp", "mkm": "M.K.M.",
    "mph": "MPH", "ma": "M.A.", "mstat": "M.Stat", "mpsi": "M.Psi", "mes": "M.E.S.",
    "mmrs": "M.M.R.S.", "mak": "M.Ak.", "mp": "M.P.", "med": "M.Ed.", "mth": "M.Th.",
    # doctorate, professional, certificates
    "phd": "Ph.D.", "llm": "LL.M.", "bsc": "B.Sc.", "spog": "Sp.OG", "spa": "Sp.A",
    "sppd": "Sp.PD", "ceh": "CEH", "cfrm": "CFrA",
    "cpa": "CPA", "ca": "CA", "qia": "QIA", "cgcae": "CGCAE", "chrp": "CHRP", "msm": "M.S.M.",
    "ipu": "IPU", "ipm": "IPM",
    # a Catholic priest's diocese or order after his name ("Pastor …, Pr.", "…, OFMCap.")
    "pr": "Pr.", "ofmcap": "OFMCap.", "ofm": "OFM", "svd": "SVD", "ocd": "OCD", "ocarm": "O.Carm.",
}

#: words that never belong to a person's name (capitalised in running text for other reasons).
NOT_NAME_WORDS: frozenset[str] = frozenset(
    """
    bapak ibu pak bu saudara sdr bunda ibunda ayahanda mas mbak kak kakak bang abang adik dik
    om tante opa oma para dan atau yang di ke dari pada dalam untuk dengan oleh
    miq mamiq cak kang bung uda uni ajo teh wak
    selaku sebagai saat ketika bahwa namun sedangkan kemudian selain itu ini juga menurut kata
    ujar ungkap jelas tegas tambah sebut terang imbuh pungkas ucap lanjut papar tutur katanya
    pemerintah kabupaten kota provinsi kecamatan desa kelurahan dinas badan bagian bidang seksi
    kantor sekretariat daerah republik indonesia negara kementerian lembaga
    senin selasa rabu kamis jumat jum'at sabtu minggu januari februari maret april mei juni juli
    agustus september oktober november desember
    humas kominfo diskominfo pemkab pemkot pemprov dprd bakohumas setda acara kegiatan rapat
    nomor no peraturan informatika hukum seluruh komisi jalan jl kampung gunung kantor ia dia
    beliau mereka kami kita resmikan buka pimpin tinjau kunjungi gelar ajak minta imbau terima
    serahkan hadiri lantik dorong apresiasi luncurkan sambut bahas ikuti tegaskan targetkan
    gandeng latih perkuat dukung siapkan pastikan bantah klarifikasi pemda setkot dinkominfo
    kominfotik diskominfotik tahun pukul wib wita wit rel
    """.split()
)

#: words that may follow an office word inside a job title ("Asisten Administrasi Umum").
TITLE_WORDS: frozenset[str] = frozenset(
    """
    administrasi umum pemerintahan perekonomian pembangunan kesejahteraan rakyat kesra ekonomi
    komunikasi informatika informasi kominfo diskominfo dinas badan bagian bidang seksi sub subbag
    humas hubungan masyarakat protokol protokoler prokopim pimpinan statistik persandian publik
    sekretariat daerah setda setdakab setdaprov setdakot dprd kabupaten kota provinsi kecamatan
    desa kelurahan republik indonesia ri negara kementerian kantor pusat layanan tata kelola
    pariwisata kebudayaan kesehatan pendidikan sosial perhubungan pertanian perikanan kelautan
    lingkungan hidup pekerjaan pu pupr perumahan permukiman kependudukan pencatatan sipil
    perencanaan penelitian bappeda keuangan aset pendapatan kepegawaian bkd bkpsdm sumber daya
    manusia sdm aparatur hukum organisasi perdagangan perindustrian koperasi ukm usaha mikro
    kecil menengah tenaga kerja nakertrans transmigrasi pemberdayaan perempuan perlindungan
    anak keluarga berencana kb pangan ketahanan kehutanan peternakan energi mineral sumber
    penanggulangan bencana bpbd satpol pp polisi pamong praja kesbangpol kesatuan bangsa
    politik arsip perpustakaan kearsipan pemuda olahraga dispora penanaman modal pelayanan
    terpadu satu pintu dpmptsp inspektorat inspektur aplikasi informatika aptika
    ikp diseminasi opini media kemitraan tim penggerak pkk forum koordinasi kehumasan nasional
    jenderal utama madya muda ahli fungsional teknis infrastruktur digital siber sandi
    kabinet negara presiden provinsi wilayah regional unit pelaksana upt uptd dinkominfo
    kominfotik diskominfotik setkot setdakab setdaprov kejaksaan kodim pwi komisi hms
    negeri tinggi pengadilan persandian rw rt senior korem polres polda lanud lanal
    setjen setwan biro kabinet penghubung ops operasi polresta polsek reskrim lantas binmas
    intelkam sabhara satreskrim satlantas organisasi adat panitia pelaksana penyelenggara
    harian pengurus cabang ranting posko satgas gugus tugas
    """.split()
)

#: office phrases (lower case, as written) -> code in the office concept scheme. Longest first
#: wins; a phrase followed by "Kominfo", "Humas" etc. keeps those words in the job title.
OFFICES: dict[str, str] = {
    "presiden": "presiden",
    "wakil presiden": "wakil-presiden", "wapres": "wakil-presiden",
    "menteri": "menteri", "menkominfo": "menteri", "mendagri": "menteri", "menkes": "menteri",
    "menkeu": "menteri", "menpan-rb": "menteri", "menpanrb": "menteri", "mensesneg": "menteri",
    "menkopolhukam": "menteri", "menko": "menteri", "menteri komdigi": "menteri",
    # the usual short forms of the ministers (as "Mendagri" above)
    "menaker": "menteri", "menag": "menteri", "mensos": "menteri", "menpora": "menteri",
    "mendikbud": "menteri", "mendikbudristek": "menteri", "mendikdasmen": "menteri",
    "menparekraf": "menteri", "menhub": "menteri", "mentan": "menteri", "menperin": "menteri",
    "mendag": "menteri", "menlu": "menteri", "menhan": "menteri", "menkumham": "menteri",
    "menpupr": "menteri", "menkomdigi": "menteri", "menkop": "menteri", "menkopmk": "menteri",
    "wakil menteri": "wakil-menteri", "wamen": "wakil-menteri", "wamenkominfo": "wakil-menteri",
    "gubernur": "gubernur",
    "wakil gubernur": "wakil-gubernur", "wagub": "wakil-gubernur",
    "sekretaris daerah": "sekda", "sekda": "sekda", "sekdakab": "sekda", "sekdaprov": "sekda",
    "sekdakot": "sekda", "sekdako": "sekda",
    "asisten": "asisten",
    "bupati": "bupati",
    "wakil bupati": "wakil-bupati", "wabup": "wakil-bupati",
    "wali kota": "wali-kota", "walikota": "wali-kota", "wali-kota": "wali-kota",
    "wako": "wali-kota", "wawako": "wakil-wali-kota",  # the usual short forms in Sumatra
    "wakil wali kota": "wakil-wali-kota", "wakil walikota": "wakil-wali-kota",
    "wawali": "wakil-wali-kota", "wawalkot": "wakil-wali-kota",
    "kepala dinas": "kepala-dinas", "kadis": "kepala-dinas", "kadiskominfo": "kepala-dinas",
    "kadisdik": "kepala-dinas", "kadinkes": "kepala-dinas", "kadin": "kepala-dinas",
    "sekretaris dinas": "sekretaris-dinas", "sekdis": "sekretaris-dinas",
    "kepala badan": "kepala-badan", "kaban": "kepala-badan", "kalaksa": "kepala-badan",
    "kepala pelaksana": "kepala-badan",
    "kepala bagian humas": "kepala-bagian-humas", "kabag humas": "kepala-bagian-humas",
    "kabag prokopim": "kepala-bagian-humas", "kepala bagian prokopim": "kepala-bagian-humas",
    "kabag protokol": "kepala-bagian-humas",
    "kepala bagian": "kepala-bagian", "kabag": "kepala-bagian",
    "kepala bidang": "kepala-bidang", "kabid": "kepala-bidang",
    "kepala seksi": "kepala-seksi", "kasi": "kepala-seksi", "kasie": "kepala-seksi",
    "kepala sub bagian": "kepala-subbagian", "kepala subbagian": "kepala-subbagian",
    "kasubbag": "kepala-subbagian", "kasubag": "kepala-subbagian",
    "camat": "camat",
    "sekretaris camat": "sekretaris-camat", "sekcam": "sekretaris-camat",
    "kepala desa": "kepala-desa", "kades": "kepala-desa", "pambakal": "kepala-desa",
    "kepala kampung": "kepala-desa", "kepala distrik": "camat", "keuchik": "kepala-desa",
    "geuchik": "kepala-desa", "perbekel": "kepala-desa", "wali nagari": "kepala-desa",
    # the village head by other regional names: Bolaang Mongondow, Minahasa, Maluku, Toraja,
    # Lampung, Cirebon and Indramayu
    "sangadi": "kepala-desa", "hukum tua": "kepala-desa", "raja negeri": "kepala-desa",
    "kepala lembang": "kepala-desa", "kepala pekon": "kepala-desa", "peratin": "kepala-desa",
    "kuwu": "kepala-desa", "kepala tiyuh": "kepala-desa",
    # … Aceh Tamiang and Riau ("Datok Penghulu", "Datuk Penghulu"), Gayo ("Reje")
    "datok penghulu": "kepala-desa", "datuk penghulu": "kepala-desa", "reje": "kepala-desa",
    "komandan": None,
    "lurah": "lurah",
    "direktur jenderal": "direktur-jenderal", "dirjen": "direktur-jenderal",
    "direktur": "direktur",
    "staf ahli": "staf-ahli", "staf ahli bupati": "staf-ahli", "staf ahli menteri": "staf-ahli",
    "anggota dprd": "anggota-dprd", "anggota dewan": "anggota-dprd",
    "ketua dprd": "ketua-dprd", "ketua dprk": "ketua-dprd", "anggota dprk": "anggota-dprd",
    "anggota": None,
    "kapolres": "kapolres", "kapolresta": "kapolres",
    "dandim": "dandim", "komandan kodim": "dandim",
    "juru bicara": "juru-bicara", "jubir": "juru-bicara",
    "pranata humas": "pranata-humas",
    "wartawan": "wartawan", "jurnalis": "wartawan",
    "kepala": None,  # "Kepala Diskominfo", "Kepala BPBD": decided by the next word
    "sekretaris": None, "ketua": None, "wakil ketua": None, "koordinator": None,
    "plt": None, "kapolri": None, "kapolda": None, "kapolsek": None, "danrem": None,
    "inspektur": None,
    "waseskab": None, "seskab": None, "sekretaris kabinet": None, "kepala biro": None,
    "wakil sekretaris kabinet": None, "wakil sekretaris": None, "wakil direktur": None,
    "wakil kepala": None, "wakil rektor": None, "rektor": None, "kepala kantor": None,
    "kajari": None, "kajati": None, "kasdim": None, "kasat": None, "kasatpol pp": None,
    "kalapas": None, "kakanwil": None, "kakankemenag": None, "bendesa adat": None,
    "bendesa": None, "asisten deputi": None, "kabag ops": "kepala-bagian",
    "kepala balai": None, "kepala pusat": None, "kepala upt": None, "kepala uptd": None,
    "karo": None, "deputi": None, "sekjen": None, "sekretaris jenderal": None,
    # the village head in Sangihe ("Kapitalaung") and in East Kalimantan ("Petinggi"); heads of
    # a customary community or a people (Dayak "Temenggung", Papuan "Ondoafi", "Kepala Suku")
    "kapitalaung": "kepala-desa", "petinggi": "kepala-desa", "temenggung": None,
    "ondoafi": None, "kepala suku": None,
    # the customary heads of Flores (Lio "Mosalaki", "Mosalaki Pu'u"; Ngada "Mosalaki" too),
    # followed by their clan's or village's name as the Papuan Ondoafi is
    "mosalaki": None,
    # commanders of military units by their short forms ("Danramil 1201-04/Ngabang Kapten …")
    "danramil": None, "danlanal": None, "danyon": None, "danposal": None, "danki": None,
}
#: short forms of offices that are not the first letters of the title's words -> the title's
#: start as written in full (lower case): "kata Kajari" refers back to the person named
#: "Kepala Kejaksaan Negeri …"
OFFICE_SHORT_FORMS: dict[str, str] = {
    "kajari": "kepala kejaksaan negeri", "kajati": "kepala kejaksaan tinggi",
    "kalapas": "kepala lembaga pemasyarakatan", "karutan": "kepala rumah tahanan",
    "kakanwil": "kepala kantor wilayah", "kakankemenag": "kepala kantor kementerian agama",
    "kasatpol pp": "kepala satuan polisi pamong praja", "kapolsek": "kepala kepolisian sektor",
    "kapolres": "kepala kepolisian resor", "kapolda": "kepala kepolisian daerah",
    "kapolri": "kepala kepolisian negara republik indonesia",
    "kadinkes": "kepala dinas kesehatan", "kadisdik": "kepala dinas pendidikan",
    "kalaksa": "kepala pelaksana", "kabag": "kepala bagian", "kabid": "kepala bidang",
}
#: "Kepala <unit word>" -> office code (the generic "kepala" above needs the next word).
KEPALA_UNITS: dict[str, str] = {
    "dinas": "kepala-dinas", "diskominfo": "kepala-dinas", "badan": "kepala-badan",
    "bappeda": "kepala-badan", "bpbd": "kepala-badan", "bkd": "kepala-badan",
    "bkpsdm": "kepala-badan", "bagian": "kepala-bagian", "bidang": "kepala-bidang",
    "seksi": "kepala-seksi", "desa": "kepala-desa", "dispora": "kepala-dinas",
    "dinkes": "kepala-dinas", "disdik": "kepala-dinas", "dishub": "kepala-dinas",
    # village and district heads by regional naming (Papua, Aceh, Sumatera Barat)
    "kampung": "kepala-desa", "gampong": "kepala-desa", "nagari": "kepala-desa",
    "distrik": "camat", "kecamatan": "camat", "kelurahan": "lurah",
}
#: first letters of a unit acronym after "Kepala" -> office code ("Kepala Dinkominfo",
#: "Kepala Diskominfotik": a dinas; "Kepala Bapenda", "Kepala BKPSDM": a badan).
KEPALA_UNIT_STEMS: tuple[tuple[str, str], ...] = (
    ("dis", "kepala-dinas"), ("din", "kepala-dinas"), ("bapp", "kepala-badan"),
    ("bap", "kepala-badan"), ("bp", "kepala-badan"), ("bk", "kepala-badan"),
    ("dp", "kepala-dinas"), ("dl", "kepala-dinas"),  # DPMD, DPUPR, DP3APPKB, DLH
)
#: the usual acronyms of a region's agencies: "Dis"/"Din" (dinas) and the first letters of its
#: fields, joined ("Disparbud", "Dinsos", "Disperindag"), or "Bapenda"/"Bappeda" (badan); with
#: "Ka" before them, the head of the agency ("Kadisbudpar": group ``dinas``/``badan``)
_UNIT_FIELDS = (
    r"(?:kominfo|kominfotik|kes|sos|hub|naker|nakertrans|nak|pora|dik|dikbud|bud|par|pera|"
    r"perindag|perin|indag|dag|kop|ukm|tan|pertan|kan|lh|pu|pupr|perkim|pkp|pangan|pmd|dukcapil|"
    r"capil|arpus|pusip|pmptsp|tph|bun|hut|esdm|kp|kopukm|ppkb|p3a|koperindag|porapar|pendik)+")
UNIT_ACRONYM = (rf"(?:(?P<dinas>ka)?(?:dis|din|dinas){_UNIT_FIELDS}"
                r"|(?P<badan>ka)?bap(?:p?eda|enda|elitbang|pedalitbang|eten))")
#: the head of such an agency, as one word ("Kadisbudpar", "Kabapenda")
UNIT_HEAD = rf"(?:ka(?:dis|din|dinas){_UNIT_FIELDS}|kabap(?:p?eda|enda|elitbang|pedalitbang|eten))"
#: military and police ranks written before a name ("Letkol Inf Dwi Haryanto", "AKBP ...").
MILITARY_RANKS: tuple[str, ...] = (
    "letjen", "mayjen", "brigjen", "kolonel", "kol", "letkol", "mayor", "kapten",
    "lettu", "letda", "peltu", "pelda", "serma", "serka", "sertu", "serda", "kopka", "koptu",
    "kopda", "praka", "pratu", "prada", "laksdya", "laksda", "laksma", "marsdya", "marsda",
    "marsma", "komjen", "irjen", "kombes", "kombespol", "akbp", "kompol", "akp", "iptu",
    "ipda", "aiptu", "aipda", "bripka", "brigpol", "briptu", "bripda",
)
#: corps or service written after a rank ("Letkol Inf", "Kolonel Czi", "Brigjen Pol").
MILITARY_CORPS: tuple[str, ...] = (
    "inf", "kav", "arh", "arm", "czi", "cpl", "cba", "chb", "ckm", "cpm", "caj", "ctp", "cku",
    "tni", "pol", "laut", "pnb", "tek", "kes", "adm", "mar", "sus", "nav", "lek", "(p)", "(k)",
    "(e)",
    # the navy's corps with its branch in brackets ("Lettu Laut (P) …")
    "laut (p)", "laut (t)", "laut (e)", "laut (s)", "laut (k)", "laut (kh)",
)
#: single words after an office that stay in the job title although not capitalised.
TITLE_MODIFIERS: frozenset[str] = frozenset({"senior", "terpilih", "definitif"})
#: words that mark an acting office holder ("Plt. Kadis").
ACTING_WORDS: frozenset[str] = frozenset({"plt", "pj", "plh", "pjs"})

# --- quotes -----------------------------------------------------------------------------------

#: attribution verbs (base forms); "-nya" forms are recognised automatically.
ATTRIBUTION_VERBS: tuple[str, ...] = (
    "kata", "ujar", "ucap", "ungkap", "jelas", "tegas", "tambah", "sebut", "terang", "imbuh",
    "pungkas", "tutur", "papar", "lanjut", "harap", "ajak", "pesan", "katakan", "sambung",
    "tandas", "urai", "akui", "sampai", "kata dia", "tukas", "seru", "pinta", "minta",
)
#: nouns for a speaker the release does not name ("kata seorang warga", "Salah seorang peserta
#: mengaku ..."): such a quote gets no speaker rather than the nearest named person.
UNNAMED_SUBJECTS: frozenset[str] = frozenset(
    """
    seorang salah warga peserta tokoh pedagang pengunjung petugas pria wanita perempuan siswa
    mahasiswa nelayan petani sumber narasumber pengurus penumpang pengendara orang ibu bapak
    pemuda relawan pelajar guru pengemudi sopir karyawan pegawai masyarakat penonton penjual
    pembeli seseorang sebagian beberapa para
    """.split()
)
#: verbs whose subject is the speaker of what follows ("X mengatakan, ...").
SPEECH_VERBS: tuple[str, ...] = (
    "mengatakan", "menjelaskan", "menegaskan", "menyampaikan", "mengungkapkan", "menyebutkan",
    "menerangkan", "menambahkan", "berpesan", "mengajak", "meminta", "mengimbau", "menuturkan",
    "memaparkan", "berharap", "menyatakan", "mengingatkan", "mengucapkan", "melanjutkan",
    "menekankan", "mengharapkan", "berkata", "bertutur", "menandaskan", "mengakui",
    "menyebut", "mengapresiasi", "menilai", "mengemukakan", "mengaku", "membantah",
    "mengungkap",
)


_NOT_LETTER = re.compile(r"[\W\d_]+")


def fold_degree(token: str) -> str:
    """Fold a degree or prefix token for lookup: lower-case letters only ("M.Ap" -> "map")."""
    return _NOT_LETTER.sub("", token.lower())
