"""Dates as Indonesian releases write them: ``Rabu (04/09/2019)``, ``Senin, 12 Agustus 2019``,
``11 – 13 Juli 2018``, ``17 s/d 19 Nopember 2015``, ``Rabu (2/9)``, ``07 November 2025 22:09``.

:func:`find_dates` returns every mention with what it states (a year may be missing); choosing
which one is the publication or the event date is the caller's business.

>>> [m.iso() for m in find_dates("digelar Rabu (04/09/2019) di aula")]
['2019-09-04']
>>> m = find_dates("pada 17 s/d 19 Nopember 2015")[0]
>>> m.iso(), m.iso_end()
('2015-11-17', '2015-11-19')
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, timedelta

from .lexicon import MONTHS, WEEKDAYS

__all__ = ["DateMention", "find_dates", "find_relative", "with_year"]

_MONTH = "(?:" + "|".join(sorted(map(re.escape, MONTHS), key=len, reverse=True)) + r")\b\.?"
_WEEKDAY = "(?:" + "|".join(sorted(map(re.escape, WEEKDAYS), key=len, reverse=True)) + r")\b"
_SEP = r"(?:-|–|—|s\.?\s?/\s?d\.?|s\.d\.?|sd\b|sampai(?:\s+dengan)?|hingga|sampai\s+dengan)"
_TIME = r"(?:\s*(?:,|\||pukul|jam|-)?\s*(?P<hh>[01]?\d|2[0-3])[:.](?P<mm>[0-5]\d)(?!\d))?"

_RANGE = re.compile(
    rf"\b(?P<d1>\d{{1,2}})(?:\s+(?P<m1>{_MONTH})(?:\s+(?P<y1>\d{{4}}))?)?\s*{_SEP}\s*"
    rf"(?P<d2>\d{{1,2}})\s+(?P<m2>{_MONTH}),?\s*(?P<y2>\d{{4}})?(?!\d)",
    re.IGNORECASE,
)
_TEXTUAL = re.compile(
    rf"\b(?P<d>\d{{1,2}})\s*(?P<m>{_MONTH}),?\s*(?P<y>\d{{4}})?(?!\d){_TIME}", re.IGNORECASE
)
_ENGLISH = re.compile(rf"\b(?P<m>{_MONTH})\s+(?P<d>\d{{1,2}}),?\s+(?P<y>\d{{4}})(?!\d){_TIME}",
                      re.IGNORECASE)
_NUMERIC = re.compile(
    r"(?<![\d/.-])(?P<d>\d{1,2})(?P<s>[/.-])(?P<m>\d{1,2})(?:(?P=s)(?P<y>\d{4}|\d{2}))?"
    r"(?![\d/]|\.\d)" + _TIME
)
# "Senin hingga Rabu (2–4/9/2024)", "Rabu–Kamis (16–17/10/2024)": a range of days in one month
_NUMERIC_RANGE = re.compile(r"(?<![\d/.-])(?P<d1>\d{1,2})\s*[-–—]\s*(?P<d2>\d{1,2})/(?P<m>\d{1,2})/"
                            r"(?P<y>\d{4})(?![\d/])")
_ISO = re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?:[T ](?P<hh>\d{2}):(?P<mm>\d{2}))?")
_WEEKDAY_BEFORE = re.compile(
    rf"(?P<wd>{_WEEKDAY})[\s,(/]*(?:(?:pagi|siang|sore|malam)\b[\s,(]*)?"
    r"(?:(?:tanggal|tgl\.?)\s*)?\(?\s*$",
    re.IGNORECASE,
)
_DATE_WORD_BEFORE = re.compile(r"(?:tanggal|tgl\.?|pada)\s*$", re.IGNORECASE)
_RELATIVE = re.compile(r"\b(?P<w>hari ini|kemarin|besok|tadi pagi|kemarin sore)\b", re.I)


@dataclass(frozen=True)
class DateMention:
    """One date (or date range) in the text, as stated."""

    start: int
    end: int
    day: int
    month: int
    year: int | None
    end_day: int | None = None
    end_month: int | None = None
    weekday: int | None = None  # the weekday the text names, Monday = 0
    time: str | None = None  # "22:09"
    as_written: str = ""

    def as_date(self) -> date | None:
        """The first day as a :class:`datetime.date`, or None when the year is unknown."""
        if self.year is None:
            return None
        try:
            return date(self.year, self.month, self.day)
        except ValueError:
            return None

    def iso(self) -> str | None:
        """``YYYY-MM-DD`` (with ``Thh:mm`` when a time was given), None without a year."""
        d = self.as_date()
        if d is None:
            return None
        return d.isoformat() + (f"T{self.time}" if self.time else "")

    def iso_end(self) -> str | None:
        """Last day of a range as ``YYYY-MM-DD``, or None for a single day."""
        if self.end_day is None or self.year is None:
            return None
        month = self.end_month or self.month
        year = self.year + (1 if month < self.month else 0)
        try:
            return date(year, month, self.end_day).isoformat()
        except ValueError:
            return None

    def weekday_conflict(self) -> bool:
        """True when the text names a weekday that the date does not fall on."""
        d = self.as_date()
        return d is not None and self.weekday is not None and d.weekday() != self.weekday


def _year(text: str | None) -> int | None:
    if not text:
        return None
    y = int(text)
    if len(text) == 2:
        y += 2000 if y < 70 else 1900
    return y if 1945 <= y <= 2100 else None


def _weekday_before(text: str, start: int) -> tuple[int | None, int]:
    m = _WEEKDAY_BEFORE.search(text, max(0, start - 30), start)
    if not m:
        return None, start
    key = m.group("wd").lower().replace("’", "'")
    return WEEKDAYS.get(key, WEEKDAYS.get(key.replace("'", ""))), m.start()


def _valid(day: int, month: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= 31


def _month(word: str) -> int:
    return MONTHS[word.rstrip(".").lower()]


def find_dates(text: str) -> list[DateMention]:
    """Return the dates stated in ``text`` in order of appearance (overlaps resolved)."""
    found: list[DateMention] = []
    for m in _RANGE.finditer(text):
        m2 = _month(m["m2"])
        m1 = _month(m["m1"]) if m["m1"] else m2
        d1, d2 = int(m["d1"]), int(m["d2"])
        if not (_valid(d1, m1) and _valid(d2, m2)) or (m1 == m2 and d2 <= d1):
            continue
        wd, s = _weekday_before(text, m.start())
        year = _year(m["y1"]) or _year(m["y2"])
        if year and not m["y1"] and m2 < m1:
            year -= 1  # "28 Desember - 3 Januari 2025": the range starts the year before
        found.append(DateMention(s, m.end(), d1, m1, year, d2, m2 if m2 != m1 else None, wd,
                                 None, text[s:m.end()].strip()))
    for m in _NUMERIC_RANGE.finditer(text):
        d1, d2, mo = int(m["d1"]), int(m["d2"]), int(m["m"])
        if _valid(d1, mo) and _valid(d2, mo) and d2 > d1:
            s = m.start()
            found.append(DateMention(s, m.end(), d1, mo, _year(m["y"]), d2, None, None, None,
                                     text[s:m.end()].strip()))
    for m in _TEXTUAL.finditer(text):
        d, mo = int(m["d"]), _month(m["m"])
        if not _valid(d, mo):
            continue
        wd, s = _weekday_before(text, m.start())
        time = f"{int(m['hh']):02d}:{m['mm']}" if m["hh"] and m["y"] else None
        end = m.end() if time else m.end("y") if m["y"] else m.end("m")
        found.append(DateMention(s, end, d, mo, _year(m["y"]), weekday=wd, time=time,
                                 as_written=text[s:end].strip()))
    for m in _ENGLISH.finditer(text):
        d, mo = int(m["d"]), _month(m["m"])
        if _valid(d, mo):
            wd, s = _weekday_before(text, m.start())
            time = f"{int(m['hh']):02d}:{m['mm']}" if m["hh"] else None
            found.append(DateMention(s, m.end(), d, mo, _year(m["y"]), weekday=wd, time=time,
                                     as_written=text[s:m.end()].strip()))
    for m in _ISO.finditer(text):
        d, mo = int(m["d"]), int(m["m"])
        if _valid(d, mo):
            time = f"{m['hh']}:{m['mm']}" if m["hh"] else None
            found.append(DateMention(m.start(), m.end(), d, mo, _year(m["y"]), time=time,
                                     as_written=m.group(0)))
    for m in _NUMERIC.finditer(text):
        d, mo = int(m["d"]), int(m["m"])
        if not _valid(d, mo):
            continue
        wd, s = _weekday_before(text, m.start())
        in_parens = m.start() > 0 and text[m.start() - 1] == "("
        dated = _DATE_WORD_BEFORE.search(text, max(0, m.start() - 10), m.start())
        if m["s"] != "/" and not m["y"]:
            continue
        if not (wd is not None or in_parens or dated or (m["y"] and len(m["y"]) == 4)):
            continue
        time = f"{int(m['hh']):02d}:{m['mm']}" if m["hh"] and m["y"] else None
        end = m.end() if time else m.end("y") if m["y"] else m.end("m")
        found.append(DateMention(s, end, d, mo, _year(m["y"]), weekday=wd, time=time,
                                 as_written=text[s:end].strip()))
    found.sort(key=lambda x: (x.start, -(x.end - x.start)))
    out: list[DateMention] = []
    for mention in found:
        if out and mention.start < out[-1].end:
            continue
        out.append(mention)
    return out


def with_year(mention: DateMention, year: int) -> DateMention:
    """Return ``mention`` completed with ``year`` (for ``Rabu (2/9)``)."""
    return replace(mention, year=year)


def find_relative(text: str, published: date) -> tuple[str, date] | None:
    """Resolve the first relative phrase (hari ini, kemarin, besok) against ``published``."""
    m = _RELATIVE.search(text)
    if not m:
        return None
    word = m.group("w").lower()
    offset = {"kemarin": -1, "kemarin sore": -1, "besok": 1}.get(word, 0)
    return word, published + timedelta(days=offset)
