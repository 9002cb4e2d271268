"""Jinja2 environments for the reports. Templates come from the bundled ``templates/`` folder; a
folder given with ``--template-dir`` is searched first, so an organisation can replace one template
(its house style sheet, say) and keep the rest. Undefined names are errors, never blanks."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from jinja2 import BaseLoader, ChoiceLoader, Environment, FileSystemLoader, StrictUndefined, TemplateNotFound

from charter_check.reading.resources import bundled


class BundledTemplates(BaseLoader):
    """Loads templates shipped with charter-check, from the wheel or the source tree."""

    def get_source(
        self, environment: Environment, template: str
    ) -> tuple[str, str | None, Callable[[], bool]]:
        resource = bundled("templates").joinpath(*template.split("/"))
        if not resource.is_file():
            raise TemplateNotFound(template)
        return resource.read_text(encoding="utf-8"), None, lambda: True


def template_environment(
    template_dir: Path | None,
    *,
    autoescape: bool,
    finalize: Callable[[Any], Any] | None = None,
) -> Environment:
    """An environment that looks in ``template_dir`` first, then in the bundled templates."""
    loaders: list[BaseLoader] = [BundledTemplates()]
    if template_dir is not None:
        loaders.insert(0, FileSystemLoader(template_dir))
    return Environment(
        loader=ChoiceLoader(loaders),
        autoescape=autoescape,
        finalize=finalize,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
