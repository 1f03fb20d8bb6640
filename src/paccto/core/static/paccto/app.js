// Small behaviours without inline scripts (the CSP forbids them).
(function () {
  "use strict";
  function init(root) {
    root.querySelectorAll("select[data-autosubmit]").forEach(function (el) {
      el.addEventListener("change", function () { el.form.submit(); });
    });
    root.querySelectorAll(".bars").forEach(function (chart) {
      var bars = chart.querySelectorAll(".bar");
      var max = 0;
      bars.forEach(function (b) { max = Math.max(max, Number(b.dataset.value) || 0); });
      bars.forEach(function (b) {
        var v = Number(b.dataset.value) || 0;
        b.querySelector(".bar-fill").style.width = (max ? (100 * v) / max : 0) + "%";
      });
    });
  }
  document.addEventListener("DOMContentLoaded", function () { init(document); });
  document.addEventListener("htmx:afterSwap", function (e) { init(e.target); });
})();
