"""`infopublik-ld serve`: a real waitress server in a subprocess; new versions without restart."""

from __future__ import annotations

import pytest
import requests

from infopublik_ld.publishing import publish

from .servers import running_server
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


def test_serve_refuses_a_data_dir_that_was_never_initialised(cli, tmp_path):
    from click.testing import CliRunner

    from infopublik_ld.cli import main

    res = CliRunner().invoke(main, ["--lang", "en", "--data", str(tmp_path / "nothing"),
                                    "serve", "--port", "0"])
    assert res.exit_code != 0
    assert "init" in res.output


@pytest.mark.parametrize("option", ["--host", "--port", "--threads", "--query-workers",
                                    "--query-time-limit"])
def test_serve_help_names_its_options(cli, option):
    res = cli("serve", "--help")
    assert res.exit_code == 0 and option in res.output
