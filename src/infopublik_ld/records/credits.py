"""Credit lines: who wrote, edited and photographed the release.

Forms: ``(Winto Kurniawan, ST/KL)``, ``Reporter : … / Redaktur : …``, ``Pewarta : … / Editor :
…``, ``Oleh … Redaktur: …``, ``(Mediacenter Riau/nv)``, ``(md/Adpim).``, ``(bia)``,
``Foto : …``.

>>> c = find_credits("Isi berita. (Winto Kurniawan, ST/KL)")
>>> c.authors, c.editors, c.as_written
(['Winto Kurniawan, ST'], ['KL'], '(Winto Kurniawan, ST/KL)')
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

__all__ = ["Credits", "find_credits", "CREDIT_ROLES"]

#: credit label (lower case) -> role.
CREDIT_ROLES: dict[str, str] = {
    "reporter": "authors", "pewarta": "authors", "penulis": "authors", "wartawan": "authors",
    "teks": "authors", "oleh": "authors", "writer": "authors", "liputan": "authors",
    "redaktur": "editors", "editor": "editors", "penyunting": "editors", "red": "editors",
    "editing": "editors", "foto": "photographers", "fotografer": "photographers",
    "photo": "photographers", "dokumentasi": "photographers",
}
_LABEL = "|".join(sorted(CREDIT_ROLES, key=len, reverse=True))
# "Teks/Foto: X" gives X two roles; "·" and "|" separate labelled credits on one line
_LABELLED = re.compile(
    rf"(?<![\w])(?P<label>(?:{_LABEL})(?:\s*[/&]\s*(?:{_LABEL}))?)\b\s*"
    r"(?::|=|(?<=oleh)\s|(?<=Oleh)\s)\s*(?P<value>[^\n/|:()·•]{1,60}?)"
    rf"(?=\s*(?:[/|\n()·•]|$|(?:{_LABEL})\b\s*:|,\s*(?:{_LABEL})\b))",
    re.IGNORECASE,
)
_LABEL_SPLIT = re.compile(r"\s*[/&]\s*")
# "(bia)", "(nv)": the writer's initials alone, in lower case
_INITIALS = re.compile(r"[a-z]{2,5}")
_TRAILING = re.compile(r"\((?P<inner>[^()\n]{1,80})\)[ \t.]*$")
_NOT_PERSON = re.compile(
    r"^(?:humas|mediacenter|media center|(?:dis|din)\w*kominfo\w*|kominfo\w*|adpim|prokopim|"
    r"prokompim|prokom|mc|protokol|pemkab|pemkot|pemprov|setda\w*|infopublik|antara|berita|admin|"
    r"tim|rel|rls|rilis|release|hms|dok|dokumentasi|redaksi|biro|bagian|dinas|diskominfo)\b",
    re.IGNORECASE,
)
_TAIL_CHARS = 600


@dataclass
class Credits:
    """Names as written by role, and the credit text as written."""

    authors: list[str] = field(default_factory=list)
    editors: list[str] = field(default_factory=list)
    photographers: list[str] = field(default_factory=list)
    as_written: str | None = None
    span: tuple[int, int] | None = None
    organisations: list[str] = field(default_factory=list)
    #: where a name credited outside the credit line was read (a photo caption)
    spans: dict[str, tuple[int, int]] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.authors or self.editors or self.photographers or self.organisations)


# a name as credit lines write it: capitalised words or initials, at most five, degrees allowed
_NAME_LIKE = re.compile(r"^(?:[A-Z][\w'’.-]*|[a-z]{1,5}|bin|binti|van|de|dan|&)"
                        r"(?:[ ,]+(?:[A-Z][\w'’.-]*|bin|binti|van|de|dan|&)){0,6}$")


def _add(credits: Credits, role: str, value: str) -> None:
    value = value.strip(" .,;-–")
    if not value or len(value) > 60 or any(ch.isdigit() for ch in value):
        return
    if not _NAME_LIKE.match(value):
        return  # "Foto: Bupati saat memimpin upacara." is a caption, not a credit
    for part in re.split(r"\s*(?:&|\bdan\b)\s*", value):
        part = part.strip(" .,;")
        if not part:
            continue
        if _NOT_PERSON.match(part) or _names_a_body(part, ("org", "office")):
            # "Foto: Bapenda Sidrap": a caption credits the agency that took the photograph;
            # "(Dinkes Malinau/rd)": a credit line the agency that published, whatever the role
            credits.organisations.append(part)
        else:
            getattr(credits, role).append(part)


def _names_a_body(value: str, classes: tuple[str, ...] = ("org", "office", "place")) -> bool:
    """True when a credited name has a word of ``classes`` (by default an organisation, office
    or region word: "Dokpim Garut"; a region alone is also a surname, "Bima Ardiansyah")."""
    from .evidence import word_class

    words = value.split()
    return any(word_class(w, words[i - 1].lower() if i else "") in classes
               for i, w in enumerate(words))


def find_credits(text: str) -> Credits:
    """Find the credit line at the end (or the byline near the start) of ``text``, and the
    photographers credited in captions ("(Foto: Bagus Pratama)")."""
    credits = _credit_line(text)
    for m in _CAPTION_CREDIT.finditer(text):
        group = "value" if m.group("value") else "value2"
        value = m.group(group).strip()
        if credits.span and credits.span[0] <= m.start() < credits.span[1]:
            continue
        if not _NAME_LIKE.match(value) or _NOT_PERSON.match(value) or value in (
                credits.authors + credits.editors + credits.photographers):
            continue
        if not credits:
            credits.as_written, credits.span = m.group(0).strip(" \t()"), m.span()
        _add(credits, "photographers", value)
        if value in credits.photographers:
            credits.spans[value] = m.span(group)
    return credits


def _credit_line(text: str) -> Credits:
    credits = Credits()
    trailer = _TRAILER.search(text)  # hashtags and account lines after the credit
    core = text[:trailer.start()] if trailer else text
    tail_start = max(0, len(core) - _TAIL_CHARS)
    tail_start = core.rfind("\n", 0, tail_start) + 1 if tail_start else 0  # whole lines
    tail = core[tail_start:]
    # a short release's tail reaches its head: a label on the byline's own line ("Oleh …, Kamis,
    # 23 Oktober 2025 | 08:15 WIT - Redaktur: …") belongs to the byline read below
    byline = _BYLINE.search(text, 0, 400)
    after_byline = 0
    if byline:
        after_byline = text.find("\n", byline.end())
        # (a byline that is the last line is the credit line itself: "… Pewarta: Andi")
        after_byline = 0 if after_byline < 0 or not text[after_byline:].strip() else after_byline
    labelled = [m for m in _LABELLED.finditer(tail, max(0, after_byline - tail_start))
                if m.group("label").lower() != "oleh" or (
                    m.group("label") == "Oleh" and tail[:m.start()].rstrip(" \t")[-1:] in ".\n)"
                    and tail_start + m.start() > 0)]
    # only the credit block at the very end: a label far above it is body text or a byline
    cluster = labelled[-1:] if labelled else []
    for m in reversed(labelled[:-1]):
        if cluster[0].start() - m.end() > 80:
            break
        cluster.insert(0, m)
    labelled = cluster
    if labelled and len(tail) - labelled[-1].end() > 80 and _TRAILING.search(tail):
        # "… Foto: Rahmadani Putri" in a caption, then paragraphs, then "(Kominfo Tapin/sr)":
        # the bracketed line at the very end is the credit, the caption credits a photograph
        labelled = []
    if labelled:
        for m in labelled:
            for label in _LABEL_SPLIT.split(m.group("label")):
                _add(credits, CREDIT_ROLES[label.lower()], m.group("value"))
        start = tail_start + labelled[0].start()
        if tail[labelled[0].start() - 1: labelled[0].start()] == "(":
            start -= 1
        end = tail_start + labelled[-1].end()
        close = re.compile(r"[ \t]*\)").match(text, end)
        end = close.end() if close and text[start] == "(" else end
        credits.as_written, credits.span = text[start:end].strip(), (start, end)
        return credits
    m = _TRAILING.search(tail)
    if m:
        inner = m.group("inner").strip()
        parts = [p.strip() for p in inner.split("/")]
        looks_like_credit = (len(parts) > 1 and len(inner.split()) <= 8) or bool(
            _INITIALS.fullmatch(inner))
        if looks_like_credit and not re.search(r"\d{3,}", inner):
            _add(credits, "authors", parts[0])
            # "(Mediacenter Riau/nv)": an outlet first, then the writer's initials
            role = "authors" if credits.organisations and not credits.authors else "editors"
            for part in parts[1:]:
                _add(credits, role, part)
                role = "editors"
            start = tail_start + m.start()
            credits.as_written = text[start: tail_start + m.start() + len(m.group(0).rstrip(
                " .\t"))].strip()
            credits.span = (start, len(text))
            return credits
    m = _ICON_LINE.search(tail)
    if m:
        # "✍️ Reza | 📷 Fadli": a writing hand marks the writer, a camera the photographer
        for part in _ICON_CREDIT.finditer(m.group(0)):
            role = "photographers" if part.group("icon") in _CAMERAS else "authors"
            if _names_a_body(part.group("who")):
                credits.organisations.append(part.group("who"))  # "📸 Dokpim Garut"
            else:
                _add(credits, role, part.group("who"))
        start = tail_start + m.start() + len(m.group(0)) - len(m.group(0).lstrip())
        credits.as_written, credits.span = m.group(0).strip(), (start, tail_start + m.end())
        return credits
    m = _SIGNED.search(tail)
    if m and m.start() >= len(tail) - 80:
        # "Nanda - Humasprov": the writer, then the office that published ("📸 Dimas -
        # Prokopim": the photographer)
        _add(credits, "photographers" if m.group("camera") else "authors", m.group("who"))
        credits.organisations.append(m.group("org"))
        start = tail_start + m.start()
        credits.as_written, credits.span = m.group(0).strip(), (start, tail_start + m.end())
        return credits
    head = text[:400]
    m = _BYLINE.search(head)
    if m:
        _add(credits, "authors", m.group("value"))
        end = m.end()
        ed = _HEAD_EDITOR.search(head, m.end(), head.find("\n", m.end()) % (len(head) + 1))
        if ed:
            _add(credits, "editors", ed.group("value"))
            end = ed.end()
        start = m.start("label")
        credits.as_written, credits.span = text[start:end].strip(), (start, end)
    return credits


_TRAILER = re.compile(r"(?:\n[ \t]*(?:[#@][\w.]+[ \t]*)+)+\s*$")
# "… stan batik. Foto: Rizal Fahmi", "… peresmian. (Foto: Bagus Pratama)"
_CAPTION_CREDIT = re.compile(r"(?<=[.!?)])[ \t]+(?:Foto|Photo)[ \t]*:[ \t]*"
                             r"(?P<value>[A-Z][\w.'’ ]{2,40}?)[ \t]*$"
                             r"|(?<=[.!?])[ \t]*\((?:Foto|Photo)[ \t]*:[ \t]*"
                             r"(?P<value2>[A-Z][\w.'’ ]{2,40}?)[ \t]*\)[ \t]*$", re.M)
# "Oleh Rina Marlina, Kamis, 12 Juli 2018 | 14:43 WIB - Redaktur: Hendra Gunawan"; in post
# metadata also after a separator ("Diterbitkan: Rabu, 12 Juni 2024 · Penulis: Yohanes Tamba")
_BYLINE = re.compile(r"(?:^|[·•|][ \t]*)(?P<label>Oleh|Penulis|Reporter|Pewarta)\s*:?\s*"
                     r"(?P<value>[A-Za-z][^\n,|•·:]{1,58}?)\s*(?=[,|•·\n]|\s[-–]\s|$)",
                     re.MULTILINE | re.IGNORECASE)
_HEAD_EDITOR = re.compile(r"\b(?:Redaktur|Editor|Penyunting)\s*:\s*(?P<value>[A-Za-z][^\n,|•·:-]"
                          r"{1,58}?)\s*(?=[,|•·\n]|\s[-–]\s|$)", re.IGNORECASE)
_CAMERAS = "📸📷🎥"
_ICON_CREDIT = re.compile(r"(?P<icon>[✍✏🖊📝📸📷🎥])\ufe0f?[ \t]*"
                          r"(?P<who>[A-Z][\w'’.]*(?:[ \t]+[A-Z][\w'’.]*){0,3})")
# a line made only of such credits, separated by "|", "/", "·" or "•"
_ICON_LINE = re.compile(r"(?:^|\n)[ \t]*" + _ICON_CREDIT.pattern + r"(?:[ \t]*[|/·•][ \t]*"
                        + _ICON_CREDIT.pattern.replace("?P<icon>", "").replace("?P<who>", "")
                        + r")*[ \t]*(?=\n|$)")
_SIGNED = re.compile(r"(?:^|\n|[|•·])[^\w\n]*?(?P<camera>[📸📷🎥][^\w\n]*)?"
                     r"(?P<who>[A-Z][a-z'’]+(?:\s+[A-Z][a-z'’]+){0,3})"
                     r"[ \t]*[-–—/]"
                     r"[ \t]*(?P<org>(?:Humas|Diskominfo|Kominfo|Prokopim|MC|Media\s*Center|"
                     r"Dinkominfo|Setda|Pemkab|Pemkot|Pemprov)\w*(?:[ \t]+[A-Z][\w.]*){0,3})"
                     r"[ \t]*\.?[ \t]*$")
