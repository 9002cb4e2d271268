"""One module per subcommand. Each exposes a plain function that takes parsed options and returns
an exit code; ``cli.py`` does all the argument parsing."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from charter_check.model.visible import visible_path
from charter_check.reading.file_kinds import known_problem
from charter_check.reading.loading import CannotRun
from charter_check.writing.atomic import CannotWriteThere, atomic_text_file


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
