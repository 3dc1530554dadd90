"""People in a release: who is named, with which office, and every later mention of them.

A person is found where the text signals one: after an office ("Bupati Labuhanbatu Utara
H.Kharuddin Syah SE"), after an attribution verb ("kata Bambang", "Menurut Abdul Haris"), at an
honorific prefix ("Drs. Sugeng"), before degrees, "selaku", a speech verb or ", <office>". A later
short form ("Abdul Haris", "Bambang") is the same person.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from dataclasses import dataclass, field

from .evidence import (
    NAME_PARTICLES,
    ROLE_NOUNS,
    abbreviates,
    name_after_organisation,
    trim_span,
    word_class,
)
from .lexicon_people import NOT_NAME_WORDS, OFFICE_SHORT_FORMS
from .namecheck import (
    Candidate,
    _after_compound,
    drop_leading_places,
    name_confidence,
    place_not_person,
    region_goes_on,
)
from .namecontext import (
    _AFTER_NAME,
    _AND_NAME,
    _AS_AFTER,
    _AS_BEFORE,
    _ATTRIBUTION_BEFORE,
    _BUILDING_BEFORE,
    _CAP_WORD,
    _CLAUSE_STOP,
    _COMMA,
    _DESCRIBED_AFTER,
    _LIST_NEXT,
    _OBJECT_RUN,
    _PARTICLE_BEFORE,
    _QUOTED_RULES,
    _REGULATION_BEFORE,
    _ROLE_FROM,
    _VERB_BEFORE_NAME,
    _WEAK_RULES,
    DESCRIBED_BEFORE_NAME,
    ROLE_BEFORE_NAME,
    _anchors,
    _full_form_before,
)
from .names import PREFIX_RE, parse_name, slug
from .offices import (
    COMMA_GAP,
    OFFICE_RE,
    OFFICE_SCAN,
    PREFIX_START,
    OfficeMention,
    office_code,
    read_name,
    read_office,
)
from .organizations import Organizations
from .regions import has_region_name
from .wordlist import is_stopword

__all__ = ["OFFICE_RE", "Candidate", "Person", "People", "find_people", "office_code",
           "read_office"]

#: how a person was found -> confidence class (see :func:`.namecheck.name_confidence`).
RULES = ("honorific", "degree", "office-before", "attribution-verb", "speech-verb", "selaku",
         "office-after", "described-before", "described-after", "known-name", "credit-line")


#: a unit's number after the words of its name (Roman numerals or digits), then a capital
_UNIT_NUMBER = re.compile(r"[ \t]+(?:[IVX]{1,4}|\d{1,3})(?=[ \t]+[A-Z][a-z])")
_PARTICLE_TAIL = re.compile(r"[ \t]*,?[ \t]*\b(?:Anak|Ida)$")
_NOBLE_NEXT = re.compile(r"[ \t]+(?:Agung|Bagus|Ayu)[ \t]+[A-Z]")
_NOBLE_FIRST = re.compile(r"(?:Agung|Bagus|Ayu)[ \t]+[A-Z]")
_NOBLE_BEFORE = re.compile(r"(?<![\w.])(?:Anak|Ida)[ \t]+$")
_TITLE_PREFIX_BEFORE = re.compile(r"\b[A-Z][a-z]+[ \t]+$")
_ACTING_MARK = re.compile(r"^(?:plt|plh|pj|pjs|pps)\.?[ \t]+")
# the words between an office and the name it was cut from: capitalised words on one line
_TITLE_GAP = re.compile(r"[ \t]*(?:[A-Z][\w'’-]*[ \t]+){0,4}")


@dataclass
class Person:
    """A person under construction; ``mentions`` are character spans of every reference."""

    id: str
    label: str
    name: str
    prefixes: list[str] = field(default_factory=list)
    suffixes: list[str] = field(default_factory=list)
    nickname: str | None = None
    job_title: str | None = None
    office: str | None = None
    organization: str | None = None
    acting: bool = False
    mentions: list[tuple[int, int]] = field(default_factory=list)
    rule: str = "known-name"
    confidence: str = "likely"
    office_span: tuple[int, int] | None = None
    label_span: tuple[int, int] | None = None  # a credit line: where the label was read
    office_alias: str | None = None  # the office's short form given in brackets ("Waseskab")

    def to_record(self) -> dict:
        """Return the record form (schema ``person``)."""
        out: dict = {"id": self.id, "name": self.name, "label": self.label}
        if self.prefixes:
            out["honorific_prefixes"] = self.prefixes
        if self.suffixes:
            out["honorific_suffixes"] = self.suffixes
        for key in ("nickname", "job_title", "office", "organization"):
            if getattr(self, key):
                out[key] = getattr(self, key)
        if self.acting:
            out["acting"] = True
        return out


class People:
    """The people of one release with their mentions and office mentions."""

    def __init__(self) -> None:
        self.people: dict[str, Person] = {}
        self.offices: list[OfficeMention] = []
        self._tokens: set[str] = set()
        self._mentions: list[tuple[int, int, str]] | None = None
        self.rejected: list[Candidate] = []
        self._office_starts: list[int] | None = None  # cache of the office starts (quotes)
        # word -> people whose name (or nickname) has it: short forms are matched among these
        self._by_word: dict[str, list[Person]] = {}

    def add(self, text: str, span: tuple[int, int], office: OfficeMention | None,
            rule: str = "known-name", confidence: str = "likely") -> Person:
        """Add (or merge into an existing) person named at ``span``."""
        label = text[span[0]:span[1]].strip(" ,")
        parsed = parse_name(label)
        person = self.match(parsed.name, span[0])
        if person is None:
            person = self._new(parsed)
            person.rule, person.confidence = rule, confidence
        elif len(parsed.label) > len(person.label) and parsed.name == person.name:
            person.label, person.prefixes, person.suffixes = (
                parsed.label, parsed.prefixes, parsed.suffixes)
        if _RANK[confidence] > _RANK[person.confidence]:
            person.rule, person.confidence = rule, confidence
        if office and not person.job_title:
            person.job_title, person.office = office.title, office.code
            person.organization, person.acting = office.org, office.acting
            person.office_span = (office.start, office.end)
            person.office_alias = office.alias
        person.mentions.append(span)
        self._mentions = None
        return person

    def _new(self, parsed) -> Person:
        """A new person under a key not taken yet."""
        key = slug(parsed.name)
        while key in self.people:
            key += "-2"
        person = Person(key, parsed.label, parsed.name, parsed.prefixes, parsed.suffixes,
                        parsed.nickname)
        self.people[key] = person
        self._index(person)
        self._mentions = None
        return person

    def _index(self, person: Person) -> None:
        """Put the words of ``person``'s name and nickname in the word index."""
        words = f"{person.name} {person.nickname or ''}".lower().split()
        self._tokens.update(words)
        for w in dict.fromkeys(words):
            self._by_word.setdefault(w, []).append(person)

    def remove(self, person: Person) -> None:
        """Take ``person`` out of the release (merged into another, or withheld)."""
        del self.people[person.id]
        self._tokens, self._by_word = set(), {}
        for other in self.people.values():
            self._index(other)
        self._mentions = None

    def withhold(self, person: Person, reason: str) -> None:
        """Take ``person`` out of the release and keep it as a rejected candidate (a warning
        with its first mention's span, rule and reason), never as a person."""
        self.remove(person)
        start, end = person.mentions[0] if person.mentions else (0, 0)
        self.rejected.append(Candidate(start, end, person.label, reason, person.rule))

    def add_label(self, label: str, span: tuple[int, int] | None = None) -> Person:
        """Add a person known only from a label (a credit line), without a mention span."""
        parsed = parse_name(label)
        person = self.match(parsed.name) if len(parsed.name.split()) > 1 else None
        if person is None:
            person = next((p for p in self.people.values() if p.name == parsed.name), None)
        if person is None:
            person = self._new(parsed)
            person.rule = "credit-line"
            if span:
                person.label_span = span
        return person

    def office_span_for(self, org: str) -> tuple[int, int] | None:
        """Where an office of organisation ``org`` is named ("Bupati Labura" implies Pemkab)."""
        for person in self.people.values():
            if person.organization == org and person.office_span:
                return person.office_span
        return None

    def tokens(self) -> set[str]:
        """Lower-case words of every known name and nickname (a pre-check for short mentions)."""
        return self._tokens

    def match(self, name: str, pos: int | None = None) -> Person | None:
        """The known person ``name`` refers to: same name, or a short form of one name.

        A short form that fits several people ("Fauzan" for "Fauzan Mahdi Rizal" and "Nurul
        Aini Fauzan") is the one named last before ``pos`` (or first after it); without ``pos``
        it is none of them.
        """
        folded = name.lower().split()
        if not folded:
            return None
        hits = []
        # every relation below needs the first word of ``name`` in the person's name or nickname
        for person in self._by_word.get(folded[0], ()):
            full = person.name.lower().split()
            if full == folded or (person.nickname and [person.nickname.lower()] == folded):
                return person
            if len(folded) < len(full) and (full[: len(folded)] == folded
                                            or (len(folded) == 1 and folded[0] in full)
                                            or full[-len(folded):] == folded
                                            or (folded[0] == full[0]
                                                and _subsequence(folded[1:], full[1:]))):
                # "Edi Santoso", "Fathurrahman", "Daeng Ngawing", "Lalu Fathurrahman"
                hits.append(person)
            elif len(full) < len(folded) and folded[: len(full)] == full:
                hits.append(person)
        if len(hits) == 1:
            return hits[0]
        if hits and pos is not None:
            before = [(max((s for s, _e in p.mentions if s < pos), default=-1), p) for p in hits]
            best = max(before, key=lambda x: x[0])
            if best[0] >= 0 and sum(1 for b in before if b[0] == best[0]) == 1:
                return best[1]
            after = [(min((s for s, _e in p.mentions if s >= pos), default=None), p)
                     for p in hits]
            after = [a for a in after if a[0] is not None]
            if best[0] < 0 and after:
                return min(after, key=lambda x: x[0])[1]
        return None

    def by_office(self, code: str | None, title: str) -> Person | None:
        """The unique person holding an office (by code, else by job title words)."""
        cands = [p for p in self.people.values() if code and p.office == code]
        if len(cands) == 1:
            return cands[0]
        # "kata Plt. Deputi": the acting marker is no part of the title the holder was named with
        low = _ACTING_MARK.sub("", title.lower())
        rest = low.split()[1:]
        if len(cands) > 1 and rest:
            # "Kadinkes Papua Selatan" among the heads of two dinas: the one whose job title
            # has the words that follow the short form (its region or unit)
            fit = [p for p in cands if p.job_title and all(
                w in p.job_title.lower().split() for w in rest)]
            if len(fit) == 1:
                return fit[0]
        cands = [p for p in self.people.values() if p.job_title and (
            p.job_title.lower().startswith(low) or low.startswith(p.job_title.lower()))]
        if not cands:  # "ujar Waseskab" after "Wakil Sekretaris Kabinet (Waseskab) Dadang …"
            cands = [p for p in self.people.values()
                     if p.office_alias and p.office_alias.lower() == low.split()[0]]
        if not cands and low in OFFICE_SHORT_FORMS:
            # "kata Kajari" after "Kepala Kejaksaan Negeri Merangin, Hendro …": a short form
            # whose letters are not the starts of the title's words ("ja" of "Kejaksaan")
            full = OFFICE_SHORT_FORMS[low]
            cands = [p for p in self.people.values()
                     if p.job_title and _ACTING_MARK.sub("", p.job_title.lower()).startswith(full)]
        if not cands and low and " " not in low:
            # "ujar Waseskab" after "Wakil Sekretaris Kabinet Dr. Hanif …" (no alias given): the
            # short form is made of the starts of the title's words
            cands = [p for p in self.people.values()
                     if p.job_title and abbreviates(low, p.job_title)]
        return cands[0] if len(cands) == 1 else None

    def mentions(self) -> list[tuple[int, int, str]]:
        """Every mention as ``(start, end, person id)``, in text order."""
        if self._mentions is None:
            self._mentions = sorted({(s, e, p.id) for p in self.people.values()
                                     for s, e in p.mentions})
        return self._mentions



def _subsequence(short: list[str], full: list[str]) -> bool:
    """True when the words ``short`` appear in ``full`` in the same order."""
    it = iter(full)
    return all(w in it for w in short)


def _window(mentions, lo: int, hi: int):
    """The mentions (sorted ``(start, end, id)``) starting in ``[lo, hi)``."""
    return mentions[bisect.bisect_left(mentions, (lo,)):bisect.bisect_left(mentions, (hi,))]


def _offices_in(people: People, lo: int, hi: int):
    """The office mentions (in text order) starting in ``[lo, hi)``."""
    starts = [o.start for o in people.offices] if people._office_starts is None else \
        people._office_starts
    people._office_starts = starts
    return people.offices[bisect.bisect_left(starts, lo):bisect.bisect_left(starts, hi)]


_RANK = {"guess": 0, "likely": 1, "certain": 2}

#: heads whose own proper name follows them ("PT …", "Koperasi …", "Pasar …", "Kepala Suku
#: …", "Desa …"): a name glued after one may begin with the end of that proper name
_NAMED_HEAD_BEFORE = re.compile(
    r"\b(?P<head>(?i:pt|cv|ud|koperasi|kelompok|poktan|gapoktan|kwt|sanggar|yayasan|pasar|"
    # groups by their short forms: a joint business group, a tourism awareness group, a
    # fishers' processing or watch group, a forest farmers' group, a village-owned enterprise
    r"kub|pokdarwis|poklahsar|pokmaswas|kth|bumdes|bumdesa|paguyuban|komunitas|"
    r"pelabuhan|selat|teluk|pulau|suku|camat|lurah|desa|kampung|kelurahan|nagari|gampong|"
    r"dusun|lembang|pekon|jorong|"
    # a school, a health centre, a religious affairs office, a kecamatan or district, a village
    # head by a regional name, a neighbourhood: each followed by its own place name ("Kepala
    # Puskesmas Walelagama …", "Kepala SMP Negeri 3 Bajawa …", "Kuwu Jatibarang …", "RW 05 …")
    r"puskesmas|pustu|sd|sdn|smp|smpn|sma|sman|smk|smkn|mts|mtsn|kua|kecamatan|distrik|kuwu|"
    r"sangadi|peratin|kapitalaung|petinggi|rw|rt))"
    r"(?P<between>(?:[ \t]+[A-Z0-9][\w'’-]*){0,4})[ \t]+$")
_WORD_BEFORE_HEAD = re.compile(r"(\S+)[ \t]+$")
_VILLAGE_HEADS = frozenset(
    "desa kampung kelurahan nagari gampong dusun lembang pekon jorong kecamatan distrik kuwu "
    "sangadi peratin kapitalaung petinggi rw rt".split())
#: words between such a head and its place name that are no part of the place ("SD Inpres …",
#: "SMP Negeri 3 …", "RW 05 …")
_HEAD_NUMBERING = frozenset("negeri inpres swasta terpadu".split())
_GROUP_HEADS = frozenset("pt cv ud koperasi kelompok poktan gapoktan kwt sanggar yayasan kub "
                         "pokdarwis poklahsar pokmaswas kth bumdes bumdesa paguyuban "
                         "komunitas".split())
#: words that begin a name (a particle, a spelled-out or short "Haji"): in a name glued to such
#: a head, the name begins there ("Koperasi Garam Sumber Rejeki Pademawu Haji Sunarto")
_GLUED_NAME_STARTS = frozenset("andi haji hajah hj h i ni teuku tgk cut raden".split())


def _glued_to_head(text: str, span: tuple[int, int]) -> tuple[int, int] | None:
    """``span`` (a name read right after an office), or where it really starts, or None when
    its start is a guess: the name is glued (no comma) to a head that is followed by its own
    proper name (see :data:`_NAMED_HEAD_BEFORE`).

    A particle or "Haji" inside the name begins it. Otherwise, a name of three words or more
    right after the head begins after its first word (the head's one-word name: "Kepala Pasar
    Karisa Syamsuddin Tompo"); a name of two words right after a village's or a group's head
    ("Kepala Desa Wonocolo Suparman"), or of three or more after ordinary words that may still
    be the head's name ("Camat Khusus Miangas Frengky …"), is a guess.
    """
    head = _NAMED_HEAD_BEFORE.search(text, max(0, span[0] - 60), span[0])
    label = text[span[0]:span[1]]
    if not head or parse_name(label).prefixes:
        return span
    words = list(re.finditer(r"[^\s,]+", label))
    lead = 0
    while lead < len(words) - 2 and (words[lead].group(0).isdigit() or words[lead].group(
            0).lower() in _HEAD_NUMBERING):
        lead += 1  # "SD Inpres Wamena Yonas …": the numbering was read into the name
    if lead:
        return _glued_to_head(text, (span[0] + words[lead].start(), span[1]))
    between = head.group("between").split()
    numbered = [w for w in between if w.isdigit() or w.lower() in _HEAD_NUMBERING]
    if numbered == between:
        between = []  # "SMP Negeri 3 Bajawa Servasius …": the school's place comes next
    if len(words) < 2:
        # "Ketua RW 05 Cigugur yang …": one word after a numbered head is its place
        return None if numbered and not between else span
    for j in range(1, len(words) - 1):
        if words[j].group(0).lower().rstrip(".") in _GLUED_NAME_STARTS:
            return span[0] + words[j].start(), span[1]
    kind = head.group("head").lower()
    before = _WORD_BEFORE_HEAD.search(text, max(0, head.start() - 30), head.start())
    if kind not in _GROUP_HEADS and (before and before.group(1).lower() in ("dan", "&") or (
            kind in _VILLAGE_HEADS and _after_compound(text, head.end("head") + 1))):
        # "Direktur Pembangunan Ekonomi Desa Sri …", "Kepala Dinas Pemberdayaan Masyarakat dan
        # Desa Budi …": the end of an office's field, no village of its own
        return span
    if not between:
        if len(words) >= 3 and kind in _GROUP_HEADS:
            return None  # a group's name is often two words or more ("KWT Melati Rupit …")
        if len(words) >= 4 and kind in _VILLAGE_HEADS and has_region_name(" ".join(
                w.group(0) for w in words[:2]), "desa") and "ordinary" in (
                    word_class(words[0].group(0)), word_class(words[1].group(0))):
            # "Wali Nagari Koto Baru Deswandi Piliang": a village the table names in two
            # words, one of them an ordinary word (two given names may spell a village too)
            return span[0] + words[2].start(), span[1]
        if len(words) >= 3 and words[0].group(0).lower() not in NAME_PARTICLES:
            return span[0] + words[1].start(), span[1]
        if len(words) == 2 and kind not in ("camat", "lurah"):
            return None
        return span
    for n in (1, 2):
        # "KUA Kecamatan Batu Ampar Ahmad …": the place began before the name was read
        if len(words) - n >= 2 and has_region_name(" ".join(
                [*between, *(w.group(0) for w in words[:n])]), "kecamatan", "desa"):
            return span[0] + words[n].start(), span[1]
    if len(words) >= 3 and all(word_class(w) == "ordinary" for w in between) and (
            not has_region_name(" ".join(between), "kecamatan", "desa")):
        return None  # ("Camat Tangen Bambang …": a kecamatan of the table ends the title)
    return span


#: forms of address of kin put before a nickname ("Ina Grace", "Ama Yosef", "Mang Sarip"): Nias
#: and Flores "Ina"/"Ama"/"Ine", Papua and Maluku "Bapa"/"Mama", Sundanese "Mang", Malay and
#: Javanese "Mak"/"Mbok"/"Cik"/"Wak"/"Uwak", Minang "Uda"/"Uni", "Abang"/"Bang"/"Kang"/"Akang"
#: (a kin word of :data:`~.lexicon_people.NOT_NAME_WORDS` may still begin what was read)
_KIN_ADDRESS = frozenset(
    "ina ama ine bapa mama mang mak mbok cik wak uwak uda uni abang bang kang akang".split())
#: a nickname introduced after the full name ("…, S.Kep., yang akrab disapa Ina Grace, …",
#: "yang dipanggil warga Mak Ani")
_ALIAS_INTRO = re.compile(r"\b(?:disapa|dipanggil|(?:nama\s+)?(?:sapaan|panggilan)(?:nya)?)"
                          r"(?:\s+(?:warga|tetangga|teman(?:-temannya)?|kawan|rekan|orang|"
                          r"anak-anak|murid|siswa|pelanggan))?"
                          r"\s+([A-Z][\w'’-]*(?:[ \t]+[A-Z][\w'’-]*){0,2})")


def _nickname_only(text: str, span: tuple[int, int], aliases: set[str]) -> bool:
    """True when ``span`` is only a nickname: a kin word of address and one word, or a phrase
    the text introduced as someone's nickname ("yang akrab disapa …")."""
    words = text[span[0]:span[1]].split()
    return (len(words) == 2 and words[0].lower() in _KIN_ADDRESS) or (
        " ".join(w.lower() for w in words) in aliases)


#: a line that says the list after it names people ("Juru bicara fraksi:", "Daftar pemenang:")
_PEOPLE_LIST_HEAD = re.compile(
    r"^[^\n]{0,60}\b(?i:juru[ \t]+bicara|jubir|pemenang|juara|penerima|peserta[ \t]+terbaik|"
    r"nama-nama|daftar[ \t]+nama)\b[^\n]{0,40}:[ \t]*$", re.M)
#: an item of such a list: a number or a bullet, an optional label and a colon ("1. Fraksi
#: Golkar: "); a medal before a winner needs no heading ("🥇 Budi Santoso – SMP …")
_LIST_ITEM = re.compile(r"[ \t]*(?:\d{1,2}[.)]|[-•*▪–])[ \t]+(?:[A-Z][^:\n]{0,50}:[ \t]*)?")
_MEDAL_ITEM = re.compile(r"^[ \t]*[\U0001F947\U0001F948\U0001F949\U0001F3C5][ \t]*", re.M)
#: where a listed name ends: the line's end, a dash or a bracket before the school, a comma
#: first words of a listed winner that is a village, a region, a group or a team ("Juara I:
#: Nagari …", "🥇 Tim Voli …")
_NOT_LISTED_PEOPLE = _VILLAGE_HEADS | _GROUP_HEADS | frozenset(
    "kelurahan kabupaten kota provinsi pemerintah pemkab pemkot pemprov tim regu kontingen "
    "sekolah sanggar grup klub".split())
_LIST_ITEM_END = re.compile(r"[ \t]*(?:$|[–—-][ \t]|\(|,)", re.M)


def _people_list_items(text: str) -> list[tuple[int, int]]:
    """Where each item of a list of people begins and its line ends: the numbered or bulleted
    lines right after a heading that names people, and lines that begin with a medal."""
    items = []
    for head in _PEOPLE_LIST_HEAD.finditer(text):
        pos = head.end() + 1
        while pos < len(text):
            end = text.find("\n", pos)
            end = len(text) if end < 0 else end
            m = _LIST_ITEM.match(text, pos, end)
            if not m:
                break
            items.append((m.end(), end))
            pos = end + 1
    items += [(m.end(), (text.find("\n", m.end()) + 1 or len(text) + 1) - 1)
              for m in _MEDAL_ITEM.finditer(text)]
    return items


def find_people(text: str, orgs: Organizations, skip: list[tuple[int, int]] = ()) -> People:
    """Find the people of ``text``. ``skip`` spans (credit line, title) are not searched.

    Phrases that looked like names but are ordinary words, places or organisations are kept in
    ``People.rejected`` (for the warnings), not as people.
    """
    from .quotes import find_quote_spans  # quotes reads people: imported here, not at the top

    people = People()
    aliases = {" ".join(m.group(1).lower().split()) for m in _ALIAS_INTRO.finditer(text)}
    taken = _Spans(skip)
    free = taken.free
    quoted = _Spans([(s[2], s[3]) for s in find_quote_spans(text) if s[4]])  # closed only

    def reject(span: tuple[int, int], reason: str, rule: str) -> None:
        """``span`` is searched no more and kept as a warning, never as a person."""
        taken.add(span)
        people.rejected.append(Candidate(span[0], span[1], text[span[0]:span[1]], reason, rule))

    def take(span: tuple[int, int], office: OfficeMention | None, rule: str) -> None:
        if not free(*span):
            return
        if rule not in _QUOTED_RULES and not quoted.free(*span) and not people.match(
                parse_name(text[span[0]:span[1]]).name, span[0]):
            # "… harus kita jaga sampai Lebaran," katanya: inside someone's words a capitalised
            # word is a person only with a title, a degree or an office
            taken.add(span)
            return
        region_end = region_goes_on(text, span)
        if region_end:
            # "Bupati Pangkajene dan Kepulauan Andi …": the first words of a region the table
            # names in more, and the text writes the rest: a place, never a person alone; the
            # name after the whole region is the head's
            reject(span, "place", rule)
            again = read_name(text, region_end) if office else None
            if again and free(*again):
                take(again, office, rule)
            return
        if rule not in ("honorific", "degree", "office-before") and _nickname_only(
                text, span, aliases) and not people.match(parse_name(
                    text[span[0]:span[1]]).name, span[0]):
            # "… yang akrab disapa Ina Grace, …", "kata Ina Grace.": a form of address, the
            # nickname of someone named in full, not a person of its own
            reject(span, "unsure", rule)
            return
        start = span[0]
        cut = trim_span(text, drop_leading_places(text, span))
        if rule == "described-before" and cut[0] > span[0]:
            # "… di Balai Kerapatan Tinggi, Siak Sri Indrapura, 29 September": between commas
            # with no office, a phrase that begins with a place is a place (an address), or a
            # name glued to one; which, no evidence says
            reject(span, "unsure", rule)
            return
        if cut[0] > span[0]:
            # the words cut from the front (a region, an organisation) were counted in the
            # name's six-word reading: read the name again from where it starts ("…
            # Pelalawan Agus Salim Hasibuan", "Kasi Promosi … Pesawaran Ahmad Fauzan Marpaung")
            again = read_name(text, cut[0])
            if again and again[1] > cut[1] and free(cut[1], again[1]):
                cut = (cut[0], again[1])
        span = cut
        p = _PARTICLE_BEFORE.search(text, max(0, span[0] - 12), span[0]) or (
            _NOBLE_FIRST.match(text, span[0]) and _NOBLE_BEFORE.search(
                text, max(0, span[0] - 6), span[0]))
        if p and free(p.start(), span[0]) and (start <= p.start() or not office or (
                office.end <= p.start())):
            # "Bendesa Adat Kuta, I Wayan Sudarsana", "…, Anak Agung Gede …": the particle
            # begins the name (looked for before the cut words go to the job title)
            span = (p.start(), span[1])
        if rule in ("office-before", "speech-verb", "degree"):
            # (a name glued to a head whatever found it: "Kepala Sekolah SD Inpres Wamena
            # Yonas … menjelaskan" is read by its verb)
            glued = _glued_to_head(text, span)
            if glued is None:
                # "Direktur Utama PT Khatulistiwa Bahari Lestari Benny …": where the name of the
                # company (the village, the people) ends and the person's begins is a guess
                reject(span, "unsure", rule)
                return
            span = glued
        if office and office.end <= start < span[0] and _TITLE_GAP.fullmatch(
                text, office.end, span[0]):
            # "Camat Latambaga Rahmat …", "Diskominfo OKU Timur Rina …": the words cut from the
            # name's front (a kecamatan, the end of a region) finish the job title
            office = dataclasses.replace(
                office, title=f"{office.title} {text[office.end:span[0]].strip()}".strip())
        known = people.match(parse_name(text[span[0]:span[1]]).name, span[0])
        if not known and rule in _WEAK_RULES:
            # "…, Andi Baso Tenriawaru, yang …" then "ujar Andi Baso": the short form of a name
            # written in full, between commas, a little earlier
            full = _full_form_before(text, span)
            if full and free(*full) and name_confidence(text, full, "described-before")[0]:
                taken.add(full)
                people.add(text, full, None, "described-before", "likely")
                known = people.match(parse_name(text[span[0]:span[1]]).name, span[0])
        confidence, reason = ("likely", "") if known else name_confidence(
            text, span, rule, office.code if office else None)
        if confidence is None:
            reject(span, reason, rule)
            return
        taken.add(span)
        people.add(text, span, office, rule, confidence)

    for m in OFFICE_SCAN.finditer(text):
        title = _TITLE_PREFIX_BEFORE.search(text, max(0, m.start() - 8), m.start())
        if title and PREFIX_RE.match(text, title.start()) and PREFIX_RE.match(
                text, title.start()).end() > m.start():
            continue  # "Jro Bendesa I Ketut …": an honorific that holds an office's word
        if not m.group(0)[0].isupper() or _REGULATION_BEFORE.search(
                text, max(0, m.start() - 25), m.start()) or _issuer_of_regulation(
                text, m.start()) or _BUILDING_BEFORE.search(
                text, max(0, m.start() - 20), m.start()):
            continue
        office = read_office(text, m, orgs)
        cut = _PARTICLE_TAIL.search(text, office.start, office.end)
        if cut and cut.end() == office.end and _NOBLE_NEXT.match(text, office.end):
            # "Sekda Klungkung, Anak Agung Gede …": "Anak" ends no office here ("Perlindungan
            # Anak" does); with the word after it, it begins a Balinese name
            office = dataclasses.replace(office, end=cut.start(), title=" ".join(
                text[office.start:cut.start()].split()))
        people.offices.append(office)
        if _AS_BEFORE.search(text, max(0, m.start() - 10), m.start()):
            continue  # "Ir. Bagus Hendrawan sebagai Asisten Deputi …, Dra. Wiwik …": his office
        after = COMMA_GAP.match(text, office.end).end()
        span = read_name(text, after)
        unit = _UNIT_NUMBER.match(text, span[1]) if span else None
        if unit and len(text[span[0]:span[1]].split()) <= 2 and not parse_name(
                text[span[0]:span[1]]).prefixes:
            # "Kepala Balai Wilayah Sungai Sumatera II Budi …", "Danlantamal IV Ahmad …": words
            # followed by a unit's number name the unit; the person comes after the number
            tail = read_name(text, unit.end())
            if tail:
                whole = " ".join(text[office.start:unit.end()].split())
                office = dataclasses.replace(office, end=office.start + len(
                    text[office.start:unit.end()].rstrip()), title=whole)
                span = tail
        if span and free(*span) and not place_not_person(text[span[0]:span[1]]):
            n_rejected = len(people.rejected)
            take(span, office, "office-before")
            if len(people.rejected) > n_rejected and people.rejected[-1].reason in (
                    "organization", "ordinary-word"):
                # "kata Ketua Himpunan … Kabupaten Bantul Sri Lestari Wulandari": the office's
                # organisation was read as a name; the name comes after its last org/place word
                start = name_after_organisation(text, span[0])
                tail = read_name(text, start) if start is not None else None
                if tail and free(*tail):
                    # the job title is the office with its organisation, as written
                    whole = " ".join(text[office.start:tail[0]].split()).rstrip(" ,")
                    take(tail, dataclasses.replace(office, end=office.start + len(
                        text[office.start:tail[0]].rstrip(" ,\t\n")), title=whole),
                         "office-before")
    for m in ROLE_BEFORE_NAME.finditer(text):
        # "pembawa baki Salsabila Putri Ananda", "Pembaca Panca Prasetya Satpol PP, Nurmala …"
        if _ROLE_FROM.search(m.group(0)):
            continue  # "pengibar bendera dari Paskibraka putri": where they come from
        rest = _OBJECT_RUN.match(text, m.end())  # "pembaca Teks Pembukaan UUD 1945 Dhea …"
        span = read_name(text, rest.end() if rest else m.end())
        if span and free(*span):
            take(span, _office_after(text, span[1], orgs), "office-before")
            # "pengibar bendera terdiri atas A, B dan C": every name of the list
            for _ in range(8):
                more = _LIST_NEXT.match(text, span[1])
                nxt = read_name(text, more.end()) if more else None
                if not nxt or len(text[nxt[0]:nxt[1]].split()) < 2 or not free(*nxt):
                    break
                take(nxt, None, "office-before")
                span = nxt
    for start, end in _people_list_items(text):
        # "Juru bicara fraksi:" then "1. Fraksi Golkar: Budi Santoso", or a medal before each
        # winner: every item a name of two words or more, checked like a described name
        span = read_name(text, start)
        words = text[span[0]:span[1]].split() if span else []
        if span and span[1] <= end and free(*span) and len(words) >= 2 and _LIST_ITEM_END.match(
                text, span[1]) and words[0].lower() not in _NOT_LISTED_PEOPLE:
            take(span, None, "described-before")
    for m in DESCRIBED_BEFORE_NAME.finditer(text):
        # "pemilik usaha keripik Kriuk Mama, Dewi Lestari Ningsih, yang …": a description of a
        # person, then the name between commas; two words at least, and the comma after it
        span = read_name(text, m.end())
        if not (span and free(*span) and len(text[span[0]:span[1]].split()) >= 2):
            continue
        if _COMMA.match(text, span[1]):
            take(span, None, "described-before")
            continue
        # "perwakilan Paskibraka, Muhammad Rafli Lasawedi dan Nur Aulia Pratiwi.": two names
        more = _AND_NAME.match(text, span[1])
        nxt = read_name(text, more.end()) if more else None
        if nxt and len(text[nxt[0]:nxt[1]].split()) >= 2 and _CLAUSE_STOP.match(text, nxt[1]):
            take(span, None, "described-before")
            if free(*nxt):
                take(nxt, None, "described-before")
    by_end = sorted((o.end, i) for i, o in enumerate(people.offices))
    ends = [e for e, _i in by_end]

    def reaching(start: int) -> OfficeMention | None:
        # "Direktur Pengembangan Ekonomi Desa Siti …", "Plt. Direktur RSUD dr. Sobirin, dr.
        # Hendra …": an office whose title runs on, in capitalised words, up to the name
        i = bisect.bisect_right(ends, start) - 1
        if i < 0:
            return None
        office = people.offices[by_end[i][1]]
        if start - office.end > 80 or not _TITLE_RUN.fullmatch(text, office.end, start):
            return None  # (the distance first: no slice of a long text per candidate)
        title = " ".join(text[office.start:start].split()).rstrip(" ,")
        return dataclasses.replace(office, end=office.start + len(
            text[office.start:start].rstrip(" ,\t")), title=title)

    for m in PREFIX_START.finditer(text):
        nxt = _NEXT_WORD.match(text, m.end())
        if nxt and (word_class(nxt.group(1)) in ("office", "org") or nxt.group(1) == "Adat"):
            # "Pastor Paroki Entikong, RD. …", "Pemangku Adat Bayan, Raden …": an office
            continue
        if _HAJI_INSIDE.match(text, m.start()) and _CAPITAL_BEFORE.search(
                text, max(0, m.start() - 30), m.start()):
            continue  # "Asrama Haji Transit", "Jemaah Haji Kloter": part of a name, no title
        span = read_name(text, m.start())
        if span and free(*span) and parse_name(text[span[0]:span[1]]).prefixes:
            take(span, _office_after(text, span[1], orgs) or reaching(span[0]), "honorific")
    anchors = _anchors(text)
    tokens = people.tokens()
    for word in _CAP_WORD.finditer(text):
        s, low = word.start(), word.group(0).lower()
        if low in NOT_NAME_WORDS or is_stopword(low):
            continue
        i = bisect.bisect_right(anchors, s)
        known = low in tokens
        if not (i < len(anchors) and anchors[i] - s < 90) and not known and not (
                _VERB_BEFORE_NAME.search(text, max(0, s - 20), s)):
            continue
        if not free(s, s + 1) or (not known and place_not_person(word.group(0))):
            continue
        found = _triggered_name(text, s, people, orgs)
        if found and free(*found[0]):
            if found[1] is None and found[2] in ("degree", "attribution-verb", "speech-verb"):
                # (from where the name starts once the words of a title are cut from its front:
                # "Kasi Sejarah dan | Permuseuman Disparbud Jepara Anik …")
                found = (found[0], reaching(trim_span(text, drop_leading_places(
                    text, found[0]))[0]), found[2])
            take(*found)
            tokens = people.tokens()
    _fold_titled_mentions(text, people)
    _withhold_weak_evidence(text, people)
    return people


#: after a name, a second piece of evidence: a comma or "sebagai"/"selaku" and the sentence going
#: on in lower case about the person set off before it ("…, Dewi Lestari, mengatakan", "ucap
#: Halimah, warga Desa …", "Yusran sebagai ketua sanggar")
_SET_OFF_AFTER = re.compile(r"(?:,|[ \t]+(?:sebagai|selaku))[ \t]*[a-z]")
#: before a name: a byline at a line's start ("Oleh Rina Marlina, Kamis, 12 Juli 2018 | …")
_BYLINE_BEFORE = re.compile(r"(?:^|\n)[ \t]*Oleh[ \t]+$")


#: how far from a mention the name is looked for written again (a release's length; a long text
#: is not searched whole for every weak name)
_NEAR = 3000


def _second_evidence(text: str, person: Person) -> bool:
    """True when a mention of ``person``, or the name written again near one, is set off as
    described by :data:`_SET_OFF_AFTER`, or is a byline's author."""
    name = person.name
    spans = list(person.mentions)
    for m_start, m_end in person.mentions[:4]:
        lo, hi = max(0, m_start - _NEAR), min(len(text), m_end + _NEAR)
        pos = text.find(name, lo, hi)
        while pos >= 0:
            end = pos + len(name)
            if (pos == 0 or not text[pos - 1].isalnum()) and not text[end:end + 1].isalnum():
                spans.append((pos, end))
            pos = text.find(name, end, hi)
    return any(_SET_OFF_AFTER.match(text, end) for _start, end in spans) or any(
        _BYLINE_BEFORE.search(text, max(0, start - 12), start) for start, _end in spans)


_ACTING_WORDS = frozenset({"plt", "pj", "plh", "wakil"})
#: heads that stand alone before a name ("Gubernur Lalu Ahmad …"): no field or group follows
_WHOLE_HEADS = frozenset({"bupati", "wakil-bupati", "wali-kota", "wakil-wali-kota", "gubernur",
                          "wakil-gubernur", "sekda"})


def _bare_head_before(text: str, person: Person) -> bool:
    """True when ``person`` was read right after a bare office (only office and organisation
    words: "Kabid", "Ketua KWT"), with no comma or title between, and a name of three words or
    more: such a head is followed by its field or its group's name, so where the name begins
    is a guess ("Kabid Perkebunan Jonri …", "Ketua KWT Melati Rupit Sulastri")."""
    if person.rule != "office-before" or not person.office_span or person.prefixes or len(
            person.name.split()) < 3 or person.office in _WHOLE_HEADS or (
            person.name.split()[0].lower() in NAME_PARTICLES):
        return False  # (a particle, "Lalu", "I", "Andi", marks where a name begins)
    start, end = person.office_span
    if not any(end <= m_start <= end + 4 and not text[end:m_start].strip()
               for m_start, _m_end in person.mentions):
        return False
    words = [w for w in text[start:end].replace(",", " ").split()
             if w.lower().rstrip(".") not in _ACTING_WORDS]
    return bool(words) and all(word_class(w) in ("office", "org") for w in words)


def _withhold_weak_evidence(text: str, people: People) -> None:
    """Send to the warnings (``not-a-person-unsure``) every person whose evidence is weak.

    - One piece of evidence, a verb (of saying, or "selaku"): no title, no degree, no office,
      no byline, and nowhere set off by a comma (or "sebagai") that the sentence goes on after.
    - An office, but a bare one glued to a long name, so that the name's start is a guess
      (:func:`_bare_head_before`).

    A verb alone is as often right after a title, an office's short form or a place ("ujar
    Wamenkes.", "kata Kepala Adat Mukim X, Tgk. …", "Kapitalaung Yunus mengatakan") as after a
    name: on the blind corpora a name published on one weak piece of evidence was the one most
    often wrong. A name with a second piece of evidence is published as before.
    """
    for person in list(people.people.values()):
        if _bare_head_before(text, person):
            people.withhold(person, "unsure")
            continue
        if person.rule not in _WEAK_RULES or person.confidence == "certain" or (
                person.prefixes or person.suffixes or person.job_title):
            continue
        if not _second_evidence(text, person):
            people.withhold(person, "unsure")


# a spelled-out "Haji" right after a capitalised word (no comma): part of a building's or an
# event's name ("Asrama Haji", "Musim Haji"); after a comma, a line start or a lower-case word it
# is a title ("Ketua …, Haji Mukhlis, berkata")
_HAJI_INSIDE = re.compile(r"(?:Haji|Hajah|Hajjah)\b")
_NEXT_WORD = re.compile(r"[ \t]*([A-Z][\w'’-]*)")
_CAPITAL_BEFORE = re.compile(r"\b[A-Z][\w'’-]*[ \t]+$")


def _fold_titled_mentions(text: str, people: People) -> None:
    """Fold "<title word> <given name>" into the person it names a second time.

    "Damang Yusuf berkata" after "Damang Kepala Adat …, Yusuf Anjung": a two-word person whose
    second word is a word of another person's name, and whose first word is written in that
    person's own office phrase (its job title, or the clause right before the full name), is that
    person addressed by office, whatever the title (a regional one the lexicon lacks or a plain
    "Kadis"). Evidence of a kind every release has (the office written with the full name), no
    list of titles."""
    for person in list(people.people.values()):
        words = person.name.split()
        if len(words) != 2 or person.prefixes:
            continue
        first, second = words[0].lower(), words[1].lower()
        hosts = [q for q in people._by_word.get(second, ()) if q is not person
                 and first not in q.name.lower().split() and len(q.name.split()) > 1
                 and _titled_by(text, q, words[0])]
        if len(hosts) != 1:
            continue
        host = hosts[0]
        host.mentions.extend(person.mentions)
        people.remove(person)


_CLAUSE_BREAK = re.compile(r"[.!?][ \t]+[A-Z]|\n")


def _titled_by(text: str, person: Person, word: str) -> bool:
    """True when ``word`` is a word of ``person``'s job title or is written in the clause right
    before one of the person's mentions (at most 100 characters, no sentence end between)."""
    if person.job_title and word.lower() in person.job_title.lower().split():
        return True
    pattern = re.compile(rf"\b{re.escape(word)}\b")
    for s, _e in person.mentions:
        lo = max(0, s - 100)
        last = max(pattern.finditer(text, lo, s), key=lambda m: m.start(), default=None)
        if last and not _CLAUSE_BREAK.search(text, last.end(), s):
            return True
    return False


class _Spans:
    """Disjoint character spans already taken, with an O(log n) overlap test."""

    def __init__(self, spans) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []
        for span in sorted(spans):
            if self.ends and span[0] < self.ends[-1]:
                self.ends[-1] = max(self.ends[-1], span[1])  # merge overlapping skip spans
            else:
                self.starts.append(span[0])
                self.ends.append(span[1])

    def free(self, s: int, e: int) -> bool:
        """True when ``[s, e)`` overlaps no taken span."""
        i = bisect.bisect_left(self.starts, e) - 1
        return i < 0 or self.ends[i] <= s

    def add(self, span: tuple[int, int]) -> None:
        """Take a span that :meth:`free` accepted."""
        i = bisect.bisect_left(self.starts, span[0])
        self.starts.insert(i, span[0])
        self.ends.insert(i, span[1])


def _office_after(text: str, end: int, orgs: Organizations) -> OfficeMention | None:
    """The office written after a name and a comma ("…, S.H., Kabag Ops Polresta Palu")."""
    comma = _COMMA.match(text, end) or _AS_AFTER.match(text, end)
    if comma:
        om = OFFICE_RE.match(text, comma.end())
        if om and om.group(0)[0].isupper():
            return read_office(text, om, orgs)
    return None



# what an office's reading left before a name: capitalised words (and "dr." of a building's
# name), then perhaps a comma; no sentence end, no line break, no "dan"
# ("Kasi Sejarah dan Permuseuman Disparbud …": "dan" joins two fields of one unit)
_TITLE_RUN = re.compile(r"(?:[ \t]+(?:[A-Z][\w'’-]*|dr\.|(?:dan|&)(?=[ \t]+[A-Z])))*[ \t]*,?[ \t]*")
_LOWER_BEFORE = re.compile(r"\b[a-z]+[ \t]+$")
_PLACE_NOUN_BEFORE = re.compile(
    r"\b(?:di|ke|dari)[ \t]+[a-z]{3,}(?:[ \t]+[A-Z][\w'’-]*){0,3}[ \t]+$")


_JOINT_DECREE = re.compile(r"\b(?:Peraturan|Keputusan|Surat[ \t]+Edaran|Instruksi)[ \t]+"
                           r"Bersama[ \t]+[^.\n;]*$")
_ABOUT_AHEAD = re.compile(r"[^.\n;]{0,200}?\btentang\b")


def _issuer_of_regulation(text: str, pos: int) -> bool:
    """True when the office at ``pos`` is one of the issuers of a joint regulation ("Surat
    Keputusan Bersama Kepala …, Direktur Jenderal … dan Direktur Jenderal Bina Marga tentang
    …"): it names an office, not a person."""
    return bool(_JOINT_DECREE.search(text, max(0, pos - 200), pos)) and bool(
        _ABOUT_AHEAD.match(text, pos))


def _role_after_as(text: str, pos: int) -> bool:
    """True when the word at ``pos`` (after "sebagai"/"selaku") is an office, a role or a name."""
    m = re.compile(r"[ \t]+(?:(?:[Pp]lt|[Pp]lh|[Pp]j)\.?[ \t]+)?([A-Za-z]+)").match(text, pos)
    if not m:
        return False
    word = m.group(1)
    return word[0].isupper() or word.lower() in ROLE_NOUNS or bool(OFFICE_RE.match(word)) or (
        word.lower() in _AS_ROLE_WORDS)


#: what "sebagai"/"selaku" may introduce besides an office or an event role
_AS_ROLE_WORDS = frozenset(
    """wakil perwakilan ketua anggota kepala pimpinan pemimpin tokoh pemilik pengelola pelaku
    penerima pemenang juara pendiri salah""".split())


def _triggered_name(text: str, start: int, people: People, orgs: Organizations
                    ) -> tuple[tuple[int, int], OfficeMention | None, str] | None:
    """A name at ``start`` that the context marks as a person (verb, degree, selaku, known)."""
    span = read_name(text, start)
    if not span:
        return None
    label = text[span[0]:span[1]]
    parsed = parse_name(label)
    known = people.match(parsed.name, span[0])
    if known is None and not parsed.suffixes:
        # "Menurut Abdul Haris Pertemuan ...": cut capitalised words after a known short form
        words = parsed.name.split()
        for n in range(len(words) - 1, 0, -1):
            if people.match(" ".join(words[:n])):
                cut = text.find(words[n - 1], span[0]) + len(words[n - 1])
                span, known = (span[0], cut), people.match(" ".join(words[:n]))
                break
    before = _VERB_BEFORE_NAME.search(text, max(0, span[0] - 20), span[0])
    trailing = _AFTER_NAME.match(text, span[1])
    office = _office_after(text, span[1], orgs)
    if parsed.suffixes:
        return span, office, "degree"
    if known:
        return span, office, "known-name"
    if before and _ATTRIBUTION_BEFORE.search(before.group(0)):
        return span, office, "attribution-verb"
    if office and not _PLACE_NOUN_BEFORE.search(text, max(0, span[0] - 30), span[0]):
        # "Setibanya di dermaga Benteng Jampea, Wabup disambut …": after "di" and a common noun
        # of place the phrase is the place's name, and the office begins the next clause
        return span, office, "office-after"
    if _DESCRIBED_AFTER.match(text, span[1]) and " " in parsed.name and _LOWER_BEFORE.search(
            text, max(0, span[0] - 20), span[0]):
        # "dibacakan oleh Nanda Prameswari, siswi SMA Negeri 1 …": a name of two words or more
        # after a word of the sentence (not an item of a list: "BPBD, Manggala Agni, relawan …")
        # and, after a comma, a noun for a person
        return span, office, "described-after"
    if trailing:
        rule = "selaku" if re.match(r"[\s,]*(?:selaku|sebagai|yang)", trailing.group(0),
                                    re.I) else "speech-verb"
        if rule == "selaku" and not _role_after_as(text, trailing.end()):
            # "… tradisional Kaghati Kolope sebagai warisan budaya": "sebagai" shows a person
            # only before an office or a role
            return None
        return span, office, rule
    if before:
        return span, office, "speech-verb"
    return None
