"""Why a file cannot be read, in words a person can act on, and whether a symbolic link leads out
of its own folder: what ``loading`` checks before a byte of a manifest is read."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from charter_check.model.visible import visible_path

_TOO_LONG = (
    "the name is too long for the file system (over 255 bytes in one name, or too long a path); "
    "give a shorter path"
)
_UNREADABLE = {
    errno.ENOENT: "no such file; run 'charter-check init' to create one, or give its path",
    errno.ENOTDIR: "no such file (a part of the path is a file, not a folder); give the manifest's path",
    errno.ENAMETOOLONG: _TOO_LONG,
    errno.ELOOP: "is a symbolic link that leads round in a loop (to itself, or through other links back "
    "to itself); replace it with the manifest file",
    errno.EACCES: "cannot be read (permission denied); check its permissions",
    errno.EPERM: "cannot be read (permission denied); check its permissions",
}


def why_unreadable(error: OSError) -> str:
    """What went wrong opening a file, and what to do about it."""
    if error.errno in _UNREADABLE:
        return _UNREADABLE[error.errno]
    return f"cannot be read ({error.strerror or type(error).__name__}); check the file and its permissions"


def leads_out_of_its_folder(link: Path) -> bool:
    """Whether ``link``, once every link on the way is followed, is outside the folder holding it.
    Answered from the path alone, so the answer is the same whether or not the target exists."""
    folder = os.path.realpath(link.absolute().parent)
    target = os.path.realpath(link)
    return not target.startswith(folder.rstrip(os.sep) + os.sep)


def link_target(link: Path) -> os.stat_result | None:
    """What a link leads to, or None when it leads to nothing (a loop raises OSError, ELOOP)."""
    try:
        return link.stat()
    except (FileNotFoundError, NotADirectoryError):
        return None


def is_special(status: os.stat_result) -> bool:
    """A device, pipe or socket: neither a regular file nor a folder."""
    return not (stat.S_ISREG(status.st_mode) or stat.S_ISDIR(status.st_mode))


_UNUSABLE = {
    errno.ENAMETOOLONG: _TOO_LONG,
    errno.ELOOP: "a symbolic link on the way leads round in a loop; correct the link",
    errno.EACCES: "permission denied; check the permissions of the file and its folder",
    errno.EPERM: "permission denied; check the permissions of the file and its folder",
}


def known_problem(error: OSError) -> str | None:
    """What to do about an error any use of a path can give (a name too long, a link loop, a
    permission denied), or None for one that depends on what was being done."""
    return _UNUSABLE.get(error.errno or 0)


def file_problem(error: OSError) -> str:
    """An error the system gave about a file, as one line naming the file (made safe to print)
    and what to do: for the last line of defence, when a command did not say it better itself."""
    why = known_problem(error) or f"{error.strerror or type(error).__name__}; check the path"
    return f"{visible_path(os.fsdecode(error.filename))}: {why}"
