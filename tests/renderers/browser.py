"""Headless Chromium for the browser checks of the HTML pages (the report, the register), driven
through Debian's ``chromedriver``: starting it, opening a page at a width, and running axe-core in
it. ``.ci/run`` installs the tools; a missing one fails the tests, and nothing is fetched."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.chrome.webdriver import WebDriver

from tests.system_tools import NODE_MODULES, program, tool_file

AXE = NODE_MODULES / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
RUN_AXE = """
const done = arguments[arguments.length - 1];
axe.run(document, {runOnly: {type: "tag", values: arguments[0]}, resultTypes: ["violations"]})
  .then(result => done(result.violations.map(v => ({
      id: v.id, help: v.help, nodes: v.nodes.map(n => n.target.join(" ")).slice(0, 5)}))))
  .catch(error => done({error: String(error)}));
"""


def started_browser() -> Iterator[WebDriver]:
    """Chromium, headless, for as long as the caller holds it; quit afterwards."""
    options = Options()
    options.binary_location = program("chromium")
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,1024"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    os.environ["SE_OFFLINE"] = "true"  # never let Selenium fetch a driver or a browser
    driver = webdriver.Chrome(service=Service(program("chromedriver")), options=options)
    driver.set_script_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()


def open_page(browser: WebDriver, path: Path, width: int = 1280) -> None:
    browser.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": width < 600},
    )
    browser.get(path.as_uri())


def axe_violations(browser: WebDriver, path: Path) -> Any:
    """What axe-core finds against WCAG 2.x A and AA in the page at ``path``."""
    open_page(browser, path)
    browser.execute_script(tool_file(AXE).read_text(encoding="utf-8"))  # the page's policy forbids scripts
    return browser.execute_async_script(RUN_AXE, WCAG_TAGS)
