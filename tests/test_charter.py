"""The bundled charter file: faithful to the published charter, complete, and checked on load."""

from __future__ import annotations

from pathlib import Path

import pytest

from charter_check.model.charter import AnswerKind, Charter
from charter_check.reading.loading import CannotRun, load_charter

# The published wording of principles 1-5, from the launch announcement of 3 July 2025.
PUBLISHED = {
    1: (
        "Beneficial",
        "Use data and AI for the good and benefit of the community and the Liverpool City Region (LCR). "
        "Where possible, benefits should reach wider society as well.",
    ),
    2: (
        "Security",
        "Ensure that the Five Safes (Safe Data, Projects, People, Settings, and Outputs) and the UK "
        "General Data Protection Regulation are being adhered to.",
    ),
    3: (
        "Accountability",
        "Ensure accountability at all levels including a declaration of responsibility for each data "
        "and AI project.",
    ),
    4: (
        "Transparency",
        "Inspire trust between organisations and residents by being honest in how data is collected, "
        "used, and implemented in projects.",
    ),
    5: (
        "Inclusivity",
        "Promote fairness, universal access, and equity in the development of data and AI innovation. "
        "Ensure diverse and affected communities are involved and heard throughout the life of the project.",
    ),
}


@pytest.fixture(scope="module")
def lcr() -> Charter:
    return load_charter("lcr-2025")


def test_metadata(lcr: Charter) -> None:
    assert lcr.id == "lcr-2025"
    assert lcr.published.isoformat() == "2025-07-03"
    assert "Residents' Assembly of 59 people" in lcr.provenance
    assert "not the charter's words" in lcr.provenance
    assert len(lcr.sha256) == 64


def test_principles_1_to_5_carry_the_published_wording(lcr: Charter) -> None:
    for number, (title, statement) in PUBLISHED.items():
        principle = lcr.principles[number - 1]
        assert (principle.title, principle.statement, principle.wording) == (title, statement, "charter")


def test_principles_6_to_11_are_marked_as_our_summary(lcr: Charter) -> None:
    titles = [p.title for p in lcr.principles[5:]]
    assert titles == [
        "Privacy",
        "Legal compliance",
        "Clear AI identification",
        "Governance",
        "Responsible innovation",
        "Independent oversight",
    ]
    assert all(p.wording == "summary" for p in lcr.principles[5:])


def test_every_principle_has_three_criteria_each_with_a_source(lcr: Charter) -> None:
    assert len(lcr.principles) == 11
    for principle in lcr.principles:
        assert len(principle.criteria) >= 3, principle.id
        assert all(criterion.sources for criterion in principle.criteria)


def test_security_has_one_criterion_per_safe_and_the_gdpr_core(lcr: Charter) -> None:
    ids = {criterion.id for criterion in lcr.principles[1].criteria}
    safes = {f"security.safe-{safe}" for safe in ("data", "projects", "people", "settings", "outputs")}
    gdpr = {
        "security.lawful-basis",
        "security.special-category-condition",
        "security.dpia",
        "security.privacy-information",
        "security.retention",
        "security.dpo",
        "security.international-transfers",
        "security.confidentiality",
        "security.national-data-opt-out",
    }
    assert safes | gdpr <= ids


def test_lawful_basis_lists_the_2025_bases_and_closes_ea_and_f_to_public_authorities(lcr: Charter) -> None:
    criterion = lcr.criterion("security.lawful-basis")
    assert criterion is not None and criterion.answer is AnswerKind.CHOICE
    letters = [choice.label.split(")")[0] + ")" for choice in criterion.choices]
    assert letters == ["(a)", "(b)", "(c)", "(d)", "(e)", "(ea)", "(f)"]
    closed = {c.value for c in criterion.choices if any(r.when == "public_authority" for r in c.rejected)}
    assert closed == {"ea-recognised-legitimate-interest", "f-legitimate-interests"}
    assert any("Data (Use and Access) Act 2025" in source.ref for source in criterion.sources)


def test_declaration_of_responsibility_can_never_be_waived(lcr: Charter) -> None:
    declaration = [c for c in lcr.principles[2].criteria if c.answer_from]
    assert {c.answer_from for c in declaration} == {
        "declaration.accountable_person",
        "declaration.date",
        "declaration.statement",
    }
    assert not any(c.may_be_not_applicable for c in declaration)


def test_independent_review_needs_a_reviewer_and_a_future_review_date(lcr: Charter) -> None:
    next_review = lcr.criterion("independent-oversight.next-review")
    reviewer = lcr.criterion("independent-oversight.reviewer")
    assert next_review is not None and next_review.date_rule.value == "future"
    assert reviewer is not None and reviewer.answer is AnswerKind.PERSON


def test_automated_decisions_get_the_article_22_safeguards(lcr: Charter) -> None:
    criterion = lcr.criterion("ai-identification.automated-decision-safeguards")
    assert criterion is not None
    assert criterion.applies_when == "solely_automated_decisions"
    assert "22A-22D" in criterion.sources[0].ref


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (("- number: 2\n", "- number: 3\n"), "numbered 1, 2, 3"),
        (
            ("applies_when: personal_data\n", "applies_when: personal_dta\n"),
            "profile question 'personal_dta'",
        ),
        (("answer: yes_no\n", "answer: yesno\n"), "'yes_no'"),
    ],
)
def test_a_broken_charter_is_refused_with_its_location(
    tmp_path: Path, edit: tuple[str, str], message: str
) -> None:
    original = Path(__file__).parent.parent / "charters" / "lcr_2025.yaml"
    broken = tmp_path / "broken.yaml"
    broken.write_text(original.read_text().replace(*edit, 1))
    with pytest.raises(CannotRun) as caught:
        load_charter(str(broken))
    assert str(caught.value).startswith(f"{broken}:")
    assert message in str(caught.value)
