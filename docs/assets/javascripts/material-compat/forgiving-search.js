/* Forgiving search for Material for MkDocs (issue 14): readers misspell words and type other word
   forms, and lunr (Material's engine) only finds what they typed, or words that start with it.

   Material 9 has no hook for changing a query (custom query transforms and workers were removed in
   9.0), so overrides/main.html points the theme's worker address at this file, with Material's own
   worker named after the "#", relative to this file (".../material-compat/forgiving-search.js#
   ../workers/search.<hash>.min.js"). Part of the Material compatibility seam
   (MATERIAL-COMPAT.md). This file loads that worker unchanged and rewrites each query in lunr's own documented query syntax before
   Material sees it:

     word^100  the word itself, in any form the stemmer joins (drive, driving), ranked highest: in
               body text it outranks a near spelling in a heading (mkdocs.yml counts headings 10
               times body text);
     word      only for the word still being typed (Material then matches words that start with it),
               so "numb legs" no longer matches "numbers";
     word~1    one letter off (missing, extra, swapped or wrong) for words of 5 or 6 letters;
     word~2    up to two letters off for words of 7 letters or more. Shorter words (MRI, NHS, GP)
               stay exact.

   Anything typed in lunr's syntax (+, -, ~, ^, *, quotes) is passed on as typed. The same file runs
   as a real worker (served pages) or inside the iframe shim of the offline copy (file://). */
(function () {
  "use strict";
  var QUERY = 2, RESULT = 3; // Material's SearchMessageType values (SETUP 0, READY 1, QUERY 2, RESULT 3)
  var scope = self;

  // Where this script was loaded from, and Material's worker named after "#". In the iframe shim
  // the address is a <script src>, with "?<time>" appended after our "#..." by the shim.
  var here = typeof document !== "undefined" && document.currentScript
    ? document.currentScript.src
    : String(scope.location.href);
  var named = /#(\.\.\/workers\/search\.[0-9a-f]+\.min\.js)/.exec(here);
  if (!named) {
    throw new Error("forgiving-search.js: no Material worker named after '#' in " + here);
  }

  function isStopWord(word) {
    var lunr = scope.lunr; // Material's worker puts lunr here
    return !lunr.stopWordFilter(new lunr.Token(word.toLowerCase()));
  }

  function forgiving(value) {
    var words = value.trim().split(/\s+/);
    if (!words[0]) {
      return value;
    }
    // Stop words (and, the, it) are indexed, so a question made only of them ("who should not have
    // it") matches the heading that says it; among other words they are dropped as noise.
    var typing = !/\s$/.test(value);
    if (!words.every(isStopWord)) {
      words = words.filter(function (word, i) {
        return !isStopWord(word) || (typing && i === words.length - 1);
      });
    }
    return words.map(function (word, i) {
      if (!/^[\p{L}\p{N}']+$/u.test(word)) {
        return word; // lunr syntax or punctuation: the reader's own query, left alone
      }
      var parts = [word + "^100"];
      if (typing && i === words.length - 1) {
        parts.push(word);
      }
      if (word.length >= 7) {
        parts.push(word + "~2");
      } else if (word.length >= 5) {
        parts.push(word + "~1");
      }
      return parts.join(" ");
    }).join(" ");
  }

  // Material lists query words it did not find at the start of an indexed word as "Missing". With
  // stems and near spellings that list is wrong (it would say "driving" is missing from a page
  // about "drive"), so it is left out.
  function withoutMissing(result) {
    (result.items || []).forEach(function (group) {
      group.forEach(function (item) {
        Object.keys(item.terms || {}).forEach(function (term) {
          if (!item.terms[term]) {
            delete item.terms[term];
          }
        });
      });
    });
    return result;
  }

  // Material's worker registers one "message" listener and answers with postMessage. Both are
  // wrapped before it loads, so queries arrive rewritten and results leave tidied.
  var listeners = [];
  var addListener = scope.addEventListener.bind(scope);
  scope.addEventListener = function (type, listener, options) {
    if (type !== "message") {
      return addListener(type, listener, options);
    }
    listeners.push(listener);
  };
  // Material starts its worker on every page, but talks to it only once the reader turns to search
  // (docs/assets/javascripts/material-compat/on-demand.js holds the index back till then). So a real worker
  // loads Material's code (12 KB gzip) with the first message, not with the page (issue 13). The
  // iframe stand-in of the offline copy loads it at once, as before.
  var worker = new URL(named[1], here.split("#")[0]).href;
  var loaded = false;
  function load() {
    if (!loaded) {
      loaded = true;
      scope.importScripts(worker); // synchronous: Material's listener is registered when it returns
    }
  }
  addListener("message", function (event) {
    load();
    var message = event.data;
    if (message && message.type === QUERY && typeof message.data === "string") {
      message = { type: QUERY, data: forgiving(message.data) };
    }
    listeners.forEach(function (listener) { listener({ data: message }); });
  });
  var post = scope.postMessage;
  scope.postMessage = function (message) {
    if (message && message.type === RESULT && message.data) {
      withoutMissing(message.data);
    }
    return post.apply(scope, arguments);
  };

  if (typeof document !== "undefined") {
    load();
  }
})();
