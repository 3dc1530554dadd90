"""Rough edges a new user hit (issue 15 item 7): one clear line per problem, in one language,
help in the user's language, a complete settings file, a dry run that counts."""

from __future__ import annotations

import socket
import subprocess
import sys

import click
import pytest

from infopublik_ld.cli import main
from infopublik_ld.cli_help import ID_HELP

from .conftest import EXAMPLE_JSON

CLI = [sys.executable, "-c", "from infopublik_ld.cli import main; main()"]


@pytest.fixture
def data(cli, tmp_path):
    assert cli("init", "--base", "https://data.example.go.id/").exit_code == 0
    return tmp_path


def _run(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    import os

    clean = {k: v for k, v in os.environ.items() if not k.startswith("INFOPUBLIK_")}
    return subprocess.run([*CLI, *args], capture_output=True, text=True, timeout=120,
                          env={**clean, **(env or {})})


def test_serve_on_a_port_in_use_says_so_in_one_line(data):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        for processes in ("1", "2"):
            out = _run("--data", str(data), "serve", "--port", str(port), "--processes",
                       processes)
            assert out.returncode == 2
            assert out.stderr.strip().splitlines() == [
                f"galat: port {port} di 127.0.0.1 sedang dipakai program lain: hentikan "
                "program itu atau pilih port lain (--port, setelan port)"], out.stderr


def test_serve_on_a_port_that_does_not_exist(data):
    out = _run("--lang", "en", "--data", str(data), "serve", "--port", "99999")
    assert out.returncode == 2
    assert out.stderr.strip().splitlines() == [
        "error: port 99999 does not exist: give 1-65535, or 0 for any free port (--port, "
        "setting port)"]


@pytest.mark.parametrize("name,content,expected", [
    ("empty.json", "", "empty.json: berkas kosong"),
    ("empty.txt", "", "empty.txt kosong; berikan teks siaran pers atau halaman web yang "
                      "disimpan"),
    ("broken.json", '{"a": 1, "b": }', "broken.json:1:15: JSON tidak sah: Expecting value"),
    ("noheadline.json", "{}", "noheadline.json: /kind: None bukan salah satu dari "
                              "['article', 'event']"),
])
def test_publish_errors_say_where_once_and_in_one_language(cli, data, name, content,
                                                           expected):
    path = data / name
    path.write_text(content, encoding="utf-8")
    result = cli("publish", path)
    assert result.exit_code == 1
    lines = [line.replace(str(data) + "/", "") for line in result.stderr.splitlines()
             if "/" not in line or str(data) in line]
    assert lines == [expected], result.stderr
    assert " is " not in result.stderr and "cannot" not in result.stderr  # no English


def test_dry_run_counts_valid_records(cli, data):
    (data / "broken.json").write_text("{", encoding="utf-8")
    result = cli("publish", "--dry-run", EXAMPLE_JSON, data / "broken.json")
    assert result.exit_code == 1
    assert result.stdout.startswith("uji saja: 1 sah, 1 gagal; tidak ada yang ditulis")
    result = cli("--lang", "en", "publish", "--dry-run", EXAMPLE_JSON)
    assert result.exit_code == 0
    assert result.stdout.startswith("dry run: 1 valid, 0 failed; nothing written")


def test_init_writes_every_setting_commented(data):
    from infopublik_ld.config import SETTINGS, load_settings

    text = (data / "infopublik-ld.toml").read_text(encoding="utf-8")
    for s in SETTINGS:
        if s.name == "base_iri":
            assert 'base_iri = "https://data.example.go.id/"' in text.splitlines()
        else:
            assert f"# {s.name} = " in text, s.name
    assert "# max_query_bytes = 20000" in text and "# cache_entries = " in text
    # uncommenting every line gives a file that loads with the defaults
    names = tuple(f"# {s.name} = " for s in SETTINGS)
    (data / "infopublik-ld.toml").write_text(
        "\n".join(line[2:] if line.startswith(names) else line for line in text.splitlines()),
        encoding="utf-8")
    assert load_settings(data).max_query_bytes == 20000


def _every_help_key(cmd: click.Command, path: str = "") -> list[str]:
    """The cli_help keys of ``cmd`` and everything under it ("", "publish --dry-run",
    "user add --role" …)."""
    keys = [path] + [f"{path} {max(p.opts, key=len)}" for p in cmd.params
                     if isinstance(p, click.Option)]
    for name, sub in getattr(cmd, "commands", {}).items():
        keys += _every_help_key(sub, f"{path} {name}".strip())
    return keys


def test_every_command_and_option_has_indonesian_help():
    assert [k for k in _every_help_key(main) if k not in ID_HELP] == []


def test_help_follows_the_language(runner):
    def cli(*args):
        return runner.invoke(main, list(args), prog_name="infopublik-ld")

    default = cli("publish", "--help")
    assert default.stdout.startswith("Pemakaian: infopublik-ld publish")
    assert "Validasi saja; tidak menulis apa pun." in default.stdout
    assert "Tampilkan bantuan ini lalu keluar." in default.stdout
    assert "Options" not in default.stdout and "Validate only" not in default.stdout
    english = cli("--lang", "en", "publish", "--help")
    assert english.stdout.startswith("Usage: infopublik-ld publish")
    assert "Validate only; write nothing." in english.stdout
    assert "Show this message and exit." in english.stdout
    top = runner.invoke(main, ["--help"], env={"INFOPUBLIK_LANG": "en"})
    assert "Commands:" in top.stdout and "Serve the published data" in top.stdout
    top = cli("--help")
    assert "Perintah:" in top.stdout and "Layani data terbit" in top.stdout
    assert "[bawaan: id]" in top.stdout
