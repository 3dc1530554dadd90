"""Locate the files the package ships: ontology, shapes, JSON Schema, queries.

In a built wheel they live under ``infopublik_ld/_data/``; in a source checkout
(editable install or tests) they are the top-level folders of the repository.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


@cache
def data_dir(name: str) -> Path:
    """Return the directory holding shipped data ``name`` (``ontology``, ``shapes``).

    Raises ``FileNotFoundError`` when the installation is incomplete.
    """
    for candidate in (_PACKAGE / "_data" / name, _PACKAGE.parents[1] / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"shipped data folder {name!r} not found next to {_PACKAGE}")


def package_file(*parts: str) -> Path:
    """Return a file that lives inside the Python package itself."""
    return _PACKAGE.joinpath(*parts)
