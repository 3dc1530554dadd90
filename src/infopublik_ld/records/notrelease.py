"""What is not a release text: records, tables, RDF and documents are refused by `extract`
with a clear message instead of being read as a press release."""

from __future__ import annotations

import json
import re
from pathlib import Path

from ..errors import InputError

__all__ = ["refuse_non_release", "refuse_suffix"]

#: suffixes of files that are records, tables, RDF or documents: never a release text.
_NOT_TEXT_SUFFIXES = {".json", ".jsonl", ".ndjson", ".csv", ".tsv", ".ttl", ".nt", ".nq", ".trig",
                      ".jsonld", ".rdf", ".owl", ".n3", ".xml", ".docx", ".doc", ".pdf", ".xlsx",
                      ".xls", ".odt", ".zip", ".gz"}
_RDF_START = re.compile(r"(?:@prefix|@base|PREFIX\s|BASE\s|<[^>\s]+>\s+<[^>\s]+>)", re.I)


def refuse_non_release(text: str, name: str = "input") -> None:
    """Raise :class:`InputError` when ``text`` is a JSON record, RDF or a CSV table rather than
    the text of a press release."""
    head = text.lstrip("\ufeff \t\r\n")[:4096]
    kind = None
    if head[:1] in "{[":
        try:
            json.loads(text)
            kind = ("JSON", "JSON")
        except ValueError:
            first = head.split("\n", 1)[0]
            if first.rstrip().endswith(("}", "},")) or first.strip() in ("{", "["):
                kind = ("JSON", "JSON")  # JSON Lines, or JSON broken further down
    elif _RDF_START.match(head):
        kind = ("RDF", "RDF")
    else:
        lines = [ln for ln in head.split("\n")[:5] if ln.strip()]
        # a table's rows follow each other and its header names short columns; paragraphs of
        # prose with as many commas ("Kayuagung, 13 Maret 2025 (Diskominfo OKI) - …, Ir. H. …,
        # M.Si., melepas …") are separated by blank lines and their "fields" are clauses
        consecutive = head.split("\n")[:len(lines)] == lines
        if len(lines) >= 2 and consecutive and all(ln.count(",") >= 3 for ln in lines) and len(
                {ln.count(",") for ln in lines[:-1]}) == 1 and '"' not in lines[0][:1] + "“" and (
                all(len(f.strip()) <= 40 for f in lines[0].split(","))):
            kind = ("a CSV table", "tabel CSV")
    if kind:
        raise InputError(
            f"{name} is {kind[0]}, not the text of a press release; `extract` reads .txt or "
            ".html releases (publish or validate records and RDF directly)",
            f"{name} berisi {kind[1]}, bukan teks siaran pers; `extract` membaca rilis .txt "
            "atau .html (rekaman dan RDF langsung di-publish atau di-validate)")


def refuse_suffix(path: Path) -> None:
    """Raise :class:`InputError` for a file whose suffix says it is a record, a table, RDF or
    a document."""
    if path.suffix.lower() in _NOT_TEXT_SUFFIXES:
        raise InputError(
            f"{path.name}: {path.suffix!r} files are not press-release texts; `extract` reads "
            ".txt or .html (publish or validate records and RDF directly)",
            f"{path.name}: berkas {path.suffix!r} bukan teks siaran pers; `extract` membaca "
            ".txt atau .html (rekaman dan RDF langsung di-publish atau di-validate)",
            where=path.name)
