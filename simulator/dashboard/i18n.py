"""Labels of the dashboard in English (``en``) and Bahasa Indonesia (``id``).

Parameter labels come from the registry (:mod:`simulator.params`): a short label
per parameter is kept here in both languages; a parameter without one falls back
to a label made from its name. The help text is the registry's ``meaning`` in English
and the translation in :data:`PARAM_MEANINGS_ID` in Bahasa Indonesia.
"""

from __future__ import annotations

from simulator.params import BY_NAME

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
        "levers": "Policy levers",
        "lever_details": "Lever costs and strengths",
        "baseline": "baseline",
        "policy_run": "policy",
        "charts": "Charts",
        "network": "Network",
        "wards": "Wards",
        "chart_sector": "Active partnerships by partner sector",
        "chart_form": "Active partnerships by aid form",
        "chart_proposals": "Proposals by route (per year)",
        "chart_sustained": "Share of wards with a sustained programme",
        "chart_trust": "Trust within live partnerships",
        "chart_aid": "Aid delivered by form",
        "rp_million_year": "Rp million / year",
        "partnerships": "partnerships",
        "proposals": "proposals / year",
        "share": "share of wards",
        "trust": "trust (0-1)",
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
        "trust_partner": "partner's trust in BKM",
        "trust_bkm": "BKM's trust in partner",
        "kpi_sustained": "Sustained wards",
        "kpi_partnerships": "Active partnerships",
        "kpi_aid": "Aid this year, Rp million",
        "kpi_trust": "Trust in live partnerships",
        "kpi_cost": "Lever cost to date, Rp million",
        "show_run": "Show run",
        "net_title": "Partnership network, {run}, {year}",
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
        "coverage": "Fee coverage",
        "sustained_col": "Sustained",
        "partnerships_col": "Partnerships",
        "partnership_years": "Partnership-years",
        "aid_received": "Aid received (Rp million)",
        "assets": "Assets (Rp million)",
        "yes": "yes",
        "no": "no",
        "error": "Error",
        "same_seed": "Baseline and policy run on the same seed.",
        "range": "range",
    },
    "id": {
        "title": "Kemitraan PLPBK: dasbor skenario kebijakan",
        "scenario": "Skenario",
        "policy": "Kebijakan",
        "no_policy": "(tanpa kebijakan: hanya baseline)",
        "seed": "Seed (benih acak)",
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
        "levers": "Tuas kebijakan",
        "lever_details": "Biaya dan kekuatan tuas",
        "baseline": "baseline",
        "policy_run": "kebijakan",
        "charts": "Grafik",
        "network": "Jaringan",
        "wards": "Kelurahan",
        "chart_sector": "Kemitraan aktif menurut sektor mitra",
        "chart_form": "Kemitraan aktif menurut bentuk bantuan",
        "chart_proposals": "Proposal menurut jalur (per tahun)",
        "chart_sustained": "Pangsa kelurahan dengan program berkelanjutan",
        "chart_trust": "Kepercayaan dalam kemitraan aktif",
        "chart_aid": "Bantuan tersalur menurut bentuk",
        "rp_million_year": "Rp juta / tahun",
        "partnerships": "kemitraan",
        "proposals": "proposal / tahun",
        "share": "pangsa kelurahan",
        "trust": "kepercayaan (0-1)",
        "government": "pemerintah",
        "private": "swasta",
        "physical": "fisik",
        "money": "dana",
        "programme": "program",
        "event": "acara",
        "sent": "dikirim",
        "answered": "dijawab",
        "accepted": "diterima",
        "sustained": "berkelanjutan",
        "trust_partner": "kepercayaan mitra pada BKM",
        "trust_bkm": "kepercayaan BKM pada mitra",
        "kpi_sustained": "Kelurahan berkelanjutan",
        "kpi_partnerships": "Kemitraan aktif",
        "kpi_aid": "Bantuan tahun ini, Rp juta",
        "kpi_trust": "Kepercayaan kemitraan aktif",
        "kpi_cost": "Biaya tuas s.d. kini, Rp juta",
        "show_run": "Tampilkan",
        "net_title": "Jaringan kemitraan, {run}, {year}",
        "net_ward": "kelurahan (BKM)",
        "net_ward_sustained": "kelurahan, program berkelanjutan",
        "net_gov": "dinas pemerintah",
        "net_firm": "perusahaan CSR",
        "net_trust": "kepercayaan mitra pada BKM",
        "net_help": "Garis adalah kemitraan aktif, diwarnai menurut kepercayaan, makin tebal makin banyak bantuan.",
        "ward_help": "Klik judul kolom untuk mengurutkan.",
        "ward": "Kelurahan",
        "regency": "Kabupaten/kota",
        "maturity_start": "Tingkat awal",
        "capacity": "Kapasitas",
        "marketing_skill": "Keahlian pemasaran",
        "managing_body": "Badan pengelola",
        "coverage": "Cakupan iuran",
        "sustained_col": "Berkelanjutan",
        "partnerships_col": "Kemitraan",
        "partnership_years": "Tahun-kemitraan",
        "aid_received": "Bantuan diterima (Rp juta)",
        "assets": "Aset (Rp juta)",
        "yes": "ya",
        "no": "tidak",
        "error": "Galat",
        "same_seed": "Baseline dan kebijakan dijalankan dengan seed yang sama.",
        "range": "rentang",
    },
}
"""Interface text by language and key."""

_LEVER_NAMES = {
    "marketing_push": ("Marketing push", "Dorongan pemasaran"),
    "strengthening": ("BKM strengthening", "Penguatan BKM"),
    "consistent_team": ("Consistent management team", "Tim pengelola yang konsisten"),
    "facilitation": ("Extra facilitation", "Pendampingan tambahan"),
    "csr_forum": ("CSR forum", "Forum CSR"),
}

PARAM_LABELS: dict[str, tuple[str, str]] = {
    "programme.facilitation_years": ("Years facilitators stay", "Lama pendamping bertugas"),
    "programme.facilitation_during": ("Facilitation while present", "Intensitas pendampingan selama program"),
    "programme.facilitation_after": ("Facilitation after they leave", "Pendampingan setelah program"),
    "programme.marketing_after": ("Marketing kept up after the grant", "Pemasaran setelah hibah"),
    "bkm.marketing_skill": ("Marketing-team skill", "Keahlian tim pemasaran"),
    "bkm.coordination": ("BKM-government coordination", "Koordinasi BKM-pemerintah"),
    "bkm.managing_body": ("Managing-body effectiveness", "Efektivitas badan pengelola"),
    "government.budget_per_ward": ("Agency budget per ward", "Anggaran dinas per kelurahan"),
    "government.ceiling": ("Agency ceiling per proposal", "Batas dinas per proposal"),
    "government.responsiveness": ("Agencies answer proposals", "Dinas menjawab proposal"),
    "government.awareness": ("Agencies learn of plans", "Dinas mengetahui rencana"),
    "government.awareness_forgetting": ("Agencies forget wards", "Dinas melupakan kelurahan"),
    "government.payment_lag": ("Government payment lag", "Jeda pembayaran pemerintah"),
    "government.preferred_forms": ("Agency mandate covers a form", "Mandat dinas mencakup bentuk"),
    "firms.csr_budget_per_ward": ("CSR budget per ward", "Anggaran CSR per kelurahan"),
    "firms.ceiling": ("Firm ceiling per proposal", "Batas perusahaan per proposal"),
    "firms.responsiveness": ("Firms answer proposals", "Perusahaan menjawab proposal"),
    "firms.preferred_forms": ("CSR policy covers a form", "Kebijakan CSR mencakup bentuk"),
    "firms.awareness_forgetting": ("Firms forget wards", "Perusahaan melupakan kelurahan"),
    "trust.initial": ("Initial trust", "Kepercayaan awal"),
    "acceptance.unpreferred_fit": ("Fit of a form outside the mandate", "Kecocokan bentuk di luar mandat"),
    "partnership.continuation_bonus": ("Preference for current partners", "Preferensi pada mitra lama"),
    "levers.marketing_push_training": ("Marketing push: training gain", "Dorongan pemasaran: laju pelatihan"),
    "levers.consistent_team_effect": ("Consistent team: effect", "Tim konsisten: efek"),
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
    "year": "tahun",
    "years": "tahun",
    "probability": "peluang",
    "probability / year": "peluang / tahun",
    "share": "pangsa",
    "1 / year": "1 / tahun",
    "x": "x",
    "Rp million / ward / year": "Rp juta / kelurahan / tahun",
    "Rp million / proposal": "Rp juta / proposal",
    "Rp million / ward / year at size 1": "Rp juta / kelurahan / tahun pada besaran 1",
}


_LEVER_SIZE_ID = "Besaran tuas kebijakan (0 = mati, 1 = penuh)."

PARAM_MEANINGS_ID: dict[str, str] = {
    "programme.facilitation_years": "Lama (tahun) pendamping program bertugas sebelum meninggalkan kelurahan.",
    "programme.facilitation_during": "Intensitas pendampingan selama pendamping program masih bertugas.",
    "programme.facilitation_after": (
        "Intensitas pendampingan setelah pendamping pergi (dukungan rutin dari instansi pemerintah)."
    ),
    "programme.marketing_after": (
        "Upaya pemasaran yang tetap dijalankan sendiri oleh BKM dengan tim yang sepenuhnya terampil "
        "setelah tahap pencairan hibah berakhir (dikali keahlian tim)."
    ),
    "bkm.marketing_skill": (
        "Rata-rata keahlian tim pemasaran BKM (memahami konsep program; faktor pendukung 3 dalam studi)."
    ),
    "bkm.coordination": (
        "Rata-rata komunikasi dan koordinasi antara BKM dan pemerintah (faktor pendukung 1 dalam studi)."
    ),
    "government.awareness": (
        "Peluang per tahun dan per satuan koordinasi bahwa suatu dinas mengetahui rencana kelurahan melalui musrenbang."
    ),
    "trust.initial": "Kepercayaan awal dan dasar antara BKM dan mitra (faktor pendukung 2 dalam studi).",
    "partnership.continuation_bonus": (
        "Bobot tambahan yang diberikan BKM kepada mitra yang sudah bekerja sama dengannya saat memilih "
        "tujuan pengiriman proposal."
    ),
    "bkm.managing_body": (
        "Rata-rata efektivitas bawaan badan pengelola; nilai rendah adalah faktor penghambat 1 dalam studi."
    ),
    "government.budget_per_ward": (
        "Anggaran tahunan dinas yang terbuka untuk proposal masyarakat, per kelurahan yang dilayani."
    ),
    "government.ceiling": "Jumlah terbesar yang diberikan satu dinas untuk satu proposal (batasan pemberi bantuan).",
    "government.responsiveness": "Peluang suatu dinas menanggapi sebuah proposal sama sekali.",
    "government.awareness_forgetting": (
        "Peluang per tahun bahwa dinas tanpa kemitraan aktif melupakan suatu kelurahan (rotasi pegawai), "
        "dikali (1 - koordinasi)."
    ),
    "government.payment_lag": "Jeda tahun antara penerimaan proposal dan pembayaran (siklus musrenbang dan APBD).",
    "government.preferred_forms": "Peluang mandat suatu dinas mencakup bentuk bantuan tertentu.",
    "firms.csr_budget_per_ward": "Anggaran CSR tahunan seluruh perusahaan bersama-sama, per kelurahan.",
    "firms.ceiling": ("Jumlah terbesar yang diberikan satu perusahaan untuk satu proposal (batasan pemberi bantuan)."),
    "firms.responsiveness": (
        "Peluang perusahaan yang mengetahui program menanggapi sebuah proposal sama sekali "
        "('sedikit lembaga yang merespons')."
    ),
    "firms.preferred_forms": (
        "Peluang kebijakan CSR suatu perusahaan mencakup bentuk bantuan tertentu (batasan pemberi bantuan)."
    ),
    "firms.awareness_forgetting": (
        "Peluang per tahun bahwa perusahaan tanpa kemitraan aktif melupakan program suatu kelurahan "
        "(pergantian pegawai)."
    ),
    "acceptance.unpreferred_fit": (
        "Kecocokan bentuk bantuan di luar mandat mitra atau kebijakan CSR-nya (bentuk yang diutamakan "
        "memiliki kecocokan 1)."
    ),
    "levers.marketing_push": (
        f"{_LEVER_SIZE_ID} Pemasaran aktif program kepada perusahaan dan dinas (upaya 1 dalam studi): "
        "menambah upaya pemasaran tahunan setiap BKM dan melatih tim pemasarannya."
    ),
    "levers.marketing_push_start": "Tahun pertama tuas dorongan pemasaran berlaku.",
    "levers.strengthening": (
        f"{_LEVER_SIZE_ID} Penguatan BKM sebagai lembaga (upaya 2 dalam studi): masukan peningkatan kapasitas "
        "yang menaikkan pertambahan kapasitas tahunan dan memperlambat penurunan akibat kurang praktik "
        "(menghentikannya pada besaran 1; penurunan akibat beban berlebih tetap ada)."
    ),
    "levers.strengthening_start": "Tahun pertama tuas penguatan BKM berlaku.",
    "levers.consistent_team": (
        f"{_LEVER_SIZE_ID} Tim pengelola yang konsisten dengan kesepakatan bersama (upaya 3 dalam studi): "
        "menaikkan target efektivitas badan pengelola dan mengurangi separuh laju lupa kepercayaan."
    ),
    "levers.consistent_team_start": "Tahun pertama tuas tim pengelola yang konsisten berlaku.",
    "levers.facilitation": (
        f"{_LEVER_SIZE_ID} Pendampingan tambahan dari pemerintah setelah pendamping program pergi: "
        "menambah intensitas pendampingan."
    ),
    "levers.facilitation_start": "Tahun pertama tuas pendampingan tambahan berlaku.",
    "levers.csr_forum": (
        f"{_LEVER_SIZE_ID} Forum CSR perusahaan dan pemerintah daerah: meningkatkan pengetahuan perusahaan "
        "tentang program dan tanggapan mereka terhadap proposal."
    ),
    "levers.csr_forum_start": "Tahun pertama tuas forum CSR berlaku.",
    "levers.marketing_push_training": (
        "Pertambahan tahunan keahlian tim pemasaran (menuju 1) per satuan dorongan pemasaran."
    ),
    "levers.consistent_team_effect": ("Kenaikan target efektivitas badan pengelola pada besaran tuas tim konsisten 1."),
    "levers.csr_forum_awareness": (
        "Tambahan peluang tahunan suatu perusahaan mengetahui sebuah kelurahan, pada besaran forum CSR 1."
    ),
    "levers.csr_forum_responsiveness": (
        "Bagian dari peluang perusahaan tidak menanggapi proposal yang dihapus pada besaran forum CSR 1."
    ),
    "levers.marketing_push_cost": (
        "Biaya publik tuas dorongan pemasaran, dalam juta rupiah per kelurahan per tahun (sebanding dengan besaran)."
    ),
    "levers.strengthening_cost": (
        "Biaya publik tuas penguatan BKM, dalam juta rupiah per kelurahan per tahun (sebanding dengan besaran)."
    ),
    "levers.consistent_team_cost": (
        "Biaya publik tuas tim pengelola yang konsisten, dalam juta rupiah per kelurahan per tahun "
        "(sebanding dengan besaran)."
    ),
    "levers.facilitation_cost": (
        "Biaya publik tuas pendampingan tambahan, dalam juta rupiah per kelurahan per tahun (sebanding dengan besaran)."
    ),
    "levers.csr_forum_cost": (
        "Biaya publik tuas forum CSR, dalam juta rupiah per kelurahan per tahun (sebanding dengan besaran)."
    ),
}
"""Bahasa Indonesia meanings of the parameters with a dashboard control (the registry's English ``meaning``)."""

_SOURCES_ID = {
    "src: APBD funding lags the planning round by a year": (
        "sumber: dana APBD cair setahun setelah putaran perencanaan"
    ),
    "src: regional bank ~Rp 172 m for 17 toilets": "sumber: bank daerah ~Rp 172 juta untuk 17 toilet",
}


def check_lang(lang: str) -> str:
    """Return ``lang`` if supported, else ``"en"``."""
    return lang if lang in LANGS else "en"


def t(key: str, lang: str = "en", **fmt: object) -> str:
    """Interface text for ``key`` in ``lang`` (English if missing), formatted with ``fmt``."""
    text = TEXT[check_lang(lang)].get(key) or TEXT["en"].get(key, key)
    return text.format(**fmt) if fmt else text


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


def param_help(name: str, lang: str = "en") -> str:
    """Help text of a parameter in ``lang``: its meaning, unit, range, default and source."""
    p = BY_NAME[name]
    meaning = param_meaning(name, lang)
    if check_lang(lang) == "id":
        unit = unit_label(p.unit, "id")
        source = source_label(p.source, "id")
        return f"{meaning} Satuan: {unit}; rentang {p.range_text}; bawaan {p.default}; {source}. ({p.name})"
    return f"{meaning} Unit: {p.unit}; range {p.range_text}; default {p.default}; {p.source}. ({p.name})"
