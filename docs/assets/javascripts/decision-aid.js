/* The decision aid's one-page summary (docs/treatment/decision-aid.md; loaded on that page only, by
   overrides/main.html). Our own code, no library.

   The reader's answers never leave the page: this script makes no request, writes no cookie and uses
   no storage. It reads the fields ([[worksheet:PART]], medref/render/worksheet.py) when the reader
   presses "Make my one-page summary", writes the summary with textContent (never as HTML), and marks
   the page so that printing it prints the summary alone (reader.css). "Clear my answers" empties
   every field and the summary. Without this script the buttons stay hidden and the page prints as a
   worksheet to fill in by hand. */
(function () {
  "use strict";

  var READY = "ws-summary-ready";   // on <html>: print the summary only

  function el(tag, text, cls) {
    var node = document.createElement(tag);
    if (text) { node.textContent = text; }
    if (cls) { node.className = cls; }
    return node;
  }

  function legendOf(item) {
    var legend = item.querySelector("legend, label");
    return legend ? legend.textContent.trim() : "";
  }

  function checkedValues(item) {
    var values = [];
    var inputs = item.querySelectorAll("input:checked");
    for (var i = 0; i < inputs.length; i++) { values.push(inputs[i].value); }
    return values;
  }

  function freeText(item) {
    var area = item.querySelector("textarea");
    return area ? area.value.trim() : "";
  }

  /* [{question, answer}] for one part, answered items only. */
  function answers(part) {
    var out = [];
    var items = part.querySelectorAll("[data-ws-item]");
    for (var i = 0; i < items.length; i++) {
      var item = items[i];
      var text = freeText(item);
      var values = item.matches("fieldset") ? checkedValues(item) : [];
      if (text) { out.push({question: legendOf(item), answer: text, free: true}); }
      else if (values.length) { out.push({question: legendOf(item), answer: values.join("; "), values: values}); }
    }
    return out;
  }

  function section(summary, title, rows, format) {
    summary.appendChild(el("h3", title));
    if (!rows.length) {
      summary.appendChild(el("p", "Not answered.", "ws-empty"));
      return;
    }
    var list = el("ul");
    rows.forEach(function (row) { list.appendChild(el("li", format(row))); });
    summary.appendChild(list);
  }

  function part(name) {
    return document.querySelector("[data-ws-part='" + name + "']");
  }

  function build(summary) {
    while (summary.firstChild) { summary.removeChild(summary.firstChild); }
    var today = new Date().toLocaleDateString("en-GB", {day: "numeric", month: "long", year: "numeric"});
    summary.appendChild(el("h2", "My decision summary", "ws-summary-title"));
    summary.appendChild(el("p", "Made on " + today + " with the decision aid at " +
      location.origin + location.pathname + ". It gives information, not medical advice.", "ws-summary-meta"));

    section(summary, "What matters to me", part("matters") ? answers(part("matters")) : [], function (row) {
      return row.free ? "Also: " + row.answer : row.answer + ": " + row.question;
    });
    section(summary, "How things are for me today", part("today") ? answers(part("today")) : [], function (row) {
      return row.question.replace(/[?.]$/, "") + ": " + row.answer;
    });
    var leaning = part("leaning") ? answers(part("leaning")) : [];
    section(summary, "Which way I am leaning", leaning, function (row) { return row.answer; });

    var sure = part("sure") ? answers(part("sure")) : [];
    section(summary, "Am I SURE?", sure, function (row) { return row.answer + ": " + row.question; });
    var noCount = sure.filter(function (row) { return row.answer === "No"; }).length;
    if (noCount) {
      summary.appendChild(el("p", "I answered no to " + noCount + " of these, so I want to talk it through " +
        "with my team before I decide.", "ws-sure-note"));
    }

    var asked = [];
    answers(part("questions") || document.createElement("div")).forEach(function (row) {
      if (row.free) { asked.push({answer: row.answer}); }
      else { row.values.forEach(function (value) { asked.push({answer: value}); }); }
    });
    section(summary, "Questions I want to ask", asked, function (row) { return row.answer; });
  }

  function clearAll(summary, status) {
    var fields = document.querySelectorAll("[data-ws-part] input, [data-ws-part] textarea");
    for (var i = 0; i < fields.length; i++) {
      if (fields[i].type === "radio" || fields[i].type === "checkbox") { fields[i].checked = false; }
      else { fields[i].value = ""; }
    }
    while (summary.firstChild) { summary.removeChild(summary.firstChild); }
    summary.hidden = true;
    document.documentElement.classList.remove(READY);
    status.textContent = "Your answers have been cleared.";
  }

  function setUp() {
    var actions = document.querySelector("[data-ws-actions]");
    var summary = document.querySelector("[data-ws-summary]");
    var status = document.querySelector("[data-ws-status]");
    if (!actions || !summary || !status || actions.getAttribute("data-ws-ready")) { return; }
    actions.setAttribute("data-ws-ready", "1");
    actions.hidden = false;
    var printButton = actions.querySelector("[data-ws-print]");

    actions.addEventListener("click", function (event) {
      var button = event.target.closest ? event.target.closest("button") : null;
      if (!button) { return; }
      if (button.hasAttribute("data-ws-make")) {
        build(summary);
        summary.hidden = false;
        printButton.hidden = false;
        document.documentElement.classList.add(READY);
        status.textContent = "Your summary is ready, below. Printing this page now prints only your summary.";
        summary.scrollIntoView({block: "start"});
      } else if (button.hasAttribute("data-ws-print")) {
        window.print();
      } else if (button.hasAttribute("data-ws-clear")) {
        clearAll(summary, status);
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
