"""The event a release reports: name, kind (event-type scheme), venue, audience, organiser."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .lexicon import AUDIENCE_MARKERS, EVENT_TYPES, EVENT_VERBS, MONTHS, VENUE_WORDS, WEEKDAYS

__all__ = ["EventParts", "find_event"]

def _keyword(word: str) -> str:
    # "peringatan dini gelombang tinggi", "diberi tanda peringatan": a warning, not a
    # commemoration
    if word == "peringatan":
        return r"(?<!tanda\s)peringatan(?!\s+dini)"
    return re.escape(word)


_KIND_ALTERNATIVES = "|".join(_keyword(k) for k in sorted(EVENT_TYPES, key=len, reverse=True))
_KEYWORDS = re.compile(r"(?<![\w-])(?:" + _KIND_ALTERNATIVES + r")(?![\w-])", re.IGNORECASE)
_VERBS = "|".join(sorted(EVENT_VERBS, key=len, reverse=True))
_NAME = re.compile(
    rf"\b(?P<verb>{_VERBS})\s+(?:acara\s+|kegiatan\s+)?(?P<name>[^,.(\n“”\"]{{3,120}}?)"
    r"(?=\s*(?:\(|,|\.|\n|$)|\s+(?:di|pada|bertempat|yang|dengan|selama|bagi|untuk|secara|"
    r"sejak|mulai|dalam\s+rangka|kepada|terhadap|bersama|tahun\s+\d{4})\b)",
    re.IGNORECASE,
)
# a bracket ends a place unless it holds the place's acronym with more of its name after it
_STOP = (r"(?=\s*(?:,|\.(?:\s|$)|\((?!(?-i:[A-Z][A-Za-z]{1,11})\)\s+(?-i:[A-Z]))|;|\n|$|"
         r"[\u2600-\u27bf\U0001f000-\U0001faff])"  # or an emoji
         # the joining words end a place written in lower case only: capitalised, they are
         # words of its name ("Gedung Serba Guna", "Balai Sidang Dalam Kota")
         r"|\s+(?:(?-i:pada|sejak|selama|yang|dengan|mulai|saat|sebelum|sesudah|setelah|usai|"
         r"seusai|kemudian|lalu|serta|"
         # "dan disaksikan …", "dan diikuti …": a passive verb after "dan" begins a new clause;
         # "milik …" says whose the place is, not its name
         r"kemarin|hari|tanggal|untuk|dalam|bersama|oleh|dan\s+di[a-z]+(?:kan|i)|milik|guna|"
         # "meresmikan Pasar Ikan Koba atas nama Bupati …": on whose behalf begins a new part
         r"atas\s+nama|"
         # "… di Pasar Rakyat Kandangan menjelang Natal …": the occasion is not the place
         r"menjelang|jelang)|" +
         "|".join(WEEKDAYS) + r")\b)")
_ACRONYM = r"\((?-i:[A-Z][A-Za-z]{1,11})\)"  # "(MPP)" inside a place's name
# an initial or a title inside a place's name: "Lapangan H. Adam Malik", "RSUD dr. Soedono"
_INITIAL = r"\b(?-i:[A-Z]|dr|Dr|Hj|Ir|Prof)\.(?=[ \t]?(?-i:[A-Z]))"
# (an emoji ends a place: "… di Balai Desa 🌊 Kegiatan …" in a caption)
_PLACE_CHARS = rf"(?:{_ACRONYM}|{_INITIAL}|[^,.;()\n“”\"\u2600-\u27bf\U0001f000-\U0001faff])"
_VENUE = re.compile(
    r"\b(?:bertempat\s+)?(?:di(?:\s+(?:depan|dalam|sekitar|area|lokasi|kompleks))?|"
    r"(?<=dimulai\s)dari|(?<=start\s)dari|(?<=berangkat\s)dari|"  # where a parade starts
    r"(?-i:ke)(?=\s+(?-i:[A-Z])))\s+(?P<venue>(?:"
    + "|".join(sorted(map(re.escape, VENUE_WORDS), key=len, reverse=True))
    + rf")\b{_PLACE_CHARS}{{0,80}}?)" + _STOP,
    re.IGNORECASE,
)
# an area as the place, when nothing else is named: a name follows ("di kawasan Tugu Dwikora",
# "di kawasan wisata Pantai Pasir Putih"); "di kawasan cagar budaya" only describes one. Last,
# because a release names the area around a room it names too ("… kawasan Jam Gadang … di Aula")
_AREA = re.compile(
    r"\b(?:di|ke)\s+(?P<venue>(?i:kawasan)(?:\s+[a-z]+){0,2}(?:\s+(?:[A-Z][\w'’-]*|dan))+)"
    r"(?<!\sdan)" + _STOP)
# a village as the place, when no building is named: "di Desa Dunu, Kecamatan Monano"
# (or a kecamatan, or the village whose people are visited: "mengunjungi warga Desa Lubuk, …")
_VILLAGE = re.compile(r"\b(?:di|mengunjungi\s+warga|menyambangi\s+warga)\s+(?P<venue>(?-i:Desa|"
                      r"Kelurahan|Kampung|Gampong|Nagari|Distrik|Kecamatan)\s+"
                      r"(?-i:[A-Z])[^,.;()\n“”\"]{0,60}?)" + _STOP, re.IGNORECASE)
_VENUE_MORE = re.compile(
    r",\s*(?!(?:" + "|".join(WEEKDAYS) + r"|pada|yang|dan|tanggal|hari)\b)"
    r"(?P<more>(?:(?:Jalan|Jl\.)\s+)?"
    r"[A-Z][\w'’-]*(?:\s+(?:[A-Z][\w'’-]*|dan|\([^()\n]{1,30}\)))*)"
    # (an emoji or the end of a line ends an address too: "…, Distrik Arso Timur 👶")
    r"(?=\s*[,.(]|[ \t]*(?:\n|$|[\u2600-\u27bf\U0001f000-\U0001faff]))",
    re.IGNORECASE)
# an object visited or opened with its own "di" and a named locality: the locality is the
# venue ("meresmikan Pasar Rakyat X di Desa Y, Kecamatan Z" → "Desa Y, Kecamatan Z";
# "meninjau Kawasan Transmigrasi di Kecamatan …", "… di Jalan …"); "Pulau … di Tapal Batas
# negara" names no locality
_OBJECT_IN = re.compile(
    r"\s+di\s+(?P<venue>(?:(?-i:Desa|Kelurahan|Kampung|Gampong|Nagari|Distrik|Kecamatan|"
    r"Kawasan|Jalan|Jl\.)|kawasan)\s+(?-i:[A-Z])[^,.;()\n“”\"]{0,60}?)" + _STOP)
# an online event's place is the medium or room it is held from ("secara daring melalui Zoom
# Meeting", "secara virtual dari Command Center Kantor Wali Kota …")
_ONLINE = re.compile(
    r"\bsecara\s+(?:daring|virtual|online|hibrida|hybrid)\s+(?:melalui|via|dari)\s+"
    r"(?:aplikasi\s+|platform\s+)?(?P<venue>(?-i:[A-Z])[\w'’&-]*(?:[ \t]+(?:(?-i:[A-Z0-9])"
    r"[\w'’&/-]*|dan))*)(?<!\sdan)(?=\s*(?:[,.(;\n]|$)|\s+(?-i:[a-z]))")
_VENUE_HEADS = "|".join(sorted((re.escape(w[:1].upper() + w[1:]) for w in VENUE_WORDS),
                               key=len, reverse=True))
# the place a visit goes to, not introduced by "di": "kunjungan kerja ke Dinas Komunikasi, …",
# "kemudian meninjau Mal Pelayanan Publik Manokwari"
_VISITED = re.compile(
    r"\b(?:kunjungan(?:\s+kerja)?\s+ke|berkunjung\s+ke|mengunjungi|meninjau|menyambangi|"
    # the building opened or the ground filled is where the event is: "meresmikan Rumah Sakit
    # …", "memadati Lapangan …"
    r"meresmikan|memadati|memenuhi)\s+"
    r"(?P<venue>(?-i:" + _VENUE_HEADS + r"|Dinas|Badan|Kantor|Sekretariat|Balai)"
    rf"\b{_PLACE_CHARS}{{0,80}}?)" + _STOP, re.IGNORECASE)
# any named place where the lead says something took place: "di Anjungan Gorontalo", "di
# Atrium Palembang Icon Mall", "kunjungan kerja ke Pontianak Smart City Command Center"
_NAMED_PLACE = re.compile(
    r"\b(?:di|(?:kunjungan(?:\s+kerja)?|berkunjung)\s+ke|mengunjungi|meninjau)\s+"
    r"(?P<venue>(?-i:[A-Z])[\w'’&-]*(?:[ \t]+(?:(?-i:[A-Z0-9])[\w'’&/-]*|dan|" + _ACRONYM
    + r"))*)(?=\s*(?:[,.(;\n]|$)|\s+(?-i:[a-z]))", re.IGNORECASE)
# a place's first word that makes it a region, a time or an organisation, not a venue
_NOT_VENUE_FIRST = re.compile(
    r"(?:Desa|Kelurahan|Kampung|Kecamatan|Distrik|Kabupaten|Kota|Provinsi|Pemkab|Pemkot|Pemprov|"
    r"Indonesia|Tanah\s+Air|Nusantara|Tahun|Bulan|Hari|Minggu|" + "|".join(
        w.capitalize() for w in WEEKDAYS) + r")\b")
# arriving somewhere is not the event's place when the text goes on to the place visited:
# "disambut … di Bandara Rendani, kemudian meninjau Mal Pelayanan Publik"
_ARRIVAL = re.compile(r"\b(?:disambut|tiba|mendarat|dijemput|dilepas)\b[^\n]{0,110}$", re.I)
_THEN = re.compile(r"\s*,?\s*(?:kemudian|lalu|selanjutnya|dan|sebelum)\s+(?:langsung\s+)?", re.I)
# a school event without "di": "sosialisasi … bagi 400 siswa kelas XII SMA Negeri 4 Palu"
_SCHOOL = re.compile(
    r"\b(?:bagi|kepada|untuk|dengan)\s+(?:para\s+)?(?:[\d.]+\s+)?(?:siswa|siswi|pelajar|murid|"
    r"mahasiswa|santri|guru)\b[^,.;()\n“”\"]{0,40}?\s(?P<venue>(?-i:SMAN?|SMKN?|SMPN?|SDN?|MAN|"
    r"MTsN?|Universitas|Institut|Politeknik|Pondok\s+Pesantren|Sekolah)\s+(?-i:[A-Z0-9])"
    r"[^,.;()\n“”\"]{0,60}?)" + _STOP)
_AUDIENCE = re.compile(
    r"\b(?:" + "|".join(sorted(map(re.escape, AUDIENCE_MARKERS), key=len, reverse=True))
    + r")\b\s*:?\s*(?:oleh\s+)?(?:para\s+)?(?P<aud>[^.\n;“”\"*]{3,200})",
    re.IGNORECASE,
)
_SMALL = {"dan", "di", "ke", "dari", "yang", "untuk", "pada", "dalam", "tentang", "atau",
          "serta", "bagi", "dengan", "oleh"}


@dataclass
class EventParts:
    """What the text says about its event; spans index the analysed text."""

    name: str | None = None
    event_type: str | None = None
    venue: str | None = None
    audience: str | None = None
    organizer_span: tuple[int, int] | None = None
    signal: bool = False  # a verb, keyword or venue says an event took place
    # a verb or an event word says so (a venue alone, or a date alone, may be a notice:
    # a service schedule, a registration period, a flood's shelters)
    strong: bool = False
    venue_in_lead: bool = False
    name_span: tuple[int, int] | None = None
    type_span: tuple[int, int] | None = None
    type_rule: str = "event-keyword"
    venue_span: tuple[int, int] | None = None
    audience_span: tuple[int, int] | None = None


def _title_case(phrase: str) -> str:
    words = phrase.split()
    out = []
    for i, w in enumerate(words):
        if any(ch.isupper() for ch in w[1:]) or (i and w.lower() in _SMALL):
            out.append(w if any(ch.isupper() for ch in w[1:]) else w.lower())
        else:
            out.append(w[:1].upper() + w[1:])
    return " ".join(out)


def _kind_match(text: str, rooms: bool = True) -> re.Match | None:
    """The first event word of ``text``; handing something over gives way to a word of a
    listed kind ("Wabup Serahkan SK dalam Upacara …" is an upacara). Unless ``rooms``, a word
    naming a room ("di Ruang Rapat Bupati") does not count."""
    first = None
    for k in _KEYWORDS.finditer(text, 0, 4000):
        if not rooms and _ROOM_BEFORE.search(text, max(0, k.start() - 12), k.start()):
            continue  # "di Ruang Rapat Bupati": the name of a room
        if k.group(0).lower() in _SIGNING and (
                _REGULATION_AFTER.match(text, k.end())
                or _REGULATION_BEFORE.search(text, max(0, k.start() - 120), k.start())):
            continue  # "Presiden menandatangani Keputusan Presiden …": a regulation, no event
        if k.group(0).lower() not in _HANDING_OVER:
            return k
        first = first or k
    return first


# "Bupati …, yang sedang menghadiri sidang DPRD …": why someone is not there, not the event
_ELSEWHERE = re.compile(r"\byang\s+(?:sedang|tengah|masih|sudah|telah)\s+$", re.IGNORECASE)
_HANDING_OVER = {"menyerahkan", "serahkan", "diserahkan", "penyerahan"}
# signing a regulation enacts it; the penandatanganan of the scheme is of an agreement
_SIGNING = {"menandatangani", "ditandatangani", "tandatangani", "teken", "penandatanganan"}
_REGULATION = (r"(?:peraturan|keputusan|instruksi|undang-undang|uu|perpres|keppres|inpres|perda|"
               r"perbup|pergub|perwali|perwako|permen\w*|qanun)\b")
_REGULATION_AFTER = re.compile(r"\s+(?:\w+\s+)?" + _REGULATION, re.IGNORECASE)
# "Perpres yang ditandatangani Presiden …", "Keppres ini telah ditandatangani …"
_REGULATION_BEFORE = re.compile(r"\b" + _REGULATION + r"[^.\n]{0,100}?\b(?:yang|ini|tersebut|itu)"
                                r"\s+(?:telah\s+|sudah\s+)?$", re.IGNORECASE)
# "dalam temu media di …", "pada rapat koordinasi di …": an event word held at the place
_WORD_BEFORE_PLACE = re.compile(
    r"\b(?:dalam|pada|melalui|saat|ketika|di\s+sela)\s+(?:acara\s+|kegiatan\s+)?"
    r"(?P<kind>" + _KIND_ALTERNATIVES + r")\b[^,.;\n]{0,30}?\s+$", re.IGNORECASE)
_ROOM_BEFORE = re.compile(r"\b(?:ruang|ruangan|gedung|balai|aula|wisma|hall|kawasan|kantor|"
                          r"sekretariat)[ \t]+$", re.IGNORECASE)


def _kind(text: str) -> str | None:
    m = _kind_match(text)
    return EVENT_TYPES[" ".join(m.group(0).lower().split())] if m else None


# the sentence of a place named after the lead must say something took place there ("acara
# berlangsung di …"), not that parking or shelters are there ("kantong parkir disediakan di …")
_HAPPENED = re.compile(
    r"\b(?:bertempat|berlangsung|digelar|dilaksanakan|diselenggarakan|diadakan|dihelat|"
    r"dipusatkan|acara|kegiatan|rapat|pertemuan|upacara|dihadiri|diikuti|"
    r"berkumpul|hadir|menggelar|melaksanakan|menyelenggarakan|mengadakan|diterima|disambut|"
    r"menerima|tiba|meninjau|mengunjungi|kunjungan|disampaikan|menyampaikan|jumpa\s+pers|"
    r"konferensi\s+pers)\b", re.IGNORECASE)


# "buka" also opens a service ("layanan tetap dibuka di …"): not a sign of an event here
_EVENT_VERB = re.compile(r"\b(?:" + "|".join(v for v in EVENT_VERBS if "buka" not in v)
                         + r")\b", re.IGNORECASE)
# "… di Istana Negara, Jakarta, Selasa (10/12/2024)": a place and a day, the event's
_WEEKDAY = re.compile(r"\b(?:" + "|".join(WEEKDAYS) + r")\b", re.IGNORECASE)
# organising a thing on a named day makes it an event of some kind ("Anugerah … yang
# diselenggarakan Komisi Informasi Pusat di Jakarta, Rabu (11/12/2024)")
_HELD = re.compile(r"\b(?:(?:meng|di)?gelar|(?:meng|di)?adakan|(?:me|di)?laksanakan|"
                   r"(?:meny|di)?selenggarakan|(?:meng)?hadiri)\b", re.IGNORECASE)


def _held_on_a_day(lead: str) -> bool:
    """True when the lead's first sentence organises something and names its weekday."""
    end = lead.find(". ")
    first = lead[:end if end > 0 else len(lead)]
    held = _HELD.search(first)
    return bool(held and _WEEKDAY.search(first, held.end()))


# the dot of an abbreviation ends no sentence: "13 s.d. 14 Maret 2024, di Hotel …", "dr. …"
_ABBREVIATION_END = re.compile(r"(?:\b[A-Za-z]|\bs\.d|\b(?:dr|Dr|Drs|Ir|Hj|Prof|No|Jl|Kab|Kec))$")


def _sentence_dot(text: str, pos: int) -> int:
    """Where the ". " that ends the sentence before ``pos`` is (-1 when none)."""
    dot = text.rfind(". ", 0, pos)
    while dot > 0 and _ABBREVIATION_END.search(text, max(0, dot - 5), dot):
        dot = text.rfind(". ", 0, dot)
    return dot


# a date straight after the place says when something was there, as a weekday does: "… di
# Aula Dinas Kesehatan, 8 s.d. 10 Juli 2025", "… di Gedung Serbaguna, 24 sampai 26 Juni 2025"
_PLACE_DATE = re.compile(
    # (after the rest of an address: "… di Aula Hotel Bukit Leuser, Kutacane, 3 sampai 5 Juni")
    r"(?:\s*,\s*(?-i:[A-Z])[\w'’-]*(?:[ \t]+(?-i:[A-Z])[\w'’-]*){0,3}){0,3}"
    r"\s*,?\s*\d{1,2}(?:\s*(?:s\.\s?d\.?|sampai|hingga|[-–—])\s*\d{1,2})?\s+(?:"
    + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\b", re.IGNORECASE)


def _took_place(text: str, v: re.Match, weekday: bool = True) -> bool:
    """True when the sentence of venue match ``v`` says something took place there (a weekday
    counts unless ``weekday`` is False: a fire in a village has a day too)."""
    start = max(_sentence_dot(text, v.start()), text.rfind("\n", 0, v.start())) + 1
    stop = text.find(". ", v.end())
    stop = stop if stop > 0 else len(text)
    return bool(_HAPPENED.search(text, start, stop) or _EVENT_VERB.search(text, start, stop)
                or (weekday and (_WEEKDAY.search(text, start, stop)
                                 or _PLACE_DATE.match(text, v.end()))))


def _in_quote(text: str, pos: int) -> bool:
    """True when ``pos`` is inside a quotation of its paragraph (a place someone talks about)."""
    seg = text[text.rfind("\n", 0, pos) + 1:pos]
    return seg.count("“") > seg.count("”") or seg.count('"') % 2 == 1


def _took_place_area(lead: str) -> re.Match | None:
    """The first area named in the lead's sentences where something takes place (not quoted)."""
    for v in _AREA.finditer(lead, 0, 2000):
        if _took_place(lead, v) and not _in_quote(lead, v.start()):
            return v
    return None


def _body_venue(body: str) -> re.Match | None:
    """The first place (in ``body``, the lead or the rest) where something takes place."""
    for v in _VENUE.finditer(body, 0, 20_000):
        place = v.group("venue")
        if _took_place(body, v) and not _in_quote(body, v.start()) and (
                any(c.isupper() for c in place) or (
                    v.start() < 300 and not place.rstrip().endswith("nya"))):
            return v  # not "di ruang kerjanya": whose room, the text does not name
    return None


# "📍 Lokasi: kantor desa/kelurahan masing-masing", "Tempat : Aula Bappeda": a notice's place
_PLACE_LINE = re.compile(r"^[^\w\n]*(?:Lokasi|Tempat)(?:\s+kegiatan|\s+acara)?[ \t]*:[ \t]*"
                         r"(?P<venue>\w[^\n]{2,100}?)[ \t.]*$", re.M | re.I)
_TRAILING_SYMBOLS = re.compile(r"[^\w)]+$")
_STREET = re.compile(r"(?:Jalan|Jl\.?|Jln\.?)\s", re.I)
# "menjelang gelaran MotoGP di Sirkuit Mandalika": the place of the occasion prepared for
_FOR_LATER = re.compile(r"\b(?:menjelang|jelang|persiapan|rencana)\b[^.,;\n]{0,45}$", re.I)


def _named_place(lead: str) -> re.Match | None:
    """A named place in the lead's sentences where something takes place: not a region (those
    are where, not the venue), a date or an organisation alone."""
    from .organizations import is_major_region
    from .regions import has_region_name

    for v in _NAMED_PLACE.finditer(lead, 0, 2000):
        name = v.group("venue").strip()
        if _NOT_VENUE_FIRST.match(name) or _in_quote(lead, v.start()) or _FOR_LATER.search(
                lead, max(0, v.start() - 50), v.start()):
            continue
        if is_major_region(name) or has_region_name(name, "kecamatan", "desa") or len(name) < 4:
            continue
        if _took_place(lead, v):
            return v
    return None


# an organisation that announces something publishes a notice: the places it names are where
# a service or a schedule runs, not where an event is held ("BKPSDM mengumumkan jadwal
# verifikasi … di Gedung Serba Guna"), unless the text names an event
_ANNOUNCES = re.compile(r"\b(?:mengumumkan|umumkan|membuka\s+pendaftaran|"
                        r"pendaftaran(?:\s+\w+){0,6}\s+dibuka)\b", re.I)


def _first_sentence_end(lead: str) -> int:
    """Where the lead's first sentence ends (the whole lead when it has one sentence)."""
    stop = lead.find(". ")
    while stop > 0 and _ABBREVIATION_END.search(lead, max(0, stop - 5), stop):
        stop = lead.find(". ", stop + 1)
    return stop if stop > 0 else len(lead)


# a headline that is the heading of a notice: a schedule, an announcement, a registration
# ("JADWAL KAPAL PERINTIS …", "Info Jadwal Speedboat …", "PENGUMUMAN: …", "Pendaftaran Beasiswa
# … Dibuka", or a closure): what it lists are services, places and dates, not an event
_NOTICE_HEADING = re.compile(
    r"^[^\w]*(?:info\s+)?(?:jadwal|pengumuman)\b|^[^\w]*(?:dibuka\s+pendaftaran\b|"
    r"pendaftaran\b(?:\s+[\w/-]+){1,8}\s+dibuka\b)"
    # a closure: "OBJEK WISATA LEMO DITUTUP SEMENTARA …", "Jalur Mendut–Borobudur Ditutup Saat
    # Prosesi …", "Sejumlah Ruas Jalan … Ditutup" (not "Tapin Expo Ditutup": an event's close)
    r"|\b(?:ditutup|penutupan)\s+(?:sementara|saat|selama)\b"
    r"|\b(?:jalan|jalur|ruas)\b.*\bditutup\b", re.IGNORECASE)


def find_event(headline: str | None, lead: str, lead_offset: int, body: str,
               headline_offset: int = 0, body_offset: int = 0) -> EventParts:
    """Read the event from the headline, the lead paragraph(s) and the body; spans are offsets
    into the text the three parts come from (``*_offset`` say where each starts). A notice's
    headline ("Jadwal …", "Pengumuman …", "Pendaftaran … Dibuka") gives no event."""
    parts = EventParts()
    if headline and _NOTICE_HEADING.search(headline):
        return parts
    for source, offset in ((lead, lead_offset), (headline or "", None)):
        for m in _NAME.finditer(source):
            name = m.group("name").strip()
            if _ELSEWHERE.search(source, max(0, m.start() - 20), m.start()):
                continue  # "…, yang sedang menghadiri sidang DPRD di Dobo": someone's absence
            if _KEYWORDS.match(name) or _KEYWORDS.search(name[:40]):
                parts.name = _title_case(name)
                parts.event_type = _kind(name)
                parts.signal = True
                base = lead_offset if offset is not None else headline_offset
                parts.name_span = (base + m.start("name"), base + m.start("name") + len(name))
                k = _kind_match(name)
                if k:
                    parts.type_span = (parts.name_span[0] + k.start(),
                                       parts.name_span[0] + k.end())
                if offset is not None:
                    parts.organizer_span = (max(0, offset + m.start() - 60), offset + m.start())
                break
        if parts.name:
            break
    from_title = False
    if parts.event_type is None:
        for source, base in ((headline or "", headline_offset), (lead, lead_offset)):
            k = _kind_match(source, rooms=False)
            if k:
                parts.event_type = EVENT_TYPES[" ".join(k.group(0).lower().split())]
                parts.type_span = (base + k.start(), base + k.end())
                from_title = source is headline
                first_end = _first_sentence_end(lead)
                if source is lead and k.start() > first_end and _ANNOUNCES.search(
                        lead, 0, first_end):
                    # "… membuka pendaftaran beasiswa … Berkas diserahkan ke Kantor …": after
                    # an announcement, a kind word further on is part of what is announced
                    parts.event_type = parts.type_span = None
                break
        parts.signal = parts.signal or parts.event_type is not None
    notice = parts.name is None and parts.event_type is None and _ANNOUNCES.search(
        lead, 0, _first_sentence_end(lead))
    v = (_PLACE_LINE.search(body, 0, 3000) or None if notice else (
        _PLACE_LINE.search(body, 0, 3000) or _body_venue(lead) or _VISITED.search(lead)
        or _SCHOOL.search(lead) or _named_place(lead) or _body_venue(body)
        # an area only where the text names an event: a closure or a schedule names areas
        # too ("kawasan Waduk … ditutup sementara, Rabu …")
        or _ONLINE.search(lead) or _ONLINE.search(body, 0, 3000)
        or _VILLAGE.search(lead) or (
            _took_place_area(lead) if parts.event_type or parts.name else None)))
    if v and _ARRIVAL.search(v.string, max(0, v.start() - 110), v.start()):
        then = _THEN.match(v.string, v.end())
        later = _VISITED.match(v.string, then.end()) if then else None
        if later is None and then:
            later = _VENUE.match(v.string, then.end())
        if later:
            v = later
    if v and (v.re is _VISITED or (v.re is _NAMED_PLACE and v.group(0)[:2].lower() != "di")):
        cut = v.group("venue").find(" di ")
        inner = _OBJECT_IN.match(v.string, v.start("venue") + cut) if cut > 0 else \
            _OBJECT_IN.match(v.string, v.end())
        if inner:
            v = inner
    if v:
        parts.venue = _TRAILING_SYMBOLS.sub("", v.group("venue").strip())  # "Hotel Claro 🏨"
        src = lead if v.string is lead else body
        # a place in the lead makes an event of a release without an event word only where
        # something takes place ("layanan tetap dibuka di Pelabuhan …" is a notice)
        # a street or a village alone makes an event only where something takes place there
        # ("rekayasa lalu lintas di Jalan Slamet Riyadi pada Minggu" is a notice)
        parts.venue_in_lead = (src is lead and not _STREET.match(parts.venue) and (
            v.re not in (_VENUE, _NAMED_PLACE, _VILLAGE)
            or _took_place(src, v, weekday=v.re is not _VILLAGE))) or (
            v.re is _PLACE_LINE)
        base = lead_offset if src is lead else body_offset
        parts.venue_span = (base + v.start("venue"), base + v.start("venue") + len(parts.venue))
        held = _WORD_BEFORE_PLACE.search(src, max(0, v.start() - 40), v.start()) \
            if src is lead and from_title else None
        k = _KEYWORDS.fullmatch(held.group("kind")) if held else None
        if k:
            # "… memperkenalkan Festival … dalam temu media di Anjungan …": what is held at
            # the place is the event, not what the title names
            parts.event_type = EVENT_TYPES[" ".join(k.group(0).lower().split())]
            parts.type_span = (lead_offset + held.start("kind"), lead_offset + held.end("kind"))
        end = v.end()
        for _ in range(4):  # "Kantor Dinas Komunikasi, Informatika …, Jalan Pramuka"
            more = _VENUE_MORE.match(src, end)
            if not more or not more.group("more")[:1].isupper():
                break
            # the whole address chain belongs to the venue, its province too ("MPP Kabupaten
            # Bantul, Daerah Istimewa Yogyakarta"; docs/extraction.md, the venue convention)
            parts.venue += ", " + more.group("more").strip()
            end = more.end()
            parts.venue_span = (parts.venue_span[0], base + more.end("more"))
        parts.signal = True
    a = _AUDIENCE.search(lead) or _AUDIENCE.search(body)
    if a:
        parts.audience = a.group("aud").strip(" ,*")
        base = lead_offset if a.string is lead else body_offset
        parts.audience_span = (base + a.start("aud"), base + a.end("aud"))
    parts.strong = parts.event_type is not None or parts.name is not None or bool(
        _held_on_a_day(lead))
    if parts.signal and parts.event_type is None:
        parts.event_type = "lainnya"
        parts.type_rule = "event-default"
    return parts
