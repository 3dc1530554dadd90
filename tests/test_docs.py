"""The docs stay true: settings and record docs match the code; README commands work."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
import venv

import pytest
from click.testing import CliRunner
from rdflib import Graph

from infopublik_ld import config
from infopublik_ld.cli import main
from infopublik_ld.records import schema

from .conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _readme_block(marker: str) -> str:
    match = re.search(rf"<!-- {marker} -->\s*```sh\n(.*?)```", README, re.S)
    assert match, f"README lacks the {marker} block"
    return match.group(1).strip()


def test_settings_doc_matches_the_table():
    doc = (ROOT / "docs" / "settings.md").read_text(encoding="utf-8")
    assert doc == config.markdown(), "regenerate: python -m infopublik_ld.config > docs/settings.md"
    for setting in config.SETTINGS:
        assert f"| `{setting.name}` |" in doc


def test_record_doc_matches_the_schema():
    doc = (ROOT / "docs" / "record.md").read_text(encoding="utf-8")
    assert doc.strip() == schema.markdown().strip(), (
        "regenerate: python -m infopublik_ld.records.schema > docs/record.md")


def test_every_command_in_readme_has_help():
    named = set(re.findall(r"`infopublik-ld ([a-z][a-z-]*)", README))
    assert {"convert", "validate"} <= named
    for command in sorted(named):
        result = CliRunner().invoke(main, ["--lang", "en", command, "--help"])
        assert result.exit_code == 0, (command, result.output)
        assert "Usage:" in result.output


def test_ci_runs_the_readme_test_command():
    command = _readme_block("readme-test-command")
    test_part = command.split("&&")[-1].strip()
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert test_part.replace("python3", "").strip() in ci


@pytest.mark.slow
def test_readme_test_command_collects_tests():
    command = _readme_block("readme-test-command").split("&&")[-1].strip()
    # the interpreter running these tests is the one the README's venv activated
    command = command.replace("python3", shlex.quote(sys.executable), 1)
    proc = subprocess.run(command.replace("-q", "-q --collect-only", 1), shell=True, cwd=ROOT,
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    assert re.search(r"(\d+) tests? collected", proc.stdout)


def _copy_repo(dest):
    ignore = shutil.ignore_patterns(".git", ".venv", "__pycache__", "*.egg-info", "dist",
                                    "build", "out", ".pytest_cache", ".ruff_cache", "data")
    shutil.copytree(ROOT, dest, ignore=ignore)
    return dest


@pytest.mark.slow
def test_readme_main_command_on_a_fresh_copy(tmp_path):
    """The README's first command, run as written in a fresh copy of the repository: it
    installs, inits, publishes the example and serves it; we query the server, then stop it."""
    import json
    import signal
    import socket
    import time
    import urllib.parse
    import urllib.request

    repo = _copy_repo(tmp_path / "repo")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {k: v for k, v in os.environ.items() if not k.startswith(("INFOPUBLIK_", "VIRTUAL"))}
    env["INFOPUBLIK_PORT"] = str(port)  # the README's default 8080 may be taken here
    proc = subprocess.Popen(["bash", "-c", _readme_block("readme-main-command")], cwd=repo,
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            start_new_session=True)
    try:
        query = urllib.parse.quote("SELECT ?h WHERE { ?a <http://schema.org/headline> ?h }")
        url = f"http://127.0.0.1:{port}/sparql?query={query}"
        deadline = time.monotonic() + 900
        body = None
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                req = urllib.request.Request(url, headers={
                    "Accept": "application/sparql-results+json"})
                with urllib.request.urlopen(req, timeout=10) as resp:
                    body = json.load(resp)
                break
            except OSError:
                time.sleep(1)
        assert body is not None, (proc.poll(), proc.stdout.read().decode()[-3000:]
                                  if proc.poll() is not None else "server never answered")
        headlines = [b["h"]["value"] for b in body["results"]["bindings"]]
        assert "Bangun Reputasi Labura, Kominfo Gelar Temu Konsultasi Bakohumas" in headlines
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/regulations",
                                    timeout=30) as resp:
            assert resp.status == 200
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


@pytest.mark.slow
def test_wheel_in_fresh_venv_carries_data_and_runs(tmp_path):
    """A wheel built from the repo, installed in a fresh venv, has ontology, shapes, schema."""
    repo = _copy_repo(tmp_path / "repo")
    dist = tmp_path / "dist"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(dist),
                    str(repo)], check=True, timeout=600)
    wheel = next(dist.glob("infopublik_ld-*.whl"))
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    py = env_dir / "bin" / "python"
    subprocess.run([str(py), "-m", "pip", "install", "-q", "--disable-pip-version-check",
                    str(wheel)], check=True, timeout=900)
    shutil.rmtree(repo)  # nothing may come from the source tree
    work = tmp_path / "work"
    work.mkdir()
    example = ROOT / "examples" / "labura-bakohumas-2019.json"
    exe = str(env_dir / "bin" / "infopublik-ld")
    env = {k: v for k, v in os.environ.items() if not k.startswith("INFOPUBLIK_")}

    def run(*args):
        return subprocess.run([exe, *args], cwd=work, env=env, capture_output=True, text=True,
                              timeout=300)

    assert run("--help").returncode == 0
    out = run("validate", str(example))
    assert out.returncode == 0, out.stderr
    out = run("convert", str(example), "-o", "x.ttl")
    assert out.returncode == 0, out.stderr
    assert len(Graph().parse(work / "x.ttl")) > 100
    check = subprocess.run([str(py), "-c", (
        "from infopublik_ld.resources import data_dir; import infopublik_ld.records.schema as s;"
        "print(data_dir('ontology'), data_dir('shapes'), s.SCHEMA_PATH.is_file())")],
        cwd=work, capture_output=True, text=True, check=True)
    assert "site-packages" in check.stdout and check.stdout.strip().endswith("True")
    for command in re.findall(r"`infopublik-ld ([a-z][a-z-]*)", README):
        assert run(command, "--help").returncode == 0, command
