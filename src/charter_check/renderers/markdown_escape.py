"""Text as literal characters in GitHub-flavoured Markdown: for the Markdown report and the GitHub
job summary, so that nothing a manifest says becomes a link, an autolink, emphasis, a table
column, a heading, HTML or template code. Kept apart from the report's templates so that the
job summary can use it without loading them.
"""

from __future__ import annotations

import re

from charter_check.model.visible import visible

# Characters that start Markdown syntax anywhere in a line, each written after a backslash. ``{``
# and ``}`` are escaped too, so that a site generator that reads Liquid or Jinja before Markdown
# (GitHub Pages) sees no ``{{``; ``$`` so that GitHub does not read maths.
_INLINE = str.maketrans({character: "\\" + character for character in "\\`*_{}[]|~$"})
# ``<`` starts HTML and autolinks; ``&`` only matters where it would start an entity (``&lt;``).
_HTML = re.compile(r"<|&(?=#?[0-9A-Za-z]+;)")
# GitHub turns a bare URL into a link wherever it starts, even straight after ``_`` or ``*``; a
# backslash after the scheme or ``www`` keeps it text (cmark-gfm reads the escape as a break).
_AUTOLINK = re.compile(r"(https?|ftp|mailto|xmpp|www)([:.])(?=//|[^\s.])", re.IGNORECASE)
_AUTOLINK_WORDS = ("http", "ftp", "mailto", "xmpp", "www")
"""What an ASCII line must hold, in any case, for ``_AUTOLINK`` to find anything in it: looked
for first, since a case-blind search for the pattern at every character is slow."""
# GitHub links a bare e-mail address (and mentions an ``@name``) however its characters are
# escaped, because it reads the text after escapes are undone; only another element between the
# parts stops it, so ``@`` is shown as code.
_AT = re.compile(r"@(?=[0-9A-Za-z])")
# Characters that start a block (heading, list, quote, break) only at the start of a line.
_LINE_START = re.compile(r"^(?:[#>+=-]|(\d{1,9})([.)])(?=\s|$))")


def escape_markdown(text: str) -> str:
    """``text`` as literal characters in GitHub-flavoured Markdown, on one line, so that it is safe
    in a paragraph, a heading or a table cell. Line breaks become ``<br>``; control and
    bidirectional characters are shown as escapes (``visible``)."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "<br>".join(_escape_line(visible(line.strip(), line_breaks=True)) for line in lines)


def _escape_line(line: str) -> str:
    line = _HTML.sub(lambda match: "&lt;" if match.group(0) == "<" else "&amp;", line)
    line = line.translate(_INLINE)
    if _may_hold_autolink(line):
        line = _AUTOLINK.sub(lambda match: f"{match.group(1)}\\{match.group(2)}", line)
    line = _LINE_START.sub(_escape_block_start, line)
    return _AT.sub("`@`", line)


def _may_hold_autolink(line: str) -> bool:
    if not line.isascii():
        return True
    lowered = line.lower()
    return any(word in lowered for word in _AUTOLINK_WORDS)


def _escape_block_start(match: re.Match[str]) -> str:
    if match.group(1) is not None:
        return f"{match.group(1)}\\{match.group(2)}"
    return "\\" + match.group(0)
