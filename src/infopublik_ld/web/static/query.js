/* The SPARQL query page: run the editor's query against /sparql and show the answer.
   Plain JavaScript, no libraries, works offline. Data from the server is only ever put into
   the page as text (textContent), never as HTML. */
(function () {
  "use strict";

  function byId(id) { return document.getElementById(id); }

  function start() {
    var form = byId("query-form");
    if (!form) { return; }
    var editor = byId("query");
    var picker = byId("examples");
    var status = byId("status");
    var errorBox = byId("error");
    var table = byId("results");
    var graph = byId("graph");
    var endpoint = form.getAttribute("data-endpoint");
    var lang = form.getAttribute("data-lang");
    var examples = JSON.parse(byId("query-examples").textContent);
    var msg = JSON.parse(byId("query-messages").textContent);

    function updateLinks() {
      var links = document.querySelectorAll("#downloads a[data-format]");
      for (var i = 0; i < links.length; i++) {
        links[i].href = endpoint + "?format=" + encodeURIComponent(links[i].getAttribute("data-format")) +
          "&query=" + encodeURIComponent(editor.value);
      }
    }

    function clear() {
      errorBox.hidden = true;
      errorBox.textContent = "";
      table.hidden = true;
      table.tHead.textContent = "";
      table.tBodies[0].textContent = "";
      graph.hidden = true;
      graph.textContent = "";
    }

    function showError(text) {
      status.textContent = "";
      errorBox.textContent = text;
      errorBox.hidden = false;
    }

    function cell(term) {
      var td = document.createElement("td");
      if (!term) { return td; }
      if (term.type === "uri" && /^https?:\/\//.test(term.value)) {
        var a = document.createElement("a");
        a.href = term.value;
        a.textContent = term.value;
        td.appendChild(a);
      } else {
        td.textContent = term.type === "bnode" ? "_:" + term.value : term.value;
        if (term["xml:lang"]) { td.lang = term["xml:lang"]; }
      }
      return td;
    }

    function showTable(data) {
      var vars = data.head.vars || [];
      var head = document.createElement("tr");
      vars.forEach(function (v) {
        var th = document.createElement("th");
        th.textContent = v;
        head.appendChild(th);
      });
      table.tHead.appendChild(head);
      var body = table.tBodies[0];
      data.results.bindings.forEach(function (row) {
        var tr = document.createElement("tr");
        vars.forEach(function (v) { tr.appendChild(cell(row[v])); });
        body.appendChild(tr);
      });
      table.hidden = false;
      return data.results.bindings.length;
    }

    function describeError(response, text) {
      var shown = response.status + " " + response.statusText;
      try {
        var body = JSON.parse(text);
        var message = lang === "id" ? (body.message_id || body.message) : body.message;
        shown = response.status + ": " + message + (body.where ? " [" + body.where + "]" : "");
      } catch (e) {
        if (text) { shown += ": " + text.slice(0, 500); }
      }
      return shown;
    }

    function run(event) {
      if (event) { event.preventDefault(); }
      clear();
      if (!editor.value.trim()) { showError(msg.empty); return; }
      status.textContent = msg.running;
      var began = Date.now();
      fetch(endpoint, {
        method: "POST",
        headers: {
          "Accept": "application/sparql-results+json, text/turtle;q=0.9",
          "Content-Type": "application/x-www-form-urlencoded; charset=UTF-8"
        },
        body: "query=" + encodeURIComponent(editor.value)
      }).then(function (response) {
        return response.text().then(function (text) {
          var took = ((Date.now() - began) / 1000).toFixed(2) + " " + msg.seconds;
          if (!response.ok) { showError(describeError(response, text)); return; }
          var type = response.headers.get("Content-Type") || "";
          var note = response.headers.get("X-Infopublik-Truncated") ? " — " + msg.truncated : "";
          if (type.indexOf("sparql-results+json") >= 0) {
            var data = JSON.parse(text);
            if (typeof data.boolean === "boolean") {
              graph.textContent = data.boolean ? msg.yes : msg.no;
              graph.hidden = false;
              status.textContent = took;
            } else {
              status.textContent = showTable(data) + " " + msg.rows + ", " + took + note;
            }
          } else {
            graph.textContent = text;
            graph.hidden = false;
            status.textContent = took + note;
          }
        });
      }).catch(function (err) {
        showError(msg.network + " (" + err + ")");
      });
    }

    picker.addEventListener("change", function () {
      var chosen = examples[Number(picker.value)];
      if (chosen) { editor.value = chosen.sparql; updateLinks(); }
    });
    editor.addEventListener("input", updateLinks);
    form.addEventListener("submit", run);
    updateLinks();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
}());
