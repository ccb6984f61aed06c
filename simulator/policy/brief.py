"""Policy briefs: one Markdown page and one self-contained HTML page a planner can circulate.

``compare_brief`` and ``whatif_brief`` turn results into a :class:`Brief` (Markdown
text plus the plots it shows), in English (``en``) or Bahasa Indonesia (``id``);
``write_brief`` writes ``brief.md`` and ``brief.html`` (the plots embedded as
PNG data, so the HTML file can be mailed on its own).
"""

from __future__ import annotations

import base64
import html
import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from simulator.store import now

if TYPE_CHECKING:
    from simulator.policy.compare import Comparison
    from simulator.policy.whatif import WhatIf

LANGS = ("en", "id")


@dataclass
class Brief:
    """A policy brief.

    Attributes:
        title: Page title.
        markdown: The page as Markdown; images are referenced relative to the output folder.
        lang: ``en`` or ``id``.
    """

    title: str
    markdown: str
    lang: str = "en"


# --------------------------------------------------------------------------- words and numbers

T: dict[str, dict[str, Any]] = {
    "en": {
        "c_title": "Policy brief: {policies} in {scenario}",
        "meta": "{date} · PLPBK partnership simulator {version} · {runs}",
        "c_runs": "{seeds} paired runs per option",
        "c_ensemble": "Effects include parameter uncertainty: every option ran on each of the {n} parameter sets "
        "the calibration accepted, with {seeds} paired seeds per set.",
        "w_ensemble": "Results include parameter uncertainty: every option ran in every future on each of the {n} "
        "parameter sets the calibration accepted, with {seeds} paired seeds per set.",
        "summary": "Summary",
        "c_intro": "This brief compares {n} policy package(s) with the **baseline** (no new policy) in the "
        "**{scenario}** scenario: {wards} wards over {years} years ({start}–{end}). Every option was simulated on "
        "the same {seeds} random futures (paired seeds), so the differences below come from the policy, not "
        "from chance.",
        "c_bullet": "**{name}** ({desc}): {extra} more of the {wards} wards keep a sustained programme in {end} "
        "(95% interval {lo} to {hi}; baseline {base} wards). It did better than the baseline in {better} of the "
        "paired runs. Cost: {cost} over the {act} years it acts ({pwy} per ward per year); {cpw}.",
        "cpw": "about {x} per additional sustained ward (range {lo} to {hi})",
        "cpw_na": "cost per additional sustained ward not defined, because the gain is not certain",
        "cpw_free": "no extra cost",
        "c_cheapest": "Lowest cost per additional sustained ward: **{name}** ({x}).",
        "c_effects": "What each policy changes",
        "c_effects_intro": "Difference policy − baseline in the final year (mean over paired runs, 95% interval in "
        "brackets). In bold: the interval excludes zero.",
        "policy": "Policy",
        "o_sustained_share_final": "Sustained programmes (% of wards)",
        "o_partnerships_final": "Partnerships alive",
        "o_aid_total": "Aid mobilised (Rp million, all years)",
        "o_mean_trust_final": "Partners' trust (0–1)",
        "better_col": "Sustained share better than baseline (runs)",
        "c_costs": "Cost and value for money",
        "c_costs_intro": "Public cost of the policy's levers (assumed unit costs, see below) and cost per additional "
        "ward whose programme is sustained in the final year.",
        "cost_total": "Cost, whole period",
        "cost_pwy": "Per ward per year (while it acts)",
        "extra_wards": "Additional sustained wards [95%]",
        "cost_per_extra": "Cost per additional sustained ward",
        "undefined": "not defined",
        "c_paths": "Over time",
        "c_paths_intro": "Baseline (dashed) and policy (solid): mean and the range of 90% of paired runs.",
        "how": "How to read this brief",
        "c_how": [
            "**Paired runs.** Each option is simulated with the same random seeds (common random numbers): the same "
            "chance events happen under every option, so a difference is the policy's effect. The 95% interval is "
            "a bootstrap interval over the paired differences; 'better than baseline' is the share of paired runs in "
            "which the policy's outcome is higher (ties count half).",
            "**Costs are assumptions.** Each lever has a unit cost (`levers.X_cost`, Rp million per ward per year at "
            "full size; see `plpbk params --role lever`), scaled by the lever's size and counted for every ward and "
            "every year from its start year; per ward per year is averaged over the years the policy acts. "
            "Only public lever costs are counted, not partners' aid. Change them in "
            "the policy file. The cost per additional sustained ward is the extra cost divided by the extra wards "
            "sustained in the final year; it is left undefined when the interval of the gain reaches zero.",
            "**A model, not a forecast.** The simulator reproduces the study's qualitative patterns; use these numbers "
            "to compare options, not as predictions for a given ward.",
        ],
        "reproduce": "Reproduce with:",
        "bn": "Rp {x} billion",
        "mn": "Rp {x} million",
        "of_runs": "{k} of {n}",
        # what-if
        "w_title": "Policy brief: which policy holds up under uncertainty? ({name})",
        "w_runs": "{futures} futures × {seeds} paired seeds per option",
        "w_intro": "We tested {n} policy package(s) against the **baseline** (no new policy) in {scen} across "
        "{futures} possible futures: combinations of {k} conditions the policies cannot control ({factors}), "
        "drawn by Latin hypercube sampling. Each option ran in every future on the same {seeds} random seeds. "
        "**Target:** {target} in the final year.",
        "w_most_robust": "**Most robust: {name}**, meets the target in {share} of futures (mean regret {regret}), "
        "at {pwy} per ward per year.",
        "w_cheaper": "A cheaper option that meets the target in at least {share} of futures: **{name}** "
        "({pwy} per ward per year).",
        "w_stab": "**Ranking:** Kendall's W = {w} ({verdict}); {winner} is the best option in {share} of futures.",
        "w_stable": "the order of the options is the same in almost every future",
        "w_mostly": "the order of the options is mostly stable",
        "w_unstable": "the order of the options changes from future to future",
        "w_fails": "**Where it fails:**",
        "w_fail": "**{name}** misses the target in {k} of {n} futures; {cov} of those misses lie where {box} "
        "(in that region it misses in {dens} of futures).",
        "w_fail_nobox": "**{name}** misses the target in {k} of {n} futures, with no simple region that explains them.",
        "w_never": "**{name}** meets the target in every future.",
        "w_always": "**{name}** misses the target in every future.",
        "w_table": "Robustness of each option",
        "option": "Option",
        "meets": "Meets target (% of futures)",
        "mean_out": "Mean outcome{unit}",
        "regret_mean": "Mean regret{runit}",
        "regret_max": "Worst regret{runit}",
        "u_share": " (% of wards)",
        "u_pts": " (points)",
        "w_value": "**Most robustness per rupiah: {name}** adds {gain} of futures meeting the target over the "
        "baseline for {pwy} per ward per year ({ratio} per Rp million per ward per year).",
        "pp": "{x} percentage points",
        "best_share": "Best option in (% of futures)",
        "w_figs": "Figures",
        "w_fig_rob": "Share of futures in which each option meets the target (headline).",
        "w_fig_reg": "Regret: how far each option falls behind the best option of each future.",
        "w_fig_fail": "Futures that miss (×) and meet (o) the target, with the region found by PRIM (dashed box).",
        "w_how": [
            "**Futures.** Each future is one combination of the uncertain conditions; each option's outcome in a "
            "future is the mean over the paired seeds.",
            "**Robustness (satisficing)** is the share of futures in which an option meets the target. **Regret** "
            "is, in each future, the best option's outcome minus this option's (0 for the best).",
            "**Kendall's W** measures how much the futures agree on the order of the options (0 = no agreement, "
            "1 = the same order everywhere).",
            "**Where it fails** comes from scenario discovery with PRIM (Friedman & Fisher 1999; Bryant & Lempert "
            "2010): a box over the uncertain conditions holding most of an option's failures. *Coverage* is the "
            "share of all its failures inside the box; *density* the share of futures inside the box that fail.",
            "**Costs** use the levers' assumed unit costs (`levers.X_cost`), as in `plpbk compare`.",
            "**A model, not a forecast:** compare options; do not read the numbers as predictions.",
        ],
        "target_share": "at least {x}% of wards keep a sustained programme",
        "target_other": "{label} at least {x}",
        "pts": "{x} points",
    },
    "id": {
        "c_title": "Ringkasan kebijakan: {policies} di {scenario}",
        "meta": "{date} · Simulator kemitraan PLPBK {version} · {runs}",
        "c_runs": "{seeds} simulasi berpasangan per pilihan",
        "c_ensemble": "Dampak sudah mencakup ketidakpastian parameter: setiap pilihan disimulasikan pada "
        "masing-masing dari {n} kumpulan nilai parameter yang lolos kalibrasi, dengan {seeds} bilangan acak awal "
        "(seed) berpasangan per kumpulan.",
        "w_ensemble": "Hasil sudah mencakup ketidakpastian parameter: setiap pilihan disimulasikan di setiap masa "
        "depan pada masing-masing dari {n} kumpulan nilai parameter yang lolos kalibrasi, dengan {seeds} bilangan "
        "acak awal (seed) berpasangan per kumpulan.",
        "summary": "Ringkasan",
        "c_intro": "Ringkasan ini membandingkan {n} paket kebijakan dengan **kondisi dasar** (tanpa kebijakan baru) "
        "pada skenario **{scenario}**: {wards} kelurahan selama {years} tahun ({start}–{end}). Setiap pilihan "
        "disimulasikan pada {seeds} masa depan acak yang sama (benih berpasangan), sehingga perbedaan di bawah ini "
        "berasal dari kebijakan, bukan dari kebetulan.",
        "c_bullet": "**{name}** ({desc}): {extra} kelurahan tambahan (dari {wards} kelurahan) mempertahankan "
        "program berkelanjutan pada {end} (selang 95%: {lo} sampai {hi}; kondisi dasar {base} kelurahan). "
        "Kebijakan ini lebih baik daripada kondisi dasar pada {better} simulasi berpasangan. Biaya: {cost} selama "
        "{act} tahun masa berlakunya ({pwy} per kelurahan per tahun); {cpw}.",
        "cpw": "sekitar {x} per tambahan kelurahan dengan program berkelanjutan (rentang {lo} sampai {hi})",
        "cpw_na": "biaya per tambahan kelurahan berkelanjutan tidak dapat dihitung karena hasilnya belum pasti",
        "cpw_free": "tanpa biaya tambahan",
        "c_cheapest": "Biaya terendah per tambahan kelurahan berkelanjutan: **{name}** ({x}).",
        "c_effects": "Apa yang diubah setiap kebijakan",
        "c_effects_intro": "Selisih kebijakan − kondisi dasar pada tahun terakhir (rata-rata simulasi berpasangan, "
        "selang 95% dalam kurung). Cetak tebal: selang tidak mencakup nol.",
        "policy": "Kebijakan",
        "o_sustained_share_final": "Program berkelanjutan (% kelurahan)",
        "o_partnerships_final": "Kemitraan aktif",
        "o_aid_total": "Bantuan yang dimobilisasi (Rp juta, semua tahun)",
        "o_mean_trust_final": "Kepercayaan mitra (0–1)",
        "better_col": "Program berkelanjutan lebih baik dari kondisi dasar (simulasi)",
        "c_costs": "Biaya dan efektivitas biaya",
        "c_costs_intro": "Biaya publik dari tuas kebijakan (biaya satuan asumsi, lihat di bawah) dan biaya per "
        "tambahan kelurahan yang programnya berkelanjutan pada tahun terakhir.",
        "cost_total": "Biaya, seluruh periode",
        "cost_pwy": "Per kelurahan per tahun (selama berlaku)",
        "extra_wards": "Tambahan kelurahan berkelanjutan [95%]",
        "cost_per_extra": "Biaya per tambahan kelurahan berkelanjutan",
        "undefined": "tidak dapat dihitung",
        "c_paths": "Dari waktu ke waktu",
        "c_paths_intro": "Kondisi dasar (garis putus-putus) dan kebijakan (garis utuh): rata-rata dan rentang 90% "
        "simulasi berpasangan.",
        "how": "Cara membaca ringkasan ini",
        "c_how": [
            "**Simulasi berpasangan.** Setiap pilihan disimulasikan dengan benih acak yang sama (common random "
            "numbers): kejadian kebetulan yang sama terjadi pada setiap pilihan, sehingga selisihnya adalah dampak "
            "kebijakan. Selang 95% adalah selang bootstrap atas selisih berpasangan; 'lebih baik dari kondisi dasar' "
            "adalah bagian simulasi berpasangan di mana hasil kebijakan lebih tinggi (hasil seri dihitung setengah).",
            "**Biaya adalah asumsi.** Setiap tuas memiliki biaya satuan (`levers.X_cost`, Rp juta per kelurahan per "
            "tahun pada ukuran penuh; lihat `plpbk params --role lever`), dikalikan ukuran tuas dan dihitung untuk "
            "setiap kelurahan dan setiap tahun sejak tahun mulainya; biaya per kelurahan per tahun dirata-ratakan atas "
            "tahun-tahun kebijakan berlaku. Hanya biaya publik tuas yang dihitung, bukan "
            "bantuan mitra. Ubah nilainya di berkas kebijakan. Biaya per tambahan kelurahan berkelanjutan adalah "
            "biaya tambahan dibagi tambahan kelurahan berkelanjutan pada tahun terakhir; tidak dihitung bila selang "
            "hasilnya mencapai nol.",
            "**Model, bukan ramalan.** Simulator ini mereproduksi pola kualitatif dari studi; gunakan angka-angka ini "
            "untuk membandingkan pilihan, bukan sebagai prediksi untuk kelurahan tertentu.",
        ],
        "reproduce": "Ulangi dengan:",
        "bn": "Rp {x} miliar",
        "mn": "Rp {x} juta",
        "of_runs": "{k} dari {n}",
        "w_title": "Ringkasan kebijakan: kebijakan mana yang tangguh dalam ketidakpastian? ({name})",
        "w_runs": "{futures} masa depan × {seeds} benih berpasangan per pilihan",
        "w_intro": "Kami menguji {n} paket kebijakan terhadap **kondisi dasar** (tanpa kebijakan baru) pada {scen} "
        "di {futures} kemungkinan masa depan: kombinasi dari {k} kondisi yang tidak dapat dikendalikan kebijakan "
        "({factors}), diambil dengan Latin hypercube sampling. Setiap pilihan dijalankan di setiap masa depan dengan "
        "{seeds} benih acak yang sama. **Target:** {target} pada tahun terakhir.",
        "w_most_robust": "**Paling tangguh: {name}**, memenuhi target di {share} masa depan (rata-rata penyesalan "
        "{regret}), dengan biaya {pwy} per kelurahan per tahun.",
        "w_cheaper": "Pilihan lebih murah yang memenuhi target di sedikitnya {share} masa depan: **{name}** "
        "({pwy} per kelurahan per tahun).",
        "w_stab": "**Peringkat:** W Kendall = {w} ({verdict}); {winner} adalah pilihan terbaik di {share} masa depan.",
        "w_stable": "urutan pilihan sama di hampir semua masa depan",
        "w_mostly": "urutan pilihan cukup stabil",
        "w_unstable": "urutan pilihan berubah dari satu masa depan ke masa depan lain",
        "w_fails": "**Di mana kebijakan gagal:**",
        "w_fail": "**{name}** tidak memenuhi target di {k} dari {n} masa depan; {cov} dari kegagalan itu terjadi "
        "ketika {box} (di wilayah itu gagal di {dens} masa depan).",
        "w_fail_nobox": "**{name}** tidak memenuhi target di {k} dari {n} masa depan, tanpa wilayah sederhana yang "
        "menjelaskannya.",
        "w_never": "**{name}** memenuhi target di semua masa depan.",
        "w_always": "**{name}** tidak memenuhi target di semua masa depan.",
        "w_table": "Ketangguhan setiap pilihan",
        "option": "Pilihan",
        "meets": "Memenuhi target (% masa depan)",
        "mean_out": "Rata-rata hasil{unit}",
        "regret_mean": "Rata-rata penyesalan{runit}",
        "regret_max": "Penyesalan terburuk{runit}",
        "u_share": " (% kelurahan)",
        "u_pts": " (poin)",
        "w_value": "**Ketangguhan terbanyak per rupiah: {name}** menambah {gain} masa depan yang memenuhi target "
        "dibanding kondisi dasar dengan biaya {pwy} per kelurahan per tahun ({ratio} per Rp juta per kelurahan "
        "per tahun).",
        "pp": "{x} poin persentase",
        "best_share": "Pilihan terbaik di (% masa depan)",
        "w_figs": "Gambar",
        "w_fig_rob": "Bagian masa depan di mana setiap pilihan memenuhi target (gambar utama).",
        "w_fig_reg": "Penyesalan: seberapa jauh setiap pilihan tertinggal dari pilihan terbaik di setiap masa depan.",
        "w_fig_fail": "Masa depan yang gagal (×) dan memenuhi (o) target, dengan wilayah yang ditemukan PRIM "
        "(kotak putus-putus).",
        "w_how": [
            "**Masa depan.** Setiap masa depan adalah satu kombinasi kondisi yang tidak pasti; hasil setiap pilihan "
            "di satu masa depan adalah rata-rata atas benih berpasangan.",
            "**Ketangguhan (satisficing)** adalah bagian masa depan di mana suatu pilihan memenuhi target. "
            "**Penyesalan (regret)** adalah, di setiap masa depan, hasil pilihan terbaik dikurangi hasil pilihan "
            "ini (0 untuk yang terbaik).",
            "**W Kendall** mengukur seberapa sepakat masa-masa depan tentang urutan pilihan (0 = tidak sepakat, "
            "1 = urutan sama di mana-mana).",
            "**Di mana kebijakan gagal** berasal dari penemuan skenario dengan PRIM (Friedman & Fisher 1999; Bryant "
            "& Lempert 2010): sebuah kotak atas kondisi tidak pasti yang memuat sebagian besar kegagalan suatu "
            "pilihan. *Cakupan (coverage)* adalah bagian semua kegagalannya yang berada di dalam kotak; *kepadatan "
            "(density)* adalah bagian masa depan di dalam kotak yang gagal.",
            "**Biaya** memakai biaya satuan asumsi dari tuas (`levers.X_cost`), seperti pada `plpbk compare`.",
            "**Model, bukan ramalan:** bandingkan pilihan; jangan membaca angka sebagai prediksi.",
        ],
        "target_share": "sedikitnya {x}% kelurahan mempertahankan program berkelanjutan",
        "target_other": "{label} sedikitnya {x}",
        "pts": "{x} poin",
    },
}

PARAM_LABELS: dict[str, dict[str, str]] = {
    "en": {
        "bkm.managing_body": "managing-body effectiveness",
        "firms.responsiveness": "firms' responsiveness",
        "government.responsiveness": "agencies' responsiveness",
        "government.budget_per_ward": "government budget per ward",
        "firms.csr_budget_per_ward": "CSR budget per ward",
        "trust.initial": "initial trust",
        "bkm.coordination": "BKM-government coordination",
        "bkm.marketing_skill": "marketing-team skill",
        "assets.decay": "asset decay",
        "bkm.erosion_rate": "BKM capacity erosion",
    },
    "id": {
        "bkm.managing_body": "efektivitas badan pengelola",
        "firms.responsiveness": "tanggapan perusahaan",
        "government.responsiveness": "tanggapan dinas",
        "government.budget_per_ward": "anggaran pemerintah per kelurahan",
        "firms.csr_budget_per_ward": "anggaran CSR per kelurahan",
        "trust.initial": "kepercayaan awal",
        "bkm.coordination": "koordinasi BKM-pemerintah",
        "bkm.marketing_skill": "keterampilan tim pemasaran",
        "assets.decay": "penyusutan aset",
        "bkm.erosion_rate": "penurunan kapasitas BKM",
    },
}


PLOT: dict[str, dict[str, str]] = {
    "en": {
        "year": "year",
        "t_sustained_share": "sustained programmes",
        "t_partnerships_active": "partnerships alive",
        "t_aid_total": "aid mobilised",
        "t_mean_trust_partner": "trust",
        "y_sustained_share": "wards with a sustained programme (%)",
        "y_partnerships_active": "partnerships alive (count)",
        "y_aid_total": "aid delivered (Rp million / year)",
        "y_mean_trust_partner": "partners' mean trust (0-1)",
        "e_sustained_share_final": "sustained programmes\n(% of wards, final year)",
        "e_partnerships_final": "partnerships alive\n(count, final year)",
        "e_aid_total": "aid mobilised\n(Rp million, all years)",
        "e_mean_trust_final": "partners' trust\n(0-1, final year)",
        "starts": "policy starts",
        "paths": "{policy} vs {baseline}: mean and 5-95% band over {n} paired seeds",
        "effects": "Paired difference policy - baseline (mean, 95% bootstrap interval)",
        "no_cost": "no cost",
        "cost": "Rp {x} m/ward/yr",
        "wards": "{name} ({n} wards)",
        "met_axis": "futures in which the target is met (%)",
        "robust": "Robustness. Target: {target} in the final year; over {futures} futures x {seeds} seeds",
        "target_share": "at least {x}% of wards keep a sustained programme",
        "regret_axis": "regret: best option minus this one\n({label})",
        "regret": "Regret across {futures} futures (0 = the best option in that future)",
        "share_label": "wards with a sustained programme (%)",
        "meets": "meets",
        "misses": "misses",
        "misses_k": "{o}: misses {k}/{n}",
        "box": "box: coverage {c}, density {d}",
        "never": "never misses",
        "always": "misses in every future",
        "failures": "{scenario}: futures that miss the target ({target}) and PRIM boxes",
    },
    "id": {
        "year": "tahun",
        "t_sustained_share": "program berkelanjutan",
        "t_partnerships_active": "kemitraan aktif",
        "t_aid_total": "bantuan yang dimobilisasi",
        "t_mean_trust_partner": "kepercayaan",
        "y_sustained_share": "kelurahan dengan program berkelanjutan (%)",
        "y_partnerships_active": "kemitraan aktif (jumlah)",
        "y_aid_total": "bantuan tersalurkan (Rp juta / tahun)",
        "y_mean_trust_partner": "rata-rata kepercayaan mitra (0-1)",
        "e_sustained_share_final": "program berkelanjutan\n(% kelurahan, tahun terakhir)",
        "e_partnerships_final": "kemitraan aktif\n(jumlah, tahun terakhir)",
        "e_aid_total": "bantuan yang dimobilisasi\n(Rp juta, semua tahun)",
        "e_mean_trust_final": "kepercayaan mitra\n(0-1, tahun terakhir)",
        "starts": "kebijakan mulai",
        "paths": "{policy} vs {baseline}: rata-rata dan rentang 5-95% atas {n} benih berpasangan",
        "effects": "Selisih berpasangan kebijakan - kondisi dasar (rata-rata, selang bootstrap 95%)",
        "no_cost": "tanpa biaya",
        "cost": "Rp {x} jt/kel./thn",
        "wards": "{name} ({n} kelurahan)",
        "met_axis": "masa depan yang memenuhi target (%)",
        "robust": "Ketangguhan. Target: {target} pada tahun terakhir; {futures} masa depan x {seeds} benih",
        "target_share": "sedikitnya {x}% kelurahan mempertahankan program berkelanjutan",
        "regret_axis": "penyesalan: pilihan terbaik dikurangi pilihan ini\n({label})",
        "regret": "Penyesalan di {futures} masa depan (0 = pilihan terbaik di masa depan itu)",
        "share_label": "kelurahan dengan program berkelanjutan (%)",
        "meets": "memenuhi",
        "misses": "gagal",
        "misses_k": "{o}: gagal {k}/{n}",
        "box": "kotak: cakupan {c}, kepadatan {d}",
        "never": "tidak pernah gagal",
        "always": "gagal di semua masa depan",
        "failures": "{scenario}: masa depan yang gagal mencapai target ({target}) dan kotak PRIM",
    },
}
"""Plot labels in English and Bahasa Indonesia."""


def plot_text(lang: str, key: str, **kw: object) -> str:
    """A plot label in the language (falls back to English)."""
    table = PLOT.get(lang, PLOT["en"])
    return table.get(key, PLOT["en"][key]).format(**kw)


def check_lang(lang: str) -> str:
    """Return ``lang`` if it is supported.

    Raises:
        ValueError: For a language other than ``en`` or ``id``.
    """
    if lang not in LANGS:
        raise ValueError(f"language {lang!r}: choose one of {', '.join(LANGS)}")
    return lang


def num(x: float, digits: int, lang: str) -> str:
    """Format a number with thousands separators in the language's style (id: 1.234,5)."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "–"
    s = f"{x:,.{digits}f}"
    if lang == "id":
        s = s.replace(",", "_").replace(".", ",").replace("_", ".")
    return s.replace("-", "−")


def pct(x: float, lang: str, digits: int = 0) -> str:
    """A share 0..1 as a percentage."""
    return num(100 * x, digits, lang) + "%"


def money(x_million: float, lang: str) -> str:
    """Rp million as 'Rp 3.6 billion' or 'Rp 250 million' (or 'Rp 3,6 miliar')."""
    if abs(x_million) >= 1000:
        return T[lang]["bn"].format(x=num(x_million / 1000, 1, lang))
    return T[lang]["mn"].format(x=num(x_million, 1 if abs(x_million) < 100 else 0, lang))


def _table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(lines)


def _meta(lang: str, runs: str) -> str:
    from simulator import __version__

    return "*" + T[lang]["meta"].format(date=now()[:10], version=__version__, runs=runs) + "*"


# --------------------------------------------------------------------------- compare


def compare_brief(cmp: Comparison, lang: str = "en") -> Brief:
    """The brief of a paired comparison.

    Args:
        cmp: The comparison.
        lang: ``en`` or ``id``.

    Returns:
        The brief (images under ``plots/``).
    """
    from simulator.policy.compare import BY_COLUMN

    t = T[check_lang(lang)]
    sc = cmp.scenario
    wards, years = sc.n_wards, int(sc.values["time.years"])
    start = int(sc.values["time.start_year"])
    end = start + years - 1
    eff = cmp.effects
    costs = cmp.costs.set_index("policy")
    desc = {p.name: p.description for p in cmp.policies}
    title = t["c_title"].format(policies=", ".join(p.name for p in cmp.policies), scenario=sc.name)
    pairs = cmp.seeds * (cmp.ensemble.n if cmp.ensemble is not None else 1)  # every set runs the same seeds
    md = [f"# {title}", "", _meta(lang, t["c_runs"].format(seeds=pairs)), "", f"## {t['summary']}", ""]
    intro = t["c_intro"].format(
        n=len(cmp.policies), scenario=sc.name, wards=wards, years=years, start=start, end=end, seeds=cmp.seeds
    )
    if cmp.ensemble is not None:
        intro += " " + t["c_ensemble"].format(n=cmp.ensemble.n, seeds=cmp.seeds)
    md += [intro, ""]
    sus = eff[eff["outcome"] == "sustained_share_final"].set_index("policy")
    for name in sus.sort_values("diff", ascending=False).index:
        e, c = sus.loc[name], costs.loc[name]
        if not math.isnan(c["cost_per_extra_ward"]):
            cpw = t["cpw"].format(
                x=money(c["cost_per_extra_ward"], lang),
                lo=money(c["cost_per_extra_ward_low"], lang),
                hi=money(c["cost_per_extra_ward_high"], lang),
            )
        else:
            cpw = t["cpw_free"] if c["note"] == "no extra cost" else t["cpw_na"]
        md.append(
            "- "
            + t["c_bullet"].format(
                name=name,
                desc=desc.get(str(name), "").rstrip("."),
                extra=num(e["diff"] * wards, 1, lang),
                wards=wards,
                end=end,
                lo=num(e["ci_low"] * wards, 1, lang),
                hi=num(e["ci_high"] * wards, 1, lang),
                base=num(e["baseline"] * wards, 1, lang),
                better=pct(e["p_better"], lang),
                cost=money(c["cost_total"], lang),
                act=int(c["active_years"]),
                pwy=money(c["cost_per_ward_year"], lang),
                cpw=cpw,
            )
        )
    ok = costs.dropna(subset=["cost_per_extra_ward"])
    if len(ok) > 1:
        best = ok["cost_per_extra_ward"].astype(float).idxmin()
        md += ["", t["c_cheapest"].format(name=best, x=money(float(ok["cost_per_extra_ward"].min()), lang))]

    outs = list(dict.fromkeys(eff["outcome"]))
    sep = "; " if lang == "id" else ", "
    md += ["", f"## {t['c_effects']}", "", t["c_effects_intro"], ""]
    rows = []
    for name in dict.fromkeys(eff["policy"]):
        row = [f"**{name}**"]
        for col in outs:
            e = eff[(eff["policy"] == name) & (eff["outcome"] == col)].iloc[0]
            o = BY_COLUMN[col]
            d = o.digits
            cell = (
                f"{'+' if e['diff'] > 0 else ''}{num(e['diff'] * o.scale, d, lang)} "
                f"[{num(e['ci_low'] * o.scale, d, lang)}{sep}{num(e['ci_high'] * o.scale, d, lang)}]"
            )
            sure = e["ci_low"] > 0 or e["ci_high"] < 0
            row.append(f"**{cell}**" if sure else cell)
        e0 = sus.loc[name]
        row.append(
            t["of_runs"].format(
                k=num(e0["p_better"] * e0["n"], 1 if e0["p_better"] * e0["n"] % 1 else 0, lang), n=int(e0["n"])
            )
        )
        rows.append(row)
    md.append(_table([t["policy"], *(t[f"o_{c}"] for c in outs), t["better_col"]], rows))
    md += ["", "![effects](plots/effects.png)", ""]

    md += [f"## {t['c_costs']}", "", t["c_costs_intro"], ""]
    rows = []
    for name, c in costs.iterrows():
        per = money(c["cost_per_extra_ward"], lang) if not math.isnan(c["cost_per_extra_ward"]) else t["undefined"]
        rows.append(
            [
                f"**{name}**",
                money(c["cost_total"], lang),
                money(c["cost_per_ward_year"], lang),
                f"{num(c['extra_wards'], 1, lang)} [{num(c['extra_wards_low'], 1, lang)}{sep}"
                f"{num(c['extra_wards_high'], 1, lang)}]",
                per,
            ]
        )
    md.append(_table([t["policy"], t["cost_total"], t["cost_pwy"], t["extra_wards"], t["cost_per_extra"]], rows))
    md += ["", f"## {t['c_paths']}", "", t["c_paths_intro"], ""]
    for p in cmp.policies:
        md += [f"![{p.name}](plots/paths-{p.name}.png)", ""]
    md += [f"## {t['how']}", ""] + [f"- {x}" for x in t["c_how"]]
    refs = [p.name if _is_builtin(p.source) else p.source for p in cmp.policies]
    scen = sc.name if sc.source.startswith("preset:") else sc.source
    cmd = f"plpbk compare --scenario {scen} {' '.join(refs)} --seeds {cmp.seeds}"
    if cmp.ensemble is not None:
        cmd += f" --ensemble {cmp.ensemble.path}"
    if int(sc.values["time.years"]) != 20:
        cmd += f" --years {int(sc.values['time.years'])}"
    md += ["", t["reproduce"], "", "```", cmd + (f" --lang {lang}" if lang != "en" else ""), "```", ""]
    return Brief(title, "\n".join(md), lang)


def _is_builtin(source: str) -> bool:
    from simulator.scenario import preset_dir

    try:
        return Path(source).resolve().is_relative_to((preset_dir() / "policies").resolve())
    except OSError:
        return False


# --------------------------------------------------------------------------- what-if


def whatif_brief(wi: WhatIf, lang: str = "en") -> Brief:
    """The brief of a what-if experiment.

    Args:
        wi: The what-if results.
        lang: ``en`` or ``id``.

    Returns:
        The brief (images under ``plots/``).
    """
    from simulator.policy.compare import BY_COLUMN

    t = T[check_lang(lang)]
    spec = wi.spec
    labels = PARAM_LABELS[lang]
    share = spec.outcome.startswith("sustained_share")
    scale = 100.0 if share else 1.0
    if share:
        target = t["target_share"].format(x=num(spec.threshold * 100, 0, lang))
    else:
        target = t["target_other"].format(label=spec.outcome, x=num(spec.threshold, 2, lang))
    o = BY_COLUMN.get(spec.outcome)
    digits = 1 if share else (o.digits if o else 2)

    def val(x: float) -> str:
        return (t["pts"].format(x=num(x * scale, digits, lang))) if share else num(x, digits, lang)

    title = t["w_title"].format(name=spec.name)
    md = [f"# {title}", "", _meta(lang, t["w_runs"].format(futures=spec.futures, seeds=spec.seeds)), ""]
    factors = ", ".join(labels.get(f.name, f.name) for f in spec.factors)
    md += [f"## {t['summary']}", ""]
    intro = t["w_intro"].format(
        n=len(spec.policies),
        scen=", ".join(f"**{s.name}**" for s in spec.scenarios),
        futures=spec.futures,
        k=len(spec.factors),
        factors=factors,
        seeds=spec.seeds,
        target=target,
    )
    if spec.ensemble is not None:
        intro += " " + t["w_ensemble"].format(n=spec.ensemble.n, seeds=spec.seeds)
    md += [
        intro,
        "",
        "![robustness](plots/robustness.png)",
        "",
    ]
    for name, r in wi.results.items():
        rob = r.robustness.set_index("option")
        md += [f"### {name}", ""]
        mr = r.stability["most_robust"]
        md.append(
            "- "
            + t["w_most_robust"].format(
                name=mr,
                share=pct(rob.loc[mr, "meets_share"], lang),
                regret=val(rob.loc[mr, "regret_mean"]),
                pwy=money(rob.loc[mr, "cost_per_ward_year"], lang),
            )
        )
        cheaper = rob[
            (rob["meets_share"] >= rob.loc[mr, "meets_share"] - 0.1)
            & (rob["cost_per_ward_year"] < rob.loc[mr, "cost_per_ward_year"] - 1e-9)
        ].sort_values("cost_per_ward_year")
        if len(cheaper):
            c = cheaper.index[0]
            md.append(
                "- "
                + t["w_cheaper"].format(
                    share=pct(rob.loc[mr, "meets_share"] - 0.1, lang),
                    name=c,
                    pwy=money(rob.loc[c, "cost_per_ward_year"], lang),
                )
            )
        meets = rob["meets_share"].astype(float)
        cpwy = rob["cost_per_ward_year"].astype(float)
        base_share = float(meets.get("baseline", 0.0))
        keep = (cpwy > 0) & (meets > base_share)
        if keep.any():
            ratio = (meets[keep] - base_share) * 100 / cpwy[keep]
            v = str(ratio.idxmax())
            md.append(
                "- "
                + t["w_value"].format(
                    name=v,
                    gain=t["pp"].format(x=num((float(meets[v]) - base_share) * 100, 0, lang)),
                    pwy=money(float(cpwy[v]), lang),
                    ratio=t["pp"].format(x=num(float(ratio.max()), 1, lang)),
                )
            )
        w = r.stability["kendall_w"]
        verdict = t["w_stable"] if w >= 0.8 else t["w_mostly"] if w >= 0.5 else t["w_unstable"]
        md.append(
            "- "
            + t["w_stab"].format(
                w=num(w, 2, lang),
                verdict=verdict,
                winner=r.stability["winner"],
                share=pct(r.stability["winner_share"], lang),
            )
        )
        md.append("- " + t["w_fails"])
        for _, b in r.boxes.iterrows():
            k, n = int(b["futures_missed"]), int(b["futures"])
            if k == 0:
                line = t["w_never"].format(name=b["option"])
            elif k == n:
                line = t["w_always"].format(name=b["option"])
            elif not b["restricted"]:
                line = t["w_fail_nobox"].format(name=b["option"], k=k, n=n)
            else:
                line = t["w_fail"].format(
                    name=b["option"],
                    k=k,
                    n=n,
                    cov=pct(b["coverage"], lang),
                    dens=pct(b["density"], lang),
                    box=_box_words(b["limits"], labels, lang),
                )
            md.append("  - " + line)
        md += ["", f"**{t['w_table']}** ({name})", ""]
        rows = []
        for opt, row in rob.iterrows():
            rows.append(
                [
                    f"**{opt}**",
                    pct(row["meets_share"], lang),
                    num(row["mean"] * scale, digits, lang),
                    num(row["regret_mean"] * scale, digits, lang),
                    num(row["regret_max"] * scale, digits, lang),
                    pct(row["best_share"], lang),
                    money(row["cost_per_ward_year"], lang),
                ]
            )
        md.append(
            _table(
                [
                    t["option"],
                    t["meets"],
                    t["mean_out"].format(unit=t["u_share"] if share else ""),
                    t["regret_mean"].format(runit=t["u_pts"] if share else ""),
                    t["regret_max"].format(runit=t["u_pts"] if share else ""),
                    t["best_share"],
                    t["cost_pwy"],
                ],
                rows,
            )
        )
        md.append("")
    md += [f"## {t['w_figs']}", "", t["w_fig_reg"], "", "![regret](plots/regret.png)", "", t["w_fig_fail"], ""]
    for name in wi.results:
        md += [f"![failures {name}](plots/failures-{name}.png)", ""]
    md += [f"## {t['how']}", ""] + [f"- {x}" for x in t["w_how"]]
    src = Path(spec.source).as_posix() if spec.source else "EXPERIMENT.toml"
    ens = f" --ensemble {spec.ensemble.path}" if spec.ensemble is not None else ""
    md += [
        "",
        t["reproduce"],
        "",
        "```",
        f"plpbk whatif {src}{ens}" + (f" --lang {lang}" if lang != "en" else ""),
        "```",
    ]
    md.append("")
    return Brief(title, "\n".join(md), lang)


def _box_words(limits_json: str, labels: dict[str, str], lang: str) -> str:
    """A PRIM box's limits in words: 'label <= 0.42 and 20-60' style, in the language."""
    import json

    from simulator.params import BY_NAME

    words = []
    for name, (lo, hi) in json.loads(limits_json).items():
        p = BY_NAME.get(name)
        d = 2 if p is None or p.high <= 1 else 0
        label = labels.get(name, name)
        if lo is not None and hi is not None:
            words.append(f"{label} {num(lo, d, lang)}–{num(hi, d, lang)}")
        elif lo is not None:
            words.append(f"{label} ≥ {num(lo, d, lang)}")
        else:
            words.append(f"{label} ≤ {num(hi, d, lang)}")
    return (" and " if lang == "en" else " dan ").join(words)


# --------------------------------------------------------------------------- writing


def write_brief(brief: Brief, out: Path) -> list[str]:
    """Write ``brief.md`` and a self-contained ``brief.html`` into ``out``.

    Args:
        brief: The brief.
        out: The output folder (holding the plots the brief references).

    Returns:
        The files written, relative to ``out``.
    """
    from simulator.policy.compare import write_text

    write_text(out / "brief.md", brief.markdown)
    write_text(out / "brief.html", to_html(brief, out))
    return ["brief.md", "brief.html"]


_CSS = """
body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;max-width:60rem;margin:2rem auto;
padding:0 1rem;line-height:1.5;color:#1d1d1f}
h1{font-size:1.6rem;border-bottom:2px solid #1b6ca8;padding-bottom:.3rem}h2{font-size:1.25rem;margin-top:2rem}
table{border-collapse:collapse;margin:1rem 0;font-size:.9rem}th,td{border:1px solid #ccc;padding:.3rem .5rem;
text-align:left}th{background:#eef3f8}img{max-width:100%;margin:.5rem 0}code,pre{background:#f4f4f4}
pre{padding:.6rem;overflow-x:auto}em{color:#555}
"""


def _inline(text: str) -> str:
    s = html.escape(text, quote=False)
    s = re.sub(r"`([^`]+)`", r"<code>\1</code>", s)
    s = re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", s)
    s = re.sub(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])", r"<em>\1</em>", s)
    return s


def _img(alt: str, src: str, base: Path) -> str:
    path = base / src
    if path.is_file():
        data = base64.b64encode(path.read_bytes()).decode("ascii")
        src = f"data:image/png;base64,{data}"
    return f'<img alt="{html.escape(alt)}" src="{src}">'


def to_html(brief: Brief, base: Path) -> str:
    """Render the brief's Markdown (the subset the briefs use) as one self-contained HTML page.

    Args:
        brief: The brief.
        base: Folder the image paths are relative to; images found there are embedded.

    Returns:
        The HTML text.
    """
    out: list[str] = []
    lines = brief.markdown.splitlines()
    i = 0
    list_depth = 0

    def close_lists(to: int = 0) -> None:
        nonlocal list_depth
        while list_depth > to:
            out.append("</ul>")
            list_depth -= 1

    while i < len(lines):
        line = lines[i]
        m_img = re.fullmatch(r"!\[([^\]]*)\]\(([^)]+)\)", line.strip())
        if line.startswith("```"):
            close_lists()
            j = i + 1
            block = []
            while j < len(lines) and not lines[j].startswith("```"):
                block.append(lines[j])
                j += 1
            out.append("<pre><code>" + html.escape("\n".join(block)) + "</code></pre>")
            i = j + 1
            continue
        if m_img:
            close_lists()
            out.append(f"<p>{_img(m_img.group(1), m_img.group(2), base)}</p>")
        elif line.startswith("#"):
            close_lists()
            level = len(line) - len(line.lstrip("#"))
            out.append(f"<h{level}>{_inline(line[level:].strip())}</h{level}>")
        elif line.startswith("|"):
            close_lists()
            rows = []
            while i < len(lines) and lines[i].startswith("|"):
                rows.append([c.strip() for c in lines[i].strip().strip("|").split(" | ")])
                i += 1
            out.append("<table><thead><tr>" + "".join(f"<th>{_inline(c)}</th>" for c in rows[0]) + "</tr></thead>")
            out.append(
                "<tbody>"
                + "".join("<tr>" + "".join(f"<td>{_inline(c)}</td>" for c in r) + "</tr>" for r in rows[2:])
                + "</tbody></table>"
            )
            continue
        elif re.match(r"^( *)- ", line):
            depth = (len(line) - len(line.lstrip(" "))) // 2 + 1
            while list_depth < depth:
                out.append("<ul>")
                list_depth += 1
            close_lists(depth)
            out.append(f"<li>{_inline(line.strip()[2:])}</li>")
        elif not line.strip():
            close_lists()
        else:
            close_lists()
            para = [line]
            while i + 1 < len(lines) and lines[i + 1].strip() and not re.match(r"^(#|\||!\[| *- |```)", lines[i + 1]):
                i += 1
                para.append(lines[i])
            out.append(f"<p>{_inline(' '.join(para))}</p>")
        i += 1
    close_lists()
    body = "\n".join(out)
    return (
        f'<!DOCTYPE html>\n<html lang="{brief.lang}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(brief.title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n{body}\n</body>\n</html>\n"
    )


__all__ = ["LANGS", "Brief", "compare_brief", "money", "num", "to_html", "whatif_brief", "write_brief"]
