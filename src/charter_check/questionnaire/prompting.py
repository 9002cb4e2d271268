"""Asking questions on the terminal, or of piped input read a line at a time, through rich.

Every prompt reads exactly one line, so a script can answer the questionnaire by piping one
answer per line. Output never relies on colour: ``NO_COLOR`` and plain terminals lose nothing,
because emphasis only repeats what the words already say.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from typing import TypeVar

from rich.console import Console
from rich.padding import Padding
from rich.text import Text

from charter_check.answers.base import Invalid
from charter_check.answers.yes_no import read_yes_no
from charter_check.model.visible import describe_character, hidden_character, visible
from charter_check.reading.loading import CannotRun

T = TypeVar("T")
_ESCAPE = re.compile(r"(\x1b\[[0-9;]*[A-Za-z])")


class InputEnded(Exception):
    """The input ran out (end of file, or Ctrl-D at the terminal) before a question was answered."""


class Prompter:
    """Prints to the console and reads one line per question. When the answers come from a pipe,
    each line read is echoed after its prompt so that a transcript reads like a session."""

    def __init__(self, console: Console, *, echo: bool, line_editing: bool = False) -> None:
        self.console = console
        self.echo = echo
        self.line_editing = line_editing
        """Lines are read through readline, which must be given the prompt (see ``_read``)."""

    @classmethod
    def for_terminal(cls) -> Prompter:
        interactive = sys.stdin is not None and sys.stdin.isatty()
        line_editing = interactive and sys.stdout is not None and sys.stdout.isatty()
        if line_editing:
            import readline  # noqa: F401, PLC0415 (line editing and history for input())
        console = Console(highlight=False, markup=False, emoji=False)
        return cls(console, echo=not interactive, line_editing=line_editing)

    def say(self, text: str = "", style: str | None = None) -> None:
        """A line of text. On a terminal it wraps to the window, keeping its indentation; otherwise
        it is written as one line, for logs and transcripts. Hidden characters are shown
        (``visible``), whatever part of the text came from a manifest."""
        text = visible(text)
        words = text.lstrip(" ")
        indent = len(text) - len(words)
        if self.console.is_terminal and indent:
            self.console.print(Padding(Text(words, style=style or ""), (0, 0, 0, indent), expand=False))
        else:
            self.console.print(Text(text, style=style or ""), soft_wrap=not self.console.is_terminal)

    def say_preformatted(self, text: str) -> None:
        """Text laid out already (a table, a summary): printed as it is, never wrapped."""
        self.console.print(Text(visible(text, line_breaks=True)), soft_wrap=True)

    def heading(self, text: str) -> None:
        self.console.print()
        self.say(f"--- {text} ---", "bold")

    def line(self, label: str, default: str | None = None) -> str:
        """One line of input, stripped. A line holding a control, bidirectional or invisible
        character (other than a tab) is refused, naming the character, and the prompt asked again:
        such a character could rewrite a terminal, a CI log or a report once saved. Raises
        InputEnded at the end of the input."""
        prompt = Text(label, style="bold")
        if default:
            prompt.append(f" [{visible(default)}]")
        prompt.append(": ")
        while True:
            typed = self._read(prompt)
            if self.echo:
                self.console.print(visible(typed), soft_wrap=True)
            hidden = hidden_character(typed.replace("\t", " "))
            if hidden is None:
                return typed.strip()
            self.say(
                f"  Not accepted: the answer holds {describe_character(hidden)}, which could change "
                "how a terminal or a report shows it; type it again without it."
            )

    def _read(self, prompt: Text) -> str:
        if sys.stdin is None:  # started with no standard input at all
            raise InputEnded
        try:
            if self.line_editing:
                typed = input(self._for_readline(prompt))
            else:
                self.console.print(prompt, end="", soft_wrap=True)  # one line in a transcript
                typed = input()
            typed.encode("utf-8")  # undecodable bytes arrive as lone surrogates, which do not encode
        except EOFError:
            self.console.print()
            raise InputEnded from None
        except UnicodeError:
            self.console.print()
            raise CannotRun(
                "the answers given are not UTF-8 text; the answers before this one are saved: "
                "give the rest as UTF-8"
            ) from None
        return typed

    def _for_readline(self, prompt: Text) -> str:
        """The prompt as readline must be given it. Printed before ``input()`` instead, readline
        does not know the line holds a prompt: Enter on an empty line then ends no line, and the
        next output is glued to the prompt; editing a long line redraws it wrongly. Escape
        sequences are marked (``\\x01``, ``\\x02``) so that readline does not count them as width."""
        with self.console.capture() as capture:
            self.console.print(prompt, end="", soft_wrap=True)
        return _ESCAPE.sub("\x01\\1\x02", capture.get())

    def ask(
        self,
        label: str,
        read: Callable[[str], T | Invalid],
        default: str | None = None,
        said_back: Callable[[str, T], str | None] | None = None,
    ) -> T | None:
        """Ask until ``read`` accepts the line. An empty line returns None: the caller keeps the
        default, or leaves the question unanswered. ``said_back`` says how an accepted answer was
        read, where that is not plain from what was typed (``2 -> public-task``)."""
        while True:
            typed = self.line(label, default)
            if not typed:
                return None
            value = read(typed)
            if isinstance(value, Invalid):
                self.say(f"  Not accepted: {value.message}.")
                continue
            said = said_back(typed, value) if said_back else None
            if said:
                self.say(f"  {said}")
            return value

    def confirm(self, label: str, default: bool) -> bool:
        """A yes or no question; an empty line takes ``default``."""
        answer = self.ask(f"{label} (yes/no)", read_yes_no, "yes" if default else "no")
        return default if answer is None else answer
