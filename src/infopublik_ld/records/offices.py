"""Offices as releases write them ("Plt. Kadis Kominfo Labura", "Kepala Dinas Komunikasi,
Informatika dan Statistik Kota Palu", "Camat Ubud", "Komandan Kodim 0714/Salatiga") and the
personal name that follows one ("H.Kharuddin Syah SE", "Letkol Inf Dwi Haryanto")."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .lexicon_people import (
    ACTING_WORDS,
    HONORIFIC_PREFIXES,
    KEPALA_UNIT_STEMS,
    KEPALA_UNITS,
    MILITARY_RANKS,
    NOT_NAME_WORDS,
    OFFICES,
    TITLE_MODIFIERS,
    TITLE_WORDS,
    UNIT_ACRONYM,
    UNIT_HEAD,
)
from .names import RANK_RE, is_degree
from .organizations import Organizations, major_region_at
from .regions import lookup_region
from .wordlist import is_ordinary, is_stopword

__all__ = ["OFFICE_RE", "OfficeMention", "office_code", "read_name", "read_office"]

# the acting marker, short or spelled out ("Penjabat Bupati", "Pelaksana Tugas Kepala Dinas")
_ACTING_WORD = r"(?:(?:Plt|Pj|Plh|Pjs)\.?|Penjabat(?:\s+Sementara)?|Pelaksana\s+(?:Tugas|Harian))"
_ACTING = rf"(?:{_ACTING_WORD}\s*)?"
OFFICE_RE = re.compile(
    r"(?<![\w-])" + _ACTING + "(?:"
    + "|".join(sorted((re.escape(k).replace(r"\ ", r"\s+") for k in OFFICES), key=len,
                      reverse=True))
    + "|" + UNIT_HEAD + r")(?![\w-])",
    re.IGNORECASE,
)
_UNIT_HEAD = re.compile(UNIT_ACRONYM)
# the scan only wants capitalised office words: a cheap first-letter check skips the rest
OFFICE_SCAN = re.compile(r"(?<![\w-])(?=(?-i:[A-Z]))" + OFFICE_RE.pattern[len(r"(?<![\w-])"):],
                          re.IGNORECASE)
# "Amran Hi. Yahya": "Hi." (haji) inside a name, after its first word
# "Hendri Aprizal Dt. Majo Kayo": "Dt." (datuk) begins the clan title after the name, one name.
# A word with a capital inside ("WhatsApp") is a brand, never a name. Lower-case letters with
# diacritics belong to names ("Faogöli", "Bu'ulölö": Nias; "Zé").
# ("Ach.", "Abd.": Achmad, Abdul, written short like "Moh.")
NAME_WORD = re.compile(r"(?:Moh|Muh|Mhd|Moch|Much|Muhd|Md|Hi|Dg|Dt|Br|Ach|Achm|Abd)\.(?=\s?[A-Z])"
                       r"|[A-Z][a-zß-öø-ÿ'’`]++(?![A-Z])(?:-[A-Za-z][a-zß-öø-ÿ'’]*)?"
                       r"|[A-Z]\.(?=\s[A-Z][a-z])"
                       r"|(?<=[a-z] )(?:[A-Z]\.){2,3}(?=\s[A-Z][a-z])"  # "Caroll J.A. Senduk"
                        r"|I(?=\s(?:Wayan|Made|Nyoman|Ketut|Gusti|Putu|Kadek|Komang|Gede)\b)")
_SPACE = re.compile(r"[ \t]*")
_DEG_TOKEN = re.compile(r"\s*,?\s*([A-Za-z](?:[A-Za-z]{0,5}\.?){0,4})(?![\w])")
_NICK = re.compile(r"\s*\(\s*[A-Z][a-z'’]+\s*\)")
# "DP3APPKB": an acronym with a digit; "Mosalaki Pu'u": a word of a customary title with its
# glottal stop
_TITLE_WORD = re.compile(r"(,?)[ \t]+([A-Za-z][A-Za-z-]*(?:['’][a-z]+)*(?:\d+[A-Z]+)*|dan|&|"
                         r"[IVX]{1,4}(?![\w.])|\d{1,4}(?!\d))")
# "Camat Ubud, I Made …", "Ketua RW 05 Wonokromo, Slamet …", "Komandan Kodim 0714/Salatiga, …":
# the words between an office and the comma before a name belong to the job title.
_TAIL_TO_COMMA = re.compile(
    r"(?P<comma>,)?(?:[ \t]+(?:[A-Z][\w'’-]*|[IVX]{1,4}|\d[\d/.-]*(?:/[A-Z][\w-]*)?|dan|&|"
    r"\([^()\n]{1,40}\)))"
    r"{1,12}(?=[ \t]*,[ \t]*\S)")
_CAP_AHEAD = re.compile(r"[ \t]+[A-Z]")
# the next word of a name: capitalised, or "bin"/"binti" and a capitalised word ("Habib Syech bin
# Abdul Qodir …", "Siti Aminah binti Ahmad")
_NEXT_CAP = re.compile(r"[ \t]+(?:(?:bin|binti)[ \t]+)?(?=[A-Z])")
COMMA_GAP = re.compile(r"[ \t]*,?[ \t]*")
_ACTING_START = re.compile(_ACTING_WORD + r"(?![\w])", re.I)
_PAREN = re.compile(r"\s*\([^()\n]{1,60}\)")
# "1446 H." is a year of the Hijri calendar, not "Haji" ("UUD 1945 Hj. Rosmiati" is a title)
PREFIX_START = re.compile(r"(?<![\w.])(?!(?<=\d[ \t])H\.)(?=[" + "".join(sorted(
    {k[0] for k in HONORIFIC_PREFIXES} | {r[0] for r in MILITARY_RANKS})) + "])(?:"
    r"(?-i:K\.[ \t]?H\.)[ \t]*(?=[A-Z])|"  # "Prof. Dr. K.H. Nasaruddin …": kiai haji, dotted
    "(?:" + "|".join(
    sorted(map(re.escape, HONORIFIC_PREFIXES), key=len, reverse=True)) + r")(?:\.\s*|\s+)(?=[A-Z])"
    r"|" + RANK_RE.pattern + ")", re.IGNORECASE)
# a title of two letters or more written with its dot ("Prof.", "Dr.", "Hj."; not "Hi.", which
# is "haji" inside a name): it begins a name, never ends one
_DOTTED_TITLE = re.compile(r"(?<![\w.])(?!Hi\.)(?:" + "|".join(sorted(
    (re.escape(k) for k in HONORIFIC_PREFIXES if len(k) >= 2 and k.isalpha()), key=len,
    reverse=True)) + r")\.[ \t]*(?=[A-Z])", re.IGNORECASE)
_REGIONAL_OFFICES = {"bupati", "wakil-bupati", "wali-kota", "wakil-wali-kota", "gubernur",
                     "wakil-gubernur", "sekda", "asisten", "staf-ahli"}


@dataclass
class OfficeMention:
    """An office phrase in the text, with the job title as written (parentheses dropped)."""

    start: int
    end: int
    title: str
    code: str | None
    acting: bool
    org: str | None
    alias: str | None = None  # "Wakil Sekretaris Kabinet (Waseskab)": later called "Waseskab"


# a military command's number, with its seat: "Dandim 0207/Simalungun", "Danrem 023/KS"
_UNIT_NUMBER = re.compile(r"[ \t]+(\d{2,4}(?:/[A-Z][\w-]*(?:[ \t](?!(?-i:[A-Z][a-z]*\.?[ \t]))"
                          r"[A-Z][\w-]*)*)?)(?=[\s,])")
_HOME_AFFAIRS = re.compile(r"[ \t]+((?:Dalam|Luar)[ \t]+Negeri)\b")
_NUMBERED_COMMANDS = {"dandim", "kodim", "danrem", "korem", "danramil", "koramil", "pangdam",
                      "kodam", "danlanud", "danlanal", "danyon", "yonif"}
_ROMAN = re.compile(r"[IVX]{1,4}")
_LEVEL_WORDS = {"kecamatan", "kelurahan", "desa", "kampung", "distrik", "nagari", "gampong"}
# heads of an area written before its name: "Camat Dolo Barat Ansar", "Lurah Talise Yusran"
_AREA_HEADS = {"camat", "sekcam", "lurah", "kades", "kadus", "kasun"}
_UNIT_WORDS = {"badan", "dinas", "bagian", "biro", "bidang", "seksi", "kantor", "balai", "pusat",
               "sekretariat", "komisi", "lembaga", "direktorat", "deputi", "subbagian", "unit",
               "upt", "uptd", "subbidang", "instalasi", "satuan"}
_DI_PLACE = re.compile(r"[ \t]+di[ \t]+(?=[A-Z])")
_NEXT_IS_TITLE_OR_NAME = re.compile(r"[ \t]+[A-Z]")
_AND_TITLE = re.compile(r"[ \t]+(?:dan|&)[ \t]+[A-Z]")  # "Bagian Edukasi dan Perlindungan …"
_TAIL_TO_PREFIX = re.compile(r"(?:[ \t]+[A-Z][a-z'’-]+){1,2}(?=[ \t]+(?i:" + "|".join(
    sorted(MILITARY_RANKS, key=len, reverse=True)) + r")\.?[ \t]+[A-Z])")
_ABBR_DOT = re.compile(r"\.[ \t]+([A-Z][A-Za-z-]*)")
_ABBREVIATED = {"kasi", "kasie", "kabid", "kadis", "kabag", "karo", "kaban", "kasubbag",
                "kasubag", "sekcam", "kades", "sekdis", "sekda", "kalaksa", "kadiskominfo"}
# (and "Asisten I Setda …", "Deputi IV …")
_NUMBERED_UNITS = {"komisi", "eselon", "wilayah", "golongan", "pansus", "sektor", "asisten",
                   "deputi", "direktorat", "subdit"}
# the office scheme's kepala-badan heads a region's agency; these are the nation's
_NATIONAL_AGENCY = re.compile(r"^(?:Plt\.?\s+)?Kepala\s+Badan\s+(?:\w+\s+){0,3}?"
                              r"(?:Pusat|Nasional)\b")
_NATIONAL_ACRONYMS = {"bps", "bpn", "bnn", "bnnk", "bnnp", "bmkg", "bpom", "bkkbn", "basarnas",
                      "bssn", "bkn", "bin", "bnpb", "bpjs"}
_NATIONAL_PARLIAMENT = re.compile(r"\b(?:DPR(?:[ -]RI)?|DPD(?:[ -]RI)?|MPR(?:[ -]RI)?)\b")
_DPRD_COMMISSION = re.compile(r"(?:Ketua|Anggota|Wakil\s+Ketua)\s+Komisi\s+(?:[IVX]{1,4}|[A-E])\b"
                              r"|Anggota\s+(?:DPRD|DPRK|Dewan)", re.I)


def office_code(phrase: str, next_word: str = "", title: str = "") -> str | None:
    """The office-scheme code of an office phrase ("Wamen" -> "wakil-menteri"), or None."""
    words = re.sub("^" + _ACTING_WORD + r"\s*", "", phrase.strip(), flags=re.I).lower().split()
    while words and words[0].rstrip(".") in ACTING_WORDS:
        words = words[1:]
    key = " ".join(words)
    code = OFFICES.get(key)
    head = _UNIT_HEAD.fullmatch(key) if code is None else None
    if head:  # "Kadisbudpar": the head of a dinas; "Kabapenda": of a badan
        code = "kepala-dinas" if head.group("dinas") else "kepala-badan"
    if code is None and key == "kepala":
        nxt = next_word.lower().strip(",")
        code = KEPALA_UNITS.get(nxt) or next(
            (c for stem, c in KEPALA_UNIT_STEMS if nxt.startswith(stem) and (
                next_word.isupper() or len(nxt) > 4)), None)
    if code is None and key in ("ketua", "anggota", "wakil ketua") and _DPRD_COMMISSION.search(
            title) and not _NATIONAL_PARLIAMENT.search(title):
        code = "anggota-dprd"  # DPRD commissions are numbered (I, II) or lettered (A, B)
    if code is None and key == "sekretaris" and next_word.lower().startswith(("dis", "din")):
        code = "sekretaris-dinas"  # "Sekretaris Diskominfotik Lampung"
    return code


def read_office(text: str, m: re.Match, orgs: Organizations) -> OfficeMention:
    """Extend an office match over its title tail ("Administrasi Umum Labuhanbatu Utara")."""
    from .evidence import NAME_PARTICLES  # evidence imports this module
    pos = m.end()
    parts = [m.group(0)]
    # "Kasi. Pelayanan", "Kabid. Humas": an abbreviated office with its dot
    dot = _ABBR_DOT.match(text, pos)
    if dot and m.group(0).split()[-1].lower().rstrip(".") in _ABBREVIATED and (
            dot.group(1).lower() in TITLE_WORDS or orgs.resolve(dot.start(1))
            or is_ordinary(dot.group(1))):  # "Kasi. Pemetaan Dinas PUPR …"
        pos = dot.start(1) - 1
    org = None
    region = None
    unit_words = False
    alias = None
    while True:
        p = _PAREN.match(text, pos)
        if p and len(parts) > 0:
            inner = p.group(0).strip()[1:-1].strip()
            if alias is None and re.fullmatch(r"[A-Z][\w.-]{1,15}", inner):
                alias = inner
            pos = p.end()
            continue
        om = orgs.resolve(_SPACE.match(text, pos).end()) if pos < len(text) else None
        if om and om.start - pos <= 1:
            org = org or om.org_id
            parts.append(text[om.start:om.end])
            pos = om.end
            continue
        code, rend, rwritten = major_region_at(text, _SPACE.match(text, pos).end())
        if code and text[pos:pos + 1] in (" ", "\t"):
            region = region or code
            parts.append(rwritten)
            pos = rend
            continue
        last = parts[-1].split()[-1].lower().rstrip(",.")
        # "Kecamatan Kuta Utara", "Desa Sukamaju": a region of any level after its level word
        sub = _minor_region_at(text, pos) if last in _LEVEL_WORDS or last in _AREA_HEADS \
            else None
        if sub and last in _AREA_HEADS and len(text[pos:sub].split()) < 2 and not (
                _NEXT_IS_TITLE_OR_NAME.match(text, sub)):
            sub = None  # "Camat Bambang mengatakan": one word alone may be the name
        if sub:
            parts.append(text[_SPACE.match(text, pos).end():sub])
            pos = sub
            continue
        # "di Jakarta" after a region or a unit: "Badan Penghubung Gorontalo di Jakarta"
        di = _DI_PLACE.match(text, pos)
        if di and (region or org or last in _UNIT_WORDS):
            code, rend, rwritten = major_region_at(text, di.end())
            if code:
                parts.append(f"di {rwritten}")
                pos = rend
                continue
        home = _HOME_AFFAIRS.match(text, pos) if last in ("menteri", "kementerian", "wamen",
                                                          "menko") else None
        if home:
            # "Menteri Dalam Negeri Tito …": "dalam" is a function word, here part of the title
            parts.append(home.group(1))
            pos = home.end()
            continue
        unit = _UNIT_NUMBER.match(text, pos) if last in _NUMBERED_COMMANDS else None
        if unit:
            # "Dandim 0207/Simalungun Letkol Inf …": the command's number and seat
            parts.append(unit.group(1))
            pos = unit.end()
            continue
        w = _TITLE_WORD.match(text, pos)
        word = w.group(2) if w else ""
        if w and w.group(1) and not (word[:1].isupper() and word.lower() in TITLE_WORDS):
            w = None  # a comma inside a title only before another title word
        unit_words = unit_words or last in _UNIT_WORDS
        if w and not w.group(1) and word[:1].isupper() and region is None and (
                last in _UNIT_WORDS or unit_words) and word.lower() not in TITLE_WORDS and (
                not _ROMAN.fullmatch(parts[-1].split()[-1])) and (  # "Komisi II | Aria …"
                word.lower() not in NAME_PARTICLES) and (  # "Bidang Ekonomi | Wa Ode …"
                is_ordinary(word) and not is_stopword(word)) and (_NEXT_IS_TITLE_OR_NAME.match(
                text, w.end()) or _AND_TITLE.match(text, w.end())) and not _leaves_one_name(
                text, w.end()):
            # "Kepala Badan Penghubung …": the ordinary words that name a unit
            unit_words = True
            parts.append(word)
            pos = w.end()
            continue
        if w and (word.lower() in TITLE_WORDS or (
                word in ("dan", "&") and _CAP_AHEAD.match(text, w.end())
                and not _name_after_and(text, w.end()))
                or (word.isupper() and 2 <= len(word) <= 8 and not is_degree(word)
                    and word.lower() not in MILITARY_RANKS)  # "Kapolres Klaten AKBP Warsono"
                or (word.isdigit() and len(parts) > 1)
                or (_ROMAN.fullmatch(word) and parts[-1].lower() in _NUMBERED_UNITS)
                or (word.lower() in TITLE_MODIFIERS and len(parts) == 1)):
            if w.group(1):
                parts[-1] += ","
            parts.append(word)
            pos = w.end()
            continue
        # "Kabid Humas Polda Metro Jaya Kombes Pol Ade Ary": words before a rank or a title
        before = _TAIL_TO_PREFIX.match(text, pos)
        if before and len(parts) > 1:
            parts.append(before.group(0).strip())
            pos = before.end()
        break
    tail_start = pos
    for _ in range(3):  # "Direktur Kawasan, Perkotaan dan Batas Negara, Dr. Bambang …"
        tail = _TAIL_TO_COMMA.match(text, pos)
        if not tail or is_degree(tail.group(0).split()[-1]) or (
                tail.group("comma") and not _title_words(tail.group(0)[1:].split())):
            break  # after a comma, only words of a title ("…, Riset dan Inovasi Daerah …")
        after = COMMA_GAP.match(text, tail.end()).end()
        span = read_name(text, after)
        if not span:
            # "Kabid Industri Dinas Koperasi, UKM dan Perindustrian OKI, Hj. Rosmala …": an
            # acronym after the comma, the title goes on if what follows is title words
            nxt = _TAIL_TO_COMMA.match(text, tail.end())
            if nxt and nxt.group("comma") and _title_words(nxt.group(0)[1:].split()):
                pos = tail.end()
                continue
            break
        pos = tail.end()
        name = text[span[0]:span[1]]
        if PREFIX_START.match(text, span[0]) or not all(
                is_ordinary(w) for w in name.replace(",", " ").split()):
            break  # a name follows this comma
    if pos > tail_start:
        tail_text = text[tail_start:pos].strip()
        if tail_text.startswith(","):  # "…Pembangunan, Riset dan Inovasi Daerah …"
            parts[-1] += ","
            tail_text = tail_text[1:].strip()
        parts.append(tail_text)
    title = _PAREN.sub("", " ".join(parts))
    # the acting marker is recorded as ``acting``, not in the job title
    title = re.sub("^" + _ACTING_WORD + r"\s*", "", re.sub(r"\s+", " ", title).strip(), flags=re.I)
    next_word = parts[1] if len(parts) > 1 else ""
    code = office_code(m.group(0), next_word.split()[0] if next_word else "", title)
    if code == "kepala-badan" and (_NATIONAL_AGENCY.search(title) or (
            next_word and next_word.split()[0].lower() in _NATIONAL_ACRONYMS)):
        code = None  # "Kepala Badan Pusat Statistik Provinsi …": a national agency, not a region's
    acting = bool(_ACTING_START.match(m.group(0)))
    if org is None and code in _REGIONAL_OFFICES:
        target = region or orgs.doc_region
        if target:
            org = orgs.government(target)
    return OfficeMention(m.start(), pos, title, code, acting, org, alias)


_NEXT_WORD = re.compile(r"[ \t]+([A-Z][\w'’-]*)")


def _name_after_and(text: str, pos: int) -> bool:
    """True when the word after "dan" at ``pos`` is none of an office, an organisation, a place
    or an ordinary word: "Keuchik dan Tuha Peuet" joins two things, not one title."""
    from .evidence import word_class  # evidence imports this module

    m = _NEXT_WORD.match(text, pos)
    return bool(m) and word_class(m.group(1)) == "name"


def _title_words(words: list[str]) -> bool:
    """True when ``words`` read as the rest of a job title: ordinary or title words, acronyms,
    "dan", and a region at the end ("Riset dan Inovasi Daerah Kabupaten Klaten"); not a unit of
    its own ("…, Badan Pusat Statistik …, Perum Bulog": a list of organisations)."""
    from .organizations import is_major_region

    if words and words[0].lower() in _UNIT_WORDS:
        return False

    def plain(w: str) -> bool:
        return w in ("dan", "&") or w.lower() in TITLE_WORDS or (w.isupper() and len(w) > 1) or (
            is_ordinary(w) and not is_stopword(w))

    for k in range(len(words), -1, -1):
        if all(plain(w) for w in words[:k]) and (
                k == len(words) or is_major_region(" ".join(words[k:]))):
            return bool(words)
    return False


_ONE_WORD_THEN_END = re.compile(r"[ \t]+([A-Z][a-z'’-]+)(?=[ \t]*(?:,|$|[ \t][a-z(]))", re.M)


def _leaves_one_name(text: str, pos: int) -> bool:
    """True when one possible name word and then the end of the phrase follow ``pos``: the word
    before is then the name's first word ("… Hukum Setkab Ratna Komalasari, S.H."), not the
    end of the unit's name, since a person named with an office is named with two words."""
    from .evidence import word_class  # evidence imports this module

    m = _ONE_WORD_THEN_END.match(text, pos)
    return bool(m) and word_class(m.group(1)) == "name"


def _minor_region_at(text: str, pos: int) -> int | None:
    """End of a region name of any level (kecamatan, desa) of 1-3 words at ``pos``, or None."""
    m = re.compile(r"[ \t]*((?:[A-Z][\w'’-]*)(?:[ \t]+[A-Z][\w'’-]*){0,2})").match(text, pos)
    if not m:
        return None
    words = m.group(1).split()
    for n in range(len(words), 0, -1):
        cand = " ".join(words[:n])
        if lookup_region(cand):
            return m.start(1) + len(cand)
    return None


#: the days of the week as names write them ("Minggu", "Senin")
_DAYS = frozenset("Senin Selasa Rabu Kamis Jumat Sabtu Minggu".split())
#: what follows a day that is a day: its time, its market day ("Minggu Pagi", "Jumat Kliwon")
_DAY_AFTER = frozenset(
    "pagi siang sore malam dini lalu depan ini itu kemarin legi pahing pon wage kliwon".split())


def _word_class(word: str) -> str:
    from .evidence import word_class  # evidence reads offices: imported here, not at the top

    return word_class(word)


def read_name(text: str, pos: int) -> tuple[int, int] | None:
    """Read a personal name (prefixes, words, degrees, nickname) at ``pos``: its span or None."""
    start = pos = _SPACE.match(text, pos).end()
    saw_prefix = False
    while True:
        m = PREFIX_START.match(text, pos)
        if not m:
            break
        pos, saw_prefix = m.end(), True
    words = 0
    while words < 6:
        m = NAME_WORD.match(text, pos)
        if m and words and m.group(0) in _DAYS and (nxt := NAME_WORD.match(
                text, _SPACE.match(text, m.end()).end())) and nxt.group(0)[:1].isupper() and (
                nxt.group(0).lower() not in NOT_NAME_WORDS) and not is_degree(nxt.group(0)) and (
                nxt.group(0).lower() not in _DAY_AFTER) and _word_class(nxt.group(0)) not in (
                    "office", "org", "place"):
            # "Ir. Dominikus Minggu Lewa": a day's name inside a name (Flores names take them)
            # when a name's word follows; a date follows a day, or a bracket or a comma
            pos = nxt.start()
            words += 1
            continue
        if not m or m.group(0).lower().rstrip(".") in NOT_NAME_WORDS or (
                not words and m.group(0) == "Hi.") or (
                m.group(0).count(".") > 1 and (not words or is_degree(m.group(0)))):
            break  # initials inside a name, never first and never a degree ("S.H.")
        if OFFICE_RE.match(text, m.start()) and not saw_prefix:
            break
        if words and RANK_RE.match(text, m.start()):
            # "Kepala Staf Kepresidenan Letjen TNI Bagus …": a rank starts the name; what came
            # before it is the rest of an office
            start = pos = m.start()
            while (r := PREFIX_START.match(text, pos)):
                pos = r.end()
            saw_prefix, words = True, 0
            continue
        if words and _DOTTED_TITLE.match(text, m.start()):
            # "Wakil Rektor Bidang Kerja Sama Prof. Dr. Sitti …": a title starts the name, like a
            # rank; what came before it is the rest of an office
            start = pos = m.start()
            while (r := PREFIX_START.match(text, pos)):
                pos = r.end()
            saw_prefix, words = True, 0
            continue
        if m.group(0).isupper() and len(m.group(0)) > 1 and is_degree(m.group(0)) and words:
            break
        pos = m.end()
        words += 1
        nxt = _NEXT_CAP.match(text, pos)
        if not nxt:
            break
        pos = nxt.end()
    if words == 0:
        return None
    end = pos = start + len(text[start:pos].rstrip(" \t"))
    n = _NICK.match(text, end)
    if n:
        end = pos = n.end()
    while True:
        d = _DEG_TOKEN.match(text, pos)
        if not d or not is_degree(d.group(1)):
            break
        pos = end = d.end()
    n = _NICK.match(text, end)
    if n:
        end = n.end()
    return start, end
