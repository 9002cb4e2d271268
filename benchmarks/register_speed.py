"""How fast ``charter-check register`` writes the oversight register of 1,000 projects, in each of
its formats (the target: under 5 seconds).

    python benchmarks/register_speed.py            # 1,000 manifests, five runs per format
    python benchmarks/register_speed.py --quick    # a CI-sized run: one run per format

The manifests are those ``validate_speed.py`` generates (variants of the examples, each in its own
project folder with its evidence); the register is written with ``-o`` as a board would, after one
warm-up run. The median run of each format is reported, with its CPU time and peak memory (the
largest of the parent's and its workers', from ``wait4``), beside ``validate --format json`` over
the same manifests in the same rounds: the register checks each manifest as ``validate`` does, so
the ratio shows what the register itself adds, however busy the machine. ``--check`` exits 1 if the
target is missed.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from validate_speed import BIN, MIB, TODAY, Run, environment, make_projects, run, usable_processors, verdict

TARGET_SECONDS = 5.0
FORMATS = ("html", "csv", "json")
VALIDATE = "validate"
"""The name under which ``validate --format json`` over the same manifests is reported."""


def measure(count: int, rounds: int) -> dict[str, Run]:
    """The median run of ``register`` over ``count`` generated manifests, in each format."""
    with tempfile.TemporaryDirectory(prefix="charter-check-register-") as temporary:
        folder = Path(temporary)
        env = environment(folder / "pycache")
        projects = make_projects(folder, count)
        command = [str(BIN / "charter-check"), "register", str(projects), "--today", TODAY, "--force"]
        run([*command, "-o", str(folder / "warm-up.html")], env, folder)
        validate = [str(BIN / "charter-check"), "validate", str(projects), "--today", TODAY, "-f", "json"]
        runs: dict[str, list[Run]] = {name: [] for name in (*FORMATS, VALIDATE)}
        for _ in range(rounds):
            for name in FORMATS:
                output = folder / f"register.{name}"
                runs[name].append(run([*command, "--format", name, "-o", str(output)], env, folder))
            runs[VALIDATE].append(run(validate, env, folder))
    return {name: median_run(results) for name, results in runs.items()}


def median_run(runs: list[Run]) -> Run:
    """The run with the median wall time, with the highest peak memory of them all."""
    middle = sorted(runs, key=lambda r: r.seconds)[len(runs) // 2]
    return Run(middle.seconds, middle.cpu_seconds, max(r.peak_bytes for r in runs), middle.exit_code)


def lines(count: int, rounds: int, medians: dict[str, Run]) -> list[str]:
    shown = [
        f"register over {count} generated manifests, on {usable_processors()} processor(s), "
        f"median of {rounds} per format:"
    ]
    validate = medians[VALIDATE]
    for name in FORMATS:
        median = medians[name]
        shown.append(
            f"  --format {name:<4} {median.seconds:5.2f} s ({median.seconds / count * 1000:.2f} ms each; "
            f"CPU {median.cpu_seconds:.2f} s), exit {median.exit_code}, peak memory "
            f"{median.peak_bytes / MIB:.1f} MiB; {median.seconds / validate.seconds:.2f}x validate"
        )
    shown.append(
        f"  validate --format json over the same manifests: {validate.seconds:.2f} s "
        f"(CPU {validate.cpu_seconds:.2f} s)"
    )
    slowest = max(medians[name].seconds for name in FORMATS)
    ok = slowest < TARGET_SECONDS
    shown.append(f"  target < {TARGET_SECONDS:.0f} s in every format: {verdict(ok)}, slowest {slowest:.2f} s")
    return shown


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a CI-sized run: one run per format")
    parser.add_argument("--manifests", type=int, default=1000, help="manifests to register (default 1000)")
    parser.add_argument("--check", action="store_true", help="exit 1 if the target is missed")
    options = parser.parse_args(argv)
    rounds = 1 if options.quick else 5
    medians = measure(options.manifests, rounds)
    print("\n".join(lines(options.manifests, rounds, medians)))
    missed = any(medians[name].seconds >= TARGET_SECONDS or medians[name].exit_code != 0 for name in FORMATS)
    return 1 if options.check and missed else 0


if __name__ == "__main__":
    sys.exit(main())
