"""The oversight register as JSON: what the register says as a whole, and each project in the
register's order, with its verdict, the counts it rests on, its reviews, its accountable person
and where its report is."""

from __future__ import annotations

import json
from typing import Any

from charter_check.renderers.json import TOOL
from charter_check.renderers.register_model import COUNTS, Register, RegisterEntry, Review

FORMAT_VERSION = "1"


def render_register_json(register: Register) -> str:
    document = {
        "format_version": FORMAT_VERSION,
        "tool": TOOL,
        "assessed_on": register.assessed_on.isoformat(),
        "summary": {"projects": len(register.entries), **register.counts},
        "projects": [_entry(entry) for entry in register],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _entry(entry: RegisterEntry) -> dict[str, Any]:
    return {
        "project": entry.project,
        "organisation": entry.organisation,
        "stage": entry.stage,
        "verdict": entry.readiness,
        "headline": entry.headline,
        "counts": {name: entry.count(name) for name in COUNTS},
        "overdue_reviews": [_review(review) for review in entry.overdue],
        "next_review": _review(entry.next_review) if entry.next_review else None,
        "accountable_person": entry.accountable,
        "declaration_date": entry.declared_on.isoformat() if entry.declared_on else None,
        "report": entry.report,
        "report_path": entry.report_path,
        "manifest": entry.manifest,
        "charter": entry.charter or None,
        "problem": entry.problem,
    }


def _review(review: Review) -> dict[str, str]:
    return {"title": review.title, "due": review.due.isoformat()}
