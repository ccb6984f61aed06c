"""The policy briefs' text and their plots' labels in English and Bahasa Indonesia.

``BRIEF[lang][key]`` holds the words of ``brief.md`` (compare and what-if); ``PLOT[lang][key]``
the titles, axes and legends of the compare and what-if plots (read through
:func:`simulator.i18n.plot_text`). Parameter labels are not here: they live in the parameter
registry (:data:`simulator.params.PARAM_LABELS`).
"""

from __future__ import annotations

from typing import Any

BRIEF: dict[str, dict[str, Any]] = {
    "en": {
        "c_title": "Policy brief: {policies} in {scenario}",
        "meta": "{date} · PLPBK partnership simulator v{version} · {runs}",
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
        "(95% interval {lo} to {hi}; baseline {base} wards); {btw}. {sector} Cost: {cost} over the {act} years it "
        "acts ({pwy} per ward per year); {cpw}.",
        "cpw": "about {x} per additional sustained ward (range {lo} to {hi})",
        "cpw_na": "not ranked on cost-effectiveness, because the gain's 95% interval does not lie above zero",
        "cpw_free": "no extra cost",
        "c_cheapest": "**Cost-effectiveness:** among the {n} policies whose gain in sustained wards has a 95% "
        "interval above zero ({names}), the lowest cost per additional sustained ward is {name}'s: about {x} "
        "(range {lo} to {hi}).",
        "c_effects": "What each policy changes",
        "c_effects_intro": "Difference policy − baseline (mean over paired runs, 95% interval in brackets) in the "
        "final year ({end}), except aid mobilised, which is summed over all years. **Bold: the 95% interval "
        "excludes 0.**",
        "policy": "Policy",
        "better_col": "Sustained programmes: paired runs",
        "c_costs": "Cost and value for money",
        "c_costs_intro": "Public cost of the policy's levers (assumed unit costs, see below) and cost per additional "
        "ward whose programme is sustained in the final year, given only when the gain's 95% interval lies above "
        "zero; its range comes from that interval.",
        "cost_total": "Cost, whole period",
        "cost_pwy": "Per ward per year (while it acts)",
        "extra_wards": "Additional sustained wards [95%]",
        "cost_per_extra": "Cost per additional sustained ward [range]",
        "undefined": "not defined",
        "c_paths": "Over time",
        "c_paths_intro": "Baseline (dashed) and policy (solid): mean and the range of 90% of paired runs.",
        "how": "How to read this brief",
        "c_how": [
            "**Paired runs.** Each option is simulated with the same random seeds (common random numbers): the same "
            "chance events happen under every option, so a difference is the policy's effect. The 95% interval is "
            "a bootstrap interval over the paired differences. Paired runs are counted as better, tie or worse; a tie "
            "is a pair whose outcomes are equal as printed (they differ by at most half of the last digit shown, "
            "e.g. 0.05 percentage points of wards), so a policy that changes nothing shows only ties.",
            "**Costs are assumptions.** Each lever has a unit cost (`levers.X_cost`, Rp million per ward per year at "
            "full size, or per regency for a CSR forum; see `plpbk params --role lever`), scaled by the lever's size "
            "and counted for every ward (or regency) and every year from its start year; per ward per year is "
            "averaged over the years the policy acts. "
            "Only public lever costs are counted, not partners' aid. Change them in "
            "the policy file. The cost per additional sustained ward is the extra cost divided by the extra wards "
            "sustained in the final year; it is left undefined when the interval of the gain, as printed, reaches "
            "zero (an interval of 0.0 to 0.6 wards does not count as a gain).",
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
        "meta": "{date} · Simulator kemitraan PLPBK v{version} · {runs}",
        "c_runs": "{seeds} simulasi berpasangan per pilihan",
        "c_ensemble": "Dampak sudah mencakup ketidakpastian parameter: setiap pilihan disimulasikan pada "
        "masing-masing dari {n} kumpulan nilai parameter yang lolos kalibrasi, dengan {seeds} bilangan acak awal "
        "berpasangan per kumpulan.",
        "w_ensemble": "Hasil sudah mencakup ketidakpastian parameter: setiap pilihan disimulasikan di setiap masa "
        "depan pada masing-masing dari {n} kumpulan nilai parameter yang lolos kalibrasi, dengan {seeds} bilangan "
        "acak awal berpasangan per kumpulan.",
        "summary": "Ringkasan",
        "c_intro": "Ringkasan ini membandingkan {n} paket kebijakan dengan **kondisi dasar** (tanpa kebijakan baru) "
        "pada skenario **{scenario}**: {wards} kelurahan selama {years} tahun ({start}–{end}). Setiap pilihan "
        "disimulasikan dengan {seeds} bilangan acak awal yang sama (simulasi berpasangan), sehingga "
        "perbedaan di bawah ini "
        "berasal dari kebijakan, bukan dari kebetulan.",
        "c_bullet": "**{name}** ({desc}): {extra} kelurahan tambahan (dari {wards} kelurahan) mempertahankan "
        "program berkelanjutan pada tahun {end} (selang 95%: {lo} sampai {hi}; kondisi dasar {base} kelurahan). "
        "Kebijakan ini {btw}. {sector} Biaya: {cost} selama {act} tahun masa berlakunya ({pwy} per kelurahan per "
        "tahun); {cpw}.",
        "cpw": "sekitar {x} per tambahan kelurahan dengan program berkelanjutan (rentang {lo} sampai {hi})",
        "cpw_na": "biaya per tambahan kelurahan berkelanjutan tidak dihitung karena selang 95% tambahannya tidak "
        "berada di atas nol",
        "cpw_free": "tanpa biaya tambahan",
        "c_cheapest": "**Efektivitas biaya:** di antara {n} kebijakan yang tambahan kelurahan berkelanjutannya "
        "memiliki selang 95% di atas nol ({names}), biaya terendah per tambahan kelurahan berkelanjutan adalah "
        "milik {name}: sekitar {x} (rentang {lo} sampai {hi}).",
        "c_effects": "Apa yang diubah setiap kebijakan",
        "c_effects_intro": "Selisih kebijakan − kondisi dasar (rata-rata simulasi berpasangan, selang 95% dalam "
        "kurung siku) pada tahun terakhir ({end}), kecuali bantuan mitra yang terhimpun, yang dijumlahkan atas semua "
        "tahun. **Cetak tebal: selang 95% tidak mencakup 0.**",
        "policy": "Kebijakan",
        "better_col": "Program berkelanjutan: simulasi berpasangan",
        "c_costs": "Biaya dan efektivitas biaya",
        "c_costs_intro": "Biaya publik dari instrumen kebijakan (biaya satuan asumsi, lihat di bawah) dan biaya per "
        "tambahan kelurahan yang programnya berkelanjutan pada tahun terakhir, yang hanya dihitung bila selang 95% "
        "tambahannya berada di atas nol; rentangnya berasal dari selang itu.",
        "cost_total": "Biaya, seluruh periode",
        "cost_pwy": "Per kelurahan per tahun (selama berlaku)",
        "extra_wards": "Tambahan kelurahan berkelanjutan [95%]",
        "cost_per_extra": "Biaya per tambahan kelurahan berkelanjutan [rentang]",
        "undefined": "tidak dihitung",
        "c_paths": "Dari waktu ke waktu",
        "c_paths_intro": "Kondisi dasar (garis putus-putus) dan kebijakan (garis utuh): rata-rata dan rentang 90% "
        "simulasi berpasangan.",
        "how": "Cara membaca ringkasan ini",
        "c_how": [
            "**Simulasi berpasangan.** Setiap pilihan disimulasikan dengan bilangan acak awal yang sama (common "
            "random numbers): kejadian kebetulan yang sama terjadi pada setiap pilihan, sehingga selisihnya "
            "adalah dampak kebijakan. Selang 95% adalah selang bootstrap atas selisih berpasangan. Simulasi "
            "berpasangan dihitung "
            "sebagai lebih baik, sama, atau lebih buruk; hasilnya sama bila kedua angka sama seperti yang dicetak "
            "(berbeda paling banyak setengah digit terakhir yang ditampilkan, misalnya 0,05 poin persentase "
            "kelurahan), sehingga kebijakan yang tidak mengubah apa pun hanya menghasilkan angka sama.",
            "**Biaya adalah asumsi.** Setiap instrumen kebijakan memiliki biaya satuan (`levers.X_cost`, Rp juta "
            "per kelurahan per tahun pada besaran penuh, atau per kabupaten/kota untuk forum CSR; lihat "
            "`plpbk params --role lever`), dikalikan besaran instrumen dan dihitung untuk "
            "setiap kelurahan (atau kabupaten/kota) dan setiap tahun sejak tahun mulainya; biaya per kelurahan per "
            "tahun dirata-ratakan atas "
            "tahun-tahun kebijakan berlaku. Hanya biaya publik instrumen yang dihitung, bukan "
            "bantuan mitra. Ubah nilainya di berkas kebijakan. Biaya per tambahan kelurahan berkelanjutan adalah "
            "biaya tambahan dibagi tambahan kelurahan berkelanjutan pada tahun terakhir; tidak dihitung bila selang "
            "tambahannya, seperti yang dicetak, mencapai nol (selang 0,0 sampai 0,6 kelurahan tidak dihitung "
            "sebagai tambahan).",
            "**Model, bukan ramalan.** Simulator ini mereproduksi pola kualitatif dari studi; gunakan angka-angka ini "
            "untuk membandingkan pilihan, bukan sebagai prediksi untuk kelurahan tertentu.",
        ],
        "reproduce": "Ulangi dengan:",
        "bn": "Rp {x} miliar",
        "mn": "Rp {x} juta",
        "of_runs": "{k} dari {n}",
        "w_title": "Ringkasan kebijakan: kebijakan mana yang tangguh dalam ketidakpastian? ({name})",
        "w_runs": "{futures} masa depan × {seeds} bilangan acak awal berpasangan per pilihan",
        "w_intro": "{n} paket kebijakan diuji terhadap **kondisi dasar** (tanpa kebijakan baru) pada {scen} "
        "di {futures} kemungkinan masa depan: kombinasi dari {k} kondisi yang tidak dapat dikendalikan kebijakan "
        "({factors}), diambil dengan Latin hypercube sampling (pengambilan sampel hiperkubus Latin). Setiap pilihan "
        "dijalankan di setiap masa depan dengan {seeds} bilangan acak awal yang sama. **Target:** {target} pada "
        "tahun terakhir.",
        "w_most_robust": "**Paling tangguh: {name}**, memenuhi target di {share} masa depan (rata-rata penyesalan "
        "{regret}), dengan biaya {pwy} per kelurahan per tahun.",
        "w_cheaper": "Pilihan lebih murah yang memenuhi target di sedikitnya {share} masa depan: **{name}** "
        "({pwy} per kelurahan per tahun).",
        "w_stab": "**Peringkat:** W Kendall = {w} ({verdict}); {winner} adalah pilihan terbaik di {share} masa depan.",
        "w_stable": "urutan pilihan sama di hampir semua masa depan",
        "w_mostly": "urutan pilihan cukup stabil",
        "w_unstable": "urutan pilihan berubah dari satu masa depan ke masa depan lain",
        "w_fails": "**Kondisi yang membuat kebijakan gagal:**",
        "w_fail": "**{name}** tidak memenuhi target di {k} dari {n} masa depan; {cov} dari kegagalan itu terjadi "
        "ketika {box} (dalam rentang kondisi itu gagal di {dens} masa depan).",
        "w_fail_nobox": "**{name}** tidak memenuhi target di {k} dari {n} masa depan, tanpa rentang kondisi sederhana "
        "yang menjelaskannya.",
        "w_never": "**{name}** memenuhi target di semua masa depan.",
        "w_always": "**{name}** gagal memenuhi target di seluruh masa depan.",
        "w_table": "Ketangguhan setiap pilihan",
        "option": "Pilihan",
        "meets": "Memenuhi target (% masa depan)",
        "mean_out": "Rata-rata hasil{unit}",
        "regret_mean": "Rata-rata penyesalan{runit}",
        "regret_max": "Penyesalan terburuk{runit}",
        "u_share": " (% kelurahan)",
        "u_pts": " (poin)",
        "w_value": "**Ketangguhan tertinggi per rupiah: {name}** menambah {gain} masa depan yang memenuhi target "
        "dibanding kondisi dasar dengan biaya {pwy} per kelurahan per tahun ({ratio} per Rp juta per kelurahan "
        "per tahun).",
        "pp": "{x} poin persentase",
        "best_share": "Pilihan terbaik di (% masa depan)",
        "w_figs": "Gambar",
        "w_fig_rob": "Proporsi masa depan yang membuat setiap pilihan memenuhi target (gambar utama).",
        "w_fig_reg": "Penyesalan: seberapa jauh setiap pilihan tertinggal dari pilihan terbaik di setiap masa depan.",
        "w_fig_fail": "Masa depan yang gagal (×) dan memenuhi (o) target, dengan rentang kondisi yang ditemukan PRIM "
        "(garis putus-putus).",
        "w_how": [
            "**Masa depan.** Setiap masa depan adalah satu kombinasi kondisi yang tidak pasti; hasil setiap pilihan "
            "di satu masa depan adalah rata-rata atas bilangan acak awal berpasangan.",
            "**Ketangguhan (satisficing)** adalah proporsi masa depan yang membuat suatu pilihan memenuhi target. "
            "**Penyesalan (regret)** adalah, di setiap masa depan, hasil pilihan terbaik dikurangi hasil pilihan "
            "ini (0 untuk yang terbaik).",
            "**W Kendall** mengukur seberapa sepakat masa-masa depan tentang urutan pilihan (0 = tidak sepakat, "
            "1 = urutan sama di semua masa depan).",
            "**Kondisi yang membuat kebijakan gagal** berasal dari penemuan skenario dengan PRIM (Friedman & "
            "Fisher 1999; Bryant "
            "& Lempert 2010): sebuah rentang kondisi tidak pasti yang memuat sebagian besar kegagalan suatu "
            "pilihan. *Cakupan (coverage)* adalah proporsi semua kegagalannya yang berada di dalam rentang itu; "
            "*kepadatan (density)* adalah proporsi masa depan di dalam rentang itu yang gagal.",
            "**Biaya** memakai biaya satuan asumsi dari instrumen kebijakan (`levers.X_cost`), seperti pada "
            "`plpbk compare`.",
            "**Model, bukan ramalan:** bandingkan pilihan; jangan membaca angka sebagai prediksi.",
        ],
        "target_share": "sedikitnya {x}% kelurahan mempertahankan program berkelanjutan",
        "target_other": "{label} sedikitnya {x}",
        "pts": "{x} poin",
    },
}
"""The briefs' text by language and key (a few keys hold lists of paragraphs)."""


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
        "y_mean_trust_partner": "partners' mean trust (0–1)",
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
        "t_aid_total": "bantuan mitra yang terhimpun",
        "t_mean_trust_partner": "kepercayaan",
        "y_sustained_share": "kelurahan dengan program berkelanjutan (%)",
        "y_partnerships_active": "kemitraan aktif (jumlah)",
        "y_aid_total": "bantuan mitra yang terhimpun (Rp juta / tahun)",
        "y_mean_trust_partner": "rata-rata kepercayaan mitra (0–1)",
        "starts": "kebijakan mulai",
        "paths": "{policy} dibandingkan {baseline}: rata-rata dan rentang 5–95% atas {n} simulasi berpasangan",
        "effects": "Selisih berpasangan kebijakan - kondisi dasar (rata-rata, selang bootstrap 95%)",
        "no_cost": "tanpa biaya",
        "cost": "Rp{x} juta / kelurahan / tahun",
        "wards": "{name} ({n} kelurahan)",
        "met_axis": "masa depan yang memenuhi target (%)",
        "robust": "Ketangguhan. Target: {target} pada tahun terakhir; "
        "{futures} masa depan × {seeds} bilangan acak awal",
        "target_share": "sedikitnya {x}% kelurahan mempertahankan program berkelanjutan",
        "regret_axis": "penyesalan: pilihan terbaik dikurangi pilihan ini\n({label})",
        "regret": "Penyesalan di {futures} masa depan (0 = pilihan terbaik di masa depan itu)",
        "share_label": "kelurahan dengan program berkelanjutan (%)",
        "meets": "memenuhi",
        "misses": "gagal",
        "misses_k": "{o}: gagal {k}/{n}",
        "box": "rentang kondisi: cakupan {c}, kepadatan {d}",
        "never": "tidak pernah gagal",
        "always": "gagal di semua masa depan",
        "failures": "{scenario}: masa depan yang gagal mencapai target ({target}) dan rentang kondisi (PRIM)",
    },
}
"""Plot labels in English and Bahasa Indonesia."""


def _merge() -> None:
    """Add the compare and what-if modules' words to ``BRIEF`` and ``PLOT`` (a key defined twice is an error)."""
    from simulator.i18n.brief_compare_text import COMPARE_BRIEF, COMPARE_PLOT
    from simulator.i18n.brief_whatif_text import WHATIF_BRIEF, WHATIF_PLOT

    for into, parts in ((BRIEF, (COMPARE_BRIEF, WHATIF_BRIEF)), (PLOT, (COMPARE_PLOT, WHATIF_PLOT))):
        for lang, words in into.items():
            for part in parts:
                twice = set(words) & set(part[lang])
                if twice:
                    raise KeyError(f"brief text keys defined twice: {sorted(twice)}")
                words.update(part[lang])


_merge()
