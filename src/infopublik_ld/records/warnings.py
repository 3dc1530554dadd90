"""Field warnings of an extraction, in Indonesian and English (one table of messages)."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["FieldWarning", "MESSAGES", "warn"]

#: code -> (Indonesian, English) message templates; ``{0}``, ``{1}`` are details.
MESSAGES: dict[str, tuple[str, str]] = {
    "not-found": ("tidak ditemukan dalam teks; lengkapi secara manual",
                  "not found in the text; fill it in by hand"),
    "no-year": ("tanggal {0!r} tanpa tahun dan tahun tidak dapat ditentukan; tanggal dikosongkan",
                "date {0!r} has no year and none could be determined; date left out"),
    "year-inferred": ("tahun untuk {0!r} diambil dari bagian lain teks ({1}); periksa",
                      "year of {0!r} taken from elsewhere in the text ({1}); check it"),
    "weekday-mismatch": ("nama hari pada {0!r} tidak cocok dengan tanggal {1}; tanggal dipakai",
                         "the weekday in {0!r} does not match the date {1}; date kept"),
    "relative-date": ("{0!r} dihitung dari tanggal terbit: {1}; periksa",
                      "{0!r} resolved against the publication date: {1}; check it"),
    "speaker-inferred": ("pembicara kutipan {0!r}… diambil dari orang terdekat sebelumnya ({1})",
                         "speaker of quote {0!r}… taken from the nearest person before ({1})"),
    "speaker-unknown": ("pembicara kutipan {0!r}… tidak dapat ditentukan",
                        "speaker of quote {0!r}… could not be identified"),
    "unclosed-quote": ("kutipan {0!r}… tidak ditutup; diambil sampai akhir paragraf",
                       "quote {0!r}… is never closed; taken to the end of the paragraph"),
    "title-official": ("judul resmi dipakai untuk {0!r}: {1!r}",
                       "official title used for {0!r}: {1!r}"),
    "region-unknown": ("tempat {0!r} tidak ditemukan dalam data wilayah Kemendagri",
                       "place {0!r} not found in the Kemendagri region data"),
    "not-a-person-ordinary-word": (
        "{0!r} tampak seperti nama tetapi kata biasa; tidak dicatat sebagai orang (tambahkan "
        "bila memang nama)",
        "{0!r} looks like a name but is an ordinary word; not recorded as a person (add it if "
        "it is one)"),
    "not-a-person-unsure": (
        "{0!r} mungkin nama, tetapi hanya satu kata dengan bukti lemah; tidak dicatat sebagai "
        "orang (tambahkan bila memang nama)",
        "{0!r} may be a name, but it is one word with weak evidence; not recorded as a person "
        "(add it if it is one)"),
    "not-a-person-place": (
        "{0!r} tampak seperti nama tetapi nama wilayah; tidak dicatat sebagai orang",
        "{0!r} looks like a name but is a region; not recorded as a person"),
    "not-a-person-organization": (
        "{0!r} tampak seperti nama tetapi nama organisasi atau tempat; tidak dicatat sebagai orang",
        "{0!r} looks like a name but is an organisation or a venue; not recorded as a person"),
    "not-a-person-office": (
        "{0!r} tampak seperti nama tetapi nama jabatan; tidak dicatat sebagai orang",
        "{0!r} looks like a name but is an office; not recorded as a person"),
    "event-name-from-headline": (
        "nama kegiatan diambil dari judul: {0!r}; periksa",
        "event name taken from the title: {0!r}; check it"),
    "publisher-from-settings": (
        "teks tidak menyebut penerbit; dipakai instansi dari pengaturan: {0!r}",
        "the text names no publisher; the agency from the settings is used: {0!r}"),
    "no-structure": ("teks tidak berstruktur siaran pers (tanpa judul, tanggal, dateline, orang)",
                     "the text has no press-release structure (no title, date, dateline, people)"),
}


@dataclass(frozen=True)
class FieldWarning:
    """A warning about one field: JSON pointer, code, and the message in id and en."""

    field: str
    code: str
    message_id: str
    message_en: str
    # a phrase not taken (a person candidate): where it is in the text, the rule that proposed
    # it and the confidence "guess"; None for the other warnings (left out of the JSON)
    start: int | None = None
    end: int | None = None
    rule: str | None = None
    confidence: str | None = None


def warn(pointer: str, code: str, *details: object, span: tuple[int, int] | None = None,
         rule: str | None = None, confidence: str | None = None) -> FieldWarning:
    """Build a :class:`FieldWarning` from the message table (``span``, ``rule`` and
    ``confidence`` for a phrase of the text that was not taken)."""
    msg_id, msg_en = MESSAGES[code]
    start, end = span if span else (None, None)
    return FieldWarning(pointer, code, msg_id.format(*details), msg_en.format(*details),
                        start, end, rule, confidence)
