"""The charter at a glance (``charter-check principles``), as text, JSON or Markdown.

The Markdown gives each criterion an HTML anchor named after its id (``security-dpia``), which
is what ``docs/criteria.md`` is written from and what the CI formats link each rule to."""

from __future__ import annotations

import json
from typing import Any

from charter_check.model.charter import Charter, Criterion
from charter_check.renderers.links import criterion_anchor

WORDING_NOTE = {
    "charter": "the charter's wording",
    "summary": "summary written for charter-check; not the charter's wording",
}


def criterion_to_dict(charter: Charter, criterion: Criterion) -> dict[str, Any]:
    return {
        "id": criterion.id,
        "title": criterion.title,
        "question": criterion.question,
        "help": criterion.help,
        "answer": criterion.answer.value,
        "choices": [{"value": c.value, "label": c.label} for c in criterion.choices],
        "evidence": criterion.evidence.value,
        "severity": criterion.severity.value,
        "may_be_not_applicable": criterion.may_be_not_applicable,
        "applies_when": charter.when_applies(criterion),
        "sources": [source.model_dump(mode="json", exclude_none=True) for source in criterion.sources],
    }


def render_principles_json(charter: Charter) -> str:
    document = {
        "charter": {
            "id": charter.id,
            "title": charter.title,
            "version": charter.version,
            "published": charter.published.isoformat(),
            "publisher": charter.publisher,
            "provenance": charter.provenance,
            "sha256": charter.sha256,
        },
        "profile": [question.model_dump(mode="json", exclude_defaults=True) for question in charter.profile],
        "principles": [
            {
                "id": principle.id,
                "number": principle.number,
                "title": principle.title,
                "statement": principle.statement,
                "wording": principle.wording,
                "may_be_not_applicable": principle.may_be_not_applicable,
                "criteria": [criterion_to_dict(charter, c) for c in principle.criteria],
            }
            for principle in charter.principles
        ],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def render_principles_text(charter: Charter) -> str:
    lines = [f"{charter.title} (version {charter.version}, published {charter.published.isoformat()})", ""]
    for principle in charter.principles:
        lines.append(f"{principle.number:>2}. {principle.title}  [{WORDING_NOTE[principle.wording]}]")
        lines.append(f"    {principle.statement}")
        for criterion in principle.criteria:
            when = charter.when_applies(criterion)
            suffix = "" if when == "always" else f" (when {when})"
            lines.append(f"    - {criterion.id}: {criterion.title}{suffix}")
        lines.append("")
    lines.append(f"{len(charter.principles)} principles, {len(charter.criteria)} criteria.")
    return "\n".join(lines) + "\n"


def render_principles_markdown(charter: Charter) -> str:
    lines = [
        f"# {charter.title}",
        "",
        f"Version {charter.version}, published {charter.published.isoformat()} by {charter.publisher}.",
        "",
    ]
    lines += [f"> {charter.provenance}", ""]
    for principle in charter.principles:
        lines += [f"## {principle.number}. {principle.title}", ""]
        lines += [f"> {principle.statement}", "", f"*{WORDING_NOTE[principle.wording].capitalize()}.*", ""]
        lines += ["| Criterion | Question | Applies when | Severity |", "| --- | --- | --- | --- |"]
        for criterion in principle.criteria:
            cells = [
                f'<a id="{criterion_anchor(criterion.id)}"></a>`{criterion.id}`',
                criterion.question,
                charter.when_applies(criterion),
                criterion.severity.value,
            ]
            lines.append("| " + " | ".join(_cell(cell) for cell in cells) + " |")
        lines.append("")
    return "\n".join(lines)


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")
