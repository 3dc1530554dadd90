"""Home page (recent releases, counts, search), sitemap, robots.txt; one screenshot of the seed
article in Debian's headless Chromium."""

from __future__ import annotations

import shutil
import socket
import subprocess
import threading
import xml.etree.ElementTree as ET

import pytest
from werkzeug.serving import make_server

from infopublik_ld.web import create_app

from .htmlcheck import check_html

SEED = "2019-09-04-bangun-reputasi-labura-kominfo-gelar-temu-konsultasi-bakohumas"
SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture(scope="module")
def client(small_site):
    return create_app(small_site).test_client()


@pytest.mark.parametrize("lang", ["id", "en"])
def test_home_lists_recent_releases_and_counts(client, lang):
    r = client.get(f"/?lang={lang}", headers={"Accept": "text/html"})
    html = r.get_data(as_text=True)
    assert r.status_code == 200 and check_html(html) == []
    assert html.count('<a href="/doc/article/') >= 20
    assert "301 " + ("artikel" if lang == "id" else "articles") in html
    assert f'lang="{lang}"' in html


def test_home_search_uses_the_full_text_index(client):
    html = client.get("/?q=bakohumas+labura", headers={"Accept": "text/html"}).get_data(True)
    assert check_html(html) == []
    assert f'href="/doc/article/{SEED}"' in html.split('class="results"')[1]
    none = client.get("/?q=zzzqqqxxx&lang=en").get_data(True)
    assert "No release matches." in none


def test_sitemap_and_robots(client, small_site):
    index = ET.fromstring(client.get("/sitemap.xml").data)
    locs = [e.text for e in index.iter(SM + "loc")]
    assert locs == [small_site.base_iri + "sitemap-0.xml"]
    urls = [e.text for e in ET.fromstring(client.get("/sitemap-0.xml").data).iter(SM + "loc")]
    assert small_site.base_iri + f"doc/article/{SEED}" in urls
    assert len(urls) == 301 + 2
    assert client.get("/sitemap-5.xml").status_code == 404
    robots = client.get("/robots.txt").get_data(as_text=True)
    assert f"Sitemap: {small_site.base_iri}sitemap.xml" in robots
    assert "Disallow: /sparql" in robots


CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


@pytest.mark.skipif(not shutil.which(CHROMIUM), reason="Debian's chromium is needed")
def test_seed_article_renders_in_headless_chromium(small_site, tmp_path):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = make_server("127.0.0.1", port, create_app(small_site), threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    shot = tmp_path / "article.png"
    try:
        subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu",
                        "--disable-background-networking", "--disable-component-update",
                        "--disable-sync", "--no-first-run",
                        f"--user-data-dir={tmp_path / 'profile'}", f"--screenshot={shot}",
                        "--window-size=1200,1600", f"http://127.0.0.1:{port}/id/article/{SEED}"],
                       check=True, capture_output=True, timeout=120)
    finally:
        server.shutdown()
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert (width, height) == (1200, 1600)
    assert len(data) > 50_000   # a page of text, not a blank or error screen
    keep = small_site.data_dir.parent / "seed-article.png"
    shutil.copy(shot, keep)
