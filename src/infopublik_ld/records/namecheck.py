"""Is a name-like phrase a person? The tests that keep ordinary words, places, organisations and
buildings out of the people of a release (see docs/extraction.md, "Precision first")."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from .evidence import NAME_PARTICLES, PROPER_ADJECTIVES, not_a_name, region_short_form, word_class
from .lexicon import REGION_ABBREVIATIONS, VENUE_WORDS
from .lexicon_people import OFFICES, TITLE_WORDS
from .names import parse_name
from .organizations import is_major_region, is_organization
from .regions import _rows, has_region_name, strip_level_prefix
from .wordlist import is_active_verb, is_ordinary, is_stopword

__all__ = ["Candidate", "NAME_PARTICLES", "drop_leading_places", "is_place_name",
           "name_confidence", "place_not_person"]

_STRONG = {"honorific", "degree", "office-before", "attribution-verb"}
#: rules that found the name between commas, described as a person before or after it
_APPOSITION = {"described-before", "described-after"}


def _possible_name(word: str) -> bool:
    """True when ``word`` is neither an ordinary word, a function word nor a name particle."""
    return not (is_ordinary(word) or is_stopword(word) or word.lower().rstrip(".") in (
        NAME_PARTICLES) or word.lower() in PROPER_ADJECTIVES)


# a building, street or venue named after a person: "RSUD H. Badaruddin Kasim", "Aula Multatuli"
NAMED_AFTER_BUILDING = re.compile(
    r"\b(?:RSUD|RSU|RS|Auditorium|Pendapa|Rumah\s+Sakit(?:\s+Umum)?(?:\s+Daerah)?|Aula|Gedung|Jalan|Jl\.|Bandara|Asrama|"
    r"Bandar\s+Udara|Stadion|Masjid|Universitas|Lapangan|Taman|Wisma|Graha|Balai|Gelanggang|"
    r"Sekolah|Pendopo|Museum|Monumen|Jembatan|GOR|Pelabuhan|Kampus|Lanud|Sasana|Bangsal)"
    r"[ \t]+(?:(?:[A-Z][a-z]{0,3}\.|\([A-Z.]{1,8}\))[ \t]*)*$")

#: first words that make a phrase an organisation or a venue, not a person.
_ORG_FIRST_WORDS = frozenset(
    """dinas badan bagian kantor sekretariat komisi kementerian lembaga dewan forum tim
    majelis persatuan ikatan himpunan yayasan koperasi taman gedung aula balai lapangan
    universitas sekolah rumah pusat museum pasar masjid gereja pura hotel direktorat
    kepolisian polda polres polresta polsek kejaksaan kejari pengadilan rsud puskesmas
    satpol satuan unit upt uptd biro deputi inspektorat perusahaan bank pt cv posyandu posbindu
    kelompok paguyuban komunitas sanggar gapoktan poktan bumdes bumdesa pokdarwis karang
    dasawisma kwt lpm pkk ormas organisasi panitia festival pekan lomba program gerakan satgas
    gugus posko perum perumda pdam bumd bumn""".split())


#: first words of a venue (the events' venue words): a phrase they begin is a place
_VENUE_FIRST_WORDS = frozenset(w for w in VENUE_WORDS if " " not in w and w not in NAME_PARTICLES)
#: the venue words of two words or more ("pondok pesantren", "rumah sakit"): a phrase that
#: begins with one names a place as surely as one that begins with a one-word venue word
_VENUE_PHRASES = tuple(f"{w} " for w in VENUE_WORDS if " " in w)
#: first words of a landform or area: "Lembah Baliem", "Danau Lindu", "Pulau Seram".
_GEO_FIRST_WORDS = frozenset(
    """lembah gunung danau sungai pantai pulau teluk selat bukit pegunungan kawasan dusun
    distrik kampung desa kelurahan kecamatan jalan jl""".split())
#: feasts and calendar words: a phrase with one of them names a day, never a person.
_CALENDAR_WORDS = frozenset(
    """idul idulfitri iduladha adha adhha imlek nyepi waisak waisak paskah ramadan ramadhan
    muharram maulid hut""".split())
# verbs that only mean saying ("sampai" is also "until": "sampai Lebaran,")
_SAYING_BEFORE = re.compile(r"\b(?:kata|ujar|ucap|tutur|ungkap|jelas|tegas|imbuh|pungkas|tandas|"
                            r"papar|terang|sebut|tambah|tukas)[ \t]+$", re.I)
#: an organisation's head word right after a phrase (no comma between)
_ORG_HEAD_AFTER = re.compile(r"[ \t]+(?:Kementerian|Dinas|Badan|Kantor|Sekretariat|Direktorat|"
                             r"Pemerintah|Pemkab|Pemkot|Pemprov)\b")
_FROM_BEFORE = re.compile(r"\b(?:dari|asal)[ \t]+$", re.I)
_CLAUSE_END = re.compile(r"[ \t]*(?:[,.;:!?\"”)\n]|$)")
# "Kepala Kampung Hom-Hom Eli …", "warga Desa …": a village's level word; not one that ends a
# compound noun after an ordinary word ("Direktur Pengembangan Ekonomi Desa Siti …")
# a village's level word, or its head by a regional name, before the village ("Raja Negeri
# Tehoru …" in Maluku, "Sangadi Moyag …" in Bolaang Mongondow)
_LEVEL_BEFORE = re.compile(r"\b(?i:desa|kampung|kelurahan|nagari|gampong|dusun|banjar|lembang|"
                           r"pekon|tiyuh|jorong|distrik|raja[ \t]+negeri|sangadi|perbekel|keuchik|"
                           r"geuchik|kuwu|peratin|hukum[ \t]+tua|kapitalaung|petinggi|ondoafi|"
                           r"temenggung|kepala[ \t]+suku)[ \t]+$")
# a village's or a kecamatan's level word alone (no head's title), right before a phrase
_AREA_LEVEL_BEFORE = re.compile(r"\b(?i:desa|kampung|kelurahan|nagari|gampong|dusun|lembang|pekon|"
                                r"tiyuh|jorong|kecamatan)[ \t]+$")
# a village head's title of two words, the first an ordinary word: no compound noun (with the
# village's level word after it or not: "Hukum Tua Desa …")
_TWO_WORD_HEAD = re.compile(r"\b(?i:raja[ \t]+negeri|hukum[ \t]+tua)"
                            r"(?:[ \t]+(?i:desa|negeri|kampung))?[ \t]+$")
_VERB_AFTER = re.compile(r"(?:,[ \t]*(?:[A-Z][A-Za-z]{0,4}\.(?:[A-Za-z]{1,4}\.?)*,?[ \t]*)*)?[ \t]*"
                         r"([a-z]+)\b")
_CLAUSE_GOES_ON = re.compile(r"[ \t]*(?:[,.;:)\n]|$|(?:dan|yang|serta|selaku|sebagai|bersama)\b)")
_WORD_BEFORE = re.compile(r"(,|\b[A-Z][\w'’-]+)[ \t]+$")
#: words that end a village's or region's name ("Kolongan Atas", "Tuntungan II")
_PLACE_TAIL = frozenset(
    """atas bawah baru lama induk hulu hilir dalam luar utara selatan timur barat tengah raya
    i ii iii iv v satu dua tiga""".split())
_COMPOUND_LEVEL = re.compile(r"(\w+)[ \t]+\w+[ \t]+$")
#: an area head and one capitalised word right before a name ("Camat Long Apari …")
_AREA_HEAD_WORD_BEFORE = re.compile(r"\b(?i:camat|sekcam|lurah)[ \t]+([A-Z][\w'-]*)[ \t]+$")
_AREA_HEAD_BEFORE = re.compile(r"\b(?i:camat|sekcam|lurah|kades|kadus|sangadi|perbekel|keuchik|"
                               r"geuchik|kuwu|peratin|kapitalaung|petinggi)[ \t]+$")


@dataclass(frozen=True)


class Candidate:
    """A capitalised phrase that looked like a name but was not taken as a person."""

    start: int
    end: int
    label: str
    reason: str  # "ordinary-word", "place", "organization", "office", "unsure"
    rule: str = ""  # the person rule that proposed it


_REGIONAL_HEADS = {"bupati", "wakil-bupati", "wali-kota", "wakil-wali-kota", "gubernur",
                   "wakil-gubernur", "camat", "sekda", "lurah", "kepala-desa"}
#: heads of areas that are not all in the table (kecamatan, villages)
_AREA_HEADS = {"camat", "lurah", "kepala-desa"}


#: a word without a vowel is an abbreviation ("Drh", "Mhd"), not a name
_ABBREVIATION = re.compile(r"[^aeiouyAEIOUY]+")
#: a full stop after the word and more capitalised words: the word was abbreviated
_CUT_AFTER = re.compile(r"\.[ \t]*[A-Z][a-z]")


#: honorific titles of customary heads ("Rato", "Mananwir", "Liurai" …, see
#: :data:`~.lexicon_people.HONORIFIC_PREFIXES`): also the first word of a head's title
CUSTOMARY_PREFIXES = frozenset(
    "Rato Mananwir Liurai Mokole Opu Karaeng Annangguru Suster Puang Si'ulu Si’ulu Ondoafi".split())
_CUSTOMARY_OFFICE_AFTER = re.compile(r"(?:,[ \t]*|[ \t]+)[A-Z]")


def name_confidence(text: str, span: tuple[int, int], rule: str,
                    office_code: str | None = None) -> tuple[str | None, str]:
    """``(confidence, reason)`` for a name found by ``rule``; confidence None means the phrase
    is an ordinary word, a place or an organisation without strong evidence of a person."""
    parsed = parse_name(text[span[0]:span[1]])
    if NAMED_AFTER_BUILDING.search(text, max(0, span[0] - 60), span[0]):
        return None, "organization"  # "RSUD H. Badaruddin Kasim", "Jalan Soekarno-Hatta"
    if parsed.prefixes and not parsed.suffixes and len(parsed.name.split()) == 1 and (
            parsed.prefixes[0] in CUSTOMARY_PREFIXES) and _CUSTOMARY_OFFICE_AFTER.match(
            text, span[1]):
        # "Mananwir Korido, Mananwir Zadrak …", "Rato Lamboya Umbu …": a customary title with
        # one word after it is the title of a place's head as often as a name; with another
        # name after it (a comma, a capital) it is the head's place
        return None, "unsure"
    if parsed.prefixes or parsed.suffixes:
        return "certain", ""
    name = parsed.name
    if " " not in name.strip() and (len(name.strip(".")) <= 2 or _ABBREVIATION.fullmatch(
            name.strip(".")) or (len(name.strip(".")) <= 4 and _CUT_AFTER.match(text, span[1]))):
        # "Ns." read alone, "Dkk", or a short word whose full stop runs on into more capitalised
        # words ("Xy. Budi Santoso"): an abbreviation cut from a longer name or title, never a
        # name by itself
        return None, "unsure"
    not_name = not_a_name(name)
    if not_name:
        # "tegas Menaker.", "Kasat Samapta Polres Pematangsiantar": every word an office, an
        # organisation, a place or an ordinary word (see .evidence)
        return None, "organization" if not_name == "organization" else "office"
    head = _ORG_HEAD_AFTER.match(text, span[1])
    if head and any(is_ordinary(w) for w in name.split()):
        # "Direktur Jenderal Bimbingan Masyarakat Islam Kementerian Agama …": ordinary words
        # running on into an organisation are the rest of the office's title
        return None, "organization"
    words = name.split()
    if rule == "office-after" and _AREA_LEVEL_BEFORE.search(text, max(0, span[0] - 12), span[0]):
        # "di Kampung Sukamaju Lor, Kepala Kampung …": the words right after a village's or a
        # kecamatan's level word are its name (villages are not all in the table), and the office
        # after the comma is its head's, written before the head's own name
        return None, "place"
    if len(words) == 1 and rule == "office-before" and office_code in _REGIONAL_HEADS and (
            text[span[0] - 1:span[0]] == " " and text[span[0] - 2:span[0] - 1].isalpha()) and (
            office_code in _AREA_HEADS or is_region_word(name)) and not _region_before(
            text, span[0]):
        # "Wabup Gorut menyerahkan", "Kantor Camat Bebesen": the region's name, not a person;
        # a kabupaten, kota or provinsi is in the table or has a known short form, so an
        # unknown word after its head ("mewakili Bupati Hendrajoni") or after the region
        # ("Gubernur Sumatera Barat Mahyeldi") is the head's name
        return None, "place"
    if len(words) == 1 and rule == "office-before" and office_code in _REGIONAL_HEADS and (
            text[span[0] - 1:span[0]] == " " and text[span[0] - 2:span[0] - 1].isalpha()) and (
            not _CLAUSE_GOES_ON.match(text, span[1]) and not _acts_after(text, span[1])):
        # one word glued to a head's title is a name only where the clause ends or the head
        # acts ("mewakili Bupati Hendrajoni, …", "Bupati Hendrajoni membuka"); "Piala Bupati
        # Kolaka Cup digelar" names a cup
        return None, "unsure"
    if is_place_name(name):
        return None, "place"
    if len(words) == 1 and _FROM_BEFORE.search(text, max(0, span[0] - 8), span[0]):
        # "Narasumber dari Ombudsman, Kepala …": one word after "dari" is where someone comes
        # from (an organisation, a place), not who
        return None, "organization"
    if len(words) == 1 and rule == "office-before" and _AREA_HEAD_BEFORE.search(
            text, max(0, span[0] - 12), span[0]):
        # "Sekretaris Camat Gumbasa menyampaikan": one word after the head of an area is the
        # area's name as often as the person's (villages are not all in the table)
        return None, "place"
    feast = next((i for i, w in enumerate(words) if w.lower() in _CALENDAR_WORDS), None)
    if feast is not None and not any(_possible_name(w) for w in words[:feast]):
        # "Idul Adha mengingatkan …", "Hari Raya Idulfitri": a feast, not a person; but a
        # given name before it makes it a surname ("Muhammad Faiz Ramadhan")
        return None, "ordinary-word"
    if is_organization(name) or (words and (words[0].lower() in _ORG_FIRST_WORDS or (
            word_class(words[0]) == "org" and len(words) > 1) or (
            words[0].lower() in _VENUE_FIRST_WORDS and len(words) > 1) or (
            len(words) > 2 and name.lower().startswith(_VENUE_PHRASES)))):
        return None, "organization"  # "Bandara Sam Ratulangi Manado, Menteri …": a place
    if words and words[0].lower() in _GEO_FIRST_WORDS and len(words) <= 3:
        return None, "place"  # "Lembah Baliem menyatakan", "Danau Lindu": land, not people
    ordinary = sum(1 for w in words if w.lower().rstrip(".") not in NAME_PARTICLES and (
        is_ordinary(w) or is_stopword(w) or w.lower() in PROPER_ADJECTIVES))
    if ordinary == len(words) and rule == "office-before" and len(words) >= 2 and not any(
            w.lower() in TITLE_WORDS or is_active_verb(w) for w in words) and _title_done(
            text, span[0]) and _acts_after(text, span[1]):
        # "Wakil Wali Kota Baubau Hamzah Saleh membuka …", "Kepala Dinas Sosial, Indah Cahaya,
        # menyerahkan …": given names that are ordinary words, after an office whose title
        # ended (a region, an acronym, a comma) and before a verb; "Program Bupati Kolaka
        # Peduli Sesama terus berjalan" stays a warning
        return "likely", ""
    if ordinary == len(words):
        # "Terpilih", "Hadir", "Hak Asasi Manusia": ordinary words are a name only after a verb
        # of saying ("kata Indah")
        if rule == "attribution-verb" and _CLAUSE_END.match(text, span[1]) and (
                _SAYING_BEFORE.search(text, max(0, span[0] - 12), span[0])):
            return "likely", ""  # "kata Indah." but not "Kata Sambutan disampaikan …"
        return None, "ordinary-word"
    if 0 < ordinary < len(words) and rule not in _STRONG and all(
            is_major_region(w) for w in words if w.lower().rstrip(".") in NAME_PARTICLES or not (
                is_ordinary(w) or is_stopword(w))):
        return None, "place"  # "Mama Papua menjelaskan": ordinary words and a region
    if len(words) >= 3 and ordinary * 2 > len(words) and rule not in _STRONG and not (
            rule in _APPOSITION and (_possible_name(words[0]) or _possible_name(words[1]))):
        # "Taman Nasional Way Kambas": a noun phrase begins with its ordinary head; a name set
        # off by commas and described as someone's ("Aurelia Putri Maharani, siswi …"; "Salah
        # satu peserta, Rambu Yuliana Tamar, penenun …", a Sumbanese title first) keeps its
        # ordinary words when one of its first two words can only be a name
        return None, "ordinary-word"
    if rule == "speech-verb" and len(words) > 1 and is_ordinary(words[0]) and (
            _PREPOSITION_BEFORE.search(text, max(0, span[0] - 10), span[0])):
        # "datang bersama Ketua Kelompok Hulu, …", "diserahkan kepada Penjaga Hutan Lindung":
        # after a preposition (no verb of saying at all) a phrase that begins with an ordinary
        # word is a role and a place as often as a name
        return None, "ordinary-word"
    if len(words) == 2 and ordinary and rule in ("speech-verb", "selaku"):
        return None, "ordinary-word"  # "Garuda Pancasila mengingatkan": half ordinary, weak
    if len(words) == 1 and rule in ("speech-verb", "selaku") and not _described_between_commas(
            text, span):
        # "… wilayah Lapago menyampaikan": one unknown word before a verb of saying is as often
        # the end of a place or an organisation as a person; set off by commas right after a
        # noun for a person ("Salah satu perajin, Wati, menuturkan") it has two pieces of
        # evidence, the description and the verb
        return None, "unsure"
    return ("certain" if rule in ("office-before",) else "likely"), ""


def _described_between_commas(text: str, span: tuple[int, int]) -> bool:
    """True when the word at ``span`` follows a description of a person and a comma ("seorang
    petani, …", "Warga setempat, …") and a comma follows it."""
    from .namecontext import DESCRIBED_BEFORE_NAME  # namecontext imports evidence, which imports us

    if not _COMMA_NEXT.match(text, span[1]):
        return False
    return any(m.end() == span[0] for m in DESCRIBED_BEFORE_NAME.finditer(
        text, max(0, span[0] - 60), span[1]))


_PREPOSITION_BEFORE = re.compile(r"\b(?:bersama|kepada|oleh)[ \t]+$", re.I)
_COMMA_NEXT = re.compile(r"[ \t]*,")


def _title_done(text: str, pos: int) -> bool:
    """True when an office's title has ended right before ``pos``: a comma, or a region or an
    organisation's acronym ("Wali Kota Baubau | Hamzah …", "Kepala Dinas Sosial, | Indah …")."""
    m = _WORD_BEFORE.search(text, max(0, pos - 40), pos)
    return bool(m) and (m.group(1) == "," or word_class(m.group(1)) in ("place", "org") or (
        is_region_word(m.group(1))))


def _acts_after(text: str, end: int) -> bool:
    """True when an active verb follows ``end``, right after it or after a comma and the
    degrees ("… Hamzah Saleh membuka", "… Indah Cahaya, S.E., menyerahkan")."""
    m = _VERB_AFTER.match(text, end)
    return bool(m) and is_active_verb(m.group(1))


def is_region_word(word: str) -> bool:
    """True when one word names a kabupaten, kota or provinsi, in full or by a short form."""
    return is_major_region(word) or word.lower() in REGION_ABBREVIATIONS or region_short_form(word)


def _region_before(text: str, pos: int) -> bool:
    """True when the one to three words before ``pos`` are a kabupaten, kota or provinsi name
    (an office with its region, "Gubernur Sumatera Barat | Mahyeldi")."""
    words = text[max(0, pos - 40):pos].split()
    return any(is_major_region(" ".join(words[-k:])) for k in (1, 2, 3) if len(words) >= k)


def is_place_name(name: str) -> bool:
    """A region name (kabupaten, kota, provinsi or kecamatan) where a name was expected."""
    if is_major_region(name):
        return True
    # one word is too often also a name ("Bambang" is a kecamatan): only longer names here
    return len(name.split()) > 1 and has_region_name(name, "kecamatan") and (
        name.split()[0].lower() not in NAME_PARTICLES)


def place_not_person(label: str) -> bool:
    """A bare region name where a name was expected ("Gubernur NTB, Mataram, ...")."""
    parsed = parse_name(label)
    return not parsed.prefixes and not parsed.suffixes and is_major_region(parsed.name)


@cache
def _long_regions() -> dict[str, tuple[tuple[str, ...], ...]]:
    """The kabupaten, kota and provinsi names of the table of two words or more, as lower-case
    word tuples ("pangkajene", "dan", "kepulauan"), by their first word."""
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for _code, name, _level in _rows(True):
        words = tuple(strip_level_prefix(name)[1].lower().split())
        if len(words) >= 2:
            by_first.setdefault(words[0], []).append(words)
    return {k: tuple(v) for k, v in by_first.items()}


def region_goes_on(text: str, span: tuple[int, int]) -> int:
    """Where the region ends when the phrase at ``span`` is the beginning of a region's name of
    the table that the text goes on to write whole ("Bupati Pangkajene | dan Kepulauan"): a
    place cut short, never a person alone. 0 when it is not."""
    words = tuple(text[span[0]:span[1]].lower().split())
    regions = _long_regions().get(words[0], ()) if words else ()
    if not regions or len(words) > 3:
        return 0
    after = list(_REGION_WORD.finditer(text, span[1], span[1] + 60))
    low = tuple(m.group(0).lower() for m in after)
    for r in regions:
        n = len(r) - len(words)
        if n > 0 and r[:len(words)] == words and low[:n] == r[len(words):] and "".join(
                text[span[1]:after[n - 1].end()].split()).replace("-", "").isalpha():
            return after[n - 1].end()
    return 0


_REGION_WORD = re.compile(r"[^\s,.;:()]+")


def drop_leading_places(text: str, span: tuple[int, int]) -> tuple[int, int]:
    """"Sulteng Riski Adi Saputra" -> "Riski Adi Saputra": a region before a name is not part of
    it (the office before it ended early)."""
    label = text[span[0]:span[1]]
    words = label.split()
    if len(words) >= 4 and words[0] in CUSTOMARY_PREFIXES and (n := _more_places(words, 1)) > 1:
        # "Karaeng Bontonompo Andi Baso …": a customary head's title with the place it rules
        # (a kecamatan or a village of the table), then the head's own name
        return span[0] + _word_at(label, words, n), span[1]
    head = _AREA_HEAD_WORD_BEFORE.search(text, max(0, span[0] - 40), span[0])
    if head and len(words) >= 3 and not parse_name(label).prefixes:
        # "Camat Long | Apari Benediktus Lawing": the office took one word of a kecamatan the
        # table names in two or three ("Long Apari"); the rest of it is no part of the name
        for n in (2, 1):
            if len(words) - n >= 2 and has_region_name(
                    " ".join([head.group(1), *words[:n]]), "kecamatan"):
                return span[0] + _word_at(label, words, n), span[1]
    if len(words) >= 3 and _LEVEL_BEFORE.search(text, max(0, span[0] - 12), span[0]) and not (
            parse_name(label).prefixes) and (not _after_compound(text, span[0]) or (
                _TWO_WORD_HEAD.search(text, max(0, span[0] - 22), span[0]))):
        # "Kepala Kampung Hom-Hom Eli Kossay": the village (not all are in the table) comes
        # first after its level word, with a word that ends village names ("Kolongan Atas")
        # or a verb ("Way Mengaku": names do not begin with one)
        n = 2 if len(words) >= 4 and words[1].lower() in _PLACE_TAIL or len(
            words) >= 3 and is_active_verb(words[1]) else 1
        # "Peratin Tanjung Setia Hasbullah Sanggem": a village the table names in two or three
        # words is all of it the village, as long as two words of name are left after it
        n = next((k for k in (3, 2) if len(words) - k >= 2 and has_region_name(
            " ".join(words[:k]), "desa", "kecamatan")), n)
        # "Keuchik Gampong Blang | Nisam Muhammad Daud": the village goes on with words the table
        # names as a place
        n = _more_places(words, n)
        return span[0] + _word_at(label, words, n), span[1]
    if len(words) >= 4 and not parse_name(label).prefixes:
        # "Perlindungan Konsumen Yunita Br Ginting": the end of a job title the office reading
        # left, ordinary words with a title word among them, before a name of two words or more
        n = 0
        while n < len(words) - 2 and is_ordinary(words[n]) and words[n].lower().rstrip(
                ".") not in NAME_PARTICLES:
            n += 1
        first = words[0].lower()
        if n and any(w.lower() in TITLE_WORDS for w in words[:n]) and not all(
                is_ordinary(w) for w in words[n:]) and not is_place_name(" ".join(words[n:])) and (
                first not in _ORG_FIRST_WORDS | _VENUE_FIRST_WORDS | _GEO_FIRST_WORDS):
            return span[0] + _word_at(label, words, n), span[1]
    if len(words) >= 4 and not parse_name(label).prefixes:
        # "Daops Manggala Agni Pelalawan Agus Salim …": an organisation's name with its region
        # in the middle, glued before a name; the name begins after the last major region
        # (the first-word case below, made general: wherever the region stands, two words of
        # name at least after it)
        last = max((i for i in range(1, len(words) - 2)
                    if is_major_region(words[i]) and not is_ordinary(words[i])), default=0)
        if last:
            return span[0] + _word_at(label, words, last + 1), span[1]
    for n in (3, 2):
        # "Kalak BPBD Tapanuli Tengah Rudi …": a region the table names in two or three words
        # before a name of two words or more
        # (a kecamatan only when it begins with an ordinary word, "Sungai Pinyuh", "Batu
        # Ampar": two given names may also spell a kecamatan)
        head = " ".join(words[:n])
        if len(words) - n >= 2 and (is_major_region(head) or is_ordinary(words[0]) and (
                is_place_name(head))) and not parse_name(label).prefixes:
            return span[0] + _word_at(label, words, n), span[1]
    if len(words) < 3 or not is_place_name(words[0]) or is_ordinary(words[0]):
        return span
    cut = label.index(words[1], len(words[0]))
    return span[0] + cut, span[1]


def _more_places(words: list[str], n: int) -> int:
    """Where the place that ``words[:n]`` begins ends, when the words after it are a kecamatan or
    a village of the table (a single word only when it names a kecamatan and is no ordinary
    word: one-word villages are too often given names), with two words of name at least left
    after it. ``n`` when they are not."""
    for k in (3, 2, 1):
        if len(words) - n - k < 2:
            continue
        place = " ".join(words[n:n + k])
        if k == 1 and (is_ordinary(place) or place.lower().rstrip(".") in NAME_PARTICLES):
            continue
        if has_region_name(place, "kecamatan") or k > 1 and has_region_name(place, "desa"):
            return n + k
    return n


def _after_compound(text: str, pos: int) -> bool:
    """True when the level word before ``pos`` follows a capitalised ordinary word that is no
    office or organisation word ("Ekonomi Desa", "Pembangunan Desa") or "dan" ("Pemberdayaan
    Masyarakat dan Desa"): a compound noun, the end of a field."""
    from .evidence import word_class  # evidence imports people, which imports this module

    m = _COMPOUND_LEVEL.search(text, max(0, pos - 40), pos)
    if m and " ".join(m.group(0).lower().split()) in OFFICES:
        return False  # "Wali Nagari …": the two words are the village's head, no compound
    return bool(m) and (m.group(1) in ("dan", "&") or (
        m.group(1)[:1].isupper() and word_class(m.group(1)) == "ordinary"))


def _word_at(label: str, words: list[str], n: int) -> int:
    """Offset in ``label`` of its ``n``-th word (of ``words``, its split)."""
    pos = 0
    for w in words[:n]:
        pos = label.index(w, pos) + len(w)
    return label.index(words[n], pos)


