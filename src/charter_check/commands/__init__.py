"""One module per subcommand. Each exposes a plain function that takes parsed options and returns
an exit code; ``cli.py`` does all the argument parsing."""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, fields
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO, TypeVar

from charter_check.model.visible import visible_path
from charter_check.reading.file_kinds import known_problem
from charter_check.reading.loading import CannotRun
from charter_check.writing.atomic import CannotWriteThere, atomic_text_file
from charter_check.writing.ownership import refuse_to_replace

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

EXIT_WRITTEN = 0

OptionsT = TypeVar("OptionsT", bound="DataclassInstance")


def options_from(kind: type[OptionsT], given: Mapping[str, Any], **read: Any) -> OptionsT:
    """A command's options (``ValidateOptions``, ...) from the command line as parsed, field by
    field: each is the parameter of the same name in ``given``, unless ``read`` gives the command
    line's own reading of it (``--today`` as a date). A field no parameter gives is a mistake in
    the parsing, and stops the command."""
    parameters = {**given, **read}
    return kind(**{field.name: parameters[field.name] for field in fields(kind)})


@dataclass(frozen=True, kw_only=True)
class OutputOptions:
    """What the user asked a command that checks manifests and writes its output to do, as parsed
    by the command line: the format, the date to assess as of, the charter (None: each manifest's
    own), the file to write (None: standard output), and whether that file may be replaced when
    charter-check did not write it."""

    output_format: str
    today: dt.date
    charter: str | None = None
    output: Path | None = None
    force: bool = False


@dataclass(frozen=True, kw_only=True)
class ManifestsOptions(OutputOptions):
    """The options of a command over many manifests: also the paths given (manifests, folders,
    glob patterns), the configuration file given (None: each manifest's own), and the processes
    to check with (0: one per processor; None: decide by the number of manifests)."""

    paths: tuple[Path, ...]
    config: Path | None = None
    jobs: int | None = None


def print_or_write(text: str, output: Path | None, written: Callable[[Path], str]) -> None:
    """``text`` printed; or written to ``output`` (atomically), and then the line ``written(output)``
    printed, saying where it went and what it holds."""
    if output is None:
        sys.stdout.write(text)
        return
    write_or_stop(output, text, "check the folder's permissions")
    sys.stdout.write(written(output))


def write_or_stop(
    path: Path,
    text: str,
    advice: str,
    *,
    shown: str | None = None,
    failure: str = "cannot be written",
    make_folder: bool = False,
) -> None:
    """Write ``text`` to ``path`` as ``output_file`` does."""
    with output_file(path, advice, shown=shown, failure=failure, make_folder=make_folder) as stream:
        stream.write(text)


@contextmanager
def output_file(
    path: Path,
    advice: str,
    *,
    shown: str | None = None,
    failure: str = "cannot be written",
    make_folder: bool = False,
) -> Iterator[TextIO]:
    """A stream whose text is written to ``path`` atomically when the block ends (making its folder
    first with ``make_folder``); or the command stopped with one line: the file (as ``shown``), the
    ``failure``, why, and ``advice``. A pipe or device is written into, never replaced."""
    named = shown or visible_path(str(path))
    try:
        if make_folder:
            path.parent.mkdir(parents=True, exist_ok=True)
        with atomic_text_file(path) as stream:
            yield stream
    except CannotWriteThere as error:
        raise CannotRun(f"{named}: {error}") from None
    except OSError as error:
        known = known_problem(error)
        if known is not None:
            raise CannotRun(f"{named}: {failure}: {known}") from None
        raise CannotRun(f"{named}: {failure} ({error.strerror}); {advice}") from None


def check_destination(
    output: Path | None, manifests: Path | Sequence[Path], *, force: bool, what: str, example: str = ""
) -> None:
    """Stop before any work if ``-o FILE`` cannot take the output (``what``: 'report'): it is a
    manifest being read, a folder, in a folder that does not exist, or a file charter-check did not
    write (unless ``force``)."""
    # os.path rather than Path methods: they answer False for a name the file system refuses (too
    # long, say) instead of raising, and the write then says what is wrong in one line.
    if output is None:
        return
    shown = visible_path(str(output))
    read = [manifests] if isinstance(manifests, Path) else list(manifests)
    if os.path.exists(output) and any(  # noqa: PTH110
        os.path.exists(path) and output.resolve() == path.resolve()  # noqa: PTH110
        for path in read
    ):
        raise CannotRun(f"{shown}: this is the manifest itself; give another file for the {what} with -o")
    if os.path.isdir(output):  # noqa: PTH112
        named = visible_path(str(output / (example or f"{what}.html")))
        raise CannotRun(f"{shown}: is a folder; give a file name for the {what}, e.g. {named}")
    if not os.path.isdir(os.path.realpath(output.parent)):  # noqa: PTH112
        folder = visible_path(str(output.parent))
        raise CannotRun(f"{shown}: the folder {folder} does not exist; create it first")
    refuse_to_replace(output, force=force)
