"""Bahasa Indonesia for the rest of the registry's text: choice values, units and sources.

``CHOICE_LABELS`` gives display names of choice values in both languages; ``UNITS_ID`` and
``SOURCES_ID`` translate the registry's ``unit`` and ``source`` texts.
"""

from __future__ import annotations

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

UNITS_ID: dict[str, str] = {
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
    "Rp million / regency / year at size 1": "Rp juta / kabupaten/kota / tahun pada besaran 1",
}
"""The registry's unit texts in Bahasa Indonesia."""

SOURCES_ID: dict[str, str] = {
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
"""The registry's source texts in Bahasa Indonesia (others: ``assumption`` -> ``asumsi``, ``src:`` -> ``sumber:``)."""
