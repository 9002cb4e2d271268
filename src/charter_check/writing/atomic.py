"""Atomic file writes: every file the tool writes appears whole or not at all, so an interrupted
run never leaves a half-written manifest or report behind."""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO


def write_atomically(path: Path, text: str) -> None:
    """Write ``text`` (UTF-8) to ``path`` atomically (see ``atomic_text_file``)."""
    with atomic_text_file(path) as stream:
        stream.write(text)


@contextmanager
def atomic_text_file(path: Path) -> Iterator[TextIO]:
    """A stream to write ``path``'s new text to (UTF-8), in a temporary file in the same folder
    that is flushed to disk and renamed over the target when the block ends, and removed if it
    ends with an error: the file appears whole or not at all. An existing file keeps its
    permissions; a new one gets the usual ones (as the umask allows). A symbolic link at ``path``
    is replaced, never written through, so a link planted in a project cannot send a report into
    another file."""
    folder = path.parent if str(path.parent) else Path()
    mode = stat.S_IMODE(path.stat().st_mode) if path.exists() else _new_file_mode()
    handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    temporary = Path(name)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        temporary.chmod(mode)
        temporary.replace(path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    _sync_folder(folder)


def _new_file_mode() -> int:
    """The permissions ``open()`` would give a new file: read-write for all, less the umask.
    (``mkstemp`` makes its file private to the owner, which would hide a published report.)"""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _sync_folder(folder: Path) -> None:
    """Flush the rename itself to disk, where the system allows it, so it survives a power cut."""
    if not hasattr(os, "O_DIRECTORY"):
        return
    try:
        descriptor = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)
