"""The command line: all argument parsing lives here. Each command parses its options, then calls a
plain function in ``charter_check.commands`` (imported only when that command runs) and exits
with the code it returns. Problems that stop a command become one line on stderr and exit 2, and
so do mistakes on the command line itself (an unknown option, a missing value, a bad choice)."""

from __future__ import annotations

import datetime as dt
import re
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal, NoReturn

import typer

# Typer's own copy of Click (since Typer 0.26) raises these for mistakes on the command line.
from typer._click.exceptions import ClickException, NoArgsIsHelpError, UsageError
from typer.core import TyperCommand, TyperGroup

from charter_check import __version__
from charter_check.commands import options_from
from charter_check.commands.outcome import EXIT_CANNOT_RUN, exit_code
from charter_check.model.charter import CriterionSeverity
from charter_check.renderers import (
    ATRS_FORMATS,
    PRINCIPLES_FORMATS,
    REGISTER_FORMATS,
    REPORT_FORMATS,
    VALIDATE_FORMATS,
)


def usage_problem(error: UsageError) -> str:
    """A mistake on the command line as one line: ``charter-check: error: <what>; see
    'charter-check <command> --help'``."""
    text = _in_our_words(error, " ".join(error.format_message().split()).replace("Value error, ", ""))
    text = re.sub(r"\.? ?Did you mean (.+?)\??$", r" (did you mean \1?)", text)
    text = re.sub(r" \(Possible options: (.+)\)$", r" (did you mean \1?)", text).rstrip(".")
    names: list[str] = []  # the command, and the group it is in (``export atrs``)
    context = error.ctx
    while context is not None and context.parent is not None:
        names.insert(0, context.command.name or "")
        context = context.parent
    see = " ".join(["charter-check", *names, "--help"])
    return f"charter-check: error: {text[:1].lower()}{text[1:]}; see '{see}'\n"


_VALUE_PROBLEMS = {
    "int_parsing": "'{input}' is not a whole number",
    "greater_than_equal": "'{input}' is less than {ge}",
}
"""The tool's words for the problems pydantic finds in a value Typer converts (``--jobs x``)."""


def _in_our_words(error: UsageError, text: str) -> str:
    """The message with pydantic's words for a value that could not be converted ('Input should be
    a valid integer, unable to parse string as an integer') replaced by the tool's, naming the value."""
    problems = getattr(error.__cause__, "errors", None)
    if not callable(problems):
        return text
    for problem in problems():
        template = _VALUE_PROBLEMS.get(problem["type"])
        if template:
            ours = template.format(input=problem["input"], **problem.get("ctx", {}))
        else:
            ours = f"'{problem['input']}' " + problem["msg"].replace("Input should", "should", 1)
        text = text.replace(problem["msg"], ours)
    return text


class CommandLine(TyperGroup):
    """charter-check's commands. Typer's way of showing a mistake on the command line (the usage,
    a hint and the error, over several lines) is replaced by one line in the tool's own style."""

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode, windows_expand_args, **extra)
        try:
            code = super().main(args, prog_name, complete_var, False, windows_expand_args, **extra)
        except NoArgsIsHelpError as error:  # `charter-check` alone: the help, as before
            error.show()
            sys.exit(error.exit_code)
        except UsageError as error:
            sys.stderr.write(usage_problem(error))
            sys.exit(EXIT_CANNOT_RUN)
        except ClickException as error:
            sys.stderr.write(f"charter-check: error: {error.format_message()}\n")
            sys.exit(EXIT_CANNOT_RUN)
        except typer.Abort:
            sys.stderr.write("charter-check: stopped\n")
            sys.exit(1)
        sys.exit(code if isinstance(code, int) else 0)


class Command(TyperCommand):
    """A command whose help names each argument by its metavar (``PATH...``), without the type
    Typer adds (``<list[Path]>``), which tells a reader nothing more, and whose mistakes on the
    command line always say which command they are about."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        try:
            return super().parse_args(ctx, args)
        except UsageError as error:
            if error.ctx is None:  # "requires an argument" comes without the command it is about
                error.ctx = ctx
            raise

    def format_options(self, ctx: Any, formatter: Any) -> None:
        arguments: list[tuple[str, str]] = []
        options: list[tuple[str, str]] = []
        for param in self.get_params(ctx):
            record = param.get_help_record(ctx)
            if record is None:
                continue
            if param.param_type_name == "argument" and param.metavar:
                more = "..." if param.nargs != 1 else ""
                arguments.append((param.metavar + more, record[1]))
            else:
                (arguments if param.param_type_name == "argument" else options).append(record)
        for title, records in (("Arguments", arguments), ("Options", options)):
            if records:
                with formatter.section(title):
                    formatter.write_dl(records)


app = typer.Typer(
    name="charter-check",
    cls=CommandLine,
    help="Show how a data or AI project meets the Liverpool City Region Community Charter on Data and AI.",
    no_args_is_help=True,
    add_completion=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


# The formats each command offers: the names its renderers are registered under. A Literal of them
# is what makes Typer show them in the help, complete them in the shell and refuse any other.
if TYPE_CHECKING:
    ValidateFormat = str
    ReportFormat = str
    ExportFormat = str
    RegisterFormat = str
    PrinciplesFormat = str
else:
    ValidateFormat = Literal[("auto", *VALIDATE_FORMATS)]
    ReportFormat = Literal[tuple(REPORT_FORMATS)]
    ExportFormat = Literal[tuple(ATRS_FORMATS)]
    RegisterFormat = Literal[tuple(REGISTER_FORMATS)]
    PrinciplesFormat = Literal[tuple(PRINCIPLES_FORMATS)]


def fail(message: str) -> NoReturn:
    """Print a one-line error and exit 2: the command could not run."""
    sys.stderr.write(f"charter-check: error: {message}\n")
    raise typer.Exit(EXIT_CANNOT_RUN)


class _Session:
    """Options given before the command name, such as ``--debug``."""

    debug = False


def run(action: Callable[[], int]) -> NoReturn:
    """Run a command function, turning the problems it reports into exit codes (see ``outcome``).
    An unexpected error is a bug: one line (the trace only with ``--debug``) and exit 70."""
    raise typer.Exit(exit_code(action, debug=_Session.debug))


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
        typer.Option("--version", "-V", callback=_version, is_eager=True, help="Print the version and exit."),
    ] = False,
    debug: Annotated[
        bool, typer.Option("--debug", help="On an internal error, show the full trace.")
    ] = False,
) -> None:
    """Show how a data or AI project meets a community charter, from a charter.yaml kept in git."""
    _Session.debug = debug


# The options several commands take, each declared once. Where the words differ, they say what
# that command writes, or where it looks.


def _charter(help_text: str) -> Any:
    return typer.Option("--charter", metavar="ID|PATH", help=help_text)


def _output(help_text: str) -> Any:
    return typer.Option("--output", "-o", metavar="FILE", help=help_text)


def _config(help_text: str) -> Any:
    return typer.Option("--config", metavar="FILE", help=help_text)


def _jobs(help_text: str) -> Any:
    return typer.Option("--jobs", "-j", min=0, metavar="N", help=help_text)


def _format(help_text: str) -> Any:
    return typer.Option("--format", "-f", help=help_text)


CharterOption = Annotated[
    str | None,
    _charter(
        "A bundled charter id (e.g. lcr-2025) or the path of a charter YAML file. "
        "Default: the charter the manifest names."
    ),
]
TodayOption = Annotated[
    str | None,
    typer.Option("--today", metavar="YYYY-MM-DD", help="Assess as of this date (for reproducible runs)."),
]
ForceReplaceOption = Annotated[
    bool, typer.Option("--force", help="Replace FILE even if charter-check did not write it.")
]
ManifestArgument = Annotated[
    Path, typer.Argument(metavar="PATH", help="The manifest, or a folder holding its charter.yaml.")
]
ValidatePaths = Annotated[
    list[Path] | None,
    typer.Argument(
        metavar="PATH",
        help="Manifests to check, folders to search for charter.yaml files, or glob patterns. "
        "Default: ./charter.yaml. '-' alone reads one manifest from standard input; its evidence "
        "is then looked up from the working folder.",
    ),
]
ValidateFormatOption = Annotated[
    ValidateFormat,
    _format(
        "Output format. auto: github inside GitHub Actions, text elsewhere. sarif: code "
        "scanning; junit: test reports (GitLab, Jenkins); gitlab: GitLab Code Quality."
    ),
]
ValidateOutput = Annotated[
    Path | None,
    _output(
        "Write the output to FILE (atomically). An earlier charter-check output is replaced; "
        "any other file only with --force."
    ),
]
StrictOption = Annotated[bool, typer.Option("--strict", help="Warnings block too (exit 1).")]
FailLevelOption = Annotated[
    CriterionSeverity | None,
    typer.Option("--fail-level", help="The least severe finding that blocks. warning is --strict."),
]
ValidateConfig = Annotated[
    Path | None,
    _config(
        "Configuration file. Default: for each manifest, .charter-check.yaml or "
        "pyproject.toml [tool.charter-check], found upward from its folder to the top of its "
        "repository."
    ),
]
ValidateJobs = Annotated[
    int | None,
    _jobs(
        "Processes to check many manifests with; 0: one per processor. Default: one per "
        "processor from 100 manifests, else 1."
    ),
]


@app.command(cls=Command)
def validate(
    context: typer.Context,
    paths: ValidatePaths = None,
    charter: CharterOption = None,
    output_format: ValidateFormatOption = "auto",
    output: ValidateOutput = None,
    force: ForceReplaceOption = False,
    strict: StrictOption = False,
    fail_level: FailLevelOption = None,
    config: ValidateConfig = None,
    today: TodayOption = None,
    jobs: ValidateJobs = None,
) -> None:
    """Check manifests against the charter. Exit 0: all pass; 1: findings block; 2: could not run."""
    from charter_check.commands.validate import ValidateOptions
    from charter_check.commands.validate import validate as validate_command

    options = options_from(
        ValidateOptions,
        context.params,
        paths=tuple(paths or [Path("charter.yaml")]),
        today=parse_today(today),
        fail_level=fail_level.value if fail_level else None,
    )
    run(lambda: validate_command(options))


PrinciplesCharter = Annotated[str | None, _charter("A bundled charter id or a charter YAML file.")]
PrinciplesFormatOption = Annotated[PrinciplesFormat, _format("Output format.")]


@app.command(cls=Command)
def principles(charter: PrinciplesCharter = None, output_format: PrinciplesFormatOption = "text") -> None:
    """List the charter's principles and the criteria under each."""
    from charter_check.commands.principles import principles as principles_command

    run(lambda: principles_command(charter, output_format))


ReportFormatOption = Annotated[
    ReportFormat, _format("Markdown (GitHub-flavoured) or one self-contained HTML file.")
]
ReportOutput = Annotated[
    Path | None,
    _output(
        "Write the report here (atomically) instead of printing it. Evidence links are made "
        "relative to this file. A file that is not a charter-check report is replaced only with --force."
    ),
]
TemplateDirOption = Annotated[
    Path | None,
    typer.Option(
        "--template-dir",
        metavar="DIR",
        help=(
            "Use templates from DIR (report.md.j2, report.html.j2, report.css, base.css) "
            "before the bundled ones."
        ),
    ),
]


@app.command(cls=Command)
def report(
    context: typer.Context,
    path: ManifestArgument = Path("charter.yaml"),
    output_format: ReportFormatOption = "markdown",
    output: ReportOutput = None,
    force: ForceReplaceOption = False,
    today: TodayOption = None,
    template_dir: TemplateDirOption = None,
    charter: CharterOption = None,
) -> None:
    """Write the approval report for a board, a reviewer and residents. Exit 0: the report was
    produced, whatever its verdict (use validate to gate CI); 2: it could not be produced."""
    from charter_check.commands.report import ReportOptions
    from charter_check.commands.report import report as report_command

    options = options_from(ReportOptions, context.params, today=parse_today(today))
    run(lambda: report_command(options))


export_app = typer.Typer(
    name="export",
    help="Fill another standard's record from a manifest.",
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    rich_markup_mode=None,
)
app.add_typer(export_app)


ExportFormatOption = Annotated[
    ExportFormat,
    _format(
        "markdown: the record with the 'n.n - Field' headings published records use, to paste "
        "into the template; json: the fields by the standard's names, with the GOV.UK metadata keys."
    ),
]
RecordOutput = Annotated[
    Path | None,
    _output(
        "Write the record here (atomically) instead of printing it. A file charter-check did "
        "not write is replaced only with --force."
    ),
]


@export_app.command("atrs", cls=Command)
def export_atrs(
    context: typer.Context,
    path: ManifestArgument = Path("charter.yaml"),
    output_format: ExportFormatOption = "markdown",
    output: RecordOutput = None,
    force: ForceReplaceOption = False,
    today: TodayOption = None,
    charter: CharterOption = None,
) -> None:
    """The project's Algorithmic Transparency Recording Standard (ATRS v3.0) record, filled from its
    manifest; fields it cannot fill are listed with the question that would. Only for AI or
    algorithmic decision support. Exit 0: written; 2: not (no such project, or not an algorithmic tool)."""
    from charter_check.commands.export import ExportOptions
    from charter_check.commands.export import export_atrs as export_command

    options = options_from(ExportOptions, context.params, today=parse_today(today))
    run(lambda: export_command(options))


RegisterPaths = Annotated[
    list[Path] | None,
    typer.Argument(
        metavar="PATH",
        help="Manifests, folders to search for charter.yaml files (as validate does), or glob "
        "patterns. Default: this folder.",
    ),
]
RegisterFormatOption = Annotated[
    RegisterFormat, _format("html: one page to read, print or publish; csv: one row per project; json.")
]
RegisterOutput = Annotated[
    Path | None,
    _output(
        "Write the register here (atomically). Links to each project's report are made "
        "relative to it. A file charter-check did not write is replaced only with --force."
    ),
]
RegisterConfig = Annotated[
    Path | None, _config("Configuration file. Default: each manifest's own, found upward from its folder.")
]
RegisterJobs = Annotated[
    int | None, _jobs("Processes to check the manifests with; 0: one per processor. Default: as validate.")
]


@app.command(cls=Command)
def register(
    context: typer.Context,
    paths: RegisterPaths = None,
    output_format: RegisterFormatOption = "html",
    output: RegisterOutput = None,
    force: ForceReplaceOption = False,
    charter: CharterOption = None,
    config: RegisterConfig = None,
    today: TodayOption = None,
    jobs: RegisterJobs = None,
) -> None:
    """One page for an oversight board across many projects: each one's verdict and counts, overdue
    and next reviews, accountable person, and a link to its report (charter-report.html beside its
    manifest). Not ready first. Exit 0: written; 2: not written, or a manifest could not be checked."""
    from charter_check.commands.register import RegisterOptions
    from charter_check.commands.register import register as register_command

    options = options_from(
        RegisterOptions, context.params, paths=tuple(paths or [Path()]), today=parse_today(today)
    )
    run(lambda: register_command(options))


def _stdin_is_terminal() -> bool:
    return sys.stdin is not None and sys.stdin.isatty()


def _detail(name: str, metavar: str, help_text: str) -> Any:
    """An option taking a detail of the new manifest as text."""
    return typer.Option(name, metavar=metavar, help=help_text)


FolderArgument = Annotated[
    Path,
    typer.Argument(
        metavar="DIR",
        show_default=False,
        help="The project folder to write charter.yaml into. Default: this folder.",
    ),
]
NameOption = Annotated[
    str | None, _detail("--name", "NAME", "The project's name. Default: the folder's name.")
]
OrganisationOption = Annotated[
    str | None,
    typer.Option(
        "--organisation", "--organization", metavar="NAME", help="The organisation that runs the project."
    ),
]
SummaryOption = Annotated[str | None, _detail("--summary", "TEXT", "What the project does, in plain words.")]
ContactOption = Annotated[
    str | None,
    _detail("--contact", "EMAIL|URL", "Where residents can ask about the project (email or web page)."),
]
StageOption = Annotated[
    str | None, _detail("--stage", "STAGE", "discovery, development, pilot, live or retired.")
]
AccountableName = Annotated[
    str | None, _detail("--accountable-name", "NAME", "The person accountable for the project.")
]
AccountableRole = Annotated[str | None, _detail("--accountable-role", "ROLE", "Their role.")]
AccountableOrganisation = Annotated[
    str | None,
    _detail("--accountable-organisation", "NAME", "Their organisation. Default: the project's organisation."),
]
AccountableEmail = Annotated[str | None, _detail("--accountable-email", "EMAIL", "Their email address.")]
InitCharter = Annotated[
    str | None, _charter("A bundled charter id or a charter YAML file. Default: lcr-2025.")
]
NoInputOption = Annotated[
    bool, typer.Option("--no-input", help="Ask nothing; take every detail from the options.")
]
ForceInitOption = Annotated[bool, typer.Option("--force", help="Replace an existing charter.yaml.")]


@app.command(cls=Command)
def init(
    context: typer.Context,
    folder: FolderArgument = Path(),
    name: NameOption = None,
    organisation: OrganisationOption = None,
    summary: SummaryOption = None,
    contact: ContactOption = None,
    stage: StageOption = None,
    accountable_name: AccountableName = None,
    accountable_role: AccountableRole = None,
    accountable_organisation: AccountableOrganisation = None,
    accountable_email: AccountableEmail = None,
    charter: InitCharter = None,
    no_input: NoInputOption = False,
    force: ForceInitOption = False,
) -> None:
    """Write a new charter.yaml holding every question of the charter, unanswered, as a form.
    Exit 0: written; 2: not written (it exists already, or a detail is missing)."""
    from charter_check.commands.init import InitOptions
    from charter_check.commands.init import init as init_command
    from charter_check.model.manifest import Person

    options = options_from(
        InitOptions,
        context.params,
        accountable=Person(
            name=accountable_name,
            role=accountable_role,
            organisation=accountable_organisation,
            email=accountable_email,
        ),
        may_ask=not no_input and _stdin_is_terminal(),
    )
    run(lambda: init_command(options))


PrincipleOption = Annotated[
    str | None,
    typer.Option(
        "--principle",
        metavar="ID",
        help="Revisit one principle (id or number): each of its questions, saved answers as defaults.",
    ),
]
EverythingOption = Annotated[
    bool, typer.Option("--all", help="Go through every question again, saved answers as defaults.")
]
ProfileOption = Annotated[
    bool,
    typer.Option(
        "--profile",
        help="Go through the questions about the project again (summary, contact, stage, and the "
        "profile that decides which questions apply), saved answers as defaults: Enter keeps each, so "
        "one answer can be changed; then the questions still unanswered (with --principle, that "
        "principle's).",
    ),
]


@app.command(cls=Command)
def assess(
    context: typer.Context,
    path: ManifestArgument = Path("charter.yaml"),
    principle: PrincipleOption = None,
    everything: EverythingOption = False,
    profile: ProfileOption = False,
    charter: CharterOption = None,
    today: TodayOption = None,
) -> None:
    """Answer the charter's questions; each answer is saved as it is given, and checked as it is
    typed. Dates may be typed day first (3/12/2026, 3 Dec 2026) or as YYYY-MM-DD. Before each
    question a progress line gives the principle, how far through it you are, and the time left, at
    about 1.5 minutes a question. At the end it offers to go through answers not met, partly done
    or not known again. Answers can also be piped in, one line per prompt. Exit 0: finished; 1: the
    input ended first; 2: could not run; 130: stopped with Ctrl-C (answers given so far are kept)."""
    from charter_check.commands.assess import AssessOptions
    from charter_check.commands.assess import assess as assess_command

    if principle is not None and everything:
        fail("give --principle or --all, not both")
    options = options_from(AssessOptions, context.params, today=parse_today(today))
    run(lambda: assess_command(options))


SchemaCharter = Annotated[
    str | None,
    _charter("A bundled charter id or a charter YAML file. Default: the configured charter, else lcr-2025."),
]
SchemaOutput = Annotated[
    Path | None,
    _output("Write the schema to FILE (atomically), e.g. charter.schema.json beside charter.yaml."),
]
SchemaConfig = Annotated[Path | None, _config("Configuration file to read.")]


@app.command(cls=Command)
def schema(
    charter: SchemaCharter = None,
    output: SchemaOutput = None,
    force: ForceReplaceOption = False,
    config: SchemaConfig = None,
) -> None:
    """Print the manifest's JSON Schema for the charter, so editors complete and check charter.yaml."""
    from charter_check.commands.schema import schema as schema_command

    run(lambda: schema_command(charter, output, force, config))


def main() -> None:
    app()
