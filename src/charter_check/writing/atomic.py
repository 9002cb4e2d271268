"""Atomic file writes: every file the tool writes appears whole or not at all, so an interrupted
run never leaves a half-written manifest or report behind.

Outputs (reports, CI output, schemas) go through ``atomic_text_file``: a temporary file renamed
over the target, which replaces a file or a symbolic link, and is written straight into a pipe or
a character device such as ``/dev/null`` (which a rename would replace with a file). A manifest
that ``assess`` edits goes through ``rewrite``, under ``locked``: it stays the file it was, with
its links, owner and permissions.
"""

from __future__ import annotations

import contextlib
import errno
import os
import signal
import stat
import sys
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

if sys.platform != "win32":
    import fcntl

PERMISSIONS = 0o777
"""The permission bits a written file keeps: never set-user-ID, set-group-ID or sticky bits."""


class CannotWriteThere(OSError):
    """The target is something no output can be written to (a folder, a block device, a socket),
    or a pipe that nothing reads. ``str()`` says which, and what to do."""

    def __str__(self) -> str:
        return self.strerror or "cannot be written"


class ChangedMeanwhile(Exception):
    """The file changed on disk after it was read, and before it would have been rewritten."""


def write_atomically(path: Path, text: str) -> None:
    """Write ``text`` (UTF-8) to ``path`` atomically (see ``atomic_text_file``)."""
    with atomic_text_file(path) as stream:
        stream.write(text)


@contextlib.contextmanager
def atomic_text_file(path: Path) -> Iterator[TextIO]:
    """A stream to write ``path``'s new text to (UTF-8), in a temporary file in the same folder
    that is flushed to disk and renamed over the target when the block ends, and removed if it
    ends with an error: the file appears whole or not at all. An existing file keeps its
    permissions (less any set-user-ID or set-group-ID bit); a new one gets the usual ones (as the
    umask allows). A symbolic link at ``path`` is replaced, never written through, so a link
    planted in a project cannot send a report into another file. A pipe or character device at
    ``path`` (or at the end of a link there) is written to, never replaced; one that cannot be (a
    block device, a socket, a pipe nothing reads) raises ``CannotWriteThere`` at once."""
    kind = _special_kind(path)
    if kind is not None:
        with _opened_for_writing(path, kind) as stream:
            yield stream
        return
    folder = path.parent if str(path.parent) else Path()
    mode = stat.S_IMODE(path.stat().st_mode) & PERMISSIONS if path.exists() else _new_file_mode()
    handle, temporary_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    temporary = Path(temporary_name)
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


def _complete_copy(folder: Path, name: str, data: bytes, mode: int) -> Path:
    """A hidden temporary file in ``folder`` holding all of ``data``, flushed to disk."""
    handle, temporary_name = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=folder)
    temporary = Path(temporary_name)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        temporary.chmod(mode)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return temporary


# Pipes and devices -------------------------------------------------------------------------------


def _special_kind(path: Path) -> int | None:
    """The file type of what ``path`` leads to, when it is neither a regular file nor missing."""
    try:
        status = path.stat()
    except (OSError, ValueError):
        return None  # nothing there (or a name the file system refuses: the write will say so)
    if stat.S_ISREG(status.st_mode):
        return None
    return stat.S_IFMT(status.st_mode)


def _opened_for_writing(path: Path, kind: int) -> TextIO:
    """A pipe or character device opened to write into; a pipe is opened without waiting for a
    reader (there must be one already)."""
    if kind not in (stat.S_IFIFO, stat.S_IFCHR):
        what = {stat.S_IFDIR: "a folder", stat.S_IFBLK: "a block device", stat.S_IFSOCK: "a socket"}
        raise CannotWriteThere(
            errno.EINVAL,
            f"is {what.get(kind, 'not a regular file')}; output is written only to a file, a pipe or "
            "a device such as /dev/null",
        )
    flags = os.O_WRONLY | os.O_NOCTTY | (os.O_NONBLOCK if kind == stat.S_IFIFO else 0)
    try:
        descriptor = os.open(path, flags)
    except OSError as error:
        if error.errno == errno.ENXIO:
            raise CannotWriteThere(
                errno.ENXIO,
                "is a pipe that nothing is reading; start what reads it first, or write to a file",
            ) from None
        raise
    if kind == stat.S_IFIFO and sys.platform != "win32":  # from here on, wait for the reader
        fcntl.fcntl(descriptor, fcntl.F_SETFL, fcntl.fcntl(descriptor, fcntl.F_GETFL) & ~os.O_NONBLOCK)
    return os.fdopen(descriptor, "w", encoding="utf-8", newline="")


# Editing a manifest in place ---------------------------------------------------------------------


@contextlib.contextmanager
def locked(path: Path) -> Iterator[None]:
    """Hold an exclusive lock on the file ``path`` leads to while the block runs, so that two
    processes editing it take turns (``flock``, which every ``assess`` takes; an editor does not).
    When the file is replaced while waiting, the lock is taken again on the one there now."""
    if sys.platform == "win32":  # no advisory locks: edits are still whole, but may cross
        yield
        return
    while True:
        descriptor = os.open(path, os.O_RDONLY | os.O_CLOEXEC)
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX)
            if _same_file(os.fstat(descriptor), path.stat()):
                break
        except BaseException:
            os.close(descriptor)
            raise
        os.close(descriptor)
    try:
        yield
    finally:
        os.close(descriptor)  # which releases the lock


def rewrite(path: Path, text: str, expected: bytes) -> None:
    """Replace the contents of the file ``path`` leads to with ``text``, keeping the file what it
    was: written through a symbolic link to its target, with its owner, group and permissions (less
    any set-user-ID or set-group-ID bit), and, when it has other hard links or its owner cannot be
    given to a new file, rewritten in place so that every name still leads to it. A complete copy
    is always written and flushed first; the target never holds half of each. Raises
    ``ChangedMeanwhile`` if the file no longer holds ``expected``. Call it under ``locked``."""
    target = Path(os.path.realpath(path))
    status = target.stat()
    mode = stat.S_IMODE(status.st_mode) & PERMISSIONS
    data = text.encode("utf-8")
    temporary = _complete_copy(target.parent, target.name, data, mode)
    try:
        if target.read_bytes() != expected:
            raise ChangedMeanwhile
        if status.st_nlink > 1 or not _owned_as(temporary, status):
            _copy_over(target, data, mode)
            temporary.unlink()
        else:
            temporary.replace(target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    _sync_folder(target.parent)


def _owned_as(temporary: Path, status: os.stat_result) -> bool:
    """Give ``temporary`` the owner and group in ``status``; whether that was possible."""
    mine = temporary.stat()
    if (mine.st_uid, mine.st_gid) == (status.st_uid, status.st_gid):
        return True
    try:
        os.chown(temporary, status.st_uid, status.st_gid)
    except OSError:
        return False
    temporary.chmod(stat.S_IMODE(status.st_mode) & PERMISSIONS)  # chown may clear bits
    return True


def _copy_over(target: Path, data: bytes, mode: int) -> None:
    """Write ``data`` over the file itself, its room reserved first so that a full disk stops it
    before a byte changes, with Ctrl-C and SIGTERM held until it is done."""
    with _signals_held():
        descriptor = os.open(target, os.O_WRONLY | os.O_NOFOLLOW | os.O_CLOEXEC)
        try:
            with contextlib.suppress(OSError):  # a file system that cannot reserve room
                os.posix_fallocate(descriptor, 0, max(len(data), 1))
            written = 0
            while written < len(data):
                written += os.pwrite(descriptor, data[written:], written)
            os.ftruncate(descriptor, len(data))
            os.fchmod(descriptor, mode)
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """Hold SIGINT and SIGTERM back while the block runs; they arrive, as usual, once it is done."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    held = {signal.SIGINT, signal.SIGTERM}
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _same_file(one: os.stat_result, other: os.stat_result) -> bool:
    return (one.st_dev, one.st_ino) == (other.st_dev, other.st_ino)


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
