"""Properties that hold for every manifest, checked on manifests generated for the bundled charter:
valid ones built from its criteria, answer kinds and choices, and mutated ones (keys dropped,
values of the wrong type, random text and unicode, hostile evidence references, damaged YAML).

- Reading and assessing never raise, whatever the bytes.
- A manifest that passes has no unanswered or unmet criterion that blocks, and no blocking finding.
- The JSON output always keeps its documented shape.
- In every output format, text from the manifest appears only escaped for that format.

The examples are derived from a fixed seed (``derandomize``), so a run in CI finds what a run on a
laptop finds.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import jsonschema
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from charter_check.judging.engine import assess, unassessable
from charter_check.model.assessment import Assessment, CriterionStatus
from charter_check.model.charter import AnswerKind, Charter, Criterion
from charter_check.model.findings import Severity
from charter_check.model.manifest import CriterionAnswer, ManifestDocument
from charter_check.model.visible import visible
from charter_check.reading.loading import ManifestFile, load_charter, parse_manifest
from charter_check.renderers import REPORT_FORMATS, VALIDATE_FORMATS, render, renderer
from charter_check.renderers.report_model import ReportContext
from tests.conftest import FIXED_SEED

CHARTER = load_charter("lcr-2025")
TODAY = dt.date(2026, 11, 28)
PROPERTY = settings(FIXED_SEED, max_examples=25)

# A project folder for evidence look-ups, with one real file in it; shared by every example.
_PROJECT = tempfile.TemporaryDirectory(prefix="charter-check-properties-")
PROJECT = Path(_PROJECT.name)
(PROJECT / "docs").mkdir()
(PROJECT / "docs" / "dpia.md").write_text("# DPIA\n", encoding="utf-8")


# Text -------------------------------------------------------------------------------------------

# Text that is hard to show safely: markup, template code, Markdown links, CI workflow commands,
# quotes, percent signs, line breaks and characters from beyond Latin script.
HOSTILE_TEXT = [
    "<script>alert('x')</script>",
    "<img src=x onerror=alert(1)>",
    "{{ 7*7 }}",
    "{% raw %}",
    "[click](javascript:alert(1))",
    "](javascript:alert(1))",
    "<a href='javascript:alert(1)'>x</a>",
    "%0A::error::forged",
    "line one\n::warning file=x::forged",
    "50% & \"quoted\" 'single'",
    "| table | break |",
    "# heading\n- list",
    "Llanfairpwllgwyngyll ✓ ñ 漢字 العربية 🙂",
    "]]></failure><injected/>",
    "\r\nCR LF",
]
printable = st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Co", "Cn", "Cf", "Zl", "Zp"))
plain_text = st.text(printable, min_size=1, max_size=60).filter(lambda text: text.strip() != "")
valid_text = st.one_of(st.sampled_from(HOSTILE_TEXT), plain_text)
any_text = st.one_of(valid_text, st.text(max_size=40))


# Evidence references that a project might cite, and ones that try to escape or run something.
evidence_reference = st.one_of(
    st.sampled_from(
        [
            "docs/dpia.md",
            "docs/dpia.md#risks",
            "https://council.example/dpia",
            "../outside.md",
            "docs/../../../etc/passwd",
            "/etc/passwd",
            "C:\\Windows\\win.ini",
            "\\\\server\\share",
            "javascript:alert(1)",
            "file:///etc/passwd",
            "data:text/html,<script>alert(1)</script>",
            "http://council.example",
            "https://",
            "",
            "   ",
            "~/.ssh/id_rsa",
            "docs/<script>.md",
        ]
    ),
    valid_text,
)


# Valid manifests, built from the charter ---------------------------------------------------------

dates = st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2040, 12, 31)).map(dt.date.isoformat)


def person() -> st.SearchStrategy[dict[str, str]]:
    return st.fixed_dictionaries(
        {"name": valid_text, "role": valid_text}, optional={"organisation": valid_text}
    )


def answer_for(criterion: Criterion) -> st.SearchStrategy[Any]:
    """An answer of the kind the criterion takes."""
    kinds: dict[AnswerKind, Callable[[], st.SearchStrategy[Any]]] = {
        AnswerKind.YES_NO: lambda: st.sampled_from([True, False, "yes", "no"]),
        AnswerKind.CHOICE: lambda: st.sampled_from([choice.value for choice in criterion.choices]),
        AnswerKind.TEXT: lambda: valid_text,
        AnswerKind.DATE: lambda: dates,
        AnswerKind.PERSON: person,
        AnswerKind.EVIDENCE: st.none,
        AnswerKind.STATEMENT: lambda: st.just(criterion.statement or ""),
    }
    return kinds[criterion.answer]()


def answer_entry(criterion: Criterion) -> st.SearchStrategy[dict[str, Any]]:
    answered = st.fixed_dictionaries(
        {"answer": answer_for(criterion)},
        optional={"evidence": st.lists(evidence_reference, max_size=3), "notes": valid_text},
    )
    not_applicable = st.fixed_dictionaries({"status": st.just("not_applicable"), "justification": valid_text})
    pending = st.fixed_dictionaries({"status": st.just("pending")})
    partly = st.fixed_dictionaries(
        {"status": st.just("partly"), "answer": answer_for(criterion)}, optional={"missing": valid_text}
    )
    not_known = st.fixed_dictionaries(
        {"status": st.just("not_known")}, optional={"who_will_find_out": valid_text, "find_out_by": dates}
    )
    return st.one_of(answered, answered, not_applicable, pending, partly, not_known)


def answers(charter: Charter) -> st.SearchStrategy[dict[str, Any]]:
    entries = {c.id: answer_entry(c) for c in charter.criteria if c.answer_from is None}
    return st.fixed_dictionaries({}, optional=entries)


def valid_manifests(charter: Charter = CHARTER) -> st.SearchStrategy[dict[str, Any]]:
    profile = {question.id: st.booleans() for question in charter.profile}
    statement = next(c.statement for c in charter.criteria if c.answer is AnswerKind.STATEMENT)
    return st.fixed_dictionaries(
        {
            "charter": st.just(charter.id),
            "charter_version": st.just(charter.version),
            "project": st.fixed_dictionaries(
                {"name": valid_text, "organisation": valid_text},
                optional={
                    "summary": valid_text,
                    "contact": valid_text,
                    "stage": st.sampled_from(["discovery", "development", "pilot", "live", "retired"]),
                },
            ),
            "declaration": st.fixed_dictionaries(
                {},
                optional={"accountable_person": person(), "date": dates, "statement": st.just(statement)},
            ),
            "profile": st.fixed_dictionaries({}, optional=profile),
            "answers": answers(charter),
        }
    )


# Mutations ---------------------------------------------------------------------------------------

wrong_value = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True),
    any_text,
    st.lists(st.one_of(st.integers(), any_text), max_size=3),
    st.dictionaries(any_text, st.one_of(st.integers(), any_text), max_size=3),
)


def paths_in(data: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Every path to a value inside ``data``."""
    yield prefix
    if isinstance(data, dict):
        for key, value in data.items():
            yield from paths_in(value, (*prefix, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from paths_in(value, (*prefix, index))


def mutated(data: dict[str, Any], draw: st.DrawFn) -> Any:
    """``data`` with one value dropped, replaced by a value of another type, or given an extra key."""
    paths = [path for path in paths_in(data) if path]
    if not paths:
        return draw(wrong_value)
    path = draw(st.sampled_from(paths))
    parent: Any = data
    for part in path[:-1]:
        parent = parent[part]
    action = draw(st.sampled_from(["drop", "replace", "add-key", "evidence"]))
    if action == "drop":
        del parent[path[-1]]
    elif action == "replace":
        parent[path[-1]] = draw(wrong_value)
    elif action == "add-key" and isinstance(parent, dict):
        parent[draw(any_text)] = draw(wrong_value)
    elif action == "evidence":
        criterion = draw(st.sampled_from([c.id for c in CHARTER.criteria]))
        entry = data.setdefault("answers", {}).setdefault(criterion, {})
        if isinstance(entry, dict):
            entry["evidence"] = draw(
                st.lists(st.one_of(evidence_reference, any_text), min_size=1, max_size=4)
            )
    return data


@st.composite
def mutated_manifests(draw: st.DrawFn) -> Any:
    data: Any = draw(valid_manifests())
    for _ in range(draw(st.integers(1, 4))):
        data = mutated(data, draw) if isinstance(data, dict) else draw(wrong_value)
    return data


def as_yaml(data: Any) -> bytes:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=80).encode("utf-8")


@st.composite
def damaged_yaml(draw: st.DrawFn) -> bytes:
    """A manifest's bytes with a few bytes changed, removed or inserted."""
    raw = bytearray(as_yaml(draw(valid_manifests())))
    for _ in range(draw(st.integers(1, 5))):
        at = draw(st.integers(0, max(0, len(raw) - 1)))
        change = draw(st.sampled_from(["set", "delete", "insert"]))
        byte = draw(st.sampled_from([*b"\t\n :-[]{}&*!%@`'\"#|>\x00\xff\xc3", draw(st.integers(0, 255))]))
        if change == "set" and raw:
            raw[at] = byte
        elif change == "delete" and raw:
            del raw[at]
        else:
            raw.insert(at, byte)
    return bytes(raw)


# Reading and assessing ---------------------------------------------------------------------------


def assessed(raw: bytes) -> tuple[Assessment, ReportContext]:
    """What ``validate`` and ``report`` do with these bytes, short of printing."""
    parsed = parse_manifest(ManifestFile(PROJECT / "charter.yaml", "charter.yaml", raw))
    if isinstance(parsed, ManifestDocument):
        return assess(CHARTER, parsed, TODAY), ReportContext(manifest=parsed.manifest)
    return unassessable(CHARTER, parsed.path, parsed.sha256, parsed.findings, TODAY), ReportContext()


@pytest.mark.slow
@PROPERTY
@given(valid_manifests())
def test_a_valid_manifest_is_read_and_assessed(data: dict[str, Any]) -> None:
    assessment, context = assessed(as_yaml(data))
    assert context.manifest is not None, [finding.message for finding in assessment.findings]
    check_invariants(assessment, context)


@pytest.mark.slow
@PROPERTY
@given(mutated_manifests())
def test_a_mutated_manifest_never_breaks_the_tool(data: Any) -> None:
    check_invariants(*assessed(as_yaml(data)))


@pytest.mark.slow
@PROPERTY
@given(damaged_yaml())
def test_damaged_bytes_never_break_the_tool(raw: bytes) -> None:
    check_invariants(*assessed(raw), reports=False)


@PROPERTY
@given(st.binary(max_size=512))
def test_any_bytes_at_all_never_break_the_tool(raw: bytes) -> None:
    check_invariants(*assessed(raw), reports=False)


def check_invariants(assessment: Assessment, context: ReportContext, *, reports: bool = True) -> None:
    """``reports=False`` leaves out the Markdown and HTML reports, which take longest to render."""
    check_passing_means_nothing_blocks(assessment)
    check_json_contract(assessment)
    check_every_format_escapes(assessment, context, reports=reports)


# A pass is earned ----------------------------------------------------------------------------------


def check_passing_means_nothing_blocks(assessment: Assessment) -> None:
    if not assessment.passed:
        return
    assert not any(finding.severity is Severity.ERROR for finding in assessment.findings)
    for principle in assessment.principles:
        for result in principle.criteria:
            assert not result.blocking, (result.criterion.id, result.status, result.message)
            if result.criterion.severity.value == "error":
                assert result.status is not CriterionStatus.MISSING, result.criterion.id


@pytest.mark.slow
@PROPERTY
@given(valid_manifests().map(lambda data: {**data, "answers": {}}))
def test_a_manifest_with_no_answers_never_passes(data: dict[str, Any]) -> None:
    assessment, _ = assessed(as_yaml(data))
    assert not assessment.passed


# The JSON contract ---------------------------------------------------------------------------------

_FINDING = {
    "type": "object",
    "required": ["rule", "severity", "message", "path", "line", "column", "criterion", "principle"],
    "properties": {
        "rule": {"type": "string", "minLength": 1},
        "severity": {"enum": ["error", "warning", "note"]},
        "message": {"type": "string", "minLength": 1},
        "path": {"type": "string"},
        "line": {"type": "integer", "minimum": 1},
        "column": {"type": "integer", "minimum": 1},
        "criterion": {"type": ["string", "null"]},
        "principle": {"type": ["string", "null"]},
    },
}
_CRITERION = {
    "type": "object",
    # what charter-check says of the criterion, and every field of the manifest's answer to it
    "required": ["id", "title", "severity", "message", "due_by", *CriterionAnswer.model_fields],
    "properties": {
        "id": {"type": "string"},
        "status": {"enum": [status.value for status in CriterionStatus]},
        "severity": {"enum": ["error", "warning"]},
        "message": {"type": "string"},
        "answer": {"type": ["string", "null"]},
        "justification": {"type": ["string", "null"]},
        "evidence": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["reference", "state"],
                "properties": {"reference": {"type": "string"}, "state": {"type": "string"}},
            },
        },
    },
}
JSON_CONTRACT = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "required": [
        "format_version",
        "tool",
        "charter",
        "manifest",
        "assessed_on",
        "strict",
        "verdict",
        "summary",
        "principles",
        "findings",
    ],
    "properties": {
        "format_version": {"const": "1"},
        "tool": {
            "type": "object",
            "required": ["name", "version"],
            "properties": {"name": {"const": "charter-check"}, "version": {"type": "string"}},
        },
        "charter": {
            "type": "object",
            "required": ["id", "version", "sha256"],
            "properties": {"sha256": {"type": "string", "pattern": "^[0-9a-f]{64}$"}},
        },
        "manifest": {
            "type": "object",
            "required": ["path", "sha256", "project", "organisation"],
            "properties": {
                "path": {"type": "string"},
                "sha256": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
                "project": {"type": ["string", "null"]},
                "organisation": {"type": ["string", "null"]},
            },
        },
        "assessed_on": {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"},
        "strict": {"type": "boolean"},
        "verdict": {"enum": ["pass", "fail"]},
        "summary": {
            "type": "object",
            "required": ["criteria", "findings", "principles"],
            "properties": {
                "criteria": {"type": "object", "additionalProperties": {"type": "integer", "minimum": 0}},
                "findings": {
                    "type": "object",
                    "required": ["error", "warning", "note"],
                    "additionalProperties": {"type": "integer", "minimum": 0},
                },
                "principles": {"type": "object", "additionalProperties": {"type": "integer", "minimum": 0}},
            },
        },
        "principles": {
            "type": "array",
            "minItems": len(CHARTER.principles),
            "maxItems": len(CHARTER.principles),
            "items": {
                "type": "object",
                "required": ["id", "number", "title", "status", "criteria"],
                "properties": {
                    "number": {"type": "integer", "minimum": 1},
                    "criteria": {"type": "array", "items": _CRITERION},
                },
            },
        },
        "findings": {"type": "array", "items": _FINDING},
    },
}


CONTRACT = jsonschema.Draft202012Validator(JSON_CONTRACT)


def check_json_contract(assessment: Assessment) -> None:
    document = json.loads(render("json", [assessment]))
    CONTRACT.validate(document)
    assert document["verdict"] == ("pass" if assessment.passed else "fail")
    assert sum(document["summary"]["findings"].values()) == len(document["findings"])
    if assessment.principles[0].criteria:
        assert sum(len(p["criteria"]) for p in document["principles"]) == len(CHARTER.criteria)


def test_the_contract_rejects_what_it_should() -> None:
    """The schema above is a real check: a document missing a field, or with a finding at line 0,
    does not satisfy it."""
    assessment, _ = assessed(b"charter: lcr-2025\nproject: {name: P, organisation: O}\n")
    document = json.loads(render("json", [assessment]))
    CONTRACT.validate(document)
    for broken in ({**document, "verdict": "maybe"}, {k: v for k, v in document.items() if k != "findings"}):
        with pytest.raises(jsonschema.ValidationError):
            CONTRACT.validate(broken)
    document["findings"][0]["line"] = 0
    with pytest.raises(jsonschema.ValidationError):
        CONTRACT.validate(document)


# Escaping in every format ------------------------------------------------------------------------

_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069]")
_WORKFLOW_COMMAND = re.compile(r"^::(error|warning|notice)( [^:]*)?::")


def check_every_format_escapes(
    assessment: Assessment, context: ReportContext, *, reports: bool = True
) -> dict[str, str]:
    """Every output for ``assessment``, each checked for what its format must never carry."""
    outputs = {name: render(name, [assessment]) for name in VALIDATE_FORMATS}
    if reports:
        outputs |= {name: renderer(name, REPORT_FORMATS)(assessment, context) for name in REPORT_FORMATS}
    for name, output in outputs.items():
        assert not _CONTROL.search(output), name
    check_github(outputs.get("github"), assessment)
    for name in ("sarif", "gitlab"):
        if name in outputs:
            json.loads(outputs[name])
    if "junit" in outputs:
        ElementTree.fromstring(outputs["junit"])
    check_html(outputs.get("html"))
    check_markdown(outputs.get("markdown"))
    return outputs


def check_github(output: str | None, assessment: Assessment) -> None:
    """Each finding is one annotation line, whose message reads back as the finding's message once
    GitHub undoes its escapes (with any hidden character shown as ``visible`` shows it); no text
    from the manifest can start a workflow command of its own."""
    if output is None:
        return
    annotations = [line for line in output.split("\n") if line.startswith("::")]
    assert all(_WORKFLOW_COMMAND.match(line) for line in annotations)
    assert "\r" not in output
    shown = sorted(_unescape_github(line.split("::", 2)[2]) for line in annotations)
    assert shown == sorted(visible(finding.message, line_breaks=True) for finding in assessment.findings)


def _unescape_github(text: str) -> str:
    return text.replace("%0A", "\n").replace("%0D", "\r").replace("%25", "%")


def check_html(page: str | None) -> None:
    if page is None:
        return
    assert not re.search(r"<\s*(script|iframe|img|object|embed|base|form)\b", page, re.IGNORECASE)
    assert not re.search(r"<[^<>]*\son[a-z]+\s*=", page, re.IGNORECASE)
    assert not re.search(r"<[^<>]*(javascript|vbscript|data):", page, re.IGNORECASE)
    for target in re.findall(r"""\b(?:href|src)\s*=\s*["']([^"']*)""", page, re.IGNORECASE):
        assert re.match(r"^(https://|#|[^:]*$)", html.unescape(target)), target


def check_markdown(text: str | None) -> None:
    if text is None:
        return
    assert not re.search(r"<\s*(script|iframe|img|svg|a|object)\b", text, re.IGNORECASE)
    assert not re.search(r"(?<!\\)\{(?:\{|%)", text), "template code left live"
    for target in re.findall(r"(?<!\\)\]\(<?([^)>\s]*)", text):
        assert re.match(r"^(https://|#|[^:]*$)", target), target


@pytest.mark.slow
@settings(PROPERTY, max_examples=15)
@given(st.sampled_from(HOSTILE_TEXT), st.sampled_from(["name", "organisation", "summary"]))
def test_text_typed_in_a_manifest_is_shown_as_typed(text: str, field: str) -> None:
    """Escaped is not the same as lost: the reader of a report sees exactly what was typed."""
    data = {"charter": CHARTER.id, "project": {"name": "Project", "organisation": "Council", field: text}}
    page = check_every_format_escapes(*assessed(as_yaml(data)))["html"]
    seen = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())
    assert " ".join(text.split()) in seen
