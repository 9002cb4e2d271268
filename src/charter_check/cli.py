"""The command line: all argument parsing lives here. Each command parses its options, then calls a
plain function in ``charter_check.commands`` (imported only when that command runs) and exits
with the code it returns. Problems that stop a command become one line on stderr and exit 2."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Annotated, NoReturn, TypeVar

import typer

from charter_check import __version__

EXIT_CANNOT_RUN = 2

app = typer.Typer(
    name="charter-check",
    help="Show how a data or AI project meets the Liverpool City Region Community Charter on Data and AI.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

T = TypeVar("T")


class ValidateFormat(StrEnum):
    TEXT = "text"
    JSON = "json"


class PrinciplesFormat(StrEnum):
    TEXT = "text"
    JSON = "json"
    MARKDOWN = "markdown"


def fail(message: str) -> NoReturn:
    """Print a one-line error and exit 2: the command could not run."""
    sys.stderr.write(f"charter-check: error: {message}\n")
    raise typer.Exit(EXIT_CANNOT_RUN)


EXIT_INTERNAL_ERROR = 70  # EX_SOFTWARE: a bug in charter-check, not in what the user gave it
EXIT_INTERRUPTED = 130


class _Session:
    """Options given before the command name, such as ``--debug``."""

    debug = False


def run(action: Callable[[], int]) -> NoReturn:
    """Run a command function, turning the problems it reports into exit codes. An unexpected
    error is a bug: say so in one line (the trace only with ``--debug``) and exit 70."""
    from charter_check.loading import CannotRun

    try:
        code = action()
    except CannotRun as problem:
        fail(str(problem))
    except KeyboardInterrupt:
        sys.stderr.write("charter-check: interrupted\n")
        raise typer.Exit(EXIT_INTERRUPTED) from None
    except Exception as error:
        if _Session.debug:
            raise
        sys.stderr.write(
            f"charter-check: internal error ({type(error).__name__}: {error}). This is a bug in "
            f"charter-check {__version__}, not in your files: please report it to the charter-check "
            "maintainers with the command you ran and the output of the same command with --debug "
            "before the command name (charter-check --debug validate ...).\n"
        )
        raise typer.Exit(EXIT_INTERNAL_ERROR) from None
    raise typer.Exit(code)


def parse_today(value: str | None) -> dt.date:
    """The assessment date: ``--today YYYY-MM-DD`` for reproducible runs, else the real date."""
    if value is None:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        fail(f"--today {value!r} is not a date; give it as YYYY-MM-DD")


def _version(show: bool) -> None:
    if show:
        sys.stdout.write(f"charter-check {__version__}\n")
        raise typer.Exit(0)


@app.callback()
def main_options(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit."),
    ] = False,
    debug: Annotated[
        bool, typer.Option("--debug", help="On an internal error, show the full trace.")
    ] = False,
) -> None:
    """Show how a data or AI project meets a community charter, from a charter.yaml kept in git."""
    _Session.debug = debug


CharterOption = Annotated[
    str | None,
    typer.Option(
        "--charter",
        metavar="ID|PATH",
        help="A bundled charter id (e.g. lcr-2025) or the path of a charter YAML file. "
        "Default: the charter the manifest names.",
    ),
]
TodayOption = Annotated[
    str | None,
    typer.Option("--today", metavar="YYYY-MM-DD", help="Assess as of this date (for reproducible runs)."),
]


@app.command()
def validate(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(help="Manifests to check, or folders holding a charter.yaml. Default: ./charter.yaml"),
    ] = None,
    charter: CharterOption = None,
    output_format: Annotated[
        ValidateFormat, typer.Option("--format", "-f", help="Output format.")
    ] = ValidateFormat.TEXT,
    strict: Annotated[bool, typer.Option("--strict", help="Warnings block too (exit 1).")] = False,
    today: TodayOption = None,
) -> None:
    """Check charter.yaml against the charter. Exit 0: passes; 1: findings block; 2: could not run."""
    from charter_check.commands.validate import ValidateOptions
    from charter_check.commands.validate import validate as validate_command

    options = ValidateOptions(
        paths=tuple(paths or [Path("charter.yaml")]),
        charter=charter,
        output_format=output_format.value,
        strict=strict,
        today=parse_today(today),
    )
    run(lambda: validate_command(options))


@app.command()
def principles(
    charter: Annotated[
        str | None,
        typer.Option("--charter", metavar="ID|PATH", help="A bundled charter id or a charter YAML file."),
    ] = None,
    output_format: Annotated[
        PrinciplesFormat, typer.Option("--format", "-f", help="Output format.")
    ] = PrinciplesFormat.TEXT,
) -> None:
    """List the charter's principles and the criteria under each."""
    from charter_check.commands.principles import principles as principles_command

    run(lambda: principles_command(charter, output_format.value))


def main() -> None:
    app()
