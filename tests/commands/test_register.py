"""``charter-check register``: one page for an oversight board across many manifests, found as
``validate`` finds them: each project's verdict and the counts it rests on, overdue and next
reviews, accountable person and declaration date, and a relative link to its report; sorted with
what needs attention first; as HTML, CSV (one row per project, no formulas) or JSON. The checks in a
browser (axe, the Nu HTML Checker) and over 1,000 manifests are in
``tests/renderers/test_register_in_browser.py``."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from charter_check.renderers.register_model import COUNTS
from tests.conftest import EXAMPLES, TESTS, run_cli
from tests.renderers.conftest import Page

TODAY = "2026-11-28"
REPOSITORY = TESTS.parent
DOCUMENTED = REPOSITORY / "docs" / "examples" / "register.html"
MARK = "<!-- charter-check report:"


@pytest.fixture
def organisation(tmp_path: Path) -> Path:
    """A folder of project repositories: the three examples."""
    for example in ("nhs-admissions-forecast", "council-chatbot", "transport-dashboard"):
        shutil.copytree(EXAMPLES / example, tmp_path / "projects" / example)
    return tmp_path


def register(*arguments: str, cwd: Path | None = None) -> Any:
    return run_cli("register", *arguments, "--today", TODAY, cwd=cwd)


def rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def project_names(html: str) -> list[str]:
    return re.findall(r'<th scope="row">([^<]+)<', html)


def test_the_projects_are_listed_not_ready_first_then_by_name(organisation: Path) -> None:
    result = register("projects", cwd=organisation)
    assert result.exit_code == 0, result.stderr
    assert project_names(result.stdout) == [
        "Ask Robin resident-services chatbot",
        "City Region Travel Dashboard",
        "Emergency Admissions Forecast",
    ]
    page = Page(result.stdout)
    assert "3 projects: 1 not ready, 2 ready for approval" in page.text
    assert "Not ready: 9 criteria not met (4 partly); 3 to answer, 1 not known" in page.text
    assert not page.named("script")


def test_each_row_gives_the_verdict_counts_reviews_and_who_is_accountable(organisation: Path) -> None:
    result = register("projects", "--format", "csv", cwd=organisation)
    assert result.exit_code == 0, result.stderr
    chatbot, dashboard, forecast = rows(result.stdout)
    assert chatbot["verdict"] == "not_ready"
    assert (chatbot["met"], chatbot["not_met"], chatbot["partly"], chatbot["not_known"]) == (
        "40",
        "5",
        "4",
        "1",
    )
    assert (chatbot["to_answer"], chatbot["do_not_apply"], chatbot["relaxed"]) == ("3", "18", "0")
    assert chatbot["overdue_reviews"] == (
        "Most recent independent review (at least every 366 days), 25 September 2026; "
        "DPIA review date, 15 October 2026; Next independent review, 31 October 2026"
    )
    assert chatbot["next_review"] == "" and chatbot["accountable_person"] == ""
    assert forecast["accountable_person"] == (
        "Dr Aisha Rahman, Chief Clinical Information Officer, Mersey Valley Teaching Hospitals NHS Foundation Trust"
    )
    assert (forecast["declaration_date"], forecast["stage"]) == ("2026-09-14", "pilot")
    assert (forecast["next_review"], forecast["next_review_date"]) == (
        "Next independent review",
        "2027-06-20",
    )
    assert (
        dashboard["headline"]
        == "Ready for approval: 31 criteria met, 45 do not apply, 0 relaxed by configuration"
    )
    assert chatbot["manifest"] == "projects/council-chatbot/charter.yaml"


def test_the_counts_are_those_the_verdict_rests_on(organisation: Path) -> None:
    result = register("projects", "--format", "json", cwd=organisation)
    document = json.loads(result.stdout)
    assert document["summary"] == {
        "projects": 3,
        "not_checked": 0,
        "unreadable": 0,
        "not_ready": 1,
        "incomplete": 0,
        "ready": 2,
    }
    chatbot = document["projects"][0]
    validated = json.loads(
        run_cli(
            "validate", "projects/council-chatbot", "--format", "json", "--today", TODAY, cwd=organisation
        ).stdout
    )
    readiness = validated["readiness"]
    assert (chatbot["verdict"], chatbot["headline"]) == (readiness["state"], readiness["headline"])
    for count in ("met", "not_met", "partly", "not_known", "to_answer", "do_not_apply"):
        assert chatbot["counts"][count] == readiness[count]


def test_a_project_links_to_its_report_relative_to_the_register(organisation: Path) -> None:
    chatbot = organisation / "projects" / "council-chatbot"
    written = run_cli(
        "report", str(chatbot), "-f", "html", "-o", str(chatbot / "charter-report.html"), "--today", TODAY
    )
    assert written.exit_code == 0
    (organisation / "board").mkdir()
    result = register("projects", "-o", "board/register.html", cwd=organisation)
    assert result.exit_code == 0, result.stderr
    html = (organisation / "board" / "register.html").read_text(encoding="utf-8")
    assert [a["href"] for a in Page(html).named("a")] == ["../projects/council-chatbot/charter-report.html"]
    assert html.count(">Not written</td>") == 2
    assert (organisation / "board" / ".." / "projects/council-chatbot/charter-report.html").is_file()
    document = json.loads(register("projects", "-f", "json", cwd=organisation).stdout)
    assert document["projects"][0]["report"] == "projects/council-chatbot/charter-report.html"
    assert document["projects"][1]["report"] is None
    assert document["projects"][1]["report_path"] == "projects/transport-dashboard/charter-report.html"


def test_a_folder_name_never_becomes_a_link_scheme(tmp_path: Path) -> None:
    folder = tmp_path / "javascript:alert(1)"
    shutil.copytree(EXAMPLES / "transport-dashboard", folder)
    (folder / "charter-report.html").write_text("<!DOCTYPE html>\n", encoding="utf-8")
    result = register(".", cwd=tmp_path)
    [href] = [a["href"] for a in Page(result.stdout).named("a")]
    assert urlsplit(href).scheme == ""
    assert href == "javascript%3Aalert%281%29/charter-report.html"


def test_the_csv_opens_into_one_row_per_project_and_holds_no_formula(tmp_path: Path) -> None:
    names = ['=HYPERLINK("https://evil.example")', "+1+1", "-2", "@SUM(A1)", 'Line\nbreak, "quoted"']
    for number, name in enumerate(names):
        folder = tmp_path / f"p{number}"
        folder.mkdir()
        (folder / "charter.yaml").write_text(
            f"charter: lcr-2025\nproject:\n  name: {json.dumps(name)}\n  organisation: '=cmd|calc'\n",
            encoding="utf-8",
        )
    result = register(".", "--format", "csv", cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    table = rows(result.stdout)
    assert len(table) == len(names)
    assert len(result.stdout.splitlines()) == len(names) + 1
    assert sorted(row["project"] for row in table) == sorted(
        ['\'=HYPERLINK("https://evil.example")', "'+1+1", "'-2", "'@SUM(A1)", 'Line\\x0abreak, "quoted"']
    )
    assert {row["organisation"] for row in table} == {"'=cmd|calc"}
    for row in table:
        assert not any(cell.startswith(("=", "+", "-", "@")) for cell in row.values())


def test_a_manifest_that_cannot_be_checked_is_listed_and_named(organisation: Path) -> None:
    odd = organisation / "projects" / "odd"
    odd.mkdir()
    (odd / "charter.yaml").write_text(
        "charter: nowhere-2030\nproject: {name: X, organisation: Y}\n", encoding="utf-8"
    )
    broken = organisation / "projects" / "broken"
    broken.mkdir()
    (broken / "charter.yaml").write_text("charter: lcr-2025\nproject: [\n", encoding="utf-8")
    result = register("projects", "-o", "register.csv", "-f", "csv", cwd=organisation)
    assert result.exit_code == 2
    assert result.stderr.startswith(
        "charter-check: error: projects/odd/charter.yaml:1:10: the manifest names charter"
    )
    assert result.stderr.count("\n") == 1
    table = rows((organisation / "register.csv").read_text(encoding="utf-8"))
    assert [row["verdict"] for row in table] == ["not_checked", "unreadable", "not_ready", "ready", "ready"]
    assert table[0]["project"] == "Manifest projects/odd/charter.yaml"
    assert table[1]["headline"] == "Not ready for approval: the manifest could not be read"
    for row in table[:2]:  # criteria not judged are not counted, which is not the same as none met
        assert [row[name] for name in COUNTS] == [""] * len(COUNTS)
    assert table[2]["met"].isdigit() and int(table[2]["not_met"]) > 0
    listed = json.loads(register("projects", "-f", "json", cwd=organisation).stdout)["projects"]
    assert [project["counts"]["met"] for project in listed[:2]] == [None, None]
    page = register("projects", cwd=organisation).stdout
    assert page.count('–<span class="visually-hidden">not counted</span>') == 2 * len(COUNTS)


def test_nothing_found_stops_with_one_line(tmp_path: Path) -> None:
    result = register(".", cwd=tmp_path)
    assert result.exit_code == 2
    assert result.stderr == (
        "charter-check: error: .: no charter.yaml in this folder or below it; run 'charter-check init' "
        "in the project's folder, or give the manifest's path\n"
    )


@pytest.mark.parametrize("output_format", ["html", "csv", "json"])
def test_the_register_replaces_only_a_file_charter_check_wrote(
    organisation: Path, output_format: str
) -> None:
    output = organisation / f"register.{output_format}"
    first = register("projects", "-f", output_format, "-o", str(output), cwd=organisation)
    assert first.exit_code == 0
    assert (
        first.stdout
        == f"Wrote the register to {output.name}: 3 projects: 1 not ready, 2 ready for approval.\n"
    )
    written = output.read_text(encoding="utf-8")
    assert register("projects", "-f", output_format, "-o", str(output), cwd=organisation).exit_code == 0
    assert output.read_text(encoding="utf-8") == written
    other = organisation / f"minutes.{output_format}"
    other.write_text("board minutes\n", encoding="utf-8")
    refused = register("projects", "-f", output_format, "-o", str(other), cwd=organisation)
    assert refused.exit_code == 2
    assert "already exists and is not a file charter-check wrote" in refused.stderr
    assert other.read_text(encoding="utf-8") == "board minutes\n"
    assert (
        register("projects", "-f", output_format, "-o", str(other), "--force", cwd=organisation).exit_code
        == 0
    )


def test_the_html_register_is_marked_as_generated(organisation: Path) -> None:
    html = register("projects", cwd=organisation).stdout
    assert html.startswith("<!DOCTYPE html>\n" + MARK)
    assert "run charter-check register again" in html.splitlines()[1]


def test_the_documented_example_is_what_the_command_writes(
    monkeypatch: pytest.MonkeyPatch, golden: Callable[[Path, str], None]
) -> None:
    """``charter-check register examples``, run from the repository's top, writes the register the
    README shows."""
    monkeypatch.chdir(REPOSITORY)
    result = register("examples")
    assert result.exit_code == 0
    golden(DOCUMENTED, result.stdout)
