"""Words the comparison's (plpbk compare) brief and plots, in English and Bahasa Indonesia.

:mod:`simulator.i18n.brief_text` merges them into ``BRIEF`` (and ``PLOT`` for the plots' keys), so
they are read as ``BRIEF[lang][key]`` like the older words. Indonesian follows ``GLOSSARY_ID.md``.
"""

from __future__ import annotations

from typing import Any

COMPARE_BRIEF: dict[str, dict[str, Any]] = {
    "en": {
        # ward effects, assumptions, Excel (cmpb)
        "cw_title": "Effects by ward",
        "cw_intro": "For each ward, the paired difference policy − baseline over {n} paired seeds: the share of "
        "seeds in which the ward's programme is sustained in the final year ({end}), in percentage points with "
        "its 95% bootstrap interval (bold: the interval excludes zero), and the change in the years its "
        "programme was sustained and in its live partnerships in the final year. One ward's effect rests on "
        "{n} pairs only, so it is much less certain than the totals above.",
        "cw_all": "All {n} wards, largest gain first.",
        "cw_some": "The {k} wards gaining most and the {k} gaining least, of {n}; wards.csv and brief.xlsx list all.",
        "cw_ward": "Ward",
        "cw_regency": "Regency",
        "cw_base": "Sustained in the baseline (% of seeds)",
        "cw_diff": "Change (points) [95%]",
        "cw_years": "Years sustained, change",
        "cw_partners": "Live partnerships, change",
        "cw_map": "Where the wards gain: each point is a ward at its coordinates, coloured by the change in the "
        "share of seeds its programme is sustained in the final year (blue: more, red: fewer).",
        "ca_title": "Assumptions",
        "ca_intro": "The values this comparison assumes, each with its unit and source: the policy or scenario "
        "that sets it, or else the source the parameter registry records ('assumption': a plausible value "
        "chosen for the model, not a measured one). Every other parameter keeps its default "
        "(`plpbk params` lists them all).",
        "ca_wards_csv": "The wards come from a wards file ({source}): each ward's own values there replace the "
        "scenario's ward settings below.",
        "ca_levers": "Policy levers compared (size, first year, unit cost)",
        "ca_scenario": "Set by the scenario",
        "ca_enablers": "Enablers",
        "ca_obstacles": "Obstacles",
        "ca_ranges": "Uncertainty ranges explored",
        "ca_param": "Parameter",
        "ca_value": "Value",
        "ca_unit": "Unit",
        "ca_source": "Source",
        "ca_range": "Range",
        "ca_from_policy": "policy {name}",
        "ca_from_scenario": "scenario {name}",
        "cx_s_summary": "Summary",
        "cx_s_effects": "Effects",
        "cx_s_costs": "Costs",
        "cx_s_per_year": "Costs per year",
        "cx_s_wards": "Wards",
        "cx_s_assumptions": "Assumptions",
        "cx_desc": "Description",
        "cx_base_wards": "Sustained wards in the baseline, final year",
        "cx_extra_wards": "Additional sustained wards, final year",
        "cx_extra_low": "Additional sustained wards, 95% low",
        "cx_extra_high": "Additional sustained wards, 95% high",
        "cx_partnerships": "Change in live partnerships, final year",
        "cx_part_low": "Change in live partnerships, 95% low",
        "cx_part_high": "Change in live partnerships, 95% high",
        "cx_better": "Sustained programmes better than the baseline (% of paired runs, ties half)",
        "cx_cost_total": "Cost, whole period (Rp million)",
        "cx_extra_cost": "Extra cost over the baseline (Rp million)",
        "cx_cost_pwy": "Cost per ward per year while it acts (Rp million)",
        "cx_cost_per_extra": "Cost per additional sustained ward (Rp million)",
        "cx_cpe_low": "Cost per additional sustained ward, low (Rp million)",
        "cx_cpe_high": "Cost per additional sustained ward, high (Rp million)",
        "cx_active_years": "Years it acts",
        "cx_note": "Note",
        "cx_outcome": "Outcome",
        "cx_baseline": "Baseline",
        "cx_with_policy": "With the policy",
        "cx_change": "Change",
        "cx_low": "95% interval, low",
        "cx_high": "95% interval, high",
        "cx_pairs": "Paired runs",
        "cx_lat": "Latitude",
        "cx_lon": "Longitude",
        "cx_w_sus_base": "Sustained in the baseline (% of paired runs)",
        "cx_w_sus_pol": "Sustained with the policy (% of paired runs)",
        "cx_w_sus_diff": "Change (percentage points)",
        "cx_w_years_base": "Years sustained in the baseline",
        "cx_w_years_diff": "Years sustained, change",
        "cx_w_part_base": "Live partnerships in the baseline, final year",
        "cx_w_part_diff": "Live partnerships, change",
        "cx_group": "Group",
        "cx_name": "Name in files",
        "cx_range_low": "Range, low",
        "cx_range_high": "Range, high",
    },
    "id": {
        # ward effects, assumptions, Excel (cmpb)
        "cw_title": "Dampak per kelurahan",
        "cw_intro": "Untuk setiap kelurahan, selisih berpasangan kebijakan − kondisi dasar atas {n} simulasi "
        "berpasangan: proporsi simulasi yang program kelurahannya berkelanjutan pada tahun terakhir ({end}), "
        "dalam poin persentase dengan selang kepercayaan 95% (cetak tebal: selang tidak mencakup nol), serta "
        "perubahan jumlah tahun program berkelanjutan dan jumlah kemitraan aktif pada tahun terakhir. Dampak "
        "pada satu kelurahan hanya bertumpu pada {n} pasangan simulasi, sehingga jauh kurang pasti daripada "
        "angka total di atas.",
        "cw_all": "Seluruh {n} kelurahan, diurutkan dari tambahan terbesar.",
        "cw_some": "{k} kelurahan dengan tambahan terbesar dan {k} kelurahan dengan tambahan terkecil dari {n} "
        "kelurahan; daftar lengkap ada di wards.csv dan brief.xlsx.",
        "cw_ward": "Kelurahan",
        "cw_regency": "Kabupaten/kota",
        "cw_base": "Berkelanjutan pada kondisi dasar (% simulasi)",
        "cw_diff": "Perubahan (poin) [95%]",
        "cw_years": "Tahun berkelanjutan, perubahan",
        "cw_partners": "Kemitraan aktif, perubahan",
        "cw_map": "Sebaran dampak: setiap titik adalah satu kelurahan pada koordinatnya, diwarnai menurut "
        "perubahan proporsi simulasi yang programnya berkelanjutan pada tahun terakhir (biru: bertambah, "
        "merah: berkurang).",
        "ca_title": "Asumsi",
        "ca_intro": "Nilai yang diasumsikan dalam perbandingan ini, masing-masing dengan satuan dan sumbernya: "
        "kebijakan atau skenario yang menetapkannya, atau sumber yang tercatat dalam daftar parameter "
        "('asumsi': nilai wajar yang dipilih untuk model, bukan hasil pengukuran). Parameter lain memakai "
        "nilai bawaannya (lihat `plpbk params`).",
        "ca_wards_csv": "Data kelurahan berasal dari berkas kelurahan ({source}): nilai masing-masing kelurahan "
        "di berkas itu menggantikan pengaturan kelurahan dari skenario di bawah ini.",
        "ca_levers": "Instrumen kebijakan yang dibandingkan (besaran, tahun mulai, biaya satuan)",
        "ca_scenario": "Ditetapkan oleh skenario",
        "ca_enablers": "Faktor pendukung",
        "ca_obstacles": "Faktor penghambat",
        "ca_ranges": "Rentang ketidakpastian yang diuji",
        "ca_param": "Parameter",
        "ca_value": "Nilai",
        "ca_unit": "Satuan",
        "ca_source": "Sumber",
        "ca_range": "Rentang",
        "ca_from_policy": "kebijakan {name}",
        "ca_from_scenario": "skenario {name}",
        "cx_s_summary": "Ringkasan",
        "cx_s_effects": "Dampak",
        "cx_s_costs": "Biaya",
        "cx_s_per_year": "Biaya per tahun",
        "cx_s_wards": "Kelurahan",
        "cx_s_assumptions": "Asumsi",
        "cx_desc": "Uraian",
        "cx_base_wards": "Kelurahan berkelanjutan pada kondisi dasar, tahun terakhir",
        "cx_extra_wards": "Tambahan kelurahan berkelanjutan, tahun terakhir",
        "cx_extra_low": "Tambahan kelurahan berkelanjutan, batas bawah 95%",
        "cx_extra_high": "Tambahan kelurahan berkelanjutan, batas atas 95%",
        "cx_partnerships": "Perubahan kemitraan aktif, tahun terakhir",
        "cx_part_low": "Perubahan kemitraan aktif, batas bawah 95%",
        "cx_part_high": "Perubahan kemitraan aktif, batas atas 95%",
        "cx_better": "Program berkelanjutan lebih baik daripada kondisi dasar (% simulasi berpasangan, "
        "hasil sama dihitung setengah)",
        "cx_cost_total": "Biaya seluruh periode (Rp juta)",
        "cx_extra_cost": "Biaya tambahan dibandingkan kondisi dasar (Rp juta)",
        "cx_cost_pwy": "Biaya per kelurahan per tahun selama berlaku (Rp juta)",
        "cx_cost_per_extra": "Biaya per tambahan kelurahan berkelanjutan (Rp juta)",
        "cx_cpe_low": "Biaya per tambahan kelurahan berkelanjutan, batas bawah (Rp juta)",
        "cx_cpe_high": "Biaya per tambahan kelurahan berkelanjutan, batas atas (Rp juta)",
        "cx_active_years": "Lama berlaku (tahun)",
        "cx_note": "Catatan",
        "cx_outcome": "Hasil",
        "cx_baseline": "Kondisi dasar",
        "cx_with_policy": "Dengan kebijakan",
        "cx_change": "Perubahan",
        "cx_low": "Selang 95%, batas bawah",
        "cx_high": "Selang 95%, batas atas",
        "cx_pairs": "Simulasi berpasangan",
        "cx_lat": "Lintang",
        "cx_lon": "Bujur",
        "cx_w_sus_base": "Berkelanjutan pada kondisi dasar (% simulasi berpasangan)",
        "cx_w_sus_pol": "Berkelanjutan dengan kebijakan (% simulasi berpasangan)",
        "cx_w_sus_diff": "Perubahan (poin persentase)",
        "cx_w_years_base": "Tahun berkelanjutan pada kondisi dasar",
        "cx_w_years_diff": "Tahun berkelanjutan, perubahan",
        "cx_w_part_base": "Kemitraan aktif pada kondisi dasar, tahun terakhir",
        "cx_w_part_diff": "Kemitraan aktif, perubahan",
        "cx_group": "Kelompok",
        "cx_name": "Nama dalam berkas",
        "cx_range_low": "Rentang, batas bawah",
        "cx_range_high": "Rentang, batas atas",
    },
}
"""Brief words by language and key."""

COMPARE_PLOT: dict[str, dict[str, str]] = {
    "en": {
        # ward effects, assumptions, Excel (cmpb)
        "wmap_title": "Effect by ward: sustained programme in the final year ({n} paired seeds)",
        "wmap_panel": "{policy}",
        "wmap_lon": "longitude",
        "wmap_lat": "latitude",
        "wmap_bar": "change in sustained programme\n(percentage points of seeds)",
    },
    "id": {
        # ward effects, assumptions, Excel (cmpb)
        "wmap_title": "Dampak per kelurahan: program berkelanjutan pada tahun terakhir ({n} simulasi berpasangan)",
        "wmap_panel": "{policy}",
        "wmap_lon": "bujur",
        "wmap_lat": "lintang",
        "wmap_bar": "perubahan program berkelanjutan\n(poin persentase simulasi)",
    },
}
"""Plot labels by language and key."""
