"""Embedded store: readers work on published checkpoints; old ones go when nobody holds them."""

from __future__ import annotations

from infopublik_ld import publishing
from infopublik_ld.store import current_version, open_version, versions_dir
from infopublik_ld.store.oxigraph import KEEP_CHECKPOINTS

from .conftest_store import make_data_dir
from .test_store import variants, write_records


def test_reader_keeps_its_version_while_the_writer_goes_on(tmp_path):
    settings = make_data_dir(tmp_path / "data")
    src = write_records(tmp_path / "a.jsonl", variants(1))
    publishing.publish(settings, [src])
    old = open_version(settings)
    assert old.number == 1
    for n in range(2, 7):  # five more versions; version 1 is held, so it stays
        publishing.publish(settings, [write_records(tmp_path / f"{n}.jsonl",
                                                    variants(n)[n - 1:])])
    assert current_version(settings).number == 6
    assert len(old.releases()) == 1  # still version 1's view
    kept = sorted(int(p.name) for p in versions_dir(settings).iterdir() if p.name.isdigit())
    assert kept[0] == 1 and len(kept) == KEEP_CHECKPOINTS + 1
    old.close()
    publishing.publish(settings, [write_records(tmp_path / "7.jsonl", variants(7)[6:])])
    kept = sorted(int(p.name) for p in versions_dir(settings).iterdir() if p.name.isdigit())
    assert kept == [5, 6, 7]
    with open_version(settings) as view:
        assert view.number == 7 and len(view.releases()) == 7
