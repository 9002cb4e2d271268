"""``charter-check principles``: the charter at a glance, as text, JSON or Markdown."""

from __future__ import annotations

import sys

from charter_check.reading.loading import load_charter
from charter_check.renderers import PRINCIPLES_FORMATS, renderer


def principles(charter_ref: str | None, output_format: str) -> int:
    charter = load_charter(charter_ref)
    render = renderer(output_format, PRINCIPLES_FORMATS)
    sys.stdout.write(render(charter))
    return 0
