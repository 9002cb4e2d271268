"""Evidence-only answers: the criterion is answered by the evidence cited, with no other answer.

PASS: at least one usable piece of evidence (a file in the project, an https link). FAIL: none
cited, or none that can be used.
"""

from __future__ import annotations

from typing import Any

from charter_check.answers.base import AnswerContext, Judgement, Kind
from charter_check.model.charter import AnswerKind, Criterion


class Evidence(Kind):
    kind = AnswerKind.EVIDENCE

    def describe(self, criterion: Criterion) -> str:
        return "evidence only: cite files in the project or https links"

    def judge(self, criterion: Criterion, value: Any, context: AnswerContext) -> Judgement:
        if context.usable_evidence:
            return Judgement(True, f"{context.usable_evidence} piece(s) of evidence cited", None)
        return Judgement(False, f"cite evidence: {criterion.action_clause}", None)


EVIDENCE = Evidence()
