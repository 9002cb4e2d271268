"""The Markdown report: GitHub-flavoured, checked by rendering it with GitHub's own Markdown library
(cmark-gfm). Whatever a manifest says is shown as the characters typed: never a tag, a link, a
table column or template code. Golden file: ``pytest tests/renderers --update-golden``."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import cmarkgfm
import pytest
from cmarkgfm.cmark import Options
from hypothesis import given
from hypothesis import strategies as st

from charter_check.model.visible import visible
from charter_check.renderers.markdown import escape_markdown
from tests.conftest import EXAMPLES
from tests.renderers.conftest import GOLDEN, HOSTILE, NHS_EXAMPLE, Page, render
from tests.renderers.shown_not_run import assert_shown_as_typed

# Render as GitHub does, but without its HTML sanitiser: the report must be safe on its own.
UNSAFE = Options.CMARK_OPT_UNSAFE


def github_html(markdown: str) -> str:
    return str(cmarkgfm.github_flavored_markdown_to_html(markdown, options=UNSAFE))


def test_the_nhs_example_matches_its_golden_file(in_repo: None, golden: Callable[[Path, str], None]) -> None:
    report = GOLDEN / "nhs-admissions-forecast.md"
    golden(report, render(NHS_EXAMPLE, "markdown", report))


def test_the_report_has_every_section_a_board_needs(in_repo: None) -> None:
    markdown = render(NHS_EXAMPLE, "markdown")
    headings = [line for line in markdown.splitlines() if line.startswith("## ")]
    assert headings == [
        "## Verdict",
        "## Outstanding actions",
        "## Review schedule",
        "## What was not examined (13)",
        "## At a glance",
        "## Declaration of responsibility",
        "## Sign-off",
        "## Decision of the approving body",
        "## Appendix A: Principle by principle",
        "## Appendix B: For residents: this project in plain English",
        "## Appendix C: Integrity",
    ]
    assert markdown.startswith("<!-- charter-check report:")
    assert "**Ready for approval: 62 criteria met, 13 do not apply, 0 relaxed by configuration.**" in markdown


def test_the_top_says_it_is_a_self_assessment_with_its_date_version_and_fingerprint(in_repo: None) -> None:
    top = render(NHS_EXAMPLE, "markdown").split("## Verdict")[0]
    assert "# Emergency Admissions Forecast: charter self-assessment report" in top
    assert "**A self-assessment by the project.** The answers are the project's own" in top
    assert "- **Assessed on:** 28 November 2026" in top
    assert "- **Charter:** Liverpool City Region Community Charter on Data and AI, version 1.1" in top
    assert re.search(r"- \*\*Fingerprint:\*\* manifest [0-9a-f]{12}, charter [0-9a-f]{12} ", top)


def test_the_decision_block_is_a_table_to_fill_in(in_repo: None) -> None:
    markdown = render(NHS_EXAMPLE, "markdown")
    block = markdown.split("## Decision of the approving body")[1].split("\n## ")[0]
    table = Page(github_html(block))
    cells = [tag for tag, _ in table.tags if tag == "td"]
    assert len(cells) == 2 * 9  # three decisions to tick, six fields to fill in, two columns each
    assert table.text == (
        "To be completed by the body that approves the project, after reading this report. "
        "To be completed By the approving body Decision (tick one) ☐ Approved ☐ Approved with conditions "
        "☐ Not approved Conditions Review date Name Role Signature Date"
    )


def test_what_the_project_set_aside_is_listed_apart_in_its_own_words(in_repo: None) -> None:
    markdown = render(EXAMPLES / "transport-dashboard" / "charter.yaml", "markdown")
    section = markdown.split("## What was not examined")[1].split("\n## ")[0]
    by_project = section.split("### Not applicable, as the project says (1)")[1].split("### ")[0]
    assert by_project.strip().splitlines()[-1] == (
        "- Most recent independent review (independent-oversight.last-review): The dashboard went into "
        "public beta on 1 September 2026 and has not been reviewed yet; its first independent review is "
        "booked for 15 March 2027, six months after launch."
    )
    assert "### Not called for by this project's profile (44)" in section


LITERALS = [
    "<script>alert('x')</script>",
    '<img src=x onerror="alert(1)">',
    "a | b | c",
    "[click](javascript:alert(1))",
    "![pixel](https://tracker.example/p.png)",
    "{{ 7*7 }} {% if x %}y{% endif %}",
    "# not a heading",
    "> not a quote",
    "- not a list",
    "1. not a list",
    "**not bold** _not em_ `not code` ~~not struck~~",
    "$x^2$ is not maths",
    "&lt;already escaped&gt; &amp; A&E",
    "see https://example.org/page and www.example.org",
    "SEE HTTPS://EXAMPLE.ORG/PAGE, Www.Example.org, FTP://x.example and XMPP:dpo",
    "back\\slash\\",
    "<!-- not a comment -->",
]


@pytest.mark.parametrize("text", LITERALS)
def test_text_is_shown_as_typed_in_a_paragraph_and_in_a_table_cell(text: str) -> None:
    escaped = escape_markdown(text)
    paragraph = Page(github_html(escaped))
    assert [tag for tag, _ in paragraph.tags] == ["p"]
    assert paragraph.text == text
    table = Page(github_html(f"| Answer | Status |\n| --- | --- |\n| {escaped} | met |\n"))
    assert [tag for tag, _ in table.tags].count("td") == 2
    assert table.text == f"Answer Status {text} met"


def test_line_breaks_stay_inside_the_cell() -> None:
    escaped = escape_markdown("first line\n# second | line\n\nthird")
    assert "\n" not in escaped
    table = Page(github_html(f"| Answer |\n| --- |\n| {escaped} |\n"))
    assert [tag for tag, _ in table.tags].count("td") == 1
    assert table.text == "Answer first line # second | line third"


@pytest.mark.slow
@given(st.text(st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), max_size=80))
def test_any_line_of_text_renders_as_itself(text: str) -> None:
    """As itself, with invisible and bidirectional characters shown as escapes (``visible``); never
    a link, not even to an e-mail address (whose ``@`` is shown as code to stop GitHub linking it)."""
    page = Page(github_html(escape_markdown(text)))
    assert " ".join("".join(page.chunks).split()) == " ".join(visible(text).split())
    for tag, attrs in page.tags:
        assert tag in ("p", "code"), (tag, attrs)


def test_a_hostile_manifest_renders_as_plain_text(in_repo: None) -> None:
    page = Page(github_html(render(HOSTILE, "markdown")))
    hrefs = assert_shown_as_typed(page, {"script", "img", "svg", "iframe", "b", "i", "u", "object", "embed"})
    assert hrefs, "the evidence that can be followed is linked"
    assert all(not href.lower().startswith(("javascript:", "data:")) for href in hrefs)
    assert "<br>" not in page.text


def test_unusable_evidence_is_named_but_never_linked(in_repo: None) -> None:
    markdown = render(HOSTILE, "markdown")
    assert "javascript:alert('evidence') (not a link to a web page, so not linked)" in markdown
    assert "docs/missing.md (not found in the project)" in markdown
    assert "[docs/public-page.md](<tests/renderers/fixtures/hostile/docs/public-page.md>)" in markdown


def test_every_table_row_keeps_its_columns(in_repo: None) -> None:
    html = github_html(render(HOSTILE, "markdown"))
    for table in html.split("<table>")[1:]:
        body = table.split("</table>")[0]
        header = len(re.findall(r"<th[ >]", body.split("</thead>")[0]))
        rows = body.split("<tbody>")[1].split("<tr>")[1:]
        assert rows and all(len(re.findall(r"<td[ >]", row)) == header for row in rows)


def test_a_manifest_that_cannot_be_read_still_gives_a_useful_report(tmp_path: Path) -> None:
    manifest = tmp_path / "charter.yaml"
    manifest.write_text("charter: lcr-2025\nproject:\n  name: [unclosed\n", encoding="utf-8")
    markdown = render(manifest, "markdown")
    assert "**Not ready for approval: the manifest could not be read.**" in markdown
    assert "### The manifest as a whole" in markdown
    assert "**Blocks approval:** Line 4, column 1. YAML syntax error" in markdown
    assert "| 2. Security | not assessed | not assessed |" in markdown
    assert "No sign-off: the manifest could not be read" in markdown
