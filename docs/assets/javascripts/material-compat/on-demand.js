/* Two things Material does on every page load, done here only when the reader needs them (issue 13).
   Runs before Material's bundle (overrides/main.html), Material only: Zensical has its own bundle.
   Part of the Material compatibility seam (MATERIAL-COMPAT.md).
   Each part is a separate function; neither depends on the other.

   1. The search index on demand. Material 9.8 downloads search/search_index.json (about 74 KB gzip,
      most of a page's weight) and parses it on every page load, whether or not the reader searches.
      Only that one request is held back, until the reader turns to search: touches or clicks the
      search button, focuses the search box (Material's keyboard shortcuts focus it too), or arrives
      with a shared search (?q=). Material waits for its worker anyway ("Initializing search") and
      then runs what was typed meanwhile. If the index or the search worker fails to load (no
      signal, a blocked file), the page is marked data-medref-search="failed" and told with a
      "medref:search-failed" event, so cite-copy.js (part 4) can say so instead of "Initializing
      search" for ever.

   2. The light/dark switch, without Material's palette component. On every page load that
      component marks the whole page as "switching", reads the header's computed colours and
      unmarks it: two or three full style recalculations, about 550 ms of main-thread work on a
      cheap phone (4x CPU throttling, /clinicians/), even when nobody touches the switch. Here:
      - the page follows the phone's or computer's own light/dark setting, and keeps following it,
        until the reader presses the switch;
      - pressing it swaps the scheme and remembers the choice in Material's own "__palette"
        storage, so Material's inline script in the header applies it early on the next page;
      - the button shown is the one for the other scheme, as in Material; Enter on the options
        cycles. Material also sets a theme-color meta tag from the header's colour: that reading is
        the cost avoided, so the browser keeps its own address-bar colour. */
(function searchIndexOnDemand() {
  "use strict";
  var held = [];
  var released = /[?&]q=/.test(location.search);

  function release() {
    if (released) { return; }
    released = true;
    held.splice(0).forEach(function (send) { send(); });
  }

  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  function failed() {
    if (document.documentElement.getAttribute("data-medref-search") === "failed") { return; }
    document.documentElement.setAttribute("data-medref-search", "failed");
    document.dispatchEvent(new CustomEvent("medref:search-failed"));
  }

  XMLHttpRequest.prototype.open = function (method, url) {
    var xhr = this;
    xhr.medrefSearchIndex = /\/search\/search_index\.json(?:$|\?)/.test(String(url));
    if (xhr.medrefSearchIndex && !xhr.medrefWatched) {
      // Listening before Material does: its own "load" listener aborts a failed request, after
      // which the status reads 0.
      xhr.medrefWatched = true;
      xhr.addEventListener("error", failed);
      xhr.addEventListener("timeout", failed);
      xhr.addEventListener("load", function () { if (xhr.status >= 400) { failed(); } });
    }
    return open.apply(xhr, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    var xhr = this, args = arguments;
    if (!xhr.medrefSearchIndex || released) { return send.apply(xhr, args); }
    held.push(function () {
      try { send.apply(xhr, args); } catch (error) { /* aborted meanwhile (page left): nothing to do */ }
    });
  };

  function wantsSearch(event) {
    var el = event.target;
    if (el && el.closest && el.closest("label[for='__search'], .md-search")) { release(); }
  }
  // The search worker (workers/forgiving-search.js, which loads Material's) failing to start.
  var NativeWorker = window.Worker;
  if (NativeWorker) {
    window.Worker = function (url, options) {
      var worker = new NativeWorker(url, options);
      if (/search/.test(String(url))) { worker.addEventListener("error", failed); }
      return worker;
    };
    window.Worker.prototype = NativeWorker.prototype;
  }

  document.addEventListener("pointerdown", wantsSearch, true);
  document.addEventListener("focusin", wantsSearch, true);
  document.addEventListener("change", function (event) {
    if (event.target && event.target.id === "__search") { release(); }
  }, true);
})();

(function lightDarkSwitch() {
  "use strict";
  var form = document.querySelector("form[data-md-component='palette']");
  if (!form || typeof window.__md_get !== "function") { return; }
  form.removeAttribute("data-md-component"); // Material's bundle mounts only what carries this
  var inputs = Array.prototype.slice.call(form.querySelectorAll("input[name='__palette']"));
  if (!inputs.length) { return; }

  function colours(input) {
    return {
      media: input.getAttribute("data-md-color-media"),
      scheme: input.getAttribute("data-md-color-scheme"),
      primary: input.getAttribute("data-md-color-primary"),
      accent: input.getAttribute("data-md-color-accent")
    };
  }

  function show(index, switching) {
    var color = colours(inputs[index]);
    if (switching) { document.body.setAttribute("data-md-color-switching", ""); } // no fades mid-swap
    Object.keys(color).forEach(function (key) {
      if (color[key] && document.body.getAttribute("data-md-color-" + key) !== color[key]) {
        document.body.setAttribute("data-md-color-" + key, color[key]);
      }
    });
    inputs.forEach(function (input, i) {
      input.checked = i === index;
      var label = input.nextElementSibling;
      if (label && label.tagName === "LABEL") { label.hidden = i !== index; }
    });
    if (switching) {
      requestAnimationFrame(function () { document.body.removeAttribute("data-md-color-switching"); });
    }
  }

  function followingSystem() {
    for (var i = 0; i < inputs.length; i++) {
      var media = inputs[i].getAttribute("data-md-color-media");
      if (media && window.matchMedia && matchMedia(media).matches) { return i; }
    }
    return 0;
  }

  var chosen = window.__md_get("__palette");
  var start = chosen && typeof chosen.index === "number"
    ? Math.max(0, Math.min(chosen.index, inputs.length - 1))
    : followingSystem();
  show(start, false);

  form.addEventListener("change", function (event) {
    var index = inputs.indexOf(event.target);
    if (index === -1) { return; }
    show(index, true);
    window.__md_set("__palette", { index: index, color: colours(inputs[index]) });
  });
  form.addEventListener("keydown", function (event) {
    if (event.key !== "Enter") { return; }
    var next = inputs[(inputs.indexOf(document.activeElement) + 1) % inputs.length] || inputs[0];
    event.preventDefault();
    next.click();
    next.focus();
  });
  // No choice made yet: a change of the system setting (an evening dark mode) is followed at once.
  if (!chosen && window.matchMedia) {
    inputs.forEach(function (input) {
      var media = input.getAttribute("data-md-color-media");
      var query = media && matchMedia(media);
      if (!query || !query.addEventListener) { return; }
      query.addEventListener("change", function () {
        if (!window.__md_get("__palette")) { show(followingSystem(), true); }
      });
    });
  }
})();
