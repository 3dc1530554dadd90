"""``--help`` in the language of the messages: Indonesian by default, English with ``--lang en``
or ``INFOPUBLIK_LANG=en``.

The English help stays where click expects it (docstrings, ``help=``), so the code reads as
before; the Indonesian text of each command and option is kept here, keyed by the command's
name and the option's long name (``"publish"``, ``"publish --dry-run"``; ``""`` is the group).
A test checks that every command and option of the CLI has its Indonesian text.
"""

from __future__ import annotations

import os

import click

#: Indonesian help: command docstrings and option texts
ID_HELP: dict[str, str] = {
    "": "infopublik-ld: terbitkan siaran pers pemerintah sebagai data terbuka tertaut.\n\n"
        "Ubah siaran pers menjadi data terbuka tertaut (RDF), validasi dengan SHACL, "
        "terbitkan, dan layani. Bahasa pesan dan bantuan: --lang id (bawaan) atau --lang en "
        "(atau INFOPUBLIK_LANG=en).",
    " --version": "Tampilkan versi lalu keluar.",
    " --help": "Tampilkan bantuan ini lalu keluar.",
    " --data": "Direktori data (bawaan: direktori saat ini; env INFOPUBLIK_DATA).",
    " --lang": "Bahasa pesan dan bantuan: id (Bahasa Indonesia) atau en (English).",

    "convert": "Ubah rekaman (.json, .jsonl) atau teks siaran (.txt, .html) menjadi RDF.\n\n"
               "Mencetak RDF tiap siaran beserta provenansnya; pelanggaran dan peringatan "
               "SHACL ke standard error (convert tidak menolak: publish yang menolak). Kode "
               "keluar 2 untuk masukan yang tidak dapat dipakai.",
    "convert --output": "Tulis RDF ke berkas ini, bukan ke standard output.",
    "convert --format": "Sintaks RDF; nquads, trig dan jsonld menyimpan satu graf bernama per "
                        "siaran.",
    "convert --base": "IRI dasar untuk IRI yang dibuat (setelan base_iri).",

    "extract": "Ambil draf rekaman dari siaran pers (.txt atau halaman .html yang disimpan).\n\n"
               "Mencetak rekaman yang lolos JSON Schema kecuali kolom wajib yang tidak disebut "
               "teks (didaftar sebagai kurang), dengan peringatan untuk semua yang ditebak atau "
               "tidak ditemukan. Periksa, lengkapi, lalu `publish`. Kode keluar 2 untuk masukan "
               "yang tidak dapat dipakai (kosong, biner, terlalu besar).",
    "extract --output": "Tulis draf rekaman (JSON) ke berkas ini, bukan ke standard output.",
    "extract --format": "record: draf rekaman, peringatan ke stderr; json: {record, warnings, "
                        "missing} ke stdout.",

    "validate": "Validasi rekaman, teks siaran atau berkas RDF terhadap bentuk SHACL.\n\n"
                "Kode keluar 0 bila semua sesuai (peringatan boleh), 1 bila ada pelanggaran, 2 "
                "untuk masukan yang tidak dapat dipakai (bukan JSON, bukan RDF, galat skema…).",
    "validate --format": "Laporan sebagai teks biasa atau JSON.",
    "validate --base": "IRI dasar untuk IRI yang dibuat (setelan base_iri).",

    "init": "Buat direktori data dengan infopublik-ld.toml berisi semua setelan dan "
            "penjelasannya.",
    "init --base": "IRI dasar instans ini, mis. https://data.example.go.id/ (setelan base_iri).",
    "init --agency": "Nama instansi penerbit.",
    "init --region": "Kode Kemendagri wilayah instansi.",
    "init --email": "Surel petugas data.",
    "init --store": "Jenis penyimpanan (bawaan: oxigraph tertanam).",

    "publish": "Terbitkan rekaman (.json, .jsonl, .csv), berkas RDF atau teks siaran "
               "(.txt, .html).\n\n"
               "Tiap siaran dipetakan, divalidasi SHACL dan ditulis ke graf bernamanya sendiri; "
               "siaran yang tidak berubah dilewati. Data dapat dikueri begitu versi baru "
               "tersimpan; dump versi itu (N-Quads, Turtle, irisan per tahun) lalu ditulis di "
               "latar belakang, hanya tahun yang berubah yang ditulis ulang (--no-dumps: "
               "tidak). Kode keluar 1 bila ada siaran yang gagal (tercantum di laporan).",
    "publish --dry-run": "Validasi saja; tidak menulis apa pun.",
    "publish --all-or-nothing": "Jangan terbitkan apa pun bila ada siaran yang gagal.",
    "publish --report": "Tempat laporan JSON (kegagalan dan alasannya); bawaan "
                        "DATA/publish-report.json.",
    "publish --workers": "Jumlah proses pekerja (setelan workers).",
    "publish --no-dumps": "Jangan tulis dump versi baru sekarang (server menulisnya saat "
                          "pertama diminta, atau jalankan `infopublik-ld dumps`).",
    "publish --wait-dumps": "Tunggu sampai dump versi baru selesai sebelum keluar.",

    "retract": "Tarik siaran yang sudah terbit: hapus grafnya dan tinggalkan nisan "
               "(410 Gone).",
    "retract --reason": "Alasan penarikan (disimpan di nisan).",

    "status": "Tampilkan versi dataset saat ini, jumlah tripel dan siaran, serta perubahan "
              "terakhir.",
    "status --format": "Teks biasa atau JSON.",
    "status --last": "Jumlah versi yang ditampilkan.",

    "reindex": "Bangun ulang indeks teks lengkap dari penyimpanan.",

    "serve": "Layani data terbit lewat HTTP (titik akhir SPARQL, API, halaman).\n\n"
             "Hanya membaca versi yang sudah terbit; publish baru terlihat tanpa memulai ulang.",
    "serve --host": "Alamat yang didengarkan (setelan host; bawaan 127.0.0.1).",
    "serve --port": "Port yang didengarkan (setelan port; bawaan 8080; 0 = port bebas apa "
                    "saja).",
    "serve --threads": "Permintaan yang dijalankan sekaligus per proses (setelan "
                       "serve_threads).",
    "serve --processes": "Proses server yang berbagi soket (setelan serve_processes; 0 = satu "
                         "per inti).",
    "serve --query-workers": "Proses pekerja kueri SPARQL (setelan query_workers; 0 = satu per "
                             "inti).",
    "serve --query-time-limit": "Detik maksimum satu kueri (setelan query_time_limit).",

    "dumps": "Tulis dump versi yang terbit (N-Quads, Turtle, Turtle per tahun; gzip).\n\n"
             "publish menulisnya di latar belakang dan server menulisnya saat pertama diminta; "
             "irisan tahun yang tidak berubah disalin dari dump sebelumnya. Mencetak manifes "
             "(berkas, ukuran, SHA-256) sebagai JSON.",
    "dumps --version": "Versi dataset (bawaan: versi saat ini).",

    "harvest": "Panen instans lain: URL adalah katalog DCAT-nya atau alamat situsnya "
               "(mis. https://data.example.go.id/).\n\n"
               "Dari alamat situs, katalog ditemukan lewat header Link (rel=\"dcat:catalog\") "
               "atau VoID di halaman depan. Pertama kali: mengunduh dump lengkap (checksum "
               "diperiksa); berikutnya mengikuti umpan perubahan dari titik terakhir. Hanya URL "
               "pada origin katalog yang diambil. Bila gagal, penyimpanan lokal tetap seperti "
               "semula. Mencetak ringkasan JSON.",
    "harvest --full": "Ambil dump lengkap walaupun umpan perubahan sudah cukup.",

    "backup": "Cadangkan instans yang sedang berjalan ke folder DEST (baru).\n\n"
              "Salinan konsisten versi terbit terbaru: penyimpanan data dan pembukuan "
              "(cadangan Oxigraph), indeks teks lengkap, setelan, berkas pembukuan (akun bila "
              "ada) dan dump terakhir. serve tidak perlu dihentikan; publish yang sedang "
              "berjalan tetap lanjut (cadangan memuat versi sebelumnya).",
    "user": "Akun konsol petugas dan API tulis (disimpan di DATA/private, di-hash).",
    "user add": "Buat akun; kata sandi ditanyakan dua kali (tidak pernah diberikan di baris "
                "perintah).",
    "user add --role": "officer: menerbitkan, mengganti, menarik; admin: juga mengelola akun "
                       "dan membaca jejak audit.",
    "user list": "Daftar akun (nama, peran, nonaktif, dibuat).",
    "user list --format": "Teks biasa atau JSON.",
    "user disable": "Nonaktifkan akun: sesinya berakhir sekarang dan token API-nya tidak "
                    "berlaku lagi.",
    "user token": "Buat token API untuk NAME (untuk `Authorization: Bearer …`); ditampilkan "
                  "sekali, disimpan dalam bentuk hash.",
    "user revoke": "Cabut semua token API milik NAME.",
    "people": "Kurasi daftar otoritas orang (docs/identity.md).",
    "people list": "Daftar entri, yang paling sering disebut lebih dulu (IRI, nama, siaran, "
                   "digabung ke).",
    "people list --name": "Hanya entri yang namanya memuat teks ini.",
    "people list --limit": "Jumlah entri yang ditampilkan.",
    "people list --format": "Teks biasa atau JSON.",
    "people show": "Tampilkan satu entri (kunci atau IRI): nama yang tercatat, jabatan dengan "
                   "tanggalnya, siaran, penggabungan.",
    "people merge": "Gabungkan entri SOURCE ke TARGET (kunci atau IRI): SOURCE lalu menjawab 301 "
                    "ke TARGET dan datanya memuat owl:sameAs. Membuat versi dataset baru.",
    "people split": "Beri sebutan ENTRY dalam satu siaran IRI sendiri (tidak pernah IRI yang "
                    "dipakai untuk orang lain). Membuat versi dataset baru.",
    "people split --release": "Kunci siaran yang sebutan ENTRY-nya mendapat IRI sendiri.",
    "organizations": "Kurasi daftar otoritas organisasi (docs/identity.md).",
    "organizations list": "Daftar entri, yang paling sering disebut lebih dulu (IRI, nama, siaran,"
                          " digabung ke).",
    "organizations list --name": "Hanya entri yang namanya memuat teks ini.",
    "organizations list --limit": "Jumlah entri yang ditampilkan.",
    "organizations list --format": "Teks biasa atau JSON.",
    "organizations show": "Tampilkan satu entri (kunci atau IRI): nama yang tercatat, jabatan "
                          "dengan tanggalnya, siaran, penggabungan.",
    "organizations merge": "Gabungkan entri SOURCE ke TARGET (kunci atau IRI): SOURCE lalu "
                           "menjawab 301 ke TARGET dan datanya memuat owl:sameAs. Membuat versi "
                           "dataset baru.",
    "organizations split": "Beri sebutan ENTRY dalam satu siaran IRI sendiri (tidak pernah IRI "
                           "yang dipakai untuk orang lain). Membuat versi dataset baru.",
    "organizations split --release": "Kunci siaran yang sebutan ENTRY-nya mendapat IRI sendiri.",
    "migrate": "Bawa siaran yang terbit sebelum ada daftar otoritas ke aturan identitas "
               "sekarang.\n\nOrang dan organisasi mendapat IRI dari daftar otoritas; peraturan "
               "daerah dan kementerian yang penerbitnya tidak diketahui menjadi sumber daya "
               "instans ini; IRI lama yang tidak lagi menamai apa pun menjawab 301 ke yang baru. "
               "Satu versi baru (pemanen mengikutinya seperti versi lain); bila tidak ada yang "
               "perlu diubah, tidak ada yang ditulis. Lihat docs/identity.md.",
    "restore": "Pulihkan cadangan SRC ke direktori data DIRECTORY (baru), lalu periksa.\n\n"
               "Memeriksa versi, jumlah siaran dan tripel, checksum setiap berkas dan checksum "
               "dump; bila ada yang berbeda, tidak ada yang ditinggalkan.",
}

#: click's own words in the help screen
_WORDS_ID = {"Usage: ": "Pemakaian: ", "Options": "Opsi", "Commands": "Perintah",
             "Arguments": "Argumen"}


def help_lang(ctx: click.Context) -> str:
    """The language of help text: ``--lang`` when given (it is eager), then the environment,
    then Indonesian."""
    root = ctx.find_root()
    lang = (root.obj or {}).get("lang") or root.params.get("lang") \
        or os.environ.get("INFOPUBLIK_LANG") or "id"
    return lang if lang in ("id", "en") else "id"


def _key(ctx: click.Context) -> str:
    """``""`` for the group, ``"publish"``, ``"user add"`` for (nested) commands."""
    names = []
    while ctx.parent is not None:
        names.append(ctx.info_name or "")
        ctx = ctx.parent
    return " ".join(reversed(names))


class HelpOption(click.Option):
    """An option whose help follows :func:`help_lang`."""

    def get_help_record(self, ctx: click.Context):
        record = super().get_help_record(ctx)
        if record is None or help_lang(ctx) == "en":
            return record
        name = max(self.opts, key=len)
        text = ID_HELP.get(f"{_key(ctx)} {name}")
        extra = ""
        if record[1].endswith("]") and "[" in record[1]:  # click's "[default: …]"
            extra = " " + record[1][record[1].rindex("["):].replace("default:", "bawaan:") \
                .replace("required", "wajib")
        return (record[0], (text + extra) if text else record[1])


class _Localised:
    """Mix-in for commands and the group: docstring, headings and usage in the user's
    language."""

    def get_help_option(self, ctx: click.Context):
        opt = super().get_help_option(ctx)  # type: ignore[misc]
        if opt is not None:  # click may keep one help option per command: set it each time
            opt.help = "Show this message and exit." if help_lang(ctx) == "en" \
                else ID_HELP[" --help"]
        return opt

    def _text(self, ctx: click.Context) -> str | None:
        return ID_HELP.get(_key(ctx)) if help_lang(ctx) != "en" else None

    def format_help_text(self, ctx: click.Context, formatter) -> None:
        text = self._text(ctx)
        if text is None:
            return super().format_help_text(ctx, formatter)  # type: ignore[misc]
        formatter.write_paragraph()
        with formatter.indentation():
            for i, para in enumerate(text.split("\n\n")):
                if i:
                    formatter.write_paragraph()
                formatter.write_text(para)

    def format_usage(self, ctx: click.Context, formatter) -> None:
        prefix = "Usage: " if help_lang(ctx) == "en" else _WORDS_ID["Usage: "]
        formatter.write_usage(ctx.command_path, " ".join(self.collect_usage_pieces(ctx)),
                              prefix=prefix)

    def format_options(self, ctx: click.Context, formatter) -> None:
        if help_lang(ctx) == "en":
            return super().format_options(ctx, formatter)  # type: ignore[misc]
        records = [r for p in self.get_params(ctx) if not isinstance(p, click.Argument)
                   and (r := p.get_help_record(ctx)) is not None]
        if records:
            with formatter.section(_WORDS_ID["Options"]):
                formatter.write_dl(records)
        if isinstance(self, click.Group):
            self._format_commands_id(ctx, formatter)

    def _format_commands_id(self, ctx: click.Context, formatter) -> None:
        rows = []
        for name in self.list_commands(ctx):  # type: ignore[attr-defined]
            cmd = self.get_command(ctx, name)  # type: ignore[attr-defined]
            if cmd is None or cmd.hidden:
                continue
            text = ID_HELP.get(f"{_key(ctx)} {name}".strip())
            short = text.split("\n\n")[0] if text else cmd.get_short_help_str(80)
            rows.append((name, short))
        if rows:
            with formatter.section(_WORDS_ID["Commands"]):
                formatter.write_dl(rows)


class LocalisedCommand(_Localised, click.Command):
    """A command whose ``--help`` follows the language setting."""


class LocalisedGroup(_Localised, click.Group):
    """A group whose ``--help`` (and its commands') follows the language setting."""

    command_class = LocalisedCommand


LocalisedGroup.group_class = LocalisedGroup  # nested groups (``user``) too
