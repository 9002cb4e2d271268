"""The ATRS record as JSON: the GOV.UK metadata keys (``algorithmic_transparency_record_phase``, ...)
under ``metadata``, and ``tier_1`` and ``tier_2`` keyed by the standard's field names in snake case,
each field with its number (``ref``), its value (null when nothing fills it) and where the value
comes from, or what would fill it. The groups the template repeats for each model and dataset are
lists. ``missing`` lists every field to fill by hand. There is no official JSON form of a v3.0
record: this shape is charter-check's, and ``format_version`` changes if a key does."""

from __future__ import annotations

import json
from typing import Any

from charter_check.renderers.atrs_record import AtrsRecord, FieldEntry, GroupEntry
from charter_check.renderers.json import TOOL

FORMAT_VERSION = "1"


def render_atrs_json(record: AtrsRecord) -> str:
    document = {
        "format_version": FORMAT_VERSION,
        "tool": TOOL,
        "standard": {"name": record.standard, "version": record.version, "url": record.url},
        "project": {
            "name": record.project,
            "organisation": record.organisation,
            "manifest": record.manifest_path,
            "manifest_sha256": record.manifest_sha256,
            "charter": record.charter_id,
            "charter_version": record.charter_version,
            "assessed_on": record.assessed_on.isoformat(),
        },
        "metadata": {entry.key: entry.value for entry in record.metadata},
        "metadata_sources": {
            entry.key: {"from": entry.source, "note": entry.note, "to_fill": entry.to_fill}
            for entry in record.metadata
        },
        **{tier.key: _tier(tier.sections) for tier in record.tiers},
        "missing": [
            {"ref": field.ref, "field": field.name, "to_fill": field.to_fill} for field in record.missing
        ],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _tier(sections: tuple[GroupEntry, ...]) -> dict[str, Any]:
    """A tier's sections by key; a section without a key (Tier 1's one) gives its fields directly."""
    tier: dict[str, Any] = {}
    for section in sections:
        fields = _group(section)
        if section.key is None:
            tier.update(fields)
        else:
            tier[section.key] = {"ref": section.ref, "title": section.title, **fields}
    return tier


def _group(group: GroupEntry) -> dict[str, Any]:
    fields: dict[str, Any] = {field.key: _field(field) for field in group.fields}
    for inner in group.groups:
        fields[inner.key or inner.title] = [{"ref": inner.ref, **_group(inner)}]
    return fields


def _field(field: FieldEntry) -> dict[str, Any]:
    return {
        "ref": field.ref,
        "field": field.name,
        "named": field.named.value,
        "value": field.value,
        "from": [
            {
                "source": part.source,
                "title": part.title,
                "text": part.text,
                "notes": list(part.notes),
                "evidence": list(part.evidence),
            }
            for part in field.parts
        ],
        "to_fill": None if field.filled else field.to_fill,
    }
