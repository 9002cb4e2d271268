"""Evidence references: what a manifest cites, the states a reference can be in, and what can be
told from the reference alone (a web link, and whether it could disguise where it leads; a path
that is absolute or empty). Looking a path up in the project is ``reading/evidence.py``'s work.

A reference is either a web link or a path relative to the project folder (the folder holding
``charter.yaml``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from enum import StrEnum
from pathlib import PurePosixPath
from urllib.parse import urlsplit


class EvidenceState(StrEnum):
    """What we found when we looked for a piece of evidence."""

    FILE = "file"
    LINK = "link"
    INSECURE_LINK = "insecure_link"
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


_USABLE = frozenset({EvidenceState.FILE, EvidenceState.LINK, EvidenceState.INSECURE_LINK})


EvidenceSurvey = Mapping[str, EvidenceState]

EVIDENCE_ADVICE = {
    EvidenceState.INSECURE_LINK: (
        "an http:// link can be altered on its way; cite its https:// address if it has one"
    ),
    EvidenceState.MISSING: "no such file in the project; add the file or correct the path",
    EvidenceState.OUTSIDE_PROJECT: "the path leads outside the project folder; cite a file inside it",
    EvidenceState.ABSOLUTE_PATH: "absolute paths are not portable; give a path relative to charter.yaml",
    EvidenceState.UNSAFE_LINK: "only https:// (or http://) links to a web address are accepted as evidence",
    EvidenceState.DISGUISED_LINK: "this link could disguise where it leads (a user name or password "
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
    if scheme in ("https", "http"):
        if not parts.netloc:
            return EvidenceState.UNSAFE_LINK
        as_https = "https" + text[len(scheme) :]  # an http link is held to the same tests
        if https_url_problem(as_https) is not None:
            return EvidenceState.DISGUISED_LINK
        return EvidenceState.LINK if scheme == "https" else EvidenceState.INSECURE_LINK
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
_PLAIN_HOST = re.compile(r"^[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.?$")


def _unicode_label(label: str) -> str:
    """A label of a host name as it is shown: ``xn--80ak6aa92e`` is ``аррӏе``."""
    return label.encode("ascii").decode("idna") if label.startswith("xn--") else label


def _host_problem(host: str) -> str | None:
    if not host:
        return "it has no host name after 'https://'"
    if host.startswith("[") or ":" in host:  # an IPv6 address, which urlsplit has checked
        return None
    if _PLAIN_HOST.match(host) and "xn--" not in host:  # nearly every host: one alphabet, nothing to decode
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
