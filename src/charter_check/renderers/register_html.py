"""The oversight register as one self-contained HTML page: every project in a table a board can
read, print and publish, sorted so that what needs attention comes first. Like the approval report
it runs no script and loads nothing (its stylesheet is inlined and allowed by hash), and whatever a
manifest says is escaped, so it is shown, never run."""

from __future__ import annotations

from pathlib import Path

from markupsafe import Markup

from charter_check.renderers.html import content_security_policy, html_value
from charter_check.renderers.register_model import COUNTS, Register
from charter_check.renderers.templating import template_environment

TEMPLATE = "register.html.j2"
STYLESHEET = "register.css"


def render_register_html(register: Register, template_dir: Path | None = None) -> str:
    environment = template_environment(template_dir, autoescape=True, finalize=html_value)
    stylesheet = environment.get_template(STYLESHEET).render()
    return environment.get_template(TEMPLATE).render(
        register=register,
        counted=COUNTS,
        css=Markup(stylesheet),  # the template's own text, not a manifest's
        content_security_policy=Markup(content_security_policy(stylesheet)),
    )
