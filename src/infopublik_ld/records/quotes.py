"""Quotations and who said them: curly or straight marks, a space after the opening mark, the
comma before or after the closing mark, nested quotes, a quote never closed.

The speaker is, in this order: the subject of the attribution verb ("…,” kata Bambang", "kata
Wamen", "Bupati … mengatakan, “…”"); a speaker named in the sentence after ("Hal itu disampaikan
Kadis …"); for "ujarnya" or no attribution, the subject of the sentence being reported (the last
sentence whose subject is a person, an office holder, or an earlier quote's speaker). An unnamed
subject ("kata seorang warga", "Salah seorang peserta mengaku …") gives no speaker: none is
invented."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from .evidence import abbreviates
from .lexicon_people import ATTRIBUTION_VERBS, HONORIFIC_PREFIXES, SPEECH_VERBS, UNNAMED_SUBJECTS
from .people import OFFICE_RE, People, _offices_in, _window, office_code
from .representations import Representation
from .wordlist import is_ordinary

__all__ = ["Quote", "find_quote_spans", "find_quotes"]

_OPEN, _CLOSE = "“„«", "”»"
_VERBS = "|".join(sorted(ATTRIBUTION_VERBS, key=len, reverse=True))
_AFTER = re.compile(rf"[\s,.]*(?P<verb>{_VERBS})(?P<nya>nya)?\b(?P<dia>\s+(?:dia|beliau))?",
                    re.IGNORECASE)
_SPEECH_BEFORE = re.compile(
    r"(?:\b(?:" + "|".join(SPEECH_VERBS) + r"|menurut(?:nya)?|ucap|kata|ujar)\b[^“”\"\n]{0,80}"
    r"|[:,])\s*$", re.IGNORECASE)
_MIN_WORDS = 4
_MARKS = re.compile(r'[“”„«»"]')
# "S.H." ends a degree, not a title: the title's word stands alone ("H. Ahmad", "Drs. Budi")
_TITLE_DOT = re.compile(r"(?:(?<![\w.])(?:" + "|".join(sorted(
    (re.escape(k) for k in HONORIFIC_PREFIXES if k.isalpha()), key=len, reverse=True))
    + r")|(?<![\w.])[A-Z])\.$", re.IGNORECASE)
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])[”\"’]?[ \t]+(?=[A-Z“\"])|\n")
_LEAD_IN = re.compile(
    r"\W*(?:(?:Sementara\s+itu|Selain\s+itu|Di\s+sisi\s+lain|Dalam\s+\w+nya|Kemudian|"
    r"Selanjutnya|Namun|Adapun|Pada\s+kesempatan\s+(?:itu|tersebut|yang\s+sama)|Menurut(?:nya)?"
    r")\b[^,\n]{0,40},\s*)?", re.IGNORECASE)
_PRONOUN = re.compile(r"(?:Ia|Dia|Beliau|Pihaknya)\b")
_FIRST_WORD = re.compile(r"[A-Za-z]+")
# the doer of a passive sentence ("… dibawakan oleh Ustaz …", "… disampaikan oleh Kepala …")
_AGENT_BEFORE = re.compile(r"\bdi[a-z]{3,}[ \t]+oleh[ \t]+(?:[A-Z][\w.]*[ \t]+){0,3}$")
_ACCOMPANIED = frozenset({"didampingi", "disaksikan", "bersama"})
_OBJECT_BEFORE = re.compile(
    r"\b(?:oleh|kepada|bersama|dengan|diterima|didampingi|dan|serta|menerima|mewakili)\s+$",
    re.IGNORECASE)
_REPORTED_AFTER = re.compile(
    r"[\s,.]*(?:Hal\s+(?:itu|tersebut|ini)|Demikian|Pernyataan\s+(?:itu|tersebut)|Itu)\b"
    r"[^.\n]{0,30}?\bdi\w+(?:kan|ungkap)\b", re.IGNORECASE)
_TITLE_REST = re.compile(r"(?:[ \t]+(?:[A-Z][\w-]*|dan))*")
_CALLED = re.compile(r"\s+(?:yang\s+)?(?:akrab\s+|biasa\s+)?(?:disapa|dipanggil|disebut)\s+"
                     r"(?P<nick>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?)")
# verbs of saying whose subject speaks next, besides those that mark a name: complaining and
# telling ("Seorang pedagang mengeluhkan …", "bercerita")
_SPEECH_VERB = re.compile(r"\b(?:" + "|".join(SPEECH_VERBS + (
    "mengeluhkan", "mengeluh", "bercerita", "menceritakan", "mengisahkan")) + r")\b",
    re.IGNORECASE)
# "Dalam peninjauan usai rapat, seorang pedagang …": an adverbial clause before the subject
_CLAUSE_LEAD = re.compile(r"(?:Dalam|Di|Saat|Usai|Seusai|Setelah|Sebelum|Ketika|Pada|Selama)\b"
                          r"[^,.\n]{1,60},[ \t]*")
# ", wartawan senior Rizal …": a description in lower case after a comma, then the name
_DESCRIBED = re.compile(r",[ \t]*(?:[a-z][\w-]*[ \t]+){1,4}$")
_UNKNOWN = "?"  # a subject the release does not name
_LOOK_BACK = 3  # sentences searched for the subject of a reported quote


@dataclass
class Quote:
    """One quotation: text span, words, speaker key and how the speaker was found."""

    start: int
    end: int
    text: str
    closed: bool
    speaker: str | None = None
    on_behalf_of: str | None = None
    how: str | None = None  # "verb-subject", "pronoun", "nearest"

    def to_record(self) -> dict:
        """Return the record form (schema ``quote``)."""
        out: dict = {"text": self.text}
        if self.speaker:
            out["speaker"] = self.speaker
        if self.on_behalf_of:
            out["on_behalf_of"] = self.on_behalf_of
        return out


def find_quote_spans(text: str) -> list[tuple[int, int, int, int, bool]]:
    """Return ``(start, end, text_start, text_end, closed)`` for each quotation in ``text``."""
    spans = []
    pos = 0
    for para in text.split("\n"):
        depth, straight, open_at = 0, False, -1
        for qm in _MARKS.finditer(para):
            i, ch = qm.start(), qm.group(0)
            if ch in _OPEN or (ch == '"' and depth == 0):
                if depth == 0:
                    open_at, straight = i, ch == '"'
                depth += 1
            elif ch in _CLOSE or (ch == '"' and depth > 0):
                if depth == 0:
                    continue
                if ch == '"' and not straight and depth > 1:
                    continue
                depth -= 1
                if depth == 0 or (ch == '"' and straight):
                    spans.append((pos + open_at, pos + i + 1, pos + open_at + 1, pos + i, True))
                    depth = 0
        if depth > 0 and open_at >= 0:
            spans.append((pos + open_at, pos + len(para), pos + open_at + 1, pos + len(para),
                          False))
        pos += len(para) + 1
    return spans


# "bertema “Menulis Naskah Pidato yang Membumi”": the title of an event or a programme
_TITLE_BEFORE = re.compile(r"\b(?:bertema|bertemakan|bertajuk|berjudul|bernama|tema|tajuk|judul|"
                           r"slogan|tagline|motto|semboyan|jargon)\s*:?\s*$", re.IGNORECASE)


def _is_title(text: str, start: int, words: str) -> bool:
    """True when the quoted words are a title, not speech: named as one, or short and in title
    case without a full stop."""
    if _TITLE_BEFORE.search(text, max(0, start - 20), start):
        return True
    tokens = words.split()
    capital = sum(1 for t in tokens if t[:1].isupper())
    return len(tokens) <= 8 and "." not in words and capital * 2 > len(tokens) + 1 and (
        tokens[-1][:1].isupper())


def _clean(words: str) -> str:
    return words.strip().rstrip(",").strip()


# one or two capitalised words after the verb, then the end of the sentence or clause
# ("kata Plt. Asdep.": the acting marker is no part of it; "kata Karo membacakan sambutan …")
_SHORT_TITLE = re.compile(
    r"[ \t]+(?:(?:Plt|Plh|Pj|Pjs)\.?[ \t]+)?(?P<title>[A-Z][\w'’-]*(?:[ \t]+[A-Z][\w'’-]*)?)"
    r"(?=[ \t]*(?:[.,!?]|$)|[ \t]+[a-z])", re.M)
# "kata Imum Mukim Seunagan, Tgk. Abdurrahman Daud.": a title the office reader does not know,
# a comma, then the speaker's name (after its own titles)
_TITLE_THEN_NAME = re.compile(r"[ \t]+[A-Z][^,.\n“”\"]{1,60},[ \t]+")
_TITLES_BEFORE_NAME = re.compile(r"(?:[A-Z][\w]*\.?[ \t]+){0,3}")


_NEAR = 3000  # how far before a quote the holder of a short form is looked for


def _abbreviated_head(people: People, short: str, pos: int, mentions):
    """The one person named in the :data:`_NEAR` characters before ``pos`` whose job title
    ``short`` begins ("Tua Golo" for "Tua Golo Wae Lolos") or whose job title, or its first two
    to four words, ``short`` abbreviates ("Asdep" for "Asisten Deputi Bidang Pangan …"), or
    None. Only people named near are compared, so a long text costs no more per quote."""
    low = short.lower()
    found = []
    for pid in {pid for _s, _e, pid in _window(mentions, max(0, pos - _NEAR), pos)}:
        title = people.people[pid].job_title or ""
        words = title.split()
        if title.lower().startswith(low + " ") or title.lower() == low or (
                " " not in short and len(short) >= 4 and any(
                    abbreviates(short, " ".join(words[:k]))
                    for k in range(2, min(len(words), 4) + 1))):
            found.append(people.people[pid])
    return found[0] if len(found) == 1 else None


_NICKNAME = re.compile(r"\b(?:disapa|dipanggil|disebut)\s+(?P<nick>[A-Z][\w'’-]*"
                       r"(?:[ \t]+[A-Z][\w'’-]*)?)")


def _nicknames(text: str, mentions, cache: dict) -> dict[str, str | None]:
    """Every nickname the text gives ("…, Benny Ruru Pangkey, yang akrab disapa Om Ben"), and
    the person named right before it (None when no person found is there), read once per
    text."""
    if "\0nicknames" not in cache:
        found: dict[str, str | None] = {}
        for m in _NICKNAME.finditer(text):
            before = _window(mentions, max(0, m.start() - 80), m.start())
            pid = before[-1][2] if before and m.start() - before[-1][1] <= 40 else None
            words = m.group("nick").split()
            for key in {" ".join(words), words[-1]}:
                found.setdefault(key, pid)
        cache["\0nicknames"] = found
    return cache["\0nicknames"]


def _speaker_after(text: str, pos: int, people: People, mentions,
                   cache: dict | None = None) -> tuple[str | None, str]:
    """``(speaker, kind)`` from an attribution verb right after a closing mark; kind is
    "named", "pronoun" ("ujarnya", "kata dia"), "unnamed" ("kata seorang warga") or ""."""
    m = _AFTER.match(text, pos)
    if not m or m.start("verb") - pos > 4:
        return None, ""
    if m["nya"] or m["dia"]:
        return None, "pronoun"
    after = m.end()
    for s, _e, pid in _window(mentions, after, after + 4):
        if after <= s <= after + 3:
            return pid, "named"
    described = _TITLE_THEN_NAME.match(text, after)
    if described:
        at = described.end()
        lead = _TITLES_BEFORE_NAME.match(text, at)
        for s, _e, pid in _window(mentions, at, lead.end() + 1):
            if s == lead.end() or s == at:
                return pid, "named"
    om = OFFICE_RE.match(text, after + 1) if text[after:after + 1] == " " else None
    if om:
        for s, _e, pid in _window(mentions, om.start(), om.end() + 81):
            between = text[om.end():s]
            if om.start() <= s <= om.end() + 80 and "\n" not in between and "." not in (
                    between.replace("Drs.", "").replace("H.", "")):
                return pid, "named"
        # "kata Kepala Dinas Kesehatan." among two heads of dinas: the whole title decides
        title = om.group(0) + _TITLE_REST.match(text, om.end()).group(0)
        nxt = _TITLE_REST.match(text, om.end()).group(0).split()
        holder = people.by_office(office_code(om.group(0), nxt[0] if nxt else ""), title)
        short = _SHORT_TITLE.match(text, after) if holder is None else None
        if short:  # "kata Plt. Asdep.", "kata Karo membacakan …": the head of a job title
            holder = _abbreviated_head(people, short.group("title"), pos, mentions)
        return (holder.id, "named") if holder else (None, "unnamed")
    word = _FIRST_WORD.match(text, _skip_blanks(text, after))
    short = _SHORT_TITLE.match(text, after)
    if short and not (word and word.group(0).lower() in UNNAMED_SUBJECTS):
        # "kata Asdep.", "ujar Tua Golo.": an office's short form or a customary title the
        # office reader does not know, held by one person whose job title it abbreviates or
        # begins
        holder = _abbreviated_head(people, short.group("title"), pos, mentions)
        if holder:
            return holder.id, "named"
    if word and word.group(0).lower() in UNNAMED_SUBJECTS:
        # "ujar pria yang akrab disapa Bang Yudi itu": the person that nickname is short for
        nick = _CALLED.match(text, word.end())
        if nick:
            for w in nick.group("nick").split():
                known = people.match(w, pos)
                if known:
                    return known.id, "named"
            return None, "pronoun"
        return None, "unnamed"
    if short:
        # "kata Suster Maria.", "kata Liem.": the attribution names someone; a short form of a
        # known person is that person, anyone else is not someone found, and the quote gets no
        # speaker rather than the nearest person (precision first)
        words = short.group("title").split()
        for w in reversed(words):
            known = people.match(w, pos)
            if known:
                return known.id, "named"
        # a nickname the text gives ("…, Benny …, yang akrab disapa Om Ben") is the person named
        # right before it, or no one found; an ordinary word is a role the lexicon may lack
        # ("ujar Syahbandar"): the reported speaker stays
        nicknames = _nicknames(text, mentions, cache if cache is not None else {})
        for key in (short.group("title"), words[-1]):
            if key in nicknames:
                pid = nicknames[key]
                return (pid, "named") if pid else (None, "unnamed")
        if not is_ordinary(words[-1]):
            return None, "unnamed"
    return None, ""


# "“Merah Putih berkibar … dengan kerja, kata Wabup.": a quote whose closing mark was left out
# before its attribution; the paragraph ends with ", <verb of saying> <speaker>."
_ATTRIBUTION_INSIDE = re.compile(rf",[ \t]*(?:{_VERBS})\b[^,.!?“”\"\n]{{0,60}}[.!?]?[ \t]*$",
                                 re.IGNORECASE)


def _speaker_inside(text: str, ts: int, te: int, people: People, mentions,
                    cache: dict | None = None) -> tuple[str | None, str]:
    """``(speaker, kind)`` of an unclosed quote from an attribution at the end of its own text
    (see :func:`_speaker_after`); ``(None, "")`` when its text ends without one."""
    # only the end of the quote's own text can hold its attribution
    m = _ATTRIBUTION_INSIDE.search(text, max(ts, te - 120), te)
    if not m or m.start() - ts < 20:
        return None, ""
    return _speaker_after(text, m.start(), people, mentions, cache)


# "Kang Ujang mengatakan, “": the sentence's subject, one or two capitalised words, then a verb
# of saying and a comma or colon right before the opening mark
_SUBJECT_SAYS = re.compile(r"(?:^|[.!?”\"]\s+)(?P<who>[A-Z][\w'’-]*(?:[ \t]+[A-Z][\w'’-]*)?)[ \t]+"
                           r"(?:" + "|".join(SPEECH_VERBS) + r")[ \t]*[,:]?[ \t]*$")


def _named_no_one(text: str, para_start: int, start: int, people: People) -> bool:
    """True when the quote at ``start`` is introduced by a subject written as a name that is no
    person found ("Kang Ujang mengatakan, “…”" when Ujang was not read), nor an office, an
    ordinary word or an unnamed subject: no one else is its speaker."""
    m = _SUBJECT_SAYS.search(text, max(para_start, start - 120), start)
    if not m:
        return False
    words = m.group("who").split()
    if any(people.match(w, start) for w in words) or OFFICE_RE.match(m.group("who")):
        return False
    # ("Kang Ujang": a title of address may be an ordinary word, the name itself is not)
    return not is_ordinary(words[-1]) and not any(w.lower() in UNNAMED_SUBJECTS for w in words)


def _office_after_comma(text: str, person, a: int, p: int) -> bool:
    """True when ``person``'s office is written after a comma near ``p`` ("Narasumber dari
    Ombudsman, Kepala Keasistenan … Rudi …": the office, then the name, describe the subject)."""
    span = person.office_span if person else None
    return bool(span and p <= span[0] - 2 and span[0] - p < 120 and span[0] >= a
                and text[span[0] - 2:span[0]].strip() == ",")


def _skip_blanks(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in " \t":
        pos += 1
    return pos


def _nearest(pos: int, lo: int, mentions, quotes, reps: list[Representation]) -> str | None:
    """The last person named in ``[lo, pos)`` outside quotes (their representative if present)."""
    best = None
    for s, _e, pid in _window(mentions, lo, pos):
        i = bisect.bisect_right(quotes, (s, float("inf"))) - 1
        if not (i >= 0 and quotes[i][0] <= s < quotes[i][1]):
            best = (s, pid)
    if best is None:
        return None
    for rep in reps:
        if rep.represented == best[1] and any(
                p == rep.representative for _s, _e, p in _window(mentions, lo, pos)):
            return rep.representative
    return best[1]


def _sentences_before(text: str, pos: int) -> list[tuple[int, int]]:
    """Up to :data:`_LOOK_BACK` sentence spans before ``pos``, the nearest first."""
    lo = max(0, pos - 1200)
    # "… dibawakan oleh Ustaz Dr. Muhammad …": a title's dot ends no sentence
    cuts = [lo] + [m.end() for m in _SENTENCE_BREAK.finditer(text, lo, pos)
                   if m.group(0) == "\n" and text[m.start() - 1:m.start()] != ","
                   or not _TITLE_DOT.search(text, max(lo, m.start() - 9), m.start())]
    spans = [(a, b) for a, b in zip(cuts, cuts[1:] + [pos], strict=True) if text[a:b].strip()]
    return spans[::-1][:_LOOK_BACK + 1]


def _subject(text: str, a: int, b: int, people: People, mentions,
             reps: list[Representation]) -> str | None:
    """The person the sentence ``[a, b)`` is about: a person id, :data:`_UNKNOWN`, or None."""
    lead = _LEAD_IN.match(text, a, b)
    p = lead.end() if lead else a
    if _PRONOUN.match(text, p, b):
        return None
    cands = [(s, pid) for s, _e, pid in _window(mentions, a, b)]
    word = _FIRST_WORD.match(text, p, b)
    clause = _CLAUSE_LEAD.match(text, p, b) if word and not cands else None
    if clause:
        after = _FIRST_WORD.match(text, clause.end(), b)
        if after and after.group(0).lower() in UNNAMED_SUBJECTS:
            word, p = after, clause.end()
    if word and word.group(0).lower() in UNNAMED_SUBJECTS:
        # "Narasumber dari …, Handoko, …" names the subject; "Seorang warga mengaku …" does not;
        # "Narasumber lain, wartawan senior Rizal …, mengingatkan …" does
        named = [pid for s, pid in cands if s - p < 120 and (
            text[max(a, s - 2):s].strip() == "," or _DESCRIBED.search(text, p, s))
                 or _office_after_comma(text, people.people.get(pid), a, p)]
        if named:
            return named[0]
        return _UNKNOWN if _SPEECH_VERB.search(text, p, b) else None
    for office in _offices_in(people, a, b):
        if a <= office.start < b and not any(office.end <= s <= office.end + 3 or (
                office.start <= s < office.end) for s, _e, _p in _window(
                    mentions, office.start, office.end + 4)):
            holder = people.by_office(office.code, office.title)
            if holder:
                cands.append((office.start, holder.id))
            elif office.start <= p + 1 and _SPEECH_VERB.search(text, office.end, b) and not (
                    cands):
                # "Dalam sambutannya, Sekretaris Kabinet meminta …": an office holder the
                # release never names is the subject; the quote after gets no speaker
                return _UNKNOWN
    agents = []
    if word and word.group(0).lower() in _ACCOMPANIED and len({pid for _s, pid in cands}) > 1:
        # "Didampingi Kepala Dinas …, dr. W …, Wabup berdialog …": who accompanies is not the
        # subject; the subject comes after them
        cands = [max(cands)]
    for s, pid in sorted(cands):
        if _AGENT_BEFORE.search(text, max(a, s - 40), s):
            agents.append(pid)  # "Hikmah Maulid dibawakan oleh Ustaz …": the passive's doer
        if not _OBJECT_BEFORE.search(text, max(a, s - 14), s):
            # "Bupati X yang diwakili Asisten Y mengatakan": Y speaks for X
            for rep in reps:
                if rep.represented == pid and any(p == rep.representative for _s, p in cands):
                    return rep.representative
            return pid
    if len(agents) == 1 and _PRONOUN.match(text, _next_start(text, b)):
        # … when the next sentence goes on about them ("Ia mengingatkan …")
        return agents[0]
    return None


def _next_start(text: str, b: int) -> int:
    """Where the sentence after the one ending at ``b`` starts (blanks skipped)."""
    while b < len(text) and text[b] in " \t\n":
        b += 1
    return b


def _reported_speaker(text: str, start: int, people: People, mentions,
                      earlier: list[Quote], reps: list[Representation]) -> str | None:
    """The subject of the speech being reported before ``start`` (None when unnamed)."""
    for a, b in _sentences_before(text, start):
        said = []
        for q in reversed(earlier):  # quotes end in text order: stop before the window
            if q.end <= a:
                break
            if a <= q.start < b or q.start <= a < q.end:
                said.insert(0, q)
        if said:
            return said[-1].speaker
        who = _subject(text, a, b, people, mentions, reps)
        if who == _UNKNOWN:
            return None
        if who:
            return who
    return None


def _named_after(text: str, end: int, mentions, people: People) -> str | None:
    """A speaker named in the sentence after the quote ("Hal itu disampaikan Kadis X"), or the
    holder of the office named there ("Demikian disampaikan Bupati Kolaka dalam sambutannya")."""
    m = _REPORTED_AFTER.match(text, end)
    if not m:
        return None
    at = _skip_blanks(text, m.end())
    om = OFFICE_RE.match(text, at)
    if om:
        rest = _TITLE_REST.match(text, om.end())
        named = _window(mentions, om.end(), rest.end() + 4)
        if not named:
            nxt = rest.group(0).split()
            holder = people.by_office(office_code(om.group(0), nxt[0] if nxt else ""),
                                      om.group(0) + rest.group(0))
            return holder.id if holder else None
    for s, _e, pid in _window(mentions, m.end(), m.end() + 121):
        if m.end() <= s <= m.end() + 120:
            return pid
    return None


def find_quotes(text: str, people: People, reps: list[Representation],
                skip: tuple[int, int] | None = None) -> list[Quote]:
    """Find quotations and resolve their speakers among ``people``."""
    mentions = people.mentions()
    cache: dict = {}  # per text: short forms resolved, nicknames given
    quotes: list[Quote] = []
    spans = [s for s in find_quote_spans(text) if not (skip and skip[0] <= s[0] < skip[1])]
    quote_areas = [(s[0], s[1]) for s in spans]
    for start, end, ts, te, closed in spans:
        words = _clean(text[ts:te])
        if len(words.split()) < _MIN_WORDS or _is_title(text, start, words):
            continue
        quote = Quote(start, end, words, closed)
        speaker, kind = (_speaker_after(text, end, people, mentions, cache) if closed else
                         _speaker_inside(text, ts, te, people, mentions, cache))
        if speaker:
            quote.speaker, quote.how = speaker, "verb-subject"
        elif kind != "unnamed":
            para_start = text.rfind("\n", 0, start) + 1
            unnamed_subject = False
            if _SPEECH_BEFORE.search(text[para_start:start]):
                quote.speaker = _nearest(start, para_start, mentions, quote_areas, reps)
                quote.how = "verb-subject"
                if quote.speaker is None:
                    unnamed_subject = _named_no_one(text, para_start, start, people)
            if unnamed_subject:
                pass  # "Kang Ujang mengatakan, “…”": a name that is no person found speaks
            elif quote.speaker is None and not kind and closed:
                quote.speaker, quote.how = _named_after(text, end, mentions, people), "verb-subject"
            if quote.speaker is None and not unnamed_subject:
                quote.speaker = _reported_speaker(text, start, people, mentions, quotes, reps)
                quote.how = "pronoun"
        if quote.speaker:
            for rep in reps:
                if rep.representative == quote.speaker and rep.task and 0 <= start - rep.pos < 1500:
                    quote.on_behalf_of = rep.represented
        else:
            quote.how = None
        quotes.append(quote)
    return quotes
