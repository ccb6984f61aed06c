"""The files a scenario is made of: safe reading, the built-in presets and policies, and wards CSV files.

- :func:`read_input_text` and :func:`read_toml` read a user's input file, refusing folders,
  devices, pipes, oversized and non-UTF-8 files in one line (:class:`ScenarioError`);
- :func:`preset_dir`, :func:`list_presets`, :func:`list_policies` and :func:`resolve_file`
  find the built-in scenarios and policies, by path or by name;
- :func:`load_wards_csv` reads a users' wards CSV file into :class:`Ward` rows.

:mod:`simulator.scenario` builds validated scenarios from these files and re-exports
the public names, so ``from simulator.scenario import load_wards_csv`` keeps working.
"""

from __future__ import annotations

import csv
import difflib
import io
import math
import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from simulator.errors import ScenarioError
from simulator.params import BY_NAME, MATURITY_LEVELS


@dataclass(frozen=True)
class Ward:
    """One ward read from a wards CSV file.

    Attributes:
        name: Ward (kelurahan/desa) name.
        regency: Regency or city it belongs to.
        maturity: BKM maturity level (one of ``MATURITY_LEVELS``).
        grant_received: BLM grant received in total, Rp million.
        plan_items: Unfunded plan items at the start.
        managing_body: Managing-body effectiveness 0..1, or None to draw it.
        marketing_skill: Marketing-team skill 0..1, or None to draw it.
        coordination: Coordination with government 0..1, or None to draw it.
        grant_marketing: Marketing tranche, Rp million, or None for the scenario's.
        market_access: Market access of the ward's assets 0..1 (location, buyers),
            or None to draw it around ``demand.market_access``.
    """

    name: str
    regency: str
    maturity: str
    grant_received: float
    plan_items: int
    managing_body: float | None = None
    marketing_skill: float | None = None
    coordination: float | None = None
    grant_marketing: float | None = None
    market_access: float | None = None


# --------------------------------------------------------------------------- presets


def preset_dir() -> Path:
    """The folder holding the built-in scenario presets.

    Installed wheels carry them as ``simulator/presets``; in a source checkout
    (editable install) they are read from the repository's ``scenarios/``.
    """
    packaged = Path(str(resources.files("simulator"))) / "presets"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "scenarios"


def list_presets() -> list[tuple[str, str]]:
    """Return ``(name, description)`` of every built-in scenario preset."""
    out = []
    for f in sorted(preset_dir().glob("*.toml")):
        meta = read_toml(f).get("scenario", {})
        out.append((f.stem, str(meta.get("description", ""))))
    return out


def list_policies() -> list[tuple[str, str]]:
    """Return ``(name, description)`` of every built-in policy file."""
    out = []
    for f in sorted((preset_dir() / "policies").glob("*.toml")):
        meta = read_toml(f).get("policy", {})
        out.append((f.stem, str(meta.get("description", ""))))
    return out


def resolve_file(ref: str | Path, base: Path | None, kind: str = "scenario") -> Path:
    """Find a scenario or policy file by path or preset name."""
    p = Path(ref)
    candidates = [p] if p.is_absolute() else ([base / p] if base else []) + [p]
    for c in candidates:
        if c.is_file():
            return c
    sub = preset_dir() / ("policies" if kind == "policy" else "")
    named = sub / f"{p.stem if p.suffix == '.toml' else ref}.toml"
    if p.parent == Path(".") and named.is_file():
        return named
    names = [f.stem for f in sorted(sub.glob("*.toml"))]
    raise ScenarioError(
        f"{ref}: no such {kind} file, and no built-in {kind} of that name (built-in: {', '.join(names)})"
    )


MAX_INPUT_BYTES = 50_000_000
"""The largest input file (TOML or CSV) read: larger ones are refused before they are read."""


def read_input_text(path: str | Path, what: str) -> str:
    """The text of an input file, refused in one line unless it is a readable, regular text file.

    A folder, a device (``/dev/zero`` would be read forever), a pipe, a file larger than
    :data:`MAX_INPUT_BYTES` or one that is not UTF-8 is refused before or while reading.
    A byte-order mark (Notepad, Excel's "CSV UTF-8") is dropped.

    Args:
        path: The file.
        what: What it should be, for messages (e.g. "TOML file", "wards CSV file").

    Returns:
        The text.

    Raises:
        ScenarioError: Naming the file and what is wrong with it.
    """
    import stat

    p = Path(path)
    try:
        st = p.stat()
    except FileNotFoundError:
        raise ScenarioError(f"{p}: {what} not found") from None
    except OSError as e:
        raise ScenarioError(f"{p}: cannot read the {what} ({e.strerror or e})") from None
    if stat.S_ISDIR(st.st_mode):
        raise ScenarioError(f"{p}: is a folder, not a {what}")
    if not stat.S_ISREG(st.st_mode):
        raise ScenarioError(f"{p}: is a device or a pipe, not a {what}")
    if st.st_size > MAX_INPUT_BYTES:
        raise ScenarioError(f"{p}: {st.st_size:,} bytes is too large for a {what} (at most {MAX_INPUT_BYTES:,})")
    try:
        return p.read_text(encoding="utf-8-sig")
    except PermissionError:
        raise ScenarioError(f"{p}: cannot read the {what} (permission denied)") from None
    except UnicodeDecodeError:
        raise ScenarioError(f"{p}: not a text (UTF-8) {what}") from None
    except OSError as e:
        raise ScenarioError(f"{p}: cannot read the {what} ({e.strerror or e})") from None


def read_toml(path: Path) -> dict[str, Any]:
    """The tables of a TOML file, read with :func:`read_input_text`.

    Raises:
        ScenarioError: Naming the file when it cannot be read or is not valid TOML.
    """
    text = read_input_text(path, "TOML file")
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise ScenarioError(f"{path}: not valid TOML: {e}") from e
    except RecursionError:
        raise ScenarioError(f"{path}: not valid TOML: arrays or tables nested too deeply") from None


# --------------------------------------------------------------------------- wards CSV

_WARD_REQUIRED = ("name", "regency", "maturity", "grant_received", "plan_items")
_WARD_OPTIONAL = {
    "managing_body": (0.0, 1.0),
    "marketing_skill": (0.0, 1.0),
    "coordination": (0.0, 1.0),
    "grant_marketing": (0.0, 10000.0),
    "market_access": (0.0, 1.0),
}


def load_wards_csv(path: str | Path) -> tuple[Ward, ...]:
    """Read wards from a CSV file (users' own data).

    Required columns: name, regency, maturity (tidak berdaya / berdaya / mandiri /
    madani), grant_received (Rp million), plan_items. Optional columns:
    managing_body, marketing_skill, coordination, market_access (0..1) and
    grant_marketing (Rp million); an empty cell means "draw from the scenario's distribution".
    Lines starting with ``#`` are comments.

    Args:
        path: The CSV file.

    Returns:
        The wards in file order.

    Raises:
        ScenarioError: On a missing file, missing column or bad cell, naming the
            file, line and column.
    """
    path = Path(path)
    text = read_input_text(path, "wards CSV file")  # drops the BOM of Excel's "CSV UTF-8"
    try:
        # comment lines become blank lines, so row numbers below are the file's line numbers
        lines = io.StringIO(text, newline="")
        rows = list(csv.reader("\n" if line.lstrip().startswith("#") else line for line in lines))
    except csv.Error as e:
        raise ScenarioError(f"{path}: not a readable CSV file ({e})") from e
    filled = [i for i, r in enumerate(rows) if any(c.strip() for c in r)]
    if not filled:
        raise ScenarioError(f"{path}: wards CSV is empty (needs a header: {', '.join(_WARD_REQUIRED)})")
    head = filled[0]
    header = [h.strip() for h in rows[head]]
    for col in _WARD_REQUIRED:
        if col not in header:
            raise ScenarioError(f"{path}: missing column '{col}' (required: {', '.join(_WARD_REQUIRED)})")
    for col in header:
        if col not in _WARD_REQUIRED and col not in _WARD_OPTIONAL:
            allowed = list(_WARD_REQUIRED) + list(_WARD_OPTIONAL)
            near = difflib.get_close_matches(col, allowed, n=1, cutoff=0.6)
            hint = f" (did you mean '{near[0]}'?)" if near else f" (allowed: {', '.join(allowed)})"
            raise ScenarioError(f"{path}: unknown column '{col}'{hint}")
    wards: list[Ward] = []
    seen: dict[str, int] = {}  # ward name -> its line
    most = int(BY_NAME["wards.n"].high)
    for i, row in enumerate(rows[head + 1 :], start=head + 2):
        if not any(c.strip() for c in row):
            continue
        if len(wards) == most:
            raise ScenarioError(f"{path}: more than {most} wards (line {i}); wards.n allows at most {most}")
        if len(row) != len(header):
            raise ScenarioError(f"{path}: line {i} has {len(row)} cells, the header has {len(header)}")
        cell = dict(zip(header, (c.strip() for c in row), strict=True))
        where = f"{path}: line {i}"
        mat = cell["maturity"].lower().replace("_", " ")
        if mat not in MATURITY_LEVELS:
            raise ScenarioError(f"{where}: maturity = {cell['maturity']!r} must be one of {', '.join(MATURITY_LEVELS)}")
        if not cell["name"]:
            raise ScenarioError(f"{where}: name is empty")
        if cell["name"] in seen:  # tables and briefs could not tell two such wards apart
            raise ScenarioError(f"{where}: ward name {cell['name']!r} repeats line {seen[cell['name']]}")
        seen[cell["name"]] = i
        grant = _num(cell["grant_received"], where, "grant_received", 0.0, 100000.0)
        items = _num(cell["plan_items"], where, "plan_items", 0, 500, whole=True)
        opt: dict[str, float | None] = {}
        for col, (lo, hi) in _WARD_OPTIONAL.items():
            raw = cell.get(col, "")
            opt[col] = None if raw == "" else _num(raw, where, col, lo, hi)
        wards.append(
            Ward(
                name=cell["name"],
                regency=cell["regency"] or "-",
                maturity=mat,
                grant_received=grant,
                plan_items=int(items),
                **opt,
            )
        )
    if not wards:
        raise ScenarioError(f"{path}: wards CSV has a header but no wards")
    return tuple(wards)


def _num(raw: str, where: str, col: str, lo: float, hi: float, whole: bool = False) -> float:
    try:
        x = float(raw)
    except ValueError:
        x = math.nan
    if not math.isfinite(x) or (whole and not x.is_integer()) or not lo <= x <= hi:
        what = "a whole number" if whole else "a number"
        raise ScenarioError(f"{where}: {col} = {raw!r} must be {what} in [{lo:g}, {hi:g}]")
    return x
