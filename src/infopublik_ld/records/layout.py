"""The frame of a release: headline line, metadata lines (publication date), dateline and
outlet (``Aek Kanopan, (Kabar Labura)``, ``Jakarta, Ditjen Aptika –``, ``PANGKALPINANG --``,
``Kabupaten Semarang, 2 Juli 2024 –``, ``diskominfo.go.id –``), and where the body starts."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .dates import DateMention, find_dates
from .lexicon import OUTLET_HINTS, PUBLISHED_MARKERS, WEEKDAYS
from .regions import has_region_name, lookup_region
from .wordlist import is_ordinary

__all__ = ["Layout", "read_layout"]

_MARKER = re.compile(r"^\W*(?:" + "|".join(sorted(map(re.escape, PUBLISHED_MARKERS), key=len,
                                                    reverse=True)) + r")\b\s*:?", re.I)
_NOISE_LINE = re.compile(
    r"^\W*(?:kategori|category|dibaca|views?|oleh\s*:?\s*admin|admin|share|bagikan|tags?|"
    r"beranda|home|berita|news|baca\s+juga|editor|redaktur|penulis|reporter|foto|sumber|"
    r"siaran\s+pers\s+(?:no|nomor)|(?:no|nomor)\s*[.:]?\s*[\w.-]*\d[\w.-]*/|"
    r"\d[\d.,]*\s*(?:views?|kali|x)\b)\b.{0,60}$"
    # a heading of its own: "SIARAN PERS", "Press Release", "Tentang"
    r"|^\W*(?:siaran\s+pers|press\s+release|rilis\s+berita|rilis|tentang)\W*$"
    # a byline of its own: "Oleh Humas", "Oleh: Rina Marlina"
    r"|^(?:oleh|by)\s*:?\s*[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,4}\s*$", re.I)
_DATE_LINE_REST = re.compile(
    r"^[\W\d_]*(?:(?:oleh|by|penulis|reporter|pewarta|posted\s+by|ditulis\s+oleh)\s*:?\s*"
    r"[A-Za-z][\w.'’ -]{0,50}?[\W\d_]*)?(?:wib|wita|wit|pukul|jam)?[\W\d_]*"
    r"(?:(?:dilihat|dibaca|views?)\s*:?\s*[\d.]+\s*(?:kali|x)?[\W]*"
    r"|[\d.,]+\s*(?:kali\s+)?(?:dilihat|dibaca|views?)[\W]*)?$", re.I)
# the words a metadata line holds besides its date, in any order ("- 13:45 WIB oleh humas 212
# kali dilihat")
_META_WORDS = re.compile(
    r"\b(?:oleh|by|penulis|reporter|pewarta|posted\s+by|ditulis\s+oleh)\s*:?\s*[A-Za-z][\w.'’-]*"
    r"(?:[ \t]+[A-Za-z][\w.'’-]*){0,3}|\b(?:wib|wita|wit|pukul|jam|kali|x|dilihat|dibaca|views?)\b"
    # an English post's time ("June 3, 2025 at 15:20 WIB", "at 10:15 am") and a newsroom
    # signing a post ("Redaksi - Selasa, 15 Juli 2025 2.411")
    r"|\b(?:at|am|pm|redaksi|admin\w*)\b",
    re.I)
_LETTER = re.compile(r"[^\W\d_]")


def _only_meta(rest: str) -> bool:
    """True when ``rest`` (a line without its date) holds only bylines, times and counters."""
    return len(rest) < 120 and not _LETTER.search(_META_WORDS.sub(" ", rest))


# "12 Juli 2018 | 14:43 WIB": a time with its zone just after the date on a metadata line
# "26 Oktober 2024 Redaksi Ekonomi": a date first, then at most three capitalised words
_SHORT_META = re.compile(r"^(?:\s*[-–|•·]?\s*[A-Z][\w.]*){1,3}\s*$")
_BYLINE_START = re.compile(r"\W*(?:posted\s+by|oleh|by|penulis|admin|reporter)\b", re.I)
_ZONED_TIME = re.compile(r"[\s|,·•-]{0,6}(?:pukul\s+)?(\d{1,2})[:.](\d{2})\s*(WIB|WITA|WIT)\b")
# what a metadata line may hold after its date: credits, counters, categories
_META_TAIL = re.compile(r"\s*[-–|•·]\s*(?:redaktur|editor|dibaca|views?|kategori|penulis|"
                        r"reporter|foto)\b", re.I)
# "Diskominfo Kota Bengkulu | Published: June 10, 2025 | Category: PPID"
_SEGMENTS = re.compile(r"\s+[|·•]\s+")
_HEAD = re.compile(r"^(?P<head>[^\W\d_][^,\n–—(:“\"]{1,48}?)\s*(?P<sep>,|[ \t]*[-–—]{1,2}[ \t]"
                   r"|[ \t]*[–—]|--)")
_PAREN_OUTLET = re.compile(r"[ \t]*\((?P<outlet>[^()\n]{2,40})\)[ \t]*(?:[-–—]{1,2}|:)?[ \t]*")
_DASH_OUTLET = re.compile(r"[ \t]*(?P<outlet>[^,.\n–—()“\"]{2,40}?)[ \t]*(?:[-–—]{1,2}|:)[ \t]+")
# "Kayuagung, 13 Maret 2024 (Diskominfo OKI) -": the outlet may follow the date
_DATE_OUTLET = re.compile(r"[ \t]*(?P<date>[^,\n–—(]{6,40}?\d{4})[ \t]*"
                          r"(?:\((?P<outlet>[^()\n]{2,40})\)[ \t]*)?(?:[-–—]{1,2}|:)[ \t]*")


@dataclass
class Layout:
    """What the frame of the text says; offsets refer to the analysed text."""

    headline: str | None = None
    headline_span: tuple[int, int] | None = None
    body_start: int = 0
    dateline: str | None = None
    dateline_code: str | None = None
    outlet: str | None = None
    published: DateMention | None = None
    published_span: tuple[int, int] | None = None
    header_end: int = 0  # end of the dateline / outlet prefix of the first body line
    dated_dateline: bool = False  # the publication date is the dateline's ("Calang, 2 Des …")
    #: the writer's initials after the outlet in the dateline ("(Humas Barsel/rd)" → "rd")
    outlet_initials: str | None = None


def _lines(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            lead = len(line) - len(line.lstrip())
            out.append((pos + lead, pos + len(line.rstrip())))
        pos += len(line) + 1
    return out


def _date_line(line: str) -> DateMention | None:
    """A line that is only a (publication) date, possibly introduced by a marker, or a metadata
    line of segments (``site | Published: … | Category: …``) one of which is such a date."""
    segments = _SEGMENTS.split(line)
    if len(segments) > 1:
        for seg in segments:
            d = _date_line(seg)
            if d is not None:
                offset = line.find(seg)
                z = _ZONED_TIME.match(line, offset + d.end) if d.time is None else None
                if z:  # "Kamis, 12 Juli 2018 | 14:43 WIB"
                    d = DateMention(**{**d.__dict__, "end": z.end(2) - offset,
                                       "time": f"{int(z.group(1)):02d}:{z.group(2)}"})
                return DateMention(**{**d.__dict__, "start": d.start + offset,
                                      "end": d.end + offset})
        return None
    m = _MARKER.match(line)
    rest = line[m.end():] if m else line
    dates = find_dates(rest)
    if not dates or len(line) > 200:
        return None
    d = dates[0]
    offset = m.end() if m else 0
    if d.time is None:
        z = _ZONED_TIME.match(rest, d.end)
        if z:
            d = DateMention(**{**d.__dict__, "end": z.end(2),
                               "time": f"{int(z.group(1)):02d}:{z.group(2)}"})
    tail = _META_TAIL.search(rest, d.end)
    leftover = rest[:d.start] + rest[d.end:tail.start() if tail else len(rest)]
    if m or _DATE_LINE_REST.match(leftover) or _only_meta(leftover) or len(
            leftover.strip()) <= 8 or (
            d.start <= 2 and len(line) <= 60 and _SHORT_META.match(rest[d.end:])):
        return DateMention(**{**d.__dict__, "start": d.start + offset, "end": d.end + offset})
    return None


def _title_case_caps(word: str) -> str:
    return word.title() if word.isupper() and len(word) > 3 else word


def _is_place(head: str) -> bool:
    low = head.lower()
    if "." in head or any(h in low for h in OUTLET_HINTS) or len(head.split()) > 4:
        return False
    return True


def read_dateline(text: str, start: int) -> tuple[str | None, str | None, DateMention | None,
                                                  int]:
    """Parse a dateline at ``start``: ``(place, outlet, date, end offset)``."""
    line_end = text.find("\n", start)
    line_end = len(text) if line_end < 0 else line_end
    line = text[start:line_end]
    m = _HEAD.match(line)
    if not m:
        return None, None, None, start
    head = m.group("head").strip()
    if head.lower() in WEEKDAYS:
        return None, None, None, start  # "Senin, 12 Februari 2024 - 13:45 WIB": a date line
    sep = m.group("sep").strip()
    pos = m.end()
    outlet = date = None
    framed = False  # a date or an outlet after the comma: the frame of a dateline
    if sep == ",":
        p = _PAREN_OUTLET.match(line, pos)
        d = _DATE_OUTLET.match(line, pos)
        o = _DASH_OUTLET.match(line, pos)
        if p:
            outlet, pos = p.group("outlet").strip(), p.end()
            framed = True
        elif d and find_dates(d.group("date")):
            date, pos = find_dates(d.group("date"))[0], d.end()
            if d.group("outlet"):
                outlet = d.group("outlet").strip()
            framed = True
        elif o and len(o.group("outlet").split()) <= 4 and o.group("outlet")[:1].isupper():
            outlet, pos = o.group("outlet").strip(), o.end()
            framed = ":" not in line[o.end("outlet"):o.end()]
        elif line[pos:].strip() == "" or pos >= len(line) or (
                head.replace("-", "").replace(" ", "").isupper() and len(head) > 2):
            pass
        else:
            return None, None, None, start
    if len(head.split()) > 4 or not (head[0].isupper() or "." in head):
        return None, None, None, start
    glued = line[m.end() - 2: m.end() + 1]  # the dash with the characters either side
    if sep and sep in "–—" and len(glued) == 3 and glued[1] in "–—" and " " not in glued and (
            (is_ordinary(head.split()[0]) and not lookup_region(head))
            or (glued[0].isdigit() and glued[-1].isdigit())):
        # "Ruas Buntok–Ampah Ditutup …", "Jalur Mendut–Borobudur …": a dash glued between two
        # places is a route in a title, and "RPJMN 2025–2029 memuat …" a range of years, not
        # the end of a dateline
        return None, None, None, start
    if sep == "," and not (framed and len(head.split()) == 1) and all(
            is_ordinary(w) for w in head.split()) and not (
            lookup_region(head) or has_region_name(head, "kecamatan", "desa")):
        # "Sosialisasi Pengendalian Gratifikasi, Waseskab: Tolak …" is a title: a place or an
        # outlet is not a phrase of ordinary words (the word list); one word framed by a date
        # or an outlet and a dash is a town whose name is also a word ("Serui, InfoPublik –")
        return None, None, None, start
    place = None
    first, _, rest = head.partition("-")
    if "-" in head and _is_place(head) and (first.strip().lower() == rest.strip().lower() or (
            lookup_region(head) or has_region_name(head, "kecamatan"))):
        # "Wangi-Wangi –", "Pangkal Pinang-…": a reduplicated or listed place name, whole
        place = " ".join(_title_case_caps(w) for w in head.split())
    elif _is_place(head) and "-" not in head:
        place = " ".join(_title_case_caps(w) for w in head.split())
    else:
        outlet = outlet or head
        first = head.partition("-")[0].strip()
        if "-" in head and lookup_region(first):
            place = " ".join(_title_case_caps(w) for w in first.split())  # "PURBALINGGA-INFO"
    return place, outlet, date, start + pos


# "humas.gorutkab", "kpu_sulteng": the account line an Instagram caption starts with
_HANDLE_LINE = re.compile(r"^@?[a-z0-9][a-z0-9._]{2,29}$")
# a photo caption among the metadata: "… menekan tombol peresmian. (Foto: Diskominfo OI)"
_CAPTION_LINE = re.compile(r"(?:\((?:Foto|Photo|Dok)\b[^()\n]{0,60}\)|^(?:Foto|Photo)\s*:.*)\s*$",
                           re.I)
_LEAD_DECORATION = re.compile(r"^[\W_]*?(?=[\w“\"‘'(])")
_TRAIL_DECORATION = re.compile(r"(?<=[\w.!?”\"’')])[^\w.!?”\"’')]*$")


def _headline(text: str, s: int, e: int) -> tuple[str, tuple[int, int]]:
    """The headline of line ``[s, e)`` without stars, emoji or other decoration, and its span."""
    line = text[s:e]
    lead = _LEAD_DECORATION.match(line)
    a = lead.end() if lead else 0
    trail = _TRAIL_DECORATION.search(line, a)
    b = trail.start() if trail and trail.start() > a else len(line)
    return line[a:b].strip(), (s + a, s + b)


# a release pasted as one line: "PERESMIAN BTS DESA … VIDEO CALL Kisaran - Bupati …"
_CAPS_HEAD = re.compile(r"(?P<head>(?:[A-Z0-9][A-Z0-9,.'’:&/-]*[ \t]+){3,30}?)"
                        r"(?P<dl>[A-Z][a-z]+(?:[ \t]+[A-Z][a-z]+){0,2}[ \t]*(?:,|[-–—]{1,2}[ \t]))")


def _one_line(text: str, lines: list[tuple[int, int]]) -> Layout | None:
    """The layout of a release whose title, dateline and body share one long line."""
    if not lines or lines[0][1] - lines[0][0] < 300 or len(lines) > 3:
        return None
    m = _CAPS_HEAD.match(text, lines[0][0])
    if not m:
        return None
    place, outlet, date, end = read_dateline(text, m.start("dl"))
    if not (place or outlet):
        return None
    head_end = m.start("head") + len(m.group("head").rstrip())
    return _with_initials(Layout(headline=text[m.start("head"):head_end],
                  headline_span=(m.start("head"), head_end), body_start=m.start("dl"),
                  dateline=place, outlet=outlet, header_end=end,
                  published=date, published_span=(m.start("dl"), end) if date else None,
                  dated_dateline=date is not None))


def _with_initials(layout: Layout) -> Layout:
    _split_initials(layout)
    return layout


# "Buntok, 25 Agustus 2026 (Humas Barsel/rd) –": the outlet, then its writer's initials, as the
# credit line at a release's end writes them ("(Kominfo Dairi/rs)")
_OUTLET_INITIALS = re.compile(r"^(?P<outlet>.*?\w)[ \t]*/[ \t]*(?P<initials>[a-z]{2,5})$")


def _split_initials(layout: Layout) -> None:
    m = _OUTLET_INITIALS.match(layout.outlet or "")
    if m:
        layout.outlet, layout.outlet_initials = m.group("outlet"), m.group("initials")


def read_layout(text: str) -> Layout:
    """Find the headline, metadata lines, dateline and body start of ``text``."""
    lines = _lines(text)
    one = _one_line(text, lines)
    if one is not None:
        return one
    layout = Layout()
    meta_outlet = None
    for i, (s, e) in enumerate(lines[:8]):
        line = text[s:e]
        d = _date_line(line)
        if d is not None:
            if layout.published is None:
                layout.published = d
                layout.published_span = (s + d.start, s + d.end)
            site = _SEGMENTS.split(line)[0].strip()
            # "• PPID UTAMA • 28 August 2023": a bullet line names an account, not an outlet
            if site != line and not _MARKER.match(site) and not _is_place(site) and not \
                    _BYLINE_START.match(site) and not line.lstrip().startswith(("•", "·")) and \
                    not find_dates(site):  # "Selasa, 4 Maret 2025 - 10:15 WITA | Admin …"
                meta_outlet = meta_outlet or site
            continue
        if (_NOISE_LINE.match(line) and len(line) < 60) or _CAPTION_LINE.search(line) or (
                i == 0 and _HANDLE_LINE.match(line) and len(lines) > 1):
            continue  # metadata, a photo caption, an Instagram account line
        nxt = lines[i + 1][0] if i + 1 < len(lines) else None
        if layout.headline is None and i < 4 and nxt is not None and any(
                read_dateline(text, nxt)[:3]) and len(line.split()) <= 30:
            layout.headline, layout.headline_span = _headline(text, s, e)
            continue
        place, outlet, date, end = read_dateline(text, s)
        if place or outlet or date:
            layout.body_start = s
            layout.header_end = end
            layout.dateline, layout.outlet = place, outlet
            if date and layout.published is None:
                layout.published, layout.published_span = date, (s, end)
                layout.dated_dateline = True
            break
        if layout.headline is None and i < 4:
            words = line.strip("*_ ").split()
            starred = line.startswith("*") and line.rstrip().endswith("*")
            if (starred or (len(words) <= 30 and not line.rstrip().endswith((".", ":", ",")))) \
                    and i + 1 < len(lines):
                layout.headline, layout.headline_span = _headline(text, s, e)
                continue
        if i < 7 and len(line) < 300 and any(
                any(read_dateline(text, ns)[:3]) for ns, _ne in lines[i + 1:i + 3]):
            continue  # a caption or a press-release number before the dateline
        if layout.published is None and i < 4 and len(line) < 120 and not line.rstrip(
                ).endswith((".", ":", ",")) and i + 1 < len(lines) and _date_line(
                text[lines[i + 1][0]:lines[i + 1][1]]) is not None:
            continue  # the site's name between the title and the post's date line
        layout.body_start = layout.header_end = s
        break
    layout.outlet = layout.outlet or meta_outlet
    _split_initials(layout)
    if layout.headline is not None and layout.body_start == 0 and lines:
        layout.body_start = layout.header_end = lines[-1][0]
    return layout
