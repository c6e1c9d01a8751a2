// Fold the verdict legend on narrow screens, where it would fill the first screen before the answers begin.
// Without JavaScript it stays open and reads as it is; the reader opens it again with its summary line.
(function () {
  "use strict";
  if (window.matchMedia("(max-width: 40rem)").matches) {
    document.querySelectorAll("details.legend-details").forEach((details) => {
      details.open = false;
    });
  }
})();
