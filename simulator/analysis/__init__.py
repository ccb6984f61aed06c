"""Analyses and plots that read results tables (never model objects)."""
