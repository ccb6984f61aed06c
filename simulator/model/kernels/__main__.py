"""``python -m simulator.model.kernels``: compile the kernels once (``make`` runs it after installing)."""

from __future__ import annotations

import sys

from simulator.model import kernels
from simulator.model.model import compile_kernels

if __name__ == "__main__":
    if kernels.cold():
        print("compiling the model's kernels (once per installation, about a minute)...", file=sys.stderr, flush=True)
        print(f"compiled in {compile_kernels():.1f} s", file=sys.stderr)
    else:
        print("the model's kernels are compiled", file=sys.stderr)
