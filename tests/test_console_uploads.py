"""Uploads to the officer console: each accepted kind, and each kind of bad file (a clear
message; nothing drafted, nothing published)."""

from __future__ import annotations

import io
import zipfile

import pytest

from infopublik_ld.store import current_version

from .consolekit import SEED_TEXT, csrf_of, login, make_console


@pytest.fixture
def console(tmp_path):
    return make_console(tmp_path)


@pytest.fixture
def client(console):
    c = console.app().test_client()
    login(c)
    return c


def upload(client, name: str, data: bytes, **kwargs):
    page = client.get("/kelola/").text
    return client.post("/kelola/baru", data={"csrf_token": csrf_of(page),
                                              "file": (io.BytesIO(data), name)},
                       content_type="multipart/form-data", **kwargs)


def seed_docx() -> bytes:
    """The seed release as a Word document made with python-docx."""
    import docx

    document = docx.Document()
    for line in SEED_TEXT.read_text(encoding="utf-8").splitlines():
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def text_pdf(lines: list[str]) -> bytes:
    """A one-page PDF with a real text layer (Helvetica), written by hand."""
    def esc(s: str) -> str:
        return s.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    ops = ["BT", "/F1 11 Tf", "14 TL", "40 800 Td"] + [f"({esc(line)}) Tj T*" for line in lines]
    stream = "\n".join(ops + ["ET"]).encode("latin-1", "replace")
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
               b"/Resources << /Font << /F1 5 0 R >> >> >>",
               b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica "
               b"/Encoding /WinAnsiEncoding >>"]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % i + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for off in offsets:
        out.write(b"%010d 00000 n \n" % off)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n"
              % (len(objects) + 1, xref))
    return out.getvalue()


def blank_pdf() -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _drafted(client, resp) -> str:
    assert resp.status_code == 302, resp.text[:500]
    return client.get(resp.headers["Location"]).text


def test_docx_made_with_python_docx(client):
    page = _drafted(client, upload(client, "rilis.docx", seed_docx()))
    assert "Bangun Reputasi Labura" in page and "rilis.docx" in page


def test_pdf_with_a_text_layer(client):
    lines = SEED_TEXT.read_text(encoding="utf-8").splitlines()[:4]
    page = _drafted(client, upload(client, "rilis.pdf", text_pdf(lines)))
    assert "Bangun Reputasi Labura" in page


def test_txt_and_html(client):
    page = _drafted(client, upload(client, "rilis.txt", SEED_TEXT.read_bytes()))
    assert "Bangun Reputasi Labura" in page
    html = (b"<!doctype html><html><body><h1>Bangun Reputasi Labura</h1><p>Aek Kanopan - "
            b"Kominfo menggelar rapat, Rabu (04/09/2019).</p></body></html>")
    page = _drafted(client, upload(client, "rilis.html", html))
    assert "Bangun Reputasi Labura" in page


def _zip_bomb() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        with z.open("word/document.xml", "w") as member:
            block = b"\0" * (1 << 20)
            for _ in range(200):  # 200 MB of zeros, ~200 kB compressed
                member.write(block)
    return out.getvalue()


def _zip_without_document() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("hello.txt", "hi")
    return out.getvalue()


PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 64

BAD = [
    ("bom.docx", _zip_bomb, "bom zip"),
    ("bukan.docx", lambda: SEED_TEXT.read_bytes(), "bukan berkas .docx"),
    ("kosong.docx", _zip_without_document, "tidak berisi dokumen Word"),
    ("pindaian.pdf", blank_pdf, "tidak berlapis teks"),
    ("teks.pdf", lambda: SEED_TEXT.read_bytes(), "bukan berkas PDF"),
    ("gambar.txt", lambda: PNG, "biner"),
    ("dokumen.txt", seed_docx, "bukan teks .txt"),
    ("program.exe", lambda: b"MZ\0\0", "tidak diterima"),
    ("kosong.txt", lambda: b"   ", "kosong"),
]


@pytest.mark.parametrize("name,make,message", BAD, ids=[b[0] for b in BAD])
def test_bad_files_get_a_clear_message_and_make_no_draft(client, console, name, make,
                                                         message):
    r = upload(client, name, make(), headers={"Accept": "text/html"})
    assert r.status_code == 400, r.text[:300]
    assert message in r.text and name in r.text
    assert console.book.drafts() == [] and current_version(console.settings) is None


class _Counting(io.RawIOBase):
    """A request body of ``size`` bytes that counts how much of it was read."""

    def __init__(self, size: int):
        self.size, self.read_bytes = size, 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:  # the test client asks where the body starts
        return self.read_bytes

    def seek(self, offset: int, whence: int = 0) -> int:
        return self.read_bytes

    def readinto(self, buf) -> int:
        n = min(len(buf), self.size - self.read_bytes)
        buf[:n] = b"a" * n
        self.read_bytes += n
        return n


def test_a_30_mb_upload_is_refused_before_it_is_read(client, console):
    page = client.get("/kelola/").text
    body = _Counting(30 * 1024 * 1024)
    r = client.post("/kelola/baru", input_stream=body,
                    environ_overrides={"CONTENT_LENGTH": str(body.size)},
                    content_type="multipart/form-data; boundary=xyz",
                    headers={"X-CSRF-Token": csrf_of(page), "Accept": "text/html"})
    assert r.status_code == 413 and "10 MB" in r.text
    assert body.read_bytes == 0
    assert console.book.drafts() == []
