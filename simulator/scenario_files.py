"""The files a scenario is made of: safe reading, the built-in presets and policies, and wards CSV files.

- :func:`read_input_text` and :func:`read_toml` read a user's input file, refusing folders,
  devices, pipes, oversized and non-UTF-8 files in one line (:class:`ScenarioError`);
- :func:`preset_dir`, :func:`list_presets`, :func:`list_policies` and :func:`resolve_file`
  find the built-in scenarios and policies, by path or by name;
- :func:`load_wards_csv` reads a users' wards CSV file into :class:`Ward` rows, and
  :func:`load_status_csv` a ward-status CSV file (wards as they are today, with their live
  partnerships and assets: :class:`WardStatus`) for a run that starts after the grant.

:mod:`simulator.scenario` builds validated scenarios from these files and re-exports
the public names, so ``from simulator.scenario import load_wards_csv`` keeps working.
"""

from __future__ import annotations

import csv
import difflib
import io
import math
import tomllib
from dataclasses import dataclass, field
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
        lat: Latitude in degrees (for maps), or None.
        lon: Longitude in degrees (for maps), or None.
        status: The ward's state today when read from a ward-status CSV file (the run starts
            from it, after the grant), or None for a ward that starts with the grant.
    """

    name: str
    regency: str
    maturity: str
    grant_received: float
    plan_items: int | None
    managing_body: float | None = None
    marketing_skill: float | None = None
    coordination: float | None = None
    grant_marketing: float | None = None
    market_access: float | None = None
    lat: float | None = None
    lon: float | None = None
    status: WardStatus | None = None


@dataclass(frozen=True)
class WardStatus:
    """A ward's state at the start of a run that begins after the grant (a ward-status CSV row).

    Attributes:
        live_government: Live partnerships with government agencies (of the ward's regency).
        live_private: Live partnerships with firms (CSR) in reach of the ward.
        assets: Value of the community assets the BKM manages, Rp million.
        asset_condition: The assets' condition, 0 (ruined) to 1 (as built).
        fee_collection: Share of agreed user fees collected, 0..1, or None. With no
            ``managing_body`` it sets the managing body's effectiveness E through the model's
            collection rule (collection = min + (1 - min) E, ``demand.collection_min``).
        trust: Partners' trust in the BKM on its live partnerships, 0..1, or None for
            ``trust.initial``.
        cash: The BKM's cash, Rp million, or None for 0.
        capacity: The BKM's capacity 0..1, or None to draw it within its status's band.
        aware_government: Agencies that know the ward's programme (at least its live ones), or
            None for just those it partners with.
        aware_private: Firms that know the ward's programme, likewise.
        where: The file and line it was read from (for messages; not part of the scenario).
    """

    live_government: int
    live_private: int
    assets: float
    asset_condition: float
    fee_collection: float | None = None
    trust: float | None = None
    cash: float | None = None
    capacity: float | None = None
    aware_government: int | None = None
    aware_private: int | None = None
    where: str = field(default="", compare=False)


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
    shown = str(ref) if str(ref).isprintable() else repr(str(ref))  # a name with a line break stays on one line
    raise ScenarioError(
        f"{shown}: no such {kind} file, and no built-in {kind} of that name (built-in: {', '.join(names)})"
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
_PLACE = {"lat": (-90.0, 90.0), "lon": (-180.0, 180.0)}
_WARD_OPTIONAL = {
    "managing_body": (0.0, 1.0),
    "marketing_skill": (0.0, 1.0),
    "coordination": (0.0, 1.0),
    "grant_marketing": (0.0, 10000.0),
    "market_access": (0.0, 1.0),
    **_PLACE,
}
_MOST_PARTNERS = 1000.0
"""The most partnerships of one sector a status row may give (a sanity bound, not a model number)."""
_STATUS_REQUIRED = ("name", "regency", "bkm_status", "live_government", "live_private", "assets", "asset_condition")
_STATUS_OPTIONAL = {
    "aware_government": (0.0, _MOST_PARTNERS),
    "aware_private": (0.0, _MOST_PARTNERS),
    "capacity": (0.0, 1.0),
    "managing_body": (0.0, 1.0),
    "marketing_skill": (0.0, 1.0),
    "coordination": (0.0, 1.0),
    "market_access": (0.0, 1.0),
    "fee_collection": (0.0, 1.0),
    "trust": (0.0, 1.0),
    "cash": (0.0, 100000.0),
    "plan_items": (0.0, 500.0),
    **_PLACE,
}


def _csv_rows(
    path: Path, what: str, required: tuple[str, ...], optional: dict[str, tuple[float, float]]
) -> list[tuple[str, dict[str, str]]]:
    """The filled rows of a wards-like CSV file as (where, cells), the header checked.

    Lines starting with ``#`` are comments; ``where`` is "FILE: line N" for messages. Ward
    names must be present and distinct; at most ``wards.n``'s upper bound rows.
    """
    text = read_input_text(path, what)  # drops the BOM of Excel's "CSV UTF-8"
    try:
        # comment lines become blank lines, so row numbers below are the file's line numbers
        lines = io.StringIO(text, newline="")
        rows = list(csv.reader("\n" if line.lstrip().startswith("#") else line for line in lines))
    except csv.Error as e:
        raise ScenarioError(f"{path}: not a readable CSV file ({e})") from e
    filled = [i for i, r in enumerate(rows) if any(c.strip() for c in r)]
    if not filled:
        raise ScenarioError(f"{path}: {what} is empty (needs a header: {', '.join(required)})")
    head = filled[0]
    header = [h.strip() for h in rows[head]]
    for col in required:
        if col not in header:
            raise ScenarioError(f"{path}: missing column '{col}' (required: {', '.join(required)})")
    for col in header:
        if col not in required and col not in optional:
            allowed = list(required) + list(optional)
            near = difflib.get_close_matches(col, allowed, n=1, cutoff=0.6)
            hint = f" (did you mean '{near[0]}'?)" if near else f" (allowed: {', '.join(allowed)})"
            raise ScenarioError(f"{path}: unknown column '{col}'{hint}")
    out: list[tuple[str, dict[str, str]]] = []
    seen: dict[str, int] = {}  # ward name -> its line
    most = int(BY_NAME["wards.n"].high)
    for i, row in enumerate(rows[head + 1 :], start=head + 2):
        if not any(c.strip() for c in row):
            continue
        if len(out) == most:
            raise ScenarioError(f"{path}: more than {most} wards (line {i}); wards.n allows at most {most}")
        if len(row) != len(header):
            raise ScenarioError(f"{path}: line {i} has {len(row)} cells, the header has {len(header)}")
        cell = dict(zip(header, (c.strip() for c in row), strict=True))
        if not cell["name"]:
            raise ScenarioError(f"{path}: line {i}: name is empty")
        if cell["name"] in seen:  # tables and briefs could not tell two such wards apart
            raise ScenarioError(f"{path}: line {i}: ward name {cell['name']!r} repeats line {seen[cell['name']]}")
        seen[cell["name"]] = i
        out.append((f"{path}: line {i}", cell))
    if not out:
        raise ScenarioError(f"{path}: {what} has a header but no wards")
    return out


def _maturity(cell: dict[str, str], col: str, where: str) -> str:
    mat = cell[col].lower().replace("_", " ")
    if mat not in MATURITY_LEVELS:
        raise ScenarioError(f"{where}: {col} = {cell[col]!r} must be one of {', '.join(MATURITY_LEVELS)}")
    return mat


def _optional(cell: dict[str, str], where: str, cols: dict[str, tuple[float, float]]) -> dict[str, Any]:
    return {c: (None if cell.get(c, "") == "" else _num(cell[c], where, c, lo, hi)) for c, (lo, hi) in cols.items()}


def load_wards_csv(path: str | Path) -> tuple[Ward, ...]:
    """Read wards from a CSV file (users' own data).

    Required columns: name, regency, maturity (tidak berdaya / berdaya / mandiri /
    madani), grant_received (Rp million), plan_items. Optional columns:
    managing_body, marketing_skill, coordination, market_access (0..1),
    grant_marketing (Rp million) and lat, lon (degrees, for maps); an empty cell means "draw
    from the scenario's distribution". Lines starting with ``#`` are comments.

    Args:
        path: The CSV file.

    Returns:
        The wards in file order.

    Raises:
        ScenarioError: On a missing file, missing column or bad cell, naming the
            file, line and column.
    """
    path = Path(path)
    wards: list[Ward] = []
    for where, cell in _csv_rows(path, "wards CSV file", _WARD_REQUIRED, _WARD_OPTIONAL):
        mat = _maturity(cell, "maturity", where)
        grant = _num(cell["grant_received"], where, "grant_received", 0.0, 100000.0)
        items = _num(cell["plan_items"], where, "plan_items", 0, 500, whole=True)
        opt = _optional(cell, where, _WARD_OPTIONAL)
        wards.append(Ward(cell["name"], cell["regency"] or "-", mat, grant, int(items), **opt))
    return tuple(wards)


def load_status_csv(path: str | Path) -> tuple[Ward, ...]:
    """Read wards and their state today from a ward-status CSV file, for a run that starts after the grant.

    Required columns: name, regency, bkm_status (tidak berdaya / berdaya / mandiri / madani),
    live_government and live_private (live partnerships with agencies and with firms: whole
    numbers), assets (Rp million) and asset_condition (0..1). Optional columns: capacity, managing_body,
    marketing_skill, coordination, market_access, fee_collection, trust (0..1), cash (Rp million),
    aware_government, aware_private (partners that know the programme, at least the live ones),
    plan_items (unfunded plan items; empty: ``wards.plan_items``) and lat, lon (degrees, for
    maps). An empty cell of a 0..1 quality means "draw from the scenario's distribution". Lines
    starting with ``#`` are comments. See ``docs/scenarios.md`` ("Starting from today").

    Args:
        path: The CSV file.

    Returns:
        The wards in file order, each with its :class:`WardStatus`; no grant (grant_received 0).

    Raises:
        ScenarioError: On a missing file, missing column or bad cell, naming the file, line and column.
    """
    path = Path(path)
    wards: list[Ward] = []
    for where, cell in _csv_rows(path, "ward-status CSV file", _STATUS_REQUIRED, _STATUS_OPTIONAL):
        mat = _maturity(cell, "bkm_status", where)
        opt = _optional(cell, where, _STATUS_OPTIONAL)
        if cell.get("plan_items", "") != "":
            opt["plan_items"] = _num(cell["plan_items"], where, "plan_items", 0, 500, whole=True)
        items = opt.pop("plan_items")
        live_government = int(_num(cell["live_government"], where, "live_government", 0, _MOST_PARTNERS, True))
        live_private = int(_num(cell["live_private"], where, "live_private", 0, _MOST_PARTNERS, True))
        opt.pop("aware_government"), opt.pop("aware_private")
        status = WardStatus(
            live_government=live_government,
            live_private=live_private,
            assets=_num(cell["assets"], where, "assets", 0.0, 100000.0),
            asset_condition=_num(cell["asset_condition"], where, "asset_condition", 0.0, 1.0),
            fee_collection=opt.pop("fee_collection"),
            trust=opt.pop("trust"),
            cash=opt.pop("cash"),
            capacity=opt.pop("capacity"),
            aware_government=_count(cell, "aware_government", where, live_government),
            aware_private=_count(cell, "aware_private", where, live_private),
            where=where,
        )
        plan = None if items is None else int(items)
        wards.append(Ward(cell["name"], cell["regency"] or "-", mat, 0.0, plan, **opt, status=status))
    return tuple(wards)


def _count(cell: dict[str, str], col: str, where: str, live: int) -> int | None:
    """An ``aware_*`` count: a whole number no smaller than the live partnerships of its sector, or None."""
    if cell.get(col, "") == "":
        return None
    n = int(_num(cell[col], where, col, 0, _MOST_PARTNERS, whole=True))
    if n < live:
        side = col.removeprefix("aware_")
        raise ScenarioError(f"{where}: {col} = {n} is less than live_{side} = {live} (a partner knows its partners)")
    return n


def _num(raw: str, where: str, col: str, lo: float, hi: float, whole: bool = False) -> float:
    try:
        x = float(raw)
    except ValueError:
        x = math.nan
    if not math.isfinite(x) or (whole and not x.is_integer()) or not lo <= x <= hi:
        what = "a whole number" if whole else "a number"
        raise ScenarioError(f"{where}: {col} = {raw!r} must be {what} in [{lo:g}, {hi:g}]")
    return x
