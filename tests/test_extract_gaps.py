"""Extraction on layouts it was not first written for (issue 12): precision first, the named gaps,
provenance of every value, refusing what is not a release text, a publisher from the settings.

The releases below are invented for these tests in the styles of real Indonesian government
pages (InfoPublik and Setkab bylines, provincial portals with bullet metadata, kabupaten
WordPress pages with captions and "Baca juga", Instagram captions); none comes from the
evaluation corpus's holdout.
"""

from __future__ import annotations

import json

import pytest

from infopublik_ld.errors import InputError
from infopublik_ld.records.extract import Agency, extract_file, extract_text
from infopublik_ld.records.schema import check_record
from infopublik_ld.records.spans import CONFIDENCES
from infopublik_ld.records.wordlist import is_ordinary, is_stopword

BYLINE = """Pemkab OKI Gelar Rakor Persiapan Pameran Pembangunan
Oleh Rina Marlina, Kamis, 12 Juli 2018 | 14:43 WIB - Redaktur: Hendra Gunawan - Dibaca: 1.204 Kali

Kayuagung, 12 Juli 2018 (Diskominfo OKI) - Pemerintah Kabupaten Ogan Komering Ilir menggelar \
rapat koordinasi persiapan pameran pembangunan di Ruang Rapat Bende Seguguk I, Kamis \
(12/7/2018). Rapat dipimpin Plt. Kadis Kominfo OKI, Ir. Hj. Sri Wahyuni, M.Si.

Hadir sebagai narasumber Kepala Badan Penghubung Gorontalo di Jakarta Hamzah Tangio Djafar. \
"Pameran ini akan digelar 13 sampai 14 Juli 2018 di Lapangan Merdeka," kata Hamzah.

Baca juga: Bupati OKI Resmikan Pasar Baru

Komisi Informasi Provinsi Sumatera Selatan turut hadir. Anggota DPRD OKI Terpilih mengatakan \
hal yang sama. Pembangunan selaku prioritas daerah. Taman Nasional Way Kambas mengatakan siap \
menjadi lokasi pameran. Forkopimda mengatakan mendukung.

(fz)
"""

PORTAL = """SOSIALISASI KETERBUKAAN INFORMASI PUBLIK DI KABUPATEN BADUNG
• PPID UTAMA • 28 August 2023 • 487 View

Mangupura - Camat Kuta Utara, Agus Salim membuka sosialisasi keterbukaan informasi publik bagi \
para perbekel se-Kecamatan Kuta Utara, Senin (28/8/2023). Kegiatan ini dihadiri Kasi. \
Pemerintahan Kecamatan Kuta Utara Ni Made Sri Utami dan Ketua Dharma Wanita Persatuan \
Ny. Luh Putu Ariani.

Dalam sambutannya, Agus Salim menyampaikan bahwa keterbukaan informasi adalah amanat \
undang-undang. "Kita wajib melayani permintaan informasi masyarakat dengan cepat

Kegiatan ditutup dengan sharing session bersama narasumber dari Diskominfo Badung.

#BadungBangkit #KeterbukaanInformasi
Nanda - Humasprov
"""

SETKAB = """Waseskab Hadiri Pelatihan Kehumasan
Oleh Humas
Dipublikasikan pada 2 September 2015
Dibaca: 26.417 Kali

Jakarta – Wakil Sekretaris Kabinet (Waseskab) Fadlansyah Lubis menghadiri pelatihan kehumasan \
bagi pranata humas kementerian dan lembaga, yang digelar 2 s.d. 3 September di Hotel Borobudur.

"Humas pemerintah harus menjadi sumber informasi yang terpercaya," ujar Waseskab.

Kabid Humas Polda Metro Jaya Kombes Pol Ade Ary dan Karo Humas Setjen DPR RI Indra Pahlevi \
juga memberikan materi. Kadis Kominfo Provinsi Jambi Ariansyah turut hadir.

Penulis: Ratna Dewi Editor: Taufik Hidayat
"""

SULTENG = """Diskominfo Sulteng Gelar Sharing Session Keamanan Siber
Palu, Diskominfo Sulteng – Dinas Kominfo Provinsi Sulawesi Tengah menggelar sharing session \
keamanan siber, Kamis (13/3/2025) di Ruang Rapat Polibu. Kadis Kominfo Sulteng Riski Adi \
Saputra mengatakan serangan siber meningkat.
Kegiatan dilaksanakan 13–14 Maret 2025 dan diikuti perwakilan OPD se-Sulteng.
"""


def people(ex) -> dict[str, dict]:
    return {p["name"]: p for p in ex.record.get("people", [])}


# -- precision --------------------------------------------------------------------------------
def test_word_list_tells_ordinary_words_from_names():
    for word in ("Upacara", "Anggota", "Pembangunan", "Hadir", "Terpilih", "Ramadan"):
        assert is_ordinary(word), word
    for name in ("Kharuddin", "Bambang", "Agus", "Rangkuti", "Setiawan", "Wahyuningsih"):
        assert not is_ordinary(name), name
    assert is_stopword("Selanjutnya") and not is_stopword("Hamzah")


def test_ordinary_words_places_and_organisations_are_not_people():
    ex = extract_text(BYLINE)
    names = set(people(ex))
    for bogus in ("Terpilih", "Hadir", "Pembangunan", "Taman Nasional Way Kambas", "Forkopimda",
                  "Komisi Informasi", "Penghubung Gorontalo"):
        assert not any(bogus in n for n in names), (bogus, names)
    rejected = " ".join(w.message_en for w in ex.warnings if w.code.startswith("not-a-person"))
    assert "'Terpilih'" in rejected and "'Taman Nasional Way Kambas'" in rejected
    assert {"Sri Wahyuni", "Hamzah Tangio Djafar", "Rina Marlina"} <= names


def test_region_before_a_name_and_name_after_an_office_with_comma():
    assert set(people(extract_text(SULTENG))) == {"Riski Adi Saputra"}
    ps = people(extract_text(PORTAL))
    assert ps["Agus Salim"]["job_title"] == "Camat Kuta Utara"
    assert not any("Kuta" in n for n in ps)  # "Camat Kuta Utara, Agus Salim" is one person
    assert ps["Ni Made Sri Utami"]["job_title"] == "Kasi Pemerintahan Kecamatan Kuta Utara"
    assert ps["Luh Putu Ariani"]["honorific_prefixes"] == ["Ny."]
    assert ps["Luh Putu Ariani"]["job_title"] == "Ketua Dharma Wanita Persatuan"


# -- named gaps ---------------------------------------------------------------------------------
def test_publication_dates_in_bylines_and_metadata_lines():
    assert extract_text(BYLINE).record["date_published"] == "2018-07-12T14:43:00+07:00"
    assert extract_text(PORTAL).record["date_published"] == "2023-08-28"  # English month
    ex = extract_text(SETKAB)
    assert ex.record["date_published"] == "2015-09-02"
    assert ex.record["dateline"] == "Jakarta"


@pytest.mark.parametrize("phrase", ["13 sampai 14 Maret 2024", "13–14 Maret 2024",
                                    "13 s.d. 14 Maret 2024", "13 s.d. 14 Maret"])
def test_event_end_dates(phrase):
    text = (f"Rakor Satu Data\nDipublikasikan pada 12 Maret 2024\n\nSleman - Rapat koordinasi satu "
            f"data digelar {phrase} di Aula Bappeda.")
    event = extract_text(text).record["event"]
    assert (event["start_date"], event["end_date"]) == ("2024-03-13", "2024-03-14")
    assert event["event_type"] == "rapat"


def test_end_date_from_a_later_range_of_the_same_day():
    event = extract_text(SULTENG).record["event"]
    assert (event["start_date"], event["end_date"]) == ("2025-03-13", "2025-03-14")


def test_offices_with_abbreviations_and_acting_marks():
    ps = people(extract_text(SETKAB))
    assert ps["Fadlansyah Lubis"]["job_title"] == "Wakil Sekretaris Kabinet"
    assert ps["Ade Ary"]["job_title"] == "Kabid Humas Polda Metro Jaya"
    assert ps["Ade Ary"]["office"] == "kepala-bidang"
    assert ps["Indra Pahlevi"]["job_title"] == "Karo Humas Setjen DPR RI"
    assert ps["Ariansyah"]["office"] == "kepala-dinas"
    wahyuni = people(extract_text(BYLINE))["Sri Wahyuni"]
    assert wahyuni["acting"] is True and wahyuni["job_title"] == "Kadis Kominfo OKI"
    kasi = people(extract_text("Judul\nAmbon - Plt. Kasi. Pelayanan Dinkes Ambon Budi Hartono "
                               "membuka rapat, Senin (2/9/2019)."))["Budi Hartono"]
    assert kasi["office"] == "kepala-seksi" and kasi["acting"] is True


def test_organisation_with_its_region():
    orgs = {o["name"]: o for o in extract_text(BYLINE).record["organizations"]}
    ki = orgs["Komisi Informasi Provinsi Sumatera Selatan"]
    assert ki["region"] == "16"


@pytest.mark.parametrize("text,kind", [
    ("Pemkab Gelar Rakor Stunting\nGowa - Pemkab menggelar rakor stunting, Senin (2/9/2019).",
     "rapat"),
    ("Pelatihan Medsos ASN\nPalu - Diskominfo menggelar pelatihan media sosial, Senin (2/9/2019).",
     "bimtek"),
    (SULTENG, "pertemuan"),
    (BYLINE, "rapat"),  # "rapat persiapan pameran" is a rapat, not a pameran
])
def test_event_kinds(text, kind):
    assert extract_text(text).record["event"]["event_type"] == kind


def test_credits_in_several_layouts():
    ex = extract_text(SETKAB)
    ids = {p["id"]: p["name"] for p in ex.record["people"]}
    credits = ex.record["credits"]
    assert [ids[i] for i in credits["authors"]] == ["Ratna Dewi"]
    assert [ids[i] for i in credits["editors"]] == ["Taufik Hidayat"]
    ex = extract_text(PORTAL)
    assert ex.record["credits"]["as_written"] == "Nanda - Humasprov"
    assert [p["name"] for p in ex.record["people"] if p["id"] in ex.record["credits"]["authors"]
            ] == ["Nanda"]
    assert extract_text(BYLINE).record["credits"]["as_written"] == "(fz)"


def test_a_caption_is_not_a_credit():
    ex = extract_text("Upacara HUT RI\nSukadana - Upacara digelar di Lapangan Merdeka, Sabtu "
                      "(17/8/2024).\n\nFoto: Bupati saat memimpin upacara.\n")
    assert "credits" not in ex.record and not ex.record.get("people")


# -- publisher from the settings ------------------------------------------------------------------
def test_release_without_publisher_is_published_by_the_agency(cli, tmp_path):
    text = ("Rapat Persiapan Pameran UMKM\nDipublikasikan pada 4 Maret 2024\n\nMangupura - Rapat "
            "persiapan pameran digelar di Aula Kantor Camat, Senin (4/3/2024). Camat Kuta Utara, "
            "Agus Salim mengatakan siap.\n")
    ex = extract_text(text, agency=Agency("Pemerintah Kabupaten Badung", "51.03"))
    org = {o["id"]: o for o in ex.record["organizations"]}[ex.record["publisher"]]
    assert org["name"] == "Pemerintah Kabupaten Badung" and org["region"] == "51.03"
    assert "publisher-from-settings" in {w.code for w in ex.warnings}
    assert "publisher" not in extract_text(text).record  # no agency given: nothing invented
    release = tmp_path / "rapat.txt"
    release.write_text(text, encoding="utf-8")
    assert cli("init", tmp_path).exit_code == 0
    result = cli("--lang", "en", "publish", release)
    assert result.exit_code == 0, result.output


# -- refusing what is not a release ---------------------------------------------------------------
def test_extract_refuses_records_and_rdf(cli, tmp_path, example_record):
    record = tmp_path / "record.json"
    record.write_text(json.dumps(example_record), encoding="utf-8")
    result = cli("--lang", "en", "extract", record)
    assert result.exit_code == 2 and "not press-release texts" in result.output
    disguised = tmp_path / "record.txt"
    disguised.write_text(json.dumps(example_record), encoding="utf-8")
    result = cli("--lang", "en", "extract", disguised)
    assert result.exit_code == 2 and "is JSON" in result.output
    with pytest.raises(InputError, match="RDF"):
        extract_text("@prefix schema: <http://schema.org/> .\n<a> schema:name \"x\" .")


# -- provenance -----------------------------------------------------------------------------------
def _leaves(value, pointer=""):
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _leaves(v, f"{pointer}/{k}")
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield f"{pointer}/{i}"
            if isinstance(v, (dict, list)):
                yield from _leaves(v, f"{pointer}/{i}")
    else:
        yield pointer


@pytest.mark.parametrize("text", [BYLINE, PORTAL, SETKAB, SULTENG])
def test_every_extracted_value_has_a_source_span(text):
    ex = extract_text(text, agency=Agency("Dinas Kominfo"))
    spans = {p.field: p for p in ex.provenance}
    wanted = {p for p in _leaves(ex.record) if p.rsplit("/", 1)[-1] != "id"
              and p not in ("/kind", "/language", "/body")}
    assert wanted <= set(spans), wanted - set(spans)
    for s in ex.provenance:
        assert 0 <= s.start <= s.end <= len(ex.text) and s.confidence in CONFIDENCES and s.rule
    for i, person in enumerate(ex.record["people"]):
        s = spans[f"/people/{i}/name"]
        assert person["name"].split()[-1] in ex.text[s.start:s.end]
    s = spans["/date_published"] if "date_published" in ex.record else None
    if s:
        assert any(ch.isdigit() for ch in ex.text[s.start:s.end])
    check_record(dict(ex.record, date_published=ex.record.get("date_published", "2024-01-01"),
                      headline=ex.record.get("headline", "x")))
    assert "provenance" not in json.dumps(ex.record)


def test_html_offsets_index_the_extracted_text():
    page = ("<html><body><nav>Beranda</nav><article><h1>Rakor PPID</h1><p>Pangkalpinang - "
            "Rakor PPID dibuka Kadis Kominfo Kota Pangkalpinang, Agus Salim Harahap, Senin "
            "(2/9/2019).</p></article></body></html>")
    ex = extract_text(page, html=True)
    s = next(p for p in ex.provenance if p.field == "/people/0/name")
    assert ex.text[s.start:s.end] == "Agus Salim Harahap"
    assert "<" not in ex.text


def test_cli_json_output_carries_provenance_and_text(cli, tmp_path):
    release = tmp_path / "r.txt"
    release.write_text(SETKAB, encoding="utf-8")
    doc = json.loads(cli("extract", "--format", "json", release).stdout)
    assert set(doc) == {"record", "warnings", "missing", "provenance", "text"}
    first = doc["provenance"][0]
    assert set(first) == {"field", "start", "end", "rule", "confidence"}
    head = next(p for p in doc["provenance"] if p["field"] == "/headline")
    assert doc["text"][head["start"]:head["end"]] == doc["record"]["headline"]
    record_only = json.loads(cli("extract", release).stdout)
    assert "provenance" not in record_only and record_only["headline"] == doc["record"]["headline"]


def test_extract_file_reads_text_files(tmp_path):
    release = tmp_path / "r.txt"
    release.write_text(SULTENG, encoding="utf-8")
    assert extract_file(release).record["headline"].startswith("Diskominfo Sulteng")


def test_docs_list_every_warning_code():
    from infopublik_ld.records.warnings import MESSAGES

    from .conftest import ROOT

    doc = (ROOT / "docs" / "extraction.md").read_text(encoding="utf-8")
    assert [c for c in MESSAGES if f"`{c}`" not in doc] == []
