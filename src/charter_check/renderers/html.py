"""The HTML approval report: one self-contained page for a board, a reviewer or a public website.
Its stylesheet is inlined and allowed by hash in a Content Security Policy that forbids scripts
and every outside request; whatever a manifest says is escaped, so it is shown, never run. The
stylesheet is a template too: the header of each printed page names the project, written into
the stylesheet as a CSS string (``css_string``)."""

from __future__ import annotations

import base64
import hashlib
from typing import Any

from markupsafe import Markup

from charter_check.model.assessment import Assessment
from charter_check.model.visible import visible
from charter_check.renderers.report_model import ReportContext, build_report
from charter_check.renderers.templating import template_environment

TEMPLATE = "report.html.j2"
STYLESHEET = "report.css"


def content_security_policy(stylesheet: str) -> str:
    """Nothing may load or run except the one inline stylesheet, named by its SHA-256."""
    digest = base64.b64encode(hashlib.sha256(stylesheet.encode("utf-8")).digest()).decode("ascii")
    return (
        f"default-src 'none'; style-src 'sha256-{digest}'; img-src 'none'; "
        "base-uri 'none'; form-action 'none'"
    )


def html_value(value: Any) -> Any:
    """What a template prints for ``{{ value }}``, before it is escaped: text with its control and
    bidirectional characters made visible (line breaks kept); markup charter-check made, as it is."""
    if isinstance(value, str) and not isinstance(value, Markup):
        return visible(value, line_breaks=True)
    return value


def css_string(value: str) -> Markup:
    """``value`` as a quoted CSS string that stays one string inside a ``<style>`` element: its
    hidden characters made visible, then every character that could end the string, the rule or
    the element (quotes, backslashes, ``<``, ``>``, ``&``, braces and the like) written as a CSS
    escape (``\\3c ``)."""
    shown = visible(value)
    return Markup('"' + "".join(_css_character(character) for character in shown) + '"')


_CSS_PLAIN = frozenset(" .,:;()-–—’…")
"""Characters that mean nothing special in a CSS string or an HTML ``<style>`` element."""


def _css_character(character: str) -> str:
    if character.isalnum() or character in _CSS_PLAIN:
        return character
    return f"\\{ord(character):x} "  # the space ends the escape, and is not shown


def render_html(assessment: Assessment, context: ReportContext) -> str:
    environment = template_environment(context.template_dir, autoescape=True, finalize=html_value)
    environment.filters["css_string"] = css_string
    report = build_report(assessment, context)
    stylesheet = environment.get_template(STYLESHEET).render(report=report)
    return environment.get_template(TEMPLATE).render(
        report=report,
        css=Markup(stylesheet),  # the template's own text, and the manifest's only through css_string
        content_security_policy=Markup(content_security_policy(stylesheet)),  # base64 and our words
    )
