"""Which manifests a run checks: the files named, every ``charter.yaml`` below the folders named,
and the files matching glob patterns (expanded here too, for shells and CI systems that do not).

Folders that never hold a project's own manifest are not searched: ``.git``, ``node_modules``,
``.venv`` and every hidden folder.
"""

from __future__ import annotations

import glob
import os
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from pathlib import Path

from charter_check.reading.loading import CannotRun

MANIFEST_NAMES = ("charter.yaml", "charter.yml")
SKIPPED_FOLDERS = frozenset({".git", "node_modules", ".venv", "__pycache__"})
GLOB_CHARACTERS = frozenset("*?[")


def display_path(path: Path) -> str:
    """The path as the user will want to read it: relative to the working folder when inside it."""
    try:
        resolved = os.path.realpath(path)
        here = _resolved_folder(os.getcwd())  # noqa: PTH109 (a string, to key the cache)
    except (ValueError, OSError):
        return path.as_posix()
    if resolved == here:
        return "."
    inside = here.rstrip(os.sep) + os.sep
    return Path(resolved.removeprefix(inside)).as_posix() if resolved.startswith(inside) else path.as_posix()


@lru_cache(maxsize=4)
def _resolved_folder(folder: str) -> str:
    """A folder with its links resolved, once per run (display_path runs for every manifest)."""
    return os.path.realpath(folder)


def manifest_path(path: Path) -> Path:
    """For commands that take one manifest: a folder stands for the charter.yaml inside it."""
    return path / "charter.yaml" if path.is_dir() else path


def manifest_paths(arguments: Sequence[Path]) -> list[Path]:
    """Every manifest the arguments name, in order, each once. A file that does not exist is kept,
    so that reading it reports the problem; a folder or pattern that finds nothing stops the run."""
    found: list[Path] = []
    seen: set[Path] = set()
    for argument in arguments:
        for path in _expand(argument):
            key = path.resolve()
            if key not in seen:
                seen.add(key)
                found.append(path)
    return found


def manifests_below(folder: Path) -> Iterator[Path]:
    """Every manifest in ``folder`` and the folders below it, in a stable order."""
    for current, folders, files in os.walk(folder):
        folders[:] = sorted(name for name in folders if not _skipped(name))
        for name in sorted(files):
            if name in MANIFEST_NAMES:
                yield Path(current) / name


def _expand(argument: Path) -> Iterable[Path]:
    if argument.is_dir():
        return _in_folder(argument)
    if argument.exists() or not GLOB_CHARACTERS.intersection(str(argument)):
        return [argument]
    return _matching(str(argument))


def _in_folder(folder: Path) -> list[Path]:
    manifests = list(manifests_below(folder))
    if not manifests:
        raise CannotRun(
            f"{display_path(folder)}: no charter.yaml in this folder or below it; run "
            "'charter-check init' in the project's folder, or give the manifest's path"
        )
    return manifests


def _matching(pattern: str) -> list[Path]:
    matches = sorted(glob.glob(pattern, recursive=True))  # noqa: PTH207 (Path.glob refuses absolute patterns)
    paths: list[Path] = []
    for match in map(Path, matches):
        if any(part in SKIPPED_FOLDERS and part not in pattern for part in match.parts):
            continue
        if match.is_dir():
            paths += manifests_below(match)
        elif match.name in MANIFEST_NAMES or match.suffix in (".yaml", ".yml"):
            paths.append(match)
    if not paths:
        raise CannotRun(f"{pattern}: no manifest matches this pattern; check it, or quote it for the shell")
    return paths


def _skipped(name: str) -> bool:
    return name in SKIPPED_FOLDERS or name.startswith(".")
