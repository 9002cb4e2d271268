"""charter-check: show, in a project's own repository, how a data or AI project meets the
Liverpool City Region Community Charter on Data and AI (or another charter written as data)."""

__version__ = "0.2.0"
