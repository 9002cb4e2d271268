"""The ATRS record as GitHub-flavoured Markdown, with the "n.n - Field" headings published records
use, to check and paste into the standard's template. Every value is escaped for Markdown on the way
out, as in the Markdown report, so nothing a manifest says becomes a link, a heading or a table
column."""

from __future__ import annotations

from pathlib import Path

from charter_check.model.evidence import https_url_problem
from charter_check.renderers.atrs_record import AtrsRecord
from charter_check.renderers.markdown import MarkdownSource, escape_markdown, markdown_value
from charter_check.renderers.templating import template_environment

TEMPLATE = "atrs.md.j2"


def render_atrs_markdown(record: AtrsRecord, template_dir: Path | None = None) -> str:
    environment = template_environment(template_dir, autoescape=False, finalize=markdown_value)
    environment.filters["written"] = MarkdownSource  # a macro's output, escaped as it was made
    return environment.get_template(TEMPLATE).render(
        record=record,
        standard_link=standard_link(record.url),
        filled=sum(1 for field in record.fields() if field.filled),
        total=sum(1 for _ in record.fields()),
    )


def standard_link(url: str) -> MarkdownSource:
    """The standard's address (from the bundled mapping) as a link, when it is a plain https one."""
    if https_url_problem(url) is None and not set("<> ").intersection(url):
        return MarkdownSource(f"[the ATRS guidance and template](<{url}>)")
    return MarkdownSource(escape_markdown(url))
