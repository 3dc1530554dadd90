"""Ordinary Indonesian words: a capitalised word that is one of these is not, by itself, a name.

The list (``data/words-id.txt``) is derived from the data of nlp-id (MIT, kumparan; see
``data/words-id-SOURCE.md``): its root-word list, plus every word its part-of-speech corpus
writes in lower case, minus words that corpus mostly tags as proper nouns (given names such as
"Agus", "Bambang", "Sri" are Indonesian words too, but in news they are names). Derived forms
("pembangunan", "terpilih") are recognised by stripping the common affixes down to a listed root.

>>> is_ordinary("Upacara"), is_ordinary("Pembangunan"), is_ordinary("Hadir")
(True, True, True)
>>> is_ordinary("Kharuddin"), is_ordinary("Bambang")
(False, False)

Rebuild the list from the nlp-id wheel (``pip download --no-deps nlp-id==0.1.23.0``)::

    python -m infopublik_ld.records.wordlist nlp_id-0.1.23.0-py3-none-any.whl
"""

from __future__ import annotations

import sys
import zipfile
from collections import Counter
from functools import lru_cache
from importlib import resources
from pathlib import Path

__all__ = ["is_active_verb", "is_ordinary", "is_stopword", "ordinary_words"]

_FILE = "words-id.txt"
_STOP_FILE = "stopwords-id.txt"
# nasal prefixes and the first letter they replace (meN-: "menulis" <- "tulis")
_PREFIXES: tuple[tuple[str, str], ...] = (
    ("meny", "s"), ("peny", "s"), ("meng", "k"), ("peng", "k"), ("mem", "p"), ("pem", "p"),
    ("men", "t"), ("pen", "t"), ("meng", ""), ("peng", ""), ("mem", ""), ("pem", ""),
    ("men", ""), ("pen", ""), ("me", ""), ("pe", ""), ("ber", ""), ("be", ""), ("ter", ""),
    ("per", ""), ("di", ""), ("ke", ""), ("se", ""),
)
_SUFFIXES = ("nya", "lah", "kah", "kan", "an", "i")


@lru_cache(maxsize=1)
def ordinary_words() -> frozenset[str]:
    """The shipped word list (lower case), loaded once."""
    data = resources.files(__package__).joinpath("data", _FILE).read_text("utf-8")
    return frozenset(w for w in data.split("\n") if w and not w.startswith("#"))


@lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    data = resources.files(__package__).joinpath("data", _STOP_FILE).read_text("utf-8")
    return frozenset(w for w in data.split("\n") if w and not w.startswith("#"))


def is_stopword(word: str) -> bool:
    """True for a function word ("Selanjutnya", "Adapun", "Kemudian"): never part of a name."""
    return word.lower().strip(".,;:'’") in _stopwords()


@lru_cache(maxsize=32768)
def is_ordinary(word: str) -> bool:
    """True when ``word`` (any case) is an ordinary Indonesian word or a derived form of one."""
    low = word.lower().strip(".,;:'’")
    if "-" in low and low.replace("-", "").isalpha():
        return all(is_ordinary(part) for part in low.split("-") if part)  # "Undang-Undang"
    if not low.isalpha():
        return False
    words = ordinary_words()
    if low in words:
        return True
    # "-an" and "-i" alone end many names ("Rangkuti", "Setiawan"): only with a prefix
    bare = [low] + [low[: -len(x)] for x in _SUFFIXES[:4] if low.endswith(x)]
    stems = set(bare[1:])
    confixed = set()  # prefix and suffix both stripped: "ke-tenagakerja-an"
    for i, stem in enumerate(bare + [low[: -len(x)] for x in _SUFFIXES[4:] if low.endswith(x)]):
        for prefix, first in _PREFIXES:
            if stem.startswith(prefix) and len(stem) - len(prefix) >= 3:
                stems.add(first + stem[len(prefix):])
                if i and low.endswith("an") and not low.endswith("kan"):
                    confixed.add(first + stem[len(prefix):])
    if any(len(s) >= 3 and s in words for s in stems):
        return True
    # a compound root inside a confix ("Ketenagakerjaan", "Pendayagunaan"): names do not take
    # "ke-…-an" or "pe-…-an" around two ordinary words
    return any(s[:i] in words and s[i:] in words for s in confixed if len(s) >= 7
               for i in range(3, len(s) - 2))


@lru_cache(maxsize=8192)
def is_active_verb(word: str) -> bool:
    """True when ``word`` is an active verb: "meN-" on a listed root ("Mengaku" <- "aku",
    "Menanam" <- "tanam"); names do not begin with one. The root has four letters at least
    ("Mentari", "Melati" stay possible names)."""
    low = word.lower()
    if not low.isalpha() or not low.startswith("me"):
        return False
    words = ordinary_words()
    for prefix, first in _PREFIXES:
        if prefix.startswith("me") and prefix != "me" and low.startswith(prefix):
            root = first + low[len(prefix):]
            if len(root) >= 4 and (root in words or any(
                    root.endswith(x) and root[:-len(x)] in words for x in ("kan", "i"))):
                return True
    return False


def build(wheel: Path) -> tuple[list[str], list[str]]:
    """Derive the word list and the stop words from an nlp-id wheel (sorted, lower case)."""
    with zipfile.ZipFile(wheel) as zf:
        roots = zf.read("nlp_id/data/root-word.txt").decode("utf-8").split()
        tagged = zf.read("nlp_id/data/dataset_postag.txt").decode("utf-8")
        stop = zf.read("nlp_id/data/stopword.txt").decode("utf-8").split()
    proper: Counter[str] = Counter()
    lower: Counter[str] = Counter()
    for line in tagged.split("\n"):
        word, _tab, tag = line.rpartition("\t")
        if not word:
            continue
        if tag == "NNP":
            proper[word.lower()] += 1
        elif word.isalpha() and word.islower():
            lower[word] += 1
    words = {w.lower() for w in roots if w.isalpha()} | set(lower)
    # mostly a proper noun in news (a given name, a brand): not an ordinary word here
    names = {w for w, n in proper.items() if n >= 5 and n >= 4 * lower[w]}
    return sorted(w for w in words - names if len(w) >= 2), sorted({w.lower() for w in stop})


def main(argv: list[str] | None = None) -> int:
    """Write ``data/words-id.txt`` from the nlp-id wheel named on the command line."""
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print(__doc__.strip().splitlines()[-1].strip(), file=sys.stderr)
        return 2
    for name, words in zip((_FILE, _STOP_FILE), build(Path(args[0])), strict=True):
        target = Path(__file__).parent / "data" / name
        header = "# from nlp-id 0.1.23.0 (MIT); see words-id-SOURCE.md\n"
        target.write_text(header + "\n".join(words) + "\n", encoding="utf-8")
        print(f"{target}: {len(words)} words")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
