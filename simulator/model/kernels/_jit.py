"""The ``njit`` decorator of the kernels, with an on-disk cache that knows what they depend on.

Numba caches a compiled function beside its module and reuses it while that one file is
unchanged. The kernels, though, call each other across modules, use ``simulator.numerics``
and hold the constants of ``simulator.model.state`` (aid forms, statuses, routes) as
literals: a cache keyed on one file would keep stale code when any of these changed. The
locators below give every kernel the same source stamp, a digest of all of them, so a change
to any one recompiles them all (once, about 10 s; then the cache is used again).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numba
from numba.core import caching

from simulator.params import AID_FORMS

HERE = Path(__file__).resolve().parent
SOURCES = (*sorted(HERE.glob("*.py")), HERE.parent / "state.py", HERE.parent.parent / "numerics.py")
"""Every file whose content the compiled kernels depend on."""


def source_digest() -> bytes:
    """Digest of the kernels' sources and of the constants they compile in."""
    h = hashlib.sha256(repr(AID_FORMS).encode())
    for path in SOURCES:
        h.update(path.read_bytes())
    return h.digest()


DIGEST = source_digest()


def _kernel_locator(base: type) -> type:
    """A subclass of Numba's locator ``base`` for kernel files only, stamped with ``DIGEST``."""

    class KernelLocator(base):
        def get_source_stamp(self) -> bytes:
            return DIGEST

        @classmethod
        def from_function(cls, py_func: Any, py_file: str) -> Any:
            if Path(py_file).resolve().parent != HERE:
                return None
            return super().from_function(py_func, py_file)

    KernelLocator.__name__ = f"Kernel{base.__name__.lstrip('_')}"
    return KernelLocator


def _install() -> bool:
    """Put the kernel locators first in Numba's list; False when this Numba has no such list."""
    impl = getattr(caching, "CacheImpl", None) or getattr(caching, "_CacheImpl", None)
    bases = [
        getattr(caching, name, None) or getattr(caching, f"_{name}", None)
        for name in ("UserProvidedCacheLocator", "InTreeCacheLocator", "UserWideCacheLocator")
    ]
    if impl is None or None in bases:
        return False
    known = {c.__name__ for c in impl._locator_classes}
    ours = [
        _kernel_locator(b) for b in bases if b is not None
    ]  # NUMBA_CACHE_DIR if set, else __pycache__, else ~/.cache
    impl._locator_classes[:0] = [c for c in ours if c.__name__ not in known]
    return True


CACHED = _install()
"""Whether kernels are cached on disk (else compiled once per process, never stale)."""

njit: Callable[[Callable[..., Any]], Any] = numba.njit(cache=CACHED, nogil=True)
"""Compile a kernel (no Python objects inside, the GIL released, cached as above)."""
inline: Callable[[Callable[..., Any]], Any] = numba.njit(cache=CACHED, nogil=True, inline="always")
"""Compile a helper that kernels call element after element into each caller (a call costs reference counting)."""


def cold(dispatchers: list[Any]) -> bool:
    """Whether any of these kernels has nothing compiled in this process nor in the on-disk cache."""
    if not CACHED:
        return any(not d.signatures for d in dispatchers)
    try:
        return any(not d.signatures and not d._cache._cache_file._load_index() for d in dispatchers)
    except (AttributeError, OSError):  # a Numba without these internals: assume compiled
        return False
