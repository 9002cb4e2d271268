"""``charter-check principles``: the charter at a glance, as text, JSON or Markdown."""

from __future__ import annotations

import sys

from charter_check.reading.loading import load_charter
from charter_check.renderers import renderer

PRINCIPLES_FORMATS = {
    "text": "charter_check.renderers.principles:render_principles_text",
    "json": "charter_check.renderers.principles:render_principles_json",
    "markdown": "charter_check.renderers.principles:render_principles_markdown",
}


def principles(charter_ref: str | None, output_format: str) -> int:
    charter = load_charter(charter_ref)
    render = renderer(output_format, PRINCIPLES_FORMATS)
    sys.stdout.write(render(charter))
    return 0
