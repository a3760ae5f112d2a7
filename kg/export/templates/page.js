(function () {
  "use strict";
  var nodes = $nodes;
  var edges = $edges;
  var docs = $docs;
  var options = $options;
  var container = document.getElementById("graph");
  if (!container || nodes.length === 0) { return; }
  // Tooltips are escaped HTML; parse them in an inert <template> into elements so vis
  // shows them formatted (vis 9 prints plain strings as text) and nothing can run.
  function tooltip(markup) {
    var t = document.createElement("template");
    t.innerHTML = markup;
    var div = document.createElement("div");
    div.appendChild(t.content);
    return div;
  }
  var byId = {}, colours = {};
  nodes.forEach(function (n) { n.title = tooltip(n.title); byId[n.id] = n; colours[n.id] = n.color; });
  edges.forEach(function (e) { e.title = tooltip(e.title); });
  var nodeSet = new vis.DataSet(nodes), edgeSet = new vis.DataSet(edges);
  var shownKinds = {}, shownDoc = null;
  nodes.forEach(function (n) { shownKinds[n.kind] = true; });
  function nodeShown(n) {
    return shownKinds[n.kind] && (shownDoc === null || n.docs.indexOf(shownDoc) >= 0);
  }
  function edgeShown(e) {
    return nodeShown(byId[e.from]) && nodeShown(byId[e.to]) &&
      (shownDoc === null || e.ev.some(function (r) { return r[0] === shownDoc; }));
  }
  var nodeView = new vis.DataView(nodeSet, {filter: nodeShown});
  var edgeView = new vis.DataView(edgeSet, {filter: edgeShown});
  var network = new vis.Network(container, {nodes: nodeView, edges: edgeView}, options);
  window.kgNetwork = network;  // for the browser tests and the curious
  var status = document.getElementById("status");
  network.on("stabilizationProgress", function (p) {
    status.textContent = "laying out " + Math.round(100 * p.iterations / p.total) + "%";
  });
  // Stop the simulation once laid out, so large graphs do not keep spinning the CPU.
  network.once("stabilizationIterationsDone", function () {
    network.setOptions({physics: {enabled: false}});
    status.textContent = "";
  });
  network.once("afterDrawing", function () { document.body.setAttribute("data-drawn", "true"); });

  // ---- filters: class (legend check boxes) and document (select) ----
  function refilter() { clearHighlight(); nodeView.refresh(); edgeView.refresh(); }
  document.querySelectorAll("#legend input").forEach(function (box) {
    box.addEventListener("change", function () { shownKinds[box.value] = box.checked; refilter(); });
  });
  document.getElementById("document").addEventListener("change", function (ev) {
    shownDoc = ev.target.value === "" ? null : Number(ev.target.value);
    refilter();
  });

  // ---- neighbourhood highlight ----
  // Small graphs dim everything outside the neighbourhood; past $dim_limit nodes restyling
  // every node costs seconds, so the neighbourhood is selected (vis's own highlight).
  var dimmed = false, dim = nodes.length <= $dim_limit;
  function highlight(ids) {
    if (!dim) { network.selectNodes(ids, true); return; }
    var keep = {};
    ids.forEach(function (id) { keep[id] = true; });
    nodeSet.update(nodes.map(function (n) {
      return {id: n.id, color: keep[n.id] ? colours[n.id] : "rgba(200,200,200,0.35)",
              font: {color: keep[n.id] ? "#222" : "rgba(150,150,150,0.5)"}};
    }));
    edgeSet.update(edges.map(function (e) {
      var near = keep[e.from] && keep[e.to];
      return {id: e.id, color: {opacity: near ? 1 : 0.2}, font: {color: near ? "#555" : "rgba(150,150,150,0.3)"}};
    }));
    dimmed = true;
  }
  function clearHighlight() {
    if (!dimmed) { return; }
    nodeSet.update(nodes.map(function (n) { return {id: n.id, color: colours[n.id], font: {color: "#222"}}; }));
    edgeSet.update(edges.map(function (e) { return {id: e.id, color: {opacity: 1}, font: {color: "#555"}}; }));
    dimmed = false;
  }

  // ---- side panel: built with textContent only, so corpus text stays text ----
  var panel = document.getElementById("panel");
  function el(tag, text, parent) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    if (parent) { parent.appendChild(e); }
    return e;
  }
  function docTitle(i) {
    var d = docs[i];
    return d ? d.title + (d.date ? " (" + d.date + ")" : "") : "unknown document";
  }
  function sentence(text, doc, parent) {
    var q = el("blockquote", text, parent);
    el("cite", "— " + docTitle(doc), q);
  }
  function openPanel(heading) {
    panel.textContent = "";
    var close = el("button", "×", panel);
    close.className = "close";
    close.setAttribute("aria-label", "close");
    close.addEventListener("click", function () { panel.hidden = true; network.unselectAll(); clearHighlight(); });
    el("h2", heading, panel);
    panel.hidden = false;
    return panel;
  }
  function edgeName(e) { return e.predicate === "relatedTo" ? e.label + " (relatedTo)" : e.label; }
  function showNode(id) {
    var n = byId[id];
    if (!n) { return; }
    openPanel(n.name);
    el("p", n.kind + " · " + n.mentions + " mention" + (n.mentions === 1 ? "" : "s"), panel);
    if (n.aliases.length) {
      el("h3", "Also called", panel);
      el("p", n.aliases.join(", "), panel);
    }
    if (n.roles.length) {
      el("h3", "Roles", panel);
      n.roles.forEach(function (r) {
        el("p", r[0], panel).style.fontWeight = "bold";
        if (r[2]) { sentence(r[2], r[1], panel); }
      });
    }
    var mine = edges.filter(function (e) { return e.from === id || e.to === id; });
    if (mine.length) {
      el("h3", "Relations (" + mine.length + ")", panel);
      mine.forEach(function (e) {
        var other = byId[e.from === id ? e.to : e.from];
        var line = e.from === id ? n.name + " → " + edgeName(e) + " → " + other.name
                                 : other.name + " → " + edgeName(e) + " → " + n.name;
        el("p", line, panel).style.fontWeight = "bold";
        e.ev.forEach(function (r) { sentence(r[1], r[0], panel); });
      });
    }
    if (n.quotes.length) {
      el("h3", "Quoted", panel);
      n.quotes.forEach(function (q) { sentence("“" + q[0] + "”", q[1], panel); });
    }
    if (n.docs.length) {
      el("h3", "Documents", panel);
      var ul = el("ul", null, panel);
      n.docs.forEach(function (i) { el("li", docTitle(i), ul); });
    }
    el("p", n.id, panel).style.color = "#888";
  }
  function showEdge(id) {
    var e = edgeSet.get(id);
    if (!e) { return; }
    openPanel(byId[e.from].name + " → " + edgeName(e) + " → " + byId[e.to].name);
    el("p", "property kg:" + e.predicate, panel);
    el("h3", "Evidence (" + e.ev.length + ")", panel);
    e.ev.forEach(function (r) {
      sentence(r[1], r[0], panel);
      el("cite", "method " + r[2] + ", confidence " + r[3], panel);
    });
  }
  function selectNode(id) {
    var ids = network.getConnectedNodes(id).concat([id]);
    highlight(ids);
    showNode(id);
  }
  network.on("click", function (p) {
    if (p.nodes.length) { selectNode(p.nodes[0]); }
    else if (p.edges.length) {
      var e = edgeSet.get(p.edges[0]);
      highlight([e.from, e.to]);
      showEdge(p.edges[0]);
    } else { clearHighlight(); panel.hidden = true; }
  });

  // ---- search by name or any alias ----
  var search = document.getElementById("search"), matches = document.getElementById("matches");
  var names = nodes.map(function (n) {
    return {id: n.id, keys: [n.name].concat(n.aliases).map(function (s) { return s.toLowerCase(); })};
  });
  function focusNode(id, animate) {
    var n = byId[id];
    if (!nodeShown(n)) {  // a hidden class or document: show everything again
      Object.keys(shownKinds).forEach(function (k) { shownKinds[k] = true; });
      document.querySelectorAll("#legend input").forEach(function (b) { b.checked = true; });
      shownDoc = null;
      document.getElementById("document").value = "";
      refilter();
    }
    matches.textContent = "";
    network.selectNodes([id]);
    network.focus(id, {scale: 1.2, animation: animate === false ? false : {duration: 400}});
    selectNode(id);
  }
  function find(text) {
    var q = text.trim().toLowerCase();
    if (!q) { return []; }
    var exact = [], starts = [], inside = [];
    names.forEach(function (r) {
      if (r.keys.indexOf(q) >= 0) { exact.push(r.id); }
      else if (r.keys.some(function (k) { return k.indexOf(q) === 0; })) { starts.push(r.id); }
      else if (r.keys.some(function (k) { return k.indexOf(q) > 0; })) { inside.push(r.id); }
    });
    return exact.concat(starts, inside).slice(0, 20);
  }
  window.kgFind = find;
  window.kgFocus = focusNode;
  search.addEventListener("input", function () {
    matches.textContent = "";
    find(search.value).forEach(function (id) {
      var li = el("li", byId[id].name + " · " + byId[id].kind, matches);
      li.addEventListener("mousedown", function (ev) { ev.preventDefault(); focusNode(id); });
    });
  });
  search.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter") { var hit = find(search.value); if (hit.length) { focusNode(hit[0]); } }
    if (ev.key === "Escape") { matches.textContent = ""; }
  });
  search.addEventListener("blur", function () { matches.textContent = ""; });

  // graph.html#Some%20Name opens with that node found and its panel shown.
  function fromHash() {
    var hit = location.hash.length > 1 ? find(decodeURIComponent(location.hash.slice(1))) : [];
    if (hit.length) { search.value = byId[hit[0]].name; focusNode(hit[0], false); }
  }
  window.addEventListener("hashchange", fromHash);
  if (options.physics.enabled) {
    network.once("stabilizationIterationsDone", function () { setTimeout(fromHash, 0); });
  } else { fromHash(); }
})();
