"""The unseen-release corpora (tests/data/releases-unseen/ and releases-unseen-N/) are frozen.

Each corpus's SOURCE.md records the SHA-256 of its SHA256SUMS; SHA256SUMS lists the SHA-256 of
every other file in the folder. Any edited, added or removed file fails here. split.json covers
every release exactly once: the first corpus keeps a third (rounded up) in the holdout, the
second and later corpora are holdout only. Every gold record is valid against the record
schema apart from the regulation field `issuer_code`, which the first corpus's test has always
stripped.
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

DATA = Path(__file__).parent / "data"
# folder -> (fewest releases, how many of them the holdout must hold)
CORPORA = {
    "releases-unseen": (63, lambda n: math.ceil(n / 3)),
    "releases-unseen-2": (36, lambda n: n),
    "releases-unseen-3": (45, lambda n: n),
    "releases-unseen-4": (45, lambda n: n),
    "releases-unseen-5": (45, lambda n: n),
    "releases-unseen-6": (45, lambda n: n),
    "releases-unseen-7": (45, lambda n: n),
    "releases-unseen-8": (45, lambda n: n),
    "releases-unseen-9": (30, lambda n: n),
    "releases-unseen-10": (45, lambda n: n),
    "releases-unseen-11": (45, lambda n: n),
    "releases-unseen-12": (45, lambda n: n),
    "releases-unseen-13": (60, lambda n: n),
    "releases-unseen-14": (60, lambda n: n),
    "releases-unseen-15": (60, lambda n: n),
    "releases-unseen-16": (60, lambda n: n),
}
# SOURCE.md holds the hash of SHA256SUMS, so it cannot also be listed in it.
UNLISTED = {"SHA256SUMS", "SOURCE.md"}


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _listed(corpus: Path) -> dict[str, str]:
    entries: dict[str, str] = {}
    for line in (corpus / "SHA256SUMS").read_text(encoding="ascii").splitlines():
        digest, name = line.split(maxsplit=1)
        name = name.lstrip("*")
        assert name not in entries, f"{name} listed twice"
        entries[name] = digest
    return entries


def _stems(corpus: Path) -> list[str]:
    return sorted(p.stem for p in corpus.iterdir() if p.suffix in (".txt", ".html"))


@pytest.fixture(params=sorted(CORPORA))
def corpus(request) -> Path:
    return DATA / request.param


def test_source_records_the_hash_of_sha256sums(corpus):
    digest = _sha256(corpus / "SHA256SUMS")
    recorded = re.findall(r"\b[0-9a-f]{64}\b", (corpus / "SOURCE.md").read_text(encoding="utf-8"))
    assert digest in recorded, f"{corpus.name}/SOURCE.md does not record SHA256SUMS's hash {digest}"


def test_sha256sums_is_sorted(corpus):
    names = list(_listed(corpus))
    assert names == sorted(names)


def test_every_file_is_listed_and_unchanged(corpus):
    present = {p.name for p in corpus.iterdir() if p.is_file()} - UNLISTED
    listed = _listed(corpus)
    assert not sorted(present - listed.keys()), "files added since the corpus was frozen"
    assert not sorted(listed.keys() - present), "files removed since the corpus was frozen"
    changed = sorted(n for n, d in listed.items() if _sha256(corpus / n) != d)
    assert not changed, f"files changed since the corpus was frozen: {changed}"
    assert not [p for p in corpus.iterdir() if p.is_dir()], "subfolders are not part of the corpus"


def test_every_release_has_text_and_gold(corpus):
    stems = _stems(corpus)
    assert len(stems) >= CORPORA[corpus.name][0]
    assert len(stems) == len(set(stems)), "a release has both a .txt and an .html text"
    golds = sorted(p.stem for p in corpus.glob("*.json") if p.name != "split.json")
    assert golds == stems


def test_split_covers_every_release_once_with_the_holdout_share(corpus):
    split = json.loads((corpus / "split.json").read_text(encoding="utf-8"))
    assert set(split) == {"tune", "holdout"}
    together = split["tune"] + split["holdout"]
    assert len(together) == len(set(together)), "a release is in the split twice"
    assert sorted(together) == _stems(corpus)
    assert len(split["holdout"]) == CORPORA[corpus.name][1](len(together))


@pytest.mark.parametrize(
    ("folder", "stem"),
    [(folder, stem) for folder in sorted(CORPORA) for stem in _stems(DATA / folder)],
)
def test_gold_record_is_valid_apart_from_issuer_code(folder, stem):
    gold = json.loads((DATA / folder / f"{stem}.json").read_text(encoding="utf-8"))
    assert gold["id"] == stem
    record = copy.deepcopy(gold)
    for regulation in record.get("regulations", []):
        regulation.pop("issuer_code", None)
    # A release that states no publication date has none in its gold record; the schema needs one.
    record.setdefault("headline", "(tanpa judul)")
    record.setdefault("date_published", "2000-01-01")
    check_record(record)
