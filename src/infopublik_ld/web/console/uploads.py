"""An uploaded release file → its text: .txt, .html/.htm, .docx (python-docx), .pdf (pypdf).

The file's content decides, not its name: a ``.docx`` must be a zip holding a Word document,
a ``.pdf`` must start like a PDF, a ``.txt`` must be text. A .docx is opened only after its
zip directory says it unpacks to a bounded size (a zip bomb is refused before inflating); a
PDF is read page by page up to :data:`MAX_PDF_PAGES`. The file name is only shown, never used
as a path. No Flask here.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

from ...errors import InputError
from ...records.encoding import decode_bytes

SUFFIXES = (".txt", ".html", ".htm", ".docx", ".pdf")
#: a Word document's parts may unpack to at most this much in total, and each part may be at
#: most this many times its compressed size (real documents: < 10×; zip bombs: > 1000×)
MAX_UNPACKED, MAX_RATIO, MAX_PARTS = 64 * 1024 * 1024, 200, 2000
MAX_PDF_PAGES = 300


@dataclass
class UploadedText:
    """The text of an upload, and whether it is a web page."""

    text: str
    html: bool
    name: str


def _refuse(name: str, en: str, id_: str) -> InputError:
    return InputError(f"{name}: {en}", f"{name}: {id_}", where="file")


def read_upload(name: str, data: bytes) -> UploadedText:
    """The release text in ``data`` (a file called ``name``); :class:`InputError` otherwise."""
    safe = (name or "upload").replace("\\", "/").rsplit("/", 1)[-1][:120] or "upload"
    suffix = "." + safe.rsplit(".", 1)[-1].lower() if "." in safe else ""
    if suffix not in SUFFIXES:
        raise _refuse(safe, f"files of type {suffix or '(none)'!r} are not accepted; upload "
                      ".txt, .html, .docx or .pdf (with a text layer)",
                      f"berkas jenis {suffix or '(tanpa akhiran)'!r} tidak diterima; unggah "
                      ".txt, .html, .docx atau .pdf (yang berlapis teks)")
    if not data.strip():
        raise _refuse(safe, "the file is empty", "berkas kosong")
    if suffix == ".docx":
        return UploadedText(_docx_text(safe, data), False, safe)
    if suffix == ".pdf":
        return UploadedText(_pdf_text(safe, data), False, safe)
    if data.startswith(b"PK\x03\x04") or data.startswith(b"%PDF"):
        kind = "a .docx/zip archive" if data.startswith(b"PK") else "a PDF"
        raise _refuse(safe, f"the file is {kind}, not {suffix} text; give it its real suffix",
                      f"berkas ini {kind.replace('a ', '')}, bukan teks {suffix}; beri akhiran "
                      "yang sebenarnya")
    text = decode_bytes(data, safe)
    html = suffix in (".html", ".htm") or text.lstrip()[:15].lower().startswith(
        ("<!doctype html", "<html"))
    return UploadedText(text, html, safe)


def _docx_text(name: str, data: bytes) -> str:
    if not data.startswith(b"PK\x03\x04"):
        raise _refuse(name, "this is not a .docx file (a .docx is a zip archive); save it "
                      "again from the word processor as .docx",
                      "ini bukan berkas .docx (.docx adalah arsip zip); simpan ulang dari "
                      "pengolah kata sebagai .docx")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        parts = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise _refuse(name, f"the .docx archive is damaged ({exc})",
                      f"arsip .docx rusak ({exc})") from None
    total = sum(p.file_size for p in parts)
    ratio = max((p.file_size / max(p.compress_size, 1) for p in parts), default=0)
    if len(parts) > MAX_PARTS or total > MAX_UNPACKED or ratio > MAX_RATIO:
        raise _refuse(name, f"the .docx would unpack to {total / 1048576:.0f} MB in "
                      f"{len(parts)} parts (ratio {ratio:.0f}:1); refused as a possible zip "
                      "bomb", f".docx ini akan terurai menjadi {total / 1048576:.0f} MB dalam "
                      f"{len(parts)} bagian (rasio {ratio:.0f}:1); ditolak karena mungkin bom "
                      "zip")
    if "word/document.xml" not in {p.filename for p in parts}:
        raise _refuse(name, "the zip archive holds no Word document (word/document.xml)",
                      "arsip zip tidak berisi dokumen Word (word/document.xml)")
    try:
        import docx

        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many kinds on a broken package
        raise _refuse(name, f"the Word document cannot be read ({type(exc).__name__})",
                      f"dokumen Word tidak dapat dibaca ({type(exc).__name__})") from None
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.append("\t".join(c.text for c in row.cells))
    text = "\n".join(lines).strip()
    if not text:
        raise _refuse(name, "the Word document has no text", "dokumen Word tidak berisi teks")
    return text


def _pdf_text(name: str, data: bytes) -> str:
    if not data.lstrip()[:1024].startswith(b"%PDF-") and b"%PDF-" not in data[:1024]:
        raise _refuse(name, "this is not a PDF file; give it its real suffix",
                      "ini bukan berkas PDF; beri akhiran yang sebenarnya")
    try:
        from pypdf import PdfReader
        from pypdf.errors import PdfReadError

        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise _refuse(name, "the PDF is encrypted; save an unprotected copy",
                          "PDF ini terenkripsi; simpan salinan tanpa proteksi")
        pages = reader.pages
        if len(pages) > MAX_PDF_PAGES:
            raise _refuse(name, f"the PDF has {len(pages)} pages; at most {MAX_PDF_PAGES}",
                          f"PDF ini {len(pages)} halaman; paling banyak {MAX_PDF_PAGES}")
        text = "\n".join((page.extract_text() or "") for page in pages).strip()
    except InputError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise _refuse(name, f"the PDF cannot be read ({type(exc).__name__})",
                      f"PDF tidak dapat dibaca ({type(exc).__name__})") from None
    if not text:
        raise _refuse(name, "the PDF has no text layer (a scanned image?): run OCR on it, or "
                      "paste the release text instead",
                      "PDF ini tidak berlapis teks (hasil pindai?): jalankan OCR, atau tempel "
                      "teks siarannya")
    return text
