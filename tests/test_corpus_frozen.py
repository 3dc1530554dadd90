"""The unseen-release corpus (tests/data/releases-unseen/) is frozen and well-formed.

SOURCE.md records the SHA-256 of SHA256SUMS; SHA256SUMS lists the SHA-256 of every other file in
the folder. Any edited, added or removed file fails here. split.json covers every release exactly
once with a third (rounded up) in the holdout, and every gold record is valid against the record
schema apart from the regulation field `issuer_code`, which the schema does not know yet.
"""

from __future__ import annotations

import copy
import hashlib
import json
import math
import re
from pathlib import Path

import pytest

from infopublik_ld.records.schema import check_record

CORPUS = Path(__file__).parent / "data" / "releases-unseen"
SUMS = CORPUS / "SHA256SUMS"
SOURCE = CORPUS / "SOURCE.md"
# SOURCE.md holds the hash of SHA256SUMS, so it cannot also be listed in it.
UNLISTED = {"SHA256SUMS", "SOURCE.md"}


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _listed() -> dict[str, str]:
    entries: dict[str, str] = {}
    for line in SUMS.read_text(encoding="ascii").splitlines():
        digest, name = line.split(maxsplit=1)
        name = name.lstrip("*")
        assert name not in entries, f"{name} listed twice"
        entries[name] = digest
    return entries


def _stems() -> list[str]:
    return sorted(p.stem for p in CORPUS.iterdir() if p.suffix in (".txt", ".html"))


def test_source_records_the_hash_of_sha256sums():
    digest = _sha256(SUMS)
    recorded = re.findall(r"\b[0-9a-f]{64}\b", SOURCE.read_text(encoding="utf-8"))
    assert digest in recorded, f"SOURCE.md does not record SHA256SUMS's hash {digest}"


def test_sha256sums_is_sorted():
    names = list(_listed())
    assert names == sorted(names)


def test_every_file_is_listed_and_unchanged():
    present = {p.name for p in CORPUS.iterdir() if p.is_file()} - UNLISTED
    listed = _listed()
    assert not sorted(present - listed.keys()), "files added since the corpus was frozen"
    assert not sorted(listed.keys() - present), "files removed since the corpus was frozen"
    changed = sorted(n for n, d in listed.items() if _sha256(CORPUS / n) != d)
    assert not changed, f"files changed since the corpus was frozen: {changed}"
    assert not [p for p in CORPUS.iterdir() if p.is_dir()], "subfolders are not part of the corpus"


def test_every_release_has_text_and_gold():
    stems = _stems()
    assert len(stems) >= 63
    assert len(stems) == len(set(stems)), "a release has both a .txt and an .html text"
    golds = sorted(p.stem for p in CORPUS.glob("*.json") if p.name != "split.json")
    assert golds == stems


def test_split_covers_every_release_once_with_a_third_in_holdout():
    split = json.loads((CORPUS / "split.json").read_text(encoding="utf-8"))
    assert set(split) == {"tune", "holdout"}
    together = split["tune"] + split["holdout"]
    assert len(together) == len(set(together)), "a release is in the split twice"
    assert sorted(together) == _stems()
    assert len(split["holdout"]) == math.ceil(len(together) / 3)


@pytest.mark.parametrize("stem", _stems())
def test_gold_record_is_valid_apart_from_issuer_code(stem):
    gold = json.loads((CORPUS / f"{stem}.json").read_text(encoding="utf-8"))
    assert gold["id"] == stem
    record = copy.deepcopy(gold)
    for regulation in record.get("regulations", []):
        regulation.pop("issuer_code", None)
    # A release that states no publication date has none in its gold record; the schema needs one.
    record.setdefault("headline", "(tanpa judul)")
    record.setdefault("date_published", "2000-01-01")
    check_record(record)
