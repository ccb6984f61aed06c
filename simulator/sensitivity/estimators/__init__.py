"""The estimators, one module per method as in SALib: :mod:`.morris` and :mod:`.sobol`.

Each takes a design on the unit hypercube (or its outputs in SALib's row order) and the
analysed output per design point, and returns the indices with percentile bootstrap intervals
as arrays. :mod:`simulator.sensitivity.indices` turns them into one table per output.
"""
