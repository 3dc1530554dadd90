"""Installs are reproducible: every dependency is pinned in constraints.txt, and a brand-new
virtual environment made the README's way can import everything the tests and benchmarks import."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
import tomllib
import venv

import pytest

from .conftest import ROOT

_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*")


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _requirement_names(requirements: list[str]) -> set[str]:
    return {_canonical(_NAME.match(req.strip()).group(0)) for req in requirements}


def _constraints() -> dict[str, str]:
    pins = {}
    for line in (ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            name, _, version = line.partition("==")
            assert version, f"constraints.txt: {line!r} is not pinned with =="
            pins[_canonical(name)] = version
    return pins


def test_every_dependency_is_pinned():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = _requirement_names(project["dependencies"])
    for extra in project["optional-dependencies"].values():
        wanted |= _requirement_names(extra)
    missing = sorted(wanted - set(_constraints()))
    assert not missing, f"add to constraints.txt (pip freeze of a passing venv): {missing}"


def _top_level_imports(paths) -> set[str]:
    names = set()
    for path in paths:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.add(node.module.split(".")[0])
    return names


def _third_party_imports() -> set[str]:
    files = [*ROOT.glob("tests/*.py"), *ROOT.glob("benchmarks/*.py"),
             *ROOT.glob("src/infopublik_ld/**/*.py")]
    local = {p.stem for p in ROOT.glob("benchmarks/*.py")} | {"infopublik_ld", "tests"}
    return {name for name in _top_level_imports(files)
            if name not in sys.stdlib_module_names and name not in local}


@pytest.mark.slow
def test_readme_install_in_a_new_venv_imports_everything(tmp_path):
    """The README's install line (with constraints.txt) in a venv that has never seen the project:
    pip check is clean and every third-party module the code imports is there."""
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    py = str(env_dir / "bin" / "python")
    install = subprocess.run(
        [py, "-m", "pip", "install", "-q", "--disable-pip-version-check", "-c",
         str(ROOT / "constraints.txt"), f"{ROOT}[test]"],
        capture_output=True, text=True, timeout=900)
    assert install.returncode == 0, install.stderr[-3000:]
    check = subprocess.run([py, "-m", "pip", "check"], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout
    modules = sorted(_third_party_imports())
    probe = subprocess.run(
        [py, "-c", "import importlib, sys\n"
         "bad = []\n"
         "for m in sys.argv[1:]:\n"
         "    try: importlib.import_module(m)\n"
         "    except Exception as e: bad.append(f'{m}: {e}')\n"
         "print('\\n'.join(bad)); sys.exit(1 if bad else 0)", *modules],
        capture_output=True, text=True, cwd=tmp_path, timeout=300)
    assert probe.returncode == 0, f"not installed by the README's command:\n{probe.stdout}"
    freeze = subprocess.run([py, "-m", "pip", "freeze"], capture_output=True, text=True).stdout
    versions = dict(_canonical(k) and (_canonical(k), v) for k, v in
                    (line.split("==", 1) for line in freeze.splitlines() if "==" in line))
    assert versions.get("pytest") == _constraints()["pytest"]


def test_the_package_says_the_version_it_was_installed_as():
    """pyproject.toml takes the version from ``infopublik_ld.__version__`` (no
    importlib.metadata at start-up): the two cannot drift apart."""
    from importlib.metadata import version

    import infopublik_ld

    assert version("infopublik-ld") == infopublik_ld.__version__
    assert "version" not in tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
