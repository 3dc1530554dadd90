"""Precomputed counts of releases per month, agency, region, event kind, regulation, quoted
person and organisation mentioned — kept in step with publishing.

- :mod:`.facets`: what one release counts towards (its *facets*), computed from its triples
  in the publishing workers and kept in the registry beside the release (``sys:facets``), so
  a replacement or a retraction knows exactly what to take away and a crash can never
  separate a release from its facets;
- :mod:`.counts`: the totals, adjusted as releases are added, replaced and retracted,
  written at the end of each version as an RDF Data Cube graph (``{base}graph/statistics``)
  in the release store, so they are checkpointed, queried, dumped and versioned with the
  data; rebuilt from the registry after a crash and from the data by ``reindex``.

The web layer reads them through :mod:`infopublik_ld.web.stats`.
"""

from __future__ import annotations

#: Keep counts while publishing. An internal switch for benchmarks/bench_stats.py only
#: (measuring what keeping them costs); not a setting.
ENABLED = True

#: the counted dimensions, in the order pages and the API list them
DIMENSIONS = ("month", "agency", "region", "event-kind", "regulation", "person",
              "organisation")
