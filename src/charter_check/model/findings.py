"""Located findings: the one shape every problem takes, from a YAML syntax error to an unmet criterion."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from enum import StrEnum
from typing import NamedTuple, Protocol


class Severity(StrEnum):
    """How much a finding matters. Errors block approval; warnings advise; notes only inform."""

    ERROR = "error"
    WARNING = "warning"
    NOTE = "note"

    @property
    def rank(self) -> int:
        return {"error": 2, "warning": 1, "note": 0}[self.value]


class Position(NamedTuple):
    """A 1-based line and column in a file. A named tuple, not a dataclass: the YAML reader makes
    one for every key and value it reads, and a tuple is several times quicker to make."""

    line: int = 1
    column: int = 1


YamlPath = tuple[str | int, ...]
"""Keys and list indexes from the top of a YAML document to a value."""


class Positions(Protocol):
    """Where each value of a document is: what the YAML reader gives the engine."""

    def locate(self, path: YamlPath, *, at_key: bool = False) -> Position: ...


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem, located in a file, with the rule that found it and what to do about it."""

    rule: str
    severity: Severity
    message: str
    path: str
    line: int = 1
    column: int = 1
    criterion: str | None = None
    principle: str | None = None
    yaml_path: str = ""
    """Where in the manifest the finding is, as keys from the top (``answers.security.dpia.evidence[0]``);
    empty for a problem with the file itself, such as a syntax error."""

    def blocks(self, strict: bool) -> bool:
        """Whether this finding stops a manifest passing (warnings too under ``--strict``)."""
        if self.severity is Severity.ERROR:
            return True
        return strict and self.severity is Severity.WARNING


def dotted_path(path: YamlPath) -> str:
    """A path of keys and list indexes as people write it: ``answers.security.dpia.evidence[0]``."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


def finding_sort_key(finding: Finding) -> tuple[str, int, int, int, str]:
    """Order findings by file, then position, most severe first at the same place."""
    return (finding.path, finding.line, finding.column, -finding.severity.rank, finding.rule)


def did_you_mean(word: str, candidates: list[str]) -> str:
    """``; did you mean 'x'?`` when one of ``candidates`` is close to ``word``, for messages about
    a misspelt key; else nothing."""
    close = difflib.get_close_matches(word, candidates, n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""
