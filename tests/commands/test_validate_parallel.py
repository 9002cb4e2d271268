"""``validate`` on several processors: the output, the order and the exit code are exactly those
of a run on one; results refer to the parent's own charter; and a run stopped part-way (Ctrl-C,
a cancelled CI job) ends with the usual one-line message, no traceback and no process left over."""

from __future__ import annotations

import datetime as dt
import gc
import os
import shutil
import signal
import subprocess
import sys
import textwrap
from collections.abc import Iterator
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
from charter_check.commands.validate import _outcome, assess_path
from charter_check.model.assessment import Assessment
from charter_check.model.charter import Charter
from charter_check.reading.loading import CannotRun, load_charter
from charter_check.reading.resources import bundled_charter
from tests.conftest import EXAMPLES

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
    (root / ".charter-check.yaml").write_text(
        "switch-off:\n  security.dpia-review: Reviewed by the trust's own DPIA panel each quarter\n",
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


@pytest.mark.parametrize("output_format", ["text", "json", "sarif"])
def test_several_processes_give_exactly_the_output_of_one(organisation: Path, output_format: str) -> None:
    alone = validate(organisation, "--jobs", "1", "--format", output_format)
    shared = validate(organisation, "--jobs", "2", "--format", output_format)
    assert alone.returncode == shared.returncode == 2  # one manifest cannot be read
    assert shared.stdout == alone.stdout
    assert shared.stderr == alone.stderr
    assert "project-007/charter.yaml" in alone.stderr
    assert "project-010/charter.yaml" in alone.stdout


def test_by_default_many_manifests_are_shared_and_the_summary_is_in_order(organisation: Path) -> None:
    result = validate(organisation)
    verdicts = [
        line.split(":")[0] for line in result.stdout.splitlines() if ": PASS: " in line or ": FAIL: " in line
    ]
    expected = [f"project-{n:03d}/charter.yaml" for n in range(PARALLEL_FROM + 5) if n != 7]
    assert result.returncode == 2
    assert verdicts == expected
    assert "Reviewed by the trust's own DPIA panel" in validate(organisation, "--format", "json").stdout
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


def _assess(path: Path) -> Assessment:
    return assess_path(path, None, dt.date(2026, 11, 28), strict=False)


def test_results_refer_to_the_parents_own_charter(organisation: Path) -> None:
    paths = [organisation / f"project-{n:03d}" / "charter.yaml" for n in (0, 1, 2, 3)]
    advanced: list[int] = []
    charter = load_charter("lcr-2025")
    results = map_in_processes(
        _assess, paths, 2, lambda charter_id, sha256: load_charter(charter_id), advanced.append
    )
    assert sum(advanced) == len(paths)
    assert [result.manifest.path for result in results] == [_assess(path).manifest.path for path in paths]
    for result in results:
        assert result.charter is charter
        for principle_result, principle in zip(result.principles, charter.principles, strict=True):
            assert principle_result.principle is principle
            assert [r.criterion for r in principle_result.criteria] == principle.criteria
            assert all(
                r.criterion is c for r, c in zip(principle_result.criteria, principle.criteria, strict=True)
            )


@pytest.fixture
def garbage_kept() -> Iterator[list[object]]:
    """What the cyclic garbage collector finds, kept for the test to look at."""
    gc.collect()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        yield gc.garbage
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
        gc.collect()


def test_checking_and_sharing_results_leaves_no_reference_cycles(
    organisation: Path, garbage_kept: list[object]
) -> None:
    """Results are set aside from the garbage collector as they are kept; that is sound only while
    checking (passing, failing and unreadable manifests) and passing results between processes
    leave nothing that only the collector could free."""
    paths = [organisation / f"project-{n:03d}" / "charter.yaml" for n in range(12)]
    done: list[int] = []
    results = map_in_processes(
        _outcome_of, paths, 2, lambda charter_id, sha256: load_charter(charter_id), done.append
    )
    assert any(isinstance(result, Assessment) and not result.passed for result in results)
    gc.collect()
    assert [type(thing).__name__ for thing in garbage_kept] == []


def test_results_are_collected_as_usual_once_handed_back_and_a_callers_freeze_is_kept() -> None:
    done: list[int] = []
    gc.unfreeze()
    assert map_in_processes(str, [1, 2], 1, load_charter_by_id, done.append) == ["1", "2"]
    assert gc.get_freeze_count() == 0
    gc.freeze()
    try:
        map_in_processes(str, [1, 2], 1, load_charter_by_id, done.append)
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()


def _outcome_of(path: Path) -> Assessment | CannotRun:
    return _outcome(path, None, dt.date(2026, 11, 28), strict=False)


STOPPED_PART_WAY = textwrap.dedent(
    """
    import os, signal, sys, time
    from charter_check.commands.outcome import exit_code
    from charter_check.checking.parallel import map_in_processes

    def slow(item):
        time.sleep(0.05)
        return item

    def advance(done):
        print("share done", flush=True)
        os.kill(os.getpid(), getattr(signal, sys.argv[1]))

    def run():
        map_in_processes(slow, list(range(200)), 2, None, advance)
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
    assert stdout == "share done\n"
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
        assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL
    finally:
        signal.signal(signal.SIGINT, before[0])
        signal.signal(signal.SIGTERM, before[1])


def test_one_process_maps_in_order_without_starting_any() -> None:
    advanced: list[int] = []
    assert map_in_processes(str, [3, 1, 2], 1, load_charter_by_id, advanced.append) == ["3", "1", "2"]
    assert advanced == [1, 1, 1]


def load_charter_by_id(charter_id: str, sha256: str) -> Charter:
    return load_charter(charter_id)


def test_a_charter_file_is_read_once_for_many_manifests_and_again_when_it_changes(tmp_path: Path) -> None:
    path = tmp_path / "charter.yaml"
    path.write_bytes(bundled_charter("lcr-2025").read_bytes())
    first = load_charter(str(path))
    assert load_charter(str(path)) is first
    path.write_text(
        path.read_text(encoding="utf-8").replace('version: "1.0"', 'version: "1.1"', 1), encoding="utf-8"
    )
    changed = load_charter(str(path))
    assert changed is not first and changed.sha256 != first.sha256
