"""The seed example: record → RDF equals the hand-checked Turtle; independent parsers agree."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess

import pytest
from rdflib import Graph
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from infopublik_ld.pipeline import prepare
from infopublik_ld.records.schema import check_record

from .conftest import BASE, EXAMPLE_JSON, EXAMPLE_TTL, EXAMPLE_TXT, ROOT

GENERATED_AT = dt.datetime(2026, 11, 28, tzinfo=dt.UTC)
#: the publishing agency of the example's instance (setting ``agency_name``)
AGENCY = "Dinas Komunikasi dan Informatika Kabupaten Labuhanbatu Utara"


def _mapped() -> Graph:
    raw = EXAMPLE_JSON.read_bytes()
    import json

    prepared = prepare(check_record(json.loads(raw)), source=raw, base=BASE,
                       generated_at=GENERATED_AT, agency=AGENCY)
    assert prepared.report.conforms, prepared.report.to_json()
    return prepared.release.graph


def test_example_text_is_the_seed_release_verbatim():
    seed = ROOT.parent / "shared" / "examples" / "labura-bakohumas-2019.txt"
    if not seed.exists():
        pytest.skip("../shared is not beside this checkout")
    assert EXAMPLE_TXT.read_bytes() == seed.read_bytes()


def test_mapping_matches_expected_turtle():
    expected = Graph().parse(EXAMPLE_TTL, format="turtle")
    got = _mapped()
    if not isomorphic(expected, got):
        _, only_expected, only_got = graph_diff(to_isomorphic(expected), to_isomorphic(got))
        pytest.fail("mapping differs from examples/labura-bakohumas-2019.ttl\n"
                    f"missing: {sorted(only_expected)[:5]}\nextra: {sorted(only_got)[:5]}")


def test_mapping_is_deterministic():
    assert isomorphic(_mapped(), _mapped())
    # and same IRIs, not just same shape
    assert set(_mapped()) == set(_mapped())


@pytest.mark.parametrize("tool,args", [
    ("rapper", ["-i", "turtle", "-c"]),
    ("serdi", ["-i", "turtle", "-o", "ntriples"]),
])
def test_independent_parsers_accept_the_turtle(tool, args):
    if shutil.which(tool) is None:
        pytest.skip(f"{tool} not installed (Debian raptor2-utils / serdi; .ci/run installs it)")
    proc = subprocess.run([tool, *args, str(EXAMPLE_TTL)], capture_output=True, text=True,
                          timeout=60)
    assert proc.returncode == 0, proc.stderr
    if tool == "serdi":
        assert len([ln for ln in proc.stdout.splitlines() if ln.strip()]) == \
            len(Graph().parse(EXAMPLE_TTL))
    else:
        assert f"returned {len(Graph().parse(EXAMPLE_TTL))} triples" in proc.stderr


def test_example_covers_the_contract():
    """The seed example exercises each part of the vocabulary contract."""
    from infopublik_ld.vocab import GPR, ORG, PROV, SCHEMA

    g = Graph().parse(EXAMPLE_TTL)
    for cls in (SCHEMA.NewsArticle, SCHEMA.Event, SCHEMA.Person, SCHEMA.Quotation,
                GPR.Representation, SCHEMA.Legislation, SCHEMA.AdministrativeArea, ORG.Post,
                SCHEMA.GovernmentOrganization, PROV.Activity):
        assert any(g.subjects(None, cls)), cls
    names = {str(o) for o in g.objects(None, SCHEMA.name)}
    assert {"Kharuddin Syah", "Abdul Haris Rangkuti", "Sugeng"} <= names
    suffixes = {str(o) for o in g.objects(None, SCHEMA.honorificSuffix)}
    assert {"S.E.", "M.AP", "S.T."} <= suffixes
