"""Reading charters and manifests from disk into models, with every problem a located finding.

This is the I/O edge around the pure engine: it reads bytes, fingerprints them, parses YAML with
positions, validates against the models and looks up the evidence a manifest cites.
"""

from __future__ import annotations

import hashlib
import stat
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from charter_check.model.base import InvalidData, ModelT, validated, validated_each
from charter_check.model.charter import Charter
from charter_check.model.findings import Finding
from charter_check.model.manifest import CriterionAnswer, Manifest, ManifestDocument, cited_evidence
from charter_check.model.visible import visible
from charter_check.model.vocabulary import Vocabulary
from charter_check.reading.evidence import survey_evidence
from charter_check.reading.file_kinds import is_special, leads_out_of_its_folder, link_target, why_unreadable
from charter_check.reading.resources import bundled, bundled_charter, bundled_charter_ids
from charter_check.reading.schema_findings import schema_findings
from charter_check.reading.yaml_reader import MAX_BYTES, PositionIndex, YamlProblem, read_yaml

DEFAULT_CHARTER = "lcr-2025"
MAX_CHARTER_BYTES = 4 * 1024 * 1024
"""A charter is trusted, but a file given with --charter may be the wrong one: a cap keeps reading it safe."""


class CannotRun(Exception):
    """A problem that stops a command before any assessment: exit code 2."""


@dataclass(frozen=True)
class UnreadableManifest:
    """A manifest that exists but could not be read into a model, and why."""

    path: str
    sha256: str
    findings: list[Finding]
    charter_id: str | None = None


@dataclass(frozen=True)
class ManifestFile:
    """A manifest's bytes as read from disk, before parsing."""

    path: Path
    display: str
    raw: bytes = field(repr=False)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.raw).hexdigest()


def read_manifest_file(path: Path, display: str | None = None) -> ManifestFile:
    """Read a manifest's bytes, or raise CannotRun naming the file (as given, or as ``display``
    shows it) and what to do. Nothing that is not a readable regular file inside its own folder is
    read, and every way of failing is one line, never a traceback."""
    shown = display or visible(str(path))
    try:
        _refuse_unreadable_kinds(path, shown)
        with path.open("rb") as stream:
            raw = stream.read(MAX_BYTES + 1)  # a file that grew since it was measured is still capped
    except OSError as error:
        raise CannotRun(f"{shown}: {why_unreadable(error)}") from None
    except ValueError:  # a NUL character in the path
        raise CannotRun(f"{shown}: not a usable file name; give the manifest's path") from None
    return ManifestFile(path=path, display=shown, raw=raw)


def _refuse_unreadable_kinds(path: Path, shown: str) -> None:
    """Refuse, before reading a byte, what is not a manifest: a folder, a device, pipe or socket
    (reading could never end), a file far over the size limit, a link that leads nowhere or round
    in a loop, or a link to a file outside the folder holding the link (a manifest is project
    data, and its contents are echoed in findings and reports). A link out of its folder gets the
    same words whether its target is a file, a folder or nothing at all; only a device, pipe or
    socket is named as such wherever it is."""
    status = path.lstat()
    if stat.S_ISLNK(status.st_mode):
        target = link_target(path)
        if leads_out_of_its_folder(path) and (target is None or not is_special(target)):
            raise CannotRun(
                f"{shown}: is a link to a file outside its folder; "
                "put the manifest itself in the project instead of a link to it"
            )
        if target is None:
            raise CannotRun(
                f"{shown}: is a symbolic link that leads to no such file; "
                "replace it with the manifest file, or correct the link"
            )
        status = target
    if is_special(status):
        raise CannotRun(
            f"{shown}: is not a regular file (a device, pipe or socket); give the path of a charter.yaml"
        )
    if stat.S_ISDIR(status.st_mode):
        raise CannotRun(f"{shown}: is a folder, not a manifest; give the path of its charter.yaml")
    if status.st_size > MAX_BYTES:
        raise CannotRun(
            f"{shown}: is {status.st_size:,} bytes, over the {MAX_BYTES:,}-byte limit for a manifest; "
            "check this is the right file, and remove what does not belong in it"
        )


def parse_manifest(file: ManifestFile) -> ManifestDocument | UnreadableManifest:
    """Parse and validate a manifest, and look up the evidence it cites."""
    try:
        document = read_yaml(file.raw)
    except YamlProblem as problem:
        return UnreadableManifest(file.display, file.sha256, [problem.to_finding(file.display)])
    data = document.data
    charter_id = data.get("charter") if isinstance(data, dict) else None
    if data is None:
        finding = YamlProblem(
            "manifest.empty",
            "the manifest is empty; run 'charter-check init --force' to write a fresh one",
            document.positions.locate(()),
        ).to_finding(file.display)
        return UnreadableManifest(file.display, file.sha256, [finding])
    try:
        manifest = validated(Manifest, data)
    except InvalidData as error:
        findings = schema_findings(error, Manifest, data, document.positions, file.display)
        return UnreadableManifest(
            file.display, file.sha256, findings, charter_id if isinstance(charter_id, str) else None
        )
    entries, problems = _answer_entries(manifest, document.positions, file.display)
    survey = survey_evidence(cited_evidence(entries), file.path.parent)
    return ManifestDocument(
        file.display, file.sha256, manifest, document.positions, survey, entries, problems
    )


def _answer_entries(
    manifest: Manifest, positions: PositionIndex, shown: str
) -> tuple[dict[str, CriterionAnswer], dict[str, list[Finding]]]:
    """Each answer entry read, or the located problems with it."""
    given = {key: raw for key, raw in manifest.answers.items() if raw is not None}
    try:
        return validated_each(CriterionAnswer, given), {}
    except InvalidData:
        pass  # read each entry on its own, to tell which have problems, and where
    entries: dict[str, CriterionAnswer] = {}
    problems: dict[str, list[Finding]] = {}
    for key, raw in given.items():
        try:
            entries[key] = validated(CriterionAnswer, raw)
        except InvalidData as error:
            problems[key] = schema_findings(error, CriterionAnswer, raw, positions, shown, ("answers", key))
    return entries, problems


def load_charter(reference: str | None) -> Charter:
    """A bundled charter by id, or a charter file by path. Raises CannotRun when it cannot."""
    wanted = reference or DEFAULT_CHARTER
    path = Path(wanted)
    if wanted in bundled_charter_ids():
        return _load_bundled(wanted)
    if path.suffix in (".yaml", ".yml") or path.exists():
        return _load_charter_file(_charter_bytes(path), str(path))
    known = ", ".join(bundled_charter_ids()) or "none"
    raise CannotRun(
        f"unknown charter '{wanted}'; bundled charters: {known}; or give the path of a charter YAML file"
    )


def charter_for(given: str | None, named: str | None, where: str | None = None) -> Charter:
    """The charter to assess a manifest against: the one given on the command line (a bundled id
    or a charter file), else the bundled charter the manifest names (at ``where``, for messages).
    A manifest is not trusted to choose a charter file, since the charter decides what passes."""
    if _may_be_used(given, named):
        return load_charter(given or named)
    known = ", ".join(bundled_charter_ids()) or "none"
    raise CannotRun(
        f"{where + ': ' if where else ''}the manifest names charter '{_clipped(named or '')}', which is "
        f"not a bundled charter ({known}); correct 'charter:', or give a charter file with --charter PATH"
    )


def charter_of(given: str | None, parsed: ManifestDocument | UnreadableManifest) -> Charter:
    """``charter_for`` a manifest as read, naming the line where it names its charter."""
    if isinstance(parsed, UnreadableManifest):
        return charter_for(given, parsed.charter_id, parsed.path)
    if _may_be_used(given, parsed.manifest.charter):
        return load_charter(given or parsed.manifest.charter)
    at = parsed.positions.locate(("charter",))  # only for the message: most manifests never need it
    return charter_for(given, parsed.manifest.charter, f"{parsed.path}:{at.line}:{at.column}")


def _may_be_used(given: str | None, named: str | None) -> bool:
    """Whether the charter given (or else the one the manifest names, or else the default) may be
    used: not when the manifest names a charter that is not bundled."""
    return bool(given) or named is None or named in bundled_charter_ids()


def _clipped(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


@lru_cache(maxsize=8)
def _load_bundled(charter_id: str) -> Charter:
    resource = bundled_charter(charter_id)
    return _load_charter_file(resource.read_bytes(), f"charters/{resource.name}")


def _charter_bytes(path: Path) -> bytes | None:
    """A charter file's bytes (None when there is none), within the size limit; never a folder,
    a device or a pipe, which could not be read to an end."""
    try:
        if not stat.S_ISREG(path.stat().st_mode):
            raise CannotRun(f"{path}: is not a regular file; give the path of a charter YAML file")
        with path.open("rb") as stream:
            raw = stream.read(MAX_CHARTER_BYTES + 1)
    except FileNotFoundError:
        return None
    except OSError as error:
        raise CannotRun(f"{path}: cannot be read ({error.strerror}); check its permissions") from None
    if len(raw) > MAX_CHARTER_BYTES:
        raise CannotRun(f"{path}: is over the {MAX_CHARTER_BYTES:,}-byte limit for a charter file")
    return raw


def _load_charter_file(raw: bytes | None, shown: str) -> Charter:
    if raw is None:
        raise CannotRun(f"{shown}: no such charter file; check the path given to --charter")
    return _charter_from(raw, shown)


@lru_cache(maxsize=8)
def _charter_from(raw: bytes, shown: str) -> Charter:
    """The charter in ``raw``, read once however many manifests are checked against it (the file
    is read again each time, so a charter that changes is read again)."""
    try:
        document = read_yaml(raw, max_bytes=MAX_CHARTER_BYTES)
        charter = validated(Charter, document.data)
    except YamlProblem as problem:
        raise CannotRun(_charter_problem(problem.to_finding(shown))) from None
    except InvalidData as error:
        first = schema_findings(error, Charter, document.data, document.positions, shown)[0]
        raise CannotRun(_charter_problem(first)) from None
    return charter.with_fingerprint(hashlib.sha256(raw).hexdigest()).with_bundled_words(bundled_vocabulary())


@lru_cache(maxsize=1)
def bundled_vocabulary() -> Vocabulary:
    """The words that mark a non-answer, bundled with charter-check (read once per run)."""
    return read_bundled(Vocabulary, "vocabulary/non-answers.yaml", "charter")


def read_bundled(model: type[ModelT], name: str, what: str) -> ModelT:
    """A data file bundled beside the charters (``charters/NAME``), read into ``model``; a problem
    in it stops the command, naming its line and the ``what`` it is invalid as."""
    resource = bundled("charters").joinpath(*name.split("/"))
    shown = f"charters/{name}"
    try:
        document = read_yaml(resource.read_bytes())
        return validated(model, document.data)
    except YamlProblem as problem:
        raise CannotRun(_charter_problem(problem.to_finding(shown), what)) from None
    except InvalidData as error:
        first = schema_findings(error, model, document.data, document.positions, shown)[0]
        raise CannotRun(_charter_problem(first, what)) from None


def _charter_problem(finding: Finding, what: str = "charter") -> str:
    return f"{finding.path}:{finding.line}:{finding.column}: invalid {what}: {finding.message}"
