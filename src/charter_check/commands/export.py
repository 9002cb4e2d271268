"""``charter-check export atrs``: the project's Algorithmic Transparency Recording Standard record,
filled from its manifest, as Markdown to paste into the standard's template or as JSON. Only for a
project the standard is for (an algorithmic tool, as the ATRS mapping's ``applies_when`` says);
any other gets one line saying why, and exit 2. Exit 0 once the record is written."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from charter_check.checking.check import Checking, check_manifest
from charter_check.commands import EXIT_WRITTEN, OutputOptions, check_destination, print_or_write
from charter_check.reading.discovery import display_path, manifest_path
from charter_check.reading.exports import atrs_mapping_for
from charter_check.reading.loading import CannotRun
from charter_check.renderers import ATRS_FORMATS, renderer
from charter_check.renderers.atrs_record import AtrsRecord, build_record, not_for
from charter_check.writing.ownership import marked


@dataclass(frozen=True, kw_only=True)
class ExportOptions(OutputOptions):
    """What the user asked ``export atrs`` to do: also the manifest (or its folder)."""

    path: Path


def export_atrs(options: ExportOptions) -> int:
    example = "atrs-record.json" if options.output_format == "json" else "atrs-record.md"
    check_destination(
        options.output, manifest_path(options.path), force=options.force, what="record", example=example
    )
    text, record = atrs_record(options)
    print_or_write(text, options.output, lambda output: written_line(output, record))
    return EXIT_WRITTEN


def written_line(output: Path, record: AtrsRecord) -> str:
    """Where the record went, and how much of it is filled: 'Wrote the ATRS record to …: 30 of 50
    fields filled from the manifest, 20 to fill by hand.'"""
    total = sum(1 for _ in record.fields())
    filled = total - len(record.missing)
    return (
        f"Wrote the ATRS record to {display_path(output)}: {filled} of {total} fields filled from the "
        f"manifest, {len(record.missing)} to fill by hand.\n"
    )


def atrs_record(options: ExportOptions) -> tuple[str, AtrsRecord]:
    """The record's text, as it would be written to ``options.output`` (or printed), and the
    record it renders."""
    manifest_file = manifest_path(options.path)
    checked = check_manifest(manifest_file, Checking(today=options.today, charter=options.charter))
    shown = display_path(manifest_file)
    if checked.manifest is None:
        raise CannotRun(
            f"{shown}: the manifest could not be read, so there is nothing to fill the record from; "
            f"run 'charter-check validate {shown}' to see what to correct"
        )
    charter = checked.assessment.charter
    mapping = atrs_mapping_for(charter)
    reason = not_for(mapping, charter, checked.manifest)
    if reason is not None:
        raise CannotRun(
            f"{shown}: no ATRS record to export: the standard is for {mapping.applies_to}, and here {reason}"
        )
    record = build_record(checked.assessment, checked.manifest, mapping)
    text = renderer(options.output_format, ATRS_FORMATS)(record)
    return (text if options.output_format == "json" else marked(text, "export atrs")), record
