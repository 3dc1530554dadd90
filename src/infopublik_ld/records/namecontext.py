"""The words around a capitalised phrase that mark it as a person's name: offices inside
building names, verbs of saying before and after, ceremony roles and what they read, descriptions
of a person before a name between commas, "sebagai"/"selaku" before an office, and the full form
of a short name written earlier (see :func:`.people.find_people`)."""

from __future__ import annotations

import re

from .evidence import ROLE_NOUNS
from .lexicon_people import ATTRIBUTION_VERBS, SPEECH_VERBS
from .names import is_degree
from .offices import OFFICE_RE

_REGULATION_BEFORE = re.compile(r"(?:Instruksi|Peraturan|Keputusan|Surat\s+Edaran)\s+$", re.I)
# "Aula Kantor Camat Tanjung Raja", "Rumah Dinas Bupati", "Ruang Kerja Wali Kota": an office
# inside the name of a building names no one
_BUILDING_BEFORE = re.compile(r"\b(?:Kantor|Rumah[ \t]+(?:Dinas|Jabatan)|Rujab|Ruang(?:[ \t]+"
                              r"(?:Kerja|Rapat))?|Pendopo|Pendapa|Aula|Gedung|Halaman)[ \t]+$",
                              re.I)
_VERB_ALT = "|".join(sorted(ATTRIBUTION_VERBS, key=len, reverse=True))
_VERB_BEFORE_NAME = re.compile(rf"\b(?:(?:{_VERB_ALT})|menurut|oleh|kepada|bersama)\s+$",
                               re.IGNORECASE)
_AFTER_NAME = re.compile(
    r"(?=[\s,])\s*(?:,\s*|\s+)(?:selaku|sebagai|yang\s+juga)\b|,?\s+(?=["
    + "".join(sorted({v[0] for v in SPEECH_VERBS})) + "])(?:" + "|".join(SPEECH_VERBS) + r")\b",
    re.IGNORECASE,
)
_COMMA = re.compile(r"[ \t]*,[ \t]*")
_ATTRIBUTION_BEFORE = re.compile(rf"^(?:{_VERB_ALT}|menurut)\b", re.I)
_CAP_WORD = re.compile(r"(?<![\w.'’-])[A-Z][a-z'’]+(?:-[A-Za-z][a-z'’]*)?")

_WEAK_RULES = ("attribution-verb", "speech-verb", "selaku")
_QUOTED_RULES = ("honorific", "degree", "office-before")
_FULL_FORM_WINDOW = 3000  # characters searched each way for a name's full form (keeps time linear)


def _full_form_before(text: str, span: tuple[int, int]) -> tuple[int, int] | None:
    """The full form of the short name at ``span``: the nearest run of one or two more
    capitalised words that begins or ends with it, standing alone between a comma, a line start
    or a sentence end and a comma or a full stop, before the short form or after it.

    A short form next to a verb of saying is weak evidence on its own; the same word written out
    as a whole name elsewhere in the release ("…, Dewi Anggraini Lubis. Menurut Lubis, …",
    "kata Dewi. … Dewi Anggraini, perajin …") is a second mention, and the whole name is the
    one to publish."""
    name = text[span[0]:span[1]].strip()
    if not name or len(name.split()) > 3:
        return None
    lo, hi = max(0, span[0] - _FULL_FORM_WINDOW), min(len(text), span[1] + _FULL_FORM_WINDOW)
    if text.find(name, lo, span[0]) < 0 and text.find(name, span[1], hi) < 0:
        return None  # written once: no full form (a plain search, before the patterns)
    esc = re.escape(name)
    more = r"(?:[ \t]+[A-Z][a-z'’-]+){1,2}"
    ahead = r"(?=[ \t]*(?:,|\.(?!\w)))"
    found = None
    for pattern in (
            re.compile(r"(?:(?<=,[ \t])|(?<=^)|(?<=\.[ \t]))" + esc + more + ahead, re.M),
            re.compile(r"(?<=,[ \t])(?:[A-Z][a-z'’-]+[ \t]+){1,2}" + esc + ahead)):
        for m in pattern.finditer(text, lo, hi):
            if m.start() <= span[0] < m.end():
                continue  # the short form itself
            if found is None or abs(m.start() - span[0]) < abs(found[0] - span[0]):
                found = m.span()
    return found


_AS_BEFORE = re.compile(r"\b(?:sebagai|selaku)[ \t]+$")
_AS_AFTER = re.compile(r"[ \t]*,?[ \t]*(?:sebagai|selaku)[ \t]+(?=[A-Z])")
# (Balinese nobility: "Anak Agung", "Ida Bagus", "Ida Ayu" begin the name itself)
_PARTICLE_BEFORE = re.compile(r"(?<![\w.])(?:I|Ni|Cut|Teuku|Lalu|Baiq|Wa\s+Ode|Andi|Uray|Raja|"
                              r"Anak[ \t]+Agung|Ida[ \t]+(?:Bagus|Ayu))[ \t]+$")
#: ceremony roles before a name; the name may follow a comma after the role's object.
_ROLE_OBJECT = (r"(?:[ \t]+(?:[a-z][\w-]*|Pancasila|UUD(?:[ \t]+1945)?|Undang-Undang[ \t]+Dasar"
                r"(?:[ \t]+1945)?|Proklamasi|Pembukaan|Teks|Naskah|Ikrar|Panca[ \t]+Prasetya|"
                r"Satpol[ \t]+PP|Tri[ \t]+Brata|Sapta[ \t]+Marga|Korpri|Doa|Sumpah[ \t]+Pemuda))")
ROLE_BEFORE_NAME = re.compile(
    r"(?:\b(?i:pembaca|pembawa|pengibar|komandan|pembina|inspektur|perwira|pemimpin|dirigen)"
    rf"(?:{_ROLE_OBJECT}{{1,6}}?[ \t]*,[ \t]*|{_ROLE_OBJECT}{{1,4}}?[ \t]+)"
    # the flag raisers by the verb ("dikibarkan oleh A, B dan C") or by their troop before a
    # comma ("tiga anggota Paskibraka, A, B dan C")
    r"|\bdikibarkan[ \t]+oleh[ \t]+|\b(?i:paskibraka|paskibra)[ \t]*,[ \t]*)"
    r"(?=(?:[A-Z][a-z]|[A-Z]\.|(?:Ustaz|Ustadz|Pdt|Tgk|TGH|Kapten|Kompol|Iptu)\b))")


# the capitalised words of what a role reads or carries, when the lazy role match stopped early
_OBJECT_RUN = re.compile(
    r"(?:(?:Pancasila|UUD(?:[ \t]+1945)?|Undang-Undang[ \t]+Dasar(?:[ \t]+1945)?|Proklamasi|"
    r"Pembukaan|Teks|Naskah|Ikrar|Panca[ \t]+Prasetya|Tri[ \t]+Brata|Sapta[ \t]+Marga|Doa|"
    r"Sumpah[ \t]+Pemuda|Kemerdekaan|Republik|Indonesia|Tahun|1945)[ \t]+)+(?=[A-Z])")
_ROLE_FROM = re.compile(r"[ \t](?:dari|asal)[ \t]+$")
#: the next name of a list; a school or a unit in brackets after a name ("A (SMAN 1 …), B …")
_LIST_NEXT = re.compile(r"(?:[ \t]*\([^()\n]{1,40}\))?"
                        r"[ \t]*(?:,[ \t]*(?:dan[ \t]+)?|[ \t]+dan[ \t]+)(?=[A-Z])")


#: lower-case descriptions of a person (not an office) before ", Name,".
DESCRIBED_BEFORE_NAME = re.compile(
    r"\b(?i:seorang[ \t]+[a-z]+|pemilik|pendiri|pengelola|pengusaha|pedagang|petani|nelayan|"
    r"perajin|pengrajin|pelaku\s+usaha|pelaku\s+UMKM|warga|siswa|siswi|pelajar|mahasiswa|mahasiswi|santri|peserta|"
    r"penerima|pemenang|juara|relawan|penyintas|korban|narasumber|pegiat|penggiat|tokoh|"
    r"seniman|atlet|guru|dosen|dokter|bidan|perawat|penyuluh|pendamping|ibu\s+rumah\s+tangga|"
    r"praktisi|pakar|akademisi|pengamat|peneliti|operator|kader|konsultan|fasilitator|"
    r"instruktur|pelatih|pemateri|pembicara|penceramah|budayawan|pemandu|pengemudi|sopir|"
    r"buruh|karyawan|pegawai|petugas|staf|lansia|orang\s+tua|perwakilan|ibu|bapak)"
    r"\b(?:[ \t]+(?:[\w.'’/-]+|\([\w.'’ /-]{1,30}\))){0,10}?[ \t]*,[ \t]*(?=[A-Z][a-z])")
_AND_NAME = re.compile(r"[ \t]+dan[ \t]+(?=[A-Z][a-z])")
_CLAUSE_STOP = re.compile(r"[ \t]*(?:[,.;]|$)")


# a degree starts with a capital ("S.H.", "M.Si", "SE"): lower-case words need no look-up
_DEGREE_CAND = re.compile(r"(?<=[\s,])[A-Z][A-Za-z.]{0,8}(?=[\s,.;)]|$)")


#: nouns for a person, written after a name and a comma ("…, siswi SMA …", "…, petani krisan")
PERSON_NOUNS = frozenset(
    """siswa siswi pelajar mahasiswa mahasiswi santri santriwati guru dosen petani nelayan
    pedagang peternak pengrajin perajin pengusaha pemilik karyawan pegawai bidan perawat dokter
    kader relawan atlet wartawan jurnalis warga tokoh pemuda pemudi ibu bapak""".split()
    ) | ROLE_NOUNS
_DESCRIBED_AFTER = re.compile(r"[ \t]*,[ \t]+(?:seorang[ \t]+)?(?:" + "|".join(
    sorted(PERSON_NOUNS, key=len, reverse=True)) + r")\b")

def _anchors(text: str) -> list[int]:
    """Positions after which a name may end: degrees, "selaku", speech verbs, ", <office>"."""
    out = [m.start() for m in _AFTER_NAME.finditer(text)]
    out += [m.start() for m in _DEGREE_CAND.finditer(text) if is_degree(m.group(0))]
    out += [m.start() for m in _COMMA.finditer(text) if OFFICE_RE.match(text, m.end())]
    out += [m.start() for m in _DESCRIBED_AFTER.finditer(text)]
    return sorted(out)
