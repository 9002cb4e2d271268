"""The charter at a glance (``charter-check principles``), as text, JSON or Markdown.

The Markdown gives each criterion an HTML anchor named after its id (``security-dpia``), which
is what ``docs/criteria.md`` is written from and what the CI formats link each rule to."""

from __future__ import annotations

import json
from typing import Any

from charter_check.judging.rules import criterion_rule
from charter_check.model.charter import SOURCE_KIND_WORDS, Charter, Choice, Criterion, ProfileQuestion
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
        "choices": [_choice_to_dict(charter, choice) for choice in criterion.choices],
        "evidence": criterion.evidence.value,
        "severity": criterion.severity.value,
        "statutory": criterion.statutory,
        "may_be_switched_off": criterion_rule(criterion).can_switch_off,
        "may_be_not_applicable": criterion.may_be_not_applicable,
        "applies_when": charter.when_applies(criterion),
        "due_by": criterion.due_by.value if criterion.due_by else None,
        "sources": [source.model_dump(mode="json", exclude_none=True) for source in criterion.sources],
    }


def _choice_to_dict(charter: Charter, choice: Choice) -> dict[str, Any]:
    described: dict[str, Any] = {"value": choice.value, "label": choice.label}
    if not choice.meets:
        described |= {"meets": False, "reason": choice.reason}
    if choice.rejected:
        described["rejected"] = [
            {
                "when": charter.describe_condition(rejection.when),
                "reason": rejection.reason,
                "cites": rejection.cites,
            }
            for rejection in choice.rejected
        ]
    return described


def _profile_to_dict(charter: Charter, question: ProfileQuestion) -> dict[str, Any]:
    return {
        "id": question.id,
        "question": question.question,
        "label": question.label,
        "negated_label": question.phrase(False),
        "help": question.help,
        "implies": question.implies,
        "asked_when": charter.describe_condition(question.asked_when),
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
        "profile": [_profile_to_dict(charter, question) for question in charter.profile],
        "principles": [
            {
                "id": principle.id,
                "number": principle.number,
                "title": principle.title,
                "statement": principle.statement,
                "wording": principle.wording,
                "note": principle.note,
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
        if principle.note:
            lines += [principle.note, ""]
        lines += [
            "| Criterion | Question | Applies when | Severity | Rests on |",
            "| --- | --- | --- | --- | --- |",
        ]
        for criterion in principle.criteria:
            due = f"; due before {criterion.due_by.value}" if criterion.due_by else ""
            cells = [
                f'<a id="{criterion_anchor(criterion.id)}"></a>`{criterion.id}`',
                criterion.question,
                charter.when_applies(criterion) + due,
                criterion.severity.value
                + ("; may be switched off" if criterion_rule(criterion).can_switch_off else ""),
                "; ".join(f"{SOURCE_KIND_WORDS[source.type]}: {source.ref}" for source in criterion.sources),
            ]
            lines.append("| " + " | ".join(_cell(cell) for cell in cells) + " |")
        lines.append("")
    return "\n".join(lines)


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")
