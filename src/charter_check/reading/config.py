"""Project configuration: ``.charter-check.yaml``, or ``[tool.charter-check]`` in ``pyproject.toml``,
found for each manifest by looking upward from its folder to the top of its repository (never
above it, and never in a folder others can write to, nor in a file someone else owns).

A repository's configuration can only make the check stricter, since a pull request can add one:
it may choose the charter, make warnings block (``fail-level: warning``, as ``--strict`` does),
and switch off warnings and notes, each with the reason the project records. It may not switch
off an error, a criterion resting on the law, or the declaration of responsibility: such a file
stops the command (exit 2) naming the rule. What it does switch off is not dropped: the findings
move to ``Assessment.switched_off`` with the reason, so that every output shows what was relaxed,
where and why::

    # .charter-check.yaml
    charter: lcr-2025
    fail-level: warning
    switch-off:
      profile.unanswered: The programme board sets this project's profile; see docs/profile.md.

A configuration that cannot be used stops the command (exit 2) with ``file:line:column:`` and what
to do.
"""

# The lookup for each manifest works on strings with os calls, for speed (see find_config).
# ruff: noqa: PTH113, PTH118, PTH120

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol

from charter_check.judging.rules import STRUCTURAL_RULES, known_rule
from charter_check.model.assessment import Assessment, SwitchedOff
from charter_check.model.charter import Charter, CriterionSeverity
from charter_check.model.findings import Position, YamlPath, did_you_mean
from charter_check.reading.discovery import display_path
from charter_check.reading.loading import CannotRun
from charter_check.reading.repository import repository_root
from charter_check.reading.yaml_reader import MAX_BYTES, YamlProblem, read_yaml, unsafe_character

CONFIG_FILE = ".charter-check.yaml"
PYPROJECT = "pyproject.toml"
TOML_TABLE = "tool.charter-check"
KEYS = ("charter", "fail-level", "switch-off")
MIN_REASON = 15
_TOML_ERROR_AT = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")


@dataclass(frozen=True)
class Config:
    """The settings in force. ``source`` is the file they came from (None: defaults)."""

    source: str | None = None
    charter: str | None = None
    fail_level: str | None = None
    switches: tuple[SwitchedOff, ...] = ()
    """The rules switched off, each with its reason and where the configuration says so."""

    def check_rules(self, charter: Charter) -> None:
        """Raise CannotRun, naming the line, for a switched-off rule the charter does not know or
        that cannot be switched off."""
        for switch in self.switches:
            rule = known_rule(switch.rule, charter)
            if rule is None:
                candidates = [c.id for c in charter.criteria] + _switchable_structural()
                raise CannotRun(
                    f"{switch.configured_in}: '{switch.rule}' is not a rule of {charter.id}"
                    f"{did_you_mean(switch.rule, candidates)}"
                )
            if not rule.can_switch_off:
                raise CannotRun(
                    f"{switch.configured_in}: '{switch.rule}' cannot be switched off: {rule.fixed_because}; "
                    "configuration may only switch off warnings and notes, so fix what it reports instead"
                )

    def apply(self, assessment: Assessment) -> Assessment:
        """The assessment with switched-off rules' findings moved aside, with their reasons."""
        if not self.switches:
            return assessment
        off = {switch.rule for switch in self.switches}
        switched = tuple(
            replace(
                switch,
                findings=tuple(finding for finding in assessment.findings if finding.rule == switch.rule),
            )
            for switch in self.switches
        )
        kept = tuple(finding for finding in assessment.findings if finding.rule not in off)
        return replace(assessment, findings=kept, switched_off=switched)


def find_config(manifest: Path) -> Path | None:
    """The nearest configuration file for ``manifest``: in its folder or one above it, up to the top
    of its repository (outside one, up to the working folder when the manifest is inside it, else
    its own folder). A ``pyproject.toml`` counts only if it has a ``[tool.charter-check]`` table.
    A folder others can write to, or a file someone else owns, is never read: the search stops.

    Looked up afresh for every manifest (never cached, so never stale), with ``os`` calls on
    strings: a run over a thousand manifests makes a few thousand of them."""
    folder = os.path.realpath(manifest.parent if str(manifest.parent) else ".")
    top = _top_for(folder)
    while _trusted(folder):
        candidate = os.path.join(folder, CONFIG_FILE)
        if os.path.isfile(candidate):
            return Path(candidate) if _trusted(candidate) else None
        pyproject = os.path.join(folder, PYPROJECT)
        if os.path.isfile(pyproject) and _trusted(pyproject) and _mentions_our_table(pyproject):
            return Path(pyproject)
        parent = os.path.dirname(folder)
        if folder in (top, parent) or not _within(parent, top):
            return None
        folder = parent
    return None


def _within(folder: str, top: str) -> bool:
    return folder == top or folder.startswith(os.path.join(top, ""))


def _top_for(folder: str) -> str:
    root = repository_root(Path(folder), links_resolved=True)
    if root is not None:
        return str(root)
    here = os.path.realpath(os.getcwd())  # noqa: PTH109
    return here if _within(folder, here) else folder


def _trusted(path: str) -> bool:
    """Whether a folder or file may hold configuration: owned by this user (or root), and not
    writable by everyone (a shared temporary folder, say)."""
    try:
        status = os.stat(path)  # noqa: PTH116
    except OSError:
        return False
    owners = {0, os.geteuid()} if hasattr(os, "geteuid") else {status.st_uid}
    return status.st_uid in owners and not status.st_mode & stat.S_IWOTH


def config_for(manifest: Path, explicit: Path | None = None) -> Config:
    """The configuration in force for ``manifest``: the file given (``--config``), else the one
    found for it (see ``find_config``), else the defaults."""
    if explicit is not None:
        if not explicit.is_file():
            raise CannotRun(f"{explicit}: no such configuration file; check the path given to --config")
        return load_config(explicit)
    found = find_config(manifest)
    return load_config(found) if found is not None else Config()


def load_config(path: Path) -> Config:
    """Read and check one configuration file. Raises CannotRun with file, line and column."""
    return _load_config(path, _stamp(path))


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        status = path.stat()
    except OSError:
        return None
    return status.st_mtime_ns, status.st_size


@lru_cache(maxsize=64)
def _load_config(path: Path, stamp: tuple[int, int] | None) -> Config:
    """One configuration file read and checked, once per run while it stays the same."""
    shown = display_path(path)
    try:
        with path.open("rb") as stream:
            raw = stream.read(MAX_BYTES + 1)
    except OSError as error:
        raise CannotRun(f"{shown}: cannot be read ({error.strerror}); check its permissions") from None
    if len(raw) > MAX_BYTES:
        raise CannotRun(
            f"{shown}: is over the {MAX_BYTES:,}-byte limit for a configuration file; "
            "check it is the right file"
        )
    if path.name == PYPROJECT:
        settings, locate = _read_pyproject(raw, shown)
    else:
        settings, locate = _read_yaml_config(raw, shown)
    return _Checker(shown, path.parent, locate).config(settings)


# Reading ------------------------------------------------------------------------------------------


class Locator(Protocol):
    """Where a setting is written: ``PositionIndex.locate`` for YAML, ``_TomlLocator`` for TOML."""

    def __call__(self, path: YamlPath, *, at_key: bool = False) -> Position: ...


def _read_yaml_config(raw: bytes, shown: str) -> tuple[Any, Locator]:
    try:
        document = read_yaml(raw)
    except YamlProblem as problem:
        position = problem.position
        raise CannotRun(f"{shown}:{position.line}:{position.column}: {problem.message}") from None
    return document.data, document.positions.locate


def _read_pyproject(raw: bytes, shown: str) -> tuple[Any, Locator]:
    import tomllib  # noqa: PLC0415 (only projects configured in pyproject.toml pay for it)

    text = raw.decode("utf-8", errors="replace")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        at = _TOML_ERROR_AT.search(message)
        line, column = (int(at.group(1)), int(at.group(2))) if at else (1, 1)
        problem = _TOML_ERROR_AT.sub("", message)
        raise CannotRun(f"{shown}:{line}:{column}: invalid TOML: {problem}; fix the syntax") from None
    settings = data.get("tool", {}).get("charter-check")
    return settings, _TomlLocator(text)


class _TomlLocator:
    """Finds the line of a key in ``[tool.charter-check]``. TOML readers keep no positions, so
    this looks for the key's text after the table's header: good enough to point at a line."""

    def __init__(self, text: str) -> None:
        self.lines = text.splitlines()

    def __call__(self, path: YamlPath, *, at_key: bool = False) -> Position:
        header = self._header_line()
        for key in reversed([str(part) for part in path]):
            pattern = re.compile(rf"^\s*(?:[\w.-]+\s*\.\s*)?[\"']?{re.escape(key)}[\"']?\s*=")
            for number in range(header, len(self.lines)):
                match = pattern.match(self.lines[number])
                if match:
                    return Position(number + 1, len(match.group(0)) - len(match.group(0).lstrip()) + 1)
        return Position(header + 1 if header < len(self.lines) else 1, 1)

    def _header_line(self) -> int:
        for number, line in enumerate(self.lines):
            if re.match(r"^\s*\[\s*tool\s*\.\s*[\"']?charter-check", line):
                return number
        return 0


# Checking -----------------------------------------------------------------------------------------


class _Checker:
    """Turns the settings read from a file into a Config, or a located CannotRun."""

    def __init__(self, shown: str, folder: Path, locate: Locator) -> None:
        self.shown = shown
        self.folder = folder
        self.locate = locate

    def problem(self, where: YamlPath, message: str, *, at_key: bool = False) -> CannotRun:
        position = self.locate(where, at_key=at_key)
        return CannotRun(f"{self.where(position)}: {message}")

    def where(self, position: Position) -> str:
        return f"{self.shown}:{position.line}:{position.column}"

    def config(self, settings: Any) -> Config:
        if settings is None:
            return Config(source=self.shown)
        if not isinstance(settings, dict):
            raise self.problem(
                (), "the configuration must be a mapping of settings (charter, fail-level, switch-off)"
            )
        for key in settings:
            if key not in KEYS:
                raise self.problem(
                    (key,), f"unknown setting '{key}'{did_you_mean(key, list(KEYS))}", at_key=True
                )
        return Config(
            source=self.shown,
            charter=self._charter(settings.get("charter")),
            fail_level=self._fail_level(settings.get("fail-level")),
            switches=self._switches(settings.get("switch-off")),
        )

    def _charter(self, value: Any) -> str | None:
        if value is None:
            return None
        if not isinstance(value, str) or not value.strip():
            raise self.problem(
                ("charter",), "'charter' must be a bundled charter id (e.g. lcr-2025) or a path"
            )
        reference = value.strip()
        hidden = unsafe_character(reference)
        if hidden is not None:
            raise self.problem(
                ("charter",), f"'charter' holds an invisible control character ({hidden}); delete it"
            )
        if reference.endswith((".yaml", ".yml")) or "/" in reference:
            return str(self.folder / reference)  # a path is relative to the configuration file
        return reference

    def _fail_level(self, value: Any) -> str | None:
        if value is None:
            return None
        if value not in list(CriterionSeverity):
            raise self.problem(
                ("fail-level",),
                f"'fail-level' must be 'error' or 'warning' (warnings block too), not {value!r}",
            )
        return str(value)

    def _switches(self, value: Any) -> tuple[SwitchedOff, ...]:
        if value is None:
            return ()
        if not isinstance(value, dict):
            raise self.problem(
                ("switch-off",),
                "'switch-off' must map each rule id to the reason it is switched off, "
                "e.g. 'profile.unanswered: <why, in a sentence>'",
            )
        switches = []
        for rule, reason in value.items():
            where: YamlPath = ("switch-off", rule)
            if not isinstance(reason, str) or len(reason.strip()) < MIN_REASON:
                raise self.problem(
                    where,
                    f"give the reason '{rule}' is switched off, in a sentence; reports show it",
                )
            hidden = unsafe_character(f"{rule}{reason}")
            if hidden is not None:
                raise self.problem(
                    where, f"the setting holds an invisible control character ({hidden}); delete it"
                )
            position = self.locate(where, at_key=True)
            switches.append(SwitchedOff(str(rule), " ".join(reason.split()), self.where(position)))
        return tuple(switches)


def _mentions_our_table(pyproject: str) -> bool:
    try:
        with open(pyproject, encoding="utf-8", errors="replace") as text:  # noqa: PTH123
            return TOML_TABLE in text.read()
    except OSError:
        return False


def _switchable_structural() -> list[str]:
    return [rule.id for rule in STRUCTURAL_RULES.values() if rule.can_switch_off]
