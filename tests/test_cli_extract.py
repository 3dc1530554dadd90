"""`extract`, and release text accepted by `convert` / `validate` (issue 3)."""

from __future__ import annotations

import json

import pytest
from rdflib import Graph

from infopublik_ld.records.schema import check_record

from .conftest import EXAMPLE_JSON, EXAMPLE_TXT


def test_extract_prints_a_schema_valid_draft(cli):
    result = cli("--lang", "en", "extract", EXAMPLE_TXT)
    assert result.exit_code == 0, result.stderr
    record = json.loads(result.stdout)
    assert record["headline"] == json.loads(EXAMPLE_JSON.read_text())["headline"]
    assert "date_published" not in record  # the text does not state it: not invented
    assert "/date_published: must be completed by the officer" in result.stderr
    check_record(dict(record, date_published="2019-09-04"))


def test_extract_json_format_has_machine_readable_warnings(cli):
    result = cli("extract", "--format", "json", EXAMPLE_TXT)
    doc = json.loads(result.stdout)
    assert doc["missing"] == ["date_published"]
    fields = {w["field"] for w in doc["warnings"]}
    assert "/date_published" in fields
    assert all(w["message_id"] and w["message_en"] for w in doc["warnings"])


def test_convert_text_prints_rdf_and_reports_violations(cli):
    result = cli("--lang", "en", "convert", EXAMPLE_TXT)
    assert result.exit_code == 0
    g = Graph().parse(data=result.stdout, format="turtle")
    assert len(g) > 80
    assert "VIOLATION" in result.stderr and "schema:datePublished" in result.stderr


def test_validate_text_fails_until_completed(cli):
    result = cli("validate", EXAMPLE_TXT)
    assert result.exit_code == 1
    assert "PELANGGARAN" in result.stdout


@pytest.mark.parametrize("name,content,needle", [
    ("empty.txt", b"", "empty"),
    ("binary.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 10, ""),
    ("nul.html", b"<html>\x00\x00\x00</html>", ""),
])
def test_extract_unusable_input_exit_2(cli, tmp_path, name, content, needle):
    path = tmp_path / name
    path.write_bytes(content)
    for command in ("extract", "convert"):
        result = cli("--lang", "en", command, path)
        assert result.exit_code == 2, (command, result.output)
        assert needle in result.stderr.lower()
        assert "Traceback" not in result.output
        assert len(result.stderr.strip().splitlines()) == 1


def test_extract_huge_text_refused_quickly(cli, tmp_path):
    path = tmp_path / "huge.txt"
    path.write_text("Kominfo menggelar rapat di aula. " * 650_000, encoding="utf-8")  # ~21 MB
    result = cli("--lang", "en", "extract", path)
    assert result.exit_code == 2
    assert "MB" in result.stderr and "Traceback" not in result.output


def test_extract_text_without_structure_gives_warnings(cli, tmp_path):
    path = tmp_path / "noise.txt"
    path.write_text("lorem ipsum dolor sit amet\n" * 20, encoding="utf-8")
    result = cli("extract", "--format", "json", path)
    assert result.exit_code == 0
    doc = json.loads(result.stdout)
    assert set(doc["missing"]) >= {"date_published"}
    assert doc["warnings"]
