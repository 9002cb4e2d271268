"""Renderers: each output format is one module with one function over an ``Assessment``.
They are looked up by name here and imported only when used, so a command loads only its own."""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from typing import Any

Renderer = Callable[..., str]

VALIDATE_FORMATS: dict[str, str] = {
    "text": "charter_check.renderers.text:render_text",
    "json": "charter_check.renderers.json:render_json",
    "github": "charter_check.renderers.github:render_github",
    "sarif": "charter_check.renderers.sarif:render_sarif",
    "junit": "charter_check.renderers.junit:render_junit",
    "gitlab": "charter_check.renderers.gitlab:render_gitlab",
}


def renderer(name: str, registry: dict[str, str] = VALIDATE_FORMATS) -> Renderer:
    """The render function registered as ``name``."""
    module_name, _, function = registry[name].partition(":")
    found: Any = getattr(import_module(module_name), function)
    return found  # type: ignore[no-any-return]
