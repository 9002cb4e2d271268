"""Bad and hostile inputs, each driven through the real command line in a child process under a
timeout and a memory limit (see ``processes.py``).

Each case is a file under ``cases/`` (or is built here when it must be huge, binary or not a file
at all), and ``cases.yaml`` says what ``validate`` must do about it: the exit code, the rule and
line of the finding it must report and a phrase of the message that tells the user what to do.
The same input then goes through every output format, ``report`` and ``assess``, and for all of
them: no traceback, no internal error, the message names the file, nothing is written anywhere,
nothing from the input is run, and the input's text appears in the output only escaped for the
format.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit
from xml.etree import ElementTree

import pytest

from charter_check.reading.yaml_reader import MAX_BYTES, read_yaml
from tests.hostile.processes import (
    LIMITS,
    Command,
    LimitBroken,
    Outcome,
    charter_check,
    no_crash,
    one_error_line,
    run_cases,
)
from tests.hostile.sandbox import CASES, EXAMPLE, HOSTILE, TODAY, Sandbox

Build = Callable[[Sandbox], None]
pytestmark = [
    pytest.mark.skipif(sys.platform == "win32", reason="uses fork, resource limits, pipes and links"),
    pytest.mark.slow,  # each case runs the real program in processes of its own
]


@dataclass(frozen=True)
class Case:
    """A hostile input and what ``validate`` must say about it: for exit 1, a finding of ``rule``
    at ``shown:line`` whose message holds ``phrase``; for exit 2, one error line that names
    ``shown`` (and ``line``, when given) and holds ``phrase``."""

    name: str
    exit: int
    phrase: str
    rule: str | None = None
    line: int | None = None
    build: Build | None = None
    shown: str = "charter.yaml"

    @property
    def file(self) -> Path:
        return CASES / self.name


def write(text: str | bytes) -> Build:
    def build(sandbox: Sandbox) -> None:
        data = text.encode("utf-8") if isinstance(text, str) else text
        sandbox.manifest.write_bytes(data)

    return build


def link(target: str, content: str | None = None) -> Build:
    """Make charter.yaml a symbolic link to ``target`` (relative to the project folder)."""

    def build(sandbox: Sandbox) -> None:
        if content is not None:
            (sandbox.project / target).parent.mkdir(parents=True, exist_ok=True)
            (sandbox.project / target).write_text(content, encoding="utf-8")
        sandbox.manifest.symlink_to(target)

    return build


def nothing(sandbox: Sandbox) -> None:
    """No manifest at all."""


def folder(sandbox: Sandbox) -> None:
    sandbox.manifest.mkdir()


def fifo(sandbox: Sandbox) -> None:
    os.mkfifo(sandbox.manifest)


def with_config(config: str, manifest: str) -> Build:
    def build(sandbox: Sandbox) -> None:
        (sandbox.project / ".charter-check.yaml").write_text(config, encoding="utf-8")
        shutil.copy(CASES / manifest, sandbox.manifest)

    return build


def example_with_crlf_and_bom(sandbox: Sandbox) -> None:
    text = (EXAMPLE / "charter.yaml").read_text(encoding="utf-8").replace("\n", "\r\n")
    sandbox.manifest.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))


SIMPLE = "charter: lcr-2025\nproject:\n  name: Generated\n  organisation: Wirral Council\n"
PNG_HEADER = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00"
DOCX_HEADER = b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00\xdf\xa4\xd2lZ\x01\x00\x00 \x05"
SIMILAR_KEYS = "".join(f"  security.dpia-{number}: {{}}\n" for number in range(3_000))
CLIMBING_EVIDENCE = "".join(f"      - ../../../../outside/{number}.md\n" for number in range(2_000))
DEEP_BLOCK = "".join(" " * depth + f"level{depth}:\n" for depth in range(200))


# The inputs that cannot be kept as a file in cases/, made in the sandbox.
BUILT: dict[str, Build] = {
    "image.yaml": write(PNG_HEADER + bytes(range(256)) * 8),
    "word-document.yaml": write(DOCX_HEADER + bytes(range(256))),
    "too-large.yaml": write(SIMPLE + "#" * MAX_BYTES),
    "long-line.yaml": write(SIMPLE + "  summary: " + "word " * 190_000 + "\nanswers:\n  security.dpai: {}\n"),
    "deep-block.yaml": write(DEEP_BLOCK),
    "deep-flow.yaml": write("charter: " + "[" * 50_000),
    "too-many-values.yaml": write(
        SIMPLE + "answers:\n  security.dpia:\n    evidence: [" + "a, " * 10_000 + "]\n"
    ),
    "many-unknown-keys.yaml": write(SIMPLE + "answers:\n" + SIMILAR_KEYS),
    "much-climbing-evidence.yaml": write(
        SIMPLE + "answers:\n  security.dpia:\n    evidence:\n" + CLIMBING_EVIDENCE
    ),
    "missing.yaml": nothing,
    "folder.yaml": folder,
    "fifo.yaml": fifo,
    "device.yaml": link("/dev/zero"),
    "dangling-link.yaml": link("nowhere/charter.yaml"),
    "link-out-of-project.yaml": link("../outside/charter.yaml"),
    "link-inside-project.yaml": link(
        "governance/charter.yaml", (CASES / "near-miss-answers.yaml").read_text(encoding="utf-8")
    ),
    "config-python-tag.yaml": with_config(
        "charter: !!python/object/apply:os.system [touch pwned-by-yaml]\n", "empty.yaml"
    ),
    "config-alias.yaml": with_config("fail-level: &level error\ncharter: *level\n", "empty.yaml"),
    "example-crlf-bom.yaml": example_with_crlf_and_bom,
}


def _cases() -> list[Case]:
    """Every input, with what validate must do about it from cases.yaml."""
    expected = read_yaml((HOSTILE / "cases.yaml").read_bytes()).data
    return [Case(name, build=BUILT.get(name), **outcome) for name, outcome in expected.items()]


CASE_LIST = _cases()
MARKUP_CASES = {"markup-everywhere.yaml", "control-escape.yaml", "control-bidi.yaml", "link-javascript.yaml"}
CI_FORMATS = ("github", "sarif", "junit", "gitlab")


def commands(case: Case) -> list[Command]:
    """Every command that reads the manifest, in each output format worth checking for it."""
    target, today = "charter.yaml", ("--today", TODAY)
    formats = ("text", "json", *(CI_FORMATS if case.name in MARKUP_CASES else ()))
    runs = [Command(("validate", target, "-f", name, *today)) for name in formats]
    runs += [Command(("report", target, "-f", name, *today)) for name in ("markdown", "html")]
    runs.append(Command(("assess", target, *today)))
    return runs


@dataclass(frozen=True)
class Ran:
    """A case after running: its sandbox, the files there before and after, and the outcomes."""

    case: Case
    sandbox: Sandbox
    before: dict[str, tuple[int, int]]
    after: dict[str, tuple[int, int]]
    outcomes: dict[str, Outcome]

    def __getitem__(self, name: str) -> Outcome:
        return self.outcomes[name]


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Ran | LimitBroken]]:
    """Every case run once, side by side, each in its own limited process."""
    prepared = []
    for case in CASE_LIST:
        sandbox = Sandbox(tmp_path_factory.mktemp(case.name.removesuffix(".yaml")))
        if case.build is not None:
            case.build(sandbox)
        else:
            shutil.copy(case.file, sandbox.manifest)
        prepared.append((case, sandbox, sandbox.snapshot(), commands(case)))
    outcomes = run_cases([(runs, sandbox.project) for _, sandbox, _, runs in prepared])
    ran: dict[str, Ran | LimitBroken] = {}
    for (case, sandbox, before, runs), outcome in zip(prepared, outcomes, strict=True):
        if isinstance(outcome, LimitBroken):
            ran[case.name] = outcome
            continue
        named = {_outcome_key(command): result for command, result in zip(runs, outcome, strict=True)}
        ran[case.name] = Ran(case, sandbox, before, sandbox.snapshot(), named)
    yield ran


def _outcome_key(command: Command) -> str:
    args = command.args
    if args[0] == "assess":
        return "assess"
    return f"{args[0]} {args[args.index('-f') + 1]}"


def ran(results: dict[str, Ran | LimitBroken], case: Case) -> Ran:
    result = results[case.name]
    if isinstance(result, LimitBroken):
        raise result
    return result


# What every command must do with every input -----------------------------------------------------


def test_every_case_file_has_an_expected_outcome() -> None:
    files = {path.name for path in CASES.iterdir()}
    assert {case.name for case in CASE_LIST if case.build is None} == files
    assert {case.name for case in CASE_LIST if case.build is not None} == set(BUILT)
    assert not files & set(BUILT), "an input is either a file in cases/ or built, not both"


@pytest.mark.slow
@pytest.mark.parametrize("case", CASE_LIST, ids=lambda case: case.name)
def test_validate_reports_the_problem_where_it_is_and_what_to_do(
    results: dict[str, Ran | LimitBroken], case: Case
) -> None:
    outcome = ran(results, case)["validate text"]
    assert outcome.code == case.exit, outcome.describe()
    if case.exit == 2:
        # One line on stderr, naming the file (and the line, when there is one), saying what to
        # do; nothing on stdout that could be mistaken for a verdict.
        line = one_error_line(outcome)
        assert case.phrase in line, outcome.describe()
        where = re.escape(case.shown) + (rf":{case.line}:\d+" if case.line is not None else "")
        assert re.search(rf"(^|\W){where}: ", line), outcome.describe()
        assert "PASS" not in outcome.stdout
    elif case.rule is not None:
        pattern = (
            rf"^{re.escape(case.shown)}:{case.line}:\d+: (error|warning|note) \[{re.escape(case.rule)}\] .*"
        )
        lines = [line for line in outcome.stdout.splitlines() if re.match(pattern, line)]
        assert any(case.phrase in line for line in lines), outcome.describe()
    else:
        assert case.phrase in outcome.stdout, outcome.describe()


@pytest.mark.parametrize("case", CASE_LIST, ids=lambda case: case.name)
def test_no_command_crashes_or_writes_anything(results: dict[str, Ran | LimitBroken], case: Case) -> None:
    result = ran(results, case)
    for outcome in result.outcomes.values():
        no_crash(outcome)
    assert result.after == result.before, "a command wrote to the sandbox"
    assert not any("pwned" in name for name in result.after)


@pytest.mark.parametrize("case", CASE_LIST, ids=lambda case: case.name)
def test_every_format_agrees_with_validate(results: dict[str, Ran | LimitBroken], case: Case) -> None:
    """The exit code is the same whatever the format; a report is produced (exit 0) whenever the
    manifest could be checked at all; assess stops (exit 2) exactly when validate cannot run."""
    result = ran(results, case)
    for name, outcome in result.outcomes.items():
        if name.startswith("validate"):
            assert outcome.code == case.exit, outcome.describe()
        elif name.startswith("report"):
            assert outcome.code == (2 if case.exit == 2 else 0), outcome.describe()
        elif case.exit == 2:
            assert outcome.code == 2, outcome.describe()
        if outcome.code == 2:
            one_error_line(outcome)


@pytest.mark.parametrize("case", [case for case in CASE_LIST if case.exit == 1], ids=lambda case: case.name)
def test_reports_name_the_problem(results: dict[str, Ran | LimitBroken], case: Case) -> None:
    result = ran(results, case)
    assert case.phrase in as_plain_text(result["report html"].stdout, html_document=True)
    assert case.phrase in as_plain_text(result["report markdown"].stdout, html_document=False)
    document = json.loads(result["validate json"].stdout)
    if case.rule is not None:
        assert any(
            finding["rule"] == case.rule
            and finding["line"] == case.line
            and case.phrase in finding["message"]
            for finding in document["findings"]
        )


def as_plain_text(text: str, *, html_document: bool) -> str:
    """What a reader sees, near enough: Markdown escapes and HTML entities undone, tags dropped."""
    if html_document:
        text = re.sub(r"<[^>]+>", "", text)
    else:
        text = re.sub(r"\\(.)", r"\1", text).replace("<br>", " ")
    return " ".join(html.unescape(text).split())


# What no output may contain ----------------------------------------------------------------------


@pytest.mark.parametrize("case", CASE_LIST, ids=lambda case: case.name)
def test_no_output_carries_live_markup_or_control_characters(
    results: dict[str, Ran | LimitBroken], case: Case
) -> None:
    result = ran(results, case)
    for name, outcome in result.outcomes.items():
        assert not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069]", outcome.output), (
            name
        )
        if name == "report html" and outcome.code == 0:
            assert_safe_html(outcome.stdout)
        if name == "report markdown":
            assert_safe_markdown(outcome.stdout)


def assert_safe_html(page: str) -> None:
    """No script, frame, object or image; no event handler or script link in any tag; every link
    https or within the report's folder; and a policy that forbids scripts should any slip by."""
    assert not re.search(r"<\s*(script|iframe|frame|img|object|embed|base|form)\b", page, re.IGNORECASE)
    assert not re.search(r"<[^<>]*\son[a-z]+\s*=", page, re.IGNORECASE), "an event handler attribute"
    assert not re.search(r"<[^<>]*(javascript|vbscript|data):", page, re.IGNORECASE), "a script link"
    assert re.search(r"Content-Security-Policy\" content=\"default-src 'none';", page)
    for target in re.findall(r"""(?:href|src|action)\s*=\s*["']?([^"'\s>]*)""", page, re.IGNORECASE):
        assert urlsplit(html.unescape(target)).scheme.lower() in ("", "https"), target


def assert_safe_markdown(text: str) -> None:
    assert not re.search(r"<\s*(script|iframe|img|svg|a)\b", text, re.IGNORECASE)
    for target in re.findall(r"(?<!\\)\]\(<?([^)>\s]*)", text):
        assert urlsplit(target).scheme.lower() in ("", "https"), target
    for target in re.findall(r"<([a-zA-Z][a-zA-Z0-9+.-]*:[^>\s]*)>", text):
        assert target.lower().startswith("https:"), target


MARKUP = ("<script>alert('name')</script>", "{{ 7*7 }}", "{% raw %}", "[click](javascript:alert('summary'))")


def test_markup_is_shown_as_typed_and_never_evaluated(results: dict[str, Ran | LimitBroken]) -> None:
    result = ran(results, next(case for case in CASE_LIST if case.name == "markup-everywhere.yaml"))
    page = as_plain_text(result["report html"].stdout, html_document=False)
    markdown = as_plain_text(result["report markdown"].stdout, html_document=False)
    for typed in MARKUP:
        assert typed in page
        assert typed in markdown
    document = json.loads(result["validate json"].stdout)
    assert document["manifest"]["project"] == "<script>alert('name')</script> {{ 7*7 }} {% raw %}"


def test_ci_formats_escape_what_the_manifest_says(results: dict[str, Ran | LimitBroken]) -> None:
    result = ran(results, next(case for case in CASE_LIST if case.name == "markup-everywhere.yaml"))
    output = result["validate github"].stdout
    assert "\r" not in output
    for line in output.splitlines():
        if line.startswith("::"):
            assert re.match(r"^::(error|warning|notice) file=[^:\n]*::", line), line
    json.loads(result["validate sarif"].stdout)
    json.loads(result["validate gitlab"].stdout)
    ElementTree.fromstring(result["validate junit"].stdout)


# Writing a manifest from what the user types -----------------------------------------------------

TYPED = {
    "--name": "Evil\nproject: hacked\n!!python/object/apply:os.system ['touch pwned-by-yaml']",
    "--organisation": "{{ 7*7 }} <script>alert(1)</script>",
    "--summary": (
        "line: one\n- two\n# three\n'single' \"double\" \\ backslash %s ${HOME}: a summary long enough "
        "for residents"
    ),
    "--contact": "https://example.org/contact?q='single'\"double\"&${HOME}#-item:{{7*7}}",
    "--accountable-name": 'O\'Brien: "the accountable one"',
    "--accountable-role": "- item",
    "--accountable-email": "&anchor *alias",
}


def test_init_writes_exactly_what_it_was_given_and_nothing_else(tmp_path: Path) -> None:
    sandbox = Sandbox(tmp_path)
    before = sandbox.snapshot()
    options = [part for option, value in TYPED.items() for part in (option, value)]
    init = charter_check("init", "--no-input", *options, cwd=sandbox.project, limits=LIMITS)
    validate = charter_check("validate", "charter.yaml", "-f", "json", cwd=sandbox.project, limits=LIMITS)
    assert init.code == 0, init.describe()
    assert "Traceback" not in init.output + validate.output
    written = set(sandbox.snapshot()) - set(before)
    assert written == {"project/charter.yaml"}
    manifest = read_yaml(sandbox.manifest.read_bytes()).data
    person = manifest["declaration"]["accountable_person"]
    assert manifest["project"]["name"] == TYPED["--name"]
    assert manifest["project"]["organisation"] == TYPED["--organisation"]
    assert manifest["project"]["summary"] == TYPED["--summary"]
    assert manifest["project"]["contact"] == TYPED["--contact"]
    assert (person["name"], person["role"], person["email"]) == (
        TYPED["--accountable-name"],
        TYPED["--accountable-role"],
        TYPED["--accountable-email"],
    )
    document = json.loads(validate.stdout)
    assert not [f for f in document["findings"] if f["rule"].startswith(("yaml.", "manifest.invalid"))]
