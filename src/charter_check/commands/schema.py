"""``charter-check schema``: the manifest's JSON Schema for the charter in use, for editors.

Written with ``-o charter.schema.json`` beside ``charter.yaml``, it is the file the manifest's first
line (``# yaml-language-server: $schema=charter.schema.json``) points editors at. A schema that
charter-check wrote is replaced when it is generated again; any other file only with ``--force``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from charter_check.commands import write_or_stop
from charter_check.reading.config import config_for
from charter_check.reading.discovery import display_path
from charter_check.reading.loading import load_charter
from charter_check.renderers.json_schema import manifest_json_schema
from charter_check.writing.ownership import refuse_to_replace


def schema(charter_ref: str | None, output: Path | None, force: bool, config: Path | None = None) -> int:
    charter = load_charter(charter_ref or config_for(Path("charter.yaml"), config).charter)
    text = json.dumps(manifest_json_schema(charter), indent=2, ensure_ascii=False) + "\n"
    if output is None:
        sys.stdout.write(text)
        return 0
    refuse_to_replace(output, force=force)
    write_or_stop(output, text, "check the folder", shown=display_path(output))
    return 0
