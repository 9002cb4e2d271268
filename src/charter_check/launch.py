"""The ``charter-check`` program's entry point.

``validate`` runs on every push, in pre-commit hooks and in CI, so it has to start fast. Before
Typer runs a command it builds a pydantic validator for each of the command's options, which
takes longer than yamllint's whole run. So when ``validate``'s arguments are ordinary ones, they
are read here with argparse and the command starts at once. Anything else (another command,
``--help``, ``--debug``, an argument argparse and Typer might read differently, a mistake) goes
to the Typer app in ``cli.py``, which owns the interface and its messages. A test checks that both
read every ``validate`` option, and the same arguments, alike.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from charter_check.model.charter import CriterionSeverity
from charter_check.renderers import VALIDATE_FORMATS

if TYPE_CHECKING:
    from charter_check.commands.validate import ValidateOptions


class _NotOrdinary(Exception):
    """The arguments are not ones this quick reader takes; Typer will read them."""


class _QuietParser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise _NotOrdinary(message)


def validate_parser() -> argparse.ArgumentParser:
    """``validate``'s options, as declared in ``cli.py`` (the test compares the two)."""
    parser = _QuietParser(prog="charter-check validate", add_help=False, allow_abbrev=False)
    parser.add_argument("paths", nargs="*", type=Path)
    parser.add_argument("--charter")
    parser.add_argument("--format", "-f", dest="output_format", choices=["auto", *VALIDATE_FORMATS])
    parser.add_argument("--output", "-o", type=Path)
    parser.add_argument("--force", action="store_true")
    parser.add_argument("--strict", action="store_true")
    parser.add_argument("--fail-level", choices=list(CriterionSeverity))
    parser.add_argument("--config", type=Path)
    parser.add_argument("--today")
    parser.add_argument("--jobs", "-j", type=int)
    return parser


def quick_validate_options(arguments: Sequence[str]) -> ValidateOptions | None:
    """The options of a ``validate`` command line, or None when Typer should read it."""
    if not arguments or arguments[0] != "validate" or "--" in arguments:
        return None
    try:
        parsed, rest = validate_parser().parse_known_intermixed_args(arguments[1:])
        today = dt.date.fromisoformat(parsed.today) if parsed.today is not None else dt.date.today()
    except (_NotOrdinary, ValueError):
        return None
    if rest or (parsed.jobs is not None and parsed.jobs < 0):
        return None
    from charter_check.commands import options_from  # noqa: PLC0415 (with the command)
    from charter_check.commands.validate import ValidateOptions  # noqa: PLC0415

    return options_from(
        ValidateOptions,
        vars(parsed),
        paths=tuple(parsed.paths or [Path("charter.yaml")]),
        output_format=parsed.output_format or "auto",
        today=today,
    )


def main() -> None:
    # charter-check uses no pydantic plugins; looking for them reads every installed package's metadata.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    options = quick_validate_options(sys.argv[1:])
    if options is None:
        from charter_check.cli import main as typer_main  # noqa: PLC0415 (Typer only when needed)

        typer_main()
        return
    from charter_check.commands.outcome import exit_code  # noqa: PLC0415
    from charter_check.commands.validate import validate  # noqa: PLC0415

    sys.exit(exit_code(lambda: validate(options)))
