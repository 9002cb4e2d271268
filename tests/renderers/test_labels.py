"""No output says a label twice in a row ("not required: not required: …"): a message that
already starts with its label is not labelled again, in any format."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from charter_check.renderers import VALIDATE_FORMATS
from charter_check.renderers import render as render_format
from charter_check.renderers.github import render_step_summary
from charter_check.renderers.labels import labelled
from tests.conftest import EXAMPLES
from tests.renderers.assessed import assessed
from tests.renderers.conftest import Page, render

EXAMPLE_MANIFESTS = sorted(EXAMPLES.glob("*/charter.yaml"))
DOUBLED = re.compile(r"(?<![\w-])([a-z][\w' -]*?:)\s+\1", re.IGNORECASE)


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
    assert not DOUBLED.search("not required: applies only when; not applicable: no personal data")


@pytest.mark.parametrize("manifest", EXAMPLE_MANIFESTS, ids=lambda path: path.parent.name)
def test_no_output_of_an_example_says_a_label_twice(manifest: Path) -> None:
    for name, text in outputs(manifest).items():
        doubled = DOUBLED.search(text)
        assert doubled is None, f"{name}: {doubled.group(0) if doubled else ''}"


def test_a_message_is_labelled_once() -> None:
    assert labelled("not required", "applies only when X") == "not required: applies only when X"
    assert (
        labelled("not required", "not required: applies only when X") == "not required: applies only when X"
    )
    assert labelled("switched off", "Switched off: by the board") == "Switched off: by the board"
