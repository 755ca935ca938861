/* Search index on demand (issue 13). Material 9.8 downloads search/search_index.json (about 74 KB
   gzip, most of a page's weight) and parses it on every page load, whether or not the reader
   searches. This runs before Material's bundle (overrides/main.html) and holds back only that one
   request until the reader turns to search: touches or clicks the search button, focuses the search
   box (Material's keyboard shortcuts focus it too), or arrives with a shared search (?q=). Material
   waits for its worker anyway ("Initializing search") and then runs what was typed meanwhile.
   Zensical fetches its own index differently; there this does nothing. */
(function () {
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
  XMLHttpRequest.prototype.open = function (method, url) {
    this.medrefSearchIndex = /\/search\/search_index\.json(?:$|\?)/.test(String(url));
    return open.apply(this, arguments);
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
  document.addEventListener("pointerdown", wantsSearch, true);
  document.addEventListener("focusin", wantsSearch, true);
  document.addEventListener("change", function (event) {
    if (event.target && event.target.id === "__search") { release(); }
  }, true);
})();
