// Places the dots of each entity's lane on the common time axis (no inline styles: CSP).
"use strict";
document.querySelectorAll(".lane-dot[data-left]").forEach(function (dot) {
  dot.style.left = dot.dataset.left + "%";
});
