/* "Cite this page": copy a citation to the clipboard. Our own code, no library.
   Without JavaScript or clipboard access the buttons stay hidden (reader.css) and the citation
   text can still be selected by hand. One click listener on the document keeps working when
   Material's instant navigation swaps the page content, so no re-binding is needed. */
(function () {
  "use strict";
  if (!navigator.clipboard || !window.isSecureContext) {
    return;
  }
  document.documentElement.classList.add("medref-can-copy");
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-medref-copy]");
    if (!button) {
      return;
    }
    var source = document.getElementById(button.getAttribute("data-medref-copy"));
    if (!source) {
      return;
    }
    navigator.clipboard.writeText(source.textContent.trim()).then(
      function () {
        button.textContent = "Copied";
        setTimeout(function () { button.textContent = "Copy"; }, 2000);
      },
      function () { button.textContent = "Select the text to copy"; }
    );
  });
})();
