"""The rule catalogue: every rule a finding can name is described once, for SARIF, JUnit and the
configuration that switches rules off."""

from __future__ import annotations

import re
from pathlib import Path

from charter_check.judging.rules import STRUCTURAL_RULES, known_rule, rule_for
from charter_check.reading.loading import load_charter
from tests.conftest import FIXTURES

SOURCE = Path(__file__).parents[1] / "src" / "charter_check"
RULE_ID = re.compile(r"\"((?:yaml|manifest|profile)\.[a-z]+(?:-[a-z]+)*)\"")


def test_every_structural_rule_the_code_reports_is_described() -> None:
    reported = {
        rule for path in SOURCE.rglob("*.py") for rule in RULE_ID.findall(path.read_text(encoding="utf-8"))
    }
    assert reported, "the rule ids are found in the source"
    assert reported <= set(STRUCTURAL_RULES), (
        f"describe these in rules.py: {sorted(reported - set(STRUCTURAL_RULES))}"
    )


def test_every_rule_has_a_title_description_and_help() -> None:
    for rule in STRUCTURAL_RULES.values():
        assert rule.title and rule.description.endswith(".") and rule.help.endswith(".")


def test_criteria_are_rules_in_the_charters_words() -> None:
    charter = load_charter("lcr-2025")
    for criterion in charter.criteria:
        rule = rule_for(criterion.id, charter)
        assert (rule.title, rule.description) == (criterion.title, criterion.question)
        assert criterion.action in rule.help


def test_a_repository_may_switch_off_only_a_warning_that_does_not_rest_on_the_law() -> None:
    charter = load_charter(str(FIXTURES / "mini_charter.yaml"))
    why = {criterion.id: rule_for(criterion.id, charter).fixed_because for criterion in charter.criteria}

    assert why["review.basis-reviewed"] is None  # a warning, from practice
    assert why["law.links"] == "it rests on the law"  # a warning, citing Art. 30
    assert why["care.benefit"] == "it reports an error, which blocks approval"
    lcr = load_charter("lcr-2025")
    declaration = [c for c in lcr.criteria if (c.answer_from or "").startswith("declaration.")]
    assert declaration and all(not rule_for(c.id, lcr).can_switch_off for c in declaration)


def test_an_unknown_rule_is_still_explained_but_not_known() -> None:
    charter = load_charter("lcr-2025")
    assert rule_for("evidence.something-new", charter).title == "evidence.something-new"
    assert known_rule("evidence.something-new", charter) is None


def test_only_rules_that_leave_the_manifest_readable_and_the_charter_whole_can_be_switched_off() -> None:
    switchable = {rule.id for rule in STRUCTURAL_RULES.values() if rule.can_switch_off}
    assert switchable == {"manifest.charter-version", "manifest.answer-ignored", "profile.unanswered"}
