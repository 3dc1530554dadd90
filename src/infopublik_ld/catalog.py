"""The DCAT catalogue (DCAT-AP 3.0.1) and the VoID description of this instance.

All IRIs are absolute under the configured base IRI: a catalogue is read by other machines.
The catalogue lists the dataset, one distribution per dump file (download URL, media type,
compression, byte size, SHA-256, modified, licence), the SPARQL endpoint, the API and the change
feed as data services, the publisher and contact point from the settings, the applicable
legislation (UU 14/2008) and the shapes the data conforms to.
"""

from __future__ import annotations

import threading

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import FOAF

from . import __version__
from .config import Settings
from .dumps import Manifest
from .rdf.provenance import agency_iri
from .stats.counts import STATISTICS_FILE
from .store import GraphStore, VersionInfo, dataset_iri, graph_iris
from .vocab import (
    DCAT,
    DCTERMS,
    GPR,
    PROV,
    RDF,
    RDFS,
    REGION,
    REGULATION,
    SCHEMA,
    SKOS,
    VOID,
    XSD,
    bind_prefixes,
)

SPDX = Namespace("http://spdx.org/rdf/terms#")
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
DCATAP = Namespace("http://data.europa.eu/r5r/")
IANA = "http://www.iana.org/assignments/media-types/"
EU_FILE_TYPE = "http://publications.europa.eu/resource/authority/file-type/"
EU_THEME = URIRef("http://publications.europa.eu/resource/authority/data-theme/GOVE")
EU_LANG = URIRef("http://publications.europa.eu/resource/authority/language/IND")
UU_KIP = URIRef(REGULATION + "uu/2008/14")
SHAPES = URIRef("https://w3id.org/infopublik/shapes")
LDES_SPEC = URIRef("https://w3id.org/ldes/specification")
SPARQL_PROTOCOL = URIRef("https://www.w3.org/TR/sparql11-protocol/")
QB_SPEC = URIRef("http://www.w3.org/TR/vocab-data-cube/")
FILE_TYPES = {"application/n-quads": "NQUADS", "text/turtle": "RDF_TURTLE"}


def _t(g: Graph, s, p, id_text: str, en_text: str) -> None:
    g.add((s, p, Literal(id_text, lang="id")))
    g.add((s, p, Literal(en_text, lang="en")))


def _dt(value: str) -> Literal:
    return Literal(value.replace("Z", "+00:00"), datatype=XSD.dateTime)


def iris(settings: Settings) -> dict[str, URIRef]:
    """The IRIs the catalogue and VoID use."""
    b = settings.base_iri
    return {"catalog": URIRef(b + "catalog"), "dataset": URIRef(dataset_iri(b)),
            "publisher": agency_iri(b), "sparql": URIRef(b + "sparql"),
            "api": URIRef(b + "api/"), "changes": URIRef(b + "changes"),
            "void": URIRef(b + ".well-known/void"), "dumps": URIRef(b + "dumps/")}


def dump_url(settings: Settings, manifest: Manifest, name: str) -> URIRef:
    """The download URL of one dump file of the manifest's version."""
    return URIRef(f"{settings.base_iri}dumps/{manifest.version}/{name}")


def _publisher(g: Graph, settings: Settings, agent: URIRef) -> None:
    g.add((agent, RDF.type, FOAF.Agent))
    g.add((agent, RDF.type, SCHEMA.GovernmentOrganization))
    g.add((agent, FOAF.name, Literal(settings.agency_name)))
    kind = URIRef("http://purl.org/adms/publishertype/LocalAuthority")
    g.add((agent, DCTERMS.type, kind))
    g.add((kind, RDF.type, SKOS.Concept))
    _t(g, kind, SKOS.prefLabel, "Pemerintah daerah", "Local authority")
    if settings.agency_url:
        g.add((agent, FOAF.homepage, URIRef(settings.agency_url)))
    if settings.agency_region:
        g.add((agent, SCHEMA.areaServed, REGION[settings.agency_region]))


def _contact(g: Graph, settings: Settings) -> BNode:
    point = BNode("contact")
    g.add((point, RDF.type, VCARD.Organization))
    g.add((point, RDF.type, VCARD.Kind))
    g.add((point, VCARD.fn, Literal(f"PPID {settings.agency_name}")))
    if settings.agency_email:
        g.add((point, VCARD.hasEmail, URIRef("mailto:" + settings.agency_email)))
    if settings.agency_url:
        g.add((point, VCARD.hasURL, URIRef(settings.agency_url)))
    return point


def _distribution(g: Graph, settings: Settings, manifest: Manifest, f, dataset: URIRef,
                  dumps: URIRef) -> None:
    slug = f.name.removesuffix(".gz").replace(".", "-")
    d = URIRef(f"{settings.base_iri}id/distribution/{slug}")
    g.add((dataset, DCAT.distribution, d))
    g.add((d, RDF.type, DCAT.Distribution))
    label = f"tahun {f.year}" if f.year else "lengkap"
    label_en = f"year {f.year}" if f.year else "full"
    if f.name.startswith(STATISTICS_FILE + "."):
        label, label_en = "statistik", "statistics"
    kind = "N-Quads" if f.media_type == "application/n-quads" else "Turtle"
    _t(g, d, DCTERMS.title, f"Dump {kind} {label} (gzip)", f"{kind} dump, {label_en} (gzip)")
    download = dump_url(settings, manifest, f.name)
    g.add((d, DCAT.accessURL, dumps))
    g.add((d, DCAT.downloadURL, download))
    g.add((dumps, RDF.type, RDFS.Resource))
    g.add((download, RDF.type, RDFS.Resource))
    media = URIRef(IANA + f.media_type)
    g.add((d, DCAT.mediaType, media))
    g.add((media, RDF.type, DCTERMS.MediaType))
    fmt = URIRef(EU_FILE_TYPE + FILE_TYPES[f.media_type])
    g.add((d, DCTERMS["format"], fmt))
    g.add((fmt, RDF.type, DCTERMS.MediaTypeOrExtent))
    gz = URIRef(IANA + "application/gzip")
    g.add((d, DCAT.compressFormat, gz))
    g.add((gz, RDF.type, DCTERMS.MediaType))
    g.add((d, DCAT.byteSize, Literal(f.bytes, datatype=XSD.nonNegativeInteger)))
    ck = BNode(f"sum-{slug}")
    g.add((d, SPDX.checksum, ck))
    g.add((ck, RDF.type, SPDX.Checksum))
    g.add((ck, SPDX.algorithm, SPDX.checksumAlgorithm_sha256))
    g.add((SPDX.checksumAlgorithm_sha256, RDF.type, SPDX.ChecksumAlgorithm))
    g.add((ck, SPDX.checksumValue, Literal(f.sha256, datatype=XSD.hexBinary)))
    g.add((d, DCTERMS.modified, _dt(manifest.version_time)))
    g.add((d, DCTERMS.license, URIRef(settings.license)))
    g.add((d, DCTERMS.conformsTo, SHAPES))
    g.add((d, VOID.triples, Literal(f.triples, datatype=XSD.integer)))
    # the dataset version the file holds: the newest complete dumps may be a version behind
    # the data while the current version's are written; a harvester resumes from this one
    g.add((d, GPR.versionNumber, Literal(manifest.version, datatype=XSD.integer)))
    _t(g, d, DCTERMS.description, f"Versi dataset {manifest.version}",
       f"Dataset version {manifest.version}")
    if f.year and f.year.isdigit():
        period = BNode(f"year-{f.year}")
        g.add((d, DCTERMS.temporal, period))
        g.add((period, RDF.type, DCTERMS.PeriodOfTime))
        g.add((period, DCAT.startDate, Literal(f"{f.year}-01-01", datatype=XSD.date)))
        g.add((period, DCAT.endDate, Literal(f"{f.year}-12-31", datatype=XSD.date)))


def _service(g: Graph, i: dict, url: URIRef, title: tuple[str, str],
             standard: URIRef | None, license_: URIRef, description: URIRef | None = None
             ) -> None:
    s = URIRef(str(url) + "#service")
    g.add((i["catalog"], DCAT.service, s))
    g.add((s, RDF.type, DCAT.DataService))
    _t(g, s, DCTERMS.title, *title)
    g.add((s, DCAT.endpointURL, url))
    g.add((url, RDF.type, RDFS.Resource))
    if description is not None:
        g.add((s, DCAT.endpointDescription, description))
        g.add((description, RDF.type, RDFS.Resource))
    g.add((s, DCAT.servesDataset, i["dataset"]))
    g.add((s, DCTERMS.license, license_))
    if standard is not None:
        g.add((s, DCTERMS.conformsTo, standard))
        g.add((standard, RDF.type, DCTERMS.Standard))


def catalog_graph(settings: Settings, info: VersionInfo, manifest: Manifest) -> Graph:
    """The DCAT catalogue of the current version."""
    g = Graph()
    bind_prefixes(g)
    for prefix, ns in (("spdx", SPDX), ("vcard", VCARD), ("dcatap", DCATAP), ("foaf", FOAF)):
        g.bind(prefix, ns)
    i = iris(settings)
    cat, ds, agent = i["catalog"], i["dataset"], i["publisher"]
    license_ = URIRef(settings.license)
    g.add((license_, RDF.type, DCTERMS.LicenseDocument))
    g.add((cat, RDF.type, DCAT.Catalog))
    _t(g, cat, DCTERMS.title, f"Katalog data terbuka {settings.agency_name}",
       f"Open data catalogue of {settings.agency_name}")
    _t(g, cat, DCTERMS.description,
       "Siaran pers dan kegiatan pemerintah sebagai data terbuka tertaut (RDF).",
       "Government press releases and events as linked open data (RDF).")
    g.add((cat, DCTERMS.publisher, agent))
    g.add((cat, DCTERMS.license, license_))
    g.add((cat, DCTERMS.modified, _dt(info.time)))
    g.add((cat, DCTERMS.language, EU_LANG))
    g.add((EU_LANG, RDF.type, DCTERMS.LinguisticSystem))
    g.add((cat, FOAF.homepage, URIRef(settings.base_iri)))
    g.add((URIRef(settings.base_iri), RDF.type, FOAF.Document))
    g.add((cat, DCAT.dataset, ds))
    g.add((cat, DCATAP.applicableLegislation, UU_KIP))
    _publisher(g, settings, agent)
    g.add((UU_KIP, RDF.type, URIRef("http://data.europa.eu/eli/ontology#LegalResource")))
    g.add((UU_KIP, SCHEMA.legislationIdentifier, Literal("UU 14/2008")))
    _t(g, UU_KIP, DCTERMS.title, "Undang-Undang Nomor 14 Tahun 2008 tentang Keterbukaan "
       "Informasi Publik", "Law 14/2008 on Public Information Disclosure")

    g.add((ds, RDF.type, DCAT.Dataset))
    _t(g, ds, DCTERMS.title, f"Siaran pers {settings.agency_name}",
       f"Press releases of {settings.agency_name}")
    _t(g, ds, DCTERMS.description,
       f"{info.releases} siaran pers dan kegiatan, satu graf bernama per siaran dengan "
       "asal-usulnya (PROV-O); artikel, kegiatan, orang, kutipan, instansi dan peraturan.",
       f"{info.releases} press releases and events, one named graph per release with its "
       "provenance (PROV-O): articles, events, people, quotes, agencies and regulations.")
    g.add((ds, DCTERMS.publisher, agent))
    g.add((ds, DCAT.contactPoint, _contact(g, settings)))
    g.add((ds, DCTERMS.license, license_))
    g.add((ds, DCTERMS.modified, _dt(info.time)))
    g.add((ds, URIRef(str(DCAT) + "version"), Literal(str(info.number))))
    g.add((ds, DCTERMS.identifier, Literal(str(ds))))
    g.add((ds, DCTERMS.language, EU_LANG))
    g.add((ds, DCAT.theme, EU_THEME))
    g.add((EU_THEME, RDF.type, SKOS.Concept))
    _t(g, EU_THEME, SKOS.prefLabel, "Pemerintahan dan sektor publik",
       "Government and public sector")
    g.add((ds, DCATAP.applicableLegislation, UU_KIP))
    g.add((ds, DCTERMS.conformsTo, SHAPES))
    g.add((SHAPES, RDF.type, DCTERMS.Standard))
    _t(g, SHAPES, DCTERMS.title, "Bentuk SHACL infopublik-ld", "infopublik-ld SHACL shapes")
    g.add((SHAPES, URIRef("http://www.w3.org/2002/07/owl#versionInfo"), Literal(__version__)))
    for kw_id, kw_en in (("siaran pers", "press release"), ("humas", "public relations"),
                         ("kegiatan pemerintah", "government events")):
        _t(g, ds, DCAT.keyword, kw_id, kw_en)
    if settings.agency_region:
        region = REGION[settings.agency_region]
        g.add((ds, DCTERMS.spatial, region))
        g.add((region, RDF.type, DCTERMS.Location))
    for f in manifest.files:
        if f.name.startswith(STATISTICS_FILE + "."):
            _statistics_dataset(g, settings, info, manifest, f, i)
        else:
            _distribution(g, settings, manifest, f, ds, i["dumps"])
    _service(g, i, i["sparql"], ("Titik akhir SPARQL", "SPARQL endpoint"),
             SPARQL_PROTOCOL, license_, i["sparql"])
    _service(g, i, i["api"], ("API data siaran pers", "Press release data API"),
             None, license_, URIRef(str(i["api"]) + "openapi.json"))
    _service(g, i, i["changes"], ("Umpan perubahan (LDES)",
                                             "Change feed (LDES)"), LDES_SPEC, license_)
    return g


def _statistics_dataset(g: Graph, settings: Settings, info: VersionInfo, manifest: Manifest,
                        f, i: dict) -> None:
    """The statistics (an RDF Data Cube of release counts) as a dataset of their own, with
    their dump as its distribution; queryable in the graph ``{base}graph/statistics``."""
    from .stats.counts import statistics_dataset, statistics_graph

    ds = URIRef(statistics_dataset(settings.base_iri))
    g.add((i["catalog"], DCAT.dataset, ds))
    g.add((ds, RDF.type, DCAT.Dataset))
    _t(g, ds, DCTERMS.title, f"Statistik siaran pers {settings.agency_name}",
       f"Press release statistics of {settings.agency_name}")
    _t(g, ds, DCTERMS.description,
       "Jumlah siaran per bulan, instansi, wilayah, jenis kegiatan, peraturan, orang yang "
       f"dikutip dan organisasi yang disebut, sebagai RDF Data Cube (graf "
       f"<{statistics_graph(settings.base_iri)}>).",
       "Releases per month, agency, region, event kind, regulation, person quoted and "
       f"organisation mentioned, as an RDF Data Cube (graph "
       f"<{statistics_graph(settings.base_iri)}>).")
    g.add((ds, DCTERMS.publisher, i["publisher"]))
    g.add((ds, DCAT.contactPoint, _contact(g, settings)))
    g.add((ds, DCTERMS.license, URIRef(settings.license)))
    g.add((ds, DCTERMS.modified, _dt(info.time)))
    g.add((ds, URIRef(str(DCAT) + "version"), Literal(str(info.number))))
    g.add((ds, DCTERMS.identifier, Literal(str(ds))))
    g.add((ds, DCTERMS.language, EU_LANG))
    g.add((ds, DCAT.theme, EU_THEME))
    g.add((ds, PROV.wasDerivedFrom, i["dataset"]))
    g.add((ds, DCTERMS.conformsTo, QB_SPEC))
    g.add((QB_SPEC, RDF.type, DCTERMS.Standard))
    _t(g, ds, DCAT.keyword, "statistik", "statistics")
    g.add((ds, DCAT.landingPage, URIRef(settings.base_iri + "statistik")))
    g.add((URIRef(settings.base_iri + "statistik"), RDF.type, FOAF.Document))
    _distribution(g, settings, manifest, f, ds, i["dumps"])


def summary(settings: Settings, info: VersionInfo, manifest: Manifest) -> dict:
    """What the HTML catalogue page shows."""
    return {"agency": settings.agency_name, "email": settings.agency_email,
            "license": settings.license, "version": info.number, "time": info.time,
            "releases": info.releases, "triples": info.triples,
            "dump_version": manifest.version, "dump_time": manifest.version_time,
            "files": [{"url": f"/dumps/{manifest.version}/{f.name}", "name": f.name,
                       "bytes": f.bytes, "sha256": f.sha256, "year": f.year,
                       "media_type": f.media_type, "triples": f.triples}
                      for f in manifest.files]}


_stats_lock = threading.Lock()
_stats: dict[tuple[str, int], dict] = {}


def statistics(settings: Settings, view: GraphStore, number: int) -> dict:
    """Triples, entities, class and property partitions of the release graphs (cached)."""
    key = (str(settings.data_dir), number)
    with _stats_lock:
        if key in _stats:
            return _stats[key]
    from .stats.counts import statistics_graph

    system = " ".join(f"<{g}>" for g in [*graph_iris(settings.base_iri).values(),
                                          statistics_graph(settings.base_iri)])
    flt = f"FILTER(?g NOT IN ({system.replace(' ', ', ')}))"
    classes = view.select(f"SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE {{ GRAPH ?g {{ ?s a ?c }}"
                          f" {flt} }} GROUP BY ?c ORDER BY DESC(?n)")
    props = view.select(f"SELECT ?p (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {flt} }}"
                        f" GROUP BY ?p ORDER BY DESC(?n)")
    entities = view.select(f"SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{ GRAPH ?g {{ ?s a ?c }}"
                           f" {flt} }}")
    examples = view.select(f"SELECT ?s WHERE {{ GRAPH ?g {{ ?s a <{SCHEMA.NewsArticle}> }} }}"
                           f" LIMIT 3")
    out = {"classes": [(r["c"], int(r["n"])) for r in classes],
           "properties": [(r["p"], int(r["n"])) for r in props],
           "triples": sum(int(r["n"]) for r in props),
           "entities": int(entities[0]["n"]) if entities else 0,
           "examples": [r["s"] for r in examples]}
    with _stats_lock:
        for old in [k for k in _stats if k[0] == key[0] and k[1] < number]:
            del _stats[old]  # the newest version's only: not one entry per version served
        _stats[key] = out
    return out


VOCABULARIES = ("http://schema.org/", "http://www.w3.org/ns/org#", "http://www.w3.org/ns/prov#",
                "http://data.europa.eu/eli/ontology#", "http://www.w3.org/2004/02/skos/core#",
                "http://purl.org/dc/terms/", "https://w3id.org/infopublik/gpr#")


def void_graph(settings: Settings, info: VersionInfo, view: GraphStore,
               manifest: Manifest) -> Graph:
    """The VoID description of the dataset (statistics of the current version)."""
    g = Graph()
    bind_prefixes(g)
    g.bind("foaf", FOAF)
    i = iris(settings)
    ds = i["dataset"]
    stats = statistics(settings, view, info.number)
    g.add((i["void"], RDF.type, VOID.DatasetDescription))
    g.add((i["void"], FOAF.primaryTopic, ds))
    g.add((ds, RDF.type, VOID.Dataset))
    _t(g, ds, DCTERMS.title, f"Siaran pers {settings.agency_name}",
       f"Press releases of {settings.agency_name}")
    g.add((ds, DCTERMS.license, URIRef(settings.license)))
    g.add((ds, DCTERMS.modified, _dt(info.time)))
    g.add((ds, VOID.triples, Literal(stats["triples"], datatype=XSD.integer)))
    g.add((ds, VOID.entities, Literal(stats["entities"], datatype=XSD.integer)))
    g.add((ds, VOID.classes, Literal(len(stats["classes"]), datatype=XSD.integer)))
    g.add((ds, VOID.properties, Literal(len(stats["properties"]), datatype=XSD.integer)))
    g.add((ds, VOID.uriSpace, Literal(settings.base_iri + "id/")))
    g.add((ds, VOID.sparqlEndpoint, i["sparql"]))
    g.add((ds, VOID.rootResource, i["catalog"]))
    for vocab in VOCABULARIES:
        g.add((ds, VOID.vocabulary, URIRef(vocab)))
    for f in manifest.files:
        if f.year is None and not f.name.startswith(STATISTICS_FILE + "."):
            g.add((ds, VOID.dataDump, dump_url(settings, manifest, f.name)))
    for ex in stats["examples"]:
        g.add((ds, VOID.exampleResource, URIRef(ex)))
    for n, (cls, count) in enumerate(stats["classes"]):
        part = URIRef(f"{ds}#class-{n}")
        g.add((ds, VOID.classPartition, part))
        g.add((part, VOID["class"], URIRef(cls)))
        g.add((part, VOID.entities, Literal(count, datatype=XSD.integer)))
    for n, (prop, count) in enumerate(stats["properties"]):
        part = URIRef(f"{ds}#property-{n}")
        g.add((ds, VOID.propertyPartition, part))
        g.add((part, VOID.property, URIRef(prop)))
        g.add((part, VOID.triples, Literal(count, datatype=XSD.integer)))
    return g
