"""Turn the bytes of a release file into text: size limit, binary refusal, UTF-8 or Windows-1252."""

from __future__ import annotations

from ..errors import InputError

#: largest release text accepted, in bytes (the longest real releases are ~50 kB; 5 MB leaves
#: room for saved web pages with inline scripts while keeping extraction well under a second).
MAX_BYTES = 5 * 1024 * 1024

_BINARY_SIGNATURES = (
    b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"%PDF", b"PK\x03\x04", b"\x7fELF", b"MZ",
    b"\x1f\x8b", b"BZh", b"\xd0\xcf\x11\xe0", b"RIFF", b"OggS", b"\x00\x00\x01\x00",
)


def check_size(size: int, name: str = "input") -> None:
    """Raise :class:`InputError` when ``size`` bytes exceed :data:`MAX_BYTES`."""
    if size > MAX_BYTES:
        mb, limit = size / 1048576, MAX_BYTES / 1048576
        raise InputError(
            f"{name} is {mb:.1f} MB; a release may be at most {limit:.0f} MB of text "
            "(split the file or remove embedded data)",
            f"{name} berukuran {mb:.1f} MB; rilis paling besar {limit:.0f} MB teks "
            "(pecah berkas atau hapus data sisipan)",
        )


def decode_bytes(data: bytes, name: str = "input") -> str:
    """Return the text of ``data``: UTF-8 (with or without BOM), else Windows-1252.

    Raises :class:`InputError` for empty, oversized or binary content (NUL bytes, image, PDF,
    archive signatures).

    >>> decode_bytes("Rabu".encode("cp1252"))
    'Rabu'
    >>> decode_bytes(b"caf\\xe9")
    'café'
    """
    check_size(len(data), name)
    if not data.strip():
        raise InputError(
            f"{name} is empty; give a press release text or a saved web page",
            f"{name} kosong; berikan teks siaran pers atau halaman web yang disimpan",
        )
    if data.startswith(_BINARY_SIGNATURES) or b"\x00" in data[:65536]:
        raise InputError(
            f"{name} is a binary file, not text; give a .txt or .html press release",
            f"{name} adalah berkas biner, bukan teks; berikan siaran pers .txt atau .html",
        )
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    controls = sum(1 for ch in text[:65536] if ord(ch) < 32 and ch not in "\t\n\r\f")
    if controls > 16 and controls * 50 > min(len(text), 65536):
        raise InputError(
            f"{name} looks binary ({controls} control characters); give a text file",
            f"{name} tampaknya biner ({controls} karakter kontrol); berikan berkas teks",
        )
    return text
