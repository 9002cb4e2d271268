"""The law as it stands in December 2026, as the bundled charter applies it: the cross-checks the
engine makes between the profile and the answers (each an error citing its provision, with the
message a user sees), the criteria real projects are judged on, whose rule each is, and how many
questions each example's profile sees (in tests/test_examples.py)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from charter_check.model.assessment import CriterionResult, CriterionStatus
from charter_check.model.charter import SourceKind
from charter_check.model.findings import Severity
from charter_check.reading.loading import load_charter
from tests.conftest import run_cli
from tests.test_engine import run

LCR = load_charter("lcr-2025")
PROJECT = {
    "name": "Ask Robin",
    "organisation": "Merseybanks Borough Council",
    "summary": "A chatbot on the council's website that answers residents' questions about bins, council "
    "tax and parking, and hands them to an officer when it cannot help.",
    "contact": "digital.services@merseybanks.gov.example",
    "stage": "live",
}


def judged(project: Path, profile: dict[str, bool], **answers: str) -> dict[str, CriterionResult]:
    """Each criterion's result for a manifest with ``profile`` and these answers (criterion ids with
    '__' for '.', '_' for '-')."""
    manifest: dict[str, Any] = {
        "charter": LCR.id,
        "charter_version": LCR.version,
        "project": PROJECT,
        "profile": profile,
        "answers": {
            key.replace("__", ".").replace("_", "-"): {"answer": value, "evidence": ["docs/approval.md"]}
            for key, value in answers.items()
        },
    }
    assessment = run(project, LCR, manifest)
    return {result.criterion.id: result for result in assessment.criteria}


# 1. Cross-checks from the profile and the answers --------------------------------------------------

SOLELY_AUTOMATED = {"personal_data": True, "public_authority": False, "decisions_about_people": True}


def test_solely_automated_decisions_may_not_rely_on_recognised_legitimate_interests(project: Path) -> None:
    profile = {**SOLELY_AUTOMATED, "solely_automated_decisions": True}

    results = judged(project, profile, security__lawful_basis="ea-recognised-legitimate-interest")

    basis = results["security.lawful-basis"]
    assert basis.status is CriterionStatus.NOT_MET
    assert "whoever the controller is (UK GDPR Art. 22B(4))" in basis.message
    without = judged(
        project,
        {**SOLELY_AUTOMATED, "solely_automated_decisions": False},
        security__lawful_basis="ea-recognised-legitimate-interest",
    )
    assert (
        without["security.lawful-basis"].status is CriterionStatus.MET
    )  # a company, with a human in the loop


def test_solely_automated_decisions_on_special_category_data_are_asked_which_22b_condition(
    project: Path,
) -> None:
    profile = {**SOLELY_AUTOMATED, "solely_automated_decisions": True, "special_category_data": True}

    asked = judged(project, profile, security__special_category_condition="a-explicit-consent")
    neither = judged(project, profile, ai_identification__automated_special_category="neither")

    # The Art. 9 answer is not taken as the Art. 22B condition: the question is asked on its own.
    assert asked["ai-identification.automated-special-category"].status is CriterionStatus.MISSING
    result = neither["ai-identification.automated-special-category"]
    assert result.status is CriterionStatus.NOT_MET
    assert "UK GDPR Art. 22B(1) forbids these decisions without one of the two conditions" in result.message
    assert (
        judged(project, {**profile, "special_category_data": False})[
            "ai-identification.automated-special-category"
        ].status
        is CriterionStatus.NOT_REQUIRED
    )


@pytest.mark.parametrize(
    ("profile", "cited"),
    [
        ({"solely_automated_decisions": True, "decisions_about_people": True}, "UK GDPR Art. 35(3)(a)"),
        ({"special_category_data": True, "large_scale": True}, "UK GDPR Art. 35(3)(b)"),
        ({"criminal_offence_data": True, "large_scale": True}, "UK GDPR Art. 35(3)(b)"),
        ({"uses_ai": True}, "ICO list: innovative technology"),
        ({"children": True}, "a DPIA is required: the project uses children's data"),
    ],
)
def test_a_dpia_screened_out_is_refused_where_the_profile_shows_a_likely_high_risk(
    project: Path, profile: dict[str, bool], cited: str
) -> None:
    results = judged(project, {"personal_data": True, **profile}, security__dpia="screened-not-required")

    dpia = results["security.dpia"]
    assert dpia.status is CriterionStatus.NOT_MET
    assert cited in dpia.message


def test_a_dpia_may_be_screened_out_where_nothing_shows_a_likely_high_risk(project: Path) -> None:
    profile = {
        "personal_data": True,
        "special_category_data": False,
        "criminal_offence_data": False,
        "children": False,
        "uses_ai": False,
        "large_scale": False,
        "decisions_about_people": False,
        "monitoring": False,
    }
    profile = {flag: value for flag, value in profile.items() if LCR.profile_question(flag) is not None}

    results = judged(project, profile, security__dpia="screened-not-required")

    assert results["security.dpia"].status is CriterionStatus.MET


@pytest.mark.parametrize("basis", ["ea-recognised-legitimate-interest", "f-legitimate-interests"])
def test_a_public_authority_cannot_rely_on_legitimate_interests_for_its_tasks(
    project: Path, basis: str
) -> None:
    results = judged(project, {"personal_data": True, "public_authority": True}, security__lawful_basis=basis)

    result = results["security.lawful-basis"]
    assert result.status is CriterionStatus.NOT_MET
    assert "a public authority cannot rely on" in result.message and "UK GDPR Art. 6(1)" in result.message


def test_every_cross_check_is_an_error_citing_its_provision() -> None:
    rejections = [
        (criterion, choice, rejection)
        for criterion in LCR.criteria
        for choice in criterion.choices
        for rejection in choice.rejected
    ]
    assert len(rejections) >= 9
    for criterion, choice, rejection in rejections:
        assert criterion.severity.value == "error", criterion.id
        assert rejection.cites, f"{criterion.id}: {choice.value}"


def test_a_cross_check_failing_is_a_located_error(project: Path) -> None:
    manifest: dict[str, Any] = {
        "charter": LCR.id,
        "project": PROJECT,
        "profile": {"personal_data": True, "public_authority": True},
        "answers": {"security.lawful-basis": {"answer": "f-legitimate-interests"}},
    }
    assessment = run(project, LCR, manifest)
    [finding] = [f for f in assessment.findings if f.rule == "security.lawful-basis"]
    assert finding.severity is Severity.ERROR
    lines = (project / "charter.yaml").read_text().splitlines()
    assert lines[finding.line - 1].strip() == "answer: f-legitimate-interests"


# 2. The criteria real projects are judged on ---------------------------------------------------------

NEW_CRITERIA = {
    "inclusivity.equality-impact": ("Equality Act 2010 s.149", "public_authority"),
    "privacy.complaints": ("s.164A", "personal_data"),
    "privacy.children": ("Art. 25(1A)", "children"),
    "privacy.compatible-reuse": ("Art. 6(4)", "repurposed_data"),
    "security.criminal-offence-condition": ("Art. 10", "criminal_offence_data"),
    "legal-compliance.clinical-safety": ("DCB0129", None),
    "legal-compliance.medical-device": ("Medical Devices Regulations 2002", None),
    "inclusivity.ai-local-performance": (None, "uses_ai"),
    "governance.ai-monitoring": (None, "uses_ai"),
    "ai-identification.human-reviewer": (None, "decisions_about_people"),
    "legal-compliance.suppliers-and-hosting": ("Art. 28", "personal_data"),
    "security.international-transfers": ("Art. 46", "personal_data"),
    "legal-compliance.data-licence": ("Copyright and Rights in Databases Regulations 1997", "personal_data"),
    "responsible-innovation.safeguarding": (None, None),
    "independent-oversight.resident-voice": (None, None),
}


@pytest.mark.parametrize("criterion_id", NEW_CRITERIA)
def test_each_criterion_real_projects_are_judged_on_is_there_conditional_and_cited(criterion_id: str) -> None:
    criterion = LCR.criterion(criterion_id)
    assert criterion is not None
    cited, flag = NEW_CRITERIA[criterion_id]
    sources = " ".join(source.ref for source in criterion.sources)
    if cited:
        assert cited in sources, sources
    if flag:
        assert flag in LCR.when_applies(criterion) or flag in str(criterion.applies_when), (
            criterion.applies_when
        )


# 3. Whose rule each is ----------------------------------------------------------------------------------


def test_principles_json_gives_every_criterion_its_source_kinds_and_citations() -> None:
    result = run_cli("principles", "--format", "json")
    assert result.exit_code == 0
    criteria = [c for p in json.loads(result.stdout)["principles"] for c in p["criteria"]]
    assert {c["id"] for c in criteria} == {c.id for c in LCR.criteria}
    for criterion in criteria:
        assert criterion["sources"], criterion["id"]
        assert all(source["type"] in {kind.value for kind in SourceKind} for source in criterion["sources"])
        assert all(source["ref"].strip() for source in criterion["sources"])
    by_id = {c["id"]: c for c in criteria}
    assert "law" in {s["type"] for s in by_id["privacy.complaints"]["sources"]}


def test_the_annual_independent_review_is_said_to_be_the_tools_policy() -> None:
    review = LCR.criterion("independent-oversight.last-review")
    assert review is not None
    assert review.severity.value == "warning"
    assert {source.type for source in review.sources} == {SourceKind.PRACTICE} or SourceKind.PRACTICE in {
        source.type for source in review.sources
    }
    assert not any(s.type is SourceKind.LAW for s in review.sources)


def test_the_declaration_offers_the_tools_wording_as_the_tools() -> None:
    statement = LCR.criterion("accountability.declaration-statement")
    assert statement is not None and statement.statement
    kinds = {source.type: source.ref for source in statement.sources}
    assert "suggested wording" in kinds[SourceKind.PRACTICE]
    assert "word for word" not in statement.question.lower()


def test_transfers_use_the_amended_article_46_language() -> None:
    text = json.dumps(LCR.model_dump(mode="json"))
    assert "transfer risk assessment" not in text.lower()
    assert "data protection test" in text


def test_the_atrs_scope_is_stated_correctly() -> None:
    atrs = LCR.criterion("ai-identification.atrs-record")
    assert atrs is not None
    text = f"{atrs.question} {atrs.help}"
    assert "central government" in text and "recommended" in text


# 4. Humane: the number of questions each example's profile sees is tested, with the figures
# examples/README.md documents, in tests/test_examples.py.
