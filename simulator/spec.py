"""One reader for the tables of every TOML input file (experiments, what-ifs, sensitivity sections).

TOML gives back whatever the user typed: a table where a number was meant, a string where a
list was meant, ``nan`` and ``inf`` where a share was meant. :class:`Table` wraps one parsed
table with the file it came from and its dotted name, and every read names the file, the key,
the value and what is allowed, in one line::

    t = Table.root(data, "exp.toml", ExperimentError)
    t.check_keys(("experiment", "design"))
    e = t.table("experiment")
    replicates = e.whole("replicates", 1, 1, 100_000)
    # exp.toml: experiment.replicates = 'ten' must be a whole number in [1, 100,000]

Numbers are refused when not finite; ``true``/``false`` is never taken for 1/0.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, NoReturn

_MISSING: Any = object()


def show(v: object) -> str:
    """A value as a message shows it: whole numbers in full (never ``9.22337e+18``), text quoted."""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return f"{v:,}" if abs(v) >= 10_000 else str(v)
    if isinstance(v, float):
        if not math.isfinite(v):
            return {math.inf: "inf", -math.inf: "-inf"}.get(v, "nan")
        return f"{v:,.0f}" if v.is_integer() and abs(v) >= 10_000 else f"{v:g}" if abs(v) < 1e15 else repr(v)
    if isinstance(v, dict):
        return "a table"
    text = repr(v)
    return text if len(text) <= 60 else text[:57] + "..."


def bounds(lo: float | None, hi: float | None) -> str:
    """The allowed range in words: ``[0, 1]``, ``>= 1``, ``<= 5``."""
    if lo is not None and hi is not None:
        return f"[{show(lo)}, {show(hi)}]"
    if lo is not None:
        return f">= {show(lo)}"
    return f"<= {show(hi)}" if hi is not None else "any"


def suggest(word: str, options: Sequence[str], fallback: str = "") -> str:
    """`` (did you mean 'x'?)`` for the closest option, else ``fallback``.

    The closest is by spelling, or else an option with the same last part of a dotted name.
    """
    import difflib

    near = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    if not near and "." in word:
        leaf = word.split(".", 1)[1]
        near = [c for c in options if c.endswith("." + leaf)][:1]
    return f" (did you mean '{near[0]}'?)" if near else fallback


def finite(x: object) -> bool:
    """A real number (not a bool), neither NaN nor infinite."""
    return isinstance(x, int | float) and not isinstance(x, bool) and math.isfinite(x)


@dataclass(frozen=True)
class Table:
    """One table of a parsed TOML file, with where it came from.

    Attributes:
        data: The table's entries.
        where: The file, as messages name it.
        name: The dotted name of the table in the file ("" for the file itself).
        error: The exception class raised on a problem (one line, a user error).
        flags: Entries that came from command-line flags; their messages name the flag.
    """

    data: Mapping[str, Any]
    where: str
    name: str = ""
    error: type[Exception] = ValueError
    flags: Mapping[str, str] = field(default_factory=dict)
    """Entries given on the command line instead of in the file: key -> the flag (``--seeds``)."""

    @classmethod
    def root(cls, data: Mapping[str, Any], where: str, error: type[Exception]) -> Table:
        """The file itself."""
        return cls(data, where, "", error)

    def with_flags(self, values: Mapping[str, Any], flags: Mapping[str, str]) -> Table:
        """This table with some entries replaced by command-line values (None: not given).

        Args:
            values: Key -> value given on the command line, or None when the flag was not used.
            flags: Key -> the flag's name, for messages.
        """
        given = {k: v for k, v in values.items() if v is not None}
        return Table({**self.data, **given}, self.where, self.name, self.error, {k: flags[k] for k in given})

    def key(self, k: str) -> str:
        """The dotted name of entry ``k``."""
        return f"{self.name}.{k}" if self.name else k

    def fail(self, message: str) -> NoReturn:
        """Raise this table's error with ``<file>: <message>``."""
        raise self.error(f"{self.where}: {message}")

    def __contains__(self, k: object) -> bool:
        return k in self.data

    def keys(self) -> list[str]:
        """The entries' names, in file order."""
        return list(self.data)

    def raw(self, k: str, default: Any = None) -> Any:
        """An entry as parsed, unchecked."""
        return self.data.get(k, default)

    def check_keys(self, allowed: Sequence[str], what: str = "key") -> None:
        """Refuse an entry not in ``allowed``, with the closest allowed name."""
        for k in self.data:
            if k not in allowed:
                self.fail(f"unknown {what} '{self.key(k)}'{suggest(k, allowed)}")

    def table(self, k: str, *, required: bool = False, hint: str = "") -> Table:
        """A sub-table (empty when absent and not required)."""
        v = self.data.get(k, _MISSING)
        if v is _MISSING:
            if required:
                self.fail(f"needs a [{self.key(k)}] table{hint}")
            v = {}
        if not isinstance(v, dict):
            self.fail(f"'{self.key(k)}' must be a table ([{self.key(k)}]), not {show(v)}")
        return Table(v, self.where, self.key(k), self.error)

    def tables(self, k: str) -> list[Table]:
        """An array of tables (``[[k]]``), empty when absent."""
        v = self.data.get(k, [])
        if not isinstance(v, list) or not all(isinstance(x, dict) for x in v):
            self.fail(f"'{self.key(k)}' must be a list of tables ([[{self.key(k)}]])")
        return [Table(x, self.where, f"{self.key(k)}[{i}]", self.error) for i, x in enumerate(v, start=1)]

    def text(self, k: str, default: Any = _MISSING, choices: Sequence[str] | None = None) -> str:
        """A text entry, one of ``choices`` when given."""
        v = self._get(k, default, "text")
        if not isinstance(v, str):
            self._bad(k, f"{self._label(k, v)} must be text (in quotes)")
        if choices is not None and v not in choices:
            self._bad(k, f"{self._label(k, v)} must be one of {', '.join(choices)}{suggest(v, choices)}")
        return v

    def flag(self, k: str, default: Any = _MISSING) -> bool:
        """A true/false entry."""
        v = self._get(k, default, "true or false")
        if not isinstance(v, bool):
            self._bad(k, f"{self._label(k, v)} must be true or false")
        return v

    def whole(self, k: str, default: Any = _MISSING, lo: int | None = None, hi: int | None = None) -> int:
        """A whole-number entry within [lo, hi]."""
        v = self._get(k, default, "a whole number")
        if isinstance(v, bool) or not isinstance(v, int):
            self._bad(k, f"{self._label(k, v)} must be a whole number in {bounds(lo, hi)}")
        if (lo is not None and v < lo) or (hi is not None and v > hi):
            self._bad(k, f"{self._label(k, v)} is out of range: allowed {bounds(lo, hi)}")
        return v

    def number(self, k: str, default: Any = _MISSING, lo: float | None = None, hi: float | None = None) -> float:
        """A finite number within [lo, hi] (a whole number is taken as a number)."""
        v = self._get(k, default, "a number")
        if not isinstance(v, int | float) or isinstance(v, bool):
            self._bad(k, f"{self._label(k, v)} must be a number in {bounds(lo, hi)}")
        if not math.isfinite(v):
            self._bad(k, f"{self._label(k, v)} must be a finite number in {bounds(lo, hi)}")
        if (lo is not None and v < lo) or (hi is not None and v > hi):
            self._bad(k, f"{self._label(k, v)} is out of range: allowed {bounds(lo, hi)}")
        return float(v)

    def texts(self, k: str, default: Any = _MISSING, *, nonempty: bool = False, example: str = "") -> list[str]:
        """A list of text entries."""
        v = self._get(k, default, "a list of text")
        if not isinstance(v, list) or not all(isinstance(x, str) for x in v) or (nonempty and not v):
            eg = f", e.g. {example}" if example else ""
            self._bad(k, f"{self._label(k, v)} must be a {'non-empty ' * nonempty}list of names in quotes{eg}")
        return list(v)

    def _label(self, k: str, v: object) -> str:
        return f"{self.flags[k]} {show(v)}" if k in self.flags else f"{self.key(k)} = {show(v)}"

    def _bad(self, k: str, message: str) -> NoReturn:
        """Raise for entry ``k``: a flag's message stands alone, a file's names the file."""
        if k in self.flags:
            raise self.error(message)
        self.fail(message)

    def _get(self, k: str, default: Any, what: str) -> Any:
        v = self.data.get(k, default)
        if v is _MISSING:
            self.fail(f"{self.key(k)} is required ({what})")
        return v
