"""The documentation CI formats link each rule to: ``docs/criteria.md`` is exactly what
``charter-check principles --format markdown`` writes, with an anchor per criterion, and the
README lists every structural rule under an anchor of its own."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from charter_check.judging.rules import STRUCTURAL_RULES
from charter_check.reading.loading import load_charter
from charter_check.renderers.links import DOCUMENTED_CHARTER, criterion_anchor, rule_anchor
from tests.conftest import TESTS, run_cli

REPOSITORY = TESTS.parent
CRITERIA = REPOSITORY / "docs" / "criteria.md"
README = REPOSITORY / "README.md"


def anchors(text: str) -> list[str]:
    return re.findall(r'<a id="([^"]+)"></a>', text)


def test_docs_criteria_md_is_what_principles_writes(golden: Callable[[Path, str], None]) -> None:
    """Written with ``charter-check principles --format markdown > docs/criteria.md``."""
    result = run_cli("principles", "--charter", DOCUMENTED_CHARTER, "--format", "markdown")
    assert result.exit_code == 0
    golden(CRITERIA, result.stdout)


def test_each_criterion_has_one_anchor_named_after_its_id() -> None:
    charter = load_charter(DOCUMENTED_CHARTER)
    found = anchors(CRITERIA.read_text(encoding="utf-8"))
    assert found == [criterion_anchor(criterion.id) for criterion in charter.criteria]
    assert len(set(found)) == len(found)
    assert criterion_anchor("security.dpia") == "security-dpia"


def test_the_readme_lists_every_structural_rule_under_its_anchor() -> None:
    readme = README.read_text(encoding="utf-8")
    assert "\n#### Rule ids\n" in readme
    listed = [anchor for anchor in anchors(readme) if anchor.startswith("rule-")]
    assert listed == [rule_anchor(rule_id) for rule_id in STRUCTURAL_RULES]
    for rule_id in STRUCTURAL_RULES:
        assert f'<a id="{rule_anchor(rule_id)}"></a>`{rule_id}` |' in readme
