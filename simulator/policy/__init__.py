"""Policy what-if: paired comparison, robustness under uncertainty, scenario discovery and policy briefs.

- :mod:`simulator.policy.compare`: baseline vs policies on common random numbers (``plpbk compare``),
  with its statistics in :mod:`~simulator.policy.effects` and its plots in
  :mod:`~simulator.policy.compare_plots`;
- :mod:`simulator.policy.whatif`: policies across a Latin hypercube of uncertain futures (``plpbk whatif``):
  the file in :mod:`~simulator.policy.whatif_spec`, the analysis in :mod:`~simulator.policy.whatif_analysis`,
  the plots in :mod:`~simulator.policy.whatif_plots`;
- :mod:`simulator.policy.prim`: PRIM scenario discovery;
- :mod:`simulator.policy.findings`: what a brief states (cheapest option, most robust, ...), computed first;
- :mod:`simulator.policy.brief`: the policy brief (Markdown and HTML, English or Bahasa Indonesia), which
  formats the findings with the text layer :mod:`simulator.i18n`;
- :mod:`simulator.policy.files`: the output folder check and atomic writes both commands share.

``compare`` and ``whatif`` take ``ensemble=`` (an ``ensemble.toml`` from ``plpbk calibrate``, read by
:func:`load_ensemble`) to run every option on each calibrated parameter set.
"""

from simulator.analysis.ensemble import Ensemble, EnsembleError, load_ensemble
from simulator.policy.compare import Comparison, compare, cost_table, paired_effects
from simulator.policy.prim import Box, PrimResult, prim
from simulator.policy.whatif import WhatIf, WhatIfSpec, load_whatif, whatif

__all__ = [
    "Box",
    "Comparison",
    "Ensemble",
    "EnsembleError",
    "PrimResult",
    "WhatIf",
    "WhatIfSpec",
    "compare",
    "cost_table",
    "load_ensemble",
    "load_whatif",
    "paired_effects",
    "prim",
    "whatif",
]
