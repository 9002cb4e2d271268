"""``charter-check schema``: the manifest's JSON Schema for the charter in use, for editors.

Written with ``-o charter.schema.json`` beside ``charter.yaml``, it is the file the manifest's first
line (``# yaml-language-server: $schema=charter.schema.json``) points editors at. A schema that
charter-check wrote is replaced when it is generated again; any other file only with ``--force``.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from charter_check.commands import write_or_stop
from charter_check.model.json_schema import GENERATED_BY, manifest_json_schema
from charter_check.reading.config import project_config
from charter_check.reading.discovery import display_path
from charter_check.reading.loading import CannotRun, load_charter


def schema(charter_ref: str | None, output: Path | None, force: bool, config: Path | None = None) -> int:
    charter = load_charter(charter_ref or project_config(config).charter)
    text = json.dumps(manifest_json_schema(charter), indent=2, ensure_ascii=False) + "\n"
    if output is None:
        sys.stdout.write(text)
        return 0
    if not force and not _replaceable(output):
        raise CannotRun(
            f"{display_path(output)}: exists and is not a schema charter-check wrote; "
            "choose another file, or pass --force to replace it"
        )
    write_or_stop(output, text, "check the folder", shown=display_path(output))
    return 0


def _replaceable(output: Path) -> bool:
    """A missing file, one that charter-check generated, or a pipe or device such as /dev/null
    (written into, never replaced, and never read here) may be written."""
    if not os.path.isfile(output):  # noqa: PTH113 (False, not an error, for a name too long)
        return True
    try:
        comment = json.loads(output.read_text(encoding="utf-8")).get("$comment", "")
    except (OSError, ValueError, AttributeError):
        return False
    return isinstance(comment, str) and comment.startswith(GENERATED_BY)
