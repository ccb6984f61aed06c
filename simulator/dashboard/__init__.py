"""Interactive what-if dashboard (Solara, in the spirit of Mesa's ``SolaraViz``).

``plpbk dashboard [SCENARIO]`` serves :func:`simulator.dashboard.app.Page`. The
controls come from the parameter registry (:mod:`simulator.dashboard.controls`),
the runs a session shows from :mod:`simulator.dashboard.runs`, the figures from
:mod:`simulator.dashboard.charts`, and the labels (English and Bahasa Indonesia)
from :mod:`simulator.dashboard.i18n`.
"""
