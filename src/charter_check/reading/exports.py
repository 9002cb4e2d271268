"""The mappings that ship with charter-check to fill other standards' records from a manifest:
today the Algorithmic Transparency Recording Standard's (``charters/exports/atrs-3.0.yaml``), read
once per run and checked against the charter whose criteria it names."""

from __future__ import annotations

from functools import lru_cache

from charter_check.model.charter import Charter
from charter_check.model.transparency import AtrsMapping
from charter_check.reading.loading import CannotRun, read_bundled

ATRS_MAPPING = "exports/atrs-3.0.yaml"


@lru_cache(maxsize=1)
def bundled_atrs_mapping() -> AtrsMapping:
    return read_bundled(AtrsMapping, ATRS_MAPPING, "ATRS mapping")


def atrs_mapping_for(charter: Charter) -> AtrsMapping:
    """The ATRS mapping for ``charter``; CannotRun when none names it, or when it names criteria or
    profile questions the charter does not have."""
    mapping = bundled_atrs_mapping()
    shown = f"charters/{ATRS_MAPPING}"
    if mapping.charter != charter.id:
        raise CannotRun(
            f"charter {charter.id} has no ATRS mapping ({shown} maps charter {mapping.charter}); "
            "export the record from a manifest that answers that charter"
        )
    problems = mapping.problems_with(charter)
    if problems:
        raise CannotRun(f"{shown}: {problems[0]}; correct the mapping to match the charter")
    return mapping
