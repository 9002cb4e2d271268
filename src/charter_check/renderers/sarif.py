"""The ``sarif`` validate format: SARIF 2.1.0, which GitHub code scanning (``upload-sarif``) and
other code-review tools read.

Every finding is a result on the line and column of ``charter.yaml`` it is about, under a stable
rule id: the criterion id for a criterion, or a structural rule such as ``yaml.syntax``. Each rule
carries its title, description and help, in the charter's own words for criteria. Findings of a
rule the configuration switches off are results too, marked as suppressed with the reason given.

A result's URI is the manifest's path from the top of its repository, relative to ``%SRCROOT%``
(see ``identity``), which is where GitHub code scanning looks for it. Run anywhere but CI, the log
also says where ``%SRCROOT%`` is on this machine (``originalUriBaseIds``), so that a local viewer
can open the file; in CI that folder means nothing elsewhere, and GitHub uses its own checkout.
Each result carries its fingerprint in ``partialFingerprints``, so an alert stays the same alert
when lines are added above it.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import quote

from charter_check import __version__
from charter_check.judging.rules import Rule, rule_for
from charter_check.model.assessment import Assessment
from charter_check.model.findings import Finding
from charter_check.model.visible import visible
from charter_check.renderers import Rendered, Write, copy_out, render, spooled
from charter_check.renderers.identity import FINGERPRINT_KEY, fingerprint, manifest_place
from charter_check.renderers.links import REPOSITORY_URL, help_uri

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_VERSION = "2.1.0"
SOURCE_ROOT = "%SRCROOT%"


def artifact_location(path: str) -> dict[str, str]:
    """The manifest's path from the top of its repository as a URI relative to the source root
    (outside a repository: a relative path as given; an absolute one as a file URI)."""
    posix = PurePosixPath(manifest_place(path).path.replace("\\", "/"))
    if posix.is_absolute():
        return {"uri": "file://" + quote(str(posix))}
    return {"uri": quote(str(posix)), "uriBaseId": SOURCE_ROOT}


def rule_descriptor(rule: Rule, level: str) -> dict[str, Any]:
    descriptor: dict[str, Any] = {
        "id": rule.id,
        "shortDescription": {"text": rule.title},
        "fullDescription": {"text": rule.description},
        "help": {"text": rule.help},
        "defaultConfiguration": {"level": level},
        "properties": {"tags": ["charter"] if rule.can_switch_off else ["manifest-structure"]},
    }
    if rule.help_uri:
        descriptor["helpUri"] = rule.help_uri
    return descriptor


def result(finding: Finding, rule_index: int) -> dict[str, Any]:
    located: dict[str, Any] = {
        "ruleId": finding.rule,
        "ruleIndex": rule_index,
        "level": finding.severity.value,
        "message": {"text": visible(finding.message, line_breaks=True)},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": artifact_location(finding.path),
                    "region": {"startLine": finding.line, "startColumn": finding.column},
                }
            }
        ],
    }
    properties = {key: value for key, value in _about(finding).items() if value}
    if properties:
        located["properties"] = properties
    return located


@dataclass(frozen=True, slots=True)
class Piece:
    """One manifest's results, and the rules they name, described (their place in the run's list
    of rules is known only when the pieces are put together)."""

    results: tuple[dict[str, Any], ...]
    rules: dict[str, dict[str, Any]]
    root: Path
    """The top of the manifest's repository (the working folder outside one)."""
    relaxed: tuple[dict[str, str], ...] = ()
    """What the manifest's configuration switches off, and why."""


def piece(assessment: Assessment, many: bool) -> Piece:
    rules: dict[str, dict[str, Any]] = {}
    results: list[dict[str, Any]] = []

    taken: set[str] = set()

    def described(finding: Finding) -> dict[str, Any]:
        if finding.rule not in rules:
            rule = rule_for(finding.rule, assessment.charter)
            rules[finding.rule] = rule_descriptor(
                replace(rule, help_uri=help_uri(rule, assessment.charter)), finding.severity.value
            )
        located = result(finding, 0)
        located["partialFingerprints"] = {FINGERPRINT_KEY: fingerprint(finding, taken)}
        return located

    results += [described(finding) for finding in assessment.findings]
    for item in assessment.switched_off:
        for finding in item.findings:
            suppressed = described(finding)
            suppressed["suppressions"] = [
                {"kind": "external", "status": "accepted", "justification": visible(item.reason)}
            ]
            results.append(suppressed)
    relaxed = tuple(
        {
            "manifest": assessment.manifest.path,
            "rule": item.rule,
            "reason": visible(item.reason),
            "configuredIn": item.configured_in,
        }
        for item in assessment.switched_off
    )
    return Piece(tuple(results), rules, manifest_place(assessment.manifest.path).root, relaxed)


def write(rendered: Iterable[Rendered], out: Write, many: bool) -> None:
    """One run: every rule named, in the order first seen, then every result. The results wait in
    a spool, each numbering its rule as it comes, until all the rules are known."""
    rules: dict[str, dict[str, Any]] = {}
    roots: set[Path] = set()
    relaxed: list[dict[str, str]] = []
    separator = "\n"
    with spooled() as results:
        for each in rendered:
            if each.problem is not None:
                continue
            roots.add(each.piece.root)
            relaxed += each.piece.relaxed
            for rule_id, descriptor in each.piece.rules.items():
                rules.setdefault(rule_id, descriptor)
            indexes = {rule_id: index for index, rule_id in enumerate(rules)}
            for located in each.piece.results:
                located["ruleIndex"] = indexes[located["ruleId"]]
                results.write(separator + json.dumps(located, ensure_ascii=False))
                separator = ",\n"
        run: dict[str, Any] = {
            "tool": {
                "driver": {
                    "name": "charter-check",
                    "version": __version__,
                    "semanticVersion": __version__,
                    "informationUri": REPOSITORY_URL,
                    "rules": list(rules.values()),
                }
            },
            "invocations": [{"executionSuccessful": True}],
            "columnKind": "unicodeCodePoints",
        }
        bases = source_root(roots)
        if bases:
            run["originalUriBaseIds"] = bases
        run["properties"] = {"relaxedByConfiguration": relaxed}
        log = {"$schema": SARIF_SCHEMA, "version": SARIF_VERSION, "runs": [{**run, "results": []}]}
        opening, closing = json.dumps(log, indent=2, ensure_ascii=False).rsplit('"results": []', 1)
        out(opening + '"results": [')
        copy_out(results, out)
        out(("\n]" if separator == ",\n" else "]") + closing + "\n")


def render_sarif(assessments: Sequence[Assessment]) -> str:
    return render("sarif", assessments)


def source_root(roots: set[Path]) -> dict[str, dict[str, str]]:
    """``%SRCROOT%`` as a file URI, on a run outside CI whose manifests share one repository
    (or, outside any, the working folder); otherwise nothing."""
    in_ci = bool(os.environ.get("CI")) or os.environ.get("GITHUB_ACTIONS", "").lower() == "true"
    if in_ci or len(roots) != 1:
        return {}
    [root] = roots
    uri = root.as_uri()
    return {SOURCE_ROOT: {"uri": uri if uri.endswith("/") else uri + "/"}}


def _about(finding: Finding) -> dict[str, str | None]:
    return {"criterion": finding.criterion, "principle": finding.principle}
