"""The Bahasa Indonesia meaning of every registry parameter (the registry's English ``meaning``).

Read through :func:`simulator.i18n.param_meaning`; a test fails when a parameter has none.
"""

from __future__ import annotations

_LEVER_SIZE_ID = "Besaran instrumen kebijakan (0 = tidak aktif, 1 = penuh)."
_LAPSE_ONLY = "Hanya pada struktur 'aturan kedaluwarsa' (structure.renewal = lapse): "

PARAM_MEANINGS_ID: dict[str, str] = {
    # time
    "time.start_year": "Tahun kalender langkah pertama (tahun uji coba PLPBK).",
    "time.years": "Jumlah tahun yang disimulasikan (satu langkah = satu tahun).",
    "time.grant_year": (
        "Tahun kalender program kelurahan (BLM-nya) dimulai. Hanya dipakai simulasi yang berangkat dari status "
        "kelurahan (status_csv): simulasi dimulai sekian tahun setelah program berjalan, sehingga fasilitasi, "
        "jadwal BLM dan siklus rencana mengikuti umur program; simulasi tanpa status dimulai dengan BLM."
    ),
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
        "sedikitnya lembaga yang menanggapi semata-mata karena rendahnya peluang menanggapi (semua sudah tahu)."
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
        "Peluang perusahaan yang mengetahui program menanggapi sebuah proposal ('sedikit lembaga yang menanggapi')."
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
        "tentang program dan tanggapan mereka terhadap proposal. Satu forum per kabupaten/kota, sehingga "
        "biayanya dihitung per kabupaten/kota, bukan per kelurahan."
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
        "Biaya publik instrumen forum CSR, dalam juta rupiah per kabupaten/kota per tahun (satu forum per "
        "kabupaten/kota; sebanding dengan besaran)."
    ),
}
"""Bahasa Indonesia meanings of the parameters (the registry's English ``meaning``)."""
