"""Evidence references: what a manifest cites, and whether each reference is usable.

A reference is either an https link or a path relative to the project folder (the folder holding
``charter.yaml``). ``survey_evidence`` looks at the file system once, before assessment, so the
assessment itself stays free of I/O.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Mapping
from enum import StrEnum
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit


class EvidenceState(StrEnum):
    """What we found when we looked for a piece of evidence."""

    FILE = "file"
    LINK = "link"
    INSECURE_LINK = "insecure_link"
    MISSING = "missing"
    OUTSIDE_PROJECT = "outside_project"
    ABSOLUTE_PATH = "absolute_path"
    UNSAFE_LINK = "unsafe_link"
    EMPTY = "empty"
    FOLDER = "folder"

    @property
    def usable(self) -> bool:
        return self in _USABLE


_USABLE = frozenset({EvidenceState.FILE, EvidenceState.LINK, EvidenceState.INSECURE_LINK})


EvidenceSurvey = Mapping[str, EvidenceState]

EVIDENCE_ADVICE = {
    EvidenceState.INSECURE_LINK: (
        "an http:// link can be altered on its way; cite its https:// address if it has one"
    ),
    EvidenceState.MISSING: "no such file in the project; add the file or correct the path",
    EvidenceState.OUTSIDE_PROJECT: "the path leads outside the project folder; cite a file inside it",
    EvidenceState.ABSOLUTE_PATH: "absolute paths are not portable; give a path relative to charter.yaml",
    EvidenceState.UNSAFE_LINK: "only https:// (or http://) links to a web address are accepted as evidence",
    EvidenceState.EMPTY: "the evidence entry is empty; remove it or fill it in",
    EvidenceState.FOLDER: "this is a folder, not a document; cite the file in it that shows the answer",
}


def classify_reference(reference: str) -> EvidenceState | None:
    """The state a reference has whatever the file system holds, or None if it is a relative path
    that must be looked up."""
    text = reference.strip()
    if not text:
        return EvidenceState.EMPTY
    if ":" not in text and not text.startswith(("/", "\\")):
        return None  # no scheme, no drive, not absolute: a relative path (the usual case)
    scheme = urlsplit(text).scheme.lower()
    if scheme in ("https", "http"):
        if not urlsplit(text).netloc:
            return EvidenceState.UNSAFE_LINK
        return EvidenceState.LINK if scheme == "https" else EvidenceState.INSECURE_LINK
    if len(scheme) > 1:
        return EvidenceState.UNSAFE_LINK
    if text.startswith(("/", "\\")) or len(scheme) == 1 or PurePosixPath(text).is_absolute():
        return EvidenceState.ABSOLUTE_PATH
    return None


def survey_evidence(references: Iterable[str], project_root: Path) -> dict[str, EvidenceState]:
    """Look up each reference once. Symbolic links are followed, and must stay in the project."""
    root = project_root.resolve()
    survey: dict[str, EvidenceState] = {}
    for reference in references:
        if reference in survey:
            continue
        state = classify_reference(reference)
        survey[reference] = state if state is not None else _look_up(reference.strip(), root)
    return survey


def _look_up(relative: str, root: Path) -> EvidenceState:
    # os.path on strings rather than pathlib objects: this runs for every reference of every
    # manifest, and `validate` may check a thousand manifests in one run.
    base = str(root)
    path = relative.split("#", 1)[0]
    return _look_up_plain(base, path) or _look_up_resolved(base, path)


def _look_up_plain(base: str, path: str) -> EvidenceState | None:
    """The common case, quickly: a path of plain names under the (resolved) project folder, with
    no link among them, is what it seems, so each name needs one lstat rather than every folder
    from the file system's root. None when the path needs resolving in full."""
    names = [name for name in path.split(os.sep) if name not in ("", ".")]  # noqa: PTH206 (strings, for speed)
    if os.altsep or not names or ".." in names:
        return None
    current = base.rstrip(os.sep)
    for name in names:
        current += os.sep + name
        try:
            status = os.lstat(current)
        except (FileNotFoundError, NotADirectoryError):
            return EvidenceState.MISSING
        except (OSError, ValueError):
            return None
        if stat.S_ISLNK(status.st_mode):
            return None
    return EvidenceState.FOLDER if stat.S_ISDIR(status.st_mode) else EvidenceState.FILE


def _look_up_resolved(base: str, path: str) -> EvidenceState:
    """Any path: links followed, and the result required to stay inside the project."""
    try:
        resolved = os.path.realpath(os.path.join(base, path))  # noqa: PTH118
    except (OSError, RuntimeError, ValueError):
        return EvidenceState.MISSING
    if resolved != base and not resolved.startswith(base.rstrip(os.sep) + os.sep):
        return EvidenceState.OUTSIDE_PROJECT
    if os.path.isdir(resolved):  # noqa: PTH112
        return EvidenceState.FOLDER
    return EvidenceState.FILE if os.path.exists(resolved) else EvidenceState.MISSING  # noqa: PTH110
