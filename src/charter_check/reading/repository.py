"""The top of the repository a file is in: the folder that CI systems name files from.

GitHub code scanning and annotations, GitLab Code Quality and GitLab's test reports place a finding
by its path from the top of the repository, whatever folder the tool ran in. The top is found as
git finds it, by looking upward for ``.git`` (a folder, or a file in a linked work tree or a
submodule), without running git.
"""

from __future__ import annotations

import os
from pathlib import Path


def repository_root(folder: Path) -> Path | None:
    """The top of the git work tree holding ``folder`` (its links resolved), or None outside one."""
    current = Path(os.path.realpath(folder))
    for candidate in (current, *current.parents):
        if os.path.lexists(candidate / ".git"):
            return candidate
    return None
