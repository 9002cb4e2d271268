"""How a command's outcome becomes an exit code: problems that stop a command (``CannotRun``) are
one line on stderr and exit 2, and so is an error the system gives about a file (a name too long,
a permission denied) that a command did not report itself; Ctrl-C (or SIGTERM) exits 130; an
unexpected error is a bug, reported in one line with the version (the trace only with
``--debug``), exit 70. The Typer app and the quick start of ``validate`` both report through here,
so they behave alike. Every line is made safe to print (``visible``)."""

from __future__ import annotations

import signal
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import FrameType

from charter_check import __version__
from charter_check.model.visible import visible

EXIT_CANNOT_RUN = 2
EXIT_INTERNAL_ERROR = 70  # EX_SOFTWARE: a bug in charter-check, not in what the user gave it
EXIT_INTERRUPTED = 130


def exit_code(action: Callable[[], int], *, debug: bool = False) -> int:
    """Run a command function and return its exit code, reporting what stopped it."""
    from charter_check.reading.loading import CannotRun  # noqa: PLC0415 (loading is heavy; load it with the command)

    try:
        with _termination_as_interrupt():
            return action()
    except CannotRun as problem:
        sys.stderr.write(f"charter-check: error: {visible(str(problem))}\n")
        return EXIT_CANNOT_RUN
    except KeyboardInterrupt:
        sys.stderr.write("charter-check: interrupted\n")
        return EXIT_INTERRUPTED
    except Exception as error:
        if isinstance(error, OSError) and error.filename is not None:  # the system refused a file
            from charter_check.reading.file_kinds import file_problem  # noqa: PLC0415

            sys.stderr.write(f"charter-check: error: {file_problem(error)}\n")
            return EXIT_CANNOT_RUN
        if debug:
            raise
        what = visible(f"{type(error).__name__}: {error}")
        sys.stderr.write(
            f"charter-check: internal error ({what}). This is a bug in "
            f"charter-check {__version__}, not in your files: please report it to the charter-check "
            "maintainers with the command you ran and the output of the same command with --debug "
            "before the command name (charter-check --debug validate ...).\n"
        )
        return EXIT_INTERNAL_ERROR


@contextmanager
def _termination_as_interrupt() -> Iterator[None]:
    """Treat SIGTERM (a CI job cancelled, a container stopped) like Ctrl-C while a command runs, so
    that a file being written is cleaned up rather than left half-made."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt
