// Officer console: link each form field to the source words it was read from (and back).
// Local, framework-free; the form works without it.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  var source = document.getElementById("source");
  if (!source) { return; }
  function clear() {
    document.querySelectorAll(".focus").forEach(function (el) { el.classList.remove("focus"); });
  }
  function marksFor(field) {
    return Array.prototype.filter.call(source.querySelectorAll("mark"), function (m) {
      var f = m.getAttribute("data-field");
      return f === field || f.indexOf(field + "/") === 0;
    });
  }
  document.querySelectorAll("#review [data-field]").forEach(function (box) {
    box.addEventListener("focusin", function (ev) {
      ev.stopPropagation();
      clear();
      box.classList.add("focus");
      var marks = marksFor(box.getAttribute("data-field"));
      marks.forEach(function (m) { m.classList.add("focus"); });
      if (marks.length) { marks[0].scrollIntoView({block: "nearest"}); }
    });
  });
  source.addEventListener("click", function (ev) {
    var mark = ev.target.closest("mark");
    if (!mark) { return; }
    var box = document.getElementById("f" + mark.getAttribute("data-field"));
    if (box) {
      clear();
      mark.classList.add("focus");
      box.classList.add("focus");
      box.scrollIntoView({block: "center"});
      var input = box.querySelector("input, textarea, select");
      if (input) { input.focus({preventScroll: true}); }
    }
  });
});
