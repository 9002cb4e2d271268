"""One manifest, from its path to its assessment: read the file, parse and validate it, find the
charter it is judged against, assess it, and apply the project's configuration (its fail level and
the rules it switches off). Problems that stop it (no such file, an unknown charter, a
configuration that cannot be used) raise ``CannotRun``; problems in the manifest are findings."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from charter_check.judging.engine import assess, unassessable
from charter_check.model.assessment import Assessment
from charter_check.model.manifest import Manifest, ManifestDocument
from charter_check.reading.config import Config, config_for
from charter_check.reading.discovery import display_path
from charter_check.reading.loading import charter_of, parse_manifest, read_manifest_file
from charter_check.reading.stdin import STDIN_ARGUMENT, read_manifest_stdin


@dataclass(frozen=True)
class Checking:
    """How the manifests of one run are checked: the charter given on the command line (else the
    configuration's, else each manifest's own), the assessment date, the fail level given on the
    command line (else the configuration's), and the configuration file given (``--config``; else
    each manifest's own is found from its folder)."""

    today: dt.date
    charter: str | None = None
    fail_level: str | None = None
    config_file: Path | None = None

    def config(self, manifest: Path) -> Config:
        """The configuration in force for ``manifest``."""
        return config_for(
            Path.cwd() / "charter.yaml" if manifest == STDIN_ARGUMENT else manifest, self.config_file
        )

    def strict(self, config: Config) -> bool:
        """Whether warnings block too."""
        return (self.fail_level or config.fail_level) == "warning"


@dataclass(frozen=True)
class CheckedManifest:
    """A manifest's assessment, and the manifest itself when it could be read."""

    assessment: Assessment
    manifest: Manifest | None


def check_manifest(path: Path, how: Checking) -> CheckedManifest:
    """Read, parse and assess the manifest at ``path`` (``-``: standard input) under the
    configuration."""
    if path == STDIN_ARGUMENT:
        parsed = parse_manifest(read_manifest_stdin())
    else:
        parsed = parse_manifest(read_manifest_file(path, display_path(path)))
    config = how.config(path)
    charter = charter_of(how.charter or config.charter, parsed)
    config.check_rules(charter)
    strict = how.strict(config)
    if isinstance(parsed, ManifestDocument):
        assessment = assess(charter, parsed, how.today, strict=strict)
        return CheckedManifest(config.apply(assessment), parsed.manifest)
    findings = parsed.findings
    assessment = unassessable(charter, parsed.path, parsed.sha256, findings, how.today, strict=strict)
    return CheckedManifest(config.apply(assessment), None)
