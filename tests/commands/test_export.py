"""``charter-check export atrs``: the ATRS v3.0 record, filled from a manifest, as Markdown with the
"n.n - Field" headings published records use, or as JSON keyed by the standard's names with the
GOV.UK metadata keys. Every field is filled from a named answer or key of the manifest, or listed as
missing with what would fill it; a project the standard is not for gets one line and exit 2."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import cmarkgfm
import pytest
from cmarkgfm.cmark import Options

from charter_check.model.base import InvalidData, validated
from charter_check.model.transparency import AtrsMapping
from charter_check.reading.exports import ATRS_MAPPING, atrs_mapping_for, bundled_atrs_mapping
from charter_check.reading.loading import load_charter
from charter_check.reading.resources import bundled
from charter_check.reading.yaml_reader import read_yaml
from tests.conftest import EXAMPLES, TESTS, run_cli

TODAY = "2026-11-28"
NHS = EXAMPLES / "nhs-admissions-forecast"
CHATBOT = EXAMPLES / "council-chatbot"
DASHBOARD = EXAMPLES / "transport-dashboard"
HOSTILE = TESTS / "renderers" / "fixtures" / "hostile"
REPOSITORY = TESTS.parent
DOCUMENTED = REPOSITORY / "docs" / "examples" / "atrs-council-chatbot.md"


def export(*arguments: str, cwd: Path | None = None) -> Any:
    return run_cli("export", "atrs", *arguments, "--today", TODAY, cwd=cwd)


def record_json(path: Path) -> dict[str, Any]:
    result = export(str(path), "--format", "json")
    assert result.exit_code == 0, result.stderr
    document: dict[str, Any] = json.loads(result.stdout)
    return document


def json_fields(node: Any) -> list[dict[str, Any]]:
    """Every field of a JSON record, in order, found by its shape (a number and a field name)."""
    if isinstance(node, list):
        return [field for item in node for field in json_fields(item)]
    if not isinstance(node, dict):
        return []
    if "field" in node and "value" in node:
        return [node]
    return [field for value in node.values() for field in json_fields(value)]


@pytest.mark.parametrize("example", [NHS, CHATBOT], ids=lambda path: path.name)
def test_the_examples_that_use_ai_export_their_record(example: Path) -> None:
    result = export(str(example))
    assert result.exit_code == 0, result.stderr
    headings = re.findall(r"^### (.+)$", result.stdout, re.MULTILINE)
    assert headings[:4] == ["1 - Name", "2 - Description", "3 - Website URL", "4 - Contact email"]
    assert "1.3 - Senior responsible owner" in headings
    assert "4.2.7 - Model performance" in headings
    assert headings[-1] == "5.2 - Risks and mitigations"
    assert re.findall(r"^## (.+)$", result.stdout, re.MULTILINE) == [
        "Metadata",
        "Tier 1 - Overview",
        "Tier 2 - Owner and Responsibility",
        "Tier 2 - Description and Rationale",
        "Tier 2 - Decision-Making Process",
        "Tier 2 - Tool Specification",
        "Tier 2 - Risks, Mitigations and Impact Assessments",
        "Fields to fill by hand",
    ]


def test_a_project_that_is_not_an_algorithmic_tool_gets_one_line_and_exit_2() -> None:
    result = export(str(DASHBOARD))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        "charter-check: error: examples/transport-dashboard/charter.yaml: no ATRS record to export: the "
        "standard is for algorithmic tools (AI, or scores, flags or recommendations used in decisions "
        "about people), and here the project uses no AI and the project uses no personal data\n"
    )


def test_algorithmic_decision_support_without_ai_is_exported(project: Path) -> None:
    manifest = project / "charter.yaml"
    manifest.write_text(
        "charter: lcr-2025\nproject:\n  name: Visit Priority Flags\n  organisation: A Council\n"
        "profile:\n  uses_ai: false\n  personal_data: true\n  decisions_about_people: true\n",
        encoding="utf-8",
    )
    result = export(str(project))
    assert result.exit_code == 0, result.stderr
    assert "### 1 - Name\n\nVisit Priority Flags\n" in result.stdout


def test_fields_are_filled_from_the_answers_they_name() -> None:
    document = record_json(NHS)
    tier_1, tier_2 = document["tier_1"], document["tier_2"]
    assert tier_1["name"]["value"] == "Emergency Admissions Forecast"
    assert tier_1["website_url"]["value"] == "https://www.mersey-valley.nhs.example/ai/admissions-forecast"
    assert tier_1["contact_email"]["value"] == "data.protection@mersey-valley.nhs.example"
    owner = tier_2["owner_and_responsibility"]["senior_responsible_owner"]
    assert owner["ref"] == "1.3"
    assert owner["value"].startswith("Dr Aisha Rahman, Chief Clinical Information Officer")
    assert [part["source"] for part in owner["from"]] == ["answer: accountability.accountable-person"]
    benefit = tier_2["description_and_rationale"]["benefit"]
    assert [part["source"] for part in benefit["from"]] == [
        "answer: beneficial.public-benefit",
        "answer: beneficial.benefit-measures",
    ]
    assert benefit["from"][0]["evidence"] == ["docs/business-case.md"]
    [model] = tier_2["tool_specification"]["model_specification"]
    assert model["model_performance"]["value"].startswith("Measured on local data or users")


def test_the_gov_uk_metadata_keys_are_filled_from_the_manifest_or_left_to_fill() -> None:
    metadata = record_json(CHATBOT)["metadata"]
    assert metadata["algorithmic_transparency_record_phase"] == "production"  # stage: live
    assert (
        metadata["algorithmic_transparency_record_organisation"]
        == "mersey-banks-metropolitan-borough-council"
    )
    assert metadata["algorithmic_transparency_record_atrs_version"] == "3.0"
    assert metadata["algorithmic_transparency_record_organisation_type"] is None
    assert record_json(NHS)["metadata"]["algorithmic_transparency_record_phase"] == "beta-pilot"


def test_a_question_not_answered_leaves_its_field_missing_with_the_question() -> None:
    document = record_json(CHATBOT)
    owner = document["tier_2"]["owner_and_responsibility"]["senior_responsible_owner"]
    assert owner["value"] is None and owner["from"] == []
    assert owner["to_fill"] == (
        "Who is accountable for this project, and in what role? "
        "(accountability.accountable-person: not answered yet)."
    )
    assert {"ref": "1.3", "field": "Senior responsible owner", "to_fill": owner["to_fill"]} in document[
        "missing"
    ]
    markdown = export(str(CHATBOT)).stdout
    assert (
        "| 1.3 - Senior responsible owner | Who is accountable for this project, and in what role?"
        in markdown
    )


def test_an_answer_that_does_not_meet_the_charter_is_still_what_the_project_says() -> None:
    provided = record_json(CHATBOT)["tier_2"]["decision_making_process"]["provided_information"]
    assert provided["value"].startswith(
        "Are people told, at the point of use, when they are interacting with an AI system rather "
        "than a person? No.\n\nRobin introduces itself by name only."
    )


@pytest.mark.parametrize("example", [NHS, CHATBOT], ids=lambda path: path.name)
def test_every_field_is_filled_from_a_named_source_or_listed_as_missing(example: Path) -> None:
    document = record_json(example)
    fields = json_fields({"tier_1": document["tier_1"], "tier_2": document["tier_2"]})
    assert len(fields) == sum(1 for _ in bundled_atrs_mapping().fields())
    missing = {entry["ref"] for entry in document["missing"]}
    for field in fields:
        if field["value"] is None:
            assert field["ref"] in missing and field["to_fill"], field
        else:
            assert field["ref"] not in missing and field["to_fill"] is None
            assert field["from"] and all(
                re.fullmatch(r"[a-z]+: \S+", part["source"]) for part in field["from"]
            )
    markdown = export(str(example)).stdout
    for field in fields:
        assert f"### {field['ref']} - {field['field']}\n" in markdown


def test_the_mapping_names_only_what_the_charter_and_the_manifest_have() -> None:
    mapping = bundled_atrs_mapping()
    charter = load_charter("lcr-2025")
    assert mapping.problems_with(charter) == []
    for field in mapping.fields():
        assert bool(field.from_) != bool(field.not_asked), field.ref
    refs = [field.ref for field in mapping.fields()]
    assert len(refs) == len(set(refs)) == 50


def test_a_mapping_that_names_a_criterion_the_charter_lacks_is_refused() -> None:
    raw = (
        (bundled("charters") / ATRS_MAPPING)
        .read_bytes()
        .replace(b"answer: beneficial.public-benefit", b"answer: beneficial.public-good")
    )
    mapping = validated(AtrsMapping, read_yaml(raw).data)
    assert mapping.problems_with(load_charter("lcr-2025")) == [
        "field 2.3 names criterion 'beneficial.public-good', which charter lcr-2025 does not have"
    ]


def test_a_field_needs_sources_or_a_reason_it_has_none() -> None:
    raw = (bundled("charters") / ATRS_MAPPING).read_text(encoding="utf-8")
    broken = raw.replace("    not_asked: Set when the ATRS team publishes the record.\n", "", 1)
    with pytest.raises(InvalidData) as refused:
        validated(AtrsMapping, read_yaml(broken.encode()).data)
    assert "give one of 'from:' (the sources that fill it)" in refused.value.errors[0]["msg"]


def test_the_mapping_follows_the_charter_it_names(project: Path) -> None:
    charter_file = project / "other-charter.yaml"
    text = (REPOSITORY / "charters" / "lcr_2025.yaml").read_text(encoding="utf-8")
    charter_file.write_text(text.replace("id: lcr-2025", "id: another-charter", 1), encoding="utf-8")
    result = export(str(NHS), "--charter", str(charter_file))
    assert result.exit_code == 2
    assert "charter another-charter has no ATRS mapping" in result.stderr
    assert atrs_mapping_for(load_charter("lcr-2025")).charter == "lcr-2025"


def test_nothing_a_manifest_says_becomes_markup_in_the_markdown() -> None:
    markdown = export(str(HOSTILE)).stdout
    html = str(cmarkgfm.github_flavored_markdown_to_html(markdown, options=Options.CMARK_OPT_UNSAFE))
    tags = set(re.findall(r"<([a-z0-9]+)", html))
    assert tags <= {
        "h1",
        "h2",
        "h3",
        "p",
        "a",
        "em",
        "strong",
        "br",
        "table",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
        "code",
    }
    assert re.findall(r'href="([^"]+)"', html) == [
        "https://www.gov.uk/government/publications/guidance-for-organisations-using-the-algorithmic-transparency-recording-standard"
    ]
    assert "&lt;script&gt;alert('name')&lt;/script&gt;" in html
    assert "{{ 7*7 }}" in html


def test_the_record_is_written_to_a_file_and_replaces_only_its_own(project: Path) -> None:
    for name, output_format in (("record.md", "markdown"), ("record.json", "json")):
        output = project / name
        assert export(str(NHS), "-f", output_format, "-o", str(output)).exit_code == 0
        written = output.read_text(encoding="utf-8")
        again = export(str(NHS), "-f", output_format, "-o", str(output))
        assert again.exit_code == 0
        assert again.stdout.startswith(f"Wrote the ATRS record to {output}: ")
        assert again.stdout.endswith(" to fill by hand.\n") and again.stdout.count("\n") == 1
        counted = again.stdout.split(": ", 1)[1].split(" fields filled")[0]  # '30 of 50'
        if output_format == "markdown":
            assert f"{counted} fields are filled from the manifest" in written
        assert output.read_text(encoding="utf-8") == written
    notes = project / "notes.md"
    notes.write_text("# Our own notes\n", encoding="utf-8")
    refused = export(str(NHS), "-o", str(notes))
    assert refused.exit_code == 2
    assert "already exists and is not a file charter-check wrote" in refused.stderr
    assert notes.read_text(encoding="utf-8") == "# Our own notes\n"
    assert export(str(NHS), "-o", str(notes), "--force").exit_code == 0


def test_a_manifest_that_cannot_be_read_stops_with_one_line(project: Path) -> None:
    (project / "charter.yaml").write_text("charter: lcr-2025\nproject: [\n", encoding="utf-8")
    result = export(str(project))
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1
    assert "the manifest could not be read, so there is nothing to fill the record from" in result.stderr
    missing = export(str(project / "nothing.yaml"))
    assert missing.exit_code == 2 and "nothing.yaml: no such file" in missing.stderr


def test_a_mistake_on_the_command_line_names_the_command_to_ask_for_help() -> None:
    result = run_cli("export", "atrs", "--format", "pdf")
    assert result.exit_code == 2
    assert result.stderr.endswith("; see 'charter-check export atrs --help'\n")
    assert run_cli("export", "nothing").exit_code == 2


def test_the_documented_example_is_what_the_command_writes(
    monkeypatch: pytest.MonkeyPatch, golden: Callable[[Path, str], None]
) -> None:
    """``charter-check export atrs examples/council-chatbot``, run from the repository's top,
    writes the record the README shows."""
    monkeypatch.chdir(REPOSITORY)
    result = export("examples/council-chatbot")
    assert result.exit_code == 0
    golden(DOCUMENTED, result.stdout)


def test_docs_atrs_md_documents_every_field_and_what_fills_it() -> None:
    documented = (REPOSITORY / "docs" / "atrs.md").read_text(encoding="utf-8")
    assert "version 3.0" in documented
    for field in bundled_atrs_mapping().fields():
        [row] = [
            line for line in documented.splitlines() if line.startswith(f"| {field.ref} | {field.name} |")
        ]
        named = field.named.value.replace("-", " ")
        assert f"| {named} |" in row, field.ref
        if field.not_asked:
            assert "| not asked |" in row, field.ref
        for source in field.from_:
            assert f"`{source.target}`" in row, (field.ref, source.target)
    for key in bundled_atrs_mapping().metadata:
        assert f"| `{key.key.removeprefix('algorithmic_transparency_record_')}` |" in documented
