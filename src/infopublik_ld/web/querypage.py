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


def query_page(query: str | None = None, *, error: dict | None = None,
               answer: dict | None = None, status: int = 200) -> Response:
    """The HTML query page (Indonesian unless ``?lang=en`` or the browser prefers English).

    The editor starts with ``query``, else the first example of ``queries/examples/``;
    ``error`` (status, message, where) and ``answer`` (vars and rows, or text) are shown as
    the script would show them.
    """
    examples = load_examples()
    initial = query if query is not None else \
        examples[0].sparql if examples else "SELECT * WHERE { ?s ?p ?o } LIMIT 10\n"
    html = render_template(
        "query.html", examples=examples, initial=initial, error=error, answer=answer,
        endpoint=f"{request.script_root}/sparql", result_downloads=RESULT_DOWNLOADS,
        graph_downloads=GRAPH_DOWNLOADS,
        examples_json=[{"name": e.name, "sparql": e.sparql} for e in examples])
    resp = Response(html, status=status, mimetype="text/html")
    resp.vary.add("Accept-Language")
    resp.vary.add("Accept")
    return resp


def browser_query(query: str) -> Response:
    """``/sparql?query=…`` asked by a browser (a shared link, the form without its script):
    the query page with the query in the editor and its answer, or its error (syntax error
    with plain-words hints, refused clause) in the page's language, with the error's status.
    """
    import json

    from flask import current_app

    from ..errors import InfopublikError
    from .errors import page_lang
    from .executor import Job, current_number, executor_for
    from .sparql import PREFIXES, _dataset, state

    settings = current_app.config["INFOPUBLIK"]
    st = state()
    try:
        decision = st.policy.check(query)
        default_graph, named_graphs = _dataset(decision, [], [])
        job = Job(current_number(settings), query, "json", "turtle", default_graph,
                  named_graphs, row_cap=settings.row_cap, prefixes=PREFIXES)
        with st.limiter.slot(request.remote_addr or "unknown"):
            out = executor_for(current_app).run(job)
    except InfopublikError as exc:
        return query_page(query, status=exc.status, error={
            "status": exc.status, "message": exc.message(page_lang()), "where": exc.where})
    if out.kind == "graph":
        answer = {"vars": None, "text": out.body.decode("utf-8")}
    else:
        doc = json.loads(out.body)
        if "boolean" in doc:
            answer = {"vars": ["ASK"], "text": None,
                      "rows": [{"ASK": {"type": "literal", "value": str(doc["boolean"])}}]}
        else:
            answer = {"vars": doc["head"].get("vars", []), "text": None,
                      "rows": doc["results"]["bindings"]}
    return query_page(query, answer=answer)
