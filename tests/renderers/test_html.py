"""The HTML report: one self-contained page that runs nothing and loads nothing, with semantic
structure for screen readers, evidence links that work from where it is saved, and every manifest
value shown as text. Golden file: ``pytest tests/renderers --update-golden``. The checks in a real
browser (axe-core, the Nu HTML Checker, 320 px) are in ``test_html_in_browser.py``."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import itertools
import re
from collections.abc import Callable
from pathlib import Path
from urllib.parse import unquote, urlsplit

from charter_check.renderers.html import content_security_policy
from tests.renderers.conftest import GOLDEN, HOSTILE, NHS_EXAMPLE, Page, render
from tests.renderers.shown_not_run import assert_shown_as_typed

INJECTED_TAGS = {"script", "img", "iframe", "object", "embed", "b", "i", "u", "link", "base", "form", "video"}


def test_the_nhs_example_matches_its_golden_file(in_repo: None, golden: Callable[[Path, str], None]) -> None:
    report = GOLDEN / "nhs-admissions-forecast.html"
    golden(report, render(NHS_EXAMPLE, "html", report))


def test_the_page_is_self_contained_and_forbids_scripts_and_requests(in_repo: None) -> None:
    html = render(NHS_EXAMPLE, "html")
    page = Page(html)
    head = html.split("<head>")[1]
    assert head.lstrip().startswith('<meta charset="utf-8">\n<meta http-equiv="Content-Security-Policy"')
    policy = page.named("meta")[1]["content"]
    assert policy.startswith("default-src 'none';") and "script-src" not in policy
    stylesheet = html.split("<style>")[1].split("</style>")[0]
    digest = base64.b64encode(hashlib.sha256(stylesheet.encode()).digest()).decode()
    assert f"style-src 'sha256-{digest}'" in policy
    assert policy == content_security_policy(stylesheet)
    tags = {tag for tag, _ in page.tags}
    assert not tags & {"script", "link", "img", "iframe", "object", "embed"}
    assert not [attrs for _, attrs in page.tags if {"src", "style"} & set(attrs)]
    assert all(urlsplit(a["href"]).scheme in ("", "https") for a in page.named("a"))


def test_structure_a_screen_reader_can_follow(in_repo: None) -> None:
    page = Page(render(NHS_EXAMPLE, "html"))
    assert page.named("html") == [{"lang": "en-GB"}]
    headings = [int(tag[1]) for tag, _ in page.tags if re.fullmatch(r"h[1-6]", tag)]
    assert headings.count(1) == 1 and headings[0] == 1
    assert all(after <= before + 1 for before, after in itertools.pairwise(headings))
    header_cells = page.named("th")
    assert header_cells and all(cell.get("scope") in ("col", "row") for cell in header_cells)
    assert len(page.named("caption")) == len(page.named("table"))
    picture = page.named("svg")[0]
    assert picture["role"] == "img" and picture["aria-labelledby"] == "glance-title glance-desc"
    assert "Principle 2, Security: met." in page.text


def test_status_is_written_in_words_not_shown_by_colour_alone(in_repo: None) -> None:
    html = render(HOSTILE, "html")
    for words in ("NOT MET", "met, with warnings", "incomplete", "does not apply", "unanswered"):
        assert f">{words}</span>" in html
    assert "Blocks approval</span>" in html and "Advisory</span>" in html
    assert ">Not ready: 1 criterion not met; 15 to answer.</strong>" in html


def test_a_print_stylesheet_for_a4_that_heads_and_numbers_every_page(in_repo: None) -> None:
    html = render(NHS_EXAMPLE, "html")
    printed = html.split("@media print")[1]
    assert "size: A4" in printed
    assert '@top-left { content: "Emergency Admissions Forecast"; }' in printed
    assert '@top-right { content: "Self-assessment, " "28 November 2026"; }' in printed
    assert '@bottom-right { content: "Page " counter(page) " of " counter(pages); }' in printed
    assert "h1, h2, h3, h4, caption, dt { break-after: avoid;" in printed
    assert re.search(r"[ ,]tr,[^{]*\{\s*break-inside: avoid;", printed)
    assert "#principles { break-before: page;" in printed


def css_unescaped(css: str) -> str:
    """A CSS string's text, as a browser reads it: each ``\\hex `` escape back to its character."""
    return re.sub(r"\\([0-9a-f]{1,6}) ", lambda match: chr(int(match[1], 16)), css)


def test_a_hostile_name_heads_the_printed_pages_as_typed_and_stays_a_css_string(in_repo: None) -> None:
    html = render(HOSTILE, "html")
    stylesheet = html.split("<style>")[1].split("</style>")[0]
    head = stylesheet.split("@top-left { content: ")[1].split("; }")[0]
    assert head.startswith('"') and head.endswith('"') and '"' not in head[1:-1]
    assert not {"<", ">", "{", "}", "'", "\n"} & set(head)
    assert css_unescaped(head[1:-1]) == "Pothole <b>Predictor</b> <script>alert('name')</script>"


def test_a_long_name_is_shortened_in_the_page_header_only(in_repo: None, tmp_path: Path) -> None:
    manifest = tmp_path / "charter.yaml"
    name = "The Liverpool City Region Combined Authority Joint Forecasting and Planning Programme"
    example = NHS_EXAMPLE.read_text(encoding="utf-8")
    manifest.write_text(
        example.replace("name: Emergency Admissions Forecast", f"name: {name}"), encoding="utf-8"
    )
    html = render(manifest, "html")
    head = html.split("@top-left { content: ")[1].split("; }")[0]
    shown = css_unescaped(head)[1:-1]
    assert shown.endswith("…") and len(shown) <= 60 and name.startswith(shown[:-1])
    assert f"<h1>{name}</h1>" in html


def test_the_first_page_says_it_is_a_self_assessment_with_its_date_version_and_fingerprint(
    in_repo: None,
) -> None:
    html = render(NHS_EXAMPLE, "html")
    first_page = Page(html.split('<section aria-labelledby="verdict">')[0]).text
    manifest_sha256 = hashlib.sha256(NHS_EXAMPLE.read_bytes()).hexdigest()
    assert "A self-assessment by the project. The answers are the project's own" in first_page
    assert "Assessed on 28 November 2026" in first_page
    assert "Liverpool City Region Community Charter on Data and AI, version 1.1" in first_page
    assert f"Fingerprint manifest {manifest_sha256[:12]} , charter " in first_page


def test_the_board_reads_the_decision_material_before_the_detail(in_repo: None) -> None:
    page = Page(render(NHS_EXAMPLE, "html"))
    order = [attrs["id"] for tag, attrs in page.tags if tag == "h2" and attrs.get("id") != "contents"]
    assert order == [
        "verdict",
        "actions",
        "review-schedule",
        "not-examined",
        "at-a-glance",
        "declaration",
        "sign-off",
        "decision",
        "principles",
        "residents",
        "integrity",
    ]
    assert "Appendix A: Principle by principle" in page.text


def test_the_decision_block_is_left_blank_for_the_approving_body(in_repo: None) -> None:
    html = render(NHS_EXAMPLE, "html")
    decision = html.split('<section aria-labelledby="decision" class="decision">')[1].split("</section>")[0]
    block = Page(decision)
    assert block.text == (
        "Decision of the approving body To be completed by the body that approves the project, after "
        "reading this report. Decision (tick one): Approved Approved with conditions Not approved "
        "Conditions Review date Name Role Signature Date"
    )
    assert len([attrs for tag, attrs in block.tags if attrs.get("class") == "tick-box"]) == 3
    assert decision.count("></dd>") == 6  # six spaces to write in, all empty


def test_an_overdue_review_is_named_before_the_detail(in_repo: None) -> None:
    page = Page(render(NHS_EXAMPLE, "html", today=dt.date(2027, 9, 1)))
    assert (
        "Overdue: DPIA review date (1 September 2027); Next independent review (20 June 2027)." in page.text
    )


def test_a_hostile_manifest_renders_as_plain_text(in_repo: None) -> None:
    html = render(HOSTILE, "html")
    hrefs = assert_shown_as_typed(Page(html), INJECTED_TAGS)
    assert all(urlsplit(href).scheme in ("", "https") for href in hrefs)
    title = html.split("<title>")[1].split("</title>")[0]
    assert title.startswith("Pothole &lt;b&gt;Predictor&lt;/b&gt; &lt;script&gt;")


def test_evidence_links_work_from_where_the_report_is_saved(in_repo: None, tmp_path: Path) -> None:
    output = tmp_path / "board papers" / "report.html"
    output.parent.mkdir()
    page = Page(render(NHS_EXAMPLE, "html", output))
    files = [a["href"] for a in page.named("a") if urlsplit(a["href"]).scheme == "" and a["href"][0] != "#"]
    assert len(files) > 10
    for href in files:
        assert (output.parent / unquote(href.split("#")[0])).resolve().is_file(), href


def test_a_manifest_that_cannot_be_read_still_gives_a_useful_report(tmp_path: Path) -> None:
    manifest = tmp_path / "charter.yaml"
    manifest.write_text("charter: lcr-2025\nproject: [\n", encoding="utf-8")
    page = Page(render(manifest, "html"))
    assert "Not ready for approval: the manifest could not be read." in page.text
    assert "YAML syntax error" in page.text
    assert page.text.count("Not assessed: the manifest could not be read.") == 11
    assert hashlib.sha256(manifest.read_bytes()).hexdigest() in page.text
