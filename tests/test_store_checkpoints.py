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


def test_release_checkpoint_holds_release_graphs_only(tmp_path):
    settings = make_data_dir(tmp_path / "data")
    publishing.publish(settings, [write_records(tmp_path / "a.jsonl", variants(3))])
    with open_version(settings) as view:
        graphs = {g.value for g in view.native().named_graphs()}
        # the statistics graph is public data beside the releases (docs/statistics.md)
        assert graphs == set(view.releases()) | {f"{settings.base_iri}graph/statistics"}
        assert len(view.versions()) == 1 and view.versions()[0].added


def test_store_from_before_the_data_meta_split_is_moved_on_open(tmp_path):
    """One RocksDB directory holding release and bookkeeping graphs (the old layout)."""
    import shutil

    import pyoxigraph as ox

    from infopublik_ld.store import open_store

    settings = make_data_dir(tmp_path / "data")
    publishing.publish(settings, [write_records(tmp_path / "a.jsonl", variants(3))])
    with open_store(settings) as store:
        before, versions = store.releases(), store.versions()
    root = settings.store_dir
    old = ox.Store(str(tmp_path / "old"))
    for part in ("data", "meta"):
        old.bulk_extend(ox.Store.read_only(str(root / part)))
    old.flush()
    del old
    shutil.rmtree(root)
    shutil.move(tmp_path / "old", root)

    with open_store(settings) as store:
        assert store.releases() == before and store.versions() == versions
        graphs = {g.value for g in store.native().named_graphs()}
        assert graphs == set(before) | {f"{settings.base_iri}graph/statistics"}
    publishing.publish(settings, [write_records(tmp_path / "b.jsonl", variants(4))])
    with open_version(settings) as view:
        assert len(view.releases()) == 4
        assert {g.value for g in view.native().named_graphs()} == \
            set(view.releases()) | {f"{settings.base_iri}graph/statistics"}


def test_publish_leaves_old_checkpoints_to_the_background_dump_writer(tmp_path):
    """The CLI's publish does not spend the officer's time unlinking old checkpoints: the
    dump writer it starts in the background removes them (readers' versions stay)."""
    import subprocess
    import sys
    import time

    from infopublik_ld.store import tidy_checkpoints

    settings = make_data_dir(tmp_path / "data")

    def kept() -> list[int]:
        return sorted(int(p.name) for p in versions_dir(settings).iterdir()
                      if p.name.isdigit())

    for n in range(1, 6):
        publishing.publish(settings, [write_records(tmp_path / f"{n}.jsonl",
                                                    variants(n)[n - 1:])],
                           tidy_checkpoints=False)
    assert kept() == [1, 2, 3, 4, 5]
    held = open_version(settings, 2)
    assert tidy_checkpoints(settings) == [1]  # 2 is read by someone
    assert kept() == [2, 3, 4, 5]
    held.close()
    # the command as an officer runs it: returns with the old checkpoints there, the
    # background writer it started removes them
    src = write_records(tmp_path / "6.jsonl", variants(6)[5:])
    subprocess.run([sys.executable, "-m", "infopublik_ld.cli", "--data",
                    str(settings.data_dir), "publish", str(src)], check=True,
                   capture_output=True)
    deadline = time.monotonic() + 120
    while kept() != [4, 5, 6] and time.monotonic() < deadline:
        time.sleep(0.1)
    assert kept() == [4, 5, 6]
    with open_version(settings) as view:
        assert view.number == 6 and len(view.releases()) == 6
