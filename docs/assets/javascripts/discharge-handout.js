/* The patient handout with the team's notes (docs/handouts/after-your-procedure.md, issue 27).
   When the page is opened from a link the team made (answers after "#": discharge-fields.js), this
   fills the hidden "Notes from your team" block above the standard advice and shows it. Every value
   goes in as text (textContent), never as HTML, so no link can add markup or script to the page.
   What cannot be read is left out and named. Nothing is sent or stored: the notes live only in the
   link. Without a link, or without scripts, the page stays the standard sheet with its blanks. */
(function () {
  "use strict";
  var fields = window.medrefDischarge;
  var block = document.querySelector("[data-discharge-notes]");
  if (!fields || !block) { return; }

  // What the note of left-out answers calls each one (medicines, phones and follow-up by their group).
  var DROPPED_WORDS = {
    p: "the name of your procedure", l: "the bones treated", d: "the date of your procedure",
    a: "the anaesthetic", m: "a medicine", pd: "the phone number for the day",
    pn: "the phone number for nights and weekends", f: "your next check-up",
    b: "your bone health plan", o: "the note under \u201cAlso\u201d", "?": "a part of the link this page does not know"
  };
  var GROUP = { pdw: "pd", pnw: "pn", fd: "f" };
  for (var i = 1; i <= fields.MEDICINE_ROWS; i++) { GROUP["m" + i] = GROUP["r" + i] = GROUP["n" + i] = "m"; }

  function row(name) { return block.querySelector('[data-discharge-row="' + name + '"]'); }

  // One part of a note: plain text, bold text (a medicine's name) or a phone number to tap.
  function put(parent, part) {
    if (part.tel) {
      var link = document.createElement("a");
      link.href = "tel:" + part.tel;   // "+44" and digits only: discharge-fields.js checked them
      link.textContent = part.text;
      parent.appendChild(link);
    } else if (part.strong) {
      var strong = document.createElement("strong");
      strong.textContent = part.text;
      parent.appendChild(strong);
    } else {
      parent.appendChild(document.createTextNode(part.text));
    }
  }

  function clear() {
    block.querySelectorAll("[data-discharge-row]").forEach(function (r) {
      r.hidden = true;
      r.querySelector("dd").textContent = "";
    });
    ["[data-discharge-dropped]", "[data-discharge-refused]", "[data-discharge-by]"].forEach(function (selector) {
      block.querySelector(selector).hidden = true;
    });
    document.querySelectorAll("[data-discharge-blank]").forEach(function (el) {
      if (el.hasAttribute("data-discharge-blank-was")) { el.textContent = el.getAttribute("data-discharge-blank-was"); }
      el.hidden = false;
    });
  }

  function fill(rows) {
    var filled = {};
    rows.forEach(function (note) {
      var r = row(note.row);
      var dd = r.querySelector("dd");
      if (note.items) {
        var list = document.createElement("ul");
        note.items.forEach(function (parts) {
          var item = document.createElement("li");
          parts.forEach(function (part) { put(item, part); });
          list.appendChild(item);
        });
        dd.appendChild(list);
      } else {
        note.parts.forEach(function (part) { put(dd, part); });
      }
      r.hidden = false;
      filled[note.row] = true;
    });
    return filled;
  }

  // The hand-written blanks: the team's phone line goes when a number is in the notes; the
  // blood-thinner blank points to the notes when they hold a plan for a medicine.
  function pointBlanks(filled) {
    var phone = document.querySelector('[data-discharge-blank="phone"]');
    if (phone && (filled.pd || filled.pn)) { phone.hidden = true; }
    var medicines = document.querySelector('[data-discharge-blank="medicines"]');
    if (medicines && filled.m) {
      medicines.setAttribute("data-discharge-blank-was", medicines.textContent);
      medicines.textContent = "see \u201cYour medicines\u201d in the notes from your team above";
    }
  }

  function noteDropped(dropped) {
    var words = [];
    dropped.forEach(function (key) {
      var word = DROPPED_WORDS[GROUP[key] || key] || DROPPED_WORDS["?"];
      if (words.indexOf(word) === -1) { words.push(word); }
    });
    var note = block.querySelector("[data-discharge-dropped]");
    note.querySelector("span").textContent = words.join("; ");
    note.hidden = false;
  }

  var shownFragment = null;

  function render() {
    var fragment = location.hash.slice(1);
    if (!fields.looksLikeAnswers(fragment)) { return; }   // no notes, or a heading's anchor: leave the page as it is
    clear();
    shownFragment = fragment;
    var result = fields.fromFragment(fragment, fields.todayIso());
    block.hidden = false;
    document.documentElement.classList.add("medref-handout-filled");
    if (result.refused) {
      block.querySelector("[data-discharge-refused]").hidden = false;
      return;
    }
    block.querySelector("[data-discharge-written]").textContent = fields.longDate(result.written);
    block.querySelector("[data-discharge-by]").hidden = false;
    pointBlanks(fill(fields.notes(result.values, result.written)));
    if (result.dropped.length) { noteDropped(result.dropped); }
  }

  /* Material's "navigation.tracking" rewrites the address as the reader scrolls (history.replaceState
     with a heading's anchor, or none at the top). On a filled handout that would take the notes out
     of the address bar, so a reload, a bookmark or a phone reopening the tab would lose them. While
     notes are shown, an address for this page keeps their fragment. */
  var replaceState = history.replaceState;
  history.replaceState = function (state, title, url) {
    if (shownFragment !== null && url !== undefined && url !== null) {
      var next = new URL(String(url), location.href);
      if (next.pathname === location.pathname && next.search === location.search) {
        next.hash = shownFragment;
        url = next.href;
      }
    }
    return replaceState.call(history, state, title, url);
  };

  render();
  // A second link opened in the same tab changes only the fragment, which does not reload the page.
  window.addEventListener("hashchange", render);
})();
