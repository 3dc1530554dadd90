"""What a server process remembers per version (the change log, the catalogue's statistics)
is kept for the newest version only: memory does not grow with the versions served."""

from __future__ import annotations

from infopublik_ld import catalog, changes
from infopublik_ld.publishing import publish
from infopublik_ld.store import current_version, open_version

from .sites import build_site, write_generated


def test_per_version_caches_keep_the_newest_version_only(tmp_path):
    settings = build_site(tmp_path, 2)
    mine = str(settings.data_dir)
    for n in range(4):
        if n:
            got = publish(settings, [write_generated(tmp_path / f"more-{n}.jsonl", 1,
                                                     start=50 + n)])
            assert not got.failed
        info = current_version(settings)
        with open_version(settings, info.number) as view:
            log = changes.load(settings, view, info)
            stats = catalog.statistics(settings, view, info.number)
        assert sorted(log.times) == list(range(1, info.number + 1))
        assert stats["triples"] > 0
        assert [k[1] for k in changes._logs if k[0] == mine] == [info.number]
        assert [k[1] for k in catalog._stats if k[0] == mine] == [info.number]
