"""How fast ``charter-check validate`` is, measured side by side with the tools CI would otherwise
run on the same file: ``check-jsonschema`` (with charter-check's own schema) and ``yamllint``.

    python benchmarks/validate_speed.py            # the full run: 25 rounds, 1,000 manifests
    python benchmarks/validate_speed.py --quick    # a CI-sized run: 3 rounds, 1,000 manifests once

Each round runs the three tools once each, in turn, on the same example manifest, so a busy
machine slows them alike; the median wall time of each is reported (and the median CPU time,
which a busy machine disturbs less). Then ``validate`` checks generated manifests (variants of the
examples, each in its own project folder with its evidence) in one call, in every output format,
five times each (once with ``--quick``), and in one process (``--jobs 1``); the median run of each
is reported. Peak memory is the maximum resident set size of a run's processes, from ``wait4``
(the parent's, and the largest of its workers').

All three tools run with the same environment, with their bytecode cached in a temporary folder
(so a checkout where Python writes no ``.pyc`` files is not penalised), after one warm-up run each.
The figures are printed, with the targets; ``--check`` also exits 1 if a target is missed.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
BIN = Path(sys.executable).parent
TODAY = "2026-11-28"
MIB = 1024 * 1024

TARGET_VS_CHECK_JSONSCHEMA = 0.8
TARGET_VS_YAMLLINT = 2.5
TARGET_MANY_SECONDS = 2.0
TARGET_PEAK_MIB = 60.0
FORMATS = ("text", "json", "github", "sarif", "junit", "gitlab")


@dataclass(frozen=True)
class Run:
    """One process: how long it took (wall clock, and CPU), its peak memory and its exit code."""

    seconds: float
    cpu_seconds: float
    peak_bytes: int
    exit_code: int


def run(command: Sequence[str], env: dict[str, str], cwd: Path) -> Run:
    """Run a command to the end, timing it and reading its own peak memory (not its siblings')."""
    started = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    return Run(elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024, process.returncode)


def environment(cache: Path) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(cache)
    for variable in ("GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY", "FORCE_COLOR"):
        env.pop(variable, None)
    return env


def example_manifests() -> list[Path]:
    return sorted(path.parent for path in EXAMPLES.glob("*/charter.yaml"))


def make_projects(folder: Path, count: int) -> Path:
    """``count`` project folders, each a variant of an example (its own name, its evidence)."""
    examples = example_manifests()
    root = folder / "projects"
    for number in range(count):
        example = examples[number % len(examples)]
        project = root / f"project-{number:04d}"
        shutil.copytree(example, project, ignore=shutil.ignore_patterns("*.md.bak"))
        manifest = project / "charter.yaml"
        text = manifest.read_text(encoding="utf-8")
        manifest.write_text(text.replace("  name: ", f"  name: Project {number:04d} ", 1), encoding="utf-8")
    return root


def tools(manifest: Path, schema: Path) -> dict[str, list[str]]:
    return {
        "charter-check validate": [str(BIN / "charter-check"), "validate", str(manifest), "--today", TODAY],
        "check-jsonschema": [str(BIN / "check-jsonschema"), "--schemafile", str(schema), str(manifest)],
        "yamllint": [str(BIN / "yamllint"), str(manifest)],
    }


def side_by_side(
    commands: dict[str, list[str]], rounds: int, env: dict[str, str], cwd: Path
) -> dict[str, list[Run]]:
    runs: dict[str, list[Run]] = {name: [] for name in commands}
    for command in commands.values():
        run(command, env, cwd)  # warm-up: bytecode cached, files in the page cache
    for _ in range(rounds):
        for name, command in commands.items():
            runs[name].append(run(command, env, cwd))
    return runs


def verdict(ok: bool) -> str:
    return "met" if ok else "MISSED"


@dataclass(frozen=True)
class Figures:
    """What one run of the benchmark measured."""

    rounds: int
    medians: dict[str, float]
    cpu_medians: dict[str, float]
    peaks: dict[str, int]
    count: int
    many_rounds: int
    many: dict[str, Run]
    """The many-manifest run in each format."""
    many_alone: Run

    @property
    def processors(self) -> int:
        return usable_processors()

    @property
    def versus_check_jsonschema(self) -> float:
        return self.medians["charter-check validate"] / self.medians["check-jsonschema"]

    @property
    def versus_yamllint(self) -> float:
        return self.medians["charter-check validate"] / self.medians["yamllint"]

    def thousand_seconds(self, output_format: str) -> float:
        """The many-manifest run, or with another ``--manifests`` count an estimate for 1,000: one
        start-up (the single-manifest median) plus the rest scaled to 1,000 manifests."""
        seconds = self.many[output_format].seconds
        if self.count == 1000:
            return seconds
        start = self.medians["charter-check validate"]
        return start + (seconds - start) * 1000 / self.count

    @property
    def slowest_thousand(self) -> float:
        return max(self.thousand_seconds(name) for name in self.many)

    @property
    def peak_mib(self) -> float:
        peaks = [self.peaks["charter-check validate"], *(run.peak_bytes for run in self.many.values())]
        return max(peaks) / MIB

    @property
    def targets_met(self) -> bool:
        return (
            self.versus_check_jsonschema <= TARGET_VS_CHECK_JSONSCHEMA
            and self.versus_yamllint <= TARGET_VS_YAMLLINT
            and self.slowest_thousand < TARGET_MANY_SECONDS
            and self.peak_mib < TARGET_PEAK_MIB
        )

    def lines(self) -> list[str]:
        lines = [f"Same manifest (the NHS admissions example), {self.rounds} rounds, median wall time:"]
        for name, median in self.medians.items():
            lines.append(
                f"  {name:<24} {median * 1000:7.0f} ms   (CPU {self.cpu_medians[name] * 1000:4.0f} ms)"
                f"   peak memory {self.peaks[name] / MIB:5.1f} MiB"
            )
        ratio, target = self.versus_check_jsonschema, TARGET_VS_CHECK_JSONSCHEMA
        lines.append(
            f"  validate / check-jsonschema  {ratio:.2f}x  (target <= {target}x: {verdict(ratio <= target)})"
        )
        ratio, target = self.versus_yamllint, TARGET_VS_YAMLLINT
        lines.append(
            f"  validate / yamllint          {ratio:.2f}x  (target <= {target}x: {verdict(ratio <= target)})"
        )
        lines.append(
            f"{self.count} generated manifests in one call, on {self.processors} processor(s), median of "
            f"{self.many_rounds} per format:"
        )
        for name, many in self.many.items():
            each = many.seconds / self.count * 1000
            lines.append(
                f"  --format {name:<7} {many.seconds:5.2f} s ({each:.2f} ms each; "
                f"CPU {many.cpu_seconds:.2f} s), exit {many.exit_code}, "
                f"peak memory {many.peak_bytes / MIB:.1f} MiB"
            )
        alone = self.many_alone
        lines.append(
            f"  in one process (--jobs 1), text: {alone.seconds:.2f} s (CPU {alone.cpu_seconds:.2f} s), "
            f"peak memory {alone.peak_bytes / MIB:.1f} MiB"
        )
        slowest = self.slowest_thousand
        scaled = "" if self.count == 1000 else f" (estimated from {self.count}: {slowest:.2f} s)"
        ok = slowest < TARGET_MANY_SECONDS
        lines.append(
            f"  target < {TARGET_MANY_SECONDS:.0f} s for 1,000 in every format: {verdict(ok)}, "
            f"slowest {slowest:.2f} s{scaled}"
        )
        ok = self.peak_mib < TARGET_PEAK_MIB
        lines.append(
            f"Peak memory of validate: {self.peak_mib:.1f} MiB "
            f"(target < {TARGET_PEAK_MIB:.0f} MiB: {verdict(ok)})"
        )
        return lines


def measure(rounds: int, count: int, many_rounds: int) -> Figures:
    with tempfile.TemporaryDirectory(prefix="charter-check-bench-") as temporary:
        folder = Path(temporary)
        env = environment(folder / "pycache")
        project = folder / "single"
        shutil.copytree(EXAMPLES / "nhs-admissions-forecast", project)
        schema = folder / "charter.schema.json"
        subprocess.run([str(BIN / "charter-check"), "schema", "-o", str(schema)], env=env, check=True)
        runs = side_by_side(tools(project / "charter.yaml", schema), rounds, env, folder)
        projects = make_projects(folder, count)
        many_command = [str(BIN / "charter-check"), "validate", str(projects), "--today", TODAY]
        run(many_command, env, folder)  # warm-up
        many_runs: dict[str, list[Run]] = {name: [] for name in FORMATS}
        alone_runs: list[Run] = []
        for _ in range(many_rounds):
            for name in FORMATS:
                many_runs[name].append(run([*many_command, "--format", name], env, folder))
            alone_runs.append(run([*many_command, "--jobs", "1"], env, folder))
    medians = {name: statistics.median(r.seconds for r in results) for name, results in runs.items()}
    cpu = {name: statistics.median(r.cpu_seconds for r in results) for name, results in runs.items()}
    peaks = {name: max(r.peak_bytes for r in results) for name, results in runs.items()}
    many = {name: _median_run(results) for name, results in many_runs.items()}
    return Figures(rounds, medians, cpu, peaks, count, many_rounds, many, _median_run(alone_runs))


def _median_run(runs: list[Run]) -> Run:
    """The run with the median wall time, with the highest peak memory of them all."""
    middle = sorted(runs, key=lambda r: r.seconds)[len(runs) // 2]
    return Run(middle.seconds, middle.cpu_seconds, max(r.peak_bytes for r in runs), middle.exit_code)


def usable_processors() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument(
        "--quick", action="store_true", help="a CI-sized run: 3 rounds, the 1,000 manifests once"
    )
    parser.add_argument("--rounds", type=int, help="rounds of the side-by-side comparison (default 25)")
    parser.add_argument("--manifests", type=int, help="manifests for the many-manifest run (default 1000)")
    parser.add_argument("--check", action="store_true", help="exit 1 if a target is missed")
    options = parser.parse_args(argv)
    rounds = options.rounds or (3 if options.quick else 25)
    count = options.manifests or 1000
    figures = measure(rounds, count, 1 if options.quick else 5)
    print("\n".join(figures.lines()))
    return 1 if options.check and not figures.targets_met else 0


if __name__ == "__main__":
    sys.exit(main())
