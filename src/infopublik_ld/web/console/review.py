"""What the review form shows beside the fields: notes (warnings, problems) and the source
words each field came from.

Notes come from three places and are all addressed by JSON Pointer:

- the extractor's warnings (``extract --format json``: ``warnings[].field``); one stops
  counting once the officer changes the field it is about (the value it warned about is kept
  with the draft), or once it is accepted;
- the JSON Schema problems of the record (block publishing);
- the SHACL report of the record's RDF: violations block, warnings may be accepted.

Source highlighting reads the extractor's ``provenance`` list (``{field, start, end, rule,
confidence}``, offsets into its ``text``); a draft without one highlights nothing.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from markupsafe import Markup, escape

from ...vocab import RDF, SCHEMA
from .form import value_at


@dataclass
class Note:
    """One message beside one field."""

    id: str
    field: str
    level: str  # violation | warning
    origin: str  # extract | schema | shacl
    message_id: str
    message_en: str
    accepted: bool = False

    def message(self, lang: str) -> str:
        """The message in ``lang``."""
        return self.message_en if lang == "en" else self.message_id

    @property
    def blocks(self) -> bool:
        """True when this note stops publishing (a violation, or a warning not accepted)."""
        return self.level == "violation" or not self.accepted


def _id(*parts: str) -> str:
    return hashlib.sha1("\0".join(parts).encode("utf-8")).hexdigest()[:12]


def extraction_notes(extraction: dict, record: dict, accepted: set[str]) -> list[Note]:
    """The extractor's warnings that still hold for ``record`` (unchanged fields)."""
    out = []
    for w in extraction.get("warnings", []):
        if value_at(record, w["field"]) != w.get("value"):
            continue  # the officer changed the field: the warning was about the old value
        nid = _id("extract", w["field"], w["code"], w["message_en"])
        out.append(Note(nid, w["field"], "warning", "extract", w["message_id"], w["message_en"],
                        nid in accepted))
    return out


_REQUIRED = re.compile(r"^required field '([^']+)' is missing")


def schema_notes(problems: list[tuple[str, str, str]]) -> list[Note]:
    """JSON Schema problems as notes (violations); a missing required field's note goes to
    that field, not to its parent."""
    out = []
    for w, en, id_ in problems:
        field = "" if w == "/" else w
        missing = _REQUIRED.match(en)
        if missing:
            field = f"{field}/{missing.group(1)}"
        out.append(Note(_id("schema", w, en), field, "violation", "schema", id_, en))
    return out


_PROPS = {str(SCHEMA.headline): "headline", str(SCHEMA.datePublished): "date_published",
          str(SCHEMA.dateline): "dateline", str(SCHEMA.articleBody): "body",
          str(SCHEMA.name): "name", str(SCHEMA.startDate): "start_date",
          str(SCHEMA.endDate): "end_date", str(SCHEMA.text): "text",
          str(SCHEMA.jobTitle): "job_title", str(SCHEMA.description): "description"}


def _node_pointers(triples: list[tuple], record: dict, subject: str) -> dict[str, str]:
    """Where each resource of the release's RDF comes from in the record (IRI → pointer)."""
    types: dict[str, set[str]] = {}
    names: dict[str, str] = {}
    for s, p, o in triples:
        if p == RDF.type:
            types.setdefault(str(s), set()).add(str(o))
        elif p in (SCHEMA.name, SCHEMA.text):
            names.setdefault(str(s), str(o))
    out = {subject: ""}
    people = {p.get("name"): i for i, p in enumerate(record.get("people", []))}
    quotes = {q.get("text"): i for i, q in enumerate(record.get("quotes", []))}
    for node, kinds in types.items():
        if str(SCHEMA.Person) in kinds and names.get(node) in people:
            out[node] = f"/people/{people[names[node]]}"
        elif str(SCHEMA.Quotation) in kinds and names.get(node) in quotes:
            out[node] = f"/quotes/{quotes[names[node]]}"
        elif str(SCHEMA.Event) in kinds and node != subject and "event" in record:
            out[node] = "/event"
    return out


def shacl_notes(report, triples: list[tuple], record: dict, subject: str,
                accepted: set[str]) -> list[Note]:
    """SHACL results placed at the field they concern (the record's top when unknown)."""
    where = _node_pointers(triples, record, subject)
    out = []
    for r in report.results:
        base = where.get(r.focus, "")
        prop = _PROPS.get(r.path or "")
        field = f"{base}/{prop}" if prop else base
        nid = _id("shacl", r.focus, r.path or "", r.message_en)
        level = "violation" if r.severity == "violation" else "warning"
        out.append(Note(nid, field, level, "shacl", r.message_id, r.message_en,
                        nid in accepted))
    return out


# --------------------------------------------------------------------------- the source
def spans(extraction: dict, text: str) -> list[dict]:
    """The extractor's provenance spans to highlight (``{field, start, end, rule,
    confidence}``), those that fit inside ``text``; none for a draft without provenance (a
    record written by hand or sent through the write API)."""
    given = extraction.get("provenance") or []
    return [s for s in given if 0 <= s.get("start", -1) < s.get("end", -1) <= len(text)]


def highlighted(text: str, found: list[dict], notes: list[Note]) -> Markup:
    """``text`` escaped, each span wrapped in ``<mark data-field=…>`` (warned ones marked)."""
    warned = {n.field for n in notes}
    # a warning about a list item's key (a quote's speaker) marks that item's words too
    items = {f.rsplit("/", 1)[0] for f in warned if re.search(r"/\d+/[^/]+$", f)}
    out, at = [], 0
    for s in sorted(found, key=lambda s: (s["start"], -s["end"])):
        if s["start"] < at:
            continue  # overlapping spans: the first one wins
        out.append(escape(text[at:s["start"]]))
        cls = "warned" if s["field"] in warned or s["field"].rsplit("/", 1)[0] in items else ""
        if s.get("confidence") in ("certain", "likely", "guess"):
            cls = f"{cls} c-{s['confidence']}".strip()
        out.append(Markup('<mark data-field="{}" class="{}" title="{}">{}</mark>').format(
            s["field"], cls, s["field"], text[s["start"]:s["end"]]))
        at = s["end"]
    out.append(escape(text[at:]))
    return Markup("").join(out)
