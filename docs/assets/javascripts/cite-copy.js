/* Reader helpers, our own code, no library. One file keeps the page to one script request.
   1. "Cite this page": fill today's date into both citations (the build can only write DATE,
      which stays, with its hint, when scripts do not run), and copy buttons that appear only
      when the clipboard can be used (reader.css).
   2. Sources folded on patient pages: following a citation number opens the list first.
   3. Print buttons on the handouts (shown only when scripts run: reader.css).
   4. A search that finds nothing is not a dead end: under the theme's "nothing found" line, links
      to the pages most readers want and to the glossary (Material's search; Zensical's search
      dialog has no such line, so there this does nothing). A search that cannot load (its index
      or worker failed: material-compat/on-demand.js marks the page) says so, with the same links.
   5. Meanings of medical words: point at a dotted word, tap it on a phone, or Tab to it, and its
      meaning from the glossary shows in a box under it. One box and a few listeners on the
      document, doing nothing until used, in place of the theme's tooltips, which built a component
      for each of the 110 to 230 titles on a page at every load (issue 13). Each dotted word is
      also a link to its glossary entry (medref/render/term_links.py), which is where a tap goes
      when this script does not run; here the box shows instead and the reader stays put.
   6. A page past its review date says so: the site is static, so a page built before its
      "Next review due" date is still served after it. When that date (in the review box) has
      passed, a notice goes at the top of the page, in the words the build uses for a page it
      publishes while overdue (medref/render/furniture.py, overdue_notice).
   Listeners sit on the document; page work runs from document$ (Material) or on load. */
(function () {
  "use strict";
  var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
                "September", "October", "November", "December"];

  function fillDates() {
    var now = new Date();
    var month = MONTHS[now.getMonth()];
    var styles = {
      "medref-cite-vancouver": now.getFullYear() + " " + month.slice(0, 3) + " " + now.getDate(),
      "medref-cite-apa": month + " " + now.getDate() + ", " + now.getFullYear()
    };
    var filled = false;
    Object.keys(styles).forEach(function (id) {
      var el = document.getElementById(id);
      if (el && el.textContent.indexOf("DATE") !== -1) {
        el.textContent = el.textContent.replace("DATE", styles[id]);
        filled = true;
      }
    });
    if (filled) {
      var hints = document.querySelectorAll(".medref-cite-hint");
      for (var i = 0; i < hints.length; i++) { hints[i].hidden = true; }
    }
  }

  function openFoldFor(hash) {
    if (!hash || hash.indexOf("#source-") !== 0) { return; }
    var target = document.getElementById(decodeURIComponent(hash.slice(1)));
    var fold = target && target.closest("details");
    if (fold && !fold.open) { fold.open = true; }
  }

  /* Wide tables scroll sideways inside the theme's wrapper; a keyboard user can scroll it only if it
     takes focus (axe scrollable-region-focusable). Material wraps the tables before this runs. */
  function focusableScrollers() {
    var wraps = document.querySelectorAll(".md-typeset__scrollwrap:not([tabindex])");
    for (var i = 0; i < wraps.length; i++) { wraps[i].tabIndex = 0; }
  }

  function isoToday() {
    var now = new Date();
    var pad = function (n) { return (n < 10 ? "0" : "") + n; };
    return now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate());
  }

  function showOverdue() {
    var due = document.querySelector(".medref-review time.medref-next-review");
    var article = document.querySelector("article") || document.querySelector(".md-content__inner");
    if (!due || !article || document.querySelector(".medref-overdue")) { return; }
    var date = due.getAttribute("datetime") || "";
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || date >= isoToday()) { return; }
    var notice = document.createElement("div");
    notice.className = "admonition warning medref-overdue";
    notice.setAttribute("role", "note");
    var title = document.createElement("p");
    title.className = "admonition-title";
    title.textContent = "Review overdue";
    var text = document.createElement("p");
    text.textContent = "This page was due to be checked against its sources on " + due.textContent +
      ". Until it has been, some of it may be out of date.";
    notice.appendChild(title);
    notice.appendChild(text);
    var heading = article.querySelector("h1");
    if (heading) { heading.parentNode.insertBefore(notice, heading.nextSibling); }
    else { article.insertBefore(notice, article.firstChild); }
  }

  function onPage() {
    showOverdue();
    fillDates();
    openFoldFor(location.hash);
    focusableScrollers();
  }

  if (navigator.clipboard && window.isSecureContext) {
    document.documentElement.classList.add("medref-can-copy");
  }
  document.documentElement.classList.add("medref-js");

  document.addEventListener("click", function (event) {
    var el = event.target.closest ? event.target : null;
    if (!el) { return; }
    var link = el.closest("a[href^='#source-']");
    if (link) { openFoldFor(link.getAttribute("href")); return; }
    if (el.closest("[data-medref-print]")) { window.print(); return; }
    var button = el.closest("[data-medref-copy]");
    var source = button && document.getElementById(button.getAttribute("data-medref-copy"));
    if (!source || !navigator.clipboard) { return; }
    navigator.clipboard.writeText(source.textContent.trim()).then(
      function () {
        button.textContent = "Copied";
        setTimeout(function () { button.textContent = "Copy"; }, 2000);
      },
      function () { button.textContent = "Select the text to copy"; }
    );
  });
  window.addEventListener("hashchange", function () { openFoldFor(location.hash); });

  /* 4. Search help. The site root is worked out once, on the first page: the theme's config gives
     the root relative to that page, and instant navigation keeps this script (and the search box). */
  var HELP_PAGES = [
    ["When to get help urgently", "urgent-help/"],
    ["Vertebroplasty and kyphoplasty, step by step", "treatment/procedures/"],
    ["Risks, with numbers", "treatment/risks/"],
    ["Recovery and aftercare", "treatment/recovery/"],
    ["Glossary: medical words explained", "about/glossary/"]
  ];
  var config = {};
  try { config = JSON.parse(document.getElementById("__config").textContent); } catch (e) { /* none */ }
  var siteRoot = new URL(String(config.base || ".").replace(/\/?$/, "/"), location.href);
  var noneText = (config.translations || {})["search.result.none"];

  var FAILED_TEXT = "Perhaps the signal dropped. Try again later, or go to a page most people want:";
  var NONE_TEXT = "Try fewer words, or another word for the same thing. Or go to a page most people want:";

  function searchFailed() {
    return document.documentElement.getAttribute("data-medref-search") === "failed";
  }

  function markSearchFailed() {
    if (searchFailed()) { return; }
    document.documentElement.setAttribute("data-medref-search", "failed");
    document.dispatchEvent(new CustomEvent("medref:search-failed"));
  }

  function helpBox(intro) {
    var help = document.createElement("div");
    help.id = "medref-search-help";
    help.className = "medref-search-help";
    help.setAttribute("role", "status");
    var p = document.createElement("p");
    p.textContent = intro;
    var list = document.createElement("ul");
    HELP_PAGES.forEach(function (item) {
      var a = document.createElement("a");
      a.href = new URL(item[1], siteRoot).href;
      a.textContent = item[0];
      var li = document.createElement("li");
      li.appendChild(a);
      list.appendChild(li);
    });
    help.appendChild(p);
    help.appendChild(list);
    return help;
  }

  // Material: under the theme's line in the search box ("Nothing found", or "Initializing search",
  // which becomes "Search could not load." when material-compat/on-demand.js saw the index or worker fail).
  function searchHelp() {
    var meta = document.querySelector(".md-search-result__meta");
    var help = document.getElementById("medref-search-help");
    var failed = Boolean(meta && searchFailed());
    if (failed && meta.textContent !== "Search could not load.") { meta.textContent = "Search could not load."; }
    var none = failed || Boolean(meta && noneText && meta.textContent.trim() === noneText);
    if (help && (!none || help.getAttribute("data-failed") !== String(failed))) {
      help.parentNode.removeChild(help);
      help = null;
    }
    if (none && !help && meta) {
      help = helpBox(failed ? FAILED_TEXT : NONE_TEXT);
      help.setAttribute("data-failed", String(failed));
      meta.insertAdjacentElement("afterend", help);
    }
  }
  // Watch the search results only, not the whole page: the page itself changes a lot while it loads.
  var results = document.querySelector(".md-search-result");
  if (window.MutationObserver && noneText && results) {
    new MutationObserver(searchHelp).observe(results, { childList: true, subtree: true, characterData: true });
  }
  document.addEventListener("medref:search-failed", searchHelp);
  if (searchFailed()) { searchHelp(); }

  // Zensical fetches its index (search.json) before this script runs, so the request cannot be
  // watched; the browser's resource timing still tells its status. If it failed, its search button
  // would open nothing: a box under the header says so instead, with the same pages.
  var zensicalButton = document.querySelector("button.md-search__button");
  if (zensicalButton && window.PerformanceObserver) {
    try {
      new PerformanceObserver(function (list) {
        list.getEntries().forEach(function (entry) {
          if (/\/search\.json(?:$|\?)/.test(entry.name) && entry.responseStatus >= 400) { markSearchFailed(); }
        });
      }).observe({ type: "resource", buffered: true });
    } catch (e) { /* an older browser: no resource timing, no note */ }
    zensicalButton.addEventListener("click", function () {
      if (!searchFailed() || document.getElementById("medref-search-help")) { return; }
      var help = helpBox(FAILED_TEXT);
      help.classList.add("medref-search-help--alone");
      help.firstChild.textContent = "Search could not load. " + FAILED_TEXT;
      (document.querySelector(".md-header") || document.body).insertAdjacentElement("afterend", help);
      help.tabIndex = -1;
      help.focus();
    });
  }

  /* 5. Meanings of medical words (abbr elements with a title, from includes/abbreviations.md). */
  var WORD = ".md-content abbr[title], .md-content abbr[data-medref-meaning]";
  var box = null, shownFor = null, pinned = false, hideTimer = null;

  function meaningBox() {
    if (!box) {
      box = document.createElement("div");
      box.id = "medref-meaning";
      box.className = "medref-meaning";
      box.setAttribute("role", "tooltip");
      box.hidden = true;
      document.body.appendChild(box);
    }
    return box;
  }

  function hideMeaning() {
    clearTimeout(hideTimer);
    if (!shownFor) { return; }
    // Give the title back: screen readers and printouts read the meaning from it.
    shownFor.setAttribute("title", shownFor.getAttribute("data-medref-meaning"));
    shownFor.removeAttribute("data-medref-meaning");
    shownFor.removeAttribute("aria-describedby");
    shownFor = null;
    pinned = false;
    box.hidden = true;
  }

  function showMeaning(word, pin) {
    clearTimeout(hideTimer);
    if (shownFor === word) { pinned = pinned || pin; return; }
    hideMeaning();
    var el = meaningBox();
    var meaning = word.getAttribute("title");
    if (!meaning) { return; }
    // While the box shows, the title moves aside, so the browser does not show it a second time.
    word.setAttribute("data-medref-meaning", meaning);
    word.removeAttribute("title");
    word.setAttribute("aria-describedby", el.id);
    el.textContent = meaning;
    el.hidden = false;
    shownFor = word;
    pinned = pin;
    // Under the word and inside the screen; above the word when there is no room below. Placed in
    // the coordinates of the box's containing block (the body), whose right edge can sit left of the
    // window's (a scrollbar); measured again once placed, since a narrower box is a taller one and
    // must not cover the word it explains.
    el.style.left = "0px";
    el.style.top = "0px";
    var rect = word.getBoundingClientRect();
    var block = (el.offsetParent || document.body).getBoundingClientRect();
    var right = Math.min(document.documentElement.clientWidth, block.right) - 8;
    var left = Math.max(block.left + 8, Math.min(rect.left, right - el.offsetWidth));
    el.style.left = left - block.left + "px";
    var height = el.offsetHeight;
    var top = rect.bottom + 6;
    if (top + height > window.innerHeight && rect.top - height - 6 > 0) { top = rect.top - height - 6; }
    el.style.top = top - block.top + "px";
  }

  var TERM_LINK = ".md-content a.medref-term";

  function wordAt(event) {
    var el = event.target && event.target.closest ? event.target : null;
    if (!el) { return null; }
    var link = el.closest(TERM_LINK);
    return el.closest(WORD) || (link && link.querySelector("abbr"));
  }
  document.addEventListener("mouseover", function (event) {
    var word = wordAt(event);
    if (word) { showMeaning(word, false); }
  });
  document.addEventListener("mouseout", function (event) {
    if (shownFor && !pinned && wordAt(event) === shownFor) {
      hideTimer = setTimeout(hideMeaning, 200);
    }
  });
  // A tap (or click) keeps the box open; another tap on the word, or anywhere else, closes it.
  document.addEventListener("click", function (event) {
    var word = wordAt(event);
    if (word) {
      if (word.closest(TERM_LINK)) { event.preventDefault(); }  /* the box, not the glossary page */
      if (shownFor === word && pinned) { hideMeaning(); } else { showMeaning(word, true); }
    } else if (shownFor && !(box && box.contains(event.target))) {
      hideMeaning();
    }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { hideMeaning(); }
  });
  // Keyboard: the meaning shows while the word has focus (Enter keeps it, as a tap does).
  document.addEventListener("focusin", function (event) {
    var word = wordAt(event);
    if (word) { showMeaning(word, false); }
  });
  document.addEventListener("focusout", function (event) {
    if (shownFor && wordAt(event) === shownFor) { hideMeaning(); }
  });
  window.addEventListener("resize", hideMeaning);

  if (window.document$ && window.document$.subscribe) {
    window.document$.subscribe(onPage);   /* Material: every page, including the first */
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", onPage);
  } else {
    onPage();
  }
})();
