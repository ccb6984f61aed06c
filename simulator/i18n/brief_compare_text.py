"""Words the comparison's (plpbk compare) brief and plots, in English and Bahasa Indonesia.

:mod:`simulator.i18n.brief_text` merges them into ``BRIEF`` (and ``PLOT`` for the plots' keys), so
they are read as ``BRIEF[lang][key]`` like the older words. Indonesian follows ``GLOSSARY_ID.md``.
"""

from __future__ import annotations

from typing import Any

COMPARE_BRIEF: dict[str, dict[str, Any]] = {
    "en": {
        "c_partners_note": "Partners are government agencies and firms (through their corporate social "
        "responsibility, CSR).",
        "c_btw": "better than the baseline in {better}, a tie in {tie} and worse in {worse} of {n} paired runs",
        "c_btw_cell": "{better} better, {tie} tie, {worse} worse",
        "c_sector": "Partnerships alive in {end}: government {gov}, CSR/private {csr}; partners with a live "
        "partnership: government {pgov}, CSR/private {pcsr}.",
        "c_cheapest_one": "**Cost-effectiveness:** only {name} has a gain in sustained wards whose 95% interval "
        "lies above zero: about {x} per additional sustained ward (range {lo} to {hi}).",
        "c_cheapest_none": "**Cost-effectiveness:** no policy's gain in sustained wards has a 95% interval above "
        "zero, so none is named as the most cost-effective; the costs are in the table below.",
        "c_rank_change": "**The order of the policies changes with the horizon** (effect on sustained "
        "programmes): {orders}.",
        "c_rank_same": "The order of the policies by their effect on sustained programmes is the same at every "
        "horizon measured (5 and 10 years after the start, final year).",
        "h_5y": "5 years after the start",
        "h_10y": "10 years after the start",
        "h_final": "final year ({year})",
        "c_horizons": "Effects 5 and 10 years after the start",
        "c_horizons_intro": "Difference policy − baseline in the year 5 and 10 years after each policy starts and in "
        "the final year (mean over paired runs, 95% interval in brackets); each policy's first year is in "
        "brackets after its name. **Bold: the 95% interval excludes 0.**",
        "c_past_end": "{name}: {h} ({year}) lies past the last simulated year ({end}), so it is left out.",
        "past_end_cell": "past the end ({year})",
        "outcome": "Outcome",
        "runs_btw": "Sustained programmes: paired runs",
        "from_year": "{name} (from {year})",
        "never_acts": "{name} (never acts)",
        "c_sector_title": "By partner sector",
        "c_sector_intro": "Difference policy − baseline in the final year ({end}): partnerships alive and partners "
        "with a live partnership, government and CSR/private (mean over paired runs, 95% interval in brackets). "
        "A total can hide opposite changes by sector. **Bold: the 95% interval excludes 0.**",
        "aid_per_rp": "Partner aid per public rupiah [95%]",
        "c_aid_intro": "*Partner aid per public rupiah* is the extra aid partners give the wards over all years "
        "(policy − baseline, paired) divided by the policy's extra public cost.",
        "c_units": "Unit costs at full size (assumptions): {units}.",
        "unit_ward": "{name} {x} per ward per year",
        "unit_regency": "{name} {x} per regency per year (one per regency, whatever its number of wards)",
        "c_budget": "Budget per year (APBD)",
        "c_budget_intro": "Public cost of each policy's levers per calendar year (all wards{regs}); years with the "
        "same costs are grouped. The figures per regency and year are in `budget.csv`.",
        "c_budget_regs": " of {n} regencies",
        "years": "Years",
        "c_budget_reg": "Per regency, per year once every lever acts:",
        "regency": "Regency",
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
        "c_partners_note": "Mitra terdiri atas dinas pemerintah dan perusahaan (melalui tanggung jawab sosial dan "
        "lingkungan perusahaan, TJSL/CSR).",
        "c_btw": "lebih baik daripada kondisi dasar pada {better}, sama pada {tie}, dan lebih buruk pada {worse} "
        "dari {n} simulasi berpasangan",
        "c_btw_cell": "{better} lebih baik, {tie} sama, {worse} lebih buruk",
        "c_sector": "Kemitraan aktif pada tahun {end}: pemerintah {gov}, CSR/swasta {csr}; mitra dengan kemitraan "
        "aktif: pemerintah {pgov}, CSR/swasta {pcsr}.",
        "c_cheapest_one": "**Efektivitas biaya:** hanya {name} yang tambahan kelurahan berkelanjutannya memiliki "
        "selang 95% di atas nol: sekitar {x} per tambahan kelurahan berkelanjutan (rentang {lo} sampai {hi}).",
        "c_cheapest_none": "**Efektivitas biaya:** tidak ada kebijakan yang tambahan kelurahan berkelanjutannya "
        "memiliki selang 95% di atas nol, sehingga tidak ada yang disebut paling efektif biaya; biayanya ada pada "
        "tabel di bawah.",
        "c_rank_change": "**Urutan kebijakan berubah menurut jangka waktu** (dampak pada program berkelanjutan): "
        "{orders}.",
        "c_rank_same": "Urutan kebijakan menurut dampaknya pada program berkelanjutan sama pada setiap jangka waktu "
        "yang diukur (5 dan 10 tahun setelah mulai, tahun terakhir).",
        "h_5y": "5 tahun setelah mulai",
        "h_10y": "10 tahun setelah mulai",
        "h_final": "tahun terakhir ({year})",
        "c_horizons": "Dampak 5 dan 10 tahun setelah kebijakan mulai",
        "c_horizons_intro": "Selisih kebijakan − kondisi dasar pada tahun ke-5 dan ke-10 setelah setiap kebijakan "
        "mulai dan pada tahun terakhir (rata-rata simulasi berpasangan, selang 95% dalam kurung siku); tahun mulai "
        "setiap kebijakan ada dalam kurung setelah namanya. **Cetak tebal: selang 95% tidak mencakup 0.**",
        "c_past_end": "{name}: {h} ({year}) melewati tahun terakhir simulasi ({end}), sehingga tidak disajikan.",
        "past_end_cell": "melewati akhir simulasi ({year})",
        "outcome": "Hasil",
        "runs_btw": "Program berkelanjutan: simulasi berpasangan",
        "from_year": "{name} (mulai {year})",
        "never_acts": "{name} (tidak pernah berlaku)",
        "c_sector_title": "Menurut sektor mitra",
        "c_sector_intro": "Selisih kebijakan − kondisi dasar pada tahun terakhir ({end}): kemitraan aktif dan mitra "
        "dengan kemitraan aktif, pemerintah dan CSR/swasta (rata-rata simulasi berpasangan, selang 95% dalam kurung "
        "siku). Angka total dapat menyembunyikan perubahan yang berlawanan arah antarsektor. **Cetak tebal: selang "
        "95% tidak mencakup 0.**",
        "aid_per_rp": "Bantuan mitra per rupiah dana publik [95%]",
        "c_aid_intro": "*Bantuan mitra per rupiah dana publik* adalah tambahan bantuan mitra yang terhimpun di "
        "kelurahan selama semua tahun (kebijakan − kondisi dasar, berpasangan) dibagi tambahan biaya publik "
        "kebijakan.",
        "c_units": "Biaya satuan pada besaran penuh (asumsi): {units}.",
        "unit_ward": "{name} {x} per kelurahan per tahun",
        "unit_regency": "{name} {x} per kabupaten/kota per tahun (satu per kabupaten/kota, berapa pun jumlah "
        "kelurahannya)",
        "c_budget": "Anggaran per tahun (APBD)",
        "c_budget_intro": "Biaya publik instrumen kebijakan per tahun anggaran (semua kelurahan{regs}); tahun-tahun "
        "dengan biaya yang sama digabung. Angka per kabupaten/kota dan per tahun ada di `budget.csv`.",
        "c_budget_regs": " di {n} kabupaten/kota",
        "years": "Tahun",
        "c_budget_reg": "Per kabupaten/kota, per tahun setelah semua instrumen berlaku:",
        "regency": "Kabupaten/kota",
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
        "t_partnerships_government": "government partnerships",
        "t_partnerships_private": "CSR/private partnerships",
        "y_partnerships_government": "partnerships alive (count)",
        "y_partnerships_private": "partnerships alive (count)",
        "horizons": "Effect on sustained programmes over time (mean, 95% bootstrap interval)",
        "horizons_x": "difference policy − baseline\n(% of wards)",
        "h_5y": "5 years after the start",
        "h_10y": "10 years after the start",
        "h_final": "final year ({year})",
        "baseline_name": "baseline",
        # ward effects, assumptions, Excel (cmpb)
        "wmap_title": "Effect by ward: sustained programme in the final year ({n} paired seeds)",
        "wmap_panel": "{policy}",
        "wmap_lon": "longitude",
        "wmap_lat": "latitude",
        "wmap_bar": "change in sustained programme\n(percentage points of seeds)",
    },
    "id": {
        "t_partnerships_government": "kemitraan pemerintah",
        "t_partnerships_private": "kemitraan CSR/swasta",
        "y_partnerships_government": "kemitraan aktif (jumlah)",
        "y_partnerships_private": "kemitraan aktif (jumlah)",
        "horizons": "Dampak pada program berkelanjutan dari waktu ke waktu (rata-rata, selang bootstrap 95%)",
        "horizons_x": "selisih kebijakan − kondisi dasar\n(% kelurahan)",
        "h_5y": "5 tahun setelah mulai",
        "h_10y": "10 tahun setelah mulai",
        "h_final": "tahun terakhir ({year})",
        "baseline_name": "kondisi dasar",
        # ward effects, assumptions, Excel (cmpb)
        "wmap_title": "Dampak per kelurahan: program berkelanjutan pada tahun terakhir ({n} simulasi berpasangan)",
        "wmap_panel": "{policy}",
        "wmap_lon": "bujur",
        "wmap_lat": "lintang",
        "wmap_bar": "perubahan program berkelanjutan\n(poin persentase simulasi)",
    },
}
"""Plot labels by language and key."""
