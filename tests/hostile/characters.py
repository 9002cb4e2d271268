"""Characters that act rather than show, from ``characters.yaml``: one table for every test that
types them into an answer or a name."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

TABLE = Path(__file__).parent / "characters.yaml"


@dataclass(frozen=True)
class Acting:
    """A ``text`` holding a character that acts; that character as every output must show it
    (``\\x1b``), and as a refusal names it (``U+001B, a control character``)."""

    text: str
    shown: str
    name: str


def characters_that_act() -> dict[str, Acting]:
    """The table, by id. (Read with PyYAML, since the manifest reader rightly refuses control
    characters in values; an id given twice would silently hide a case, so it fails here.)"""
    source = TABLE.read_text(encoding="utf-8")
    table = {key: Acting(**fields) for key, fields in yaml.safe_load(source).items()}
    entries = [line for line in source.splitlines() if line and not line.startswith(("#", " "))]
    assert len(entries) == len(table), "two entries of characters.yaml share an id"
    return table
