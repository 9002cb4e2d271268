"""Changing a manifest keeps what the user wrote: comments stay above what they describe, keys keep
their order, untouched lines stay byte for byte, and new keys go where the charter puts them."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from charter_check.model.charter import Charter
from charter_check.reading.loading import load_charter
from charter_check.reading.yaml_reader import read_yaml
from charter_check.writing.manifest_writer import (
    REMOVE,
    ManifestChange,
    ManifestEditor,
    ProjectDetails,
    apply_changes,
    scaffold_manifest,
)
from tests.conftest import EXAMPLES, FIXTURES, at, mapping

CHARTER = load_charter("lcr-2025")
EXAMPLE = (EXAMPLES / "nhs-admissions-forecast" / "charter.yaml").read_text(encoding="utf-8")


def change(*path_and_value: object) -> ManifestChange:
    *path, value = path_and_value
    return ManifestChange(tuple(str(part) for part in path), value)


def data(text: str) -> dict[str, object]:
    document = read_yaml(text.encode("utf-8")).data
    assert isinstance(document, dict)
    return document


def comment_lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip().startswith("#")]


def test_no_changes_leave_the_file_byte_identical() -> None:
    assert apply_changes(EXAMPLE, [], CHARTER) == EXAMPLE


def test_a_changed_answer_changes_only_its_line() -> None:
    after = apply_changes(
        EXAMPLE, [change("answers", "security.dpia", "answer", "screened-not-required")], CHARTER
    )

    assert after == EXAMPLE.replace("    answer: completed\n", "    answer: screened-not-required\n")


def test_a_key_added_at_the_end_of_an_entry_goes_above_the_comment_that_follows_it() -> None:
    after = apply_changes(
        EXAMPLE, [change("answers", "transparency.changes-announced", "evidence", ["docs/roles.md"])], CHARTER
    )

    assert "    answer: yes\n    evidence: [docs/roles.md]\n\n  # 5. Inclusivity\n" in after


def test_a_new_answer_entry_goes_in_the_charters_order() -> None:
    after = apply_changes(
        EXAMPLE,
        [
            change(
                "answers",
                "inclusivity.accessibility",
                {"status": "not_applicable", "justification": "No public output."},
            )
        ],
        CHARTER,
    )

    answers = list(mapping(data(after)["answers"]))
    assert answers.index("inclusivity.accessibility") == answers.index("inclusivity.fairness") + 1
    assert "    justification: No public output.\n  inclusivity.equality-impact:\n" in after


@pytest.mark.slow
def test_removing_the_last_key_keeps_the_comment_below_it() -> None:
    added = apply_changes(
        EXAMPLE, [change("answers", "transparency.changes-announced", "notes", "Told the panel.")], CHARTER
    )

    removed = apply_changes(
        added, [change("answers", "transparency.changes-announced", "notes", REMOVE)], CHARTER
    )

    assert removed == EXAMPLE


def test_a_person_replacing_a_scalar_keeps_the_comment_below() -> None:
    text = "charter: lcr-2025\nanswers:\n  security.dpo:\n    answer: Michael\n\n  # Next\n  security.retention:\n    answer: x\n"

    after = apply_changes(
        text, [change("answers", "security.dpo", "answer", {"name": "Michael Osei", "role": "DPO"})], CHARTER
    )

    assert after == (
        "charter: lcr-2025\nanswers:\n  security.dpo:\n    answer:\n      name: Michael Osei\n"
        "      role: DPO\n\n  # Next\n  security.retention:\n    answer: x\n"
    )


def test_values_are_written_the_way_a_person_would_write_them() -> None:
    long_text = " ".join(["Pseudonymised extracts are deleted twelve months after the pilot ends."] * 3)
    text = "charter: lcr-2025\nanswers:\n  security.dpia-review:\n    answer:\n    evidence: []\n"

    after = apply_changes(
        text,
        [
            change("answers", "security.dpia-review", "answer", dt.date(2027, 9, 1)),
            change("answers", "security.dpia-review", "evidence", ["docs/dpia.md", "https://x.example/dpia"]),
            change("answers", "security.retention", "answer", long_text),
            change("profile", "children", False),
            change("answers", "security.safe-data", "answer", "yes"),
        ],
        CHARTER,
    )

    assert "    answer: 2027-09-01\n    evidence: [docs/dpia.md, https://x.example/dpia]\n" in after
    assert "    answer: >-\n      Pseudonymised extracts" in after
    assert max(len(line) for line in after.splitlines()) <= 100
    assert "profile:\n  children: false\n" in after
    assert "  security.safe-data:\n    answer: yes\n" in after
    written = data(after)
    assert at(written, "answers", "security.retention", "answer") == long_text
    assert list(written) == ["charter", "profile", "answers"]


def test_the_files_own_indentation_and_line_endings_are_kept() -> None:
    text = (
        "\ufeff# Windows line ends and a byte-order mark\r\ncharter: lcr-2025\r\nanswers:\r\n"
        "    security.dpia:\r\n        answer: completed\r\n        evidence:\r\n            - docs/a.md\r\n"
    )

    after = apply_changes(
        text, [change("answers", "security.dpia", "evidence", ["docs/a.md", "docs/b.md"])], CHARTER
    )

    assert after == text.replace("- docs/a.md\r\n", "- docs/a.md\r\n            - docs/b.md\r\n")


def test_an_editor_reads_the_file_again_when_it_changed_on_disk() -> None:
    editor = ManifestEditor(CHARTER)
    first = editor.apply(EXAMPLE, [change("answers", "security.dpia", "answer", "not-done")])
    edited_meanwhile = first.replace("stage: pilot", "stage: live")

    second = editor.apply(edited_meanwhile, [change("answers", "governance.change-control", "answer", "no")])

    assert at(data(second), "project", "stage") == "live"
    assert at(data(second), "answers", "security.dpia", "answer") == "not-done"


MINI = load_charter(str(FIXTURES / "mini_charter.yaml"))
MINI_FORM = scaffold_manifest(MINI, ProjectDetails(name="Mini", organisation="Org"))
VALUES = st.one_of(
    st.sampled_from(["yes", "no", "completed", "A short answer.", REMOVE]),
    st.dates(min_value=dt.date(2020, 1, 1), max_value=dt.date(2030, 1, 1)),
    st.lists(st.sampled_from(["docs/dpia.md", "https://example.org/a"]), max_size=2),
    st.just({"name": "Dr Helen Moss", "role": "Caldicott Guardian"}),
    st.text(alphabet="abc :#-'\"", min_size=1, max_size=120).map(
        lambda words: " ".join(words.split()) or "x"
    ),
)


def changes_to(charter: Charter) -> st.SearchStrategy[list[ManifestChange]]:
    return st.lists(
        st.builds(
            lambda criterion, key, value: change("answers", criterion, key, value),
            st.sampled_from([criterion.id for criterion in charter.criteria]),
            st.sampled_from(["status", "answer", "evidence", "justification", "notes"]),
            VALUES,
        ),
        min_size=1,
        max_size=6,
    )


def assert_made_and_comments_kept(text: str, charter: Charter, changes: list[ManifestChange]) -> None:
    after = apply_changes(text, changes, charter)

    assert comment_lines(after) == comment_lines(text)
    answers = data(after)["answers"]
    assert isinstance(answers, dict)
    expected = {made.path: made.value for made in changes}
    for (_, criterion, key), value in expected.items():
        entry = answers.get(criterion) or {}
        if value is REMOVE:
            assert key not in entry
        else:
            assert entry[key] == (value.isoformat() if isinstance(value, dt.date) else value)


@pytest.mark.slow
@settings(max_examples=30, deadline=None)
@given(changes_to(CHARTER))
def test_any_changes_to_a_hand_written_manifest_keep_every_comment(changes: list[ManifestChange]) -> None:
    assert_made_and_comments_kept(EXAMPLE, CHARTER, changes)


@pytest.mark.slow
@settings(max_examples=30, deadline=None)
@given(changes_to(MINI))
def test_any_changes_to_a_new_manifest_keep_the_form(changes: list[ManifestChange]) -> None:
    assert_made_and_comments_kept(MINI_FORM, MINI, changes)


def test_a_fresh_manifest_reads_back() -> None:
    text = scaffold_manifest(CHARTER, ProjectDetails(name="A: project # with 'quotes'", organisation="Org"))

    assert at(data(text), "project", "name") == "A: project # with 'quotes'"
    assert max(len(line) for line in text.splitlines()) <= 100
