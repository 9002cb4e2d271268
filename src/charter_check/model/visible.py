"""Characters that would act rather than show, made visible: every piece of text from a manifest, a
file name or a folder name goes through ``visible`` before it reaches a terminal, a CI log or a
report, so that an escape sequence, a carriage return, a line break or a bidirectional override in
a name is shown as ``\\x1b``, ``\\r``, ``\\n`` or ``\\u202e`` instead of rewriting what is around it.
"""

from __future__ import annotations

import re
import unicodedata

# C0 and C1 controls (with DEL), bidirectional marks, embeddings, overrides and isolates, invisible
# separators and joiners, the line and paragraph separators, the byte-order mark, and the lone
# surrogates that stand for bytes of a file name that are not UTF-8.
_HIDDEN = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ud800-\udfff]")
_HIDDEN_EXCEPT_LINES = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ud800-\udfff]"
)
# Python's file-system decoding turns each byte that is not UTF-8 into U+DC80-U+DCFF.
_SURROGATE_ESCAPES = range(0xDC80, 0xDD00)


def visible(text: str, *, line_breaks: bool = False) -> str:
    """``text`` with every control, bidirectional or invisible character written as an escape
    (``\\x1b``, ``\\u202e``); a byte of a file name that is not UTF-8 as ``\\xff``. With
    ``line_breaks``, line feeds and tabs are kept (for text laid out over several lines)."""
    pattern = _HIDDEN_EXCEPT_LINES if line_breaks else _HIDDEN
    if pattern.search(text) is None:  # nearly always: no copy, and quick
        return text
    return pattern.sub(_escaped, text)


STDIN_DISPLAY = "<stdin>"
"""What a manifest piped in on standard input is called in messages."""


def visible_path(text: str) -> str:
    """A path for a message or a log line: ``visible``, and with ``./`` before a relative path
    that does not start with a letter, a digit or one of ``._-``, so that no line that starts with
    a path can be read by a CI system as a command of its own (GitHub Actions reads ``::error::``
    and ``##[error]`` at the start of any line of a job's log, after any spaces)."""
    shown = visible(text)
    if shown and shown != STDIN_DISPLAY and not (shown[0].isalnum() or shown[0] in "/._-"):
        return "./" + shown
    return shown


def hidden_character(text: str) -> str | None:
    """The first character ``visible`` would escape, or None."""
    found = _HIDDEN.search(text)
    return found.group() if found else None


def describe_character(character: str) -> str:
    """A character as a person can recognise it: ``\\x1b (U+001B, a control character)``,
    ``\\u202e (U+202E RIGHT-TO-LEFT OVERRIDE)``."""
    name = unicodedata.name(character, "") or "a control character"
    separator = ", " if name == "a control character" else " "
    return f"{_escaped_character(character)} (U+{ord(character):04X}{separator}{name})"


def _escaped(match: re.Match[str]) -> str:
    return _escaped_character(match.group())


def _escaped_character(character: str) -> str:
    code = ord(character)
    if code in _SURROGATE_ESCAPES:
        return f"\\x{code - 0xDC00:02x}"
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}"
