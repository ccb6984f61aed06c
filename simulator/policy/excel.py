"""The comparison's Excel brief (``brief.xlsx``): summary, effects, costs, wards and assumptions.

One sheet per table, headed in the brief's language (the words come from the text layer). Values
are rounded to the decimals the brief shows (an outcome's ``digits``, money to Rp 0.1 million)
and stored as numbers with an Excel number format (``#,##0.0``): Excel shows them with the
reader's own decimal and thousands separators, so an Indonesian Excel shows ``1.234,5``. The
first row is bold and frozen, and each column is as wide as its longest entry (up to a limit).

:func:`excel_sheets` builds the sheets (plain DataFrames with their formats), :func:`write_excel`
writes them with pandas' ``openpyxl`` engine, atomically.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from simulator.i18n import outcome_label, place_name, value_text
from simulator.i18n.brief_text import BRIEF
from simulator.params import BY_NAME
from simulator.policy.assumptions import assumptions_table
from simulator.policy.effects import BY_COLUMN
from simulator.policy.ward_effects import comparison_ward_effects
from simulator.store import atomic_path

if TYPE_CHECKING:
    from simulator.policy.compare import Comparison

MONEY_DIGITS = 1
"""Decimals of Rp million values."""

MAX_WIDTH = 60
"""Widest column (characters)."""


def number_format(digits: int) -> str:
    """The Excel number format with thousands separators and ``digits`` decimals (``#,##0.00``)."""
    return "#,##0" + ("." + "0" * digits if digits > 0 else "")


@dataclass
class Sheet:
    """One sheet of the workbook.

    Attributes:
        name: Sheet name (at most 31 characters).
        data: The table, headed in the reader's language.
        formats: Excel number format per column: one format, or one per row.
    """

    name: str
    data: pd.DataFrame
    formats: dict[str, str | list[str]] = field(default_factory=dict)


def _r(x: Any, digits: int, scale: float = 1.0) -> float:
    """``x * scale`` rounded to ``digits`` (NaN stays NaN, -0.0 becomes 0.0)."""
    v = float(x) * scale
    return v if math.isnan(v) else round(v, digits) + 0.0


def _summary(cmp: Comparison, lang: str) -> Sheet:
    t = BRIEF[lang]
    wards = cmp.scenario.n_wards
    eff: Any = cmp.effects.set_index(["policy", "outcome"])  # Any: pandas' stubs type .loc[row] loosely
    costs: Any = cmp.costs.set_index("policy")
    desc = {p.name: p.describe(lang) for p in cmp.policies}
    rows = []
    for p in cmp.policies:
        s, c = eff.loc[(p.name, "sustained_share_final")], costs.loc[p.name]
        row = {
            t["policy"]: p.name,
            t["cx_desc"]: desc.get(p.name, ""),
            t["cx_base_wards"]: _r(s["baseline"], 1, wards),
            t["cx_extra_wards"]: _r(s["diff"], 1, wards),
            t["cx_extra_low"]: _r(s["ci_low"], 1, wards),
            t["cx_extra_high"]: _r(s["ci_high"], 1, wards),
        }
        if (p.name, "partnerships_final") in eff.index:
            q = eff.loc[(p.name, "partnerships_final")]
            row.update(
                {
                    t["cx_partnerships"]: _r(q["diff"], 1),
                    t["cx_part_low"]: _r(q["ci_low"], 1),
                    t["cx_part_high"]: _r(q["ci_high"], 1),
                }
            )
        row[t["cx_better"]] = _r(s["p_better"], 0, 100)
        row[t["cx_cost_total"]] = _r(c["cost_total"], MONEY_DIGITS)
        row[t["cx_cost_per_extra"]] = _r(c["cost_per_extra_ward"], MONEY_DIGITS)
        rows.append(row)
    df = pd.DataFrame(rows)
    fmts: dict[str, str | list[str]] = {c: number_format(1) for c in df.columns[2:]}
    fmts[t["cx_better"]] = number_format(0)
    return Sheet(t["cx_s_summary"], df, fmts)


def _effects(cmp: Comparison, lang: str) -> Sheet:
    t = BRIEF[lang]
    known = {"policy", "outcome", "baseline", "policy_mean", "diff", "ci_low", "ci_high", "p_better", "n"}
    rows, per_row = [], []
    for _, e in cmp.effects.iterrows():
        o = BY_COLUMN.get(str(e["outcome"]))
        d, s = (o.digits, o.scale) if o is not None else (3, 1.0)
        row: dict[str, Any] = {
            t["policy"]: e["policy"],
            t["cx_outcome"]: outcome_label(str(e["outcome"]), lang) if o is not None else e["outcome"],
        }
        row.update({c: e[c] for c in cmp.effects.columns if c not in known})  # e.g. a horizon
        row.update(
            {
                t["cx_baseline"]: _r(e["baseline"], d, s),
                t["cx_with_policy"]: _r(e["policy_mean"], d, s),
                t["cx_change"]: _r(e["diff"], d, s),
                t["cx_low"]: _r(e["ci_low"], d, s),
                t["cx_high"]: _r(e["ci_high"], d, s),
                t["cx_better"]: _r(e["p_better"], 0, 100),
                t["cx_pairs"]: int(e["n"]),
            }
        )
        rows.append(row)
        per_row.append(number_format(d))
    df = pd.DataFrame(rows)
    fmts: dict[str, str | list[str]] = {
        t[k]: per_row for k in ("cx_baseline", "cx_with_policy", "cx_change", "cx_low", "cx_high")
    }
    fmts[t["cx_better"]] = number_format(0)
    fmts[t["cx_pairs"]] = number_format(0)
    return Sheet(t["cx_s_effects"], df, fmts)


_COST_COLUMNS = (
    ("cost_total", "cx_cost_total"),
    ("extra_cost", "cx_extra_cost"),
    ("cost_per_ward_year", "cx_cost_pwy"),
    ("extra_wards", "cx_extra_wards"),
    ("extra_wards_low", "cx_extra_low"),
    ("extra_wards_high", "cx_extra_high"),
    ("cost_per_extra_ward", "cx_cost_per_extra"),
    ("cost_per_extra_ward_low", "cx_cpe_low"),
    ("cost_per_extra_ward_high", "cx_cpe_high"),
)


def _costs(cmp: Comparison, lang: str) -> Sheet:
    t = BRIEF[lang]
    rows = []
    for _, c in cmp.costs.iterrows():
        row: dict[str, Any] = {t["policy"]: c["policy"], t["cx_active_years"]: int(c["active_years"])}
        for col, key in _COST_COLUMNS:
            row[t[key]] = _r(c[col], 1 if col.startswith("extra_wards") else MONEY_DIGITS)
        note = str(c.get("note", ""))
        row[t["cx_note"]] = t["cpw_na"] if note.startswith("undefined") else t["cpw_free"] if note else ""
        rows.append(row)
    df = pd.DataFrame(rows)
    fmts: dict[str, str | list[str]] = {c: number_format(1) for c in df.columns[2:-1]}
    fmts[t["cx_active_years"]] = number_format(0)
    return Sheet(t["cx_s_costs"], df, fmts)


def _per_year(per_year: pd.DataFrame, lang: str) -> Sheet:
    """A year-by-year table as it is (its numbers to Rp 0.1 million, years without separators)."""
    df = per_year.copy()
    fmts: dict[str, str | list[str]] = {}
    for c in df.columns:
        if pd.api.types.is_float_dtype(df[c]):
            df[c] = [_r(x, MONEY_DIGITS) for x in df[c]]
            fmts[str(c)] = number_format(MONEY_DIGITS)
    return Sheet(BRIEF[lang]["cx_s_per_year"], df, fmts)


def _wards(eff: pd.DataFrame, lang: str) -> Sheet:
    t = BRIEF[lang]
    cols: list[tuple[str, str, int, float]] = [
        ("n", "cx_pairs", 0, 1.0),
        ("sustained_baseline", "cx_w_sus_base", 0, 100.0),
        ("sustained_policy", "cx_w_sus_pol", 0, 100.0),
        ("sustained_diff", "cx_w_sus_diff", 0, 100.0),
        ("sustained_low", "cx_low", 0, 100.0),
        ("sustained_high", "cx_high", 0, 100.0),
        ("sustained_years_baseline", "cx_w_years_base", 1, 1.0),
        ("sustained_years_diff", "cx_w_years_diff", 1, 1.0),
        ("partnerships_baseline", "cx_w_part_base", 1, 1.0),
        ("partnerships_diff", "cx_w_part_diff", 1, 1.0),
    ]
    df = pd.DataFrame(
        {
            t["policy"]: eff["policy"],
            t["cw_ward"]: [place_name(str(w), lang) for w in eff["ward"]],
            t["cw_regency"]: [place_name(str(r), lang) for r in eff["regency"]],
        }
    )
    fmts: dict[str, str | list[str]] = {}
    for c in ("lat", "lon"):
        if c in eff.columns:
            df[t[f"cx_{c}"]] = eff[c].round(6)
            fmts[t[f"cx_{c}"]] = number_format(6)
    for col, key, d, s in cols:
        df[t[key]] = [_r(x, d, s) for x in eff[col]]
        fmts[t[key]] = number_format(d)
    return Sheet(t["cx_s_wards"], df, fmts)


def _assumptions(tab: pd.DataFrame, lang: str) -> Sheet:
    t = BRIEF[lang]
    values: list[Any] = []
    for name, v in zip(tab["parameter"], tab["value"], strict=True):
        p = BY_NAME[name]
        values.append(value_text(p, v, lang) if p.kind in ("bool", "choice") else float(v))
    df = pd.DataFrame(
        {
            t["cx_group"]: [t[f"ca_{g}"] for g in tab["group"]],
            t["policy"]: tab["policy"],
            t["ca_param"]: tab["label"],
            t["cx_name"]: tab["parameter"],
            t["ca_value"]: values,
            t["ca_unit"]: tab["unit"],
            t["ca_source"]: tab["source"],
        }
    )
    if tab["low"].notna().any():
        df[t["cx_range_low"]] = tab["low"]
        df[t["cx_range_high"]] = tab["high"]
    return Sheet(t["cx_s_assumptions"], df, {})


def excel_sheets(
    cmp: Comparison,
    lang: str = "en",
    *,
    ward_eff: pd.DataFrame | None = None,
    assumptions: pd.DataFrame | None = None,
    per_year: pd.DataFrame | None = None,
) -> list[Sheet]:
    """The workbook's sheets: summary, effects, costs per year (or costs), wards, assumptions.

    Args:
        cmp: The comparison.
        lang: Language of the sheet names and headers (``en`` or ``id``).
        ward_eff: Its ward effects (:func:`simulator.policy.ward_effects.ward_effects`); no sheet when None or empty.
        assumptions: Its assumptions table (:func:`simulator.policy.assumptions.assumptions_table`), or None.
        per_year: A year-by-year cost table; when given it replaces the costs sheet.

    Returns:
        The sheets, in order.
    """
    sheets = [_summary(cmp, lang), _effects(cmp, lang)]
    sheets.append(_per_year(per_year, lang) if per_year is not None else _costs(cmp, lang))
    if ward_eff is not None and not ward_eff.empty:
        sheets.append(_wards(ward_eff, lang))
    if assumptions is not None:
        sheets.append(_assumptions(assumptions, lang))
    return sheets


def _width(values: list[Any], fmt: str | list[str] | None) -> int:
    def text(v: Any, f: str | None) -> str:
        if isinstance(v, float) and f is not None:
            d = len(f.split(".", 1)[1]) if "." in f else 0
            return f"{v:,.{d}f}" if not math.isnan(v) else ""
        return str(v)

    fs = fmt if isinstance(fmt, list) else [fmt] * len(values)
    return max((len(text(v, f)) for v, f in zip(values, fs, strict=True)), default=0)


def write_excel(sheets: list[Sheet], path: Path) -> None:
    """Write the sheets to one workbook atomically: bold frozen header, number formats, column widths.

    Args:
        sheets: The sheets.
        path: The ``.xlsx`` file.
    """
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    with atomic_path(Path(path)) as tmp, pd.ExcelWriter(tmp, engine="openpyxl") as xw:
        for sh in sheets:
            name = sh.name[:31]
            sh.data.to_excel(xw, sheet_name=name, index=False)
            ws = xw.sheets[name]
            ws.freeze_panes = "A2"
            for j, col in enumerate(sh.data.columns, start=1):
                head = ws.cell(row=1, column=j)
                head.font = Font(bold=True)
                head.alignment = Alignment(wrap_text=True, vertical="top")
                fmt = sh.formats.get(str(col))
                for i in range(len(sh.data)):
                    f = fmt[i] if isinstance(fmt, list) else fmt
                    if f is not None:
                        ws.cell(row=i + 2, column=j).number_format = f
                width = max(min(len(str(col)), 28), _width(list(sh.data[col]), fmt)) + 2
                ws.column_dimensions[get_column_letter(j)].width = min(width, MAX_WIDTH)


def write_comparison_excel(cmp: Comparison, out: Path, lang: str = "en") -> list[str]:
    """Write a comparison's ``brief.xlsx`` into ``out`` (see :func:`excel_sheets`).

    A year-by-year cost table on the comparison (attribute ``budget``), when there is one, becomes
    the costs-per-year sheet; the wards sheet holds :func:`~simulator.policy.ward_effects.ward_effects`
    and the assumptions sheet :func:`~simulator.policy.assumptions.assumptions_table`.

    Returns:
        The files written, relative to ``out``.
    """
    per_year = getattr(cmp, "budget", None)
    sheets = excel_sheets(
        cmp,
        lang,
        ward_eff=comparison_ward_effects(cmp),
        assumptions=assumptions_table(cmp.scenario, cmp.policies, lang=lang),
        per_year=per_year if isinstance(per_year, pd.DataFrame) else None,
    )
    write_excel(sheets, out / "brief.xlsx")
    return ["brief.xlsx"]


__all__ = ["MONEY_DIGITS", "Sheet", "excel_sheets", "number_format", "write_comparison_excel", "write_excel"]
