"""The kinds of answer a criterion can take, one module each (in the manner of yamllint's rules):
each says how its answer is asked, read, judged, shown and described in the editor's JSON Schema,
and its docstring says what passes and what fails. A charter chooses the kind per criterion;
adding a criterion never needs a new kind.

| kind        | module          |
| ----------- | --------------- |
| yes_no      | ``yes_no.py``   |
| choice      | ``choice.py``   |
| text        | ``text.py``     |
| date        | ``date.py``     |
| person      | ``person.py``   |
| evidence    | ``evidence.py`` |
| statement   | ``statement.py``|
"""

from __future__ import annotations

from charter_check.answers.base import Kind
from charter_check.answers.choice import CHOICE
from charter_check.answers.date import DATE
from charter_check.answers.evidence import EVIDENCE
from charter_check.answers.person import PERSON
from charter_check.answers.statement import STATEMENT
from charter_check.answers.text import TEXT
from charter_check.answers.yes_no import YES_NO
from charter_check.model.charter import AnswerKind, Criterion

KINDS: dict[AnswerKind, Kind] = {
    kind.kind: kind for kind in (YES_NO, CHOICE, TEXT, DATE, PERSON, EVIDENCE, STATEMENT)
}


def kind_of(criterion: Criterion) -> Kind:
    """The kind of answer ``criterion`` takes."""
    return KINDS[criterion.answer]
