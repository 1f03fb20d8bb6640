// The link chart: Cytoscape.js drawing what the analysis API returns for the signed-in user.
// No build step; strings come translated from the page (JSON script tag).
"use strict";
(function () {
  const config = JSON.parse(document.getElementById("chart-config").textContent);
  const T = config.strings;
  const container = document.getElementById("chart");
  const status = document.querySelector("[data-testid=chart-status]");
  const startForm = document.querySelector("[data-testid=chart-start]");
  const filterForm = document.querySelector("[data-testid=chart-filters] form");
  const palette = ["#0b4f8a", "#d97a00", "#1e7b3a", "#b3261e", "#6b4fbb", "#00838f",
    "#8d6e63", "#c2185b", "#558b2f", "#455a64"];
  const undoStack = [];
  let metrics = null;
  let groups = 0;

  const cy = cytoscape({
    container: container,
    wheelSensitivity: 0.3,
    style: [
      { selector: "node", style: { "label": "data(caption)", "font-size": 10,
        "background-color": "#7a8a99", "width": "data(size)", "height": "data(size)",
        "text-valign": "bottom", "text-margin-y": 2 } },
      { selector: "node[schema = 'Person']", style: { "shape": "ellipse" } },
      { selector: "node[schema != 'Person']", style: { "shape": "round-rectangle" } },
      { selector: "node[color]", style: { "background-color": "data(color)" } },
      { selector: "node:selected", style: { "border-width": 3, "border-color": "#f2b705" } },
      { selector: "node.pinned", style: { "border-width": 2, "border-style": "dashed",
        "border-color": "#333" } },
      { selector: ":parent", style: { "background-opacity": 0.08, "label": "data(caption)",
        "text-valign": "top" } },
      { selector: "edge", style: { "width": 1.5, "line-color": "#9aa5b1", "curve-style": "bezier",
        "label": "data(label)", "font-size": 8, "text-rotation": "autorotate",
        "target-arrow-shape": "triangle", "target-arrow-color": "#9aa5b1" } },
      { selector: ".path", style: { "line-color": "#b3261e", "target-arrow-color": "#b3261e",
        "width": 3, "border-width": 3, "border-color": "#b3261e" } },
      { selector: ".filtered", style: { "display": "none" } },
      { selector: ".hidden", style: { "display": "none" } },
    ],
  });
  window.paccoChart = cy;  // for the browser tests and the curious analyst's console

  function say(text) { status.textContent = text; }
  function justification() { return startForm.elements.justification.value.trim(); }

  function filters() {
    const data = new FormData(filterForm);
    const out = { link_types: data.getAll("link_types"), markets: data.getAll("markets"),
      source_reliability: data.getAll("source_reliability"),
      information_reliability: data.getAll("information_reliability") };
    if (data.get("date_from")) out.date_from = data.get("date_from");
    if (data.get("date_to")) out.date_to = data.get("date_to");
    return out;
  }

  // The CSRF cookie is HttpOnly: the token comes from the page's form.
  function csrf() { return startForm.elements.csrfmiddlewaretoken.value; }

  async function call(path, body) {
    if (!justification()) { say(T.needJustification); throw new Error("justification"); }
    say(T.loading);
    const response = await fetch(config.api + path, {
      method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrf() },
      body: JSON.stringify(Object.assign({ justification: justification(), filters: filters() }, body)),
    });
    const data = await response.json().catch(function () { return {}; });
    if (!response.ok) {
      const details = (data.errors || []).map(function (e) { return e.message; }).join(" ");
      say(details || data.detail || T.error);
      throw new Error(String(response.status));
    }
    return data;
  }

  function snapshot() {
    undoStack.push({ elements: cy.elements().jsons(), groups: groups });
    if (undoStack.length > 50) undoStack.shift();
  }

  function undo() {
    const last = undoStack.pop();
    if (!last) { say(T.nothingToUndo); return; }
    cy.elements().remove();
    cy.add(last.elements);
    groups = last.groups;
    say("");
  }

  function add(graph) {
    const added = cy.collection();
    graph.nodes.forEach(function (n) {
      const id = "n" + n.id;
      if (cy.getElementById(id).empty()) {
        added.merge(cy.add({ group: "nodes", data: Object.assign({ id: id, entity: n.id, size: 24 }, n,
          { id: id }) }));
      }
    });
    graph.edges.forEach(function (e) {
      const id = "e" + e.id;
      if (cy.getElementById(id).empty()) {
        added.merge(cy.add({ group: "edges", data: Object.assign({}, e, { id: id, link: e.id,
          source: "n" + e.source, target: "n" + e.target }) }));
      }
    });
    applyLocalFilters();
    return added;
  }

  function layout() {
    cy.layout({ name: "cose", animate: false, randomize: false, nodeDimensionsIncludeLabels: true })
      .run();
  }

  function summary() {
    const nodes = cy.nodes().not(":parent").filter(":visible").length;
    say(T.added + ": " + nodes + " · " + T.links + ": " + cy.edges(":visible").length);
  }

  function entityIds(collection) {
    return collection.not(":parent").map(function (n) { return n.data("entity"); });
  }

  function edgeKept(edge, f) {
    const d = edge.data();
    if (f.link_types.length && f.link_types.indexOf(d.link_type) < 0) return false;
    if (f.markets.length && !d.criminal_markets.some(function (m) { return f.markets.indexOf(m) >= 0; })) return false;
    if (f.source_reliability.length && f.source_reliability.indexOf(d.grade[0]) < 0) return false;
    if (f.information_reliability.length && f.information_reliability.indexOf(d.grade[1]) < 0) return false;
    if (f.date_from && d.end_date && d.end_date < f.date_from) return false;
    if (f.date_to && d.start_date && d.start_date > f.date_to) return false;
    return true;
  }

  function applyLocalFilters() {
    const f = filters();
    cy.edges().forEach(function (edge) { edge.toggleClass("filtered", !edgeKept(edge, f)); });
  }

  async function start(event) {
    event.preventDefault();
    const data = new FormData(startForm);
    const graph = await call("analysis/start", { kind: data.get("kind"), id: Number(data.get("id")) });
    snapshot();
    cy.elements().remove();
    add(graph);
    layout();
    summary();
  }

  async function expand(nodes) {
    const ids = entityIds(nodes);
    if (!ids.length) { say(T.selectOne); return; }
    const graph = await call("analysis/expand", { entity_ids: ids });
    snapshot();
    add(graph);
    layout();
    summary();
  }

  async function runMetrics() {
    const ids = entityIds(cy.nodes().filter(":visible"));
    if (!ids.length) { say(T.selectOne); return; }
    metrics = await call("analysis/metrics", { entity_ids: ids });
    paintMetrics();
    fillTable("pagerank", true);
    document.querySelector("[data-testid=chart-metrics]").hidden = false;
    document.querySelector("[data-testid=chart-metrics-summary]").textContent =
      metrics.node_count + " · " + metrics.edge_count + " " + T.links + " · " +
      metrics.community_count + " " + T.communities +
      (metrics.centrality_sample ? " · " + T.sampled.replace("%(sample)s", metrics.centrality_sample) : "");
    say(metrics.community_count + " " + T.communities);
  }

  function paintMetrics() {
    if (!metrics) return;
    const key = document.querySelector("[data-testid=chart-metric]").value;
    const top = Math.max.apply(null, metrics.nodes.map(function (m) { return m[key]; }).concat([1e-9]));
    metrics.nodes.forEach(function (m) {
      const node = cy.getElementById("n" + m.id);
      if (node.empty()) return;
      node.data("size", 16 + 44 * (m[key] / top));
      node.data("color", palette[m.community % palette.length]);
      node.data("metrics", m);
    });
  }

  function fillTable(key, descending) {
    const body = document.querySelector("[data-testid=chart-metrics-rows]");
    const rows = metrics.nodes.map(function (m) {
      const node = cy.getElementById("n" + m.id);
      return Object.assign({ caption: node.empty() ? String(m.id) : node.data("caption") }, m);
    });
    rows.sort(function (a, b) {
      const order = a[key] < b[key] ? -1 : a[key] > b[key] ? 1 : 0;
      return descending ? -order : order;
    });
    body.replaceChildren.apply(body, rows.map(function (r) {
      const tr = document.createElement("tr");
      tr.dataset.entity = r.id;
      ["caption", "degree", "betweenness", "closeness", "eigenvector", "pagerank", "coreness",
        "community"].forEach(function (k) {
        const td = document.createElement("td");
        const v = r[k];
        td.textContent = typeof v === "number" && !Number.isInteger(v) ? v.toFixed(4) : String(v);
        tr.appendChild(td);
      });
      return tr;
    }));
  }

  async function paths() {
    const chosen = entityIds(cy.nodes(":selected"));
    if (chosen.length !== 2) { say(T.selectTwo); return; }
    const slack = Number(document.querySelector("select[name=slack]").value);
    const result = await call("analysis/paths", { source: chosen[0], target: chosen[1], slack: slack });
    snapshot();
    cy.elements().removeClass("path");
    add(result);
    if (result.length === null) { say(T.noPath); return; }
    result.nodes.forEach(function (n) { cy.getElementById("n" + n.id).addClass("path"); });
    result.edges.forEach(function (e) { cy.getElementById("e" + e.id).addClass("path"); });
    layout();
    say(T.pathLength + ": " + result.length + " · " + result.paths.length + " " + T.paths);
  }

  async function connect() {
    const chosen = entityIds(cy.nodes(":selected"));
    if (chosen.length < 2) { say(T.selectMany); return; }
    const result = await call("analysis/connect", { entity_ids: chosen });
    snapshot();
    cy.elements().removeClass("path");
    add(result);
    result.nodes.forEach(function (n) { cy.getElementById("n" + n.id).addClass("path"); });
    result.edges.forEach(function (e) { cy.getElementById("e" + e.id).addClass("path"); });
    layout();
    summary();
  }

  function download(name, url) {
    const link = document.querySelector("[data-testid=chart-download]");
    link.download = name;
    link.href = url;
    link.click();
    say(T.exported);
  }

  function exportData() {
    const visible = cy.elements(":visible");
    const data = {
      nodes: visible.nodes().not(":parent").map(function (n) {
        const d = n.data();
        return { id: d.entity, schema: d.schema, caption: d.caption, country: d.country,
          criminal_markets: d.criminal_markets, grade: d.grade, metrics: d.metrics || null,
          position: n.position() };
      }),
      edges: visible.edges().map(function (e) {
        const d = e.data();
        return { id: d.link, source: d.source.slice(1) * 1, target: d.target.slice(1) * 1,
          link_type: d.link_type, start_date: d.start_date, end_date: d.end_date,
          criminal_markets: d.criminal_markets, grade: d.grade };
      }),
    };
    const blob = new Blob([JSON.stringify(data, null, 2)], { type: "application/json" });
    download("link-chart.json", URL.createObjectURL(blob));
  }

  const actions = {
    expand: function () { return expand(cy.nodes(":selected")); },
    hide: function () { snapshot(); cy.elements(":selected").addClass("hidden"); summary(); },
    show: function () { snapshot(); cy.elements().removeClass("hidden"); summary(); },
    group: function () {
      const chosen = cy.nodes(":selected").not(":parent");
      if (chosen.length < 2) { say(T.selectMany); return; }
      snapshot();
      groups += 1;
      const id = "g" + groups;
      cy.add({ group: "nodes", data: { id: id, caption: T.group + " " + groups, size: 24 } });
      chosen.move({ parent: id });
    },
    ungroup: function () {
      snapshot();
      cy.nodes(":selected").filter(":parent").forEach(function (parent) {
        parent.children().move({ parent: null });
        parent.remove();
      });
    },
    pin: function () {
      snapshot();
      cy.nodes(":selected").forEach(function (n) {
        if (n.locked()) { n.unlock(); n.removeClass("pinned"); } else { n.lock(); n.addClass("pinned"); }
      });
    },
    undo: undo,
    layout: layout,
    png: function () { download("link-chart.png", cy.png({ full: true, scale: 2, bg: "#ffffff" })); },
    json: exportData,
    metrics: runMetrics,
    paths: paths,
    connect: connect,
    timeline: function () {
      const chosen = cy.nodes(":selected").not(":parent");
      const nodes = (chosen.length ? chosen : cy.nodes(":visible").not(":parent")).slice(0, 50);
      const params = new URLSearchParams({ justification: justification() });
      entityIds(nodes).forEach(function (id) { params.append("entity", id); });
      window.location.href = config.timeline + "?" + params.toString();
    },
  };

  document.querySelectorAll("[data-action]").forEach(function (button) {
    button.addEventListener("click", function () {
      Promise.resolve(actions[button.dataset.action]()).catch(function () {});
    });
  });
  document.querySelectorAll("table.sortable th[data-sort]").forEach(function (th) {
    th.addEventListener("click", function () {
      if (!metrics) return;
      const descending = th.dataset.order !== "desc";
      th.dataset.order = descending ? "desc" : "asc";
      fillTable(th.dataset.sort, descending);
    });
  });
  document.querySelector("[data-testid=chart-metric]").addEventListener("change", paintMetrics);
  startForm.addEventListener("submit", function (event) { start(event).catch(function () {}); });
  filterForm.addEventListener("submit", function (event) {
    event.preventDefault();
    applyLocalFilters();
    summary();
  });
  cy.on("dbltap", "node", function (event) { expand(event.target).catch(function () {}); });
  if (config.start.id && config.start.justification) {
    startForm.requestSubmit();
  }
})();
