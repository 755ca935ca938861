/* The team's discharge form (docs/clinicians/discharge-handout.md, issue 27): checks the answers
   with the rules the handout applies (discharge-fields.js), then makes the handout's link with the
   answers in its fragment and draws it as a QR code (qr-code.js). Nothing is sent or stored: the
   inputs have no names the browser could submit, and nothing is written to storage. */
(function () {
  "use strict";
  var fields = window.medrefDischarge;
  var qr = window.medrefQr;
  var form = document.querySelector("[data-discharge-form]");
  var target = document.querySelector("a[data-discharge-target]");
  if (!fields || !qr || !form || !target) { return; }
  var result = document.querySelector("[data-discharge-result]");
  var summary = form.querySelector("[data-discharge-errors]");
  var REQUIRED = { p: "Choose the procedure", l: "Enter the level or levels treated",
                   d: "Enter the date of the procedure", a: "Choose the anaesthetic" };

  function byId(id) { return document.getElementById("dh-" + id); }

  function valueOf(key) {
    var checked = form.querySelector('input[name="dh-' + key + '"]:checked');
    if (checked) { return checked.value; }
    var el = byId(key);
    return el && el.type !== "radio" ? el.value : "";
  }

  // The answers as discharge-fields.js reads them; a medicine's plan is "same" or its restart date.
  function answers() {
    var raw = {};
    Object.keys(fields.LABELS).forEach(function (key) {
      if (key !== "v" && key !== "w" && !/^r\d$/.test(key)) { raw[key] = valueOf(key); }
    });
    for (var i = 1; i <= fields.MEDICINE_ROWS; i++) {
      var plan = valueOf("r" + i);
      raw["r" + i] = plan === "date" ? valueOf("rd" + i) : plan;
    }
    return raw;
  }

  // The form's own rules on top of the shared ones: what every handout needs.
  function formErrors(raw) {
    var errors = [];
    Object.keys(REQUIRED).forEach(function (key) {
      if (!raw[key].trim()) { errors.push({ key: key, message: REQUIRED[key] }); }
    });
    if (!raw.pd.trim() && !raw.pn.trim()) {
      errors.push({ key: "pd", message: "Enter at least one phone number for the team, in the day or out of hours" });
    }
    for (var i = 1; i <= fields.MEDICINE_ROWS; i++) {
      if (valueOf("r" + i) === "date" && !valueOf("rd" + i).trim()) {
        errors.push({ key: "rd" + i, message: "Enter the date to restart medicine " + i + ", or choose another plan" });
      }
    }
    return errors;
  }

  /* The notes and the standard advice print together on one A4 side at 12pt: more notes than fit
     is an error, shown on the longest free-text answer (the one most worth shortening). */
  function tooLongToPrint(values, written) {
    var over = fields.printedLines(fields.notes(values, written)) - fields.PRINT_LINES;
    if (over <= 0) { return []; }
    var longest = ["o", "b", "f", "pdw", "pnw", "n1", "n2", "n3", "n4"].reduce(function (best, key) {
      return (values[key] || "").length > (values[best] || "").length ? key : best;
    }, "o");
    var lines = Math.ceil(over / 2);
    return [{ key: longest, message: "The notes are about " + lines + " line" + (lines > 1 ? "s" : "") +
              " too long to print on one A4 side with the standard advice. Shorten the longer answers, " +
              "or leave out what the patient does not need on paper" }];
  }

  // Where an error shows: a dated plan's error belongs to its date box.
  function fieldFor(key) {
    if (/^r\d$/.test(key) && valueOf(key) === "date") { return "rd" + key.slice(1); }
    return key;
  }

  function showErrors(errors) {
    form.querySelectorAll(".medref-field-error").forEach(function (p) { p.hidden = true; p.textContent = ""; });
    form.querySelectorAll("[aria-invalid]").forEach(function (el) { el.removeAttribute("aria-invalid"); });
    var list = summary.querySelector("ul");
    list.textContent = "";
    var seen = {};
    errors.forEach(function (error) {
      var key = fieldFor(error.key);
      if (seen[key]) { return; }
      seen[key] = true;
      var message = byId(key + "-error");
      message.textContent = error.message;
      message.hidden = false;
      var control = byId(key) || form.querySelector('input[name="dh-' + key + '"]');
      if (byId(key)) { byId(key).setAttribute("aria-invalid", "true"); }
      var link = document.createElement("a");
      link.href = "#" + control.id;
      link.textContent = error.message;
      link.addEventListener("click", function (event) {   // focus the box without touching the address
        event.preventDefault();
        control.focus();
      });
      var item = document.createElement("li");
      item.appendChild(link);
      list.appendChild(item);
    });
    summary.hidden = errors.length === 0;
    if (errors.length) { summary.focus(); }
  }

  /* A soft warning, shown with the link: free text that reads like warning-sign advice ("ring the
     ward if unwell", "A&E") could stand in for the handout's own list. The link is still made. */
  function showUrgentWords(values) {
    var box = result.querySelector("[data-discharge-warning]");
    var list = box.querySelector("ul");
    list.textContent = "";
    var found = fields.urgentWords(values);
    found.forEach(function (hit) {
      var item = document.createElement("li");
      item.textContent = hit.label + ": \u201c" + hit.words.join("\u201d, \u201c") + "\u201d";
      list.appendChild(item);
    });
    box.hidden = found.length === 0;
  }

  function showLink(href) {
    var open = result.querySelector("[data-discharge-open]");
    open.href = href;
    open.target = "_blank";   // a new tab, so the form keeps its answers for a second try
    open.rel = "noopener";
    result.querySelector("[data-discharge-link]").value = href;
    result.querySelector("[data-discharge-copied]").textContent = "";
    result.querySelector("[data-discharge-file]").hidden = location.protocol !== "file:";
    var box = result.querySelector("[data-discharge-qr]");
    box.textContent = "";
    try {
      var picture = qr.svg(qr.encode(href, { ecl: "M" }), 4);
      picture.setAttribute("role", "img");
      picture.setAttribute("aria-label", "QR code of the link above");
      box.appendChild(picture);
    } catch (err) {   // cannot happen within the length limits; say so rather than fail silently
      box.textContent = "The link is too long for a QR code. Shorten the free-text answers.";
    }
    result.hidden = false;
    result.querySelector("#dh-result-title").focus();
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();   // first: the answers never go anywhere as a form submission
    var raw = answers();
    var written = fields.todayIso();
    var checked = fields.check(raw, written);
    var errors = formErrors(raw).concat(checked.errors);
    if (!errors.length) { errors = tooLongToPrint(checked.values, written); }
    showErrors(errors);
    if (errors.length) { result.hidden = true; return; }
    var url = new URL(target.href);
    url.hash = fields.toFragment(checked.values, written);
    showLink(url.href);
    showUrgentWords(checked.values);
  });

  // An answer changed after the link was made: the link shown no longer matches, so hide it.
  form.addEventListener("input", function () { result.hidden = true; });

  result.querySelector("[data-discharge-copy]").addEventListener("click", function () {
    var box = result.querySelector("[data-discharge-link]");
    var said = result.querySelector("[data-discharge-copied]");
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(box.value).then(
        function () { said.textContent = "Copied."; },
        function () { box.select(); said.textContent = "Select the link and copy it."; });
    } else {
      box.select();
      said.textContent = "The link is selected: copy it with your keyboard or menu.";
    }
  });

  // Each medicine's date box matters only when its plan is "restart on a date".
  function syncDates() {
    for (var i = 1; i <= fields.MEDICINE_ROWS; i++) {
      byId("rd" + i).closest(".medref-field").hidden = valueOf("r" + i) !== "date";
    }
  }
  form.addEventListener("change", syncDates);
  syncDates();

  document.querySelectorAll("[data-discharge-nojs]").forEach(function (el) { el.hidden = true; });
  form.hidden = false;
})();
