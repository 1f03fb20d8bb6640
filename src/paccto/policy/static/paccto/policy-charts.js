// Charts of the policy dashboards, drawn by the vendored Chart.js from the figures the page
// hands over in a json_script tag (no inline script: the CSP forbids it).
(function () {
  "use strict";
  var PALETTE = ["#1f4e79", "#c0504d", "#9bbb59", "#8064a2", "#4bacc6", "#f79646", "#7f7f7f"];

  function config(spec) {
    var horizontal = spec.type === "hbar";
    var type = horizontal ? "bar" : spec.type;
    return {
      type: type,
      data: {
        labels: spec.labels,
        datasets: spec.datasets.map(function (d, i) {
          var colour = PALETTE[i % PALETTE.length];
          return {
            label: d.label,
            data: d.data,
            backgroundColor: colour,
            borderColor: colour,
            fill: false,
            tension: 0.2
          };
        })
      },
      options: {
        indexAxis: horizontal ? "y" : "x",
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        scales: {
          x: { stacked: !!spec.stacked, beginAtZero: true },
          y: { stacked: !!spec.stacked, beginAtZero: true }
        },
        plugins: { legend: { position: "bottom" } }
      }
    };
  }

  function draw() {
    var source = document.getElementById("policy-charts");
    if (!source || typeof window.Chart === "undefined") { return; }
    var specs = JSON.parse(source.textContent);
    specs.forEach(function (spec) {
      var canvas = document.querySelector('canvas[data-chart="' + spec.key + '"]');
      if (!canvas) { return; }
      new window.Chart(canvas, config(spec));
      canvas.dataset.drawn = "1";
    });
  }

  document.addEventListener("DOMContentLoaded", draw);
})();
