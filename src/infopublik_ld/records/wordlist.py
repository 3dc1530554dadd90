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

__all__ = ["is_ordinary", "ordinary_words"]

_FILE = "words-id.txt"
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


@lru_cache(maxsize=32768)
def is_ordinary(word: str) -> bool:
    """True when ``word`` (any case) is an ordinary Indonesian word or a derived form of one."""
    low = word.lower().strip(".,;:'’")
    if not low.isalpha():
        return False
    words = ordinary_words()
    if low in words:
        return True
    # "-an" and "-i" alone end many names ("Rangkuti", "Setiawan"): only with a prefix
    bare = [low] + [low[: -len(x)] for x in _SUFFIXES[:4] if low.endswith(x)]
    stems = set(bare[1:])
    for stem in bare + [low[: -len(x)] for x in _SUFFIXES[4:] if low.endswith(x)]:
        for prefix, first in _PREFIXES:
            if stem.startswith(prefix) and len(stem) - len(prefix) >= 3:
                stems.add(first + stem[len(prefix):])
    return any(len(s) >= 3 and s in words for s in stems)


def build(wheel: Path) -> list[str]:
    """Derive the word list from an nlp-id wheel: the sorted lower-case words."""
    with zipfile.ZipFile(wheel) as zf:
        roots = zf.read("nlp_id/data/root-word.txt").decode("utf-8").split()
        tagged = zf.read("nlp_id/data/dataset_postag.txt").decode("utf-8")
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
    return sorted(w for w in words - names if len(w) >= 2)


def main(argv: list[str] | None = None) -> int:
    """Write ``data/words-id.txt`` from the nlp-id wheel named on the command line."""
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print(__doc__.strip().splitlines()[-1].strip(), file=sys.stderr)
        return 2
    words = build(Path(args[0]))
    target = Path(__file__).parent / "data" / _FILE
    header = "# Ordinary Indonesian words, derived from nlp-id 0.1.23.0 (MIT); see words-id-SOURCE.md\n"
    target.write_text(header + "\n".join(words) + "\n", encoding="utf-8")
    print(f"{target}: {len(words)} words")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
