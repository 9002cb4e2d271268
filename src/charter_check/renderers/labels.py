"""Words for statuses, shared by every human-readable format, so that status is never shown by
colour or symbol alone, and ``labelled`` to put such a word before a message once only."""

from __future__ import annotations

from charter_check.model.assessment import CriterionStatus, PrincipleResult, PrincipleStatus, Readiness

PRINCIPLE_STATUS_WORDS = {
    PrincipleStatus.MET: "met",
    PrincipleStatus.MET_WITH_WARNINGS: "met, with warnings",
    PrincipleStatus.INCOMPLETE: "incomplete",
    PrincipleStatus.NOT_MET: "NOT MET",
    PrincipleStatus.NOT_APPLICABLE: "does not apply",
    PrincipleStatus.NOT_ASSESSED: "not assessed",
}

CRITERION_STATUS_WORDS = {
    CriterionStatus.MET: "met",
    CriterionStatus.NOT_MET: "not met",
    CriterionStatus.PARTLY: "partly",
    CriterionStatus.NOT_KNOWN: "not known",
    CriterionStatus.MISSING: "unanswered",
    CriterionStatus.NOT_APPLICABLE: "not applicable",
    CriterionStatus.NOT_REQUIRED: "does not apply",
}


NOT_CHECKED = "not_checked"
"""A manifest that could not be checked at all (no such file, an unknown charter): no verdict."""

READINESS_WORDS: dict[str, str] = {
    NOT_CHECKED: "Not checked",
    Readiness.UNREADABLE: "Could not be read",
    Readiness.NOT_READY: "Not ready",
    Readiness.INCOMPLETE: "Incomplete",
    Readiness.READY: "Ready for approval",
}


def labelled(label: str, text: str) -> str:
    """``label: text``, unless the text already starts with the label (``not required: …``)."""
    if _starts_with(label, text):
        return text
    return f"{label}: {text}"


def unlabelled(label: str, text: str) -> str:
    """``text`` without the label it may start with, for a layout that shows the label apart from
    the text (as a report shows a status): 'unanswered: When …' becomes 'When …'."""
    if _starts_with(label, text):
        return text[len(label) + 1 :].lstrip()
    return text


def _starts_with(label: str, text: str) -> bool:
    return text.lower().startswith(f"{label.lower()}:")


_SEVERAL = {CriterionStatus.NOT_REQUIRED: "do not apply"}
"""A status's words where they change with the count ('1 does not apply', '2 do not apply')."""


def criterion_counts(result: PrincipleResult) -> str:
    """How a principle's criteria stand, in words: '4 met, 1 partly, 2 do not apply'."""
    return ", ".join(
        f"{count} {_SEVERAL.get(status, words) if count > 1 else words}"
        for status, words in CRITERION_STATUS_WORDS.items()
        if (count := result.count(status))
    )
