"""Bad and hostile inputs, each driven through the real command line in a child process under a
timeout and a memory limit (see ``sandbox.py``).

Each case is a file under ``cases/`` (or is built here when it must be huge, binary or not a file
at all) with what ``validate`` must do about it: the exit code, the rule and line of the finding
it must report and a phrase of the message that tells the user what to do. The same input then
goes through every output format, ``report`` and ``assess``, and for all of them: no traceback,
no internal error, the message names the file, nothing is written anywhere, nothing from the
input is run, and the input's text appears in the output only escaped for the format.
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
from tests.hostile.sandbox import (
    CASES,
    EXAMPLE,
    TODAY,
    Command,
    LimitBroken,
    Outcome,
    Sandbox,
    run_cases,
    run_limited,
)

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
    rule: str | None
    line: int | None
    phrase: str
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


def _cases() -> list[Case]:
    return [
        # Nothing, or not a YAML mapping
        Case("empty.yaml", 1, "manifest.empty", 1, "run 'charter-check init --force'"),
        Case("only-comments.yaml", 1, "manifest.empty", 1, "run 'charter-check init --force'"),
        Case("top-level-list.yaml", 1, "manifest.invalid-value", 1, "not a list or a single value"),
        Case("top-level-scalar.yaml", 1, "manifest.invalid-value", 1, "not a list or a single value"),
        # Not text, or not UTF-8
        Case("not-utf8.yaml", 1, "yaml.encoding", 3, "save it as UTF-8"),
        Case("utf16.yaml", 1, "yaml.encoding", 1, "save it as UTF-8"),
        Case("nul-byte.yaml", 1, "yaml.syntax", 3, "remove it or save the file as plain text"),
        Case("image.yaml", 1, "yaml.encoding", 1, "not text", write(PNG_HEADER + bytes(range(256)) * 8)),
        Case("word-document.yaml", 1, "yaml.encoding", 1, "not text", write(DOCX_HEADER + bytes(range(256)))),
        # Syntax a person gets wrong
        Case("tabs.yaml", 1, "yaml.syntax", 3, "indent with spaces, not tabs"),
        Case("colon-in-value.yaml", 1, "yaml.syntax", 5, "put the whole value in quotes"),
        Case("smart-quotes.yaml", 1, "yaml.syntax", 3, "put the whole value in quotes"),
        Case("windows-path-double-quotes.yaml", 1, "yaml.syntax", 8, "use single quotes"),
        Case("unclosed-quote.yaml", 1, "yaml.syntax", 3, "add the closing quote"),
        Case("unclosed-bracket.yaml", 1, "yaml.syntax", 9, "close the list with ']'"),
        Case("bad-indentation.yaml", 1, "yaml.syntax", 4, "line this up with the keys above it"),
        Case("list-on-key-line.yaml", 1, "yaml.syntax", 8, "start the list on the next line"),
        Case("value-starting-with-at.yaml", 1, "yaml.syntax", 5, "put the value in quotes"),
        Case("key-without-colon.yaml", 1, "yaml.syntax", 5, "add ': ' after the key"),
        Case("non-breaking-space.yaml", 1, "yaml.invisible-character", 3, "NO-BREAK SPACE"),
        Case("invisible-key.yaml", 1, "yaml.invisible-character", 6, "delete the key and type it again"),
        Case("control-escape.yaml", 1, "yaml.control-character", 3, "delete it"),
        Case("control-bidi.yaml", 1, "yaml.control-character", 4, "RIGHT-TO-LEFT OVERRIDE"),
        # Duplicate keys at every level
        Case("duplicate-key-top.yaml", 1, "yaml.duplicate-key", 5, "keep one and delete the other"),
        Case("duplicate-key-project.yaml", 1, "yaml.duplicate-key", 5, "first at line 3"),
        Case("duplicate-key-declaration.yaml", 1, "yaml.duplicate-key", 8, "first at line 6"),
        Case("duplicate-key-profile.yaml", 1, "yaml.duplicate-key", 8, "first at line 6"),
        Case("duplicate-key-answers.yaml", 1, "yaml.duplicate-key", 10, "first at line 6"),
        Case("duplicate-key-inside-answer.yaml", 1, "yaml.duplicate-key", 9, "first at line 7"),
        # Tags, anchors, aliases, directives, several documents
        Case("tag-python-apply.yaml", 1, "yaml.tag", 3, "remove the tag and write a plain value"),
        Case("tag-python-name.yaml", 1, "yaml.tag", 2, "remove the tag"),
        Case("tag-local.yaml", 1, "yaml.tag", 4, "remove the tag"),
        Case("tag-directive.yaml", 1, "yaml.directive", 1, "remove the line starting with '%'"),
        Case("yaml-directive.yaml", 1, "yaml.directive", 1, "remove the line starting with '%'"),
        Case("anchor-and-alias.yaml", 1, "yaml.anchor", 3, "write each value out in full"),
        Case("alias-undefined.yaml", 1, "yaml.alias", 2, "write the value out in full"),
        Case("merge-key.yaml", 1, "yaml.anchor", 2, "write each value out in full"),
        Case("billion-laughs.yaml", 1, "yaml.anchor", 1, "write each value out in full"),
        Case("multiple-documents.yaml", 1, "yaml.multiple-documents", 5, "remove the '---' separators"),
        Case("complex-key.yaml", 1, "yaml.complex-key", 2, "must be plain text"),
        # Too big, too deep, too many
        Case(
            "too-large.yaml", 2, None, None, "over the 1,048,576-byte limit", write(SIMPLE + "#" * MAX_BYTES)
        ),
        Case(
            "long-line.yaml",
            1,
            "manifest.unknown-criterion",
            7,
            "did you mean 'security.dpia'?",
            write(SIMPLE + "  summary: " + "word " * 190_000 + "\nanswers:\n  security.dpai: {}\n"),
        ),
        Case("deep-block.yaml", 1, "yaml.too-deep", 66, "flatten it", write(DEEP_BLOCK)),
        Case("deep-flow.yaml", 1, "yaml.too-deep", 1, "flatten it", write("charter: " + "[" * 50_000)),
        Case(
            "too-many-values.yaml",
            1,
            "yaml.too-many-values",
            7,
            "remove what does not belong in it",
            write(SIMPLE + "answers:\n  security.dpia:\n    evidence: [" + "a, " * 10_000 + "]\n"),
        ),
        Case(
            "many-unknown-keys.yaml",
            1,
            "manifest.unknown-criterion",
            6,
            "is not a criterion of lcr-2025",
            write(SIMPLE + "answers:\n" + SIMILAR_KEYS),
        ),
        Case(
            "much-climbing-evidence.yaml",
            1,
            "security.dpia",
            8,
            "the path leads outside the project folder",
            write(SIMPLE + "answers:\n  security.dpia:\n    evidence:\n" + CLIMBING_EVIDENCE),
        ),
        # Wrong types everywhere
        Case(
            "wrong-types-top.yaml",
            1,
            "manifest.invalid-value",
            2,
            "'project' must be 'key: value' lines indented under it",
        ),
        Case(
            "wrong-types-project.yaml", 1, "manifest.invalid-value", 3, 'put the value in quotes, e.g. "42"'
        ),
        Case(
            "wrong-types-declaration.yaml",
            1,
            "manifest.invalid-value",
            6,
            "must be 'key: value' lines indented under it",
        ),
        Case("wrong-types-profile.yaml", 1, "manifest.invalid-value", 6, "must be true or false"),
        Case(
            "wrong-types-answers.yaml",
            1,
            "manifest.invalid-value",
            6,
            "must be 'key: value' lines indented under it",
        ),
        Case("wrong-types-inside-answer.yaml", 1, "manifest.invalid-value", 8, "'evidence' must be a list"),
        Case("wrong-types-answer-values.yaml", 1, "security.dpo", 11, "give 'name' and 'role'"),
        # Near-miss spellings
        Case("near-miss-top.yaml", 1, "manifest.unknown-field", 2, "did you mean 'project'?"),
        Case("near-miss-project.yaml", 1, "manifest.unknown-field", 4, "did you mean 'organisation'?"),
        Case(
            "near-miss-declaration.yaml", 1, "manifest.unknown-field", 6, "did you mean 'accountable_person'?"
        ),
        Case(
            "near-miss-profile.yaml",
            1,
            "manifest.unknown-profile-question",
            6,
            "did you mean 'personal_data'?",
        ),
        Case("near-miss-answers.yaml", 1, "manifest.unknown-criterion", 6, "did you mean 'security.dpia'?"),
        Case("near-miss-inside-answer.yaml", 1, "manifest.unknown-field", 8, "did you mean 'evidence'?"),
        Case(
            "principle-waiver.yaml", 1, "manifest.unknown-field", 5, "unknown key 'principles_not_applicable'"
        ),
        # Dates that are not dates
        Case("dates-not-dates.yaml", 1, "accountability.declaration-date", 7, "give a date as YYYY-MM-DD"),
        Case("dates-day-first.yaml", 1, "accountability.declaration-date", 6, "give a date as YYYY-MM-DD"),
        Case("dates-number.yaml", 1, "security.dpia-review", 7, "give a date as YYYY-MM-DD"),
        # Evidence that climbs out of the project, and links that are not https
        Case("evidence-parent.yaml", 1, "security.dpia", 10, "cite a file inside it"),
        Case("evidence-parent-hidden.yaml", 1, "security.dpia", 10, "cite a file inside it"),
        Case("evidence-symlink-out.yaml", 1, "security.dpia", 10, "cite a file inside it"),
        Case("evidence-absolute.yaml", 1, "security.dpia", 10, "give a path relative to charter.yaml"),
        Case("evidence-windows-drive.yaml", 1, "security.dpia", 10, "give a path relative to charter.yaml"),
        Case("evidence-unc.yaml", 1, "security.dpia", 10, "give a path relative to charter.yaml"),
        Case("evidence-empty.yaml", 1, "security.dpia", 10, "remove it or fill it in"),
        Case(
            "link-javascript.yaml",
            1,
            "security.dpia",
            10,
            "only https:// (or http://) links to a web address",
        ),
        Case(
            "link-javascript-disguised.yaml",
            1,
            "security.dpia",
            10,
            "only https:// (or http://) links to a web address",
        ),
        Case(
            "link-vbscript.yaml", 1, "security.dpia", 10, "only https:// (or http://) links to a web address"
        ),
        Case("link-file.yaml", 1, "security.dpia", 10, "only https:// (or http://) links to a web address"),
        Case("link-data.yaml", 1, "security.dpia", 10, "only https:// (or http://) links to a web address"),
        Case("link-http.yaml", 1, "security.dpia", 10, "cite its https:// address if it has one"),
        Case(
            "link-no-host.yaml", 1, "security.dpia", 10, "only https:// (or http://) links to a web address"
        ),
        # Markup and template code in every text field
        Case("markup-everywhere.yaml", 1, "security.dpia", 40, "no such file in the project"),
        # The charter a manifest names
        Case("charter-file-path.yaml", 2, None, 1, "give a charter file with --charter PATH"),
        Case("charter-unknown.yaml", 2, None, 1, "not a bundled charter (lcr-2025)"),
        # Where the manifest should be: nothing, a folder, a pipe, a device, links
        Case("missing.yaml", 2, None, None, "run 'charter-check init'", nothing),
        Case("folder.yaml", 2, None, None, "no charter.yaml in this folder", folder),
        Case("fifo.yaml", 2, None, None, "is not a regular file", fifo),
        Case("device.yaml", 2, None, None, "is not a regular file", link("/dev/zero")),
        Case("dangling-link.yaml", 2, None, None, "no such file", link("nowhere/charter.yaml")),
        Case(
            "link-out-of-project.yaml",
            2,
            None,
            None,
            "put the manifest itself",
            link("../outside/charter.yaml"),
        ),
        Case(
            "link-inside-project.yaml",
            1,
            "manifest.unknown-criterion",
            6,
            "did you mean 'security.dpia'?",
            link("governance/charter.yaml", (CASES / "near-miss-answers.yaml").read_text(encoding="utf-8")),
            shown="governance/charter.yaml",
        ),
        # The configuration file is read as strictly as the manifest
        Case(
            "config-python-tag.yaml",
            2,
            None,
            1,
            "remove the tag",
            with_config("charter: !!python/object/apply:os.system [touch pwned-by-yaml]\n", "empty.yaml"),
            shown=".charter-check.yaml",
        ),
        Case(
            "config-alias.yaml",
            2,
            None,
            1,
            "write each value out in full",
            with_config("fail-level: &level error\ncharter: *level\n", "empty.yaml"),
            shown=".charter-check.yaml",
        ),
        # A manifest that passes, in Windows line endings with a byte-order mark: the control case
        Case("example-crlf-bom.yaml", 0, None, None, "PASS", example_with_crlf_and_bom),
    ]


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
    expected = {case.name for case in CASE_LIST if case.build is None}
    assert files == expected


@pytest.mark.slow
@pytest.mark.parametrize("case", CASE_LIST, ids=lambda case: case.name)
def test_validate_reports_the_problem_where_it_is_and_what_to_do(
    results: dict[str, Ran | LimitBroken], case: Case
) -> None:
    outcome = ran(results, case)["validate text"]
    assert outcome.code == case.exit, outcome.describe()
    if case.exit == 2:
        assert_one_line_error(outcome, case)
    elif case.rule is not None:
        pattern = (
            rf"^{re.escape(case.shown)}:{case.line}:\d+: (error|warning|note) \[{re.escape(case.rule)}\] .*"
        )
        lines = [line for line in outcome.stdout.splitlines() if re.match(pattern, line)]
        assert any(case.phrase in line for line in lines), outcome.describe()
    else:
        assert case.phrase in outcome.stdout, outcome.describe()


def assert_one_line_error(outcome: Outcome, case: Case) -> None:
    """Exit 2: one line on stderr, naming the file (and the line, when there is one), saying what
    to do; nothing on stdout that could be mistaken for a verdict."""
    [line] = outcome.stderr.splitlines()
    assert line.startswith("charter-check: error: "), outcome.describe()
    assert case.phrase in line, outcome.describe()
    where = re.escape(case.shown) + (rf":{case.line}:\d+" if case.line is not None else "")
    assert re.search(rf"(^|\W){where}: ", line), outcome.describe()
    assert "PASS" not in outcome.stdout


@pytest.mark.parametrize("case", CASE_LIST, ids=lambda case: case.name)
def test_no_command_crashes_or_writes_anything(results: dict[str, Ran | LimitBroken], case: Case) -> None:
    result = ran(results, case)
    for outcome in result.outcomes.values():
        assert "Traceback" not in outcome.output, outcome.describe()
        assert "internal error" not in outcome.output, outcome.describe()
        assert outcome.code in (0, 1, 2), outcome.describe()
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
            [line] = outcome.stderr.splitlines()
            assert line.startswith("charter-check: error: "), outcome.describe()


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
    init, validate = run_limited(
        [Command(("init", "--no-input", *options)), Command(("validate", "charter.yaml", "-f", "json"))],
        sandbox.project,
    )
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
