"""What a report of the hostile manifest (``fixtures/hostile/charter.yaml``) must show: every
field as the characters typed, none of its markup a tag or an event handler, no template code
evaluated."""

from __future__ import annotations

from collections.abc import Set

from tests.renderers.conftest import Page

TYPED = (
    "Pothole <b>Predictor</b> <script>alert('name')</script>",
    "Borough | Council {{ 7*7 }}",
    "<img src=x onerror=\"alert('summary')\"> A model that ranks roads for repair.",
    "[click me](javascript:alert('link'))",
    "{% if true %}yes{% endif %}",
    "<svg onload=alert('svg')>",
    "Director | Highways",
    "I accept <u>nothing</u> {{ config }}",
)
"""Text of the hostile manifest's fields, each of which a report shows as it stands."""


def assert_shown_as_typed(page: Page, injected_tags: Set[str]) -> list[str]:
    """Check that ``page``, a report of the hostile manifest, holds none of ``injected_tags``, no
    event handler and no link to the manifest's tracker, and shows the manifest's text as typed
    and its template code unevaluated; return the page's links for the checks of its format."""
    assert not {tag for tag, _ in page.tags} & injected_tags
    assert not [attrs for _, attrs in page.tags if any(name.startswith("on") for name in attrs)]
    hrefs = [attrs["href"] for attrs in page.named("a")]
    assert "https://evil.example" not in hrefs
    for typed in TYPED:
        assert typed in page.text
    assert "Council 49" not in page.text
    return hrefs
