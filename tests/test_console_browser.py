"""End to end: the officer console in a real headless Chromium against a real ``serve``.

Log in, paste the seed release, correct the date the extractor missed, accept the warnings,
publish, and find the article page; upload a .docx made with python-docx. Skipped only when
Chromium or its driver is absent. ``CONSOLE_SCREENSHOT=path`` saves the review form there
(docs/console-review.png was made so).
"""

from __future__ import annotations

import os
import shutil

import pytest

from .consolekit import PASSWORD, SEED_TEXT, make_console
from .servers import running_server
from .test_console_uploads import seed_docx
from .test_querypage_browser import browser  # noqa: F401  (the fixture)

pytestmark = pytest.mark.skipif(not (shutil.which("chromium") and shutil.which("chromedriver")),
                                reason="chromium and chromedriver (Debian) are not installed")


def _login(browser, url):  # noqa: F811
    from selenium.webdriver.common.by import By

    browser.implicitly_wait(20)  # a click that submits a form returns before the next page
    browser.get(url + "kelola/?lang=id")  # Indonesian; headless Chromium asks for English
    assert "/kelola/masuk" in browser.current_url
    browser.find_element(By.ID, "name").send_keys("sari")
    browser.find_element(By.ID, "password").send_keys(PASSWORD)
    browser.find_element(By.ID, "login").click()
    assert browser.find_element(By.ID, "extract").text == "Baca teks"


def test_paste_correct_accept_publish_and_find_the_article(browser, tmp_path):  # noqa: F811
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    console = make_console(tmp_path)
    base = console.settings.base_iri
    with running_server(console.settings.data_dir, "--processes", "1") as url:
        browser.set_window_size(1400, 1000)
        _login(browser, url)
        area = browser.find_element(By.ID, "text")
        area.send_keys(SEED_TEXT.read_text(encoding="utf-8"))
        browser.find_element(By.ID, "extract").click()
        WebDriverWait(browser, 30).until(ec.url_contains("/kelola/draf/"))
        verdict = browser.find_element(By.ID, "verdict").text
        assert "pelanggaran" in verdict.lower()
        # the missing date is marked next to its field; the source words are highlighted
        field = browser.find_element(By.ID, "f/date_published")
        assert "tidak ditemukan" in field.text
        assert browser.find_elements(By.CSS_SELECTOR, "#source mark.warned")
        if os.environ.get("CONSOLE_SCREENSHOT"):
            browser.save_screenshot(os.environ["CONSOLE_SCREENSHOT"])
        date = browser.find_element(By.ID, "in/date_published")
        date.send_keys("2019-09-04")
        boxes = browser.find_elements(By.CSS_SELECTOR, "input[name=accept]")
        assert boxes
        for box in boxes:  # the officer accepts each warning they read
            browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", box)
            box.click()
        publish = browser.find_element(By.ID, "publish")
        browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", publish)
        publish.click()
        assert "(added)" in browser.find_element(By.ID, "result").text
        link = browser.find_element(By.ID, "article-page").get_attribute("href")
        assert link.startswith(base + "doc/article/")
        browser.get(url + link[len(base):] + "?lang=id")
        assert "Bangun Reputasi Labura" in browser.find_element(By.TAG_NAME, "h1").text


def test_upload_a_docx(browser, tmp_path):  # noqa: F811
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    console = make_console(tmp_path)
    path = tmp_path / "rilis-bakohumas.docx"
    path.write_bytes(seed_docx())
    with running_server(console.settings.data_dir, "--processes", "1") as url:
        _login(browser, url)
        browser.find_element(By.ID, "file").send_keys(str(path))
        browser.find_element(By.ID, "upload").click()
        WebDriverWait(browser, 30).until(ec.url_contains("/kelola/draf/"))
        headline = browser.find_element(By.ID, "in/headline").get_attribute("value")
        assert "Bangun Reputasi Labura" in headline
        assert "rilis-bakohumas.docx" in browser.find_element(By.TAG_NAME, "main").text
