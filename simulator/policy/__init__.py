"""Policy what-if: paired comparison, robustness under uncertainty, scenario discovery and policy briefs.

- :mod:`simulator.policy.compare`: baseline vs policies on common random numbers (``plpbk compare``);
- :mod:`simulator.policy.whatif`: policies across a Latin hypercube of uncertain futures (``plpbk whatif``);
- :mod:`simulator.policy.prim`: PRIM scenario discovery;
- :mod:`simulator.policy.brief`: the policy brief (Markdown and HTML, English or Bahasa Indonesia).
"""

from simulator.policy.compare import Comparison, compare, cost_table, paired_effects
from simulator.policy.prim import Box, PrimResult, prim
from simulator.policy.whatif import WhatIf, WhatIfSpec, load_whatif, whatif

__all__ = [
    "Box",
    "Comparison",
    "PrimResult",
    "WhatIf",
    "WhatIfSpec",
    "compare",
    "cost_table",
    "load_whatif",
    "paired_effects",
    "prim",
    "whatif",
]
