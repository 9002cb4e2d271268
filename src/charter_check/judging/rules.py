"""Every rule a finding can name, described once for the formats that explain rules (SARIF, JUnit,
GitHub and GitLab) and for the configuration that switches rules off.

A criterion of the charter is a rule whose id is the criterion id; its words come from the charter
itself (title, question, help, action). The rules about the file's structure are the same for every
charter, so they are described in ``STRUCTURAL_RULES`` below.
"""

from __future__ import annotations

from dataclasses import dataclass

from charter_check.model.charter import Charter, Criterion


@dataclass(frozen=True)
class Rule:
    """What a rule checks and what to do when it finds something."""

    id: str
    title: str
    description: str
    help: str
    help_uri: str | None = None
    fixed_because: str | None = "it reports an error, which blocks approval"
    """Why configuration may not switch the rule off; None when it may (with a reason). A
    repository's configuration can only make the check stricter: it may switch off a warning or a
    note, never an error, a criterion resting on the law, or the declaration of responsibility."""

    @property
    def can_switch_off(self) -> bool:
        return self.fixed_because is None


ERROR_RULE = "it reports an error, which blocks approval"


def _rule(
    rule_id: str, title: str, description: str, help_text: str, *, can_switch_off: bool = False
) -> Rule:
    return Rule(rule_id, title, description, help_text, fixed_because=None if can_switch_off else ERROR_RULE)


STRUCTURAL_RULES: dict[str, Rule] = {
    rule.id: rule
    for rule in (
        _rule(
            "yaml.encoding",
            "Manifest is not UTF-8 text",
            "charter.yaml must be saved as UTF-8 text.",
            "Save the file as UTF-8; most editors offer this when saving.",
        ),
        _rule(
            "yaml.too-large",
            "Manifest is too large",
            "A manifest is limited to 1 MiB, so that checking it stays fast and safe.",
            "Split it or remove what does not belong in it; cite long documents as evidence instead.",
        ),
        _rule(
            "yaml.syntax",
            "YAML syntax error",
            "The file is not valid YAML, so nothing in it can be assessed.",
            "Fix the YAML at the line shown: check indentation, colons and closing brackets or quotes.",
        ),
        _rule(
            "yaml.multiple-documents",
            "More than one YAML document",
            "A manifest holds exactly one YAML document.",
            "Keep one document and remove the '---' separators after it.",
        ),
        _rule(
            "yaml.directive",
            "YAML directive used",
            "YAML directives (%YAML, %TAG) change how the file is read, so they are refused.",
            "Remove the line starting with '%'.",
        ),
        _rule(
            "yaml.too-deep",
            "YAML nested too deeply",
            "Very deep nesting is refused, so that checking a manifest stays fast and safe.",
            "Flatten the structure; a manifest needs only a few levels.",
        ),
        _rule(
            "yaml.too-many-values",
            "Too many values",
            "A manifest holds a few hundred values; far more is refused, so checking stays fast and safe.",
            "Remove what does not belong in the manifest; cite long material as evidence instead.",
        ),
        _rule(
            "yaml.number-too-long",
            "Number too long to read",
            "A number of more than 4,300 digits cannot be read (Python refuses it, so that reading "
            "a file stays fast).",
            "Put the value in quotes if it is text, or shorten it.",
        ),
        _rule(
            "yaml.control-character",
            "Invisible control character",
            "A value holds a control or bidirectional character, which could change how terminals, "
            "CI logs and reports show the text.",
            "Delete the character (the message names it); retype the value if unsure where it is.",
        ),
        _rule(
            "yaml.invisible-character",
            "Invisible character in a key",
            "A key holds an invisible or unusual space, often pasted from a word processor, which "
            "makes it a different key that looks the same.",
            "Delete the key and type it again.",
        ),
        _rule(
            "yaml.alias",
            "YAML alias used",
            "YAML aliases (*name) make a value stand for another, which hides what a manifest says.",
            "Write the value out in full where the alias was.",
        ),
        _rule(
            "yaml.anchor",
            "YAML anchor used",
            "YAML anchors (&name) are refused along with the aliases that use them.",
            "Remove the anchor and write each value out in full.",
        ),
        _rule(
            "yaml.tag",
            "YAML tag used",
            "YAML tags (!tag, !!python/...) can change what a value means, so they are refused.",
            "Remove the tag and write a plain value.",
        ),
        _rule(
            "yaml.duplicate-key",
            "Key given twice",
            "A key appears twice in the same mapping, so one of the two answers would be lost.",
            "Keep one of the two entries and delete the other.",
        ),
        _rule(
            "yaml.complex-key",
            "Key is not plain text",
            "Mapping keys must be plain text, not lists or mappings.",
            "Write the key as plain text.",
        ),
        _rule(
            "manifest.empty",
            "Manifest is empty",
            "The manifest holds nothing to assess.",
            "Run 'charter-check init --force' to write a fresh manifest.",
        ),
        _rule(
            "manifest.missing-field",
            "Required field missing",
            "A field every manifest needs (such as 'charter' or 'project.name') is absent.",
            "Add the field named in the message.",
        ),
        _rule(
            "manifest.unknown-field",
            "Unknown field",
            "The manifest has a key the manifest format does not define, often a misspelling.",
            "Correct the spelling (the message suggests the likely key) or remove the key.",
        ),
        _rule(
            "manifest.invalid-value",
            "Value of the wrong kind",
            "A field holds the wrong kind of value, such as a number where text is expected.",
            "Give the kind of value the message asks for; put text in quotes when in doubt.",
        ),
        _rule(
            "manifest.charter-mismatch",
            "Manifest answers another charter",
            "The manifest names a different charter from the one it is being checked against.",
            "Correct 'charter:' in the manifest, or pass --charter with the charter it answers.",
        ),
        _rule(
            "manifest.charter-version",
            "Manifest answers another version of the charter",
            "The manifest was written against another version of the charter.",
            "Review your answers against this version, then update 'charter_version'.",
            can_switch_off=True,
        ),
        _rule(
            "manifest.unknown-profile-question",
            "Unknown profile question",
            "The profile answers a question the charter does not ask, often a misspelling.",
            "Correct the spelling (the message suggests the likely question) or remove it.",
        ),
        _rule(
            "manifest.unknown-criterion",
            "Unknown criterion",
            "The manifest answers a criterion the charter does not have, often a misspelling.",
            "Correct the criterion id (the message suggests the likely one) or remove the answer.",
        ),
        _rule(
            "project.summary",
            "No plain-English summary",
            "The project block needs a summary residents can read: what the project does, and for whom.",
            "Write two or three plain sentences under 'project.summary'.",
        ),
        _rule(
            "project.contact",
            "No contact for residents",
            "The project block needs a contact residents can use: an email address or an https web page.",
            "Give one under 'project.contact'.",
        ),
        _rule(
            "project.stage",
            "No stage",
            "The project's stage (discovery, development, pilot, live or retired) decides which "
            "criteria bind now.",
            "Give it under 'project.stage'.",
        ),
        _rule(
            "manifest.answer-ignored",
            "Answer to a criterion that does not apply",
            "The manifest answers a criterion that does not apply to this project's profile; "
            "the answer is ignored.",
            "Remove the answer, or check the profile if the criterion should apply.",
            can_switch_off=True,
        ),
        _rule(
            "profile.unanswered",
            "Profile question unanswered",
            "Until a profile question is answered, every criterion that depends on it applies.",
            "Answer the profile question with true or false.",
            can_switch_off=True,
        ),
        _rule(
            "profile.contradiction",
            "Profile answers contradict each other",
            "One profile answer implies another (health data is special-category data), "
            "but the other says no.",
            "Set the implied profile answer to true, or correct the first one.",
        ),
    )
}


def criterion_rule(criterion: Criterion) -> Rule:
    """A criterion as a rule, in the charter's own words."""
    action = f"What to do: {criterion.action}"
    help_text = f"{criterion.help} {action}" if criterion.help else action
    urls = [source.url for source in criterion.sources if source.url]
    return Rule(
        id=criterion.id,
        title=criterion.title,
        description=criterion.question,
        help=help_text,
        help_uri=urls[0] if urls else None,
        fixed_because=_why_fixed(criterion),
    )


def _why_fixed(criterion: Criterion) -> str | None:
    if criterion.blocks:
        return ERROR_RULE
    if criterion.statutory:
        return "it rests on the law"
    if (criterion.answer_from or "").startswith("declaration."):
        return "it is part of the declaration of responsibility"
    return None


def rule_for(rule_id: str, charter: Charter) -> Rule:
    """The rule behind a finding: a criterion of ``charter``, a structural rule, or, for an id
    neither knows, a plain description so that every finding can still be explained."""
    criterion = charter.criterion(rule_id)
    if criterion is not None:
        return criterion_rule(criterion)
    known = STRUCTURAL_RULES.get(rule_id)
    if known is not None:
        return known
    return Rule(rule_id, rule_id, f"charter-check rule {rule_id}.", "See the message for what to do.")


def known_rule(rule_id: str, charter: Charter) -> Rule | None:
    """The rule named ``rule_id``, if the charter or the structural rules define it."""
    criterion = charter.criterion(rule_id)
    if criterion is not None:
        return criterion_rule(criterion)
    return STRUCTURAL_RULES.get(rule_id)
