"""Files that ship with charter-check: the bundled charters and the report templates.

They live at the top of the source tree (``charters/``, ``templates/``) and are copied into the
package when the wheel is built, so they are read with ``importlib.resources`` when installed, and
straight from the source tree in an editable install or a checkout.
"""

from __future__ import annotations

from functools import lru_cache
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path


def bundled(folder: str) -> Traversable:
    """The installed copy of ``folder`` (``charters`` or ``templates``), or the source tree's."""
    installed = files("charter_check") / folder
    if installed.is_dir():
        return installed
    return Path(__file__).resolve().parents[3] / folder


def bundled_charter_ids() -> list[str]:
    """Ids of the charters that ship with the tool (a file ``lcr_2025.yaml`` is ``lcr-2025``)."""
    return list(_bundled_charter_ids())


@lru_cache(maxsize=1)
def _bundled_charter_ids() -> tuple[str, ...]:
    # Listed once per run: validate asks for every manifest it checks.
    folder = bundled("charters")
    if not folder.is_dir():
        return ()
    names = [entry.name for entry in folder.iterdir() if entry.name.endswith(".yaml")]
    return tuple(sorted(name.removesuffix(".yaml").replace("_", "-") for name in names))


def bundled_charter(charter_id: str) -> Traversable:
    return bundled("charters") / (charter_id.replace("-", "_") + ".yaml")
