"""Per-field precision, recall and F1 of the release extractor on a labelled corpus, and the
macro-F1 over its 17 fields.

A corpus is a folder (default ``tests/data/releases/``; ``--corpus DIR`` for another, e.g.
``tests/data/releases-unseen/``): ``NNN-slug.txt`` (or ``.html``) with its gold record
``NNN-slug.json``, and ``split.json`` (``{"tune": [...], "holdout": [...]}``). The holdout part is
never tuned on: its figure is the honest one, and ``--details`` refuses it.

The 17 fields: the 14 below, where "dates" counts the publication, start and end dates
together, plus each of those three on its own ("date published", "start date", "end date").

    python benchmarks/eval_extraction.py                 # tune, holdout and all
    python benchmarks/eval_extraction.py --split tune --details
    python benchmarks/eval_extraction.py --corpus tests/data/releases-unseen --json
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Callable, Iterable
from pathlib import Path

from infopublik_ld.records.extract import extract_file

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "data" / "releases"
TARGETS = {"dates": 0.95, "person names": 0.95, "degrees": 0.95, "regulations": 0.95,
           "quote speakers": 0.95}
DEFAULT_TARGET = 0.85


def norm(value: object) -> str:
    """Case-folded text with spaces collapsed and end punctuation dropped."""
    text = " ".join(str(value).split()).casefold()
    return text.strip(" .,;:*\"'“”")


def _names(record: dict) -> dict[str, str]:
    return {p["id"]: norm(p["name"]) for p in record.get("people", [])}


def _quote_key(text: str) -> str:
    words = re.sub(r"[^\w\s]", "", norm(text)).split()
    return " ".join(words[:6])


def _title(r: dict) -> Iterable:
    return [norm(r["headline"])] if r.get("headline") else []


def _dates(r: dict) -> Iterable:
    out = []
    if r.get("date_published"):
        out.append(("published", r["date_published"][:10]))
    ev = r.get("event") or {}
    for key in ("start_date", "end_date"):
        if ev.get(key):
            out.append((key, ev[key][:10]))
    return out


def _date_of(kind: str) -> Callable[[dict], Iterable]:
    def get(r: dict) -> Iterable:
        return [d for d in _dates(r) if d[0] == kind]
    return get


def _single(path: tuple[str, ...]) -> Callable[[dict], Iterable]:
    def get(r: dict) -> Iterable:
        value: object = r
        for key in path:
            value = value.get(key) if isinstance(value, dict) else None
        return [norm(value)] if value else []
    return get


def _people(field: str | None) -> Callable[[dict], Iterable]:
    def get(r: dict) -> Iterable:
        out = []
        for p in r.get("people", []):
            name = norm(p["name"])
            if field is None:
                out.append(name)
            elif field in ("honorific_prefixes", "honorific_suffixes"):
                out += [(name, v) for v in p.get(field, [])]
            elif p.get(field):
                out.append((name, p[field]))
        return out
    return get


def _speakers(r: dict) -> Iterable:
    names = _names(r)
    return [(_quote_key(q["text"]), names.get(q.get("speaker", ""), ""))
            for q in r.get("quotes", [])]


def _representations(r: dict) -> Iterable:
    names = _names(r)
    return [(names.get(x["represented"], ""), names.get(x["representative"], ""))
            for x in r.get("representations", [])]


def _regulations(r: dict) -> Iterable:
    return [(x["type"], str(x["number"]).replace(" ", ""), int(x["year"]))
            for x in r.get("regulations", [])]


def _credits(r: dict) -> Iterable:
    names = _names(r)
    c = r.get("credits") or {}
    return [(role, names.get(pid, pid)) for role in ("authors", "editors")
            for pid in c.get(role, [])]


FIELDS: dict[str, Callable[[dict], Iterable]] = {
    "title": _title,
    "dates": _dates,
    "dateline": _single(("dateline",)),
    "outlet": _single(("outlet",)),
    "venue": _single(("event", "venue")),
    "event kind": _single(("event", "event_type")),
    "person names": _people(None),
    "prefixes": _people("honorific_prefixes"),
    "degrees": _people("honorific_suffixes"),
    "offices": _people("office"),
    "quote speakers": _speakers,
    "representations": _representations,
    "regulations": _regulations,
    "credits": _credits,
    "date published": _date_of("published"),
    "start date": _date_of("start_date"),
    "end date": _date_of("end_date"),
}


def release_files(corpus: Path = CORPUS) -> dict[str, Path]:
    """Stem -> source file (.txt or .html) for every release with a gold record."""
    out = {}
    for gold in sorted(corpus.glob("*.json")):
        if gold.name == "split.json":
            continue
        for suffix in (".txt", ".html", ".htm"):
            if gold.with_suffix(suffix).exists():
                out[gold.stem] = gold.with_suffix(suffix)
                break
    return out


def splits(corpus: Path = CORPUS) -> dict[str, list[str]]:
    """``{"tune": stems, "holdout": stems, "all": stems}``."""
    files = release_files(corpus)
    split_file = corpus / "split.json"
    data = json.loads(split_file.read_text("utf-8")) if split_file.exists() else {}

    def stems(items: list[str]) -> list[str]:
        return [Path(i).stem if i.endswith((".txt", ".html", ".json")) else i for i in items]

    tune = [s for s in stems(data.get("tune", [])) if s in files]
    holdout = [s for s in stems(data.get("holdout", [])) if s in files]
    return {"tune": tune, "holdout": holdout, "all": sorted(files)}


def macro_f1(fields: dict[str, dict]) -> float:
    """The mean F1 over the fields of a :func:`score` result."""
    return round(sum(s["f1"] for s in fields.values()) / len(fields), 3)


def score(stems: list[str], corpus: Path = CORPUS, details: bool = False) -> dict[str, dict]:
    """Micro-averaged precision/recall/F1 per field over ``stems``."""
    files = release_files(corpus)
    counts = {f: [0, 0, 0] for f in FIELDS}  # tp, fp, fn
    for stem in stems:
        gold = json.loads(files[stem].with_suffix(".json").read_text("utf-8"))
        got = extract_file(files[stem]).record
        for field, get in FIELDS.items():
            g, p = list(get(gold)), list(get(got))
            remaining = list(g)
            tp = 0
            for item in p:
                if item in remaining:
                    remaining.remove(item)
                    tp += 1
            counts[field][0] += tp
            counts[field][1] += len(p) - tp
            counts[field][2] += len(remaining)
            if details and (len(p) - tp or remaining):
                extra = [x for x in p if x not in g]
                print(f"  {stem} {field}: missing {remaining} extra {extra}")
    out = {}
    for field, (tp, fp, fn) in counts.items():
        precision = tp / (tp + fp) if tp + fp else 1.0
        recall = tp / (tp + fn) if tp + fn else 1.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        out[field] = {"precision": round(precision, 3), "recall": round(recall, 3),
                      "f1": round(f1, 3), "support": tp + fn,
                      "target": TARGETS.get(field, DEFAULT_TARGET)}
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("tune", "holdout", "all"), action="append",
                        help="split(s) to score; default: tune, holdout and all")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--details", action="store_true",
                        help="list per-release errors (refused for the holdout split)")
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="corpus folder")
    args = parser.parse_args(argv)
    parts = splits(args.corpus)
    chosen = args.split or ["tune", "holdout", "all"]
    if args.details and "holdout" in chosen or args.details and "all" in chosen:
        parser.error("--details is only for --split tune (the holdout stays unseen)")
    results = {}
    for name in chosen:
        fields = score(parts[name], args.corpus, args.details)
        results[name] = {"releases": len(parts[name]), "macro_f1": macro_f1(fields),
                         "fields": fields}
    if args.json:
        json.dump(results, sys.stdout, indent=2)
        print()
        return 0
    for name, res in results.items():
        print(f"\n== {name} ({res['releases']} releases)")
        print(f"{'field':16} {'P':>6} {'R':>6} {'F1':>6} {'n':>5}  target")
        for field, s in res["fields"].items():
            flag = "ok" if s["f1"] >= s["target"] else "BELOW"
            print(f"{field:16} {s['precision']:6.3f} {s['recall']:6.3f} {s['f1']:6.3f} "
                  f"{s['support']:5d}  {s['target']:.2f} {flag}")
        print(f"{'macro-F1':16} {'':6} {'':6} {res['macro_f1']:6.3f} "
              f"{len(res['fields']):5d} fields")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
