"""``validate`` on several processors: the output, the order and the exit code are exactly those
of a run on one, in every format; and a run stopped part-way (Ctrl-C, a cancelled CI job) ends
with the usual one-line message, no traceback and no process left over."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from charter_check.checking.parallel import (
    MAX_PROCESSES,
    PARALLEL_FROM,
    _start_worker,
    map_in_processes,
    processes_for,
    usable_processors,
)
from charter_check.reading.loading import load_charter
from charter_check.reading.resources import bundled_charter
from tests.conftest import EXAMPLES

pytestmark = pytest.mark.slow

TODAY = "2026-11-28"
EXAMPLE_NAMES = ("nhs-admissions-forecast", "council-chatbot", "transport-dashboard")


@pytest.fixture(scope="module")
def organisation(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """More projects than it takes to check them in parallel: the examples in turn, one manifest
    naming a charter that does not exist, one that is not YAML, and a configuration that switches
    a rule off with a reason."""
    root = tmp_path_factory.mktemp("organisation")
    for number in range(PARALLEL_FROM + 5):
        shutil.copytree(EXAMPLES / EXAMPLE_NAMES[number % 3], root / f"project-{number:03d}")
    (root / "project-007" / "charter.yaml").write_text(
        "charter: no-such-charter\nproject: {name: X, organisation: Y}\n", encoding="utf-8"
    )
    (root / "project-010" / "charter.yaml").write_text("charter: [unclosed\n", encoding="utf-8")
    huge = (root / "project-011" / "charter.yaml").read_text(encoding="utf-8")
    (root / "project-011" / "charter.yaml").write_text(huge + "extra: " + "9" * 5000 + "\n", encoding="utf-8")
    (root / ".charter-check.yaml").write_text(
        "switch-off:\n  independent-oversight.last-review: The board reviews the project itself each quarter\n",
        encoding="utf-8",
    )
    return root


def validate(folder: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("GITHUB_ACTIONS", "FORCE_COLOR")}
    return subprocess.run(
        [sys.executable, "-m", "charter_check", "validate", ".", "--today", TODAY, *arguments],
        cwd=folder,
        capture_output=True,
        text=True,
        check=False,
        env=env,
        timeout=300,
    )


@pytest.mark.slow
@pytest.mark.parametrize("output_format", ["text", "json", "sarif", "junit", "gitlab", "github"])
def test_several_processes_give_exactly_the_output_of_one(organisation: Path, output_format: str) -> None:
    alone = validate(organisation, "--jobs", "1", "--format", output_format)
    shared = validate(organisation, "--jobs", "2", "--format", output_format)
    assert alone.returncode == shared.returncode == 2  # one manifest cannot be read
    assert shared.stdout == alone.stdout
    assert shared.stderr == alone.stderr
    assert "project-007/charter.yaml" in alone.stderr
    assert "project-010/charter.yaml" in alone.stdout
    assert "project-011/charter.yaml" in alone.stdout  # a 5,000-digit number stops that manifest only


def test_by_default_many_manifests_are_shared_and_the_summary_is_in_order(organisation: Path) -> None:
    result = validate(organisation)
    verdicts = [
        line.split(":")[0] for line in result.stdout.splitlines() if ": PASS: " in line or ": FAIL: " in line
    ]
    expected = [f"project-{n:03d}/charter.yaml" for n in range(PARALLEL_FROM + 5) if n != 7]
    assert result.returncode == 2
    assert verdicts == expected
    assert "[yaml.number-too-long]" in result.stdout
    assert (
        "The board reviews the project itself each quarter"
        in validate(organisation, "--format", "json").stdout
    )
    assert "Traceback" not in result.stderr


def test_processes_for_shares_only_when_it_is_worth_it() -> None:
    processors = usable_processors()
    assert processes_for(1, None) == 1
    assert processes_for(PARALLEL_FROM - 1, None) == 1
    assert processes_for(PARALLEL_FROM, None) == min(processors, MAX_PROCESSES)
    assert processes_for(500, 1) == 1
    assert processes_for(500, 3) == 3
    assert processes_for(2, 4) == 2, "never more processes than manifests"
    assert processes_for(500, 0) == min(processors, MAX_PROCESSES)


def test_results_come_back_in_order_from_the_workers() -> None:
    results = list(map_in_processes(_square_and_pid, range(40), 2))
    assert [square for square, _ in results] == [n * n for n in range(40)]
    assert os.getpid() not in {pid for _, pid in results}


def _square_and_pid(number: int) -> tuple[int, int]:
    return number * number, os.getpid()


STOPPED_PART_WAY = textwrap.dedent(
    """
    import os, signal, sys, time
    from charter_check.commands.outcome import exit_code
    from charter_check.checking.parallel import map_in_processes

    def slow(item):
        time.sleep(0.05)
        return item

    def run():
        for item in map_in_processes(slow, list(range(200)), 2):
            if item == 0:
                print("first result", flush=True)
                os.kill(os.getpid(), getattr(signal, sys.argv[1]))
        return 0

    if __name__ == "__main__":
        sys.exit(exit_code(run))
    """
)


@pytest.mark.parametrize("signal_name", ["SIGINT", "SIGTERM"])
def test_a_run_stopped_part_way_ends_quietly_and_leaves_no_process(tmp_path: Path, signal_name: str) -> None:
    script = tmp_path / "stop.py"
    script.write_text(STOPPED_PART_WAY, encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, str(script), signal_name],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    stdout, stderr = process.communicate(timeout=60)
    assert process.returncode == 130
    assert stdout == "first result\n"
    assert stderr == "charter-check: interrupted\n"
    leftover = subprocess.run(
        ["pgrep", "-s", str(process.pid)], capture_output=True, text=True, check=False
    ).stdout.split()
    assert leftover == []


def test_interrupts_reach_workers_only_through_the_parent() -> None:
    before = signal.getsignal(signal.SIGINT), signal.getsignal(signal.SIGTERM)
    try:
        _start_worker()
        assert signal.getsignal(signal.SIGINT) is signal.SIG_IGN
        assert signal.getsignal(signal.SIGTERM) is signal.SIG_IGN
    finally:
        signal.signal(signal.SIGINT, before[0])
        signal.signal(signal.SIGTERM, before[1])


def test_one_process_maps_in_order_without_starting_any() -> None:
    assert list(map_in_processes(_square_and_pid, [3, 1, 2], 1)) == [
        (9, os.getpid()),
        (1, os.getpid()),
        (4, os.getpid()),
    ]


def test_a_charter_file_is_read_once_for_many_manifests_and_again_when_it_changes(tmp_path: Path) -> None:
    path = tmp_path / "charter.yaml"
    path.write_bytes(bundled_charter("lcr-2025").read_bytes())
    first = load_charter(str(path))
    assert load_charter(str(path)) is first
    path.write_text(
        path.read_text(encoding="utf-8").replace(f'version: "{first.version}"', 'version: "9.9"', 1),
        encoding="utf-8",
    )
    changed = load_charter(str(path))
    assert changed is not first and changed.sha256 != first.sha256
