"""Helpers for the report tests: render a manifest as ``charter-check report`` would, and read an
HTML page as a reader sees it. The golden reports are in ``tests/golden/``, compared by the
``golden`` fixture (``tests/conftest.py``); refresh them with ``pytest tests/renderers
--update-golden`` and review the diff."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from charter_check.commands.report import ReportOptions, render_report
from tests.conftest import EXAMPLES, TESTS

if TYPE_CHECKING:
    from selenium.webdriver.chrome.webdriver import WebDriver

REPO = TESTS.parent
GOLDEN = TESTS / "golden"
HOSTILE = Path(__file__).parent / "fixtures" / "hostile" / "charter.yaml"
NHS_EXAMPLE = EXAMPLES / "nhs-admissions-forecast" / "charter.yaml"
TODAY = dt.date(2026, 11, 28)


def render(
    manifest: Path,
    output_format: str,
    output: Path | None = None,
    template_dir: Path | None = None,
    today: dt.date = TODAY,
) -> str:
    """The report ``charter-check report MANIFEST --format FORMAT -o OUTPUT`` would write."""
    options = ReportOptions(path=manifest, output_format=output_format, output=output, today=today)
    return render_report(replace(options, template_dir=template_dir))


@pytest.fixture(scope="session")
def browser() -> Iterator[WebDriver]:
    """One headless Chromium for every browser check of the run (``tests/renderers/browser.py``)."""
    from tests.renderers.browser import started_browser

    yield from started_browser()


@pytest.fixture
def in_repo(monkeypatch: pytest.MonkeyPatch) -> None:
    """Run from the repository root, so manifest paths read as they do in the golden files."""
    monkeypatch.chdir(REPO)


class Page(HTMLParser):
    """An HTML document read into what the tests look at: every tag with its attributes, and the
    text a reader sees."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.chunks: list[str] = []
        self._skip = 0
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {name: value or "" for name, value in attrs}))
        if tag in ("style", "title"):
            self._skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("style", "title"):
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.chunks.append(data)

    @property
    def text(self) -> str:
        return " ".join(" ".join(self.chunks).split())

    def named(self, tag: str) -> list[dict[str, str]]:
        return [attrs for name, attrs in self.tags if name == tag]
