"""Time and memory of every hostile-repository case (tests/hostile/): each must finish in its
bound (the issue's: under 5 s and 500 MB on the reference machine).

    python bench/hostile.py            # every case
    python bench/hostile.py -k cache   # the cases whose name holds "cache"

Each case's repository is built in a fresh sandbox, then its command is run (every run of a
case that runs several times) as a child process; the wall time and the child's peak resident
memory (wait4's ru_maxrss) of its slowest run are printed, and the exit status is 1 when a case
is over its bound. Set HOSTILE_FACTLINT=/path/to/checkout to measure another checkout.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests" / "hostile"))

from hostile_table import cases, factlint, sandbox  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-k", default="", help="only cases whose name contains this")
    options = parser.parse_args()
    over = 0
    print(f"{'case':48} {'exit':>4} {'seconds':>8} {'MB':>6}  bound")
    for case in cases():
        if options.k not in case.name:
            continue
        with tempfile.TemporaryDirectory() as scratch:
            project, _, home = sandbox(Path(scratch))
            case.build(project)
            worst_time, worst_memory, code = 0.0, 0.0, -1
            for _ in range(case.runs):
                with open(os.devnull, "w") as sink:
                    start = time.perf_counter()
                    process = factlint(case.args, project, home, case.env, output=sink)
                    _, status, usage = os.wait4(process.pid, 0)
                    elapsed = time.perf_counter() - start
                process.returncode = os.waitstatus_to_exitcode(status)
                code = process.returncode
                worst_time = max(worst_time, elapsed)
                worst_memory = max(worst_memory, usage.ru_maxrss / 1024)  # KiB on Linux
        bad = worst_time > case.seconds or worst_memory > case.megabytes
        over += bad
        print(f"{case.name:48} {code:>4} {worst_time:8.2f} {worst_memory:6.0f}  "
              f"{case.seconds:g} s, {case.megabytes} MB{'  OVER' if bad else ''}")
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
