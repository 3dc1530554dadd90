"""Evidence, word by word, that a capitalised phrase is a personal name (round four of issue 12).

A phrase read where a name was expected often carries words that belong to something else: the
end of an office the office reading left ("Direktur Jenderal Bimbingan Masyarakat Islam
Kementerian Agama Muhammad …" leaves "Agama"), an organisation ("pembaca Panca Prasetya Korpri
Nyoman …"), a place ("Camat Sukasada I Nyoman …"). Instead of a longer stop list, every word is
classed by the shipped language resources:

- ``particle``: a word that begins names ("I", "Ni", "Andi", "Teuku"; :data:`NAME_PARTICLES`);
- ``office``: an office or its short form from the office vocabulary ("Menaker", "Karo"), or
  a role at an event ("Narasumber");
- ``org``: an organisation of the organisation vocabulary ("Korpri", "Polres", "BPJS") or an
  organisation word;
- ``place``: a kabupaten, kota or provinsi (Kemendagri table) or its usual short form
  ("Kalsel"), or any region right after a word that introduces one ("Cabang Watampone");
- ``ordinary``: a word of the Indonesian word list (nlp-id, MIT) or a function word;
- ``name``: none of these.

:func:`trim_to_name` drops the words before the name; :func:`not_a_name` says a phrase has no
word that could be a name at all.
"""

from __future__ import annotations

import itertools
import re
from functools import cache, lru_cache

from .lexicon import REGION_ABBREVIATIONS
from .lexicon_people import UNIT_ACRONYM
from .organizations import is_major_region, is_organization
from .regions import _rows, has_region_name, strip_level_prefix
from .wordlist import is_ordinary, is_stopword

__all__ = ["NAME_PARTICLES", "NEGATIVE", "PROPER_ADJECTIVES", "abbreviates",
           "name_after_organisation", "not_a_name", "region_short_form", "trim_span",
           "trim_to_name", "word_class"]

#: the classes that speak against a word being part of a personal name
NEGATIVE = frozenset({"office", "org", "place", "ordinary"})

#: words of organisation names (units, branches, government bodies, their usual short forms):
#: none of them is ever part of a personal name.
ORG_WORDS = frozenset(
    """dinas badan bagian kantor sekretariat kementerian lembaga direktorat inspektorat biro
    deputi satpol polres polda polresta polsek polrestabes kodim korem kodam lanud lantamal
    kejaksaan kejari kejati pengadilan rsud puskesmas pemkab pemkot pemprov setda setdakab
    setdako setdaprov setwan setkab setneg adpim prokopim protokol humas diskominfo bappeda
    bpbd bpjs bps kpu bawaslu dprd dpd dpr samapta reskrim satlantas intelkam binmas sabhara
    korpri korps polri tni pwi pkk kemenag kemendagri kemenkes kemnaker kemendikbud kominfo
    ormas upt uptd
    paroki keuskupan stasi klasis sinode
    cabang kanwil kankemenag forkopimda forkopimcam forkopimkab forkopimko forkompinda muspika
    muspida paskibraka paskibra satgas pamtas""".split())
#: the second word of a unit's or a field's name of two words, after its first ("Perikanan
#: Tangkap", "Manggala Agni", "Cipta Karya"): the end of an organisation or of an office's field,
#: never the start of the name written after it ("Kabid Perikanan Tangkap Budi …")
ORG_TAILS: dict[str, frozenset[str]] = {
    "perikanan": frozenset({"tangkap", "budidaya"}), "manggala": frozenset({"agni"}),
    "cipta": frozenset({"karya"}),
    "tanaman": frozenset({"pangan"}), "tata": frozenset({"ruang"}),
}
#: nouns for what a person does at an event ("Narasumber Dedi …"): a role, like an office
ROLE_NOUNS = frozenset(
    """narasumber pemateri moderator pembicara penceramah fasilitator instruktur pelatih juri
    peserta petugas relawan penyuluh pendamping pemandu notulis""".split())
#: words after which the next capitalised word is a place ("Cabang Watampone", "Wilayah II"),
#: among them the heads of a kecamatan or a village ("Camat Ranomeeto Hasan …": the kecamatan)
_PLACE_INTRO = frozenset(
    """cabang wilayah kota kabupaten provinsi kecamatan desa kelurahan rayon area unit camat
    sekcam lurah kades sangadi perbekel keuchik geuchik kuwu peratin kapitalaung
    petinggi""".split())
#: compass and river words that end a region's name ("OKU Timur", "Sumba Tengah"): after a place
#: or an organisation they are part of it, not the start of a name
_COMPASS = frozenset("utara selatan timur barat tengah tenggara laut darat hulu hilir raya".split())
#: a region's agency by its acronym ("Disparbud", "Bapenda"), or its head ("Kadisbudpar")
_UNIT_ACRONYM = re.compile(UNIT_ACRONYM, re.IGNORECASE)
#: religions and peoples: written with a capital, never a personal name on their own.
PROPER_ADJECTIVES = frozenset(
    "islam kristen katolik protestan hindu buddha budha konghucu indonesia nasional".split())
#: words that only ever begin a personal name: what stands before them is not part of it.
_NAME_STARTS = frozenset({"I", "Ni", "Tjokorda", "Cokorda", "Teuku"})
#: words that begin or join personal names in many regions: never "ordinary" in a name.
NAME_PARTICLES = frozenset(
    """i ni cut teuku tgk lalu baiq wa ode andi daeng uray raja gusti ida bagus ayu made putu
    nyoman ketut kadek komang gede luh wayan nengah moh muh mhd moch m a dg cokorda tjokorda
    desak raden""".split())

# an acronym in capitals ("KPK", "ANRI"): an organisation; a name in running text is not
# written in capitals (Roman numerals are a unit's number, "Wilayah IV")
_ACRONYM = re.compile(r"(?![IVXLC]+\b)[A-Z]{3,8}")
_WORD = re.compile(r"[^\s,]+")
_PREVIOUS_WORD = re.compile(r"(\w+)[ \t]+$")


@lru_cache(maxsize=16384)
def word_class(word: str, previous: str = "") -> str:
    """The class of one word of a candidate name (see the module docstring).

    ``previous`` is the word before it (lower case), for places introduced by a word.
    """
    from .offices import OFFICE_RE  # offices imports people's helpers: not at import time

    low = word.lower().rstrip(".")
    if low in NAME_PARTICLES:
        return "particle"
    if OFFICE_RE.fullmatch(word.rstrip(".")) or low in ROLE_NOUNS:
        return "office"
    unit = _UNIT_ACRONYM.fullmatch(low)
    if unit:
        return "office" if unit.group("dinas") or unit.group("badan") else "org"
    if low in ORG_WORDS or is_organization(word) or _ACRONYM.fullmatch(word) or (
            low in ORG_TAILS.get(previous, ())):
        return "org"
    if low in REGION_ABBREVIATIONS or is_major_region(word) or (
            previous in _PLACE_INTRO and has_region_name(word, "kecamatan", "desa")):
        return "place"
    if low in PROPER_ADJECTIVES or is_ordinary(word) or is_stopword(low):
        return "ordinary"
    return "name"


def _classes(words: list[str], before: str = "") -> list[str]:
    return [word_class(w, words[i - 1].lower() if i else before.lower())
            for i, w in enumerate(words)]


@cache
def _region_short_forms() -> frozenset[str]:
    """Short forms of the kabupaten, kota and provinsi names of two or three words, made of the
    first two to five letters of each word ("Malteng" for Maluku Tengah, "Sidrap" for Sidenreng
    Rappang, "Bolmong"); the way releases shorten a region they do not list one by one."""
    forms = set()
    for _code, name, _level in _rows(True):
        words = strip_level_prefix(name)[1].lower().replace("-", " ").split()
        if not 2 <= len(words) <= 3:
            continue
        # a name of three words is also shortened by its first and last ("Bolsel": Bolaang
        # Mongondow Selatan)
        for ws in (words, [words[0], words[-1]]) if len(words) == 3 else (words,):
            for lens in itertools.product(*(range(2, min(5, len(w)) + 1) for w in ws)):
                form = "".join(w[:n] for w, n in zip(ws, lens, strict=True))
                if 4 <= len(form) <= 9:
                    forms.add(form)
    return frozenset(forms)


def region_short_form(word: str) -> bool:
    """True when ``word`` is a short form of a region name of two or three words (see
    :func:`_region_short_forms`) and no ordinary word."""
    return word[:1].isupper() and word.lower() in _region_short_forms() and not is_ordinary(word)


def _in_context(words: list[str], classes: list[str], before: str) -> list[str]:
    """``classes`` with the words that continue a place or an organisation read as places: a
    compass word ("OKU Timur") right after an office, organisation or place word, or a region's
    short form after any of those or an ordinary word of a title ("Dinas PUPR Malteng",
    "Dinas Pariwisata Pessel"); ``before`` is the word before the phrase."""
    out = list(classes)
    prev = word_class(before) if before[:1].isupper() else ("place" if before.lower() in (
        REGION_ABBREVIATIONS) or before.lower() in _PLACE_INTRO else "")
    for i, w in enumerate(words):
        if out[i] in ("name", "ordinary") and w[:1].isupper() and (
                prev in ("office", "org", "place") and w.lower() in _COMPASS or (
                    prev in NEGATIVE and out[i] == "name" and w.lower() in _region_short_forms())):
            out[i] = "place"
        prev = out[i]
    return out


def trim_to_name(label: str, before: str = "") -> int:
    """How many leading words of ``label`` (a name without its titles) are not part of the name.

    A word that only begins a name ("I", "Ni") ends what stands before it. Otherwise leading
    words are dropped while each is an office, an organisation or a place, or an ordinary word
    next to one of those ("Ketenagakerjaan Cabang Watampone Muhammad Faisal"): an ordinary word
    alone is dropped only before a name of three words or more ("Agama Muhammad Fadhil
    Nasution"), since many given names are ordinary words ("Indah Permata Sari"). At least two
    words stay, the first of them a possible name.
    """
    words = _WORD.findall(label)
    if len(words) < 3:
        return 0
    for j in range(1, len(words) - 1):
        if words[j] in _NAME_STARTS and words[j - 1] not in _NAME_STARTS and (
                words[j - 1].lower() not in NAME_PARTICLES):
            return j  # "Sukasada I Nyoman …", "Ubud Tjokorda …"
    classes = _in_context(words, _classes(words, before), before)
    n = 0
    while n < len(words) - 2 and classes[n] in NEGATIVE:
        n += 1
    if n and classes[n] == "ordinary":
        # "Dinsos Buton Tengah | Rudi Laode": a given name that is also an ordinary word, after
        # an organisation or a place, before a word that can only be a name
        while n and classes[n - 1] == "ordinary":
            n -= 1
        if not (n and classes[n - 1] in ("office", "org", "place") and any(
                c in ("name", "particle") for c in classes[n + 1:])):
            return 0
    if not n or classes[n] not in ("name", "particle", "ordinary"):
        return 0
    if n >= 2 and classes[n - 1] == "ordinary" and classes[n - 2] == "place" and classes[
            n] == "name" and len(words) - n >= 2:
        # "Cabang Watampone | Rudi Hartono Sinaga": one word the word list calls ordinary, right
        # after the place that ended the office and before the name, is as often a given name
        # (the list holds "rudi" from lower-case uses); it stays in the name
        n -= 1
    strong = any(c in ("office", "org", "place") for c in classes[:n])
    if not strong and len(words) - n < 3:
        return 0  # "Intan Purnama Sari" is kept; "Agama Muhammad Fadhil Nasution" is not
    return n


def not_a_name(label: str) -> str | None:
    """The reason a phrase (a name without its titles) is no name at all, or None.

    Every word is an office, an organisation, a place or an ordinary word, and one of them is an
    office or an organisation ("Menaker", "Samapta Polres Pematangsiantar"): ``"office"`` or
    ``"organization"``; so is a phrase that ends in an organisation ("Korps Lalu Lintas Polri").
    """
    words = _WORD.findall(label)
    if not words:
        return None
    classes = _classes(words)
    if len(words) > 1 and classes[-1] == "org":
        # "Korps Lalu Lintas Polri": a personal name never ends in an organisation
        return "organization"
    if not all(c in NEGATIVE for c in classes):
        return None
    if "office" in classes and len(words) == 1:
        return "office"
    if "org" in classes or "office" in classes:
        return "organization"
    return None


def trim_span(text: str, span: tuple[int, int]) -> tuple[int, int]:
    """``span`` without the leading words :func:`trim_to_name` finds are not part of the name
    (a name with an honorific prefix starts at its prefix and is kept whole)."""
    from .names import parse_name

    label = text[span[0]:span[1]]
    parsed = parse_name(label)
    if parsed.prefixes:
        return span
    prev = _PREVIOUS_WORD.search(text, max(0, span[0] - 30), span[0])
    before = prev.group(1) if prev else ""
    n = _region_across(before, parsed.name) or trim_to_name(parsed.name, before)
    if not n:
        return span
    pos = 0
    for m in _WORD.finditer(label):
        if n == 0:
            pos = m.start()
            break
        n -= 1
    return span[0] + pos, span[1]


def _region_across(before: str, label: str) -> int:
    """How many leading words of ``label`` end a region's name that ``before`` (the word before
    the phrase) begins ("Kota Pagar | Alam Yuliana Sari"): they are no part of the name. At least
    two words stay."""
    words = _WORD.findall(label)
    if not before[:1].isupper() or len(words) < 3:
        return 0
    for k in (2, 1):
        if len(words) - k >= 2 and is_major_region(" ".join([before, *words[:k]])) and all(
                word_class(w) != "particle" for w in words[k:k + 1]):
            return k
    return 0


_CAP_RUN = re.compile(r"(?:(?:[A-Z][\w'’.-]*|dan)[ \t]+){2,14}")


def name_after_organisation(text: str, pos: int) -> int | None:
    """Where a name starts after the organisation of an office ("kata Ketua Himpunan … Kabupaten
    Bantul Sri Lestari Wulandari."): the words after the last organisation or place word of the
    run of capitalised words at ``pos``, two to four of them, not all ordinary; or None."""
    run = _CAP_RUN.match(text + " ", pos)
    if not run:
        return None
    words = _WORD.findall(run.group(0))
    if words[-1] == "dan":
        return None
    classes = _classes(words)
    last = max((i for i, c in enumerate(classes) if c in ("org", "place")), default=None)
    if last is None or not 2 <= len(words) - last - 1 <= 4:
        return None
    tail = classes[last + 1:]
    if all(c in NEGATIVE for c in tail):
        return None
    offset = 0
    for w in words[:last + 1]:
        offset = run.group(0).index(w, offset) + len(w)
    return pos + run.group(0).index(words[last + 1], offset)


_JOINERS = frozenset({"dan", "&", "/", "-"})


def abbreviates(short: str, title: str) -> bool:
    """True when ``short`` ("Waseskab") is made of the starts of every word of ``title`` ("Wakil
    Sekretaris Kabinet"), in order: each word gives a piece that begins with its first letter and
    takes some of its later letters ("ses" from "sekretaris"). Two words at least."""
    words = [w for w in re.findall(r"\w+", title.lower()) if w not in _JOINERS]
    short = short.lower()
    if len(words) < 2 or len(short) > 3 * len(words) + 4:
        return False

    @cache
    def fits(i: int, j: int) -> bool:  # short[i:] from words[j:]
        if j == len(words):
            return i == len(short)
        word = words[j]
        if i >= len(short) or short[i] != word[0]:
            return False
        # the piece from this word: short[i:k], a subsequence of the word starting at its start
        pos, k = 1, i + 1
        while True:
            if fits(k, j + 1):
                return True
            if k >= len(short):
                return False
            found = word.find(short[k], pos)
            if found < 0:
                return False
            pos, k = found + 1, k + 1

    return fits(0, 0)
