"""The SPARQL query page: an editor with the example queries, results as a table, downloads.

``/sparql`` (the protocol endpoint) calls :func:`query_page` for a browser's GET without a
query. The page works offline (its script is ``static/query.js``, no CDN): it POSTs the query
to ``/sparql`` with ``Accept: application/sparql-results+json``, draws the rows as a table and
shows an error's message as it came, in the page's language.
"""

from __future__ import annotations

from flask import Response, render_template, request

from .cannedqueries import load_examples

#: download links under the editor: (format= value, label) for SELECT/ASK and for graphs
RESULT_DOWNLOADS = (("json", "JSON"), ("xml", "XML"), ("csv", "CSV"), ("tsv", "TSV"))
GRAPH_DOWNLOADS = (("turtle", "Turtle"), ("ntriples", "N-Triples"), ("jsonld", "JSON-LD"),
                   ("rdfxml", "RDF/XML"))


def query_page() -> Response:
    """The HTML query page (Indonesian unless ``?lang=en`` or the browser prefers English).

    The editor starts with the first example of ``queries/examples/``.
    """
    examples = load_examples()
    initial = examples[0].sparql if examples else "SELECT * WHERE { ?s ?p ?o } LIMIT 10\n"
    html = render_template(
        "query.html", examples=examples, initial=initial,
        endpoint=f"{request.script_root}/sparql", result_downloads=RESULT_DOWNLOADS,
        graph_downloads=GRAPH_DOWNLOADS,
        examples_json=[{"name": e.name, "sparql": e.sparql} for e in examples])
    resp = Response(html, mimetype="text/html")
    resp.vary.add("Accept-Language")
    resp.vary.add("Accept")
    return resp
