"""Evidence references: what a manifest cites, and whether each reference is usable.

A reference is either an https link or a path relative to the project folder (the folder holding
``charter.yaml``). ``survey_evidence`` looks at the file system once, before assessment, so the
assessment itself stays free of I/O.
"""

from __future__ import annotations

import os
import stat
import unicodedata
from collections.abc import Iterable, Mapping
from enum import StrEnum
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit


class EvidenceState(StrEnum):
    """What we found when we looked for a piece of evidence."""

    FILE = "file"
    LINK = "link"
    MISSING = "missing"
    OUTSIDE_PROJECT = "outside_project"
    ABSOLUTE_PATH = "absolute_path"
    UNSAFE_LINK = "unsafe_link"
    DISGUISED_LINK = "disguised_link"
    EMPTY = "empty"
    FOLDER = "folder"

    @property
    def usable(self) -> bool:
        return self in _USABLE


_USABLE = frozenset({EvidenceState.FILE, EvidenceState.LINK})


EvidenceSurvey = Mapping[str, EvidenceState]

EVIDENCE_ADVICE = {
    EvidenceState.MISSING: "no such file in the project; add the file or correct the path",
    EvidenceState.OUTSIDE_PROJECT: "the path leads outside the project folder; cite a file inside it",
    EvidenceState.ABSOLUTE_PATH: "absolute paths are not portable; give a path relative to charter.yaml",
    EvidenceState.UNSAFE_LINK: "only https:// links are accepted as evidence",
    EvidenceState.DISGUISED_LINK: "this https link could disguise where it leads (a user name or password "
    "before the host name, a hidden or invisible character, or a host name mixing alphabets); cite the "
    "page's plain address",
    EvidenceState.EMPTY: "the evidence entry is empty; remove it or fill it in",
    EvidenceState.FOLDER: "this is a folder, not a document; cite the file in it that shows the answer",
}


def classify_reference(reference: str) -> EvidenceState | None:
    """The state a reference has whatever the file system holds, or None if it is a relative path
    that must be looked up."""
    text = reference.strip()
    if not text:
        return EvidenceState.EMPTY
    if ":" not in text and not text.startswith(("/", "\\")):
        return None  # no scheme, no drive, not absolute: a relative path (the usual case)
    try:
        parts = urlsplit(text)
    except ValueError:  # e.g. an unclosed '[' where an IPv6 address would be
        return EvidenceState.UNSAFE_LINK
    scheme = parts.scheme.lower()
    if scheme == "https":
        if not parts.netloc:
            return EvidenceState.UNSAFE_LINK
        return EvidenceState.LINK if https_url_problem(text) is None else EvidenceState.DISGUISED_LINK
    if len(scheme) > 1:
        return EvidenceState.UNSAFE_LINK
    if text.startswith(("/", "\\")) or len(scheme) == 1 or PurePosixPath(text).is_absolute():
        return EvidenceState.ABSOLUTE_PATH
    return None


def https_url_problem(text: str) -> str | None:
    """None when ``text`` is an https URL a report may link to; otherwise what is wrong with it, in
    words. Refused: any other scheme, no host, a user name or password before the host (which can
    disguise where a link leads: ``https://trusted.example@evil.example``), a space, a backslash,
    a control, bidirectional or invisible character anywhere, and a host name whose letters mix
    Latin with Cyrillic or Greek ones (``раураl.example``, which imitates ``paypal.example``)."""
    for character in text:
        if character == " " or not character.isprintable():
            return f"it holds {_character_words(character)}, which could hide what the link says"
    if "\\" in text:
        return "it holds a backslash, which browsers read as '/'"
    try:
        parts = urlsplit(text)
    except ValueError:
        return "it is not a well-formed link"
    if parts.scheme.lower() != "https":
        return "it is not an https:// link"
    if not parts.netloc:
        return "it has no host name after 'https://'"
    if "@" in parts.netloc:
        return "it has a user name or password before the host name, which can disguise where it leads"
    try:
        parts.port  # noqa: B018 (reading it checks it)
    except ValueError:
        return "its port is not a number from 0 to 65535"
    return _host_problem(parts.hostname or "")


def _character_words(character: str) -> str:
    if character == " ":
        return "a space"
    name = unicodedata.name(character, "")
    return f"U+{ord(character):04X}" + (f" {name}" if name else " (a control character)")


_CONFUSABLE_SCRIPTS = ("LATIN", "CYRILLIC", "GREEK")


def _unicode_label(label: str) -> str:
    """A label of a host name as it is shown: ``xn--80ak6aa92e`` is ``аррӏе``."""
    return label.encode("ascii").decode("idna") if label.startswith("xn--") else label


def _host_problem(host: str) -> str | None:
    if not host:
        return "it has no host name after 'https://'"
    if host.startswith("[") or ":" in host:  # an IPv6 address, which urlsplit has checked
        return None
    try:
        labels = [_unicode_label(label) for label in host.split(".")]
        ".".join(labels).encode("idna")
    except UnicodeError:
        return f"its host name '{host}' is not a valid host name"
    if any(not (character.isalnum() or character in "-_") for label in labels for character in label):
        return f"its host name '{host}' holds characters a host name cannot"
    scripts = {
        script
        for label in labels
        for character in label
        if character.isalpha()
        for script in _CONFUSABLE_SCRIPTS
        if script in unicodedata.name(character, "").split()
    }
    if len(scripts) > 1:
        words = " and ".join(sorted(script.capitalize() for script in scripts))
        return f"its host name '{host}' mixes {words} letters, as names made to imitate another site's do"
    return None


def survey_evidence(references: Iterable[str], project_root: Path) -> dict[str, EvidenceState]:
    """Look up each reference once. Symbolic links are followed, and must stay in the project."""
    root = project_root.resolve()
    survey: dict[str, EvidenceState] = {}
    for reference in references:
        if reference in survey:
            continue
        state = classify_reference(reference)
        survey[reference] = state if state is not None else _look_up(reference.strip(), root)
    return survey


def _look_up(relative: str, root: Path) -> EvidenceState:
    # os.path on strings rather than pathlib objects: this runs for every reference of every
    # manifest, and `validate` may check a thousand manifests in one run.
    base = str(root)
    path = relative.split("#", 1)[0]
    return _look_up_plain(base, path) or _look_up_resolved(base, path)


def _look_up_plain(base: str, path: str) -> EvidenceState | None:
    """The common case, quickly: a path of plain names under the (resolved) project folder, with
    no link among them, is what it seems, so each name needs one lstat rather than every folder
    from the file system's root. None when the path needs resolving in full."""
    names = [name for name in path.split(os.sep) if name not in ("", ".")]  # noqa: PTH206 (strings, for speed)
    if os.altsep or not names or ".." in names:
        return None
    current = base.rstrip(os.sep)
    for name in names:
        current += os.sep + name
        try:
            status = os.lstat(current)
        except (FileNotFoundError, NotADirectoryError):
            return EvidenceState.MISSING
        except (OSError, ValueError):
            return None
        if stat.S_ISLNK(status.st_mode):
            return None
    return EvidenceState.FOLDER if stat.S_ISDIR(status.st_mode) else EvidenceState.FILE


def _look_up_resolved(base: str, path: str) -> EvidenceState:
    """Any path: required to stay inside the project both as the file system reads it (every link
    followed, then each ``..``) and as a browser or web server reads a link to it (each ``..``
    taking away the name before it). The two differ when ``..`` follows a link to a folder:
    ``deep/../../x``, with ``deep`` a link to ``a/b/c``, is ``a/x`` on disk but ``../x`` in a
    report. Whether anything exists outside is never looked at, so the answer does not tell."""
    try:
        joined = os.path.join(base, path)  # noqa: PTH118
        resolved = os.path.realpath(joined)
    except (OSError, RuntimeError, ValueError):
        return EvidenceState.MISSING
    if not (_inside(base, resolved) and _inside(base, os.path.normpath(joined))):
        return EvidenceState.OUTSIDE_PROJECT
    if os.path.isdir(resolved):  # noqa: PTH112
        return EvidenceState.FOLDER
    return EvidenceState.FILE if os.path.exists(resolved) else EvidenceState.MISSING  # noqa: PTH110


def _inside(base: str, path: str) -> bool:
    return path == base or path.startswith(base.rstrip(os.sep) + os.sep)
