"""``charter-check init``: write a new ``charter.yaml`` for a project, with every question of the
charter in it, unanswered, so that the file reads as a form. Asks for the project's name, its
organisation and the accountable person when it can; never overwrites a manifest without ``--force``.

Exit codes: 0 written; 1 the input ended before the questions were answered (nothing written);
2 it could not run (the manifest exists, a detail is missing and cannot be asked); 130 Ctrl-C.
"""

from __future__ import annotations

import os
import shlex
from dataclasses import dataclass
from pathlib import Path

from charter_check.answers.base import Invalid
from charter_check.commands import write_or_stop
from charter_check.model.charter import Charter
from charter_check.model.manifest import Person
from charter_check.model.visible import visible
from charter_check.questionnaire.interview import project_questions
from charter_check.questionnaire.prompting import InputEnded, Prompter
from charter_check.questionnaire.typed import read_optional, read_required
from charter_check.reading.config import config_for
from charter_check.reading.discovery import display_path
from charter_check.reading.file_kinds import file_problem
from charter_check.reading.loading import CannotRun, load_charter
from charter_check.reading.resources import bundled_charter_ids
from charter_check.reading.yaml_reader import YamlProblem, read_yaml
from charter_check.writing.manifest_writer import ProjectDetails, scaffold_manifest

EXIT_WRITTEN = 0
EXIT_INPUT_ENDED = 1
EXIT_INTERRUPTED = 130
MANIFEST_NAME = "charter.yaml"


@dataclass(frozen=True)
class InitOptions:
    """What the user asked ``init`` to do, as parsed by the command line."""

    folder: Path
    charter: str | None
    name: str | None
    organisation: str | None
    summary: str | None
    contact: str | None
    stage: str | None
    accountable: Person
    may_ask: bool
    force: bool


def init(options: InitOptions, prompter: Prompter | None = None) -> int:
    target = options.folder / MANIFEST_NAME
    shown = display_path(target)
    _refuse_an_unusable_folder(options.folder)
    _refuse_what_is_there(target, shown, options.force)
    charter = load_charter(options.charter or config_for(target).charter)
    prompter = prompter or Prompter.for_terminal()
    try:
        project = _project(options, prompter, charter)
    except KeyboardInterrupt:
        prompter.say("\nStopped; nothing was written.")
        return EXIT_INTERRUPTED
    except InputEnded:
        prompter.say("The input ended; nothing was written.")
        return EXIT_INPUT_ENDED
    text = scaffold_manifest(charter, project)
    _refuse_what_would_not_read_back(text, shown)
    write_or_stop(target, text, "check the folder", shown=display_path(target), make_folder=True)
    _print_next_steps(prompter, shown, charter, options.charter)
    return EXIT_WRITTEN


def _refuse_an_unusable_folder(folder: Path) -> None:
    """A folder the system will not look in (a name too long, a link loop, no permission): said
    in one line naming it, before the configuration is looked for in it."""
    try:
        folder.stat()
    except FileNotFoundError:
        return  # made when the manifest is written
    except OSError as error:
        raise CannotRun(file_problem(error)) from None


def _refuse_what_is_there(target: Path, shown: str, force: bool) -> None:
    """A manifest is there already (replaced only with --force); or something that is not a file
    (a folder, a pipe, a device), which is never replaced."""
    if not os.path.lexists(target):  # False, not an error, for a name too long
        return
    if os.path.exists(target) and not os.path.isfile(target):  # noqa: PTH110, PTH113
        raise CannotRun(
            f"{shown}: is there already and is not a file (a folder, a pipe or a device); "
            "move it away, or write the manifest in another folder"
        )
    if not force:
        raise CannotRun(
            f"{shown}: already exists; run 'charter-check assess' to carry on filling it in, "
            "or 'charter-check init --force' to replace it with an empty one"
        )


def _folder_name(folder: Path) -> str | None:
    """The folder's name, to name the project by default; None when it holds a character that
    cannot go in a manifest (a control character, or bytes that are not UTF-8)."""
    name = folder.resolve().name or "project"
    return name if visible(name) == name else None


def _project(options: InitOptions, prompter: Prompter, charter: Charter) -> ProjectDetails:
    """The project's details from the options, asking for what they leave out when it may."""
    folder_name = _folder_name(options.folder)
    name, organisation, person = options.name, options.organisation, options.accountable
    described = _described(options, charter)
    if options.may_ask:
        prompter.say("A few details for the new manifest; Enter takes the value in [brackets].")
        name = name or prompter.ask("Project name", read_required, folder_name)
        organisation = organisation or _ask_until_given(prompter, "Organisation that runs the project")
        for field, question in project_questions(charter.words).items():
            if described[field] is None:
                described[field] = prompter.ask(f"{question.label} (Enter to give it later)", question.read)
        person = _ask_accountable(prompter, person)
    if not organisation:
        raise CannotRun(
            "give the organisation that runs the project with --organisation "
            "(init asks for it only in a terminal, without --no-input)"
        )
    name = name or folder_name
    if not name:
        raise CannotRun(
            "the folder's name cannot be the project's name (it holds a control character, or bytes "
            "that are not UTF-8 text); give the project's name with --name"
        )
    if (person.name or person.role) and not person.organisation:
        person = person.model_copy(update={"organisation": organisation})
    return ProjectDetails(
        name=name,
        organisation=organisation,
        summary=described["summary"],
        contact=described["contact"],
        stage=described["stage"],
        accountable=person,
    )


def _described(options: InitOptions, charter: Charter) -> dict[str, str | None]:
    """The summary, contact and stage given as options, each checked as ``assess`` checks it."""
    given = {"summary": options.summary, "contact": options.contact, "stage": options.stage}
    for field, question in project_questions(charter.words).items():
        value = given[field]
        if value is None:
            continue
        read = question.read(value)
        if isinstance(read, Invalid):
            raise CannotRun(f"--{field}: {read.message}; nothing was written")
        if field == "stage":
            given[field] = read  # a stage may be given by its number
    return given


def _ask_accountable(prompter: Prompter, person: Person) -> Person:
    if not person.name:
        prompter.say(
            "The accountable person answers for the project and makes its declaration of responsibility."
        )
        name = prompter.ask("Their name (Enter to give it later)", read_optional) or None
        person = person.model_copy(update={"name": name})
    if person.name and not person.role:
        person = person.model_copy(update={"role": _ask_until_given(prompter, "Their role")})
    return person


def _ask_until_given(prompter: Prompter, label: str) -> str:
    while True:
        given = prompter.ask(label, read_required)
        if given:
            return given
        prompter.say("  Not accepted: this cannot be left empty.")


def _refuse_what_would_not_read_back(text: str, shown: str) -> None:
    """A detail holding, say, a terminal control character would make a manifest that validate
    refuses: refuse it here instead, before anything is written."""
    try:
        read_yaml(text.encode("utf-8"))
    except YamlProblem as problem:
        raise CannotRun(
            f"{shown}: not written: one of the details given cannot go in a manifest "
            f"({problem.message}); give it again without that character"
        ) from None


def _print_next_steps(prompter: Prompter, shown: str, charter: Charter, charter_ref: str | None) -> None:
    criteria, profile = len(charter.criteria), len(charter.profile)
    prompter.say(
        f"Wrote {shown}: the {charter.title} (version {charter.version}), with {profile} questions "
        f"about the project and {criteria} criteria, all unanswered."
    )
    where = "" if shown == MANIFEST_NAME else f" {shlex.quote(shown)}"
    chosen = ""
    if charter_ref and charter_ref not in bundled_charter_ids():
        chosen = f" --charter {shlex.quote(charter_ref)}"
    prompter.say("Next:")
    prompter.say(f"  charter-check assess{where}{chosen}     answer the questions; saved as you go")
    prompter.say(f"  charter-check validate{where}{chosen}   see what is still missing, as CI will")
    prompter.say(
        "Editors that read the first line's $schema comment check the file as you type once "
        "the schema is beside it: charter-check schema -o charter.schema.json"
    )
