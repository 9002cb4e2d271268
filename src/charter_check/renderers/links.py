"""Where charter-check's documentation lives, for the links CI formats give with each rule.

Each criterion of the bundled charter has an anchor in ``docs/criteria.md`` (written by
``charter-check principles --format markdown``); each structural rule has one in the README's
list of rule ids. Links name the tag of this version, so they describe the rules this version
checks.
"""

from __future__ import annotations

from charter_check import __version__
from charter_check.judging.rules import STRUCTURAL_RULES, Rule
from charter_check.model.charter import Charter

REPOSITORY_URL = "https://github.com/lcr-civic-data/charter-check"
DOCUMENTED_CHARTER = "lcr-2025"
"""The charter that ``docs/criteria.md`` documents, criterion by criterion."""
CRITERIA_DOCUMENT = "docs/criteria.md"
RULES_DOCUMENT = "README.md"
RULES_SECTION = "rule-ids"
"""The README's section listing the rule ids (its heading is "Rule ids")."""


def criterion_anchor(criterion_id: str) -> str:
    """The HTML anchor of a criterion in ``docs/criteria.md``: ``security.dpia`` is ``security-dpia``."""
    return criterion_id.replace(".", "-")


def rule_anchor(rule_id: str) -> str:
    """The HTML anchor of a structural rule in the README: ``yaml.syntax`` is ``rule-yaml-syntax``."""
    return "rule-" + rule_id.replace(".", "-")


def documentation_url(document: str, anchor: str) -> str:
    """A link to ``document`` as it is in this version's release, at ``anchor``."""
    return f"{REPOSITORY_URL}/blob/v{__version__}/{document}#{anchor}"


def help_uri(rule: Rule, charter: Charter) -> str | None:
    """Where a rule is explained: a criterion of the documented charter in ``docs/criteria.md``;
    a criterion of another charter at its first source, if it has a link; a structural rule in
    the README's list of rule ids, and any other rule at the top of that list."""
    if charter.criterion(rule.id) is not None:
        if charter.id == DOCUMENTED_CHARTER:
            return documentation_url(CRITERIA_DOCUMENT, criterion_anchor(rule.id))
        return rule.help_uri
    if rule.id in STRUCTURAL_RULES:
        return documentation_url(RULES_DOCUMENT, rule_anchor(rule.id))
    return documentation_url(RULES_DOCUMENT, RULES_SECTION)
