"""Words for statuses, shared by every human-readable format, so that status is never shown by
colour or symbol alone, and ``labelled`` to put such a word before a message once only."""

from __future__ import annotations

from charter_check.model.assessment import CriterionStatus, PrincipleStatus

PRINCIPLE_STATUS_WORDS = {
    PrincipleStatus.MET: "met",
    PrincipleStatus.MET_WITH_WARNINGS: "met, with warnings",
    PrincipleStatus.INCOMPLETE: "incomplete",
    PrincipleStatus.NOT_MET: "NOT MET",
    PrincipleStatus.NOT_APPLICABLE: "not applicable",
    PrincipleStatus.NOT_ASSESSED: "not assessed",
}

CRITERION_STATUS_WORDS = {
    CriterionStatus.MET: "met",
    CriterionStatus.NOT_MET: "not met",
    CriterionStatus.MISSING: "unanswered",
    CriterionStatus.NOT_APPLICABLE: "not applicable",
    CriterionStatus.NOT_REQUIRED: "not required",
}


def labelled(label: str, text: str) -> str:
    """``label: text``, unless the text already starts with the label (``not required: …``)."""
    if text.lower().startswith(f"{label.lower()}:"):
        return text
    return f"{label}: {text}"
