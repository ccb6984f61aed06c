"""Labels of the dashboard in English (``en``) and Bahasa Indonesia (``id``).

Parameter labels come from the registry (:mod:`simulator.params`): a short label
per parameter is kept here in both languages (:data:`PARAM_LABELS`); a parameter
without one falls back to a label made from its name. The help text is the
registry's ``meaning`` in English and the translation in :data:`PARAM_MEANINGS_ID`
in Bahasa Indonesia; the values of choice parameters have display names in
:data:`CHOICE_LABELS`. Indonesian follows the project glossary (``GLOSSARY_ID.md``:
its terms, decimal comma and thousands dot, ranges as ``0–1``); :func:`fmt_num` is
the one number formatter of the dashboard (help texts, slider readouts, headline
numbers, chart ticks and the wards table).
"""

from __future__ import annotations

import math
import re

from simulator.params import BY_NAME, Param

LANGS: tuple[str, ...] = ("en", "id")
"""Supported languages."""

TEXT: dict[str, dict[str, str]] = {
    "en": {
        "title": "PLPBK partnerships: what-if dashboard",
        "scenario": "Scenario",
        "policy": "Policy",
        "no_policy": "(no policy: baseline only)",
        "seed": "Seed",
        "step": "Step",
        "play": "Play",
        "pause": "Pause",
        "reset": "Reset",
        "language": "Language",
        "year": "Year",
        "step_counter": "Year {year} · step {step} of {years}",
        "finished": "finished",
        "pending": "Changed values are applied on Reset.",
        "enablers": "Enablers",
        "obstacles": "Obstacles",
        "obstacle_details": "Obstacle details: turnover, elections",
        "levers": "Policy levers",
        "lever_details": "Lever costs and strengths",
        "structure": "Model structure",
        "structure_changed": "Model structure ({n} changed)",
        "structure_help": "Alternative submodels. They set both runs, on Reset.",
        "default_mark": "default",
        "baseline": "baseline",
        "policy_run": "policy",
        "charts": "Charts",
        "network": "Network",
        "wards": "Wards",
        "chart_sector": "Active partnerships by partner sector",
        "chart_form": "Active partnerships by aid form",
        "chart_proposals": "Proposals by route (per year)",
        "chart_sustained": "Share of wards with a sustained programme",
        "chart_trust": "Trust",
        "chart_aid": "Aid delivered by form",
        "chart_decisions": "Partnerships started, renewed and ended (per year)",
        "chart_fees": "Fees and upkeep of the wards' assets",
        "rp_million_year": "Rp million / year",
        "partnerships": "partnerships",
        "partnerships_year": "partnerships / year",
        "proposals": "proposals / year",
        "share": "share of wards",
        "trust": "trust (0–1)",
        "government": "government",
        "private": "private",
        "physical": "physical",
        "money": "money",
        "programme": "programme",
        "event": "event",
        "sent": "sent",
        "answered": "answered",
        "accepted": "accepted",
        "sustained": "sustained",
        "trust_partner": "partner's trust in BKM (live)",
        "trust_bkm": "BKM's trust in partner (live)",
        "trust_ward": "trust in BKMs, all partners who know them",
        "started": "started",
        "renewed": "renewed",
        "scaled_down": "scaled down",
        "ended": "ended",
        "fees_collected": "fees collected",
        "fees_potential": "fees agreed by users",
        "upkeep_need": "upkeep needed",
        "upkeep_paid": "upkeep paid",
        "kpi_sustained": "Sustained wards",
        "kpi_partnerships": "Active partnerships",
        "kpi_aid": "Aid this year, Rp million",
        "kpi_trust": "Trust in live partnerships",
        "kpi_cost": "Lever cost to date, Rp million",
        "show_run": "Show run",
        "net_title": "Partnership network, {run}, {year}",
        "net_too_big": "The network is drawn for at most {most} wards; this scenario has {n}.\n"
        "The yearly charts and the ward table show it.",
        "net_ward": "ward (BKM)",
        "net_ward_sustained": "ward, programme sustained",
        "net_gov": "government agency",
        "net_firm": "CSR firm",
        "net_trust": "trust of the partner in the BKM",
        "net_help": "Links are live partnerships, coloured by trust and thicker with more aid delivered.",
        "ward_help": "Click a column header to sort.",
        "ward": "Ward",
        "regency": "Regency",
        "maturity_start": "Maturity at start",
        "capacity": "Capacity",
        "marketing_skill": "Marketing skill",
        "managing_body": "Managing body",
        "market_access": "Market access",
        "trust_col": "Partners' trust",
        "coverage": "Funding coverage",
        "sustained_col": "Sustained",
        "partnerships_col": "Partnerships",
        "partnership_years": "Partnership-years",
        "turnovers_col": "Board turnovers",
        "aid_received": "Aid received (Rp million)",
        "fees_col": "Fees collected (Rp million)",
        "assets": "Assets (Rp million)",
        "yes": "yes",
        "no": "no",
        "error": "Error",
        "same_seed": "Baseline and policy run on the same seed.",
        "range": "range",
        "rows_per_page": "Rows per page:",
        "all_rows": "All",
        "page_text": "{0}-{1} of {2}",
        "band_seeds": "Seeds for the bands",
        "band_seeds_help": (
            "How many seeds (seed, seed + 1, …) the charts' bands are computed over: the thick lines are "
            "their mean, the shaded area holds 5–95% of the runs. 1 shows the single seed only. The bands "
            "follow the controls at once; Step, Play and Reset keep working on the single seed."
        ),
        "bands_computing": "Computing the bands… {done} of {total} runs",
        "bands_caption": (
            "Thick lines: mean over {n} seeds ({first}–{last}); shaded (hatched for the policy): 5–95% of "
            "the runs. Thin lines with dots: seed {seed}, year by year as stepped."
        ),
        "bands_pending": "The bands already follow the changed values; the stepped seed applies them on Reset.",
        "bands_error": "The bands could not be computed: {error}",
    },
    "id": {
        "title": "Kemitraan PLPBK: dasbor skenario kebijakan",
        "scenario": "Skenario",
        "policy": "Kebijakan",
        "no_policy": "(tanpa kebijakan: hanya kondisi dasar)",
        "seed": "Bilangan acak awal (seed)",
        "step": "Langkah",
        "play": "Jalankan",
        "pause": "Jeda",
        "reset": "Atur ulang",
        "language": "Bahasa",
        "year": "Tahun",
        "step_counter": "Tahun {year} · langkah {step} dari {years}",
        "finished": "selesai",
        "pending": "Nilai yang diubah berlaku setelah Atur ulang.",
        "enablers": "Faktor pendukung",
        "obstacles": "Faktor penghambat",
        "obstacle_details": "Rincian penghambat: pergantian pengurus, pilkada",
        "levers": "Instrumen kebijakan",
        "lever_details": "Biaya dan kekuatan instrumen",
        "structure": "Struktur model",
        "structure_changed": "Struktur model ({n} diubah)",
        "structure_help": "Submodel alternatif. Berlaku untuk kondisi dasar dan kebijakan setelah Atur ulang.",
        "default_mark": "bawaan",
        "baseline": "kondisi dasar",
        "policy_run": "kebijakan",
        "charts": "Grafik",
        "network": "Jaringan",
        "wards": "Kelurahan",
        "chart_sector": "Kemitraan aktif menurut sektor mitra",
        "chart_form": "Kemitraan aktif menurut bentuk bantuan",
        "chart_proposals": "Proposal menurut jalur (per tahun)",
        "chart_sustained": "Proporsi kelurahan dengan program yang berkelanjutan",
        "chart_trust": "Kepercayaan",
        "chart_aid": "Bantuan mitra yang terhimpun menurut bentuk",
        "chart_decisions": "Kemitraan dimulai, diperpanjang, dan berakhir (per tahun)",
        "chart_fees": "Iuran dan pemeliharaan aset kelurahan",
        "rp_million_year": "Rp juta / tahun",
        "partnerships": "kemitraan",
        "partnerships_year": "kemitraan / tahun",
        "proposals": "proposal / tahun",
        "share": "proporsi kelurahan",
        "trust": "kepercayaan (0–1)",
        "government": "pemerintah",
        "private": "swasta",
        "physical": "fisik",
        "money": "dana",
        "programme": "program",
        "event": "acara",
        "sent": "dikirim",
        "answered": "ditanggapi",
        "accepted": "diterima",
        "sustained": "berkelanjutan",
        "trust_partner": "kepercayaan mitra pada BKM (aktif)",
        "trust_bkm": "kepercayaan BKM pada mitra (aktif)",
        "trust_ward": "kepercayaan pada BKM, semua mitra yang mengenalnya",
        "started": "dimulai",
        "renewed": "diperpanjang",
        "scaled_down": "dikurangi skalanya",
        "ended": "berakhir",
        "fees_collected": "iuran tertagih",
        "fees_potential": "iuran yang disepakati pemanfaat",
        "upkeep_need": "kebutuhan pemeliharaan",
        "upkeep_paid": "pemeliharaan yang dibayar",
        "kpi_sustained": "Kelurahan berkelanjutan",
        "kpi_partnerships": "Kemitraan aktif",
        "kpi_aid": "Bantuan mitra yang terhimpun tahun ini, Rp juta",
        "kpi_trust": "Kepercayaan dalam kemitraan aktif",
        "kpi_cost": "Biaya instrumen hingga kini, Rp juta",
        "show_run": "Tampilkan",
        "net_title": "Jaringan kemitraan, {run}, {year}",
        "net_too_big": "Jaringan hanya digambar untuk paling banyak {most} kelurahan; skenario ini memiliki {n}.\n"
        "Grafik tahunan dan tabel kelurahan menampilkannya.",
        "net_ward": "kelurahan (BKM)",
        "net_ward_sustained": "kelurahan, program berkelanjutan",
        "net_gov": "dinas pemerintah",
        "net_firm": "perusahaan CSR",
        "net_trust": "kepercayaan mitra pada BKM",
        "net_help": (
            "Garis menunjukkan kemitraan aktif, diwarnai menurut kepercayaan; makin tebal, "
            "makin banyak bantuan mitra yang terhimpun."
        ),
        "ward_help": "Klik judul kolom untuk mengurutkan.",
        "ward": "Kelurahan",
        "regency": "Kabupaten/kota",
        "maturity_start": "Status awal BKM",
        "capacity": "Kapasitas",
        "marketing_skill": "Keterampilan tim pemasaran",
        "managing_body": "Badan pengelola",
        "market_access": "Akses pasar",
        "trust_col": "Kepercayaan mitra",
        "coverage": "Cakupan pendanaan",
        "sustained_col": "Berkelanjutan",
        "partnerships_col": "Kemitraan",
        "partnership_years": "Tahun-kemitraan",
        "turnovers_col": "Pergantian pengurus",
        "aid_received": "Bantuan diterima (Rp juta)",
        "fees_col": "Iuran tertagih (Rp juta)",
        "assets": "Aset (Rp juta)",
        "yes": "ya",
        "no": "tidak",
        "error": "Kesalahan",
        "same_seed": "Kondisi dasar dan kebijakan dijalankan dengan seed yang sama.",
        "range": "rentang",
        "rows_per_page": "Baris per halaman:",
        "all_rows": "Semua",
        "page_text": "{0}–{1} dari {2}",
        "band_seeds": "Jumlah seed untuk pita ketidakpastian",
        "band_seeds_help": (
            "Banyaknya seed (seed, seed + 1, …) yang menjadi dasar pita pada grafik: garis tebal adalah "
            "rata-ratanya, area berwarna memuat 5–95% hasil simulasi. Nilai 1 hanya menampilkan satu seed. "
            "Pita langsung mengikuti pengaturan; Langkah, Jalankan, dan Atur ulang tetap bekerja pada satu seed."
        ),
        "bands_computing": "Menghitung pita ketidakpastian… {done} dari {total} simulasi",
        "bands_caption": (
            "Garis tebal: rata-rata atas {n} seed ({first}–{last}); area berwarna (berarsir untuk kebijakan): "
            "5–95% hasil simulasi. Garis tipis bertitik: seed {seed}, tahun demi tahun sesuai langkah yang "
            "dijalankan."
        ),
        "bands_pending": (
            "Pita sudah mengikuti nilai yang diubah; seed yang dijalankan per langkah menerapkannya setelah Atur ulang."
        ),
        "bands_error": "Pita ketidakpastian tidak dapat dihitung: {error}",
    },
}
"""Interface text by language and key."""

CHOICE_LABELS: dict[str, tuple[str, str]] = {
    # structure.trust
    "learned": ("learned", "dipelajari"),
    "symmetric": ("symmetric", "simetris"),
    "fixed": ("fixed", "tetap"),
    # structure.renewal
    "decision": ("partner decides", "keputusan mitra"),
    "lapse": ("lapse rule", "aturan kedaluwarsa"),
    "permanent": ("never end", "tidak pernah berakhir"),
    # structure.upkeep
    "condition": ("by condition", "menurut kondisi"),
    "fixed_decay": ("fixed decay", "penyusutan tetap"),
    # structure.enablers
    "complementary": ("complementary", "saling melengkapi"),
    "additive": ("additive", "aditif"),
    "substitutes": ("substitutes", "saling menggantikan"),
    # structure.demand
    "market": ("market", "pasar"),
    "flat": ("flat", "rata"),
    # structure.awareness
    "gated": ("firms must notice first", "perusahaan harus memperhatikan dulu"),
    "open": ("everyone knows", "semua sudah tahu"),
}
"""Display names of the values of choice parameters: ``value -> (English, Indonesian)``."""

_LEVER_NAMES = {
    "marketing_push": ("Marketing push", "Dorongan pemasaran"),
    "strengthening": ("BKM strengthening", "Penguatan BKM"),
    "consistent_team": ("Consistent management team", "Tim pengelola yang konsisten"),
    "facilitation": ("Extra facilitation", "Fasilitasi tambahan"),
    "csr_forum": ("CSR forum", "Forum CSR"),
}

PARAM_LABELS: dict[str, tuple[str, str]] = {
    # time
    "time.start_year": ("First simulated year", "Tahun awal simulasi"),
    "time.years": ("Simulated years", "Lama simulasi"),
    # structure: submodels
    "structure.trust": ("How trust changes", "Cara kepercayaan berubah"),
    "structure.renewal": ("How partnerships end", "Cara kemitraan berakhir"),
    "structure.upkeep": ("How assets age", "Cara aset menua"),
    "structure.enablers": ("How the enablers combine", "Cara faktor pendukung berpadu"),
    "structure.demand": ("How many users pay fees", "Jumlah pemanfaat yang membayar iuran"),
    "structure.awareness": ("Who can hear of the programme", "Siapa yang dapat mengetahui program"),
    # wards
    "wards.n": ("Wards", "Jumlah kelurahan"),
    "wards.regions": ("Regencies/cities", "Jumlah kabupaten/kota"),
    "wards.share_tidak_berdaya": ("Share starting 'tidak berdaya'", "Proporsi status awal tidak berdaya"),
    "wards.share_berdaya": ("Share starting 'berdaya'", "Proporsi status awal berdaya"),
    "wards.share_mandiri": ("Share starting 'mandiri'", "Proporsi status awal mandiri"),
    "wards.share_madani": ("Share starting 'madani'", "Proporsi status awal madani"),
    "wards.plan_items": ("Items in a new plan", "Butir rencana baru"),
    "wards.plan_years": ("Years between plan renewals", "Jangka pembaruan rencana"),
    "wards.plan_renewal": ("Plan items added per year", "Butir rencana tambahan per tahun"),
    "wards.mix_physical": ("Plan share: physical aid", "Proporsi rencana: bantuan fisik"),
    "wards.mix_money": ("Plan share: money aid", "Proporsi rencana: bantuan dana"),
    "wards.mix_programme": ("Plan share: programme aid", "Proporsi rencana: bantuan program"),
    "wards.mix_event": ("Plan share: aid in events", "Proporsi rencana: bantuan acara"),
    "wards.heterogeneity": ("Spread between wards", "Keragaman antarkelurahan"),
    # grant (BLM)
    "grant.planning": ("BLM planning tranche", "BLM tahap perencanaan"),
    "grant.marketing": ("BLM marketing tranche", "BLM tahap pemasaran"),
    "grant.implementation_1": ("BLM implementation tranche 1", "BLM pelaksanaan tahap 1"),
    "grant.implementation_2": ("BLM implementation tranche 2", "BLM pelaksanaan tahap 2"),
    "grant.local_cofunding": ("Local co-funding", "Dana daerah (DDUB)"),
    "grant.absorption_min": ("Tranche spent by the weakest BKM", "Serapan BKM terlemah"),
    "grant.absorption_full": ("Capacity for full spending", "Kapasitas untuk serapan penuh"),
    "grant.marketing_ref": ("Marketing money for full effort", "Dana pemasaran untuk upaya penuh"),
    "grant.planning_year": ("Year of the planning tranche", "Tahun BLM perencanaan"),
    "grant.planning_projects": ("Practice from the planning year", "Praktik dari tahun perencanaan"),
    "grant.marketing_year": ("Year of the marketing tranche", "Tahun BLM pemasaran"),
    "grant.marketing_span": ("Years to spend marketing money", "Lama belanja dana pemasaran"),
    "grant.implementation_1_year": ("Year of implementation tranche 1", "Tahun BLM pelaksanaan 1"),
    "grant.implementation_2_year": ("Year of implementation tranche 2", "Tahun BLM pelaksanaan 2"),
    # programme
    "programme.facilitation_years": ("Years facilitators stay", "Lama fasilitator bertugas"),
    "programme.facilitation_during": ("Facilitation while present", "Fasilitasi selama program"),
    "programme.facilitation_after": ("Facilitation after they leave", "Fasilitasi setelah program"),
    "programme.kotaku": ("Programme moves into KOTAKU", "Program beralih ke KOTAKU"),
    "programme.kotaku_year": ("Year of the move into KOTAKU", "Tahun peralihan ke KOTAKU"),
    "programme.kotaku_facilitation": ("Facilitation under KOTAKU", "Fasilitasi dalam KOTAKU"),
    "programme.marketing_after": ("Marketing kept up after the grant", "Pemasaran setelah BLM"),
    "programme.activity_cost": ("Yearly activity cost", "Biaya kegiatan tahunan"),
    "programme.self_help": ("Community self-help", "Swadaya masyarakat"),
    "programme.sustain_window": ("Years over which funding is judged", "Jangka penilaian pendanaan"),
    "programme.sustain_coverage": ("Coverage a sustained programme needs", "Cakupan pendanaan minimal"),
    "programme.sustain_capacity": ("Capacity a sustained programme needs", "Kapasitas minimal"),
    # BKM
    "bkm.proposals_per_year": ("Proposals per year", "Proposal per tahun"),
    "bkm.proposals_capacity_floor": ("Proposal rate at capacity 0", "Laju proposal pada kapasitas 0"),
    "bkm.proposals_marketing_floor": ("Proposal rate without marketing", "Laju proposal tanpa pemasaran"),
    "bkm.marketing_skill": ("Marketing-team skill", "Keterampilan tim pemasaran"),
    "bkm.coordination": ("BKM-government coordination", "Koordinasi BKM-pemerintah"),
    "bkm.managing_body": ("Managing-body effectiveness", "Efektivitas badan pengelola"),
    "bkm.reporting_coordination_weight": ("Coordination in reporting", "Bobot koordinasi dalam pelaporan"),
    "bkm.practice_weight": ("Weight of practice in learning", "Bobot praktik dalam pembelajaran"),
    "bkm.term_years": ("Years between BKM elections", "Masa jabatan pengurus BKM"),
    "bkm.turnover": ("BKM team turnover at an election", "Pergantian pengurus BKM saat pemilihan"),
    "bkm.turnover_skill_loss": ("Turnover: skill lost", "Pergantian pengurus: keterampilan hilang"),
    "bkm.turnover_capacity_loss": ("Turnover: capacity lost", "Pergantian pengurus: kapasitas hilang"),
    "bkm.turnover_tie_loss": ("Turnover: trust lost", "Pergantian pengurus: kepercayaan hilang"),
    "bkm.turnover_partnership_loss": ("Turnover: partnerships lost", "Pergantian pengurus: kemitraan terputus"),
    "bkm.learning_rate": ("Capacity learning rate", "Laju pembelajaran kapasitas"),
    "bkm.erosion_rate": ("Capacity erosion rate", "Laju penurunan kapasitas"),
    "bkm.practice_ref": ("Projects for full practice", "Proyek untuk praktik penuh"),
    "bkm.overload_projects": ("Projects that overload a BKM", "Batas beban proyek BKM"),
    "bkm.managing_body_adjust": ("Managing-body adjustment speed", "Kecepatan penyesuaian badan pengelola"),
    "bkm.managing_body_capacity_weight": ("Capacity in the managing body", "Bobot kapasitas pada badan pengelola"),
    # government
    "government.agencies": ("Government agencies", "Jumlah dinas"),
    "government.budget_per_ward": ("Agency budget per ward", "Anggaran dinas per kelurahan"),
    "government.ceiling": ("Agency ceiling per proposal", "Batas dinas per proposal"),
    "government.responsiveness": ("Agencies answer proposals", "Dinas menanggapi proposal"),
    "government.acceptance_bias": ("Agency acceptance bias", "Konstanta penerimaan dinas"),
    "government.awareness": ("Agencies learn of plans", "Dinas mengetahui rencana"),
    "government.awareness_facilitation_share": (
        "Facilitation in musrenbang awareness",
        "Peran fasilitasi dalam musrenbang",
    ),
    "government.awareness_forgetting": ("Agencies forget wards", "Dinas melupakan kelurahan"),
    "government.payment_lag": ("Government payment lag", "Jeda pembayaran pemerintah"),
    "government.preferred_forms": ("Agency mandate covers a form", "Mandat dinas mencakup bentuk"),
    "government.election_years": ("Years between regional elections", "Jangka antarpilkada"),
    "government.first_election": ("First regional election", "Tahun pilkada pertama"),
    "government.priority_spread": ("Agency priorities shift at elections", "Pergeseran prioritas dinas saat pilkada"),
    "government.election_awareness_loss": ("Agencies forget wards at elections", "Dinas lupa kelurahan saat pilkada"),
    "government.mandate_change": ("Elections change agency mandates", "Pilkada mengubah mandat dinas"),
    # firms
    "firms.n": ("CSR firms", "Jumlah perusahaan CSR"),
    "firms.csr_budget_per_ward": ("CSR budget per ward", "Anggaran CSR per kelurahan"),
    "firms.ceiling": ("Firm ceiling per proposal", "Batas perusahaan per proposal"),
    "firms.responsiveness": ("Firms answer proposals", "Perusahaan menanggapi proposal"),
    "firms.acceptance_bias": ("Firm acceptance bias", "Konstanta penerimaan perusahaan"),
    "firms.preferred_forms": ("CSR policy covers a form", "Kebijakan CSR mencakup bentuk"),
    "firms.awareness_forgetting": ("Firms forget wards", "Perusahaan melupakan kelurahan"),
    "firms.notice_rate": ("Firms notice the programme", "Perusahaan memperhatikan program"),
    "firms.outside_reach": ("Firms' reach outside their region", "Jangkauan perusahaan ke luar wilayahnya"),
    "firms.share_state": ("Share of state firms", "Proporsi BUMN"),
    "firms.share_bank": ("Share of regional banks", "Proporsi bank daerah"),
    "firms.share_resource": ("Share of natural-resource firms", "Proporsi perusahaan sumber daya alam"),
    "firms.share_private": ("Share of other private firms", "Proporsi perusahaan swasta lain"),
    "firms.mandatory_factor": ("Mandatory-CSR multiplier", "Pengali CSR wajib"),
    "firms.private_factor": ("Voluntary-CSR multiplier", "Pengali CSR sukarela"),
    # marketing
    "marketing.innovation": ("Awareness from marketing (Bass p)", "Pengenalan dari pemasaran (Bass p)"),
    "marketing.imitation": ("Awareness from other partners (Bass q)", "Pengenalan dari mitra lain (Bass q)"),
    # trust
    "trust.initial": ("Initial trust", "Kepercayaan awal"),
    "trust.learn_success": ("Trust learning after success", "Laju belajar setelah berhasil"),
    "trust.learn_failure": ("Trust learning after failure", "Laju belajar setelah gagal"),
    "trust.learn_report": ("Trust learning from reports", "Laju belajar dari laporan"),
    "trust.reputation_spread": ("Reputation spreads among partners", "Penyebaran reputasi antarmitra"),
    "trust.forgetting": ("Trust forgetting", "Laju lupa kepercayaan"),
    "trust.coordination_memory": ("Coordination keeps trust", "Koordinasi menjaga kepercayaan"),
    "trust.refusal_penalty": ("Trust lost on a refusal", "Kepercayaan hilang karena penolakan"),
    "trust.ignore_penalty": ("Trust lost on no answer", "Kepercayaan hilang karena tidak ditanggapi"),
    "trust.end_threshold": ("Trust below which partners leave", "Ambang kepercayaan berakhirnya kemitraan"),
    # acceptance and the enabler index
    "acceptance.fit_weight": ("Weight of fit", "Bobot kecocokan"),
    "acceptance.quality_weight": ("Weight of proposal quality", "Bobot mutu proposal"),
    "acceptance.enabler_weight": ("Weight of the enablers", "Bobot faktor pendukung"),
    "acceptance.partner_bonus": ("Bonus for a current partner", "Tambahan untuk mitra aktif"),
    "acceptance.quality_capacity": ("Capacity in proposal quality", "Bobot kapasitas dalam mutu proposal"),
    "acceptance.quality_facilitation": ("Facilitation in proposal quality", "Bobot fasilitasi dalam mutu proposal"),
    "enablers.trust_share": ("Trust in the enabler index", "Bobot kepercayaan dalam indeks pendukung"),
    "enablers.coordination_share": ("Coordination in the enabler index", "Bobot koordinasi dalam indeks pendukung"),
    "enablers.skill_share": ("Skill in the enabler index", "Bobot keterampilan dalam indeks pendukung"),
    "acceptance.unpreferred_fit": ("Fit of a form outside the mandate", "Kecocokan bentuk di luar mandat"),
    # partnership
    "partnership.lapse_years": ("Years without aid before a lapse", "Tahun tanpa bantuan sampai kedaluwarsa"),
    "partnership.continuation_bonus": ("Preference for current partners", "Preferensi pada mitra lama"),
    "partnership.trust_floor": ("Trust floor in partner choice", "Batas bawah kepercayaan saat memilih mitra"),
    "partnership.repeat_factor": ("Asking the same partner again", "Meminta lagi ke mitra yang sama"),
    # renewal
    "renewal.bias": ("Renewal bias", "Konstanta perpanjangan"),
    "renewal.trust_weight": ("Weight of trust in renewal", "Bobot kepercayaan dalam perpanjangan"),
    "renewal.report_weight": ("Weight of the report in renewal", "Bobot laporan dalam perpanjangan"),
    "renewal.fit_weight": ("Weight of fit in renewal", "Bobot kecocokan dalam perpanjangan"),
    "renewal.budget_weight": ("Weight of budget left in renewal", "Bobot sisa anggaran dalam perpanjangan"),
    "renewal.scale_down_share": ("Scaled down rather than left", "Proporsi yang dikurangi skalanya"),
    "renewal.scale_down": ("Scale-down factor", "Faktor pengurangan skala"),
    "renewal.min_scale": ("Smallest scale kept", "Skala terkecil yang dipertahankan"),
    "renewal.backstop_years": ("Years without aid before a renewed partnership ends", "Batas tahun tanpa bantuan"),
    # aid
    "aid.size_physical": ("Mean physical aid asked", "Rata-rata permintaan bantuan fisik"),
    "aid.size_money": ("Mean money aid asked", "Rata-rata permintaan bantuan dana"),
    "aid.size_programme": ("Mean programme aid asked", "Rata-rata permintaan bantuan program"),
    "aid.size_event": ("Mean aid in an event asked", "Rata-rata permintaan bantuan acara"),
    "aid.size_sigma": ("Spread of amounts asked", "Sebaran jumlah permintaan"),
    "aid.cost_physical": ("Funder cost of physical aid", "Biaya pemberi bantuan: fisik"),
    "aid.cost_money": ("Funder cost of money aid", "Biaya pemberi bantuan: dana"),
    "aid.cost_programme": ("Funder cost of programme aid", "Biaya pemberi bantuan: program"),
    "aid.cost_event": ("Funder cost of aid in events", "Biaya pemberi bantuan: acara"),
    "aid.delivery_min": ("Success of aid at the weakest BKM", "Keberhasilan bantuan pada BKM terlemah"),
    "aid.programme_capacity_gain": ("Capacity from programme aid", "Kapasitas dari bantuan program"),
    "aid.event_awareness_gain": ("Marketing boost from an event", "Dorongan pemasaran dari acara"),
    "aid.physical_managing_body_weight": (
        "Managing body in physical aid",
        "Peran badan pengelola pada bantuan fisik",
    ),
    "aid.money_managing_body_weight": ("Managing body in money aid", "Peran badan pengelola pada bantuan dana"),
    "aid.event_coordination_weight": ("Coordination in aid in events", "Peran koordinasi pada bantuan acara"),
    # assets
    "assets.decay": ("Asset wear", "Keausan aset"),
    "assets.upkeep_rate": ("Upkeep need", "Kebutuhan pemeliharaan"),
    "assets.upkeep_growth": ("Upkeep growth as assets wear", "Kenaikan kebutuhan pemeliharaan karena aus"),
    "assets.repair_rate": ("Repair rate", "Laju perbaikan"),
    "assets.upkeep_managing_body_weight": ("Managing body in upkeep", "Peran badan pengelola dalam pemeliharaan"),
    "assets.rehab_share": ("Physical aid used for repair", "Bantuan fisik untuk rehabilitasi"),
    # demand
    "demand.market_access": ("Market access", "Akses pasar"),
    "demand.users_per_asset": ("Users per Rp million of assets", "Pemanfaat per Rp1 juta aset"),
    "demand.willingness_to_pay": ("Fee a user pays", "Iuran per pemanfaat"),
    "demand.collection_min": ("Fees collected by the weakest managing body", "Iuran tertagih pada pengelola terlemah"),
    # levers: effects (sizes, first years and costs are added below)
    "levers.marketing_push_training": ("Marketing push: training gain", "Dorongan pemasaran: laju pelatihan"),
    "levers.consistent_team_effect": ("Consistent team: turnover prevented", "Tim konsisten: pergantian dicegah"),
    "levers.csr_forum_awareness": ("CSR forum: awareness gain", "Forum CSR: tambahan pengenalan"),
    "levers.csr_forum_responsiveness": ("CSR forum: response gain", "Forum CSR: tambahan tanggapan"),
}
"""Short labels of parameters: ``name -> (English, Indonesian)``."""

for _lever, (_en, _id) in _LEVER_NAMES.items():
    PARAM_LABELS[f"levers.{_lever}"] = (f"{_en}: size", f"{_id}: besaran")
    PARAM_LABELS[f"levers.{_lever}_start"] = (f"{_en}: first year", f"{_id}: tahun mulai")
    PARAM_LABELS[f"levers.{_lever}_cost"] = (f"{_en}: cost", f"{_id}: biaya")

_UNITS_ID = {
    "-": "-",
    "x": "x",
    "year": "tahun",
    "years": "tahun",
    "programme year": "tahun program",
    "1 / year": "1 / tahun",
    "probability": "peluang",
    "probability / year": "peluang / tahun",
    "share": "proporsi",
    "share of value / year": "proporsi nilai / tahun",
    "logit": "logit",
    "logit / unit": "logit / satuan",
    "log units": "satuan log",
    "effort": "upaya",
    "wards": "kelurahan",
    "regencies/cities": "kabupaten/kota",
    "agencies": "dinas",
    "firms": "perusahaan",
    "items": "butir",
    "items / ward / year": "butir / kelurahan / tahun",
    "projects": "proyek",
    "projects / year": "proyek / tahun",
    "proposals / year": "proposal / tahun",
    "condition / year": "kondisi / tahun",
    "capacity / Rp million": "kapasitas / Rp juta",
    "users / Rp million": "pemanfaat / Rp juta",
    "Rp million": "Rp juta",
    "Rp million / year": "Rp juta / tahun",
    "Rp million / ward": "Rp juta / kelurahan",
    "Rp million / ward / year": "Rp juta / kelurahan / tahun",
    "Rp million / proposal": "Rp juta / proposal",
    "Rp million / user / year": "Rp juta / pemanfaat / tahun",
    "Rp budget / Rp aid": "Rp anggaran / Rp bantuan",
    "Rp million / ward / year at size 1": "Rp juta / kelurahan / tahun pada besaran 1",
}

_LEVER_SIZE_ID = "Besaran instrumen kebijakan (0 = tidak aktif, 1 = penuh)."
_LAPSE_ONLY = "Hanya pada struktur 'aturan kedaluwarsa' (structure.renewal = lapse): "

PARAM_MEANINGS_ID: dict[str, str] = {
    # time
    "time.start_year": "Tahun kalender langkah pertama (tahun uji coba PLPBK).",
    "time.years": "Jumlah tahun yang disimulasikan (satu langkah = satu tahun).",
    # structure: submodels
    "structure.trust": (
        "Cara kepercayaan berubah: dipelajari dari penyaluran bantuan dan laporan pertanggungjawaban, dengan "
        "bias negatif (hasil buruk lebih berpengaruh daripada hasil baik), dan menyebar melalui reputasi "
        "(dipelajari); sama, tetapi dengan laju yang setara untuk hasil baik dan buruk (simetris); atau tidak "
        "pernah berubah (tetap)."
    ),
    "structure.renewal": (
        "Cara kemitraan berakhir: setiap tahun mitra memutuskan untuk memperpanjang, mengurangi skala, atau "
        "keluar dari kemitraan (keputusan mitra); atau aturan administratif mengakhirinya setelah "
        "partnership.lapse_years tahun tanpa bantuan atau bila kepercayaan turun di bawah trust.end_threshold "
        "(aturan kedaluwarsa); atau kemitraan tidak pernah berakhir dan diperpanjang setiap tahun dalam batas "
        "anggaran mitra (tidak pernah berakhir)."
    ),
    "structure.upkeep": (
        "Cara aset menua: kebutuhan pemeliharaan naik saat kondisi aset turun, dan pemeliharaan yang dibayar "
        "memperbaiki kondisi (menurut kondisi); atau kondisi turun dengan penyusutan tetap yang diperingan "
        "sebesar proporsi pemeliharaan tetap yang dibayar (penyusutan tetap)."
    ),
    "structure.enablers": (
        "Cara kepercayaan, koordinasi, dan keterampilan tim pemasaran digabung menjadi indeks faktor pendukung "
        "dalam penerimaan proposal: rata-rata geometrik berbobot, sehingga setiap faktor memerlukan faktor "
        "lainnya (saling melengkapi); jumlah berbobot (aditif); atau satu dikurangi rata-rata geometrik berbobot "
        "dari kekurangannya, sehingga satu faktor dapat menggantikan faktor lainnya (saling menggantikan)."
    ),
    "structure.demand": (
        "Jumlah pemanfaat yang membayar iuran: bertambah seiring akses pasar kelurahan dan kondisi aset "
        "(pasar); atau setiap rupiah aset mempunyai pemanfaat yang sama banyak, apa pun lokasinya (rata)."
    ),
    "structure.awareness": (
        "Siapa yang dapat mengetahui program: bagian CSR suatu perusahaan harus lebih dulu memperhatikan program "
        "(pemasaran di wilayahnya, forum CSR) sebelum dapat mengetahui kelurahan mana pun (perusahaan harus "
        "memperhatikan dulu); atau setiap lembaga dalam jangkauan mengetahui setiap kelurahan sejak awal, sehingga "
        "sedikitnya lembaga yang merespons hanya karena sedikit yang menjawab (semua sudah tahu)."
    ),
    # wards
    "wards.n": (
        "Jumlah kelurahan, masing-masing dengan satu BKM (diganti jumlah baris bila berkas CSV kelurahan diberikan)."
    ),
    "wards.regions": "Jumlah kabupaten/kota; suatu dinas hanya melayani kelurahan di wilayahnya sendiri.",
    "wards.share_tidak_berdaya": "Proporsi BKM dengan status awal BKM 'tidak berdaya' (kapasitas 0,05–0,25).",
    "wards.share_berdaya": "Proporsi BKM dengan status awal BKM 'berdaya' (kapasitas 0,25–0,5).",
    "wards.share_mandiri": "Proporsi BKM dengan status awal BKM 'mandiri' (kapasitas 0,5–0,75).",
    "wards.share_madani": "Proporsi BKM dengan status awal BKM 'madani' (kapasitas 0,75–0,95).",
    "wards.plan_items": (
        "Jumlah butir dalam rencana lima tahunan (RTPLP) setiap kelurahan saat rencana disusun; butir yang belum "
        "didanai kedaluwarsa saat rencana diperbarui."
    ),
    "wards.plan_years": (
        "Jumlah tahun antarpembaruan rencana (RTPLP); saat pembaruan, butir yang belum didanai kedaluwarsa dan "
        "rencana baru disusun."
    ),
    "wards.plan_renewal": (
        "Butir yang ditambahkan kelurahan ke rencananya setiap tahun di antara dua pembaruan (kegiatan rutin, "
        "kebutuhan mendesak); butir ini kedaluwarsa bersama rencananya."
    ),
    "wards.mix_physical": "Proporsi butir rencana yang meminta bantuan fisik.",
    "wards.mix_money": "Proporsi butir rencana yang meminta bantuan dana.",
    "wards.mix_programme": "Proporsi butir rencana yang meminta bantuan program.",
    "wards.mix_event": "Proporsi butir rencana yang meminta bantuan dalam bentuk acara.",
    "wards.heterogeneity": (
        "Simpangan baku nilai tiap kelurahan di sekitar rata-rata keterampilan tim pemasaran, koordinasi, badan "
        "pengelola, dan akses pasar."
    ),
    # grant (BLM)
    "grant.planning": "BLM (bantuan langsung masyarakat) tahap 1 untuk perencanaan, dibayarkan pada tahun pertama.",
    "grant.marketing": (
        "BLM tahap 2 untuk pemasaran, dibayarkan pada tahun kedua dan dibelanjakan selama tahun kedua dan ketiga."
    ),
    "grant.implementation_1": "BLM tahap 2 untuk pelaksanaan, pada tahun kedua.",
    "grant.implementation_2": "BLM tahap 3 untuk pelaksanaan, pada tahun ketiga.",
    "grant.local_cofunding": (
        "Dana daerah untuk urusan bersama (DDUB) dari APBD yang ditambahkan ke BLM pelaksanaan tahun ketiga."
    ),
    "grant.absorption_min": (
        "Proporsi BLM pelaksanaan yang dibelanjakan BKM terlemah (BKM dengan kapasitas sedikitnya "
        "grant.absorption_full membelanjakan seluruhnya)."
    ),
    "grant.absorption_full": "Kapasitas minimal BKM untuk membelanjakan BLM pelaksanaan seluruhnya ('mandiri').",
    "grant.marketing_ref": "Dana pemasaran per tahun yang menghasilkan upaya pemasaran penuh (1,0).",
    "grant.planning_year": (
        "Tahun program saat BLM tahap perencanaan (BLM1) dibayarkan (tahun 1 adalah tahun simulasi pertama)."
    ),
    "grant.planning_projects": (
        "Praktik yang diperoleh BKM dari tahun perencanaan (rembuk warga, pemetaan, penyusunan RTPLP), "
        "dinyatakan dalam jumlah proyek."
    ),
    "grant.marketing_year": (
        "Tahun program saat BLM tahap pemasaran dibayarkan; dana ini dibelanjakan selama grant.marketing_span tahun."
    ),
    "grant.marketing_span": "Jumlah tahun untuk membelanjakan BLM tahap pemasaran.",
    "grant.implementation_1_year": "Tahun program untuk BLM pelaksanaan pertama (BLM2).",
    "grant.implementation_2_year": (
        "Tahun program untuk BLM pelaksanaan kedua (BLM3) dan dana daerah (DDUB); BLM berakhir dengan tahap ini."
    ),
    # programme
    "programme.facilitation_years": "Lama (tahun) fasilitator program bertugas sebelum meninggalkan kelurahan.",
    "programme.facilitation_during": "Intensitas fasilitasi selama fasilitator program masih bertugas.",
    "programme.facilitation_after": (
        "Intensitas fasilitasi setelah fasilitator program pergi (dukungan rutin dari pemerintah daerah)."
    ),
    "programme.kotaku": (
        "Apakah program dilanjutkan di dalam KOTAKU mulai programme.kotaku_year, sehingga fasilitasi hadir kembali."
    ),
    "programme.kotaku_year": "Tahun program beralih ke KOTAKU (bila programme.kotaku aktif).",
    "programme.kotaku_facilitation": (
        "Intensitas fasilitasi yang dibawa fasilitator KOTAKU mulai programme.kotaku_year (hanya bila program "
        "beralih ke KOTAKU)."
    ),
    "programme.marketing_after": (
        "Upaya pemasaran yang tetap dijalankan sendiri oleh BKM dengan tim yang sepenuhnya terampil setelah BLM "
        "(bantuan langsung masyarakat) tahap pemasaran habis (dikali keterampilan tim pemasaran)."
    ),
    "programme.activity_cost": "Biaya tahunan menjalankan kegiatan program (unit-unit BKM, acara, layanan).",
    "programme.self_help": "Sumbangan swadaya masyarakat dari BKM yang sepenuhnya mampu.",
    "programme.sustain_window": "Jangka bergulir (tahun) untuk menilai apakah pendanaan menutup kebutuhan program.",
    "programme.sustain_coverage": (
        "Proporsi kebutuhan (pemeliharaan dan kegiatan) yang harus ditutup pendanaan selama jangka itu agar "
        "program terhitung berkelanjutan."
    ),
    "programme.sustain_capacity": (
        "Kapasitas BKM minimal agar program terhitung berkelanjutan (ambang status 'berdaya')."
    ),
    # BKM
    "bkm.proposals_per_year": (
        "Rata-rata jumlah proposal per tahun dari BKM yang sepenuhnya mampu dengan upaya pemasaran penuh (rata-rata "
        "Poisson, dikurangi oleh batas bawah kapasitas dan pemasaran)."
    ),
    "bkm.proposals_capacity_floor": (
        "Proporsi laju proposal yang tetap dimiliki BKM pada kapasitas 0 (faktornya = batas bawah + "
        "(1 − batas bawah) × kapasitas)."
    ),
    "bkm.proposals_marketing_floor": (
        "Proporsi laju proposal yang tetap dimiliki BKM tanpa upaya pemasaran (faktornya = batas bawah + "
        "(1 − batas bawah) × upaya)."
    ),
    "bkm.marketing_skill": (
        "Rata-rata keterampilan tim pemasaran BKM (memahami konsep program; faktor pendukung 3 dalam studi)."
    ),
    "bkm.coordination": (
        "Rata-rata komunikasi dan koordinasi antara BKM dan pemerintah (faktor pendukung 1 dalam studi)."
    ),
    "bkm.managing_body": (
        "Rata-rata efektivitas bawaan badan pengelola; nilai rendah adalah faktor penghambat 1 dalam studi."
    ),
    "bkm.reporting_coordination_weight": (
        "Bobot koordinasi (dibandingkan kapasitas) dalam peluang BKM menyampaikan laporan pertanggungjawaban "
        "tahunan kepada setiap mitra aktif: P = (1 − w) × kapasitas + w × koordinasi."
    ),
    "bkm.practice_weight": (
        "Bobot praktik (dibandingkan fasilitasi dan penguatan, yang berbobot 1) dalam pertumbuhan kapasitas."
    ),
    "bkm.term_years": (
        "Jumlah tahun antarpemilihan pengurus BKM; pemilihan pertama di setiap kelurahan jatuh secara acak dalam "
        "masa jabatan pertama."
    ),
    "bkm.turnover": "Peluang suatu pemilihan mengganti sebagian besar tim pengelola BKM (pergantian pengurus).",
    "bkm.turnover_skill_loss": "Proporsi keterampilan tim pemasaran yang hilang saat pergantian pengurus.",
    "bkm.turnover_capacity_loss": (
        "Proporsi kapasitas BKM yang hilang saat pergantian pengurus (pengalaman, kebiasaan kerja)."
    ),
    "bkm.turnover_partnership_loss": (
        "Peluang setiap kemitraan yang masih berjalan terputus saat pengurus BKM berganti: tim baru tidak "
        "melanjutkan kesepakatan (tidak berlaku pada struktur 'tidak pernah berakhir')."
    ),
    "bkm.turnover_tie_loss": (
        "Saat pergantian pengurus, kepercayaan mitra pada BKM (dan kepercayaan BKM pada mitra) turun kembali "
        "ke arah kepercayaan awal sebesar proporsi ini dari jaraknya: orang baru, hubungan baru."
    ),
    "bkm.learning_rate": "Laju pertumbuhan kapasitas melalui praktik dan fasilitasi.",
    "bkm.erosion_rate": "Laju penurunan kapasitas tanpa praktik dan fasilitasi, atau karena beban berlebih.",
    "bkm.practice_ref": "Jumlah proyek per tahun yang terhitung sebagai praktik penuh.",
    "bkm.overload_projects": (
        "Jumlah proyek per tahun yang, bila dilampaui, membuat BKM kelebihan beban sehingga kapasitasnya menurun."
    ),
    "bkm.managing_body_adjust": "Kecepatan efektivitas badan pengelola bergerak menuju targetnya.",
    "bkm.managing_body_capacity_weight": (
        "Seberapa besar target efektivitas badan pengelola bergantung pada kapasitas BKM: E* = B × (1 − w + w × c)."
    ),
    # government
    "government.agencies": (
        "Jumlah dinas pemerintah daerah yang menerima proposal (Bappeda, pekerjaan umum dan perumahan, "
        "pariwisata, ...)."
    ),
    "government.budget_per_ward": (
        "Anggaran tahunan dinas yang terbuka untuk proposal masyarakat, per kelurahan yang dilayani."
    ),
    "government.ceiling": "Jumlah terbesar yang diberikan satu dinas untuk satu proposal (kendala pemberi bantuan).",
    "government.responsiveness": "Peluang suatu dinas menanggapi sebuah proposal.",
    "government.acceptance_bias": "Konstanta (intersep) logit penerimaan proposal oleh dinas.",
    "government.awareness": (
        "Peluang per tahun dan per satuan koordinasi bahwa suatu dinas mengetahui rencana kelurahan melalui musrenbang."
    ),
    "government.awareness_facilitation_share": (
        "Proporsi jalur pengenalan melalui musrenbang yang bergantung pada fasilitasi: peluang = pengenalan × "
        "koordinasi × (1 − w + w × fasilitasi)."
    ),
    "government.awareness_forgetting": (
        "Peluang per tahun bahwa dinas tanpa kemitraan aktif melupakan suatu kelurahan (rotasi pegawai), "
        "dikali (1 − koordinasi)."
    ),
    "government.payment_lag": "Jeda tahun antara penerimaan proposal dan pembayaran (siklus musrenbang dan APBD).",
    "government.preferred_forms": "Peluang mandat suatu dinas mencakup bentuk bantuan tertentu.",
    "government.election_years": (
        "Jumlah tahun antarpemilihan kepala daerah (pilkada); setiap pilkada mengubah prioritas, mandat, dan "
        "pengenalan dinas terhadap program."
    ),
    "government.first_election": "Tahun pilkada pertama dalam simulasi.",
    "government.priority_spread": (
        "Simpangan baku prioritas suatu dinas terhadap proposal masyarakat, diundi ulang pada setiap pilkada: "
        "menggeser logit penerimaan dinas dan proporsinya dari anggaran wilayah."
    ),
    "government.election_awareness_loss": (
        "Peluang dinas tanpa kemitraan aktif melupakan program suatu kelurahan saat pilkada (pejabat baru)."
    ),
    "government.mandate_change": "Peluang suatu pilkada mengubah mandat dinas (bentuk bantuan yang didanainya).",
    # firms
    "firms.n": "Jumlah perusahaan dengan anggaran CSR dalam jangkauan kelurahan.",
    "firms.csr_budget_per_ward": (
        "Anggaran tahunan tanggung jawab sosial dan lingkungan perusahaan (TJSL/CSR) seluruh perusahaan "
        "bersama-sama, per kelurahan."
    ),
    "firms.ceiling": "Jumlah terbesar yang diberikan satu perusahaan untuk satu proposal (kendala pemberi bantuan).",
    "firms.responsiveness": (
        "Peluang perusahaan yang mengetahui program menanggapi sebuah proposal ('sedikit lembaga yang merespons')."
    ),
    "firms.acceptance_bias": "Konstanta (intersep) logit penerimaan proposal oleh perusahaan.",
    "firms.preferred_forms": (
        "Peluang kebijakan CSR suatu perusahaan mencakup bentuk bantuan tertentu (kendala pemberi bantuan)."
    ),
    "firms.notice_rate": (
        "Pada struktur 'perusahaan harus memperhatikan dulu': peluang per tahun bagian CSR suatu perusahaan "
        "memperhatikan program bila semua kelurahan dalam jangkauannya memasarkan programnya dengan upaya dan "
        "keterampilan penuh (sebanding dengan rata-rata pemasaran mereka)."
    ),
    "firms.awareness_forgetting": (
        "Peluang per tahun bahwa perusahaan tanpa kemitraan aktif melupakan program suatu kelurahan "
        "(pergantian pegawai)."
    ),
    "firms.outside_reach": (
        "Seberapa jauh perusahaan menjangkau kelurahan di luar wilayah asalnya: pengali peluangnya mengetahui "
        "kelurahan di sana dan menanggapi proposal kelurahan itu (1 = tidak mengutamakan wilayah sendiri)."
    ),
    "firms.share_state": "Proporsi BUMN (program kemitraan sampai 2% laba bersih).",
    "firms.share_bank": "Proporsi bank daerah.",
    "firms.share_resource": "Proporsi perusahaan sumber daya alam yang wajib melaksanakan CSR.",
    "firms.share_private": "Proporsi perusahaan swasta lainnya.",
    "firms.mandatory_factor": (
        "Pengali anggaran dan tanggapan perusahaan sumber daya alam (CSR wajib); pengali anggaran BUMN."
    ),
    "firms.private_factor": "Pengali anggaran dan tanggapan perusahaan swasta lainnya (CSR sukarela).",
    # marketing
    "marketing.innovation": (
        "Koefisien inovasi Bass p: pengenalan program per satuan pemasaran (upaya × keterampilan)."
    ),
    "marketing.imitation": "Koefisien imitasi Bass q: pengenalan dari mitra yang sudah mengetahui kelurahan itu.",
    # trust
    "trust.initial": (
        "Kepercayaan awal dan dasar antara BKM dan mitra (faktor pendukung 2 dalam studi): mitra mula-mula "
        "berhati-hati, dan kepercayaan harus dibangun."
    ),
    "trust.learn_success": "Laju pembelajaran kepercayaan setelah hasil yang baik.",
    "trust.learn_failure": (
        "Laju pembelajaran kepercayaan setelah hasil yang gagal (bias negatif: lebih besar daripada setelah berhasil)."
    ),
    "trust.learn_report": (
        "Laju pembelajaran kepercayaan dari laporan pertanggungjawaban tahunan BKM kepada mitra aktif (laporan "
        "yang disampaikan terhitung hasil baik, laporan yang tidak disampaikan terhitung hasil buruk)."
    ),
    "trust.reputation_spread": (
        "Seberapa kuat mitra di wilayah yang sama belajar dari pengalaman mitra lain dengan suatu BKM (forum, "
        "musrenbang), dibandingkan pengalamannya sendiri; 0 berarti kepercayaan hanya terbentuk di dalam pasangan."
    ),
    "trust.forgetting": (
        "Pergeseran kepercayaan kembali ke kepercayaan awal dalam setahun tanpa kontak (pada koordinasi 0)."
    ),
    "trust.coordination_memory": (
        "Proporsi lupa kepercayaan yang dicegah oleh koordinasi BKM penuh (kontak rutin menjaga hubungan)."
    ),
    "trust.refusal_penalty": (
        "Penurunan kepercayaan BKM pada mitra yang menolak proposal (sebagai proporsi kepercayaan yang dimiliki)."
    ),
    "trust.ignore_penalty": (
        "Penurunan kepercayaan BKM pada mitra yang tidak pernah menanggapi proposal (sebagai proporsi kepercayaan "
        "yang dimiliki)."
    ),
    "trust.end_threshold": (
        _LAPSE_ONLY + "mitra mengakhiri kemitraan bila kepercayaannya pada BKM turun di bawah nilai ini."
    ),
    # acceptance and the enabler index
    "acceptance.fit_weight": "Bobot kecocokan dengan bentuk bantuan yang diutamakan pemberi bantuan.",
    "acceptance.quality_weight": "Bobot mutu proposal Q (kapasitas BKM dan fasilitasi) dalam logit penerimaan.",
    "acceptance.enabler_weight": (
        "Bobot indeks faktor pendukung (kepercayaan, koordinasi, keterampilan tim pemasaran; lihat "
        "structure.enablers) dalam logit penerimaan."
    ),
    "acceptance.partner_bonus": (
        "Tambahan logit penerimaan untuk proposal kepada mitra yang sedang menjalin kemitraan aktif dengan BKM "
        "(dikali skala kemitraan itu)."
    ),
    "acceptance.quality_capacity": "Bobot kapasitas BKM dalam mutu proposal Q.",
    "acceptance.quality_facilitation": (
        "Bobot fasilitasi (fasilitator membantu menyusun proposal) dalam mutu proposal Q."
    ),
    "enablers.trust_share": "Bobot kepercayaan pemberi bantuan pada BKM dalam indeks faktor pendukung.",
    "enablers.coordination_share": "Bobot komunikasi dan koordinasi BKM dalam indeks faktor pendukung.",
    "enablers.skill_share": (
        "Bobot keterampilan tim pemasaran (tim yang memahami konsep program) dalam indeks faktor pendukung."
    ),
    "acceptance.unpreferred_fit": (
        "Kecocokan bentuk bantuan di luar mandat mitra atau kebijakan CSR-nya (bentuk yang diutamakan "
        "memiliki kecocokan 1)."
    ),
    # partnership
    "partnership.lapse_years": (
        _LAPSE_ONLY + "kemitraan berakhir setelah sekian tahun tanpa bantuan yang diterima atau disalurkan."
    ),
    "partnership.continuation_bonus": (
        "Bobot tambahan yang diberikan BKM kepada mitra yang sudah bekerja sama dengannya saat memilih "
        "tujuan pengiriman proposal."
    ),
    "partnership.trust_floor": (
        "Batas bawah yang ditambahkan pada kepercayaan BKM saat memilih mitra, sehingga mitra yang dikenal "
        "tetapi kurang dipercaya masih dapat dimintai bantuan."
    ),
    "partnership.repeat_factor": (
        "Faktor bobot untuk mengajukan proposal lagi kepada mitra yang sama dalam tahun yang sama."
    ),
    # renewal
    "renewal.bias": (
        "Konstanta (intersep) logit perpanjangan kemitraan tahunan oleh mitra (pada kepercayaan, pelaporan, "
        "kecocokan, dan anggaran bernilai 0,5)."
    ),
    "renewal.trust_weight": "Bobot kepercayaan mitra pada BKM dalam logit perpanjangan.",
    "renewal.report_weight": (
        "Bobot laporan pertanggungjawaban tahun ini (1 bila BKM melapor, 0 bila tidak) dalam logit perpanjangan."
    ),
    "renewal.fit_weight": (
        "Bobot kecocokan kemitraan dengan prioritas mitra saat ini (mandat atau fokus CSR-nya) dalam logit "
        "perpanjangan."
    ),
    "renewal.budget_weight": "Bobot proporsi anggaran tahunan mitra yang masih tersisa dalam logit perpanjangan.",
    "renewal.scale_down_share": (
        "Proporsi kemitraan yang tidak diperpanjang yang dikurangi skalanya oleh mitra alih-alih ditinggalkan."
    ),
    "renewal.scale_down": (
        "Faktor pengali skala kemitraan saat skalanya dikurangi (begitu pula tambahan penerimaan dan batas bantuannya)."
    ),
    "renewal.min_scale": "Kemitraan dengan skala di bawah nilai ini berakhir (mitra diam-diam telah mundur).",
    "renewal.backstop_years": (
        "Hanya pada struktur 'keputusan mitra' (structure.renewal = decision): kemitraan tanpa bantuan yang "
        "diterima atau disalurkan selama sekian tahun berakhir meskipun diperpanjang (pengaman)."
    ),
    # aid
    "aid.size_physical": "Rata-rata jumlah yang diminta untuk satu butir bantuan fisik (bangunan, toilet, air bersih).",
    "aid.size_money": "Rata-rata jumlah yang diminta sebagai bantuan dana (dana bergulir, zakat).",
    "aid.size_programme": "Rata-rata nilai satu program (pelatihan, layanan kesehatan, layanan pendidikan).",
    "aid.size_event": "Rata-rata nilai bantuan dalam satu acara (festival, pameran).",
    "aid.size_sigma": "Sebaran (sigma lognormal) jumlah yang diminta.",
    "aid.cost_physical": "Anggaran pemberi bantuan yang terpakai per rupiah bantuan fisik (biaya pengadaan).",
    "aid.cost_money": "Anggaran pemberi bantuan yang terpakai per rupiah bantuan dana.",
    "aid.cost_programme": "Anggaran pemberi bantuan yang terpakai per rupiah bantuan program (waktu staf).",
    "aid.cost_event": "Anggaran pemberi bantuan yang terpakai per rupiah bantuan acara (waktu staf, logistik).",
    "aid.delivery_min": (
        "Peluang bantuan berhasil bahkan pada BKM terlemah; naik secara linear sampai 1 sesuai mutu BKM yang relevan."
    ),
    "aid.programme_capacity_gain": "Kapasitas yang diperoleh (menuju 1) per Rp1 juta bantuan program yang berhasil.",
    "aid.event_awareness_gain": "Tambahan upaya pemasaran pada tahun berikutnya dari acara yang berhasil.",
    "aid.physical_managing_body_weight": (
        "Bobot badan pengelola (dibandingkan kapasitas) dalam keberhasilan bantuan fisik dan aset yang dibangun "
        "dengan BLM."
    ),
    "aid.money_managing_body_weight": (
        "Bobot badan pengelola (dibandingkan kapasitas) dalam keberhasilan bantuan dana."
    ),
    "aid.event_coordination_weight": (
        "Bobot koordinasi (dibandingkan keterampilan tim pemasaran) dalam keberhasilan bantuan dalam acara."
    ),
    # assets
    "assets.decay": "Keausan: penurunan kondisi aset per tahun tanpa pemeliharaan.",
    "assets.upkeep_rate": "Kebutuhan pemeliharaan tahunan aset dalam kondisi penuh, sebagai proporsi nilainya.",
    "assets.upkeep_growth": (
        "Seberapa besar kebutuhan pemeliharaan naik saat kondisi turun: kebutuhan = laju × nilai × "
        "(1 + pertumbuhan × (1 − kondisi))."
    ),
    "assets.repair_rate": (
        "Proporsi kondisi yang hilang yang dipulihkan dalam setahun oleh pemeliharaan yang dibayar penuh dan "
        "sepenuhnya efektif."
    ),
    "assets.upkeep_managing_body_weight": (
        "Seberapa besar efek pemeliharaan bergantung pada badan pengelola: efektivitas = 1 − w + w × E."
    ),
    "assets.rehab_share": (
        "Proporsi terbesar bantuan fisik yang dipakai untuk merehabilitasi aset yang aus sebelum aset baru dibangun."
    ),
    # demand
    "demand.market_access": (
        "Rata-rata akses pasar aset kelurahan (lokasi, pembeli, pengunjung); diundi per kelurahan, atau diambil "
        "dari kolom market_access pada berkas CSV kelurahan."
    ),
    "demand.users_per_asset": (
        "Pemanfaat (pedagang, rumah tangga, rombongan pengunjung) per Rp1 juta aset pada akses pasar dan kondisi penuh."
    ),
    "demand.willingness_to_pay": "Iuran yang disepakati seorang pemanfaat per tahun.",
    "demand.collection_min": (
        "Proporsi iuran yang disepakati yang berhasil ditagih oleh badan pengelola terlemah; penagihan = min + "
        "(1 − min) × E."
    ),
    # levers
    "levers.marketing_push": (
        f"{_LEVER_SIZE_ID} Pemasaran aktif program kepada perusahaan dan dinas (upaya 1 dalam studi): "
        "menambah upaya pemasaran tahunan setiap BKM dan melatih tim pemasarannya."
    ),
    "levers.marketing_push_start": "Tahun pertama instrumen dorongan pemasaran berlaku.",
    "levers.strengthening": (
        f"{_LEVER_SIZE_ID} Penguatan BKM sebagai lembaga (upaya 2 dalam studi): masukan peningkatan kapasitas "
        "yang menaikkan pertambahan kapasitas tahunan dan memperlambat penurunan akibat kurang praktik "
        "(menghentikannya pada besaran 1; penurunan akibat beban berlebih tetap ada)."
    ),
    "levers.strengthening_start": "Tahun pertama instrumen penguatan BKM berlaku.",
    "levers.consistent_team": (
        f"{_LEVER_SIZE_ID} Tim pengelola yang konsisten dengan kesepakatan bersama (upaya 3 dalam studi): "
        "menurunkan peluang pemilihan pengurus BKM mengganti tim pengelola (pergantian pengurus)."
    ),
    "levers.consistent_team_start": "Tahun pertama instrumen tim pengelola yang konsisten berlaku.",
    "levers.facilitation": (
        f"{_LEVER_SIZE_ID} Fasilitasi tambahan dari pemerintah setelah fasilitator program pergi: "
        "menambah intensitas fasilitasi."
    ),
    "levers.facilitation_start": "Tahun pertama instrumen fasilitasi tambahan berlaku.",
    "levers.csr_forum": (
        f"{_LEVER_SIZE_ID} Forum CSR perusahaan dan pemerintah daerah: meningkatkan pengetahuan perusahaan "
        "tentang program dan tanggapan mereka terhadap proposal."
    ),
    "levers.csr_forum_start": "Tahun pertama instrumen forum CSR berlaku.",
    "levers.marketing_push_training": (
        "Pertambahan tahunan keterampilan tim pemasaran (menuju 1) per satuan dorongan pemasaran."
    ),
    "levers.consistent_team_effect": (
        "Proporsi pergantian pengurus BKM yang dicegah pada besaran instrumen tim pengelola yang konsisten 1."
    ),
    "levers.csr_forum_awareness": (
        "Tambahan peluang tahunan suatu perusahaan mengetahui sebuah kelurahan, pada besaran forum CSR 1."
    ),
    "levers.csr_forum_responsiveness": (
        "Proporsi ketiadaan tanggapan perusahaan terhadap proposal yang dihapus pada besaran forum CSR 1."
    ),
    "levers.marketing_push_cost": (
        "Biaya publik instrumen dorongan pemasaran, dalam juta rupiah per kelurahan per tahun (sebanding dengan "
        "besaran)."
    ),
    "levers.strengthening_cost": (
        "Biaya publik instrumen penguatan BKM, dalam juta rupiah per kelurahan per tahun (sebanding dengan besaran)."
    ),
    "levers.consistent_team_cost": (
        "Biaya publik instrumen tim pengelola yang konsisten, dalam juta rupiah per kelurahan per tahun "
        "(sebanding dengan besaran)."
    ),
    "levers.facilitation_cost": (
        "Biaya publik instrumen fasilitasi tambahan, dalam juta rupiah per kelurahan per tahun (sebanding dengan "
        "besaran)."
    ),
    "levers.csr_forum_cost": (
        "Biaya publik instrumen forum CSR, dalam juta rupiah per kelurahan per tahun (sebanding dengan besaran)."
    ),
}
"""Bahasa Indonesia meanings of the parameters (the registry's English ``meaning``)."""

_SOURCES_ID = {
    "src: 5-year regional head terms": "sumber: masa jabatan kepala daerah lima tahun",
    "src: APBD funding lags the planning round by a year": (
        "sumber: dana APBD cair setahun setelah putaran perencanaan"
    ),
    "src: KOTAKU from 2016": "sumber: KOTAKU sejak 2016",
    "src: Kebondalem BLM1 Rp 200 m": "sumber: BLM1 Kebondalem Rp200 juta",
    "src: Kebondalem BLM1 in the first year": "sumber: BLM1 Kebondalem pada tahun pertama",
    "src: Kebondalem BLM2": "sumber: BLM2 Kebondalem",
    "src: Kebondalem BLM2 Rp 100 m for marketing": "sumber: BLM2 Kebondalem Rp100 juta untuk pemasaran",
    "src: Kebondalem BLM2 Rp 400 m": "sumber: BLM2 Kebondalem Rp400 juta",
    "src: Kebondalem BLM3": "sumber: BLM3 Kebondalem",
    "src: Kebondalem BLM3 Rp 300 m": "sumber: BLM3 Kebondalem Rp300 juta",
    "src: Law 40/2007 art. 74": "sumber: UU 40/2007 pasal 74",
    "src: PLPBK began in 2008": "sumber: PLPBK dimulai pada tahun 2008",
    "src: PLPBK continued inside KOTAKU from 2016": "sumber: PLPBK berlanjut di dalam KOTAKU sejak 2016",
    "src: regional bank ~Rp 172 m for 17 toilets": "sumber: bank daerah ±Rp172 juta untuk 17 toilet",
    "src: state-firm partnership rules": "sumber: ketentuan program kemitraan BUMN",
    "src: study interviews name these offices": "sumber: wawancara studi menyebut dinas-dinas ini",
    "src: the RTPLP is a 5-year plan": "sumber: RTPLP adalah rencana lima tahunan",
    "src: up to Rp 0.5 bn": "sumber: sampai Rp0,5 miliar",
    "assumption (BKM members are elected for fixed terms)": "asumsi (anggota BKM dipilih untuk masa jabatan tetap)",
    "assumption (CSR ~Rp 10 m per toilet)": "asumsi (CSR ±Rp10 juta per toilet)",
    "assumption (Central Java regencies held elections in 2010 and 2015)": (
        "asumsi (kabupaten di Jawa Tengah menggelar pilkada pada tahun 2010 dan 2015)"
    ),
    "assumption (Kraton Kidul: stalls off the main road, few buyers)": (
        "asumsi (Kraton Kidul: kios jauh dari jalan utama, sedikit pembeli)"
    ),
    "assumption (Ostrom 1990; Kraton Kidul: fees unpaid)": "asumsi (Ostrom 1990; Kraton Kidul: iuran tidak dibayar)",
    "assumption (Podosugih spent 93%)": "asumsi (Podosugih membelanjakan 93%)",
    "assumption (accountability builds trust: Ring & Van de Ven 1994)": (
        "asumsi (akuntabilitas membangun kepercayaan: Ring & Van de Ven 1994)"
    ),
    "assumption (capability trap: Repenning & Sterman 2002)": (
        "asumsi (jebakan kapabilitas: Repenning & Sterman 2002)"
    ),
    "assumption (condition: Mansuri & Rao 2013)": "asumsi (menurut kondisi: Mansuri & Rao 2013)",
    "assumption (decision: Ring & Van de Ven 1994; Gulati 1995)": (
        "asumsi (keputusan mitra: Ring & Van de Ven 1994; Gulati 1995)"
    ),
    "assumption (deferred maintenance costs more)": "asumsi (pemeliharaan yang ditunda lebih mahal)",
    "assumption (embeddedness: Granovetter 1985)": "asumsi (keterlekatan sosial: Granovetter 1985)",
    "assumption (grant allocation: Hoyla et al. 2016)": "asumsi (alokasi dana bantuan: Hoyla dkk. 2016)",
    "assumption (learned: Slovic 1993; Josang & Ismail 2002; Granovetter 1985)": (
        "asumsi (dipelajari: Slovic 1993; Josang & Ismail 2002; Granovetter 1985)"
    ),
    "assumption (market: the Kraton Kidul record)": "asumsi (pasar: catatan Kraton Kidul)",
    "assumption (relational contracting: Ring & Van de Ven 1994)": (
        "asumsi (kontrak relasional: Ring & Van de Ven 1994)"
    ),
    "assumption (repeated ties: Gulati 1995)": "asumsi (hubungan berulang: Gulati 1995)",
    "assumption (stall rent of about Rp 40 thousand a month)": "asumsi (sewa kios sekitar Rp40 ribu per bulan)",
    "assumption (study: the enablers act together)": "asumsi (studi: faktor pendukung bekerja bersama)",
}


def check_lang(lang: str) -> str:
    """Return ``lang`` if supported, else ``"en"``."""
    return lang if lang in LANGS else "en"


def t(key: str, lang: str = "en", **fmt: object) -> str:
    """Interface text for ``key`` in ``lang`` (English if missing), formatted with ``fmt``."""
    text = TEXT[check_lang(lang)].get(key) or TEXT["en"].get(key, key)
    return text.format(**fmt) if fmt else text


_ID_SEPARATORS = str.maketrans({",": ".", ".": ","})


def fmt_num(x: float, lang: str = "en", digits: int | None = None, *, grouping: bool = True) -> str:
    """A number as the language writes it: ``1,234.5`` in English, ``1.234,5`` in Bahasa Indonesia.

    Args:
        x: The number (NaN gives ``–``).
        lang: ``en`` or ``id``.
        digits: Decimals to show; None shows as many as the value needs (up to 10, no trailing zeros).
        grouping: Thousands separators (off for calendar years: ``2013``).

    Returns:
        The formatted number.
    """
    v = float(x)
    if math.isnan(v):
        return "–"
    sep = "," if grouping else ""
    if digits is None:
        s = f"{v:{sep}.10f}".rstrip("0").rstrip(".")
        s = "0" if s in ("-0", "") else s
    else:
        s = f"{v:{sep}.{digits}f}"
        if s.startswith("-") and float(s.replace(",", "")) == 0:
            s = s[1:]
    return s.translate(_ID_SEPARATORS) if check_lang(lang) == "id" else s


def fmt_spec(x: float, spec: str, lang: str = "en") -> str:
    """``format(x, spec)`` in the language's number style (``spec`` like ``.2f``, ``,.0f`` or ``.0%``)."""
    if x != x:  # NaN
        return "–"
    s = format(x, spec)
    return s.translate(_ID_SEPARATORS) if check_lang(lang) == "id" else s


_PLACE_ID = ((re.compile(r"^Ward (\d+)$"), r"Kelurahan \1"), (re.compile(r"^Region (\d+)$"), r"Wilayah \1"))


def place_name(name: str, lang: str = "en") -> str:
    """A generated ward or region name in ``lang`` (``Ward 001`` is ``Kelurahan 001`` in Bahasa Indonesia).

    Real names (from a wards CSV file) and every other text are returned unchanged.
    """
    if check_lang(lang) != "id":
        return name
    for pattern, repl in _PLACE_ID:
        if pattern.match(name):
            return pattern.sub(repl, name)
    return name


def choice_label(value: str, lang: str = "en") -> str:
    """Display name of a choice parameter's value in ``lang`` (the value itself if it has none)."""
    pair = CHOICE_LABELS.get(value)
    if pair is None:
        return value
    return pair[1] if check_lang(lang) == "id" else pair[0]


def param_label(name: str, lang: str = "en") -> str:
    """Short label of a registry parameter in ``lang``."""
    pair = PARAM_LABELS.get(name)
    if pair is None:
        return name.split(".", 1)[-1].replace("_", " ").capitalize()
    return pair[1] if check_lang(lang) == "id" else pair[0]


def unit_label(unit: str, lang: str = "en") -> str:
    """The registry's unit text in ``lang``."""
    return _UNITS_ID.get(unit, unit) if check_lang(lang) == "id" else unit


def source_label(source: str, lang: str = "en") -> str:
    """The registry's source text in ``lang`` (``assumption`` -> ``asumsi``, ``src:`` -> ``sumber:``)."""
    if check_lang(lang) != "id":
        return source
    if source in _SOURCES_ID:
        return _SOURCES_ID[source]
    if source.startswith("assumption"):
        return "asumsi" + source.removeprefix("assumption")
    if source.startswith("src:"):
        return "sumber:" + source.removeprefix("src:")
    return source


def param_meaning(name: str, lang: str = "en") -> str:
    """Meaning of a parameter in ``lang``: the registry's ``meaning``, or its Indonesian translation."""
    if check_lang(lang) == "id" and name in PARAM_MEANINGS_ID:
        return PARAM_MEANINGS_ID[name]
    return BY_NAME[name].meaning


def is_calendar(p: Param) -> bool:
    """Whether a parameter's values are calendar years (written without thousands separators)."""
    return p.unit == "year"


def value_text(p: Param, value: float | int | bool | str, lang: str = "en") -> str:
    """A value of a parameter as shown to the reader in ``lang`` (number style, choice and yes/no names)."""
    if p.kind == "bool" or isinstance(value, bool):
        return t("yes" if value else "no", lang)
    if p.kind == "choice" or isinstance(value, str):
        return choice_label(str(value), lang)
    return fmt_num(float(value), lang, grouping=not is_calendar(p))


def range_text(p: Param, lang: str = "en") -> str:
    """The allowed values of a parameter in ``lang``: ``0–1``, ``dipelajari, simetris, atau tetap``, ``ya/tidak``."""
    if check_lang(lang) != "id":
        return p.range_text
    if p.kind == "bool":
        return "ya/tidak"
    if p.kind == "choice":
        names = [choice_label(c, "id") for c in p.choices]
        if len(names) <= 2:
            return " atau ".join(names)
        return ", ".join(names[:-1]) + ", atau " + names[-1]
    return f"{value_text(p, p.low, 'id')}–{value_text(p, p.high, 'id')}"


def param_help(name: str, lang: str = "en") -> str:
    """Help text of a parameter in ``lang``: its meaning, unit, range, default and source."""
    p = BY_NAME[name]
    meaning = param_meaning(name, lang)
    if check_lang(lang) == "id":
        source = source_label(p.source, "id")
        default = value_text(p, p.default, "id")
        if p.kind in ("choice", "bool"):
            return f"{meaning} Pilihan: {range_text(p, 'id')}; bawaan {default}; {source}. ({p.name})"
        unit = unit_label(p.unit, "id")
        return f"{meaning} Satuan: {unit}; rentang {range_text(p, 'id')}; bawaan {default}; {source}. ({p.name})"
    if p.kind in ("choice", "bool"):
        default_en = ("true" if p.default else "false") if p.kind == "bool" else p.default
        return f"{meaning} Choices: {p.range_text}; default {default_en}; {p.source}. ({p.name})"
    return f"{meaning} Unit: {p.unit}; range {p.range_text}; default {p.default}; {p.source}. ({p.name})"
