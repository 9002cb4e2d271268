"""The Markdown approval report, GitHub-flavoured: for a pull request, a repository's docs folder or a
CI job summary.

Every value a template prints is escaped for Markdown on the way out (Jinja's ``finalize``), not only
for HTML: HTML escaping alone would leave ``|``, ``[link](…)``, ``*`` and ``$…$`` live in Markdown.
So a tag, a link, a table pipe or ``{{ … }}`` typed into a manifest is shown as the characters typed.
Only text built here (``MarkdownSource``, e.g. an evidence link) is printed as it is.
"""

from __future__ import annotations

from typing import Any

from charter_check.model.assessment import Assessment
from charter_check.renderers.markdown_escape import escape_markdown
from charter_check.renderers.report_model import Link, ReportContext, build_report
from charter_check.renderers.templating import template_environment

__all__ = ["MarkdownSource", "escape_markdown", "markdown_link", "markdown_value", "render_markdown"]

TEMPLATE = "report.md.j2"


class MarkdownSource(str):
    """Markdown written by charter-check itself, printed without escaping."""

    __slots__ = ()


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
