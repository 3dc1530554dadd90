"""`infopublik-ld serve`: a real server in a subprocess; new versions without restart."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests

from infopublik_ld.publishing import publish

from .servers import _wait_ready, descendants, proc_stat, running_server
from .sites import build_site, write_generated

COUNT = "SELECT (COUNT(DISTINCT ?a) AS ?n) { ?a a <http://schema.org/NewsArticle> }"


def count(url: str) -> tuple[int, str]:
    resp = requests.get(url + "sparql", params={"query": COUNT}, timeout=30,
                        headers={"Accept": "text/csv"})
    assert resp.status_code == 200, resp.text
    return int(resp.text.split()[1]), resp.headers["ETag"]


def test_serve_picks_up_a_new_version_without_restart(tmp_path):
    settings = build_site(tmp_path, 3)
    with running_server(settings.data_dir, "--threads", "4", "--query-workers", "2") as url:
        before, tag = count(url)
        assert before == 4  # the example + 3 generated
        head = requests.get(url + "sparql", params={"query": COUNT}, timeout=30)
        assert "werkzeug" not in head.headers.get("Server", "").lower()
        result = publish(settings, [write_generated(tmp_path / "more.jsonl", 2, start=3)])
        assert not result.failed and result.version is not None
        after, new_tag = count(url)
        assert after == 6 and new_tag != tag
        old = requests.get(url + "sparql", params={"query": COUNT}, timeout=30,
                           headers={"Accept": "text/csv", "If-None-Match": tag})
        assert old.status_code == 200  # the old ETag no longer matches
        same = requests.get(url + "sparql", params={"query": COUNT}, timeout=30,
                            headers={"Accept": "text/csv", "If-None-Match": new_tag})
        assert same.status_code == 304


def _ipv6_loopback() -> bool:
    import socket

    try:
        socket.create_server(("::1", 0), family=socket.AF_INET6).close()
    except OSError:
        return False
    return True


@pytest.mark.skipif(not _ipv6_loopback(), reason="no IPv6 loopback on this machine")
@pytest.mark.parametrize("processes", ["1", "2"])
def test_serve_listens_on_an_ipv6_address(tmp_path, processes):
    """`--host ::1` (and `::`) bind IPv6, with one server process and with several (the
    several-process path once bound IPv4 only and failed on such a host)."""
    settings = build_site(tmp_path, 1)
    with running_server(settings.data_dir, "--host", "::1", "--processes", processes,
                        "--query-workers", "1") as url:
        assert url.startswith("http://[::1]:")
        assert count(url)[0] == 2


def test_serve_refuses_a_data_dir_that_was_never_initialised(cli, tmp_path):
    from click.testing import CliRunner

    from infopublik_ld.cli import main

    res = CliRunner().invoke(main, ["--lang", "en", "--data", str(tmp_path / "nothing"),
                                    "serve", "--port", "0"])
    assert res.exit_code != 0
    assert "init" in res.output


@pytest.mark.parametrize("option", ["--host", "--port", "--threads", "--processes",
                                    "--query-workers", "--query-time-limit"])
def test_serve_help_names_its_options(cli, option):
    res = cli("serve", "--help")
    assert res.exit_code == 0 and option in res.output


def _gone(pids: set[int], timeout: float = 15) -> bool:
    """True once none of ``pids`` runs any more (gone, or a zombie)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if all((fields := proc_stat(p)) is None or fields[0] == "Z" for p in pids):
            return True
        time.sleep(0.1)
    return False


@pytest.mark.parametrize("how", [signal.SIGTERM, signal.SIGKILL])
def test_several_server_processes_share_the_socket_and_stop_together(tmp_path, how):
    """`--processes 2`: two server processes answer on one port; stopping the parent (even
    with SIGKILL) leaves no server process or query worker behind."""
    settings = build_site(tmp_path, 1)
    cmd = [sys.executable, "-c", "from infopublik_ld.cli import main; main()", "--lang", "en",
           "--data", str(settings.data_dir), "serve", "--port", "0", "--processes", "2",
           "--query-workers", "1"]
    proc = subprocess.Popen(cmd, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    try:
        url = _wait_ready(proc, 60)
        for _ in range(20):
            resp = requests.get(url + "sparql", params={"query": COUNT}, timeout=30,
                                headers={"Accept": "text/csv", "Connection": "close"})
            assert resp.status_code == 200
        family = descendants(proc.pid)
        servers = {p for p in family if int(proc_stat(p)[1]) == proc.pid}
        assert len(servers) == 2, servers
        assert len(family) >= 4  # two servers, each with a query worker (and a forkserver)
    finally:
        proc.send_signal(how)
        proc.wait(timeout=30)
    assert _gone(family), [p for p in family if os.path.exists(f"/proc/{p}")]


def test_client_concurrency_holds_across_server_processes(tmp_path):
    """client_concurrency = 2 over 2 processes: each allows 1, so of 3 queries sent at once
    at least one is refused (429), whichever process each connection reaches."""
    settings = build_site(tmp_path, 1)
    with open(settings.config_file, "a", encoding="utf-8") as fh:
        fh.write("\nclient_concurrency = 2\n")
    slow = ("SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }")
    with running_server(settings.data_dir, "--processes", "2", "--query-workers", "2",
                        "--query-time-limit", "3") as url:
        def ask(_):
            return requests.get(url + "sparql", params={"query": slow}, timeout=30,
                                headers={"Connection": "close"}).status_code

        with ThreadPoolExecutor(3) as pool:
            codes = list(pool.map(ask, range(3)))
    assert codes.count(429) >= 1, codes
    assert all(c in (429, 503) for c in codes), codes


def _serve_fails(settings) -> subprocess.CompletedProcess:
    res = subprocess.run([sys.executable, "-c", "from infopublik_ld.cli import main; main()",
                          "--lang", "en", "--data", str(settings.data_dir), "serve", "--port",
                          "0", "--processes", "2"], capture_output=True, text=True, timeout=60)
    assert res.returncode != 0
    assert "Traceback" not in res.stderr, res.stderr
    return res


def test_a_server_process_that_cannot_start_stops_serve_instead_of_respawning(tmp_path):
    settings = build_site(tmp_path, 0)
    shutil.rmtree(settings.data_dir / "versions" / "000001")  # the checkpoint it points to
    res = _serve_fails(settings)
    assert "error: version 1 is no longer kept / galat: versi 1 tidak disimpan lagi" \
        in res.stderr
    assert "server process stopped within" in res.stderr


def test_a_damaged_version_pointer_is_one_message_and_a_writer_repairs_it(tmp_path):
    from infopublik_ld.publishing import reindex
    from infopublik_ld.store import current_version

    settings = build_site(tmp_path, 0)
    pointer = settings.data_dir / "versions" / "current.json"
    pointer.write_text("{broken", encoding="utf-8")
    res = _serve_fails(settings)
    assert res.stderr.strip().splitlines() == [
        f"error: {pointer} is damaged (JSONDecodeError: Expecting property name enclosed in "
        "double quotes: line 1 column 2 (char 1)); any command that writes rewrites it from "
        "the store, e.g. `infopublik-ld reindex`"]
    reindex(settings)
    assert current_version(settings).number == 1
