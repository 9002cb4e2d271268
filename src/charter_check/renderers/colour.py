"""Colour for the ``text`` format on a terminal, and nowhere else: the plain text lines, with the
severity words, verdicts and principle statuses coloured. The words carry the meaning; colour only
helps the eye. Rich is imported only when colour is wanted, and never interprets markup or emoji
codes, so nothing a manifest says can change how it is shown.
"""

from __future__ import annotations

import io
import os
import re
from collections.abc import Sequence
from typing import TextIO

from charter_check.model.assessment import Assessment
from charter_check.renderers.labels import PRINCIPLE_STATUS_WORDS
from charter_check.renderers.text import render_text

STYLES = {
    "error": "bold red",
    "warning": "yellow",
    "note": "cyan",
    "PASS": "bold green",
    "FAIL": "bold red",
    "met": "green",
    "met, with warnings": "yellow",
    "incomplete": "yellow",
    "NOT MET": "bold red",
    "not applicable": "dim",
    "not assessed": "dim",
}
_FINDING = re.compile(r"^.+?:\d+:\d+: (error|warning|note) \[")
_VERDICT = re.compile(r"^.+?: (PASS|FAIL): ")
_LONGEST_FIRST = sorted(PRINCIPLE_STATUS_WORDS.values(), key=len, reverse=True)
_STATUSES = "|".join(re.escape(word) for word in _LONGEST_FIRST)
_PRINCIPLE_ROW = re.compile(rf"^\s+\d+\. .+?\s+({_STATUSES})(?:\s|$)")


def wants_colour(stream: TextIO) -> bool:
    """Colour when writing to a terminal, unless NO_COLOR is set; FORCE_COLOR asks for it anyway.
    NO_COLOR wins over FORCE_COLOR (https://no-color.org)."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    if os.environ.get("TERM") == "dumb":
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def coloured_span(line: str) -> tuple[int, int, str] | None:
    """Where to colour ``line`` (start, end, style), or None to leave it plain."""
    for pattern in (_FINDING, _VERDICT, _PRINCIPLE_ROW):
        match = pattern.match(line)
        if match:
            return match.start(1), match.end(1), STYLES[match.group(1)]
    return None


def coloured(text: str) -> str:
    """Lines of the ``text`` format with ANSI colours."""
    from rich.console import Console  # noqa: PLC0415 (only a terminal that wants colour pays for rich)
    from rich.text import Text  # noqa: PLC0415

    buffer = io.StringIO()
    console = Console(
        file=buffer,
        force_terminal=True,
        color_system="standard",
        markup=False,
        emoji=False,
        highlight=False,
        soft_wrap=True,
    )
    for line in text.splitlines():
        styled = Text(line)
        span = coloured_span(line)
        if span is not None:
            styled.stylize(span[2], span[0], span[1])
        console.print(styled)
    return buffer.getvalue()


def render_text_coloured(assessments: Sequence[Assessment]) -> str:
    """The ``text`` format with ANSI colours."""
    return coloured(render_text(assessments))
