"""A record rebuilt from a published release graph, for correcting a release whose input
record was not kept (published before records were kept, or published from RDF).

The reverse of :mod:`infopublik_ld.rdf.mapping` for the fields an officer corrects most:
kind, key, language, source URL, headline, body, dates, dateline, people (name, titles,
degrees, job title), organisations (name), quotes (text, speaker) and the event's name,
dates and description. What the graph holds beyond that (regulations, representations,
credits, places) is not rebuilt; :func:`rebuild` says so, so the officer checks the form
before republishing.
"""

from __future__ import annotations

import re
from collections import defaultdict

from ..vocab import GPR, RDF, SCHEMA

_S = str(SCHEMA)
_ORG_TYPES = {f"{_S}GovernmentOrganization": "government", f"{_S}NewsMediaOrganization": "media",
              f"{_S}Corporation": "company", f"{_S}Organization": None}


def _local(name: str, taken: set[str]) -> str:
    """A record-local key made from ``name`` (unique within ``taken``)."""
    base = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:100] or "x"
    base = base if base[0].isalnum() else f"x{base}"
    key, n = base, 2
    while key in taken:
        key, n = f"{base}-{n}", n + 1
    taken.add(key)
    return key


def rebuild(key: str, graph: str, triples: list[tuple[str, str, str]]) -> dict:
    """The record of release ``key`` as far as its published ``triples`` (lexical
    subject/predicate/object strings of graph ``graph``) tell it.

    Raises :class:`ValueError` when the graph does not describe a resource.
    """
    props: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for s, p, o in triples:
        if o not in props[s][p]:
            props[s][p].append(o)

    def one(s: str, p) -> str | None:
        values = props.get(s, {}).get(str(p))
        return values[0] if values else None

    described = one(graph, GPR.describes)
    if described is None:
        raise ValueError(f"graph {graph} describes no resource")
    main = props[described]
    types = main.get(str(RDF.type), [])
    taken: set[str] = set()
    record: dict = {"kind": "event" if f"{_S}Event" in types and f"{_S}NewsArticle" not in types
                    else "article", "id": key}
    if one(described, SCHEMA.inLanguage):
        record["language"] = one(described, SCHEMA.inLanguage)
    if one(described, SCHEMA.url):
        record["source_url"] = one(described, SCHEMA.url)
    people: dict[str, str] = {}
    out_people = []
    for s, ps in props.items():
        if f"{_S}Person" not in ps.get(str(RDF.type), []) or not ps.get(f"{_S}name"):
            continue
        name = ps[f"{_S}name"][0]
        person: dict = {"id": _local(name, taken), "name": name}
        if ps.get(f"{_S}honorificPrefix"):
            person["honorific_prefixes"] = list(ps[f"{_S}honorificPrefix"])
        if ps.get(f"{_S}honorificSuffix"):
            person["honorific_suffixes"] = list(ps[f"{_S}honorificSuffix"])
        if ps.get(f"{_S}jobTitle"):
            person["job_title"] = ps[f"{_S}jobTitle"][0]
        people[s] = person["id"]
        out_people.append(person)
    orgs = []
    org_ids: dict[str, str] = {}
    for s, ps in props.items():
        kinds = [t for t in ps.get(str(RDF.type), []) if t in _ORG_TYPES]
        if not kinds or not ps.get(f"{_S}name") or s == described:
            continue
        org: dict = {"id": _local(ps[f"{_S}name"][0], taken), "name": ps[f"{_S}name"][0]}
        org_ids[s] = org["id"]
        kind = next((_ORG_TYPES[t] for t in kinds if _ORG_TYPES[t]), None)
        if kind:
            org["kind"] = kind
        orgs.append(org)
    for s, person_id in people.items():  # the organisation each person works for
        employer = one(s, SCHEMA.worksFor)
        if employer in org_ids:
            next(p for p in out_people if p["id"] == person_id)["organization"] = \
                org_ids[employer]
    if one(described, SCHEMA.publisher) in org_ids:
        record["publisher"] = org_ids[one(described, SCHEMA.publisher)]
    if out_people:
        record["people"] = sorted(out_people, key=lambda p: p["id"])
    if orgs:
        record["organizations"] = sorted(orgs, key=lambda o: o["id"])
    if record["kind"] == "article":
        for field, prop in (("headline", SCHEMA.headline), ("body", SCHEMA.articleBody),
                            ("dateline", SCHEMA.dateline)):
            if one(described, prop):
                record[field] = one(described, prop)
        if one(described, SCHEMA.datePublished):
            record["date_published"] = one(described, SCHEMA.datePublished)[:10]
        quotes = []
        for ps in props.values():
            if f"{_S}Quotation" in ps.get(str(RDF.type), []) and ps.get(f"{_S}text"):
                q = {"text": ps[f"{_S}text"][0]}
                speaker = ps.get(f"{_S}creator", [None])[0]
                if speaker in people:
                    q["speaker"] = people[speaker]
                quotes.append(q)
        if quotes:
            record["quotes"] = sorted(quotes, key=lambda q: q["text"])
        about = one(described, SCHEMA.about)
        if about and one(about, SCHEMA.startDate):
            event = {"start_date": one(about, SCHEMA.startDate)}
            if one(about, SCHEMA.name):
                event["name"] = one(about, SCHEMA.name)
            if one(about, SCHEMA.endDate):
                event["end_date"] = one(about, SCHEMA.endDate)
            record["event"] = event
    else:
        for field, prop in (("name", SCHEMA.name), ("start_date", SCHEMA.startDate),
                            ("end_date", SCHEMA.endDate), ("description", SCHEMA.description)):
            if one(described, prop):
                record[field] = one(described, prop)
    return record
