"""Where a finding is for a CI system, and how it is known from one run to the next.

**Paths.** CI systems name a file by its path from the top of the repository (see
``reading.repository``), whatever folder ``validate`` ran in; the text format keeps the path as
the user gave it, relative to the working folder. Outside a git work tree the path stays as given.

**Fingerprints.** A finding's fingerprint is the SHA-256 of its rule, what it is about (the
criterion, or else its path of keys in the manifest) and the manifest's path from the top of the
repository: no line, column, message or date, so that a finding keeps its fingerprint when lines
are added above it, its wording improves or the day changes. When findings would share one, the
later ones (in the order findings are reported) are numbered. GitLab Code Quality, SARIF
(``partialFingerprints``) and the JSON format all use ``fingerprint``.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from charter_check.model.findings import Finding
from charter_check.model.visible import STDIN_DISPLAY
from charter_check.reading.repository import repository_root

FINGERPRINT_KEY = "charterCheck/v1"
"""The name of the fingerprint in SARIF's ``partialFingerprints``; a new way of computing it gets
a new version."""


@dataclass(frozen=True)
class ManifestPlace:
    """A manifest's path as CI systems name it, and the folder it is relative to."""

    path: str
    """From the top of the repository; outside one, as given (relative to the working folder)."""
    root: Path
    """The top of the repository, or the working folder outside one."""
    in_repository: bool


def manifest_place(shown: str) -> ManifestPlace:
    """Where the manifest shown as ``shown`` (a path relative to the working folder, or as given)
    is, for CI systems."""
    return _place(shown, os.getcwd())  # noqa: PTH109 (a string, to key the cache)


def repository_path(shown: str) -> str:
    """The manifest's path from the top of its repository (see ``manifest_place``)."""
    return manifest_place(shown).path


@lru_cache(maxsize=1024)
def _place(shown: str, here: str) -> ManifestPlace:
    """Worked out once per manifest: every finding of a manifest shares it."""
    working_folder = Path(os.path.realpath(here))
    if shown == STDIN_DISPLAY:
        return ManifestPlace(shown, working_folder, in_repository=False)
    given = Path(here, shown)
    located = Path(os.path.realpath(given.parent), given.name)
    root = repository_root(located.parent, links_resolved=True)
    if root is None:
        return ManifestPlace(shown, working_folder, in_repository=False)
    return ManifestPlace(located.relative_to(root).as_posix(), root, in_repository=True)


def fingerprint(finding: Finding, taken: set[str]) -> str:
    """The finding's fingerprint; ``taken`` holds those given so far in this output, so that a
    finding that would repeat one is numbered (the first is number 0, the next 1, and so on)."""
    subject = finding.criterion or finding.yaml_path
    identity = "\0".join([finding.rule, subject, repository_path(finding.path)])
    given = _first_not_taken(identity, taken)
    taken.add(given)
    return given


def _numbered(identity: str, number: int) -> str:
    return hashlib.sha256(f"{identity}\0{number}".encode()).hexdigest()


def _first_not_taken(identity: str, taken: set[str]) -> str:
    """``identity`` numbered with the first number not yet given to it. Numbers are given in order,
    so those taken are 0 to n - 1: found by doubling, then halving, so that a manifest with
    thousands of findings about one criterion does not hash each number again for every finding."""
    first = _numbered(identity, 0)
    if first not in taken:
        return first
    low, high = 0, 1  # low is taken; look for a high that is not
    while _numbered(identity, high) in taken:
        low, high = high, high * 2
    while high - low > 1:
        middle = (low + high) // 2
        if _numbered(identity, middle) in taken:
            low = middle
        else:
            high = middle
    return _numbered(identity, high)
