"""``init`` and ``assess`` in a real (pseudo-)terminal: answers typed at the prompts are saved, and
Ctrl-C stops the questionnaire cleanly, keeping them."""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

import pexpect
import pytest

from charter_check.reading.yaml_reader import read_yaml
from tests.conftest import FIXTURES

pytestmark = pytest.mark.slow

MINI_CHARTER = str(FIXTURES / "mini_charter.yaml")
PROMPT_WAIT = 60  # seconds; a guard against a hung prompt, not a measurement


def spawn(project: Path, *args: str) -> pexpect.spawn:
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


def finish(child: pexpect.spawn) -> str:
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
    assert data["declaration"]["accountable_person"]["role"] == "Chief Clinical Information Officer"


def test_ctrl_c_in_assess_keeps_the_answers_given_and_the_next_run_carries_on(project: Path) -> None:
    spawn_init = spawn(
        project,
        "init",
        "--no-input",
        "--name",
        "Mini",
        "--organisation",
        "Org",
        *("--summary", SUMMARY, "--contact", "https://example.org/mini", "--stage", "pilot"),
        "--charter",
        MINI_CHARTER,
    )
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
    assert data["answers"]["care.benefit"] == {
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
