"""Tugas kursus bimtek-spmi-sekolah: satu tugas per modul 01-06, sebagai data.

`labmutu course build` menulis source/<tugas>/<tugas>.ipynb dari daftar ini (jangan ubah notebook
sumber dengan tangan; ubah berkas ini). Berkas ini memuat KUNCI JAWABAN: simpan folder kursus di
akun pelatih saja. Angka yang diambil dari data sampel `sekolah-latihan` diperiksa ulang oleh uji
(tests/grading/test_bimtek_spec.py), jadi kunci tetap cocok bila data sampel dibangkitkan ulang.
"""

from labmutu.grading.builder import (AppAssignment, Choice, Choices, Number, Order, Reflection,
                                     School, Text)

SD1 = "92679372"  # SD Negeri 1 Belitung: literasi rendah dan menurun
SMP1 = "92691766"  # SMP Negeri 1 Belitung: honor 28 % dari alokasi
SMK1 = "92696654"  # SMK Negeri 1 Belitung: sekolah yang sudah baik

RUBRIK_UMUM = (
    "4 poin: menjawab semua bagian pertanyaan, setiap pernyataan didukung angka dari data, dan "
    "langkahnya bisa dikerjakan sekolah;",
    "3 poin: semua bagian dijawab, tetapi satu pernyataan tanpa data pendukung;",
    "2 poin: hanya sebagian pertanyaan dijawab atau alasan umum tanpa data;",
    "1 poin: jawaban ada tetapi tidak menjawab pertanyaan;",
    "0 poin: kosong atau menyalin pertanyaan.",
)

ASSIGNMENTS = [
    AppAssignment(
        name="01_pemetaan_mutu",
        title="Tugas 01: Pemetaan mutu",
        summary="Membaca Rapor Pendidikan SD Negeri 1 Belitung: capaian, perubahan, kekuatan dan kelemahan.",
        goals="Peserta dapat membaca capaian dan perubahan skor pada Rapor Pendidikan sebuah sekolah.",
        steps=("Baca Rapor Pendidikan 2024 sekolah di bawah.", "Jawab lima butir pertanyaan.",
               "Tekan Kumpulkan."),
        jp=1,
        parts=(
            School("sekolah-latihan", SD1),
            Choice("capaian_a1", "1. Apa kategori capaian <b>literasi (A.1)</b> sekolah ini pada Rapor 2024?",
                   ("Baik", "Sedang", "Kurang"), "Kurang", points=1),
            Choice("arti_perubahan", "2. Kolom perubahan A.1 menulis <b>−8,30</b>. Artinya …",
                   ("skor tahun ini 8,30 poin lebih rendah daripada tahun lalu",
                    "8,30 % murid tidak mencapai kompetensi minimum",
                    "peringkat sekolah turun 8 tingkat"),
                   "skor tahun ini 8,30 poin lebih rendah daripada tahun lalu", points=1),
            Number("turun_a1_dua_tahun", "3. Skor A.1 sekolah ini tahun 2022 adalah 52,00. Berapa poin "
                   "<b>penurunan</b> skor A.1 dari 2022 ke 2024? (tulis angka positif)",
                   15.8, points=2, tolerance=0.01, half_tolerance=0.5, unit="poin"),
            Choices("indikator_kurang", "4. Centang <b>semua</b> indikator yang capaiannya Kurang pada 2024.",
                    ("A.1 Kemampuan literasi", "A.2 Kemampuan numerasi", "D.1 Kualitas pembelajaran",
                     "D.2 Refleksi dan perbaikan pembelajaran oleh guru", "D.3 Kepemimpinan instruksional",
                     "D.4 Iklim keamanan satuan pendidikan"),
                    ("A.1 Kemampuan literasi", "D.1 Kualitas pembelajaran",
                     "D.2 Refleksi dan perbaikan pembelajaran oleh guru"), points=3),
            Reflection("refleksi_temuan", "5. Tuliskan dua kekuatan dan dua kelemahan sekolah ini menurut "
                       "Rapor 2024 (sebut kode dan skornya), lalu satu pertanyaan yang ingin Anda ajukan kepada "
                       "kepala sekolah tentang kelemahan itu.", RUBRIK_UMUM, points=4, min_words=30),
        ),
    ),
    AppAssignment(
        name="02_penetapan_standar",
        title="Tugas 02: Penetapan standar",
        summary="Menetapkan standar dan target yang wajar untuk sekolah di bawah dan di atas SNP.",
        goals="Peserta dapat menetapkan standar mutu (SNP sebagai batas bawah) dan target tahunan yang wajar.",
        steps=("Baca kembali Rapor SD Negeri 1 Belitung.", "Jawab lima butir.", "Tekan Kumpulkan."),
        jp=1,
        parts=(
            Text("Di Lab Mutu, SNP pada skala Rapor adalah **70** (batas bawah kategori Baik; asumsi "
                 "pelatihan). Sekolah di bawah SNP memakai SNP sebagai standar; sekolah yang sudah di atas SNP "
                 "boleh menetapkan standar internal yang lebih tinggi. Target tahunan yang wajar naik paling "
                 "banyak **5 poin** per tahun."),
            School("sekolah-latihan", SD1, ("A.1", "A.2", "D.1", "D.2")),
            Choice("langkah_pertama_resmi", "1. Menurut panduan resmi Kemendikdasmen 2025, langkah "
                   "<b>pertama</b> siklus SPMI adalah …",
                   ("Pemetaan mutu", "Penetapan standar mutu", "Pelaksanaan peningkatan mutu"),
                   "Penetapan standar mutu", points=1),
            Choice("standar_a1_sd", "2. Skor A.1 SD Negeri 1 Belitung 36,20. Standar mutu A.1 yang dipakai "
                   "sekolah ini adalah …",
                   ("SNP (skor 70 pada skala Rapor)", "standar internal di atas SNP",
                    "skor tahun lalu (44,50)", "rata-rata sekolah di kabupaten"),
                   "SNP (skor 70 pada skala Rapor)", points=1),
            Number("target_a1_2025", "3. Dengan kenaikan wajar 5 poin per tahun, berapa <b>target A.1 tahun "
                   "2025</b> untuk SD Negeri 1 Belitung?", 41.2, points=2, tolerance=0.01,
                   half_tolerance=1.0, unit="poin"),
            Number("tahun_ke_snp", "4. Bila skor A.1 naik 5 poin setiap tahun dari 36,20, berapa tahun paling "
                   "sedikit sampai A.1 mencapai SNP (70)? (bilangan bulat)", 7, points=2, unit="tahun"),
            Choice("smk_di_atas_snp", "5. SMK Negeri 1 Belitung sudah Baik di hampir semua indikator. Yang "
                   "tepat untuk sekolah ini adalah …",
                   ("menetapkan standar internal di atas SNP sesuai konteksnya",
                    "tidak perlu menetapkan standar lagi", "menurunkan target agar pasti tercapai"),
                   "menetapkan standar internal di atas SNP sesuai konteksnya", points=1),
            Reflection("refleksi_standar", "6. Untuk satu indikator sekolah Anda sendiri: tuliskan skornya, "
                       "standar yang Anda tetapkan, target satu tahun, dan alasan dari data mengapa target itu "
                       "wajar.", RUBRIK_UMUM, points=4, min_words=30),
        ),
    ),
    AppAssignment(
        name="03_perencanaan_peningkatan",
        title="Tugas 03: Perencanaan peningkatan (PBD dan RKAS)",
        summary="Prioritas PBD, akar masalah, komponen BOSP dan batas honor 2025.",
        goals="Peserta dapat memilih prioritas dengan aturan PBD, menemukan akar masalah, dan memeriksa RKAS.",
        steps=("Baca Rapor SD Negeri 1 Belitung.", "Jawab tujuh butir.", "Tekan Kumpulkan."),
        jp=2,
        parts=(
            School("sekolah-latihan", SD1),
            Order("tahap_pbd", "1. Urutkan tiga tahap Perencanaan Berbasis Data (PBD).",
                  ("Benahi", "Identifikasi", "Refleksi"), ("Identifikasi", "Refleksi", "Benahi"), points=2),
            Choice("prioritas_pertama", "2. Tiga indikator berwarna merah dengan kuintil yang sama: A.1 turun "
                   "8,30; D.1 turun 3,50; A.2 turun 1,00. Menurut aturan PBD, prioritas pertama adalah …",
                   ("A.1", "D.1", "A.2"), "A.1", points=1),
            Choice("akar_masalah_a1", "3. Data mana yang paling mungkin menjadi <b>akar masalah</b> literasi "
                   "rendah di sekolah ini?",
                   ("D.1 kualitas pembelajaran dan D.2 refleksi guru yang rendah",
                    "D.4 iklim keamanan", "D.8 iklim kebinekaan", "E.1 partisipasi warga sekolah"),
                   "D.1 kualitas pembelajaran dan D.2 refleksi guru yang rendah", points=1),
            Choices("komponen_bosp", "4. Centang <b>semua</b> yang termasuk 12 komponen belanja BOS Reguler.",
                    ("Pengembangan perpustakaan", "Pembayaran honor", "Pembangunan gedung baru",
                     "Pemeliharaan sarana dan prasarana sekolah", "Pembelian seragam guru",
                     "Penyediaan alat multimedia pembelajaran"),
                    ("Pengembangan perpustakaan", "Pembayaran honor", "Pemeliharaan sarana dan prasarana sekolah",
                     "Penyediaan alat multimedia pembelajaran"), points=2),
            Number("batas_honor_smp", "5. SMP Negeri 1 Belitung (negeri) menerima alokasi BOSP Rp 117.392.000. "
                   "Batas honor 2025 untuk sekolah negeri 20 % dari alokasi. Berapa rupiah honor <b>paling "
                   "banyak</b>?", 23478400, points=2, half_tolerance=1000, unit="rupiah"),
            Choice("honor_smp_2025", "6. Honor SMP itu pada 2024 Rp 32.870.000 (28 % alokasi). Bila angka itu "
                   "dipakai lagi di RKAS 2025, maka …",
                   ("melanggar batas 2025 dan harus dikurangi", "sah, karena batasnya 50 %",
                    "sah, karena honor tidak dibatasi"),
                   "melanggar batas 2025 dan harus dikurangi", points=1),
            Reflection("refleksi_akar_masalah", "7. Tuliskan akar masalah literasi di SD Negeri 1 Belitung "
                       "(dengan data yang mendukung) dan dua kegiatan pembenahan yang menyasar akar masalah itu, "
                       "beserta komponen BOSP untuk masing-masing kegiatan.", (
                           "4 poin: akar masalah disebut dengan skor pendukung (misalnya D.1 37,50, D.2 33,00), "
                           "dua kegiatan jelas menyasar akar itu, komponen BOSP benar;",
                           "3 poin: akar masalah dan kegiatan tepat, satu komponen BOSP kurang tepat atau data "
                           "pendukung kurang;",
                           "2 poin: kegiatan tidak menyasar akar masalah yang disebut, atau akar masalah tanpa "
                           "data;", "1 poin: hanya menyebut masalah (literasi rendah) tanpa akar masalah;",
                           "0 poin: kosong."), points=4, min_words=40),
        ),
    ),
    AppAssignment(
        name="04_pelaksanaan_peningkatan",
        title="Tugas 04: Pelaksanaan peningkatan",
        summary="Pencairan dana dua tahap, SIPLah, bukti kegiatan dan laporan keterlaksanaan.",
        goals="Peserta memahami aturan pelaksanaan kegiatan: tahap dana, pengadaan, dan bukti.",
        steps=("Jawab lima butir.", "Tekan Kumpulkan."),
        jp=1,
        parts=(
            Choice("tahap_dana", "1. Sejak 2023 dana BOSP dicairkan dalam …",
                   ("dua tahap, masing-masing 50 % (Januari dan Juli)", "tiga tahap 30/40/30 %",
                    "satu kali di awal tahun"),
                   "dua tahap, masing-masing 50 % (Januari dan Juli)", points=1),
            Number("belanja_semester_1", "2. Alokasi BOSP SD Negeri 1 Belitung Rp 259.956.000. Berapa rupiah "
                   "paling banyak yang dapat dibelanjakan di <b>semester 1</b> (sebelum dana tahap 2 cair)?",
                   129978000, points=2, half_tolerance=1000, unit="rupiah"),
            Choice("pengadaan", "3. Pengadaan barang dengan dana BOSP dilakukan melalui …",
                   ("SIPLah", "ARKAS", "Rapor Pendidikan"), "SIPLah", points=1),
            Choices("bukti_kegiatan", "4. Centang <b>semua</b> bukti yang perlu disimpan agar kegiatan dapat "
                    "dipantau dan dievaluasi.",
                    ("Daftar hadir", "Foto kegiatan", "Hasil evaluasi kegiatan", "Nilai akreditasi sekolah lain"),
                    ("Daftar hadir", "Foto kegiatan", "Hasil evaluasi kegiatan"), points=2),
            Choice("keterlaksanaan", "5. Pelatihan guru hanya terlaksana 60 % karena dua guru dimutasi. Yang "
                   "tepat ditulis di laporan pelaksanaan adalah …",
                   ("keterlaksanaan 60 %, penyebabnya, dan tindak lanjutnya",
                    "kegiatan terlaksana 100 % karena dananya sudah habis",
                    "tidak perlu dicatat karena bukan kesalahan sekolah"),
                   "keterlaksanaan 60 %, penyebabnya, dan tindak lanjutnya", points=1),
            Reflection("refleksi_pelaksanaan", "6. Sebutkan dua kendala pelaksanaan kegiatan yang paling "
                       "mungkin di sekolah Anda dan bagaimana TPMPS mengantisipasinya.", RUBRIK_UMUM, points=4,
                       min_words=30),
        ),
    ),
    AppAssignment(
        name="05_pemantauan_evaluasi",
        title="Tugas 05: Pemantauan dan evaluasi",
        summary="Selisih terhadap target, waktu tunggu dampak, dan data untuk monev.",
        goals="Peserta dapat membandingkan hasil dengan target dan menarik kesimpulan monev.",
        steps=("Jawab lima butir.", "Tekan Kumpulkan."),
        jp=1,
        parts=(
            Number("selisih_target", "1. Target A.1 tahun 2025 SD Negeri 1 Belitung 41,20; hasil pengukuran "
                   "2025 adalah 39,80. Berapa <b>selisih terhadap target</b> (nilai − target)?", -1.4,
                   points=2, tolerance=0.01, unit="poin"),
            Choice("target_tercapai", "2. Apakah target itu tercapai?",
                   ("belum, karena selisihnya negatif", "sudah, karena skor naik dari 36,20",
                    "tidak bisa dinilai"), "belum, karena selisihnya negatif", points=1),
            Choice("waktu_tunggu", "3. Kegiatan semester 2 mulai Agustus, sedangkan Asesmen Nasional diukur "
                   "sekitar September. Dampaknya biasanya terlihat …",
                   ("pada pengukuran tahun berikutnya", "pada pengukuran tahun ini",
                    "tidak pernah terlihat di Rapor"), "pada pengukuran tahun berikutnya", points=1),
            Choices("data_monev", "4. Centang <b>semua</b> data yang dipakai untuk memantau kegiatan literasi.",
                    ("skor A.1 tahun berikutnya", "keterlaksanaan kegiatan", "realisasi anggaran kegiatan",
                     "jumlah sekolah di kabupaten"),
                    ("skor A.1 tahun berikutnya", "keterlaksanaan kegiatan", "realisasi anggaran kegiatan"),
                    points=2),
            Reflection("refleksi_monev", "5. Target Anda tidak tercapai. Tuliskan tiga pertanyaan evaluasi "
                       "yang akan Anda ajukan dan data yang menjawab masing-masing.", RUBRIK_UMUM, points=4,
                       min_words=30),
        ),
    ),
    AppAssignment(
        name="06_simulasi_siklus",
        title="Tugas 06: Simulasi siklus penuh",
        summary="Urutan siklus, membandingkan rencana pada nasib yang sama, dan pelajaran dari tiga siklus.",
        goals="Peserta dapat menjelaskan hasil simulasi tiga siklus dan membandingkan rencana.",
        steps=("Jawab lima butir.", "Tekan Kumpulkan."),
        jp=2,
        parts=(
            Order("siklus_bimtek", "1. Urutkan langkah siklus SPMI menurut materi bimtek 2025.",
                  ("Pelaksanaan peningkatan", "Penetapan standar", "Pemantauan dan evaluasi", "Pemetaan mutu",
                   "Penyusunan rencana peningkatan"),
                  ("Pemetaan mutu", "Penetapan standar", "Penyusunan rencana peningkatan",
                   "Pelaksanaan peningkatan", "Pemantauan dan evaluasi"), points=2),
            Choice("nasib_sama", "2. Mengapa rencana Anda dibandingkan dengan rencana PBD dan rencana acak pada "
                   "angka acak yang sama?",
                   ("agar perbedaan hasil berasal dari keputusan, bukan dari nasib (banjir, mutasi, dana terlambat)",
                    "agar simulasi lebih cepat", "agar semua rencana pasti berhasil"),
                   "agar perbedaan hasil berasal dari keputusan, bukan dari nasib (banjir, mutasi, dana terlambat)",
                   points=1),
            Number("selisih_pbd_acak", "3. Pada sampel Sumba Barat, kenaikan indikator prioritas pertama dalam "
                   "5 tahun: PBD +18,9; acak +8,1. Berapa poin keunggulan PBD?", 10.8, points=1,
                   tolerance=0.01, unit="poin"),
            Choice("penetapan_2016", "4. Pada siklus Permendikbud 28/2016, penetapan standar baru dilakukan …",
                   ("di akhir siklus, setelah pemantauan dan evaluasi", "di awal siklus, sebelum pemetaan",
                    "tidak ada penetapan standar"),
                   "di akhir siklus, setelah pemantauan dan evaluasi", points=1),
            Reflection("refleksi_siklus", "5. Setelah tiga siklus simulasi, apa satu hal yang akan Anda ubah pada "
                       "cara sekolah Anda menyusun rencana, dan mengapa (sebut angka dari hasil simulasi)?",
                       RUBRIK_UMUM, points=4, min_words=30),
        ),
    ),
]
