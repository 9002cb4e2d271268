"""Shared test helpers: run the command line in-process, paths to fixtures and examples, and the
comparison of an output with its golden file."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from typer.testing import CliRunner, Result

from charter_check.cli import app
from charter_check.model.charter import Charter
from charter_check.reading.loading import load_charter

TESTS = Path(__file__).parent
FIXTURES = TESTS / "fixtures"
EXAMPLES = TESTS.parent / "examples"

FIXED_SEED = settings(
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
"""Hypothesis settings for property tests: examples derived from a fixed seed (so a run in CI
finds what a run on a laptop finds), no deadline on a busy machine, and no example database."""


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help=(
            "Rewrite the golden files (the reports in tests/golden/, and docs/criteria.md and the "
            "examples in docs/examples/) instead of comparing against them."
        ),
    )


@pytest.fixture
def golden(request: pytest.FixtureRequest) -> Callable[[Path, str], None]:
    """Compare an output with its golden file (a report in ``tests/golden/``, or documentation a
    command writes: ``docs/criteria.md``, an example in ``docs/examples/``), or rewrite the file
    under ``--update-golden``; review the diff."""
    update = bool(request.config.getoption("--update-golden"))
    refresh = f"pytest {request.node.path.relative_to(TESTS.parent)} --update-golden"

    def check(path: Path, text: str) -> None:
        if update:
            path.write_bytes(text.encode("utf-8"))
            return
        name = path.relative_to(TESTS.parent)
        assert path.exists(), f"{name} is missing; create it with: {refresh}"
        expected = path.read_bytes().decode("utf-8")
        assert text == expected, f"{name} differs from its golden file; if intended, run: {refresh}"

    return check


@pytest.fixture(autouse=True)
def _plain_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make output independent of the terminal the tests run in."""
    monkeypatch.setenv("TERMINAL_WIDTH", "3000")
    monkeypatch.setenv("_TYPER_FORCE_DISABLE_TERMINAL", "1")
    monkeypatch.setenv("NO_COLOR", "1")
    for variable in ("GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY", "FORCE_COLOR"):
        monkeypatch.delenv(variable, raising=False)


def run_cli(*args: str, cwd: Path | None = None, input_text: str | None = None) -> Result:
    """Run ``charter-check ARGS`` in-process, optionally from another folder."""
    runner = CliRunner()
    previous = Path.cwd()
    if cwd is not None:
        os.chdir(cwd)
    try:
        return runner.invoke(app, list(args), input=input_text, catch_exceptions=False)
    finally:
        os.chdir(previous)


def init_arguments(name: str, organisation: str, *options: str) -> tuple[str, ...]:
    """``charter-check init --no-input`` for a project called ``name``, run by ``organisation``,
    with ``options`` (``--summary``, ``--charter`` and the like) after them."""
    return ("init", "--no-input", "--name", name, "--organisation", organisation, *options)


@pytest.fixture
def project(tmp_path: Path) -> Iterator[Path]:
    """An empty project folder to write a manifest into."""
    yield tmp_path


def at(document: object, *keys: str) -> object:
    """The value under ``keys`` in a document read from YAML or JSON, each step on the way a mapping."""
    value = document
    for key in keys:
        assert isinstance(value, dict), f"{key!r} looked up in {value!r}, which is not a mapping"
        value = value[key]
    return value


def mapping(value: object) -> dict[str, object]:
    """``value``, a mapping read from YAML or JSON."""
    assert isinstance(value, dict), f"{value!r} is not a mapping"
    return value


@pytest.fixture(scope="session")
def mini() -> Charter:
    """The small test charter, ``tests/fixtures/mini_charter.yaml``, read once for the run."""
    return load_charter(str(FIXTURES / "mini_charter.yaml"))


@pytest.fixture(scope="session")
def checkout_repository(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """This checkout as a git repository of its own (``tests/repositories.py``), made once for the
    run: pre-commit and the Action install from it, and the install snippets from a tag of it."""
    from tests.repositories import checkout_snapshot

    return checkout_snapshot(tmp_path_factory.mktemp("checkout"))


@pytest.fixture(scope="session")
def distributions(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The sdist and the wheel of the checkout, built once for the run by ``python -m build``, as
    the release builds them (``tests/test_release.py``) and as ``pip install .`` builds the wheel."""
    dist = tmp_path_factory.mktemp("dist")
    built = subprocess.run(
        [sys.executable, "-m", "build", "--outdir", str(dist), str(TESTS.parent)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert built.returncode == 0, built.stdout + built.stderr
    [sdist] = dist.glob("charter_check-*.tar.gz")
    [wheel] = dist.glob("charter_check-*.whl")
    return sdist, wheel
