"""One module per subcommand. Each exposes a plain function that takes parsed options and returns
an exit code; ``cli.py`` does all the argument parsing."""

from __future__ import annotations

from pathlib import Path

from charter_check.reading.loading import CannotRun
from charter_check.writing.atomic import write_atomically


def write_or_stop(
    path: Path,
    text: str,
    advice: str,
    *,
    shown: str | None = None,
    failure: str = "cannot be written",
    make_folder: bool = False,
) -> None:
    """Write ``text`` to ``path`` atomically (making its folder first with ``make_folder``), or
    stop the command with one line: the file (as ``shown``), the ``failure``, why, and ``advice``."""
    try:
        if make_folder:
            path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, text)
    except OSError as error:
        raise CannotRun(f"{shown or path}: {failure} ({error.strerror}); {advice}") from None
