"""The oversight register over the examples (with a hostile manifest and a written report) and
over 1,000 generated manifests, opened in headless Chromium as the HTML report is
(``test_html_in_browser.py``, whose tools and helpers these tests share): axe-core finds no WCAG 2.x
A or AA violation; the page loads and runs nothing; it reads at 320 px without the page scrolling
sideways (the table scrolls in its own focusable region); it prints on A4 landscape. The Nu HTML
Checker finds no error. The CSV of the 1,000 opens with Python's csv module into one row each."""

from __future__ import annotations

import base64
import csv
import io
import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from selenium.webdriver.chrome.webdriver import WebDriver

from tests.conftest import EXAMPLES, run_cli
from tests.renderers.browser import axe_violations, open_page
from tests.renderers.conftest import HOSTILE
from tests.system_tools import html_checker_errors

pytestmark = pytest.mark.slow

TODAY = "2026-11-28"
MANY = 1000
PAGES = ("examples.html", "thousand.html")


def many_projects(folder: Path, count: int) -> Path:
    """``count`` project folders, each a copy of an example (with its evidence) under its own name."""
    examples = sorted(path.parent for path in EXAMPLES.glob("*/charter.yaml"))
    for number in range(count):
        example = examples[number % len(examples)]
        project = folder / f"project-{number:04d}"
        shutil.copytree(example, project)
        manifest = project / "charter.yaml"
        text = manifest.read_text(encoding="utf-8")
        manifest.write_text(text.replace("  name: ", f"  name: Project {number:04d} ", 1), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def registers(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The register of the examples (and the hostile manifest, and one written report), and the
    register and CSV of 1,000 generated manifests, written with -o as a board would."""
    root = tmp_path_factory.mktemp("registers")
    examples = root / "examples"
    for example in EXAMPLES.glob("*/charter.yaml"):
        shutil.copytree(example.parent, examples / example.parent.name)
    shutil.copytree(HOSTILE.parent, examples / "hostile")
    chatbot = examples / "council-chatbot"
    run_cli(
        "report", str(chatbot), "-f", "html", "-o", str(chatbot / "charter-report.html"), "--today", TODAY
    )
    many = many_projects(root / "many", MANY)
    out = root / "out"
    out.mkdir()
    for source, name, output_format in (
        (examples, "examples.html", "html"),
        (many, "thousand.html", "html"),
        (many, "thousand.csv", "csv"),
    ):
        result = run_cli(
            "register", str(source), "-f", output_format, "-o", str(out / name), "--today", TODAY
        )
        assert result.exit_code == 0, result.stderr
    return out


@pytest.mark.parametrize("page", PAGES)
def test_axe_finds_no_wcag_a_or_aa_violation(page: str, registers: Path, browser: WebDriver) -> None:
    violations = axe_violations(browser, registers / page)
    assert violations == [], json.dumps(violations, indent=2)


@pytest.mark.parametrize("page", PAGES)
def test_the_page_loads_nothing_runs_nothing_and_reflows(
    page: str, registers: Path, browser: WebDriver
) -> None:
    browser.get_log("browser")
    open_page(browser, registers / page, width=320)
    state: Any = browser.execute_script(
        """return {
          requests: performance.getEntriesByType("resource").map(entry => entry.name),
          scripts: document.scripts.length,
          rows: document.querySelectorAll("tbody tr").length,
          widths: [document.documentElement.scrollWidth, document.documentElement.clientWidth],
          region: document.querySelector(".table-wrap").scrollWidth
              > document.querySelector(".table-wrap").clientWidth,
        }"""
    )
    assert state["requests"] == [] and state["scripts"] == 0
    assert state["rows"] == (MANY if page == "thousand.html" else 4)
    assert state["widths"][0] <= state["widths"][1] == 320
    assert state["region"], "the table scrolls in its own region"
    problems = [entry["message"] for entry in browser.get_log("browser") if entry["level"] != "INFO"]
    assert problems == []


def test_it_prints_on_a4_landscape(registers: Path, browser: WebDriver) -> None:
    open_page(browser, registers / "examples.html")
    printed: Any = browser.execute_cdp_cmd("Page.printToPDF", {"preferCSSPageSize": True})
    pdf = base64.b64decode(printed["data"])
    boxes = {
        (round(float(width)), round(float(height)))
        for width, height in re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf)
    }
    assert boxes == {(842, 595)}


def test_the_nu_html_checker_finds_no_error(registers: Path) -> None:
    errors = html_checker_errors(registers / page for page in PAGES)
    assert errors == [], json.dumps(errors, indent=2)


def test_the_csv_of_a_thousand_opens_into_one_row_per_project(registers: Path) -> None:
    text = (registers / "thousand.csv").read_text(encoding="utf-8")
    table = list(csv.DictReader(io.StringIO(text, newline="")))
    assert len(table) == MANY
    assert len({row["manifest"] for row in table}) == MANY
    assert {row["verdict"] for row in table} == {"not_ready", "ready"}
    assert table[0]["verdict"] == "not_ready" and table[-1]["verdict"] == "ready"
