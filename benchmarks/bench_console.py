"""Officer console benchmark: paste-to-draft and console publish, as ratios in one run.

    python benchmarks/bench_console.py [--store 10000] [--runs 30] [--publishes 15]

1. Paste-to-draft (``POST /kelola/baru`` through the app, in process: CSRF, extraction,
   draft kept in the private bookkeeping, redirect) for the seed release and for a ~20 kB
   release, p50 against ``extract_text`` of the same text in process (target: under 2×).
   The review page's render (validation, SHACL, form, highlighting) is reported beside it.
2. Publish of one release from the console (``POST /kelola/draf/{id}`` with
   ``action=publish``: save, JSON Schema + SHACL, publish through
   ``publishing.publish``, audit) on a store of ``--store`` generated releases: p50 and p99
   against ``publishing.publish`` of the same record from a file (what ``infopublik-ld
   publish`` calls) and against the ``infopublik-ld publish`` command itself, in the same run.

Results go to stdout and ``benchmarks/out/bench_console.json``. The machine is shared:
compare the ratios, not the seconds.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from tests.consolekit import SEED_TEXT, csrf_of, login, make_console  # noqa: E402
from tests.sites import write_generated  # noqa: E402

OUT = ROOT / "benchmarks" / "out"


def pct(values: list[float], q: float) -> float:
    """The ``q`` quantile (nearest rank) of ``values``, in milliseconds."""
    ordered = sorted(values)
    return round(1000 * ordered[min(len(ordered) - 1, int(q * len(ordered)))], 2)


def long_release(target: int = 20_000) -> str:
    """A ~20 kB release: the seed release's body repeated under its own headline."""
    lines = SEED_TEXT.read_text(encoding="utf-8").splitlines()
    head, body = lines[:2], lines[2:]
    out = list(head)
    while len("\n".join(out).encode()) < target:
        out += body
    return "\n".join(out)


def paste_to_draft(client, text: str, runs: int) -> dict:
    from infopublik_ld.records.extract import extract_text

    token = csrf_of(client.get("/kelola/").text)
    # the body as a browser sends it, encoded once (the test client's own encoding of a form
    # is not the server's cost)
    body = urlencode({"csrf_token": token, "text": text}).encode()
    console_t, extract_t, review_t = [], [], []
    for _ in range(runs):
        t0 = time.perf_counter()
        r = client.post("/kelola/baru", data=body,
                        content_type="application/x-www-form-urlencoded")
        console_t.append(time.perf_counter() - t0)
        assert r.status_code == 302, r.text[:300]
        t0 = time.perf_counter()
        assert client.get(r.headers["Location"]).status_code == 200
        review_t.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        extract_text(text)
        extract_t.append(time.perf_counter() - t0)
    return {"bytes": len(text.encode()), "runs": runs,
            "console_p50_ms": pct(console_t, .5), "extract_p50_ms": pct(extract_t, .5),
            "ratio_p50": round(statistics.median(console_t) / statistics.median(extract_t), 2),
            "review_page_p50_ms": pct(review_t, .5)}


def publish_compare(console, client, n: int) -> dict:
    from infopublik_ld import publishing
    from tests.consolekit import read_form

    record = json.loads((ROOT / "examples" / "labura-bakohumas-2019.json").read_text())
    work = Path(tempfile.mkdtemp(prefix="bench-console-"))
    web_t, fn_t, cli_t = [], [], []
    for i in range(n):
        # console: a draft of a new release, published from its review form
        rec = {**record, "id": f"bench-console-{i}"}
        draft = console.book.new_draft("sari", rec)
        url = f"/kelola/draf/{draft}"
        page = client.get(url).text
        form = read_form(page)
        data = {**form.data, "csrf_token": csrf_of(page), "action": "publish",
                "accept": form.accept}
        t0 = time.perf_counter()
        r = client.post(url, data=data)
        web_t.append(time.perf_counter() - t0)
        assert r.status_code == 200 and "(added)" in r.text, r.text[:500]
        # the CLI's function, in process, on the same record
        path = work / f"cli-{i}.json"
        path.write_text(json.dumps({**record, "id": f"bench-cli-{i}"}, ensure_ascii=False))
        t0 = time.perf_counter()
        res = publishing.publish(console.settings, [path], workers=1)
        fn_t.append(time.perf_counter() - t0)
        assert res.added
        # the command itself (a new process: interpreter start and imports included)
        path = work / f"cmd-{i}.json"
        path.write_text(json.dumps({**record, "id": f"bench-cmd-{i}"}, ensure_ascii=False))
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-c", "from infopublik_ld.cli import main; main()",
                        "--data",
                        str(console.settings.data_dir), "publish", "--no-dumps", "--workers",
                        "1", str(path)], check=True, capture_output=True)
        cli_t.append(time.perf_counter() - t0)
    return {"publishes": n,
            "console_p50_ms": pct(web_t, .5), "console_p99_ms": pct(web_t, .99),
            "function_p50_ms": pct(fn_t, .5), "function_p99_ms": pct(fn_t, .99),
            "command_p50_ms": pct(cli_t, .5), "command_p99_ms": pct(cli_t, .99),
            "ratio_p50_vs_function": round(statistics.median(web_t) / statistics.median(fn_t),
                                           2),
            "ratio_p99_vs_function": round(max(web_t) / max(fn_t), 2),
            "ratio_p50_vs_command": round(statistics.median(web_t) / statistics.median(cli_t),
                                          2)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--store", type=int, default=10_000, help="releases in the store")
    ap.add_argument("--runs", type=int, default=30, help="paste-to-draft repetitions")
    ap.add_argument("--publishes", type=int, default=15, help="publishes of each kind")
    args = ap.parse_args()
    from infopublik_ld import publishing
    from infopublik_ld.web.executor import close_executor

    root = Path(tempfile.mkdtemp(prefix="bench-console-"))
    console = make_console(root)
    t0 = time.perf_counter()
    if args.store:
        corpus = write_generated(root / "generated.jsonl", args.store)
        res = publishing.publish(console.settings, [corpus])
        assert not res.failed
    built = time.perf_counter() - t0
    app = console.app()
    client = app.test_client()
    login(client)
    report = {"store_releases": args.store, "store_build_s": round(built, 1),
              "paste_seed": paste_to_draft(client, SEED_TEXT.read_text(encoding="utf-8"),
                                           args.runs),
              "paste_20kB": paste_to_draft(client, long_release(), args.runs)}
    print(json.dumps(report, indent=1), flush=True)
    report["publish"] = publish_compare(console, client, args.publishes)
    close_executor(app)
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "bench_console.json").write_text(json.dumps(report, indent=1))
    print(json.dumps(report["publish"], indent=1))


if __name__ == "__main__":
    main()
