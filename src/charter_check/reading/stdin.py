"""A manifest piped in on standard input (``charter-check validate -``), read with the same size
limit and the same one-line problems as a manifest read from a file.

Evidence cited relative to ``charter.yaml`` is then looked up from the working folder, as if the
manifest were ``./charter.yaml``; findings name it ``<stdin>``.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import BinaryIO

from charter_check.model.visible import STDIN_DISPLAY
from charter_check.reading.loading import CannotRun, ManifestFile
from charter_check.reading.yaml_reader import MAX_BYTES

STDIN_ARGUMENT = Path("-")
"""The path that stands for standard input on the command line."""


def read_manifest_stdin(stream: BinaryIO | None = None) -> ManifestFile:
    """The manifest's bytes from ``stream`` (standard input by default), or raise CannotRun."""
    source = stream if stream is not None else _standard_input()
    try:
        raw = source.read(MAX_BYTES + 1)
    except OSError as error:
        raise CannotRun(
            f"{STDIN_DISPLAY}: cannot be read ({error.strerror}); check what is piped in"
        ) from None
    if len(raw) > MAX_BYTES:
        raise CannotRun(
            f"{STDIN_DISPLAY}: is over the {MAX_BYTES:,}-byte limit for a manifest; "
            "check this is the right file, and remove what does not belong in it"
        )
    return ManifestFile(path=Path.cwd() / "charter.yaml", display=STDIN_DISPLAY, raw=raw)


def _standard_input() -> BinaryIO:
    """Standard input as bytes; a terminal is refused, since a manifest is piped in, not typed."""
    stdin = sys.stdin
    if stdin is None or stdin.closed:
        raise CannotRun(
            f"{STDIN_DISPLAY}: is closed; pipe a manifest in: charter-check validate - < charter.yaml"
        )
    if stdin.isatty():
        raise CannotRun(
            f"{STDIN_DISPLAY}: is a terminal; pipe a manifest in: charter-check validate - < charter.yaml"
        )
    return stdin.buffer
