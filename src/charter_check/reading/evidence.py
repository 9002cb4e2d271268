"""Evidence looked up: ``survey_evidence`` looks at the file system once, before assessment, so the
assessment itself stays free of I/O. What each state means, and what can be told from a reference
alone, is in ``model/evidence.py``.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from pathlib import Path

from charter_check.model.evidence import EvidenceState, classify_reference


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
    """Any path: required to stay inside the project both as the file system reads it (every link
    followed, then each ``..``) and as a browser or web server reads a link to it (each ``..``
    taking away the name before it). The two differ when ``..`` follows a link to a folder:
    ``deep/../../x``, with ``deep`` a link to ``a/b/c``, is ``a/x`` on disk but ``../x`` in a
    report. Whether anything exists outside is never looked at, so the answer does not tell."""
    try:
        joined = os.path.join(base, path)  # noqa: PTH118
        resolved = os.path.realpath(joined)
    except (OSError, RuntimeError, ValueError):
        return EvidenceState.MISSING
    if not (_inside(base, resolved) and _inside(base, os.path.normpath(joined))):
        return EvidenceState.OUTSIDE_PROJECT
    if os.path.isdir(resolved):  # noqa: PTH112
        return EvidenceState.FOLDER
    return EvidenceState.FILE if os.path.exists(resolved) else EvidenceState.MISSING  # noqa: PTH110


def _inside(base: str, path: str) -> bool:
    return path == base or path.startswith(base.rstrip(os.sep) + os.sep)
