"""The data contract: every table Lab Mutu reads or writes, column by column.

One source of truth for the generator (what it must produce), the validator (what it checks),
the data dictionaries (what a trainer reads) and the simulation engine (what it may rely on).
Descriptions are in Bahasa Indonesia because trainers read them; identifiers stay English
except the official terms of art (npsn, jenjang, rombel, bosp, snp, ...).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

JENJANG = ("SD", "SMP", "SMA", "SMK", "SLB")
STATUS = ("Negeri", "Swasta")
AKREDITASI = ("A", "B", "C", "Belum")
CAPAIAN = ("Baik", "Sedang", "Kurang")
KELAS_KERUSAKAN = ("Ringan", "Sedang", "Berat")
INTERNET = ("Tidak ada", "Terbatas", "Stabil")

# Rapor Pendidikan "indikator utama" for satuan pendidikan (domain facts §4.2).
INDIKATOR = {
    "A.1": "Kemampuan literasi",
    "A.2": "Kemampuan numerasi",
    "A.3": "Karakter",
    "C.3": "Pengalaman pelatihan PTK",
    "D.1": "Kualitas pembelajaran",
    "D.2": "Refleksi dan perbaikan pembelajaran oleh guru",
    "D.3": "Kepemimpinan instruksional",
    "D.4": "Iklim keamanan satuan pendidikan",
    "D.6": "Iklim kesetaraan gender",
    "D.8": "Iklim kebinekaan",
    "D.10": "Iklim inklusivitas",
    "E.1": "Partisipasi warga satuan pendidikan",
    "E.2": "Proporsi pemanfaatan sumber daya sekolah untuk peningkatan mutu",
    "E.3": "Pemanfaatan TIK untuk pengelolaan anggaran",
    "E.5": "Program dan kebijakan satuan pendidikan",
}

# The 8 Standar Nasional Pendidikan (PP 57/2021), as column names of `standar_snp`.
STANDAR_SNP = {
    "skl": "Standar Kompetensi Lulusan",
    "isi": "Standar Isi",
    "proses": "Standar Proses",
    "penilaian": "Standar Penilaian",
    "ptk": "Standar Pendidik dan Tenaga Kependidikan",
    "sarpras": "Standar Sarana dan Prasarana",
    "pengelolaan": "Standar Pengelolaan",
    "pembiayaan": "Standar Pembiayaan",
}

# The 12 BOS Reguler spending components (Permendikbudristek 2/2022; domain facts §5.2).
KOMPONEN_BOSP = {
    "k01_ppdb": "Penerimaan peserta didik baru",
    "k02_perpustakaan": "Pengembangan perpustakaan",
    "k03_pembelajaran": "Pelaksanaan kegiatan pembelajaran dan ekstrakurikuler",
    "k04_asesmen": "Pelaksanaan kegiatan asesmen/evaluasi pembelajaran",
    "k05_administrasi": "Pelaksanaan administrasi kegiatan sekolah",
    "k06_profesi_ptk": "Pengembangan profesi guru dan tenaga kependidikan",
    "k07_daya_jasa": "Pembiayaan langganan daya dan jasa",
    "k08_pemeliharaan": "Pemeliharaan sarana dan prasarana sekolah",
    "k09_multimedia": "Penyediaan alat multimedia pembelajaran",
    "k10_kompetensi_keahlian": "Penyelenggaraan kegiatan peningkatan kompetensi keahlian",
    "k11_keterserapan_lulusan": "Penyelenggaraan kegiatan dalam mendukung keterserapan lulusan",
    "k12_honor": "Pembayaran honor",
}

# Building components and their weights in % of a building (domain facts §6, scribd 379023037).
KOMPONEN_BANGUNAN = {
    "penutup_atap": 8.11,
    "rangka_atap": 8.94,
    "lisplang_talang": 1.24,
    "rangka_plafon": 4.14,
    "penutup_plafon": 2.80,
    "cat_plafon": 1.19,
    "kolom_ring_balok": 8.21,
    "dinding": 9.59,
    "cat_dinding": 2.00,
    "kusen": 5.16,
    "daun_pintu": 2.22,
    "daun_jendela": 3.26,
    "struktur_lantai": 12.79,
    "penutup_lantai": 11.22,
    "pondasi": 15.93,
    "sloof": 1.79,
    "listrik": 1.41,
}
# Structural components: a block is "Berat" when their weighted damage exceeds 30 %
# (domain facts §6). Which components count as structural is an assumption (asumsi pelatihan).
KOMPONEN_STRUKTUR = ("rangka_atap", "kolom_ring_balok", "struktur_lantai", "pondasi", "sloof")


@dataclass(frozen=True)
class Column:
    """One column of a table, as the data dictionary shows it.

    Attributes:
        name: column name in the file.
        dtype: one of "str", "int", "float", "bool", "category".
        description: what it means (Indonesian).
        unit: satuan (Indonesian), "" when none.
        min/max: allowed numeric range, inclusive; None when open.
        choices: allowed values for a category column.
        pattern: regular expression a str column must match.
        nullable: whether an empty value is allowed.
        unique: whether values must be unique within the table.
        source: sumber or asumsi (Indonesian).
    """

    name: str
    dtype: str
    description: str
    unit: str = ""
    min: float | None = None
    max: float | None = None
    choices: tuple[str, ...] = ()
    pattern: str | None = None
    nullable: bool = False
    unique: bool = False
    source: str = ""


@dataclass(frozen=True)
class Table:
    """A table of the data contract: its columns and its key."""

    name: str
    description: str
    columns: tuple[Column, ...]
    key: tuple[str, ...] = field(default_factory=tuple)

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    def column(self, name: str) -> Column:
        for c in self.columns:
            if c.name == name:
                return c
        raise KeyError(name)


NPSN = Column(
    "npsn", "str", "Nomor Pokok Sekolah Nasional (fiktif, diawali 9)", pattern=r"^\d{8}$",
    source="Asumsi: NPSN fiktif 8 digit diawali angka 9 agar tidak sama dengan NPSN asli",
)
TAHUN = Column("tahun", "int", "Tahun data", "tahun", 2016, 2100)

SEKOLAH = Table(
    "sekolah",
    "Satu baris per sekolah: identitas, wilayah, dan ukuran sekolah.",
    (
        replace(NPSN, unique=True),
        Column("nama", "str", "Nama sekolah (fiktif)", source="Dibangkitkan; geografi nyata"),
        Column("jenjang", "category", "Jenjang pendidikan", choices=JENJANG),
        Column("status", "category", "Status sekolah", choices=STATUS),
        Column("kode_kabkota", "str", "Kode kabupaten/kota Kemendagri", pattern=r"^\d{4}$",
               source="Kepmendagri 300.2.2-2138/2025"),
        Column("kode_provinsi", "str", "Kode provinsi Kemendagri", pattern=r"^\d{2}$",
               source="Kepmendagri 300.2.2-2138/2025"),
        Column("daerah_3t", "bool", "Sekolah di daerah tertinggal (Perpres 63/2020)",
               source="Perpres 63/2020 (62 kabupaten)"),
        Column("lat", "float", "Lintang", "derajat", -11.5, 6.5),
        Column("lon", "float", "Bujur", "derajat", 94.5, 141.5),
        Column("peserta_didik", "int", "Jumlah peserta didik", "orang", 0, 5000),
        Column("guru", "int", "Jumlah guru", "orang", 0, 400),
        Column("rombel", "int", "Jumlah rombongan belajar", "rombel", 0, 200),
        Column("akreditasi", "category", "Peringkat akreditasi", choices=AKREDITASI),
    ),
    key=("npsn",),
)

INDIKATOR_TABLE = Table(
    "indikator",
    "Satu baris per sekolah per tahun per indikator Rapor Pendidikan (format panjang).",
    (
        NPSN,
        TAHUN,
        Column("kode_indikator", "category", "Kode indikator Rapor Pendidikan",
               choices=tuple(INDIKATOR)),
        Column("nilai", "float", "Skor indikator", "skala 0-100", 0, 100),
        Column("capaian", "category", "Kategori capaian", choices=CAPAIAN),
        Column("perubahan", "float", "Perubahan skor dari tahun lalu (kosong pada tahun pertama)",
               "poin", -100, 100, nullable=True),
    ),
    key=("npsn", "tahun", "kode_indikator"),
)

STANDAR_SNP_TABLE = Table(
    "standar_snp",
    "Skor Rapor Mutu PMP lama (skala 0-7) untuk 8 SNP, satu baris per sekolah.",
    (NPSN, TAHUN)
    + tuple(Column(k, "float", v, "skala 0-7", 0, 7) for k, v in STANDAR_SNP.items()),
    key=("npsn",),
)

BANGUNAN = Table(
    "bangunan",
    "Satu baris per blok bangunan (massa bangunan): kerusakan per komponen dan total.",
    (
        NPSN,
        Column("blok", "int", "Nomor blok bangunan di sekolah", "", 1, 50),
        Column("lantai", "int", "Jumlah lantai", "lantai", 1, 4),
    )
    + tuple(
        Column(f"rusak_{k}", "float", f"Kerusakan komponen {k.replace('_', ' ')} (bobot {w} %)",
               "%", 0, 100, source="Bobot komponen: lembar hitung PUPR (scribd 379023037)")
        for k, w in KOMPONEN_BANGUNAN.items()
    )
    + (
        Column("kerusakan_persen", "float", "Tingkat kerusakan = jumlah(bobot x kerusakan komponen)",
               "%", 0, 100, source="Permen PU 24/PRT/M/2008"),
        Column("kelas_kerusakan", "category",
               "Ringan <=30, Sedang >30-45, Berat >45 atau struktur >30", choices=KELAS_KERUSAKAN,
               source="SE Mendikbudristek 2883/A.A1/PR.07.05/2024"),
        Column("tahun_rehab_terakhir", "int", "Tahun rehabilitasi terakhir (kosong: belum pernah)",
               "tahun", 1970, 2100, nullable=True),
    ),
    key=("npsn", "blok"),
)

SARPRAS = Table(
    "sarpras",
    "Ringkasan sarana prasarana per sekolah: kerusakan bangunan, listrik, internet.",
    (
        replace(NPSN, unique=True),
        Column("jumlah_blok", "int", "Jumlah blok bangunan", "blok", 0, 50),
        Column("blok_rusak_sedang", "int", "Blok dengan kerusakan sedang", "blok", 0, 50),
        Column("blok_rusak_berat", "int", "Blok dengan kerusakan berat", "blok", 0, 50),
        Column("kerusakan_maks_persen", "float", "Kerusakan blok terparah", "%", 0, 100),
        Column("tahun_rehab_terakhir", "int", "Tahun rehabilitasi terakhir blok mana pun",
               "tahun", 1970, 2100, nullable=True),
        Column("daya_listrik_va", "int", "Daya listrik terpasang (0: tidak ada listrik)", "VA",
               0, 200000),
        Column("internet", "category", "Akses internet", choices=INTERNET),
        Column("siap_ifp", "bool", "Siap papan interaktif: daya >= 2.200 VA dan ada internet",
               source="Aturan turunan fakta domain §7 (asumsi pelatihan)"),
    ),
    key=("npsn",),
)

KEUANGAN = Table(
    "keuangan",
    "Alokasi BOSP dan realisasi RKAS tahun lalu per 12 komponen, satu baris per sekolah.",
    (
        replace(NPSN, unique=True),
        TAHUN,
        Column("indeks_biaya", "float", "Indeks kemahalan daerah (IKK/IPD) relatif terhadap batas bawah",
               "indeks", 1.0, 3.0, source="Asumsi pelatihan, dalam rentang satuan biaya 2021"),
        Column("satuan_biaya", "int", "Satuan biaya BOSP per peserta didik per tahun", "Rp/siswa/tahun",
               500_000, 10_000_000, source="Rentang satuan biaya 2021 (Merdeka Belajar Episode 16)"),
        Column("peserta_didik", "int", "Peserta didik yang dihitung", "orang", 0, 5000),
        Column("layak_bosp", "bool", "Memenuhi syarat penerima BOSP (>= 60 siswa, kecuali SLB/3T)",
               source="Permendikbud 6/2021"),
        Column("alokasi_bosp", "int", "Alokasi BOSP = satuan biaya x peserta didik", "Rp", 0, 50_000_000_000),
    )
    + tuple(
        Column(k, "int", f"Realisasi komponen: {v}", "Rp", 0, 50_000_000_000)
        for k, v in KOMPONEN_BOSP.items()
    )
    + (
        Column("total_realisasi", "int", "Jumlah realisasi 12 komponen", "Rp", 0, 50_000_000_000),
        Column("porsi_honor_persen", "float", "Porsi honor terhadap alokasi", "%", 0, 100),
    ),
    key=("npsn",),
)

TABLES: dict[str, Table] = {
    t.name: t for t in (SEKOLAH, INDIKATOR_TABLE, STANDAR_SNP_TABLE, BANGUNAN, SARPRAS, KEUANGAN)
}
