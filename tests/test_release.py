"""What a release publishes: the sdist and the wheel built as the release workflow builds them and
checked as it checks them, the licence they declare, the changelog, and the workflow itself."""

from __future__ import annotations

import re
import subprocess
import sys
import tarfile
import tomllib
import zipfile
from email.message import Message
from email.parser import HeaderParser
from pathlib import Path
from typing import Any

import pytest
import yaml

from charter_check import __version__
from tests.repositories import REPO

BIN = Path(sys.executable).parent
RELEASE_WORKFLOW = REPO / ".github" / "workflows" / "release.yml"
IN_THE_WHEEL = (
    "charter_check/charters/lcr_2025.yaml",
    "charter_check/templates/report.html.j2",
    f"charter_check-{__version__}.dist-info/licenses/LICENSE",
)
CHANGELOG_HEADING = re.compile(
    r"^## \[(?P<version>\d+\.\d+\.\d+)\] - (?P<date>unreleased|\d{4}-\d{2}-\d{2})$"
)


def run(
    *command: str, cwd: Path | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, check=False)


def pyproject() -> dict[str, Any]:
    return tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))


def workflow() -> dict[Any, Any]:
    loaded: dict[Any, Any] = yaml.safe_load(RELEASE_WORKFLOW.read_text(encoding="utf-8"))
    return loaded


def metadata(text: str) -> Message:
    return HeaderParser().parsestr(text)


def changelog_versions() -> list[str]:
    headings = [
        line
        for line in (REPO / "CHANGELOG.md").read_text(encoding="utf-8").splitlines()
        if line.startswith("## ")
    ]
    versions = []
    for heading in headings:
        match = CHANGELOG_HEADING.match(heading)
        assert match, (
            f"CHANGELOG.md: {heading!r} is not '## [X.Y.Z] - YYYY-MM-DD' or '## [X.Y.Z] - unreleased'"
        )
        versions.append(match["version"])
    return versions


def test_the_licence_is_mit_for_the_contributors() -> None:
    licence = (REPO / "LICENSE").read_text(encoding="utf-8")
    assert licence.startswith("MIT License\n")
    assert re.search(r"^Copyright \(c\) \d{4} charter-check contributors$", licence, re.MULTILINE)
    assert 'THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND' in licence


def test_pyproject_declares_the_licence_as_pep_639_asks() -> None:
    project = pyproject()
    assert project["project"]["license"] == "MIT"
    assert project["project"]["license-files"] == ["LICENSE"]
    # PEP 639: a licence expression and licence classifiers are not to be given together.
    assert not [c for c in project["project"].get("classifiers", []) if c.startswith("License ::")]
    [hatchling] = [r for r in project["build-system"]["requires"] if r.startswith("hatchling")]
    minimum = re.fullmatch(r"hatchling>=(\d+)\.(\d+)", hatchling)
    assert minimum and (int(minimum[1]), int(minimum[2])) >= (1, 27), "PEP 639 needs hatchling 1.27"


def test_the_changelog_has_a_section_for_this_version_newest_first() -> None:
    versions = changelog_versions()
    assert __version__ in versions
    as_numbers = [tuple(int(part) for part in version.split(".")) for version in versions]
    assert as_numbers == sorted(as_numbers, reverse=True) and len(set(as_numbers)) == len(as_numbers)


@pytest.mark.slow
def test_the_distributions_pass_the_release_checks(distributions: tuple[Path, Path]) -> None:
    sdist, wheel = distributions
    twine = run(str(BIN / "twine"), "check", "--strict", str(sdist), str(wheel))
    assert twine.returncode == 0, twine.stdout + twine.stderr
    contents = run(str(BIN / "check-wheel-contents"), str(wheel))
    assert contents.returncode == 0, contents.stdout + contents.stderr


@pytest.mark.slow
def test_the_wheel_holds_the_licence_charter_and_templates(distributions: tuple[Path, Path]) -> None:
    _, wheel = distributions
    assert wheel.name == f"charter_check-{__version__}-py3-none-any.whl"
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        for name in IN_THE_WHEEL:
            assert name in names, f"{wheel.name} lacks {name}"
        fields = metadata(archive.read(f"charter_check-{__version__}.dist-info/METADATA").decode())
        licence = archive.read(f"charter_check-{__version__}.dist-info/licenses/LICENSE").decode()
    assert licence == (REPO / "LICENSE").read_text(encoding="utf-8")
    assert fields["License-Expression"] == "MIT"
    assert fields.get_all("License-File") == ["LICENSE"]
    assert not [c for c in fields.get_all("Classifier", []) if c.startswith("License ::")]


@pytest.mark.slow
def test_the_sdist_holds_the_licence_and_declares_it(distributions: tuple[Path, Path]) -> None:
    sdist, _ = distributions
    top = f"charter_check-{__version__}"
    with tarfile.open(sdist) as archive:
        names = set(archive.getnames())
        assert f"{top}/LICENSE" in names and f"{top}/CHANGELOG.md" in names
        info = archive.extractfile(f"{top}/PKG-INFO")
        assert info is not None
        fields = metadata(info.read().decode())
    assert fields["License-Expression"] == "MIT"


@pytest.mark.slow
def test_the_release_workflow_fits_githubs_schema() -> None:
    result = run(
        str(BIN / "check-jsonschema"), "--builtin-schema", "vendor.github-workflows", str(RELEASE_WORKFLOW)
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_version_tag_builds_checks_and_publishes_with_trusted_publishing() -> None:
    release = workflow()
    # PyYAML reads the key 'on' as True (YAML 1.1).
    assert release[True] == {"push": {"tags": ["v*"]}}
    assert "id-token" not in release["permissions"]
    build, publish = release["jobs"]["build"], release["jobs"]["publish"]
    scripts = "\n".join(step.get("run", "") for step in build["steps"])
    assert "python -m build" in scripts
    assert "twine check --strict dist/*" in scripts and "check-wheel-contents dist/*.whl" in scripts
    assert "permissions" not in build
    assert publish["needs"] == "build"
    assert publish["permissions"] == {"id-token": "write"}
    assert publish["environment"]["name"] == "pypi"
    [upload] = [
        step for step in build["steps"] if step.get("uses", "").startswith("actions/upload-artifact@")
    ]
    [download, pypi] = publish["steps"]
    assert download["uses"].startswith("actions/download-artifact@")
    assert download["with"]["name"] == upload["with"]["name"]
    assert download["with"]["path"] == upload["with"]["path"] == "dist/"
    assert pypi["uses"].startswith("pypa/gh-action-pypi-publish@") and "with" not in pypi


@pytest.mark.parametrize(
    ("tag", "built", "exit_code"),
    [
        ("v1.2.3", "1.2.3", 0),
        ("v1.2.4", "1.2.3", 1),
        ("v1.2.3", None, 1),
    ],
)
def test_the_release_stops_when_the_tag_does_not_name_the_version_built(
    tmp_path: Path, tag: str, built: str | None, exit_code: int
) -> None:
    [step] = [
        s for s in workflow()["jobs"]["build"]["steps"] if s.get("name", "").startswith("Check that the tag")
    ]
    (tmp_path / "dist").mkdir()
    if built is not None:
        (tmp_path / "dist" / f"charter_check-{built}-py3-none-any.whl").touch()
        (tmp_path / "dist" / f"charter_check-{built}.tar.gz").touch()
    # GitHub runs a bash step as 'bash --noprofile --norc -eo pipefail'.
    result = run(
        "bash",
        "--noprofile",
        "--norc",
        "-eo",
        "pipefail",
        "-c",
        step["run"],
        cwd=tmp_path,
        env={"PATH": "/usr/bin:/bin", "TAG": tag},
    )
    assert result.returncode == exit_code, result.stdout + result.stderr
    if exit_code:
        assert result.stdout.startswith(
            f"::error title=release::The tag {tag} does not match the version built"
        )
