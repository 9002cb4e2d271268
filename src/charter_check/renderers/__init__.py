"""Renderers: each output format is one module over an ``Assessment``, looked up by name here and
imported only when used, so a command loads only its own. The names of each command's formats are
the keys of its registry here, and the command line offers those names as the choices of ``--format``.

The formats of ``validate`` render each manifest as it is checked, perhaps in another process:
``piece(assessment, many)`` turns one assessment into that format's part of the output (small,
plain data that travels between processes), and ``write(rendered, out, many)`` writes the whole
output from the pieces as they come, in order. ``render(name, assessments)`` does both at once.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import import_module
from typing import TYPE_CHECKING, Any, Protocol, TextIO, cast

if TYPE_CHECKING:
    from charter_check.model.assessment import Assessment

Renderer = Callable[..., str]
Write = Callable[[str], object]
SPOOL_IN_MEMORY = 1 << 20

VALIDATE_FORMATS: dict[str, str] = {
    "text": "charter_check.renderers.text",
    "json": "charter_check.renderers.json",
    "github": "charter_check.renderers.github",
    "sarif": "charter_check.renderers.sarif",
    "junit": "charter_check.renderers.junit",
    "gitlab": "charter_check.renderers.gitlab",
}
REPORT_FORMATS: dict[str, str] = {
    "markdown": "charter_check.renderers.markdown:render_markdown",
    "html": "charter_check.renderers.html:render_html",
}
ATRS_FORMATS: dict[str, str] = {
    "markdown": "charter_check.renderers.atrs_markdown:render_atrs_markdown",
    "json": "charter_check.renderers.atrs_json:render_atrs_json",
}
REGISTER_FORMATS: dict[str, str] = {
    "html": "charter_check.renderers.register_html:render_register_html",
    "csv": "charter_check.renderers.register_csv:render_register_csv",
    "json": "charter_check.renderers.register_json:render_register_json",
}
PRINCIPLES_FORMATS: dict[str, str] = {
    "text": "charter_check.renderers.principles:render_principles_text",
    "json": "charter_check.renderers.principles:render_principles_json",
    "markdown": "charter_check.renderers.principles:render_principles_markdown",
}


@dataclass(frozen=True, slots=True)
class Rendered:
    """One manifest as it comes back from being checked: its piece of the output, whether it
    passed, and its verdict line for the log; or, for a manifest that could not be checked at all,
    the problem, in one line."""

    piece: Any = None
    passed: bool = False
    verdict: str = ""
    problem: str | None = None


class ValidateFormat(Protocol):
    """A format of ``validate``: a module with these two functions."""

    def piece(self, assessment: Assessment, many: bool) -> Any: ...

    def write(self, rendered: Iterable[Rendered], out: Write, many: bool) -> None: ...


@contextmanager
def spooled() -> Iterator[TextIO]:
    """A scratch stream for output that must wait for something learnt only at the end (the
    totals a JUnit document opens with, the rules SARIF lists before its results): kept in memory
    while it is small, in a temporary file once it is not, so a long run holds little."""
    with tempfile.SpooledTemporaryFile(max_size=SPOOL_IN_MEMORY, mode="w+", encoding="utf-8") as spool:
        yield cast(TextIO, spool)


def copy_out(spool: TextIO, out: Write) -> None:
    """Everything written to ``spool``, to ``out``, a block at a time."""
    spool.seek(0)
    while block := spool.read(1 << 16):
        out(block)


def validate_format(name: str) -> ValidateFormat:
    """The module of the ``validate`` format ``name``."""
    module: Any = import_module(VALIDATE_FORMATS[name])
    return module  # type: ignore[no-any-return]


def render_one(assessment: Assessment, output_format: ValidateFormat, many: bool) -> Rendered:
    """One assessment's piece in ``output_format``, with its verdict."""
    from charter_check.renderers.text import verdict_line  # noqa: PLC0415 (the verdict is plain text)

    return Rendered(output_format.piece(assessment, many), assessment.passed, verdict_line(assessment))


def render(name: str, assessments: Sequence[Assessment]) -> str:
    """The whole output of the ``validate`` format ``name`` for ``assessments``."""
    output_format = validate_format(name)
    many = len(assessments) > 1
    parts: list[str] = []
    output_format.write((render_one(a, output_format, many) for a in assessments), parts.append, many)
    return "".join(parts)


def renderer(name: str, registry: dict[str, str]) -> Renderer:
    """The render function registered as ``name`` (``module:function``)."""
    module_name, _, function = registry[name].partition(":")
    found: Any = getattr(import_module(module_name), function)
    return found  # type: ignore[no-any-return]
