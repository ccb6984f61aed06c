"""The simulator's version: one home, read by the package (``simulator.__version__``), the CLI and the briefs.

A foundation module: it imports nothing, so any layer may read the version without importing the
package's ``__init__`` (which imports the model and the analyses).
"""

__version__ = "0.1.0"
"""The simulator's version (also ``version`` in ``pyproject.toml``)."""

__all__ = ["__version__"]
