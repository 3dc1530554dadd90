"""End to end: the query page in a real headless Chromium against a real ``serve``.

Type a query, run it, see the rows. Skipped only when Chromium or its driver is absent.
"""

from __future__ import annotations

import shutil

import pytest

from .servers import running_server

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
DRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
QUERY = """PREFIX schema: <http://schema.org/>
SELECT ?name ?text WHERE {
  ?quote schema:creator ?person ; schema:text ?text .
  ?person schema:name ?name .
  FILTER(?name = "Sugeng")
}"""

pytestmark = pytest.mark.skipif(not (shutil.which("chromium") and shutil.which("chromedriver")),
                                reason="chromium and chromedriver (Debian) are not installed")


@pytest.fixture
def browser(tmp_path):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 f"--user-data-dir={tmp_path / 'profile'}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(options=options, service=Service(executable_path=DRIVER))
    driver.set_page_load_timeout(60)
    yield driver
    driver.quit()


def test_type_a_query_run_it_see_the_rows(browser, small_site):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    with running_server(small_site.data_dir) as url:
        browser.get(url + "sparql?lang=en")
        assert browser.find_element(By.ID, "run").text == "Run"
        editor = browser.find_element(By.ID, "query")
        editor.clear()
        editor.send_keys(QUERY)
        browser.find_element(By.ID, "run").click()
        wait = WebDriverWait(browser, 30)
        wait.until(ec.visibility_of_element_located((By.CSS_SELECTOR, "#results tbody tr")))
        headers = [th.text for th in browser.find_elements(By.CSS_SELECTOR, "#results th")]
        assert headers == ["name", "text"]
        rows = browser.find_elements(By.CSS_SELECTOR, "#results tbody tr")
        assert len(rows) == 1
        cells = rows[0].find_elements(By.TAG_NAME, "td")
        assert cells[0].text == "Sugeng" and cells[1].text.startswith("Tujuan dari kegiatan")
        assert "1 rows" in browser.find_element(By.ID, "status").text
        link = browser.find_element(By.CSS_SELECTOR, '#result-downloads a[data-format="csv"]')
        assert "format=csv" in link.get_attribute("href") and "Sugeng" in link.get_attribute(
            "href")

        # a broken query: the endpoint's message is shown, no table
        editor.clear()
        editor.send_keys("SELECT * WHERE { ?s ?p }")
        browser.find_element(By.ID, "run").click()
        error = wait.until(ec.visibility_of_element_located((By.ID, "error")))
        assert error.text.startswith("400")
        assert not browser.find_element(By.ID, "results").is_displayed()
