"""Every example's HTML report (and a hostile manifest's), opened in headless Chromium, Debian's
``chromium`` driven through its ``chromedriver``: axe-core finds no WCAG 2.x A or AA violation; the
page loads nothing, runs nothing and its inline stylesheet is allowed by the Content Security
Policy; it reads at 320 px wide without scrolling sideways; it prints on A4. The NHS example,
printed to PDF, fits a board pack: at most 15 pages, each headed with the project and the date and
numbered, none ending on a heading. The Nu HTML Checker finds no error in any of them.

``.ci/run`` installs the tools (apt: chromium, chromium-driver, default-jre-headless; npm:
.ci/browser-tools). A missing tool fails these tests: nothing is fetched while they run."""

from __future__ import annotations

import base64
import io
import json
import re
from pathlib import Path
from typing import Any

import pypdf
import pytest
from selenium.common.exceptions import NoAlertPresentException
from selenium.webdriver.chrome.webdriver import WebDriver

from tests.conftest import EXAMPLES
from tests.renderers.browser import axe_violations, open_page
from tests.renderers.conftest import HOSTILE, NHS_EXAMPLE, render
from tests.system_tools import html_checker_errors

pytestmark = pytest.mark.slow

MANIFESTS = [*sorted(EXAMPLES.glob("*/charter.yaml")), HOSTILE]
A4_POINTS = (595, 842)
MM = 72 / 25.4  # points in a millimetre
BOARD_PACK_PAGES = 15


def report_name(manifest: Path) -> str:
    return f"{manifest.parent.name}.html"


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Each manifest's HTML report, written where ``-o`` would put it."""
    folder = tmp_path_factory.mktemp("reports")
    for manifest in MANIFESTS:
        output = folder / report_name(manifest)
        output.write_text(render(manifest, "html", output), encoding="utf-8")
    return folder


@pytest.mark.parametrize("manifest", MANIFESTS, ids=lambda path: path.parent.name)
def test_axe_finds_no_wcag_a_or_aa_violation(manifest: Path, reports: Path, browser: WebDriver) -> None:
    violations = axe_violations(browser, reports / report_name(manifest))
    assert violations == [], json.dumps(violations, indent=2)


@pytest.mark.parametrize("manifest", MANIFESTS, ids=lambda path: path.parent.name)
def test_the_page_loads_nothing_runs_nothing_and_is_styled(
    manifest: Path, reports: Path, browser: WebDriver
) -> None:
    browser.get_log("browser")  # forget messages from earlier pages
    open_page(browser, reports / report_name(manifest))
    state: Any = browser.execute_script(
        """return {
          requests: performance.getEntriesByType("resource").map(entry => entry.name),
          scripts: document.scripts.length,
          handlers: Array.from(document.querySelectorAll("*")).filter(
              element => element.getAttributeNames().some(name => name.startsWith("on"))).length,
          styled: getComputedStyle(document.querySelector(".status")).color,
        }"""
    )
    assert state["requests"] == []
    assert state["scripts"] == 0 and state["handlers"] == 0
    assert state["styled"] == "rgb(255, 255, 255)", "the stylesheet was not applied"
    with pytest.raises(NoAlertPresentException):
        browser.switch_to.alert.text  # noqa: B018 - reading it is what raises
    problems = [entry["message"] for entry in browser.get_log("browser") if entry["level"] != "INFO"]
    assert problems == []


@pytest.mark.parametrize("manifest", MANIFESTS, ids=lambda path: path.parent.name)
def test_it_reads_at_320_px_without_sideways_scrolling(
    manifest: Path, reports: Path, browser: WebDriver
) -> None:
    open_page(browser, reports / report_name(manifest), width=320)
    widths: Any = browser.execute_script(
        "return [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert widths[0] <= widths[1] == 320


def test_it_prints_on_a4(reports: Path, browser: WebDriver) -> None:
    open_page(browser, reports / report_name(MANIFESTS[0]))
    printed: Any = browser.execute_cdp_cmd("Page.printToPDF", {"preferCSSPageSize": True})
    pdf = base64.b64decode(printed["data"])
    boxes = {
        (round(float(width)), round(float(height)))
        for width, height in re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf)
    }
    assert boxes == {A4_POINTS}
    assert len(re.findall(rb"/Type\s*/Page\b", pdf)) > 5


def printed_pdf(browser: WebDriver, path: Path) -> pypdf.PdfReader:
    """The page as Chromium prints it to PDF, with the sizes and margins its stylesheet asks for."""
    open_page(browser, path)
    printed: Any = browser.execute_cdp_cmd("Page.printToPDF", {"preferCSSPageSize": True})
    return pypdf.PdfReader(io.BytesIO(base64.b64decode(printed["data"])))


def lowest_line(page: pypdf.PageObject) -> str:
    """The last line of a page's text above its footer (the bottom 16 mm)."""
    lines: dict[int, str] = {}

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        height = round(tm[5] * cm[3] + cm[5])
        if text.strip() and height > 16 * MM:
            lines[height] = lines.get(height, "") + text

    page.extract_text(visitor_text=visit)
    return lines[min(lines)].strip() if lines else ""


def headings(html: str) -> list[str]:
    """The text of every h2, h3 and h4 on the page."""
    sections = re.findall(r"<h([234])[^>]*>(.*?)</h\1>", html, flags=re.DOTALL)
    return [" ".join(re.sub(r"<[^>]+>", "", text).split()) for _, text in sections]


def test_the_nhs_example_prints_as_a_board_pack_of_numbered_headed_pages(
    reports: Path, browser: WebDriver
) -> None:
    path = reports / report_name(NHS_EXAMPLE)
    pages = printed_pdf(browser, path).pages
    assert len(pages) <= BOARD_PACK_PAGES
    texts = [page.extract_text() for page in pages]
    for number, text in enumerate(texts, start=1):
        assert f"Page {number} of {len(pages)}" in text
        assert "Emergency Admissions Forecast" in text and "Self-assessment, 28 November 2026" in text
    first = " ".join(texts[0].split())
    assert "A self-assessment by the project." in first
    assert "Ready for approval: 62 criteria met" in first and "Outstanding actions" in first
    decision = next(number for number, text in enumerate(texts) if "Decision of the approving body" in text)
    appendix = next(
        number for number, text in enumerate(texts) if "Appendix A: Principle by principle" in text
    )
    assert decision < appendix
    titles = headings(path.read_text(encoding="utf-8"))
    for number, page in enumerate(pages, start=1):
        last = lowest_line(page)
        assert not any(is_heading(last, title) for title in titles), (
            f"page {number} ends on a heading: {last}"
        )


def test_a_heading_left_at_the_foot_of_a_page_is_caught(tmp_path: Path, browser: WebDriver) -> None:
    """The check itself, on a page whose heading has room at the foot but its paragraph has not."""
    page = tmp_path / "page.html"
    page.write_text(
        '<!DOCTYPE html><html lang="en"><title>t</title><style>@page { size: A4; margin: 16mm }'
        " body { margin: 0 } div { height: 250mm }</style><div></div><h2>Outstanding actions</h2>"
        "<p>One.</p>",
        encoding="utf-8",
    )
    [first, second] = printed_pdf(browser, page).pages
    assert is_heading(lowest_line(first), "Outstanding actions")
    assert lowest_line(second) == "One."


def is_heading(line: str, title: str) -> bool:
    """Whether a line of printed text is a heading, or a long enough part of one wrapped over lines
    (a criterion's heading is printed with its status on the same line)."""
    if line.startswith(title):
        return True
    return len(line) >= 12 and (title.startswith(line) or title.endswith(line))


def test_the_nu_html_checker_finds_no_error(reports: Path) -> None:
    pages = sorted(reports.glob("*.html"))
    assert len(pages) == len(MANIFESTS)
    errors = html_checker_errors(pages)
    assert errors == [], json.dumps(errors, indent=2)
