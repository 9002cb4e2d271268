"""The JSON ``validate`` format: a versioned contract other tools read. Its shape is documented in
the README; add fields freely, but change or remove one only with a new ``format_version``.

Paths are as the text format shows them (relative to the working folder); the manifest's
``repository_path`` is its path from the top of the repository, as the CI formats show it, and
each finding's ``fingerprint`` is the one they give it (see ``identity``). Statuses, severities
and stages are text enumerations (``StrEnum``), written as the words they are."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Sequence
from functools import lru_cache
from json.encoder import encode_basestring as _quoted
from typing import Any

from charter_check import __version__
from charter_check.model.assessment import Assessment, CriterionResult
from charter_check.model.findings import Finding
from charter_check.renderers import Rendered, Write, render
from charter_check.renderers.identity import fingerprint, repository_path

FORMAT_VERSION = "1"
TOOL = {"name": "charter-check", "version": __version__}


def criterion_json(result: CriterionResult) -> str:
    """One criterion's result as JSON text, field by field, as ``json.dumps`` would write it: the
    criteria are most of a manifest's JSON, and writing them directly is several times faster than
    building a dictionary for each and encoding it. Text goes through the encoder's own quoting."""
    criterion = result.criterion
    evidence = (
        ", ".join(
            f'{{"reference": {_quoted(item.reference)}, "state": {_quoted(item.state)}}}'
            for item in result.evidence
        )
        if result.evidence
        else ""
    )
    return (
        f"{_opening(criterion.id, criterion.title)}{_quoted(result.status)}, "
        f'"severity": {_quoted(criterion.severity)}, "message": {_quoted(result.message)}, '
        f'"answer": {_text(result.answer_text)}, "evidence": [{evidence}], '
        f'"justification": {_text(result.said("justification"))}, '
        f'"missing": {_text(result.said("missing"))}, '
        f'"who_will_find_out": {_text(result.said("who_will_find_out"))}, '
        f'"find_out_by": {_text(result.said("find_out_by"))}, "due_by": {_text(result.due_by)}, '
        f'"statutory": {"true" if criterion.statutory else "false"}, "notes": {_text(result.notes)}}}'
    )


@lru_cache(maxsize=1024)
def _opening(criterion_id: str, title: str) -> str:
    """What every result of a criterion starts with, up to its status: written once a run."""
    return f'{{"id": {_quoted(criterion_id)}, "title": {_quoted(title)}, "status": '


def _text(value: str | None) -> str:
    return "null" if value is None else _quoted(value)


def finding_to_dict(finding: Finding, taken: set[str]) -> dict[str, Any]:
    """A finding, with its fingerprint (``taken``: the fingerprints given so far in this output)."""
    return {
        "rule": finding.rule,
        "severity": finding.severity,
        "message": finding.message,
        "path": finding.path,
        "line": finding.line,
        "column": finding.column,
        "criterion": finding.criterion,
        "principle": finding.principle,
        "fingerprint": fingerprint(finding, taken),
    }


def readiness_to_dict(assessment: Assessment) -> dict[str, Any]:
    """The verdict in words and the counts it rests on."""
    judged = assessment.judged()
    return {
        "state": judged.readiness,
        "headline": judged.headline,
        "met": judged.met,
        "not_met": judged.not_met,
        "partly": judged.partly,
        "to_answer": judged.to_answer,
        "not_known": judged.not_known,
        "do_not_apply": judged.do_not_apply,
        "relaxed_by_configuration": judged.relaxed,
        "other_problems": judged.other_problems,
    }


def assessment_json(assessment: Assessment) -> str:
    """The JSON contract for one manifest, on one line. The parts around the principles are
    encoded by ``json.dumps``; the principles and their criteria, most of the text, are written
    directly (see ``criterion_json``)."""
    given: set[str] = set()  # the fingerprints given so far to this manifest's findings
    charter = assessment.charter
    principle_counts = Counter(result.status.value for result in assessment.principles)
    before = {
        "format_version": FORMAT_VERSION,
        "tool": TOOL,
        "charter": {"id": charter.id, "version": charter.version, "sha256": charter.sha256},
        "manifest": {
            "path": assessment.manifest.path,
            "repository_path": repository_path(assessment.manifest.path),
            "sha256": assessment.manifest.sha256,
            "project": assessment.manifest.project_name,
            "organisation": assessment.manifest.organisation,
        },
        "assessed_on": assessment.assessed_on.isoformat(),
        "strict": assessment.strict,
        "verdict": assessment.verdict,
        "stage": assessment.stage,
        "readiness": readiness_to_dict(assessment),
        "summary": {
            "criteria": assessment.criterion_counts(),
            "findings": assessment.finding_counts(),
            "principles": dict(sorted(principle_counts.items())),
        },
    }
    principles = ", ".join(
        f'{{"id": {_quoted(result.principle.id)}, "number": {result.principle.number}, '
        f'"title": {_quoted(result.principle.title)}, "status": {_quoted(result.status)}, '
        f'"criteria": [{", ".join(criterion_json(item) for item in result.criteria)}]}}'
        for result in assessment.principles
    )
    after = {
        "findings": [finding_to_dict(finding, given) for finding in assessment.findings],
        "switched_off": [
            {
                "rule": item.rule,
                "reason": item.reason,
                "configured_in": item.configured_in,
                "findings": [finding_to_dict(finding, given) for finding in item.findings],
            }
            for item in assessment.switched_off
        ],
    }
    opening, closing = _dumps(before), _dumps(after)
    return f'{opening[:-1]}, "principles": [{principles}], {closing[1:]}'


def _dumps(value: dict[str, Any]) -> str:
    return json.dumps(value, ensure_ascii=False)


def piece(assessment: Assessment, many: bool) -> str:
    """One manifest's object, on one line (``jq .`` lays it out for reading)."""
    return assessment_json(assessment)


def write(rendered: Iterable[Rendered], out: Write, many: bool) -> None:
    """One manifest: its object. Several: ``{format_version, tool, manifests: [...], verdict}``,
    each manifest on a line of its own as it comes."""
    if not many:
        for each in rendered:
            if each.problem is None:
                out(each.piece + "\n")
        return
    header = _dumps({"format_version": FORMAT_VERSION, "tool": TOOL})
    out(header[:-1] + ', "manifests": [')
    separator, passed = "\n", True
    for each in rendered:
        if each.problem is None:
            out(separator + each.piece)
            separator, passed = ",\n", passed and each.passed
    out(f'\n], "verdict": "{"pass" if passed else "fail"}"}}\n')


def render_json(assessments: Sequence[Assessment]) -> str:
    return render("json", assessments)
