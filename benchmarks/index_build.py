"""Time ``optimizer.index.build_index`` (on arrays) beside the pair-by-pair rule it replaced
(kept as the reference in ``tests/optimizer/test_index.py``) on the textbook p-medians of
``benchmarks/textbook.py`` (issue 14)::

    PYTHONPATH=. .venv/bin/python benchmarks/index_build.py
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.textbook import SIZES, instance, to_problem_input  # noqa: E402
from optimizer.index import build_index  # noqa: E402
from tests.optimizer.test_index import reference_index  # noqa: E402


def main() -> None:
    print("| instance | pairs | same keys | arrays s | pair by pair s |")
    print("|---|---|---|---|---|")
    for size in SIZES:
        pi = to_problem_input(instance("pmedian", size, 5))
        started = time.perf_counter()
        index = build_index(pi)
        arrays = time.perf_counter() - started
        started = time.perf_counter()
        x, _sites, _new = reference_index(pi)
        reference = time.perf_counter() - started
        print(f"| pmedian {size} | {len(index.x):,} | {index.x == x} | {arrays:.2f} | "
              f"{reference:.2f} |", flush=True)


if __name__ == "__main__":
    main()
