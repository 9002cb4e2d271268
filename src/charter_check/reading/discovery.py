"""Which manifests a run checks: the files named, every ``charter.yaml`` below the folders named,
and the files matching glob patterns (expanded here too, for shells and CI systems that do not).

Folders that never hold a project's own manifest are not searched: ``.git``, ``node_modules``,
``.venv`` and every hidden folder. Searching never follows a symbolic link to a folder (a link back
up the tree would make the search endless) and stops after ``MAX_FOLDERS`` folders.
"""

from __future__ import annotations

import fnmatch
import glob
import os
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from pathlib import Path

from charter_check.model.visible import visible, visible_path
from charter_check.reading.loading import CannotRun

MANIFEST_NAMES = ("charter.yaml", "charter.yml")
SKIPPED_FOLDERS = frozenset({".git", "node_modules", ".venv", "__pycache__"})
GLOB_CHARACTERS = frozenset("*?[")
MAX_FOLDERS = 200_000
"""The most folders one folder or pattern is searched through: a repository of repositories has
thousands; a search that passes this is stopped, with a message, rather than running for hours."""


def display_path(path: Path) -> str:
    """The path as the user will want to read it: relative to the working folder when inside it,
    and safe to print (``visible_path``)."""
    try:
        resolved = _resolved(path)
        here = _resolved_folder(os.getcwd())  # noqa: PTH109 (a string, to key the cache)
    except (ValueError, OSError):
        return visible_path(path.as_posix())
    if resolved == here:
        return "."
    inside = here.rstrip(os.sep) + os.sep
    if resolved.startswith(inside):
        return visible_path(Path(resolved.removeprefix(inside)).as_posix())
    return visible_path(path.as_posix())


def _resolved(path: Path) -> str:
    """The path with its links followed; but when the last link leads nowhere (to nothing, or
    round in a loop), the link itself, so that the message names what the user gave."""
    resolved = os.path.realpath(path)
    if os.path.islink(path) and not os.path.exists(resolved):  # noqa: PTH114, PTH110 (strings, as above)
        return os.path.join(os.path.realpath(path.parent), path.name)  # noqa: PTH118
    return resolved


@lru_cache(maxsize=4)
def _resolved_folder(folder: str) -> str:
    """A folder with its links resolved, once per run (display_path runs for every manifest)."""
    return os.path.realpath(folder)


def manifest_path(path: Path) -> Path:
    """For commands that take one manifest: a folder stands for the charter.yaml inside it (but a
    link named charter.yaml stands for itself, see ``_named_as_a_manifest``)."""
    return path / "charter.yaml" if is_folder(path) and not _named_as_a_manifest(path) else path


def is_folder(path: Path) -> bool:
    """Whether ``path`` is a folder (or a link to one); False, never an error, for a path that
    cannot be looked at (a name too long for the file system, a link loop)."""
    try:
        return os.path.isdir(path)  # noqa: PTH112 (never raises, unlike Path.is_dir on Python 3.11)
    except ValueError:  # a NUL character in the path
        return False


def manifest_paths(arguments: Sequence[Path]) -> list[Path]:
    """Every manifest the arguments name, in order, each once. A file that does not exist is kept,
    so that reading it reports the problem; a folder or pattern that finds nothing stops the run."""
    found: list[Path] = []
    seen: set[str] = set()
    for argument in arguments:
        for path in _expand(argument):
            key = _key(path)
            if key not in seen:
                seen.add(key)
                found.append(path)
    return found


def _key(path: Path) -> str:
    """What makes two paths the same manifest: where they lead (a link loop leads to itself)."""
    try:
        return os.path.realpath(path)
    except ValueError:
        return str(path)


def manifests_below(folder: Path) -> Iterator[Path]:
    """Every manifest in ``folder`` and the folders below it, in a stable order. Links to folders
    are not followed (``os.walk`` leaves them), and the search stops after ``MAX_FOLDERS``."""
    for searched, (current, folders, files) in enumerate(os.walk(folder), start=1):
        if searched > MAX_FOLDERS:
            raise _too_many_folders(display_path(folder))
        folders[:] = sorted(name for name in folders if not _skipped(name))
        for name in sorted(files):
            if name in MANIFEST_NAMES:
                yield Path(current) / name


def _named_as_a_manifest(path: Path) -> bool:
    """A link named ``charter.yaml`` is a manifest to be read (and refused, if it leads out of its
    folder), never a folder to search: else a project could make its ``charter.yaml`` a link to a
    folder anywhere, and have the manifests there checked, and reported, as its own."""
    return path.name in MANIFEST_NAMES and os.path.islink(path)  # noqa: PTH114 (never raises)


def _expand(argument: Path) -> Iterable[Path]:
    if is_folder(argument) and not _named_as_a_manifest(argument):
        return _in_folder(argument)
    if _lexists(argument) or not GLOB_CHARACTERS.intersection(str(argument)):
        return [argument]
    return _matching(str(argument))


def _lexists(path: Path) -> bool:
    try:
        return os.path.lexists(path)
    except ValueError:
        return False


def _in_folder(folder: Path) -> list[Path]:
    manifests = list(manifests_below(folder))
    if not manifests:
        raise CannotRun(
            f"{display_path(folder)}: no charter.yaml in this folder or below it; run "
            "'charter-check init' in the project's folder, or give the manifest's path"
        )
    return manifests


def _matching(pattern: str) -> list[Path]:
    matches = sorted(set(_glob(pattern)))
    paths: list[Path] = []
    for match in map(Path, matches):
        if any(part in SKIPPED_FOLDERS and part not in pattern for part in match.parts):
            continue
        if is_folder(match) and not os.path.islink(match):  # noqa: PTH114 (never raises)
            paths += manifests_below(match)
        elif match.name in MANIFEST_NAMES or match.suffix in (".yaml", ".yml"):
            paths.append(match)
    if not paths:
        raise CannotRun(
            f"{visible(pattern)}: no manifest matches this pattern; check it, or quote it for the shell"
        )
    return paths


# Glob patterns ----------------------------------------------------------------------------------------
#
# ``glob.glob(recursive=True)`` follows links to folders when it expands ``**``, so a link back up
# the tree (``loop -> ..``) makes it list the same folders for ever, growing its memory as it goes.
# This expands patterns as it does (``*`` and ``**`` skip hidden names), except that a wildcard never
# enters a linked folder (only a name the pattern spells out in full may be a link), and it gives
# up after MAX_FOLDERS.


def _glob(pattern: str) -> Iterator[str]:
    parts = [part for part in pattern.split(os.sep) if part]  # noqa: PTH206 (glob's strings, kept as given)
    base = os.sep if pattern.startswith(os.sep) else ""
    while parts and not glob.has_magic(parts[0]):
        base = os.path.join(base, parts.pop(0))  # noqa: PTH118 (strings, as glob gives them)
    if not parts:
        return iter([base] if _lexists(Path(base)) else [])
    return _match(base, parts, _Budget(pattern))


class _Budget:
    """How many more folders a pattern may search, and which skipped folders it names."""

    def __init__(self, pattern: str) -> None:
        self.pattern = pattern
        self.left = MAX_FOLDERS

    def skips(self, name: str) -> bool:
        return name.startswith(".") or (name in SKIPPED_FOLDERS and name not in self.pattern)

    def spend(self) -> None:
        self.left -= 1
        if self.left < 0:
            raise _too_many_folders(visible(self.pattern))


def _match(folder: str, parts: list[str], budget: _Budget) -> Iterator[str]:
    part, rest = parts[0], parts[1:]
    if part == "**":
        for below in _folders_below(folder, budget):
            if rest:
                yield from _match(below, rest, budget)
            else:
                if below:
                    yield below
                yield from (_join(below, name) for name in _names(below, "*") if not _is_dir(below, name))
        return
    magic = glob.has_magic(part)
    for name in _names(folder, part):
        path = _join(folder, name)
        if not rest:
            yield path
        elif os.path.isdir(path) and not (magic and os.path.islink(path)):  # noqa: PTH112, PTH114
            yield from _match(path, rest, budget)  # a link the pattern names in full is followed


def _names(folder: str, part: str) -> list[str]:
    """The names in ``folder`` that ``part`` matches (hidden ones only when it asks for them)."""
    if not glob.has_magic(part):
        return [part] if _lexists(Path(_join(folder, part))) else []
    try:
        names = os.listdir(folder or os.curdir)  # noqa: PTH208 (names, as glob matches them)
    except (OSError, ValueError):
        return []
    if not part.startswith("."):
        names = [name for name in names if not name.startswith(".")]
    return fnmatch.filter(names, part)


def _folders_below(folder: str, budget: _Budget) -> Iterator[str]:
    """``folder`` and every folder below it, hidden and skipped ones left out, links not followed."""
    pending = [folder]
    while pending:
        current = pending.pop()
        budget.spend()
        yield current
        try:
            with os.scandir(current or os.curdir) as entries:
                below = [
                    _join(current, entry.name)
                    for entry in entries
                    if not budget.skips(entry.name) and entry.is_dir(follow_symlinks=False)
                ]
        except OSError:
            continue
        pending += sorted(below, reverse=True)


def _is_dir(folder: str, name: str) -> bool:
    return os.path.isdir(_join(folder, name))  # noqa: PTH112


def _join(folder: str, name: str) -> str:
    return os.path.join(folder, name) if folder else name  # noqa: PTH118


def _too_many_folders(where: str) -> CannotRun:
    return CannotRun(
        f"{where}: searched {MAX_FOLDERS:,} folders without reaching the end; give the folders or "
        "manifests to check more precisely"
    )


def _skipped(name: str) -> bool:
    return name in SKIPPED_FOLDERS or name.startswith(".")
