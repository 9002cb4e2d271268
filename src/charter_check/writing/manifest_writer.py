"""Writing manifests: a fresh ``charter.yaml`` that reads as a form (every question of the charter
as comments beside an empty answer), and changes to an existing one made through a ruamel.yaml
round trip, so that the user's comments, key order and formatting stay as they were.

Where a comment sits in the file decides which key ruamel.yaml keeps it with: a comment line
belongs to the value just above it. So when keys are added or removed, the comment lines that
followed the old last value are moved to follow the new one, and stay above what they described.
"""

from __future__ import annotations

import datetime as dt
import io
import itertools
import textwrap
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Final

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import CommentMark
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, FoldedScalarString, PlainScalarString
from ruamel.yaml.tokens import CommentToken

from charter_check.answers import kind_of
from charter_check.model.charter import AnswerKind, Charter, Criterion, Principle
from charter_check.model.manifest import Person

SCHEMA_HOOK = "yaml-language-server: $schema=charter.schema.json"
WIDTH = 100
FOLD_LONGER_THAN = 72
FOLD_WIDTH = 88
NEVER_WRAP = 4096
TOP_LEVEL_ORDER = (
    "charter",
    "charter_version",
    "project",
    "declaration",
    "profile",
    "principles_not_applicable",
    "answers",
)
ENTRY_ORDER = ("status", "answer", "evidence", "justification", "notes")
PERSON_ORDER = ("name", "role", "organisation", "email")
FIXED_ORDERS: dict[tuple[str, ...], tuple[str, ...]] = {
    (): TOP_LEVEL_ORDER,
    ("project",): ("name", "organisation", "summary", "contact", "stage"),
    ("declaration",): ("accountable_person", "date", "statement"),
    ("declaration", "accountable_person"): PERSON_ORDER,
}


class _Remove:
    def __repr__(self) -> str:
        return "REMOVE"


REMOVE: Final = _Remove()


@dataclass(frozen=True)
class ManifestChange:
    """Set the value at ``path`` (keys from the top of the manifest), or remove it (``REMOVE``).
    Plain values only: text, booleans, dates, lists of text (evidence) and mappings (persons)."""

    path: tuple[str, ...]
    value: Any


@dataclass(frozen=True)
class ProjectDetails:
    """What ``init`` knows about the project when it writes a new manifest."""

    name: str
    organisation: str
    summary: str | None = None
    contact: str | None = None
    stage: str | None = None
    accountable: Person = field(default_factory=Person)
    """The accountable person as given on the command line or at a prompt; empty parts are left out."""


# Writing a new manifest -------------------------------------------------------------------------


def scaffold_manifest(charter: Charter, project: ProjectDetails) -> str:
    """A new manifest for ``project``: every profile question and every criterion of ``charter``
    unanswered, each with its question, help and the form of its answer as comments."""
    root = CommentedMap()
    root["charter"] = charter.id
    root["charter_version"] = DoubleQuotedScalarString(charter.version)
    root["project"] = _project_block(project)
    root["declaration"] = _declaration_block(charter, project.accountable)
    root["profile"] = _profile_block(charter)
    root["answers"] = _answers_block(charter)
    root.yaml_set_start_comment(_opening_comment(charter, project))
    _comment_before(root, "project", "The project this manifest describes.", 0)
    _comment_before(
        root,
        "declaration",
        "The declaration of responsibility (accountability): who answers for the project, when "
        "they made the declaration, and the statement they made.",
        0,
    )
    _comment_before(
        root,
        "profile",
        "About the project: these answers decide which questions below apply. Answer true or false.",
        0,
    )
    _comment_before(root, "answers", _answers_introduction(), 0)
    return _dump(root, _yaml())


def _person_answer(person: Person) -> dict[str, str] | None:
    """The parts of ``person`` that are given, in a manifest's order; None when none is."""
    given = {key: getattr(person, key) for key in PERSON_ORDER if getattr(person, key)}
    return given or None


def _opening_comment(charter: Charter, project: ProjectDetails) -> str:
    return "\n".join(
        [
            SCHEMA_HOOK,
            *_wrap(
                f"Charter self-assessment for {project.name}, against the {charter.title} "
                f"(version {charter.version}).",
                0,
            ),
            *_wrap(
                "Answer the questions with 'charter-check assess' (it saves as you go), or edit this "
                "file; check it with 'charter-check validate'.",
                0,
            ),
        ]
    )


def _project_block(project: ProjectDetails) -> CommentedMap:
    block = CommentedMap()
    block["name"] = project.name
    block["organisation"] = project.organisation
    block["summary"] = _scalar(project.summary)
    block["contact"] = project.contact
    block["stage"] = project.stage
    hints = {
        "summary": "what the project does, and for whom, in two or three plain sentences",
        "contact": "an email address or web page where residents can ask about the project",
        "stage": "discovery, development, pilot, live or retired",
    }
    for key, hint in hints.items():
        if block[key] is None:
            block.yaml_add_eol_comment(hint, key, column=16)
    return block


def _declaration_block(charter: Charter, accountable: Person) -> CommentedMap:
    block = CommentedMap()
    block["accountable_person"] = _to_yaml(_person_answer(accountable))
    block["date"] = None
    block["statement"] = None
    for criterion in charter.criteria:
        key = _declaration_key(criterion)
        if key is not None and key in block:
            lines = [criterion.question, *_help_lines(criterion)]
            if criterion.answer is AnswerKind.PERSON and block[key] is None:
                lines.append("Give it as a mapping of name, role, organisation and email.")
            if criterion.answer is AnswerKind.STATEMENT:
                lines.append(
                    f'The suggested statement (or your own words, saying the same): "{criterion.statement}"'
                )
            _comment_before(block, key, "\n".join(lines), 2)
    if block["date"] is None:
        block.yaml_add_eol_comment("YYYY-MM-DD", "date", column=16)
    return block


def _declaration_key(criterion: Criterion) -> str | None:
    parts = (criterion.answer_from or "").split(".")
    return parts[1] if len(parts) == 2 and parts[0] == "declaration" else None


def _profile_block(charter: Charter) -> CommentedMap:
    block = CommentedMap()
    for question in charter.profile:
        block[question.id] = None
        text = question.question + (f"\n{question.help}" if question.help else "")
        _comment_before(block, question.id, text, 2, blank_line=False)
    return block


def _answers_introduction() -> str:
    return (
        "Answers, principle by principle. For each question give 'answer' and cite 'evidence' (files "
        "in this project or https links). Leave an answer empty to come back to it. Where a question "
        "does not apply to the project, write 'status: not_applicable' and a 'justification' (a "
        "sentence) instead, unless the question says it applies to every project."
    )


def _answers_block(charter: Charter) -> CommentedMap:
    block = CommentedMap()
    for principle in charter.principles:
        for position, criterion in enumerate(principle.criteria, start=1):
            entry = CommentedMap()
            if not criterion.answer_from and criterion.answer is not AnswerKind.EVIDENCE:
                entry["answer"] = None
            entry["evidence"] = _flow_list([])
            block[criterion.id] = entry
            heading = _principle_heading(principle) if position == 1 else ""
            form = _criterion_form(charter, principle, criterion, position)
            _comment_before(block, criterion.id, heading + form, 2)
    return block


def _principle_heading(principle: Principle) -> str:
    wording = (
        "the charter's words" if principle.wording == "charter" else "a summary, not the charter's words"
    )
    rule = f"--- {principle.number}. {principle.title} "
    return f"{rule:-<80}\n{principle.statement} ({wording})\n\n"


def _criterion_form(charter: Charter, principle: Principle, criterion: Criterion, position: int) -> str:
    lines = [f"{principle.number}.{position} {criterion.title}", criterion.question, *_help_lines(criterion)]
    evidence = f"evidence {criterion.evidence.value}"
    if criterion.answer_from:
        lines.append(f"The answer is '{criterion.answer_from}' above; {evidence}, cited here.")
    elif criterion.choices:
        lines.append(f"Answer with one of these values; {evidence}:")
    else:
        lines.append(f"Answer: {kind_of(criterion).describe(criterion)}; {evidence}.")
    lines += [f"  {choice.value}: {choice.label}" for choice in criterion.choices]
    if criterion.answer is AnswerKind.STATEMENT and not criterion.answer_from:
        lines.append(f'"{criterion.statement}"')
    condition = charter.when_applies(criterion)
    applies = "Applies to every project" if criterion.applies_when is None else f"Applies when {condition}"
    if not criterion.may_be_not_applicable:
        applies += "; it cannot be marked not applicable"
    lines.append(f"{applies}.")
    return "\n".join(lines)


def _help_lines(criterion: Criterion) -> list[str]:
    return [criterion.help] if criterion.help else []


def _comment_before(
    block: CommentedMap, key: str, text: str, indent: int, *, blank_line: bool = True
) -> None:
    """Comment lines above ``key``, after a blank line unless ``key`` opens its block."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        lines += _wrap(paragraph, indent) if paragraph else [""]
    opens_block = next(iter(block)) == key
    before = ("\n" if blank_line and not opens_block else "") + "\n".join(lines)
    block.yaml_set_comment_before_after_key(key, before=before, indent=indent)


def _wrap(paragraph: str, indent: int) -> list[str]:
    leading = len(paragraph) - len(paragraph.lstrip(" "))
    return textwrap.wrap(
        paragraph.lstrip(" "),
        width=WIDTH - indent - 2,
        initial_indent=" " * leading,
        subsequent_indent=" " * leading,
        break_on_hyphens=False,
        break_long_words=False,
    ) or [""]


# Changing an existing manifest ----------------------------------------------------------------


def apply_changes(text: str, changes: Sequence[ManifestChange], charter: Charter) -> str:
    """``text`` with ``changes`` made, everything else kept as written."""
    return ManifestEditor(charter).apply(text, changes)


class ManifestEditor:
    """Makes changes to a manifest's text, one batch after another. Reading a YAML file for a
    round trip is slow, so the document read last is kept, and used again while the text given
    is the text this editor produced last."""

    def __init__(self, charter: Charter) -> None:
        self._order = _key_order(charter)
        self._text: str | None = None
        self._root = CommentedMap()
        self._yaml = _yaml()
        self._byte_order_mark = ""
        self._line_end = "\n"

    def apply(self, text: str, changes: Sequence[ManifestChange]) -> str:
        if text != self._text:
            self._read(text)
        for change in changes:
            _apply(self._root, change, self._order)
        dumped = _dump(self._root, self._yaml)
        self._text = self._byte_order_mark + dumped.replace("\n", self._line_end)
        return self._text

    def _read(self, text: str) -> None:
        """Read ``text`` for a round trip, noting its byte-order mark and line ends to restore."""
        self._text = None
        self._byte_order_mark = "\ufeff" if text.startswith("\ufeff") else ""
        self._line_end = "\r\n" if "\r\n" in text else "\n"
        plain = text.removeprefix("\ufeff").replace("\r\n", "\n")
        self._yaml = _yaml(*_guess_indent(plain))
        root = self._yaml.load(plain)
        if not isinstance(root, CommentedMap):
            raise ValueError("the manifest is not a mapping")
        self._root = root


KeyOrder = Callable[[tuple[str, ...]], tuple[str, ...]]


def _key_order(charter: Charter) -> KeyOrder:
    """The order keys take at each place in a manifest, for placing keys that are not there yet."""
    criteria = tuple(criterion.id for criterion in charter.criteria)
    profile = tuple(question.id for question in charter.profile)

    def order(path: tuple[str, ...]) -> tuple[str, ...]:
        if path in FIXED_ORDERS:
            return FIXED_ORDERS[path]
        if path == ("answers",):
            return criteria
        if path == ("profile",):
            return profile
        if len(path) == 2 and path[0] == "answers":
            return ENTRY_ORDER
        return ()

    return order


def _apply(root: CommentedMap, change: ManifestChange, order: KeyOrder) -> None:
    *parents, key = change.path
    block = root
    for depth, part in enumerate(parents):
        if not isinstance(block.get(part), CommentedMap):
            if change.value is REMOVE:
                return
            _set(block, part, CommentedMap(), order(tuple(parents[:depth])))
        block = block[part]
    if change.value is not REMOVE:
        _set(block, key, change.value, order(tuple(parents)))
        return
    left_over = _remove(block, key)
    if parents and not block:  # an emptied block is left empty (null), and its comments after it
        holder = root
        for part in parents[:-1]:
            holder = holder[part]
        holder[parents[-1]] = None
        _put_trailing(holder, parents[-1], left_over)


def _set(block: CommentedMap, key: str, value: Any, order: tuple[str, ...]) -> None:
    current = block.get(key)
    if key in block and (_same(current, value) or _same_list(current, value)):
        return
    if key not in block:
        position = _position(block, key, order)
        before = list(block)[position - 1] if position else None
        trailing = _take_trailing(block, before) if before is not None else None
        block.insert(position, key, _to_yaml(value))
        _put_trailing(block, key, trailing)
        return
    trailing = _take_trailing(block, key)
    if isinstance(current, CommentedSeq) and isinstance(value, list):
        flow = current.fa.flow_style(default=True)  # an empty ``[]`` has no style of its own
        current[:] = [_to_yaml(item) for item in value]
        if flow:
            current.fa.set_flow_style()
    else:
        block[key] = _to_yaml(value)
    _put_trailing(block, key, trailing)


def _same(current: Any, value: Any) -> bool:
    if isinstance(value, dt.date) and not isinstance(current, dt.date):
        return str(current) == value.isoformat()
    return bool(current == value and type(current) is type(value))


def _same_list(current: Any, value: Any) -> bool:
    return isinstance(current, list) and isinstance(value, list) and list(current) == value


def _remove(block: CommentedMap, key: str) -> str | None:
    """Remove ``key``; the comment lines above and below it stay, with the key before it (or after
    it, or at the end of the block). Returns the lines left over when the block is now empty."""
    if key not in block:
        return None
    keys = list(block)
    position = keys.index(key)
    above = _comment_text(block.ca.items.get(key, [None, None])[1])
    below = _take_trailing(block, key)
    del block[key]
    block.ca.items.pop(key, None)
    lines = (above or "") + (below or "")
    if not lines:
        return None
    if not block:
        return lines
    _put_trailing(block, keys[position - 1] if position else keys[-1], lines)
    return None


def _comment_text(tokens: list[Any] | None) -> str | None:
    """Comment tokens kept above a key, as the lines they were written on."""
    if not tokens:
        return None
    return "".join(
        (" " * token.column if token.value.startswith("#") else "") + token.value
        for token in tokens
        if isinstance(token, CommentToken)
    )


def _position(block: CommentedMap, key: str, order: tuple[str, ...]) -> int:
    """Just after the last key present that comes before ``key`` in ``order``; failing that, just
    before the first that comes after it; failing that, at the end."""
    if key not in order:
        return len(block)
    rank = order.index(key)
    ranks = [order.index(k) if k in order else None for k in block]
    earlier = [i for i, r in enumerate(ranks) if r is not None and r < rank]
    if earlier:
        return earlier[-1] + 1
    later = [i for i, r in enumerate(ranks) if r is not None and r > rank]
    return later[0] if later else len(block)


def _to_yaml(value: Any) -> Any:
    if isinstance(value, dict):
        block = CommentedMap()
        for key, item in value.items():
            block[key] = _to_yaml(item)
        return block
    if isinstance(value, list):
        return _flow_list([_to_yaml(item) for item in value])
    return _scalar(value)


def _scalar(value: Any) -> Any:
    """Text as plain as YAML allows (quoted only where it must be, whatever style the value it
    replaces had); long text as a folded block (``>-``) broken between words, unless a line would
    then begin with ``#`` and read as a comment."""
    if not isinstance(value, str):
        return value
    lines = textwrap.wrap(value, width=FOLD_WIDTH, break_long_words=False, break_on_hyphens=False)
    foldable = value == " ".join(value.split()) and not any(line.startswith("#") for line in lines)
    if len(value) <= FOLD_LONGER_THAN or not foldable:
        return PlainScalarString(value)
    folded = FoldedScalarString(value)
    line_ends = itertools.accumulate(len(line) + 1 for line in lines[:-1])
    folded.fold_pos = [end - 1 for end in line_ends]  # the space each line break replaces
    return folded


def _flow_list(items: list[Any]) -> CommentedSeq:
    sequence = CommentedSeq(items)
    sequence.fa.set_flow_style()
    return sequence


# Comments that follow a block -------------------------------------------------------------------


def _is_block(node: Any) -> bool:
    return isinstance(node, (CommentedMap, CommentedSeq)) and len(node) > 0 and not node.fa.flow_style()


Slot = tuple[dict[Any, Any], Any, int]


def _slot_after(block: CommentedMap | CommentedSeq, key: Any) -> Slot:
    """Where ruamel.yaml keeps the comment lines that follow the item ``key`` of ``block``: with
    the last scalar inside it, in the comment items of that scalar's mapping or sequence."""
    while _is_block(block[key]):
        block = block[key]
        key = next(reversed(block)) if isinstance(block, CommentedMap) else len(block) - 1
    return block.ca.items, key, 2 if isinstance(block, CommentedMap) else 0


def _take_trailing(block: CommentedMap, key: Any) -> str | None:
    """Detach the comment lines that follow item ``key`` (its end-of-line comment stays)."""
    items, slot_key, index = _slot_after(block, key)
    entry = items.get(slot_key)
    token = entry[index] if entry else None
    if not isinstance(token, CommentToken) or "\n" not in token.value:
        return None
    own_line, rest = token.value.split("\n", 1)
    if not rest:
        return None
    token.value = own_line + "\n"
    return rest


def _put_trailing(block: CommentedMap, key: Any, rest: str | None) -> None:
    """Attach comment lines detached by ``_take_trailing`` after item ``key``."""
    if rest is None:
        return
    items, slot_key, index = _slot_after(block, key)
    entry = items.setdefault(slot_key, [None] * 4)
    token = entry[index]
    if isinstance(token, CommentToken):
        token.value = token.value.rstrip("\n") + "\n" + rest
    else:
        entry[index] = CommentToken("\n" + rest, start_mark=CommentMark(0))


# ruamel.yaml settings ---------------------------------------------------------------------------


def _yaml(mapping_indent: int = 2, sequence_offset: int = 0) -> YAML:
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = NEVER_WRAP
    yaml.indent(mapping=mapping_indent, sequence=sequence_offset + 2, offset=sequence_offset)
    return yaml


def _guess_indent(text: str) -> tuple[int, int]:
    """How ``text`` indents a mapping inside a mapping, and a block sequence's dashes under their
    key (``key:\\n  - item`` is 2, ``key:\\n- item`` is 0)."""
    mapping, offset = 2, 0
    lines = [line for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    for above, below in itertools.pairwise(lines):
        if not above.rstrip().endswith(":"):
            continue
        depth = len(below) - len(below.lstrip(" ")) - (len(above) - len(above.lstrip(" ")))
        if below.lstrip().startswith("- "):
            offset = max(depth, 0)
            break
        if depth > 0 and mapping == 2:
            mapping = depth
    return mapping, offset


def _dump(root: CommentedMap, yaml: YAML) -> str:
    stream = io.StringIO()
    yaml.dump(root, stream)
    return stream.getvalue()
