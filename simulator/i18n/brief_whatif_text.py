"""Words the what-if's (plpbk whatif) brief and plots, in English and Bahasa Indonesia.

:mod:`simulator.i18n.brief_text` merges them into ``BRIEF`` (and ``PLOT`` for the plots' keys), so
they are read as ``BRIEF[lang][key]`` like the older words. Indonesian follows ``GLOSSARY_ID.md``.
"""

from __future__ import annotations

from typing import Any

WHATIF_BRIEF: dict[str, dict[str, Any]] = {
    "en": {
        "w_regret_share": "**Regret** is how far an option falls behind the best option in the same future, in "
        "percentage points of wards with a sustained programme (10 points = 10% of the wards fewer); it ignores "
        "cost. **Regret within budget** counts cost: it compares an option only with the options that cost no "
        "more over the period.",
        "w_regret_other": "**Regret** is how far an option falls behind the best option in the same future, in "
        "the target's own unit ({unit}); it ignores cost. **Regret within budget** counts cost: it compares an "
        "option only with the options that cost no more over the period.",
        "w_budget": "**Counting cost:** compared only with options that cost no more, **{name}** falls furthest "
        "behind (mean regret within budget {x}): an option that is cheaper or as cheap does better by that much "
        "in a typical future; every other option falls behind by at most {rest}.",
        "w_budget_none": "**Counting cost:** no option is beaten on average by an option that costs no more "
        "(mean regret within budget at most {x}).",
        "w_package": "**{name} contains {parts}** (the same levers at the same or a larger size, started no later): "
        "it is expected to be best in most futures by construction, so the counts below are also given among "
        "the options that contain no other.",
        "w_and": " and ",
        "w_base_opt": "baseline",
        "w_most_robust_single": "**Most robust among options that contain no other: {name}**, meets the target in "
        "{share} of futures (mean regret {regret}), at {pwy} per ward per year.",
        "w_stab_single": "Among options that contain no other, {winner} is the best in {share} of futures.",
        "w_box_many": " **Caution:** this region restricts {k} conditions at once; with {n} futures it is hard to "
        "act on and likely fitted to these particular futures. Read it as a hint.",
        "w_pkg_mark": " (package)",
        "regret_budget": "Mean regret within budget{runit}",
        "best_share_single": "Best among options containing no other (% of futures)",
        "w_pkg_note": "(package): contains another option, so it is left out of the last column.",
        "w_hz_title": "Robustness over time",
        "w_hz_intro": "Share of futures in which each option meets the target, {years} after the policies start "
        "({start}) and in the final year.",
        "w_hz_col": "{h} years ({year})",
        "w_hz_final": "Final year ({year})",
        "w_hz_same": "**Over time:** {name} is the most robust option that contains no other at every horizon "
        "({list}).",
        "w_hz_same_all": "**Over time:** {name} is the most robust option at every horizon ({list}).",
        "w_hz_change": "**The ranking changes with the horizon:** the most robust option that contains no other is "
        "{list}.",
        "w_hz_change_all": "**The ranking changes with the horizon:** the most robust option is {list}.",
        "w_hz_item": "after {h} years ({year}): {x}",
        "w_hz_item_final": "in the final year ({year}): {x}",
        "w_hz_order": "The order of the options changes, most robust first: {list}.",
        "w_hz_none": "Robustness is shown for the final year ({year}) only: {why}.",
        "w_hz_why_outcome": "the target's outcome is not a final-year value, so it has no value at earlier horizons",
        "w_hz_why_series": "these runs kept no yearly values",
        "w_hz_why_short": "the runs end less than 5 years after the policies start",
        "w_years_and": "5 and 10 years",
        "w_override_title": "The futures replace each scenario's own values",
        "w_override": "In every future, each uncertain condition takes the future's value, drawn from the range "
        "below, in every scenario alike: the scenarios' own values of these conditions are not used, so the "
        "scenarios differ only in what is not varied (their wards and other settings). The scenarios' own values "
        "are marked ★ in the failure plots.",
        "w_condition": "Condition",
        "w_range": "Range in the futures",
        "w_own": "{scenario}'s own value",
        "w_outside": "{x} (outside the range)",
        "w_fig_fail_more": "Every condition a region restricts is drawn (one panel per pair of conditions); "
        "futures outside the region on a condition a panel does not show are faded, so the full-colour points "
        "inside the dashed box are exactly the futures its density counts. ★: the scenario's own value.",
    },
    "id": {
        "w_regret_share": "**Penyesalan (regret)** adalah seberapa jauh suatu pilihan tertinggal dari pilihan "
        "terbaik di masa depan yang sama, dalam poin persentase kelurahan dengan program yang berkelanjutan "
        "(10 poin = 10% kelurahan lebih sedikit); biaya tidak diperhitungkan. **Penyesalan dalam anggaran** "
        "memperhitungkan biaya: suatu pilihan hanya dibandingkan dengan pilihan yang biayanya tidak lebih besar "
        "selama periode simulasi.",
        "w_regret_other": "**Penyesalan (regret)** adalah seberapa jauh suatu pilihan tertinggal dari pilihan "
        "terbaik di masa depan yang sama, dalam satuan target itu sendiri ({unit}); biaya tidak diperhitungkan. "
        "**Penyesalan dalam anggaran** memperhitungkan biaya: suatu pilihan hanya dibandingkan dengan pilihan "
        "yang biayanya tidak lebih besar selama periode simulasi.",
        "w_budget": "**Dengan memperhitungkan biaya:** dibandingkan hanya dengan pilihan yang biayanya tidak lebih "
        "besar, **{name}** paling jauh tertinggal (rata-rata penyesalan dalam anggaran {x}): pilihan yang lebih "
        "murah atau sama murahnya memberi hasil lebih baik sebesar itu di masa depan pada umumnya; pilihan lain "
        "tertinggal paling banyak {rest}.",
        "w_budget_none": "**Dengan memperhitungkan biaya:** rata-rata, tidak ada pilihan yang dikalahkan oleh "
        "pilihan yang biayanya tidak lebih besar (rata-rata penyesalan dalam anggaran paling banyak {x}).",
        "w_package": "**{name} mencakup {parts}** (instrumen kebijakan yang sama dengan besaran yang sama atau "
        "lebih besar, dimulai tidak lebih lambat): pilihan ini dengan sendirinya diperkirakan menjadi yang terbaik "
        "di sebagian besar masa depan, sehingga hitungan di bawah juga diberikan untuk pilihan yang tidak "
        "mencakup pilihan lain.",
        "w_and": " dan ",
        "w_base_opt": "kondisi dasar",
        "w_most_robust_single": "**Ketangguhan tertinggi di antara pilihan yang tidak mencakup pilihan lain: "
        "{name}**, memenuhi target di {share} masa depan (rata-rata penyesalan {regret}), dengan biaya {pwy} per "
        "kelurahan per tahun.",
        "w_stab_single": "Di antara pilihan yang tidak mencakup pilihan lain, {winner} adalah yang terbaik di "
        "{share} masa depan.",
        "w_box_many": " **Perhatian:** rentang kondisi ini membatasi {k} kondisi sekaligus; dengan {n} masa depan "
        "rentang ini sulit ditindaklanjuti dan kemungkinan hanya cocok untuk masa depan yang diuji ini. Baca "
        "sebagai petunjuk.",
        "w_pkg_mark": " (paket)",
        "regret_budget": "Rata-rata penyesalan dalam anggaran{runit}",
        "best_share_single": "Terbaik di antara pilihan yang tidak mencakup pilihan lain (% masa depan)",
        "w_pkg_note": "(paket): mencakup pilihan lain, sehingga tidak dihitung pada kolom terakhir.",
        "w_hz_title": "Ketangguhan dari waktu ke waktu",
        "w_hz_intro": "Proporsi masa depan yang membuat setiap pilihan memenuhi target, {years} setelah kebijakan "
        "dimulai ({start}) dan pada tahun terakhir.",
        "w_hz_col": "{h} tahun ({year})",
        "w_hz_final": "Tahun terakhir ({year})",
        "w_hz_same": "**Dari waktu ke waktu:** {name} memiliki ketangguhan tertinggi di antara pilihan yang tidak "
        "mencakup pilihan lain pada setiap jangka waktu ({list}).",
        "w_hz_same_all": "**Dari waktu ke waktu:** {name} memiliki ketangguhan tertinggi pada setiap jangka waktu "
        "({list}).",
        "w_hz_change": "**Peringkat berubah menurut jangka waktu:** pilihan dengan ketangguhan tertinggi di antara "
        "pilihan yang tidak mencakup pilihan lain adalah {list}.",
        "w_hz_change_all": "**Peringkat berubah menurut jangka waktu:** pilihan dengan ketangguhan tertinggi "
        "adalah {list}.",
        "w_hz_item": "setelah {h} tahun ({year}): {x}",
        "w_hz_item_final": "pada tahun terakhir ({year}): {x}",
        "w_hz_order": "Urutan pilihan berubah, dimulai dari ketangguhan tertinggi: {list}.",
        "w_hz_none": "Ketangguhan hanya ditampilkan untuk tahun terakhir ({year}): {why}.",
        "w_hz_why_outcome": "hasil yang menjadi target bukan nilai tahun terakhir, sehingga tidak memiliki nilai "
        "pada jangka waktu yang lebih pendek",
        "w_hz_why_series": "simulasi ini tidak menyimpan nilai tahunan",
        "w_hz_why_short": "simulasi berakhir kurang dari 5 tahun setelah kebijakan dimulai",
        "w_years_and": "5 dan 10 tahun",
        "w_override_title": "Masa depan menggantikan nilai asumsi setiap skenario",
        "w_override": "Di setiap masa depan, setiap kondisi yang tidak pasti memakai nilai masa depan tersebut, "
        "yang diambil dari rentang di bawah, sama untuk semua skenario: nilai asumsi setiap skenario untuk "
        "kondisi ini tidak dipakai, sehingga skenario hanya berbeda pada hal yang tidak divariasikan (kelurahan "
        "dan pengaturan lainnya). Nilai asumsi setiap skenario ditandai ★ pada gambar kegagalan.",
        "w_condition": "Kondisi",
        "w_range": "Rentang di masa depan",
        "w_own": "Nilai asumsi {scenario}",
        "w_outside": "{x} (di luar rentang)",
        "w_fig_fail_more": "Setiap kondisi yang dibatasi suatu rentang kondisi digambarkan (satu panel per pasang "
        "kondisi); masa depan yang berada di luar rentang pada kondisi yang tidak ditampilkan panel itu dibuat "
        "pudar, sehingga titik berwarna penuh di dalam garis putus-putus adalah tepat masa depan yang dihitung "
        "kepadatannya. ★: nilai asumsi skenario itu sendiri.",
    },
}
"""Brief words by language and key."""

WHATIF_PLOT: dict[str, dict[str, str]] = {
    "en": {
        "box_many": "restricts {k} conditions: hard to act on",
        "faded": "outside the region on a condition not shown",
        "own_value": "{scenario}'s own value",
        "base_opt": "baseline",
        "package": "\n(package)",
    },
    "id": {
        "box_many": "membatasi {k} kondisi: sulit ditindaklanjuti",
        "faded": "di luar rentang pada kondisi yang tidak ditampilkan",
        "own_value": "nilai asumsi {scenario}",
        "base_opt": "kondisi dasar",
        "package": "\n(paket)",
    },
}
"""Plot labels by language and key."""
