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
    },
}
"""Plot labels by language and key."""
