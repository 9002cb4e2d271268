"""The oversight register as CSV, one row per project under a header row, for a spreadsheet or
another tool. A cell that starts with ``=``, ``+``, ``-`` or ``@`` is written with a single quote
before it, so that no spreadsheet reads a project's name (or anything else a manifest says) as a
formula; hidden characters are shown as escapes, so every row is one line."""

from __future__ import annotations

import csv
import io

from charter_check.model.visible import visible
from charter_check.renderers.register_model import COUNTS, Register, RegisterEntry

COLUMNS = (
    "project",
    "organisation",
    "stage",
    "verdict",
    "headline",
    *COUNTS,
    "overdue_reviews",
    "next_review",
    "next_review_date",
    "accountable_person",
    "declaration_date",
    "report",
    "manifest",
    "charter",
)
HEADER = ",".join(COLUMNS)
"""The header row, by which ``-o`` recognises a register charter-check wrote."""
FORMULA_STARTS = ("=", "+", "-", "@")


def render_register_csv(register: Register) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    writer.writerows(_row(entry) for entry in register)
    return buffer.getvalue()


def _row(entry: RegisterEntry) -> list[str | int]:
    following = entry.next_review
    cells: list[str | int | None] = [
        entry.project,
        entry.organisation,
        entry.stage,
        entry.readiness,
        entry.headline,
        *(entry.count(name) for name in COUNTS),
        "; ".join(review.words for review in entry.overdue),
        following.title if following else None,
        following.due.isoformat() if following else None,
        entry.accountable,
        entry.declared_on.isoformat() if entry.declared_on else None,
        entry.report,
        entry.manifest,
        entry.charter,
    ]
    return [safe_cell(cell) if isinstance(cell, str) else ("" if cell is None else cell) for cell in cells]


def safe_cell(text: str) -> str:
    """``text`` for a spreadsheet cell: hidden characters shown, and never read as a formula."""
    shown = visible(text)
    return "'" + shown if shown.startswith(FORMULA_STARTS) else shown
