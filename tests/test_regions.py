"""Region lookup from names as releases write them."""

from __future__ import annotations

import pytest

from infopublik_ld.records.regions import kabupaten_of, lookup_region, region_info


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Kabupaten Labuhanbatu Utara", "12.23"),
        ("Labuhanbatu Utara", "12.23"),
        ("Labura", "12.23"),
        ("Pemkab Fakfak", "92.03"),
        ("Fak Fak", "92.03"),
        ("Fakfak", "92.03"),
        ("Kota Pangkalpinang", "19.71"),
        ("Provinsi Bali", "51"),
        ("Bali", "51"),
        ("Kota Jayapura", "91.71"),
        ("Kabupaten Jayapura", "91.03"),
        ("Kabupaten Semarang", "33.22"),
        ("Jakarta", "31"),
        ("Sumut", "12"),
    ],
)
def test_lookup(name, code):
    assert lookup_region(name) == code


def test_prefers_kabupaten_over_homonymous_kecamatan():
    # "Purbalingga" is both a kabupaten and a kecamatan in it
    assert lookup_region("Purbalingga") == "33.03"


def test_village_inside_known_region():
    assert lookup_region("Aek Kanopan", within="12.23") == "12.23.01.1001"
    assert kabupaten_of("12.23.01.1001") == "12.23"


def test_unknown_and_ambiguous_names():
    assert lookup_region("Negeri Dongeng") is None
    assert lookup_region("") is None
    assert lookup_region("x" * 500) is None
    # a village name shared by many villages says nothing on its own
    assert lookup_region("Pangkalan") is None


def test_region_info():
    info = region_info("12.23")
    assert info.name == "Kabupaten Labuhanbatu Utara"
    assert info.level == "kabupaten"
    assert info.parent == "12"
    assert region_info("91.71").level == "kota"
    assert region_info("51").parent is None
    assert region_info("99.99") is None


def test_upper_lookup_agrees_with_the_whole_table():
    """``upper=True`` (what identity resolution asks, without building the 91 600-row table)
    answers as the whole table does for provinces, kabupaten and kota, and ``None`` where the
    whole table names a kecamatan or desa, or nothing."""
    from infopublik_ld.records import regions
    from infopublik_ld.records.lexicon import REGION_ABBREVIATIONS

    by_code = regions._table()[0]
    names = [r.name for r in by_code.values() if r.code.count(".") <= 1]
    names += [f"Pemkab {n.split(' ', 1)[-1]}" for n in names[:60]] + list(REGION_ABBREVIATIONS)
    names += [r.name for r in list(by_code.values())[::97]]  # kecamatan and desa names too
    names += ["Kecamatan Bakongan", "Desa Keude Bakongan", "hewan", "kesehatan", "Fak Fak"]
    upper_seen = 0
    for name in names:
        whole = regions.lookup_region(name)
        expected = whole if whole and whole.count(".") <= 1 else None
        assert regions.lookup_region(name, upper=True) == expected, name
        upper_seen += expected is not None
    assert upper_seen > 500
    assert len(regions._upper_table()[0]) == sum(1 for c in by_code if c.count(".") <= 1)


def test_region_info_of_every_code_from_either_table():
    from infopublik_ld.records import regions

    whole = regions._table()[0]
    for code in list(whole)[::50] + ["12", "12.23", "34.71", "99.99", "12.23.01"]:
        assert regions.region_info(code) == whole.get(code), code
