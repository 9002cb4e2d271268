"""``init`` and ``assess`` in a real (pseudo-)terminal: answers typed at the prompts are saved, and
Ctrl-C stops the questionnaire cleanly, keeping them; Enter alone ends its line; each answer is
checked as it is typed; dates are read day first and choices by number are said back; answers
not met are offered again at the end."""

from __future__ import annotations

import io
import os
import re
import sys
from pathlib import Path

import pexpect
import pytest

from charter_check.reading.yaml_reader import read_yaml
from tests.conftest import FIXTURES, at, init_arguments

pytestmark = pytest.mark.slow

MINI_CHARTER = str(FIXTURES / "mini_charter.yaml")
PROMPT_WAIT = 60  # seconds; a guard against a hung prompt, not a measurement


def spawn(project: Path, *args: str) -> pexpect.spawn[str]:
    environment = {**os.environ, "NO_COLOR": "1", "TERM": "xterm"}
    child = pexpect.spawn(
        sys.executable,
        ["-m", "charter_check", *args],
        cwd=str(project),
        env=environment,
        encoding="utf-8",
        timeout=PROMPT_WAIT,
        dimensions=(40, 120),
    )
    child.logfile_read = io.StringIO()
    return child


def finish(child: pexpect.spawn[str]) -> str:
    """Everything the terminal showed, once the command has ended."""
    child.expect(pexpect.EOF)
    child.close()
    transcript = child.logfile_read
    assert isinstance(transcript, io.StringIO)
    return transcript.getvalue()


def saved(project: Path) -> dict[str, object]:
    data = read_yaml((project / "charter.yaml").read_bytes()).data
    assert isinstance(data, dict)
    return data


SUMMARY = (
    "Forecasts how many beds Knowsley wards will need next week, so that ward managers can plan "
    "their staff. It uses admissions records."
)
MINI_DETAILS = ("--summary", SUMMARY, "--contact", "https://example.org/mini", "--stage", "pilot")


def test_init_in_a_terminal_asks_for_what_the_options_leave_out(project: Path) -> None:
    child = spawn(project, "init", "--charter", MINI_CHARTER)
    child.expect_exact("Project name [")
    child.sendline("Admissions Forecast")
    child.expect_exact("Organisation that runs the project: ")
    child.sendline("Mersey NHS")
    child.expect_exact("(Enter to give it later): ")  # what the project does
    child.sendline("TBC")
    child.expect_exact("Not accepted: 'TBC' does not answer the question")
    child.sendline(SUMMARY)
    child.expect_exact("(Enter to give it later): ")  # the contact
    child.sendline("")
    child.expect_exact("(Enter to give it later): ")  # the stage
    child.sendline("2")
    child.expect_exact("Their name (Enter to give it later): ")
    child.sendline("Dr A Rahman")
    child.expect_exact("Their role: ")
    child.sendline("Chief Clinical Information Officer")

    output = finish(child)

    assert child.exitstatus == 0, output
    assert "Wrote charter.yaml" in output
    data = saved(project)
    assert data["project"] == {
        "name": "Admissions Forecast",
        "organisation": "Mersey NHS",
        "summary": SUMMARY,
        "contact": None,
        "stage": "development",
    }
    assert at(data, "declaration", "accountable_person", "role") == "Chief Clinical Information Officer"


def test_ctrl_c_in_assess_keeps_the_answers_given_and_the_next_run_carries_on(project: Path) -> None:
    spawn_init = spawn(project, *init_arguments("Mini", "Org", *MINI_DETAILS, "--charter", MINI_CHARTER))
    assert finish(spawn_init) and spawn_init.exitstatus == 0

    child = spawn(project, "assess", "--charter", MINI_CHARTER, "--today", "2026-11-28")
    for answer in ("yes", "no", "yes", "no"):
        child.expect_exact("Answer yes or no ('skip' to leave it for now): ")
        child.sendline(answer)
    child.expect_exact("[care.benefit]")
    child.expect_exact("Answer: ")
    child.sendline("Shorter waits for patients in Knowsley")
    child.expect_exact("Evidence: ")
    child.sendline("https://example.org/benefit")
    child.expect_exact("[care.approved]")
    child.expect_exact("Answer: ")
    child.sendintr()

    output = finish(child)

    assert child.exitstatus == 130, output
    assert "Traceback" not in output
    assert "Stopped. Every answer given so far is saved in charter.yaml." in output
    assert "charter-check assess" in output
    data = saved(project)
    assert data["profile"] == {
        "personal_data": True,
        "health_data": False,
        "public_authority": True,
        "uses_ai": False,
    }
    assert at(data, "answers", "care.benefit") == {
        "answer": "Shorter waits for patients in Knowsley",
        "evidence": ["https://example.org/benefit"],
    }

    resumed = spawn(project, "assess", "--charter", MINI_CHARTER, "--today", "2026-11-28")
    resumed.expect_exact("[care.approved]")
    resumed.expect_exact("Answer: ")
    resumed.sendeof()
    output = finish(resumed)

    assert resumed.exitstatus == 1, output
    assert "Personal data?" not in output and "[care.benefit]" not in output
    assert "The input ended. Every answer given so far is saved in charter.yaml." in output


def plain_text(transcript: str) -> str:
    """What the terminal showed, without its escape sequences (bold, readline's redraws)."""
    return re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", transcript)


def answer_with(child: pexpect.spawn[str], prompt: str, *answers: str) -> None:
    for answer in answers:
        child.expect_exact(prompt)
        child.sendline(answer)


def test_a_session_at_the_terminal_checks_each_answer_as_it_is_typed_and_resumes_after_ctrl_c(
    project: Path,
) -> None:
    (project / "docs").mkdir()
    (project / "docs" / "approval.md").write_text("Approved.\n", encoding="utf-8")
    init = spawn(project, *init_arguments("Mini", "Org", *MINI_DETAILS, "--charter", MINI_CHARTER))
    assert finish(init) and init.exitstatus == 0

    child = spawn(project, "assess", "--charter", MINI_CHARTER, "--today", "2026-11-28")
    answer_with(child, "('skip' to leave it for now): ", "yes", "no", "yes", "no")
    answer_with(child, "Answer: ", "")  # Enter alone: care.benefit is left for later
    answer_with(child, "Answer: ", "no")  # care.approved: not met, so no evidence is asked for
    child.expect_exact("[care.person]")
    answer_with(child, "Name: ", "Dr A Rahman")
    answer_with(child, "Role: ", "Caldicott Guardian")
    answer_with(child, "(optional): ", "", "", "")
    answer_with(child, "declaration: ", "yes")
    answer_with(child, "Evidence: ", "")
    answer_with(child, "Answer: ", "2")  # law.basis: a choice the charter rejects for a public authority
    child.expect_exact("Not accepted: (f) legitimate interests: not open to public authorities")
    answer_with(child, "Answer: ", "1")
    child.expect_exact("1 -> public-task")
    answer_with(child, "Evidence: ", "", "docs/approval.md")
    answer_with(child, "YYYY-MM-DD): ", "3/12/2026")  # review.next
    child.expect_exact("3/12/2026 -> 2026-12-03 (Thursday 3 December 2026)")
    answer_with(child, "Evidence: ", "")
    child.expect_exact("[review.last]")
    child.expect_exact("YYYY-MM-DD): ")
    child.sendintr()
    shown = plain_text(finish(child))

    assert child.exitstatus == 130, shown
    assert "Answer: \r\n  Skipped; care.benefit is now unanswered" in shown  # Enter ended the line
    approved = shown[shown.index("[care.approved]") : shown.index("[care.person]")]
    assert "Evidence" not in approved and "care.approved is now not met: answered no" in approved
    refused = shown[shown.index("Answer: 2") : shown.index("1 -> public-task")]
    assert "Evidence" not in refused
    before = saved(project)
    assert at(before, "answers", "law.basis") == {"answer": "public-task", "evidence": []}
    assert at(before, "answers", "review.next") == {"answer": "2026-12-03", "evidence": []}

    resumed = spawn(project, "assess", "--charter", MINI_CHARTER, "--today", "2026-11-28")
    answer_with(resumed, "Answer: ", "Better care for residents of Knowsley")
    answer_with(resumed, "Evidence: ", "")
    answer_with(resumed, "YYYY-MM-DD): ", "3 Dec 2025")  # review.last
    answer_with(resumed, "Evidence: ", "")
    answer_with(resumed, "Answer: ", "yes")  # review.basis-reviewed, asked now the basis is public task
    answer_with(resumed, "Evidence: ", "")
    resumed.expect_exact("1 answer(s) not met, partly done or not known: care.approved.")
    answer_with(resumed, "saved answers as defaults? (yes/no) [no]: ", "yes")
    answer_with(resumed, "Answer [no]: ", "yes")
    answer_with(resumed, "Evidence: ", "docs/approval.md")
    shown = plain_text(finish(resumed))

    assert resumed.exitstatus == 0, shown
    assert "Personal data?" not in shown and "[law.basis]" not in shown
    assert "charter.yaml: PASS" in shown
    after = saved(project)
    assert after["profile"] == before["profile"]
    assert after["declaration"] == before["declaration"]
    for kept in ("law.basis", "law.links", "review.next"):
        assert at(after, "answers", kept) == at(before, "answers", kept)
    assert at(after, "answers", "care.approved") == {"answer": "yes", "evidence": ["docs/approval.md"]}
    assert at(after, "answers", "review.last") == {"answer": "2025-12-03", "evidence": []}
