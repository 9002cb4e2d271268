"""No output says a label twice in a row ("not required: not required: …", or a status shown
apart and then again at the start of its message, "unanswered unanswered: …"): a message that
already starts with its label is not labelled again, in any format."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from charter_check.reading.loading import load_charter
from charter_check.renderers import VALIDATE_FORMATS
from charter_check.renderers import render as render_format
from charter_check.renderers.github import render_step_summary
from charter_check.renderers.labels import labelled, unlabelled
from charter_check.writing.manifest_writer import ProjectDetails, scaffold_manifest
from tests.conftest import EXAMPLES
from tests.renderers.assessed import assessed, write_manifest
from tests.renderers.conftest import Page, render

EXAMPLE_MANIFESTS = sorted(EXAMPLES.glob("*/charter.yaml"))
DOUBLED = re.compile(r"(?<![\w-])([a-z][\w' -]*?):?\s+\1:", re.IGNORECASE)


def outputs(manifest: Path) -> dict[str, str]:
    """Every format's output for one manifest: validate's formats, the job summary, the reports."""
    assessment = assessed(manifest)
    found = {name: render_format(name, [assessment]) for name in VALIDATE_FORMATS}
    found["step summary"] = render_step_summary([assessment])
    found["report markdown"] = render(manifest, "markdown")
    found["report html"] = Page(render(manifest, "html")).text
    return found


def test_the_detector_finds_a_doubled_label() -> None:
    assert DOUBLED.search('<skipped message="not required: not required: applies only when" />')
    assert DOUBLED.search("switched off: Switched off: reviewed")
    assert DOUBLED.search("Not set. unanswered unanswered: When will the DPIA next be reviewed?")
    assert not DOUBLED.search("not required: applies only when; not applicable: no personal data")


@pytest.mark.parametrize("manifest", EXAMPLE_MANIFESTS, ids=lambda path: path.parent.name)
def test_no_output_of_an_example_says_a_label_twice(manifest: Path) -> None:
    assert_no_label_said_twice(outputs(manifest))


def test_no_output_of_a_new_manifest_says_a_label_twice(tmp_path: Path) -> None:
    """A manifest as ``init`` writes it: every criterion unanswered, every review date unset."""
    form = scaffold_manifest(load_charter("lcr-2025"), ProjectDetails(name="New", organisation="A council"))
    assert_no_label_said_twice(outputs(write_manifest(tmp_path, form)))


def assert_no_label_said_twice(found: dict[str, str]) -> None:
    for name, text in found.items():
        doubled = DOUBLED.search(text)
        assert doubled is None, f"{name}: {doubled.group(0) if doubled else ''}"


def test_a_message_is_labelled_once() -> None:
    assert labelled("not required", "applies only when X") == "not required: applies only when X"
    assert (
        labelled("not required", "not required: applies only when X") == "not required: applies only when X"
    )
    assert labelled("switched off", "Switched off: by the board") == "Switched off: by the board"


def test_a_label_shown_apart_is_taken_off_the_message() -> None:
    assert unlabelled("unanswered", "unanswered: When is the review?") == "When is the review?"
    assert unlabelled("not met", "the date has passed") == "the date has passed"
