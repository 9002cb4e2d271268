"""The Markdown approval report, GitHub-flavoured: for a pull request, a repository's docs folder or a
CI job summary.

Every value a template prints is escaped for Markdown on the way out (Jinja's ``finalize``), not only
for HTML: HTML escaping alone would leave ``|``, ``[link](…)``, ``*`` and ``$…$`` live in Markdown.
So a tag, a link, a table pipe or ``{{ … }}`` typed into a manifest is shown as the characters typed.
Only text built here (``MarkdownSource``, e.g. an evidence link) is printed as it is.
"""

from __future__ import annotations

import re
from typing import Any

from charter_check.model.assessment import Assessment
from charter_check.renderers.report_model import Link, ReportContext, build_report
from charter_check.renderers.templating import template_environment

TEMPLATE = "report.md.j2"

# Characters that start Markdown syntax anywhere in a line. ``{`` and ``}`` are escaped too, so that
# a site generator that reads Liquid or Jinja before Markdown (GitHub Pages) sees no ``{{``; ``$``
# so that GitHub does not read maths.
_INLINE = re.compile(r"[\\`*_{}\[\]|~$]")
# ``<`` starts HTML and autolinks; ``&`` only matters where it would start an entity (``&lt;``).
_HTML = re.compile(r"<|&(?=#?[0-9A-Za-z]+;)")
# GitHub turns a bare URL into a link; a backslash after the scheme or ``www`` keeps it text.
_AUTOLINK = re.compile(r"\b(https?|ftp|www)([:.])(?=//|[^\s.])", re.IGNORECASE)
# Characters that start a block (heading, list, quote, break) only at the start of a line.
_LINE_START = re.compile(r"^(?:[#>+=-]|(\d{1,9})([.)])(?=\s|$))")


class MarkdownSource(str):
    """Markdown written by charter-check itself, printed without escaping."""

    __slots__ = ()


def escape_markdown(text: str) -> str:
    """``text`` as literal characters in GitHub-flavoured Markdown, on one line, so that it is safe
    in a paragraph, a heading or a table cell. Line breaks become ``<br>``."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "<br>".join(_escape_line(line.strip()) for line in lines)


def _escape_line(line: str) -> str:
    line = _HTML.sub(lambda match: "&lt;" if match.group(0) == "<" else "&amp;", line)
    line = _INLINE.sub(lambda match: "\\" + match.group(0), line)
    line = _AUTOLINK.sub(lambda match: f"{match.group(1)}\\{match.group(2)}", line)
    return _LINE_START.sub(_escape_block_start, line)


def _escape_block_start(match: re.Match[str]) -> str:
    if match.group(1) is not None:
        return f"{match.group(1)}\\{match.group(2)}"
    return "\\" + match.group(0)


def markdown_value(value: Any) -> str:
    """What a template prints for ``{{ value }}``: escaped, unless charter-check wrote it."""
    if isinstance(value, MarkdownSource):
        return value
    return escape_markdown(str(value))


def markdown_link(link: Link) -> MarkdownSource:
    """Evidence as a link where it can be followed, otherwise as text saying why it cannot."""
    text = escape_markdown(link.text)
    if link.href is None:
        return MarkdownSource(f"{text} ({escape_markdown(link.problem or 'not linked')})")
    # The href is percent-encoded by the report model, so it holds no <, > or spaces.
    return MarkdownSource(f"[{text}](<{link.href}>)")


def render_markdown(assessment: Assessment, context: ReportContext) -> str:
    environment = template_environment(context.template_dir, autoescape=False, finalize=markdown_value)
    environment.filters["link"] = markdown_link
    return environment.get_template(TEMPLATE).render(report=build_report(assessment, context))
