"""The bundled examples: each gives the exit code `examples/README.md` documents and sees the number
of questions it documents; the failing one fails for the reasons a board would care about, located
in its manifest, and states its gaps honestly ('partly', 'not known'); the dashboard sets no
principle aside itself, and the charter's own conditions leave out what does not apply to it."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from charter_check.judging.engine import effective_profile
from charter_check.model.conditions import Facts, evaluate
from charter_check.reading.loading import load_charter
from charter_check.reading.yaml_reader import read_yaml
from tests.conftest import run_cli

EXAMPLES = Path(__file__).parent.parent / "examples"
TODAY = "2026-11-28"

DOCUMENTED_EXIT_CODES = {
    "nhs-admissions-forecast": 0,
    "council-chatbot": 1,
    "transport-dashboard": 0,
}

# Profile questions asked plus criteria that apply, as examples/README.md documents them.
DOCUMENTED_QUESTIONS = {
    "nhs-admissions-forecast": (13, 63),
    "council-chatbot": (12, 58),
    "transport-dashboard": (4, 32),
}

# The chatbot's findings a board must act on, and the manifest entry each should point at.
BOARD_FINDINGS = {
    "ai-identification.tell-people": "ai-identification.tell-people",
    "ai-identification.label-output": "ai-identification.label-output",
    "accountability.accountable-person": "accountable_person",
    "security.lawful-basis": "security.lawful-basis",
    "independent-oversight.next-review": "independent-oversight.next-review",
    "responsible-innovation.safeguarding": "responsible-innovation.safeguarding",
    "governance.ai-monitoring": "governance.ai-monitoring",
    "inclusivity.equality-impact": "inclusivity.equality-impact",
}

# What the chatbot honestly says it has only in part, and what it does not know yet.
CHATBOT_PARTLY = {
    "inclusivity.equality-impact",
    "privacy.complaints",
    "legal-compliance.suppliers-and-hosting",
    "responsible-innovation.safeguarding",
}
CHATBOT_NOT_KNOWN = {"responsible-innovation.environment"}


def validate(example: str, *options: str) -> tuple[int, str]:
    """Run ``charter-check validate <example>/charter.yaml`` from the examples folder."""
    result = run_cli("validate", f"{example}/charter.yaml", "--today", TODAY, *options, cwd=EXAMPLES)
    return result.exit_code, result.stdout


def validate_json(example: str) -> dict[str, Any]:
    _, output = validate(example, "--format", "json")
    document: dict[str, Any] = json.loads(output)
    return document


def criteria_of(document: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {
        criterion["id"]: criterion
        for principle in document["principles"]
        for criterion in principle["criteria"]
    }


def manifest(example: str) -> dict[str, Any]:
    data: dict[str, Any] = read_yaml((EXAMPLES / example / "charter.yaml").read_bytes()).data
    return data


def manifest_lines(example: str) -> list[str]:
    return (EXAMPLES / example / "charter.yaml").read_text(encoding="utf-8").splitlines()


def entry_above(lines: list[str], line_number: int) -> str:
    """The name of the two-space-indented manifest entry that holds ``line_number`` (1-based)."""
    for line in reversed(lines[:line_number]):
        entry = re.match(r"^  ([\w.-]+):", line)
        if entry:
            return entry.group(1)
    raise AssertionError(f"no manifest entry at or above line {line_number}")


def profile_questions_asked(example: str) -> list[str]:
    """The profile questions the charter asks this example: those whose ``asked_when`` does not
    rule them out, given its answers (a question not asked counts as no)."""
    charter = load_charter("lcr-2025")
    profile = effective_profile(charter, manifest(example)["profile"])
    return [q.id for q in charter.profile if evaluate(q.asked_when, Facts(profile)) is not False]


def plain(text: Any) -> str:
    return " ".join(str(text).split())


@pytest.mark.parametrize(("example", "exit_code"), DOCUMENTED_EXIT_CODES.items())
def test_example_gives_its_documented_exit_code(example: str, exit_code: int) -> None:
    code, output = validate(example)
    assert code == exit_code, output
    verdict = "PASS: Ready for approval:" if exit_code == 0 else "FAIL: Not ready:"
    assert f"{example}/charter.yaml: {verdict}" in output


@pytest.mark.parametrize(("example", "exit_code"), DOCUMENTED_EXIT_CODES.items())
def test_example_json_verdict_agrees_with_exit_code(example: str, exit_code: int) -> None:
    document = validate_json(example)
    assert document["verdict"] == ("pass" if exit_code == 0 else "fail")
    assert document["readiness"]["state"] == ("ready" if exit_code == 0 else "not_ready")
    assert [principle["number"] for principle in document["principles"]] == list(range(1, 12))


@pytest.mark.parametrize("example", DOCUMENTED_EXIT_CODES)
def test_example_answers_the_current_charter_and_nothing_it_no_longer_asks(example: str) -> None:
    data = manifest(example)
    assert data["charter_version"] == "1.1"
    assert "principles_not_applicable" not in data
    assert "privacy.minimisation" not in data["answers"]
    assert {"summary", "contact", "stage"} <= set(data["project"])
    document = validate_json(example)
    assert [
        f for f in document["findings"] if f["rule"].startswith(("manifest.", "project.", "profile."))
    ] == []


@pytest.mark.parametrize("example", DOCUMENTED_EXIT_CODES)
def test_example_cites_every_evidence_file_it_ships_and_no_other(example: str) -> None:
    document = validate_json(example)
    cited = {
        item["reference"] for criterion in criteria_of(document).values() for item in criterion["evidence"]
    }
    states = {item["state"] for criterion in criteria_of(document).values() for item in criterion["evidence"]}
    shipped = {path.relative_to(EXAMPLES / example).as_posix() for path in (EXAMPLES / example).rglob("*.md")}
    assert states <= {"file", "link"}
    assert {reference for reference in cited if not reference.startswith("https://")} == shipped


@pytest.mark.parametrize(("example", "counts"), DOCUMENTED_QUESTIONS.items())
def test_example_sees_the_documented_number_of_questions(example: str, counts: tuple[int, int]) -> None:
    asked = profile_questions_asked(example)
    document = validate_json(example)
    applying = [c for c in criteria_of(document).values() if c["status"] != "not_required"]
    assert (len(asked), len(applying)) == counts
    # The profile answers exactly the questions it is asked: none left open, none asked for nothing.
    assert sorted(manifest(example)["profile"]) == sorted(asked)
    readme = (EXAMPLES / "README.md").read_text(encoding="utf-8")
    profile, criteria = counts
    assert f"{profile + criteria} ({profile} profile + {criteria} criteria)" in readme


def test_question_counts_stay_within_their_limits() -> None:
    nhs, dashboard = (
        DOCUMENTED_QUESTIONS["nhs-admissions-forecast"],
        DOCUMENTED_QUESTIONS["transport-dashboard"],
    )
    assert sum(nhs) < 80
    assert sum(dashboard) <= 38  # what the dashboard saw under version 1.0 of the charter


def test_health_forecast_meets_everything_that_blocks_and_says_why_one_warning_remains() -> None:
    document = validate_json("nhs-admissions-forecast")
    assert document["summary"]["findings"]["error"] == 0
    assert [finding["rule"] for finding in document["findings"]] == ["independent-oversight.resident-voice"]
    criteria = criteria_of(document)
    outstanding = {c["id"] for c in criteria.values() if c["status"] not in ("met", "not_required")}
    assert outstanding == {"independent-oversight.resident-voice"}
    answers = manifest("nhs-admissions-forecast")["answers"]
    assert answers["independent-oversight.resident-voice"]["answer"] == "hears-from-residents"
    assert answers["governance.ai-monitoring"]["answer"] == "monitored-with-triggers"
    for new in (
        "inclusivity.equality-impact",
        "inclusivity.ai-local-performance",
        "privacy.complaints",
        "privacy.compatible-reuse",
        "legal-compliance.suppliers-and-hosting",
        "legal-compliance.clinical-safety",
        "legal-compliance.medical-device",
        "governance.ai-monitoring",
    ):
        assert criteria[new]["status"] == "met", new
    # Not asked: it makes or informs no decision about an individual patient.
    assert criteria["ai-identification.human-reviewer"]["status"] == "not_required"
    assert criteria["responsible-innovation.safeguarding"]["status"] == "not_required"


@pytest.mark.parametrize(("rule", "entry"), BOARD_FINDINGS.items())
def test_chatbot_fails_for_board_relevant_reasons_located_in_the_manifest(rule: str, entry: str) -> None:
    _, output = validate("council-chatbot")
    pattern = rf"^council-chatbot/charter\.yaml:(\d+):(\d+): error \[{re.escape(rule)}\] (.+)$"
    found = re.search(pattern, output, flags=re.MULTILINE)
    assert found, output
    line, column = int(found.group(1)), int(found.group(2))
    assert column >= 1
    assert entry_above(manifest_lines("council-chatbot"), line) == entry


def test_chatbot_messages_say_what_is_wrong() -> None:
    _, output = validate("council-chatbot")
    findings = {
        match.group(1): match.group(2)
        for match in re.finditer(r"^\S+ error \[([\w.-]+)\] (.+)$", output, flags=re.MULTILINE)
    }
    assert "a public authority cannot rely on (f) legitimate interests" in findings["security.lawful-basis"]
    assert "AI system" in findings["ai-identification.tell-people"]
    assert "declaration.accountable_person" in findings["accountability.accountable-person"]
    assert "2026-10-31 has passed" in findings["independent-oversight.next-review"]
    assert "no thresholds are written down" in findings["governance.ai-monitoring"]
    assert "trained in safeguarding" in findings["responsible-innovation.safeguarding"]


def test_chatbot_states_what_it_has_in_part_and_what_it_does_not_know() -> None:
    answers = manifest("council-chatbot")["answers"]
    document = validate_json("council-chatbot")
    criteria = criteria_of(document)
    partly = {c["id"] for c in criteria.values() if c["status"] == "partly"}
    not_known = {c["id"] for c in criteria.values() if c["status"] == "not_known"}
    assert partly == CHATBOT_PARTLY
    assert not_known == CHATBOT_NOT_KNOWN
    for criterion_id in CHATBOT_PARTLY:
        assert plain(criteria[criterion_id]["missing"]) == plain(answers[criterion_id]["missing"])
    for criterion_id in CHATBOT_NOT_KNOWN:
        criterion = criteria[criterion_id]
        assert criterion["who_will_find_out"] == answers[criterion_id]["who_will_find_out"]
        assert criterion["find_out_by"] == str(answers[criterion_id]["find_out_by"])
        assert criterion["find_out_by"] > TODAY
        assert re.match(r"^[A-Z][a-z]+ [A-Z][\w'-]+, ", criterion["who_will_find_out"])  # a name, then a role
    # Both honest states are outstanding: they block the verdict, and none counts as met.
    readiness = document["readiness"]
    assert (readiness["partly"], readiness["not_known"]) == (len(CHATBOT_PARTLY), len(CHATBOT_NOT_KNOWN))
    errors = {f["criterion"] for f in document["findings"] if f["severity"] == "error"}
    assert errors >= CHATBOT_PARTLY | CHATBOT_NOT_KNOWN


def test_chatbot_lapsed_review_is_a_warning_and_the_missed_one_an_error() -> None:
    document = validate_json("council-chatbot")
    severities = {f["criterion"]: f["severity"] for f in document["findings"] if f["criterion"]}
    assert severities["independent-oversight.last-review"] == "warning"
    assert severities["independent-oversight.next-review"] == "error"


def test_readme_excerpt_matches_the_chatbot_output() -> None:
    readme = (EXAMPLES / "README.md").read_text(encoding="utf-8")
    excerpt = re.search(r"```text\n(.*?)```", readme, flags=re.DOTALL)
    assert excerpt, "examples/README.md has no ```text excerpt"
    _, output = validate("council-chatbot")
    output_lines = output.splitlines()
    for line in excerpt.group(1).splitlines():
        if line != "...":
            assert line in output_lines
    # Every error is in the excerpt, so a new or vanished error shows up as a README change.
    errors = [line for line in output_lines if re.match(r"^\S+ error \[", line)]
    assert errors == [line for line in excerpt.group(1).splitlines() if " error [" in line]


def test_dashboard_sets_no_principle_aside_and_the_charter_leaves_out_what_does_not_apply() -> None:
    data = manifest("transport-dashboard")
    assert data["profile"] == {
        "personal_data": False,
        "uses_ai": False,
        "public_authority": True,
        "public_facing": True,
    }
    document = validate_json("transport-dashboard")
    left_out = {p["id"] for p in document["principles"] if p["status"] == "not_applicable"}
    assert left_out == {"security", "privacy", "ai-identification"}
    for principle in document["principles"]:
        if principle["id"] in left_out:
            for criterion in principle["criteria"]:
                assert criterion["status"] == "not_required"
                assert re.search(r"uses no (personal data|AI)", criterion["message"]), criterion
                assert criterion["id"] not in data["answers"]


def test_dashboard_answers_the_criteria_new_to_it() -> None:
    criteria = criteria_of(validate_json("transport-dashboard"))
    for new in (
        "inclusivity.equality-impact",
        "legal-compliance.data-licence",
        "independent-oversight.resident-voice",
    ):
        assert criteria[new]["status"] == "met", new
    assert "Open Government Licence" in criteria["legal-compliance.data-licence"]["answer"]


def test_dashboard_justifies_a_criterion_not_applicable() -> None:
    document = validate_json("transport-dashboard")
    criteria = criteria_of(document)
    last_review = criteria["independent-oversight.last-review"]
    assert last_review["status"] == "not_applicable"
    assert "15 March 2027" in last_review["justification"]
    assert criteria["independent-oversight.next-review"]["status"] == "met"
    assert document["summary"]["criteria"]["not_applicable"] == 1
