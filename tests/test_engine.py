"""The assessment engine, driven by a small test charter: each answer kind, conditions on the
profile, the stage and other answers, the not-applicable rules, the honest states, evidence checks,
review dates and located findings."""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml

from charter_check.judging.engine import assess
from charter_check.model.assessment import Assessment, CriterionStatus, PrincipleStatus
from charter_check.model.charter import Charter
from charter_check.model.findings import Finding, Severity
from charter_check.model.manifest import ManifestDocument
from charter_check.reading.loading import parse_manifest, read_manifest_file
from tests.conftest import FIXTURES

TODAY = dt.date(2026, 11, 28)

COMPLETE: dict[str, Any] = {
    "charter": "mini-2026",
    "charter_version": "2.0",
    "project": {
        "name": "Bed planning",
        "organisation": "Test Trust",
        "summary": "Forecasts how many beds each ward will need next week, so that staff can be planned ahead.",
        "contact": "beds@test-trust.nhs.example",
        "stage": "live",
    },
    "declaration": {
        "accountable_person": {"name": "Dr A Patel", "role": "Medical Director"},
        "date": "2026-10-01",
        "statement": "I am   responsible.",
    },
    "profile": {"personal_data": True, "health_data": False, "public_authority": True, "uses_ai": False},
    "answers": {
        "care.benefit": {"answer": "Shorter waits for patients"},
        "care.approved": {"answer": "yes", "evidence": ["docs/approval.md"]},
        "law.basis": {"answer": "public-task"},
        "law.links": {"evidence": ["https://example.org/policy"]},
        "review.next": {"answer": "2027-06-01"},
        "review.last": {"answer": "2026-06-01"},
        "review.basis-reviewed": {"answer": "yes"},
    },
}


def run(project: Path, charter: Charter, manifest: dict[str, Any], strict: bool = False) -> Assessment:
    (project / "docs").mkdir(exist_ok=True)
    (project / "docs" / "approval.md").write_text("Approved by the board.\n")
    path = project / "charter.yaml"
    path.write_text(yaml.safe_dump(manifest, sort_keys=False))
    document = parse_manifest(read_manifest_file(path, "charter.yaml"))
    assert isinstance(document, ManifestDocument), document
    return assess(charter, document, TODAY, strict=strict)


def edited(**answers: Any) -> dict[str, Any]:
    manifest = copy.deepcopy(COMPLETE)
    for criterion, entry in answers.items():
        key = criterion.replace("__", ".")
        if entry is None:
            manifest["answers"].pop(key, None)
        else:
            manifest["answers"][key] = entry
    return manifest


def line_of(project: Path, text: str) -> int:
    """The 1-based line of the manifest where ``text`` first appears."""
    lines = (project / "charter.yaml").read_text().splitlines()
    return next(number for number, line in enumerate(lines, start=1) if text in line)


def status(assessment: Assessment, criterion_id: str) -> CriterionStatus:
    return next(r.status for r in assessment.criteria if r.criterion.id == criterion_id)


def findings_for(assessment: Assessment, rule: str) -> list[Finding]:
    return [finding for finding in assessment.findings if finding.rule == rule]


def test_complete_manifest_passes_with_every_applicable_criterion_met(project: Path, mini: Charter) -> None:
    result = run(project, mini, COMPLETE)
    assert result.passed, result.findings
    assert result.verdict == "pass"
    assert [p.status for p in result.principles] == [PrincipleStatus.MET] * 3
    assert status(result, "law.health") is CriterionStatus.NOT_REQUIRED
    assert status(result, "review.retired-notice") is CriterionStatus.NOT_REQUIRED
    assert result.findings == ()
    assert (
        result.judged().headline
        == "Ready for approval: 9 criteria met, 2 do not apply, 0 relaxed by configuration"
    )


@pytest.mark.parametrize(
    ("criterion", "entry", "message"),
    [
        ("care.benefit", {"answer": "Short"}, "at least 10 characters"),
        ("care.approved", {"answer": "maybe", "evidence": ["docs/approval.md"]}, "answer yes or no"),
        (
            "care.approved",
            {"answer": "no", "evidence": ["docs/approval.md"]},
            "answered no: get it approved",
        ),
        ("care.approved", {"answer": True}, "evidence is required"),
        ("law.basis", {"answer": "consent"}, "choose one of: public-task, legitimate-interests, none"),
        ("law.basis", {"answer": "legitimate-interests"}, "not open to public authorities"),
        ("law.basis", {"answer": "none"}, "there must be a basis"),
        ("review.next", {"answer": "2026-11-28"}, "has passed: schedule the next review"),
        ("review.next", {"answer": "2027-02-30"}, "give a date as YYYY-MM-DD"),
        ("review.next", {"answer": "next spring"}, "give a date as YYYY-MM-DD"),
        ("review.last", {"answer": "2027-01-01"}, "is in the future"),
        ("review.last", {"answer": "2025-10-01"}, "more than 365 days"),
    ],
)
def test_answers_that_do_not_meet_their_criterion(
    project: Path, mini: Charter, criterion: str, entry: dict[str, Any], message: str
) -> None:
    result = run(project, mini, edited(**{criterion.replace(".", "__"): entry}))
    assert status(result, criterion) is CriterionStatus.NOT_MET
    [finding] = [f for f in result.findings if f.rule == criterion]
    assert message in finding.message
    assert finding.severity is Severity.ERROR
    assert finding.line > 1
    assert not result.passed


def test_rejected_choice_is_fine_when_the_profile_does_not_trigger_it(project: Path, mini: Charter) -> None:
    manifest = edited(law__basis={"answer": "legitimate-interests"})
    manifest["profile"]["public_authority"] = False
    assert status(run(project, mini, manifest), "law.basis") is CriterionStatus.MET


def test_person_and_statement_are_read_from_the_declaration(project: Path, mini: Charter) -> None:
    manifest = copy.deepcopy(COMPLETE)
    manifest["declaration"]["accountable_person"] = {"name": "Dr A Patel"}
    manifest["declaration"]["statement"] = "I have read the charter and agree with it."
    result = run(project, mini, manifest)
    [person] = findings_for(result, "care.person")
    assert "give the person's role" in person.message
    assert person.line == line_of(project, "accountable_person:") + 1
    [statement] = findings_for(result, "care.statement")
    assert "the statement must say 'responsib'" in statement.message
    assert "the suggested wording is: \u201cI am responsible.\u201d" in statement.message


def test_missing_declaration_is_unanswered_and_cannot_be_waived(project: Path, mini: Charter) -> None:
    manifest = copy.deepcopy(COMPLETE)
    del manifest["declaration"]
    manifest["answers"]["care.person"] = {
        "status": "not_applicable",
        "justification": "We have no owner at all here.",
    }
    result = run(project, mini, manifest)
    assert status(result, "care.statement") is CriterionStatus.MISSING
    assert status(result, "care.person") is CriterionStatus.NOT_MET
    assert "cannot be marked not applicable" in findings_for(result, "care.person")[0].message


def test_evidence_kind_is_a_warning_that_blocks_only_when_strict(project: Path, mini: Charter) -> None:
    manifest = edited(law__links=None)
    result = run(project, mini, manifest)
    assert status(result, "law.links") is CriterionStatus.MISSING
    assert result.passed
    assert result.principles[1].status is PrincipleStatus.MET_WITH_WARNINGS
    assert not run(project, mini, manifest, strict=True).passed


def test_unanswered_error_criterion_blocks_and_is_located_at_its_entry(project: Path, mini: Charter) -> None:
    result = run(project, mini, edited(care__benefit={"answer": None}))
    [finding] = findings_for(result, "care.benefit")
    assert finding.message.startswith("unanswered: What is the benefit?")
    assert (finding.line, finding.column) == (line_of(project, "care.benefit:") + 1, 13)
    assert result.principles[0].status is PrincipleStatus.INCOMPLETE
    assert not result.passed


@pytest.mark.parametrize(
    ("reference", "advice"),
    [
        ("docs/missing.md", "no such file in the project"),
        ("../outside.md", "outside the project folder"),
        ("docs/../../outside.md", "outside the project folder"),
        ("/etc/passwd", "absolute paths are not portable"),
        ("javascript:alert(1)", "only https:// (or http://) links"),
        ("file:///etc/passwd", "only https:// (or http://) links"),
        ("docs", "a folder, not a document"),
        (".", "a folder, not a document"),
    ],
)
def test_unusable_evidence_is_a_warning_of_its_own_located_at_the_reference(
    project: Path, mini: Charter, reference: str, advice: str
) -> None:
    supported = run(
        project, mini, edited(care__approved={"answer": "yes", "evidence": [reference, "docs/approval.md"]})
    )
    assert status(supported, "care.approved") is CriterionStatus.MET, "other evidence supports it"
    [finding] = findings_for(supported, "care.approved")
    assert advice in finding.message and finding.severity is Severity.WARNING
    assert finding.line == line_of(project, f"- {reference}")
    alone = run(project, mini, edited(care__approved={"answer": "yes", "evidence": [reference]}))
    assert status(alone, "care.approved") is CriterionStatus.NOT_MET
    assert any("evidence is required" in f.message for f in findings_for(alone, "care.approved"))


def test_an_http_link_is_a_citation_with_a_warning(project: Path, mini: Charter) -> None:
    result = run(
        project, mini, edited(care__approved={"answer": "yes", "evidence": ["http://example.org/x"]})
    )
    assert status(result, "care.approved") is CriterionStatus.MET
    [warning] = findings_for(result, "care.approved")
    assert warning.severity is Severity.WARNING and "cite its https:// address" in warning.message
    assert result.passed


def test_symlink_out_of_the_project_is_not_evidence(
    project: Path, mini: Charter, tmp_path_factory: pytest.TempPathFactory
) -> None:
    secret = tmp_path_factory.mktemp("elsewhere") / "secret.md"
    secret.write_text("outside")
    (project / "docs").mkdir()
    (project / "docs" / "link.md").symlink_to(secret)
    result = run(project, mini, edited(care__approved={"answer": "yes", "evidence": ["docs/link.md"]}))
    assert any("outside the project folder" in f.message for f in findings_for(result, "care.approved"))
    assert status(result, "care.approved") is CriterionStatus.NOT_MET


def test_answer_to_a_criterion_that_does_not_apply_is_ignored_with_a_note(
    project: Path, mini: Charter
) -> None:
    manifest = edited(law__health={"answer": "no"})
    result = run(project, mini, manifest)
    assert status(result, "law.health") is CriterionStatus.NOT_REQUIRED
    [note] = findings_for(result, "manifest.answer-ignored")
    assert note.severity is Severity.NOTE
    assert (
        note.message
        == "this answer is ignored: 'law.health' does not apply, because not (the project uses health data)"
    )
    assert status(result, "law.health") is CriterionStatus.NOT_REQUIRED
    reason = next(r.message for r in result.criteria if r.criterion.id == "law.health")
    assert reason == "does not apply: not (the project uses health data)"
    assert result.passed


def test_unknown_profile_answers_make_criteria_apply(project: Path, mini: Charter) -> None:
    manifest = edited()
    del manifest["profile"]["personal_data"]
    result = run(project, mini, manifest)
    assert status(result, "law.basis") is CriterionStatus.MET
    [warning] = findings_for(result, "profile.unanswered")
    assert "personal_data" in warning.message


def test_profile_implications_are_applied_and_contradictions_reported(project: Path, mini: Charter) -> None:
    manifest = edited(law__health={"answer": "yes"})
    manifest["profile"].update({"personal_data": None, "health_data": True})
    result = run(project, mini, manifest)
    assert status(result, "law.health") is CriterionStatus.MET
    assert not findings_for(result, "profile.unanswered")
    manifest["profile"]["personal_data"] = False
    [contradiction] = findings_for(run(project, mini, manifest), "profile.contradiction")
    assert "set 'personal_data: true'" in contradiction.message


def test_not_applicable_needs_a_justification_and_permission(project: Path, mini: Charter) -> None:
    justified = {"status": "not_applicable", "justification": "No board exists for a project of this size."}
    result = run(project, mini, edited(care__approved=justified))
    assert status(result, "care.approved") is CriterionStatus.NOT_APPLICABLE
    assert result.passed
    bare = run(project, mini, edited(care__approved={"status": "not_applicable", "justification": "n/a"}))
    assert "without a justification" in findings_for(bare, "care.approved")[0].message
    refused = run(project, mini, edited(care__benefit=justified))
    assert "cannot be marked not applicable" in findings_for(refused, "care.benefit")[0].message


def test_unknown_keys_get_a_suggestion_and_a_location(project: Path, mini: Charter) -> None:
    manifest = edited(care__approvd={"answer": "yes"})
    manifest["answers"]["care.approved"] = {"answer": "yes", "evidense": ["docs/approval.md"]}
    manifest["profile"]["health_dat"] = True
    result = run(project, mini, manifest)
    messages = {finding.rule: finding.message for finding in result.findings}
    assert "did you mean 'care.approved'?" in messages["manifest.unknown-criterion"]
    assert "did you mean 'evidence'?" in messages["manifest.unknown-field"]
    assert "did you mean 'health_data'?" in messages["manifest.unknown-profile-question"]
    assert all(finding.line > 1 for finding in result.findings)


def test_charter_identity_and_version_are_checked(project: Path, mini: Charter) -> None:
    manifest = edited()
    manifest["charter"] = "lcr-2025"
    manifest["charter_version"] = "1.0"
    result = run(project, mini, manifest)
    assert findings_for(result, "manifest.charter-mismatch")[0].severity is Severity.ERROR
    assert findings_for(result, "manifest.charter-version")[0].severity is Severity.WARNING


def test_assessment_does_not_depend_on_the_real_date(project: Path, mini: Charter) -> None:
    first = run(project, mini, COMPLETE)
    second = run(project, mini, COMPLETE)
    assert first == second
    assert first.assessed_on == TODAY


def test_two_charters_not_read_from_files_are_never_mistaken_for_each_other(
    tmp_path: Path, mini: Charter
) -> None:
    # Whether a criterion applies is remembered by the charter's fingerprint; a charter made in
    # memory has none, so the second below must be judged by its own conditions, not the first's.
    data = yaml.safe_load((FIXTURES / "mini_charter.yaml").read_text(encoding="utf-8"))
    law = next(principle for principle in data["principles"] if principle["id"] == "law")
    basis = next(criterion for criterion in law["criteria"] if criterion["id"] == "law.basis")
    results = {}
    for applies_when in ("personal_data", {"not": "personal_data"}):
        basis["applies_when"] = applies_when
        charter = Charter.model_validate(copy.deepcopy(data)).with_bundled_words(mini.words)
        assert charter.sha256 == ""
        assessment = run(tmp_path, charter, COMPLETE)
        results[str(applies_when)] = next(
            r.status for r in assessment.criteria if r.criterion.id == "law.basis"
        )
    assert results == {
        "personal_data": CriterionStatus.MET,
        "{'not': 'personal_data'}": CriterionStatus.NOT_REQUIRED,
    }
