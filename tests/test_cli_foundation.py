"""convert / validate from the command line, and every kind of bad input (issue 2 item 9)."""

from __future__ import annotations

import json

import pytest
from rdflib import Dataset, Graph

from .conftest import EXAMPLE_JSON, EXAMPLE_TTL


def _write(tmp_path, name, content):
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def test_convert_turtle_round_trips(cli):
    result = cli("convert", EXAMPLE_JSON)
    assert result.exit_code == 0, result.output
    g = Graph().parse(data=result.stdout, format="turtle")
    expected = Graph().parse(EXAMPLE_TTL)
    # everything but the conversion time is the same
    assert len(g) == len(expected)


@pytest.mark.parametrize("fmt,parse_as", [("nquads", "nquads"), ("trig", "trig"),
                                          ("jsonld", "json-ld")])
def test_convert_graph_formats_keep_the_named_graph(cli, fmt, parse_as):
    result = cli("convert", "--format", fmt, EXAMPLE_JSON)
    assert result.exit_code == 0, result.output
    ds = Dataset().parse(data=result.stdout, format=parse_as)
    graphs = {str(g.identifier) for g in ds.graphs() if len(g)}
    assert any(i.startswith("http://127.0.0.1:8080/graph/release/") for i in graphs), graphs


def test_convert_jsonl_to_file(cli, tmp_path, example_record):
    second = dict(example_record, id="kedua", headline="Rilis kedua")
    path = _write(tmp_path, "two.jsonl",
                  json.dumps(example_record) + "\n\n" + json.dumps(second) + "\n")
    out = tmp_path / "out.nq"
    result = cli("convert", "--format", "nquads", "-o", out, path)
    assert result.exit_code == 0, result.output
    ds = Dataset().parse(out, format="nquads")
    assert len([g for g in ds.graphs() if len(g)]) == 2


def test_convert_base_option_changes_iris(cli):
    result = cli("convert", "--base", "https://data.labura.go.id/", EXAMPLE_JSON)
    assert "https://data.labura.go.id/id/article/" in result.stdout


def test_validate_ok_and_json_report(cli):
    result = cli("validate", EXAMPLE_JSON)
    assert result.exit_code == 0
    assert "sesuai" in result.stdout
    result = cli("validate", "--format", "json", EXAMPLE_JSON, EXAMPLE_TTL)
    report = json.loads(result.stdout)
    assert report["conforms"] is True and len(report["files"]) == 2


def test_validate_violation_exit_1_bilingual(cli, tmp_path, example_record):
    example_record["people"][0]["name"] = "H. Kharuddin Syah, S.E."
    del example_record["publisher"]
    path = _write(tmp_path, "bad.json", json.dumps(example_record))
    result = cli("validate", path)
    assert result.exit_code == 1
    assert "PELANGGARAN" in result.stdout and "gelar" in result.stdout
    result = cli("--lang", "en", "validate", path)
    assert "VIOLATION" in result.stdout and "titles or degrees" in result.stdout
    assert "schema:publisher" in result.stdout


def test_validate_rdf_file_with_violation(cli, tmp_path):
    ttl = EXAMPLE_TTL.read_text().replace('schema:name "Sugeng"', 'schema:name "Drs. Sugeng"')
    path = _write(tmp_path, "bad.ttl", ttl)
    result = cli("--lang", "en", "validate", "--format", "json", path)
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert report["files"][0]["results"][0]["value"] == "Drs. Sugeng"


BIG = 51 * 1024 * 1024


BAD_INPUTS = [
    ("notjson.json", '{"kind": "article",\n  "headline": }', "2:15: not valid JSON"),
    ("list.json", "[1, 2]", "a record is a JSON object"),
    ("schema.json", {"kind": "article", "headline": "x"}, "required field 'date_published'"),
    ("date.json", {"kind": "article", "headline": "x", "date_published": "2019-02-30"},
     "/date_published: '2019-02-30' is not a real calendar date"),
    ("iri.json", {"kind": "article", "headline": "x", "date_published": "2019-02-03",
                  "source_url": "http://ex ample.go.id/<x>"}, "/source_url"),
    ("key.json", {"kind": "article", "id": "bad key<>", "headline": "x",
                  "date_published": "2019-02-03"}, "/id"),
    ("region.json", {"kind": "article", "headline": "x", "date_published": "2019-02-03",
                     "dateline_region": "1223"}, "/dateline_region"),
    ("latin1.json", '{"kind": "article", "headline": "Caf\xe9"}'.encode("latin-1"),
     "1:37: not UTF-8 (byte 0xe9)"),
    ("empty.json", "", "file is empty"),
    ("blank.jsonl", "\n  \n", "file is empty"),
    ("lines.jsonl", '{"kind": "article", "headline": "a", "date_published": "2019-01-01"}\n'
                    '{"kind": "article"\n', "lines.jsonl:2:"),
    ("record.xml", "<x/>", "unknown input type '.xml'"),
    ("bad.ttl", "@prefix x: <http://x/> .\nx:a x:b .\n", "bad.ttl:2:"),
    ("remote.jsonld", '{"@context": "http://example.org/ctx.jsonld", "@id": "http://x/a"}',
     "remote context"),
    ("entity.rdf", '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
                   '<r>&e;</r>', "DOCTYPE"),
]
RDF_SUFFIXES = (".ttl", ".jsonld", ".rdf")


@pytest.mark.parametrize("command,name,content,needle", [
    (command, *case) for case in BAD_INPUTS for command in ("convert", "validate")
    if command == "validate" or not case[0].endswith(RDF_SUFFIXES)  # convert takes no RDF
])
def test_bad_input_exit_2_with_one_clear_line(cli, tmp_path, name, content, needle, command):
    if isinstance(content, dict):
        content = json.dumps(content)
    path = _write(tmp_path, name, content)
    result = cli("--lang", "en", command, path)
    assert result.exit_code == 2, result.output
    lines = [ln for ln in result.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1, lines
    assert needle in lines[0], lines[0]
    assert "Traceback" not in result.output


def test_bad_input_messages_in_indonesian(cli, tmp_path):
    path = _write(tmp_path, "date.json", json.dumps(
        {"kind": "article", "headline": "x", "date_published": "2019-02-30"}))
    result = cli("validate", path)
    assert result.exit_code == 2
    assert "bukan tanggal atau waktu yang ada di kalender" in result.stderr


def test_oversized_file_refused_before_reading(cli, tmp_path):
    path = tmp_path / "big.jsonl"
    with path.open("wb") as f:
        f.truncate(BIG)  # sparse: 51 MB without writing them
    result = cli("--lang", "en", "convert", path)
    assert result.exit_code == 2
    assert "over the limit of 52 MB" in result.stderr or "max_input_bytes" in result.stderr


def test_invalid_base_iri_is_a_config_error(cli):
    result = cli("--lang", "en", "convert", "--base", "not an iri", EXAMPLE_JSON)
    assert result.exit_code == 2
    assert "base_iri 'not an iri' is not a usable base IRI" in result.stderr


def test_unknown_codes_refused(cli, tmp_path, example_record):
    example_record["event"]["event_type"] = "pesta"
    path = _write(tmp_path, "code.json", json.dumps(example_record))
    result = cli("--lang", "en", "validate", path)
    assert result.exit_code == 2
    assert "/event/event_type: 'pesta' is not a code of the event-type scheme" in result.stderr


@pytest.mark.parametrize("args", [[], ["convert"], ["validate"]])
def test_help_everywhere(runner, args):
    from infopublik_ld.cli import main

    result = runner.invoke(main, [*args, "--help"])
    assert result.exit_code == 0 and "Pemakaian:" in result.output  # Indonesian by default
    result = runner.invoke(main, ["--lang", "en", *args, "--help"])
    assert result.exit_code == 0 and "Usage:" in result.output
