"""The top of the repository a file is in: the folder that CI systems name files from.

GitHub code scanning and annotations, GitLab Code Quality and GitLab's test reports place a finding
by its path from the top of the repository, whatever folder the tool ran in. The top is found as
git finds it, by looking upward for ``.git`` (a folder, or a file in a linked work tree or a
submodule), without running git.
"""

# Strings and os calls rather than Path objects: it runs for every manifest of a run.
# ruff: noqa: PTH118, PTH120

from __future__ import annotations

import os
from pathlib import Path


def repository_root(folder: Path, *, links_resolved: bool = False) -> Path | None:
    """The top of the git work tree holding ``folder`` (its links resolved here, unless they are
    already), or None outside one."""
    current = str(folder) if links_resolved else os.path.realpath(folder)
    while True:
        if os.path.lexists(os.path.join(current, ".git")):
            return Path(current)
        parent = os.path.dirname(current)
        if parent == current:
            return None
        current = parent
