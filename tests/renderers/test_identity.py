"""Where CI formats say a finding is (its manifest's path from the top of the repository), and its
fingerprint, which stays the same while the finding does, wherever it moves in the file."""

from __future__ import annotations

import hashlib
import json
from dataclasses import replace
from pathlib import Path

import pytest

from charter_check.model.findings import Finding, Severity
from charter_check.reading.repository import repository_root
from charter_check.renderers import identity as identity_module
from charter_check.renderers.gitlab import render_gitlab
from charter_check.renderers.identity import FINGERPRINT_KEY, fingerprint, manifest_place
from charter_check.renderers.json import render_json
from charter_check.renderers.sarif import render_sarif
from tests.renderers.assessed import FAILING, assessed, in_a_repository, switched_off

FINDING = Finding(
    rule="security.dpia",
    severity=Severity.ERROR,
    message="unanswered",
    path="charter.yaml",
    line=12,
    column=5,
    criterion="security.dpia",
    principle="security",
    yaml_path="answers.security.dpia",
)


def test_line_column_message_and_severity_leave_the_fingerprint_alone() -> None:
    moved = replace(FINDING, line=40, column=1, message="answered no", severity=Severity.WARNING)
    assert fingerprint(moved, set()) == fingerprint(FINDING, set())


@pytest.mark.parametrize(
    "change",
    [
        {"rule": "manifest.invalid-value"},
        {"criterion": "security.dpia-review"},
        {"criterion": None},
        {"path": "other/charter.yaml"},
    ],
)
def test_rule_subject_and_manifest_each_change_it(change: dict[str, object]) -> None:
    assert fingerprint(replace(FINDING, **change), set()) != fingerprint(FINDING, set())  # type: ignore[arg-type]


def test_without_a_criterion_the_path_of_keys_is_the_subject() -> None:
    first = replace(FINDING, rule="manifest.unknown-field", criterion=None, yaml_path="project.organisaton")
    second = replace(first, yaml_path="project.summry")
    assert fingerprint(first, set()) != fingerprint(second, set())


def test_findings_that_would_share_a_fingerprint_are_numbered_in_order() -> None:
    taken: set[str] = set()
    first, second, third = (fingerprint(replace(FINDING, line=line), taken) for line in (3, 9, 27))
    assert len({first, second, third}) == 3
    assert first == fingerprint(FINDING, set())
    again: set[str] = set()
    assert [fingerprint(replace(FINDING, line=line), again) for line in (50, 60, 70)] == [
        first,
        second,
        third,
    ]


def test_thousands_of_findings_about_one_criterion_are_numbered_in_order_quickly(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    hashed: list[int] = []
    numbered = identity_module._numbered

    def counted(identity: str, number: int) -> str:
        hashed.append(number)
        return numbered(identity, number)

    monkeypatch.setattr(identity_module, "_numbered", counted)
    taken: set[str] = set()
    given = [fingerprint(replace(FINDING, line=line), taken) for line in range(3_000)]
    identity = "\0".join([FINDING.rule, "security.dpia", "charter.yaml"])
    expected = [hashlib.sha256(f"{identity}\0{number}".encode()).hexdigest() for number in range(3_000)]
    assert given == expected
    # Counted, not timed: trying each number in turn hashes about 4.5 million times for 3,000
    # findings; doubling then halving, about 2 log2(n) a finding.
    assert len(hashed) < 3_000 * 30


def test_the_repository_root_is_found_by_its_git_entry(tmp_path: Path) -> None:
    manifest = in_a_repository(tmp_path)
    assert repository_root(manifest.parent / "docs") == (tmp_path / "repo").resolve()
    (tmp_path / "outside").mkdir()
    assert repository_root(tmp_path / "outside") is None


def test_a_linked_work_tree_or_submodule_has_a_git_file(tmp_path: Path) -> None:
    submodule = tmp_path / "repo" / "vendor" / "charters"
    submodule.mkdir(parents=True)
    (tmp_path / "repo" / ".git").mkdir()
    (submodule / ".git").write_text("gitdir: ../../.git/modules/charters\n", encoding="utf-8")
    assert repository_root(submodule) == submodule.resolve()


def test_the_place_is_from_the_top_of_the_repository_whatever_the_working_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    manifest = in_a_repository(tmp_path)
    for folder, shown in [
        (manifest.parent, "charter.yaml"),
        (manifest.parent / "docs", "../charter.yaml"),
        (tmp_path, "repo/projects/chatbot/charter.yaml"),
        (tmp_path, str(manifest)),
    ]:
        monkeypatch.chdir(folder)
        place = manifest_place(shown)
        assert (place.path, place.root, place.in_repository) == (
            "projects/chatbot/charter.yaml",
            (tmp_path / "repo").resolve(),
            True,
        )


def test_outside_a_repository_the_path_stays_as_given(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "project").mkdir()
    monkeypatch.chdir(tmp_path)
    place = manifest_place("project/charter.yaml")
    assert (place.path, place.root, place.in_repository) == (
        "project/charter.yaml",
        tmp_path.resolve(),
        False,
    )


def test_every_format_gives_a_finding_the_same_fingerprint() -> None:
    reason = "Reviewed with the DPO; the review date moves with the January board."
    assessment = switched_off(assessed(FAILING), "security.dpia-review", reason)
    gitlab = [issue["fingerprint"] for issue in json.loads(render_gitlab([assessment]))]
    document = json.loads(render_json([assessment]))
    counted = [finding["fingerprint"] for finding in document["findings"]]
    suppressed = [finding["fingerprint"] for item in document["switched_off"] for finding in item["findings"]]
    sarif = [
        result["partialFingerprints"][FINGERPRINT_KEY]
        for result in json.loads(render_sarif([assessment]))["runs"][0]["results"]
    ]
    assert suppressed and gitlab == counted
    assert sarif == counted + suppressed
    assert len(set(sarif)) == len(sarif)
