(function () {
  "use strict";
  var nodes = $nodes;
  var edges = $edges;
  var docs = $docs;
  var timeline = $timeline;
  var options = $options;
  var container = document.getElementById("graph");
  window.kgGraph = {nodes: [], edges: []};
  if (!container || nodes.length === 0) { return; }
  var layoutInBrowser = options.physics.enabled;
  // Labels by importance: at the zoom the page opens with, the $labels_at_open best-ranked
  // nodes get labels of 12 to 18 px on screen; every other label is just under the size
  // vis draws, so it appears as one zooms in (or hovers over its node). One global font
  // size and a few dozen node fonts: a font on each of thousands of nodes slows vis down.
  var labelSize = {};
  function sizeLabels(s) {
    var t = $label_threshold, k = $labels_at_open;
    options.nodes.font.size = Math.round(10 * (t - 1.5) / s) / 10;
    nodes.forEach(function (n) {
      if (n.rank < k) {
        labelSize[n.id] = Math.round(10 * (t + 2 + 6 * (1 - n.rank / k)) / s) / 10;
        n.font = fontOf(n.id, "#222");
      }
    });
  }
  // The zoom vis's fit will choose for positions laid out in Python (the nodes drawn at opening).
  function fitScale() {
    var x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
    nodes.forEach(function (n) {
      if (n.core) { x0 = Math.min(x0, n.x); x1 = Math.max(x1, n.x); y0 = Math.min(y0, n.y); y1 = Math.max(y1, n.y); }
    });
    if (x0 === Infinity) { return 1; }
    return Math.min(1, container.clientWidth / (1.1 * (x1 - x0 + 80)), container.clientHeight / (1.1 * (y1 - y0 + 80)));
  }
  if (!layoutInBrowser) { sizeLabels(fitScale()); }
  var byId = {}, edgeById = {}, colours = {};
  nodes.forEach(function (n) { byId[n.id] = n; colours[n.id] = n.color; });
  edges.forEach(function (e) { edgeById[e.id] = e; });
  var nodeSet = new vis.DataSet(nodes), edgeSet = new vis.DataSet(edges);

  // ---- what is drawn: class, document, default view (core) or all, revealed nodes ----
  var coBox = document.getElementById("comentions"), coAtOpen = coBox.checked && !coBox.disabled;
  var shownKinds = {}, shownDoc = null, showAll = false, revealed = {}, showComentions = coAtOpen;
  var storyColours = false;
  nodes.forEach(function (n) { shownKinds[n.kind] = true; });
  function nodeShown(n) {
    return shownKinds[n.kind] && (showAll || n.core || revealed[n.id] === true) &&
      (shownDoc === null || n.docs.indexOf(shownDoc) >= 0);
  }
  function edgeShown(e) {
    if (!nodeShown(byId[e.from]) || !nodeShown(byId[e.to])) { return false; }
    if (e.kind === "comention") {
      return showComentions && (shownDoc === null || e.docs.indexOf(shownDoc) >= 0);
    }
    return shownDoc === null || e.ev.some(function (r) { return r[0] === shownDoc; });
  }
  var nodeView = new vis.DataView(nodeSet, {filter: nodeShown});
  var edgeView = new vis.DataView(edgeSet, {filter: edgeShown});
  var network = new vis.Network(container, {nodes: nodeView, edges: edgeView}, options);
  window.kgNetwork = network;  // for the browser tests and the curious
  // What is drawn right now, for tests and scripts: ids, labels and kinds.
  Object.defineProperty(window.kgGraph, "nodes", {get: function () {
    return nodeView.get().map(function (n) {
      return {id: n.id, label: n.label, name: n.name, kind: n.kind, date: n.date, story: n.story};
    });
  }});
  Object.defineProperty(window.kgGraph, "edges", {get: function () {
    return edgeView.get().map(function (e) {
      return {id: e.id, from: e.from, to: e.to, label: e.label, kind: e.kind,
              predicate: e.predicate, weight: e.weight || 1};
    });
  }});
  var status = document.getElementById("status");
  network.on("stabilizationProgress", function (p) {
    status.textContent = "laying out " + Math.round(100 * p.iterations / p.total) + "%";
  });
  // Stop the simulation once laid out, so large graphs do not keep spinning the CPU.
  network.on("stabilizationIterationsDone", function () {
    network.setOptions({physics: {enabled: false}});
    status.textContent = "";
  });
  network.once("afterDrawing", function () { document.body.setAttribute("data-drawn", "true"); });
  // Nodes that come into view get a place: in a small graph a short simulation settles
  // them among the rest; a big one was laid out whole in Python.
  function settle(then) {
    if (!layoutInBrowser) { if (then) { then(); } return; }
    if (then) { network.once("stabilizationIterationsDone", function () { setTimeout(then, 0); }); }
    network.setOptions({physics: {enabled: true}});
    network.stabilize(100);
  }

  // ---- filters: class and co-mentions (legend), document (select), all or main entities ----
  var more = document.getElementById("more"), stats = document.getElementById("stats");
  var mainCount = nodes.filter(function (n) { return n.core; }).length;
  function describe() {
    var drawn = nodeView.length, facts = 0, co = 0;
    edgeView.get().forEach(function (e) { if (e.kind === "comention") { co += 1; } else { facts += 1; } });
    stats.textContent = drawn + " of " + nodes.length + " entities drawn, " + facts + " relations" +
      (co ? ", " + co + " named-together links" : "");
    more.hidden = mainCount === nodes.length;
    more.textContent = showAll ? "show the main " + mainCount : "show all " + nodes.length + " entities";
  }
  function refilter(moved) {
    clearHighlight();
    nodeView.refresh();
    edgeView.refresh();
    describe();
    filterTimeline();
    if (moved) { settle(); }
  }
  document.querySelectorAll("#legend input.kind").forEach(function (box) {
    box.addEventListener("change", function () { shownKinds[box.value] = box.checked; refilter(); });
  });
  coBox.addEventListener("change", function () { showComentions = coBox.checked; refilter(); });
  var storyBox = document.getElementById("stories");
  storyBox.addEventListener("change", function () {
    storyColours = storyBox.checked;
    nodes.forEach(function (n) { colours[n.id] = storyColours ? n.storyColor : n.color; });
    nodeSet.update(nodes.map(function (n) { return {id: n.id, color: colours[n.id]}; }));
  });
  document.getElementById("document").addEventListener("change", function (ev) {
    shownDoc = ev.target.value === "" ? null : Number(ev.target.value);
    refilter();
  });
  more.addEventListener("click", function () { showAll = !showAll; refilter(true); });
  document.getElementById("fit").addEventListener("click", function () { network.fit({animation: false}); });
  document.getElementById("reset").addEventListener("click", reset);
  function reset() {
    Object.keys(shownKinds).forEach(function (k) { shownKinds[k] = true; });
    document.querySelectorAll("#legend input.kind").forEach(function (b) { b.checked = true; });
    shownDoc = null;
    document.getElementById("document").value = "";
    var grew = showAll || Object.keys(revealed).length > 0;
    showAll = false;
    revealed = {};
    coBox.checked = showComentions = coAtOpen;
    if (storyBox.checked) { storyBox.checked = false; storyBox.dispatchEvent(new Event("change")); }
    search.value = "";
    matches.textContent = "";
    scope = null;
    panel.hidden = true;
    network.unselectAll();
    refilter();
    network.fit({animation: false});
    if (grew) { settle(); }
  }

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
              font: fontOf(n.id, keep[n.id] ? "#222" : "rgba(150,150,150,0.5)")};
    }));
    edgeSet.update(edges.map(function (e) {
      var near = keep[e.from] && keep[e.to];
      return {id: e.id, color: {opacity: near ? 1 : 0.2}, font: {color: near ? "#555" : "rgba(150,150,150,0.3)"}};
    }));
    dimmed = true;
  }
  function clearHighlight() {
    if (!dimmed) { return; }
    nodeSet.update(nodes.map(function (n) {
      return {id: n.id, color: colours[n.id], font: fontOf(n.id, "#222")};
    }));
    edgeSet.update(edges.map(function (e) { return {id: e.id, color: {opacity: 1}, font: {color: "#555"}}; }));
    dimmed = false;
  }
  // A node's font: its own size if it is among the labelled few (data updates replace a
  // node's font object whole, so the size goes with every colour change).
  function fontOf(id, colour) {
    if (labelSize[id] === undefined) { return {color: colour}; }
    var now = nodeSet ? (nodeSet.get(id).font || {}).size : undefined;
    return {color: colour, size: now || labelSize[id]};
  }
  // A label too small to draw at this zoom is drawn while the pointer is on its node.
  function fontColour(id) { return (nodeSet.get(id).font || {}).color || "#222"; }
  network.on("hoverNode", function (p) {
    var wanted = ($label_threshold + 3) / network.getScale(), n = byId[p.node];
    if (!(labelSize[p.node] >= wanted)) { nodeSet.update({id: p.node, font: {size: wanted, color: fontColour(p.node)}}); }
    showTip([n.name, n.kind + (n.date ? " · " + n.date : "") + " · " + n.mentions + " mentions",
             n.aliases.length ? "also: " + n.aliases.join(" | ") : "", n.curie], p.pointer.DOM);
  });
  network.on("blurNode", function (p) {
    tip.hidden = true;
    if (byId[p.node]) { nodeSet.update({id: p.node, font: fontOf(p.node, fontColour(p.node))}); }
  });
  network.on("hoverEdge", function (p) {
    var e = edgeById[p.edge], a = byId[e.from].name, b = byId[e.to].name;
    showTip(e.kind === "comention" ? [a + " · " + b, "named together in " + e.weight + " sentence" + (e.weight === 1 ? "" : "s")]
                                   : [a + " → " + edgeName(e) + " → " + b, "kg:" + e.predicate], p.pointer.DOM);
  });
  network.on("blurEdge", function () { tip.hidden = true; });
  network.on("dragStart", function () { tip.hidden = true; });
  // Zoomed in, the few big labels would grow past reading size: once the zoom settles,
  // cap them at $max_label_px px on screen (vis's own maxVisible does not shrink text).
  var capTimer = null;
  function capLabels() {
    var ids = Object.keys(labelSize), base = options.nodes.font.size, changed = [];
    var biggest = Math.max.apply(null, ids.map(function (id) { return labelSize[id]; }));
    var shrink = Math.min(1, $max_label_px / network.getScale() / biggest);  // keeps them in proportion
    ids.forEach(function (id) {
      var size = Math.max(base, labelSize[id] * shrink), now = (nodeSet.get(id).font || {}).size;
      if (Math.abs(size - now) > 0.05) { changed.push({id: id, font: {size: size, color: fontColour(id)}}); }
    });
    if (changed.length) { nodeSet.update(changed); }
  }
  var drawnScale = null;  // whatever changed the zoom (the wheel, a focus, fit), cap once it is still
  network.on("afterDrawing", function () {
    var now = network.getScale();
    if (drawnScale !== null && Math.abs(now - drawnScale) > 1e-3) {
      tip.hidden = true;
      clearTimeout(capTimer);
      capTimer = setTimeout(capLabels, 150);
    }
    drawnScale = now;
  });

  // Tooltips are built on hover, with textContent: thousands of prebuilt ones cost seconds.
  var tip = el("div", null, document.body);
  tip.id = "tip";
  tip.hidden = true;
  function showTip(lines, at) {
    var box = container.getBoundingClientRect();
    tip.textContent = "";
    lines.forEach(function (line) { if (line) { el("div", line, tip); } });
    tip.style.left = Math.round(box.left + at.x + 14) + "px";
    tip.style.top = Math.round(box.top + at.y + 14) + "px";
    tip.hidden = false;
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
    close.addEventListener("click", function () {
      panel.hidden = true; network.unselectAll(); clearHighlight(); scope = null; filterTimeline();
    });
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
    if (n.when.length) {
      el("h3", "When", panel);
      n.when.forEach(function (d) {
        el("p", d[0] ? d[0] + (d[1] !== d[0] ? " (“" + d[1] + "”)" : "") : "“" + d[1] + "” (no calendar date)", panel)
          .style.fontWeight = "bold";
        d[2].forEach(function (r) { sentence(r[1], r[0], panel); });
      });
    }
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
    showRelations(n, panel);
    if (n.quotes.length) {
      el("h3", "Quoted", panel);
      n.quotes.forEach(function (q) { sentence("“" + q[0] + "”", q[1], panel); });
    }
    if (n.docs.length) {
      el("h3", "Documents", panel);
      var ul = el("ul", null, panel);
      n.docs.forEach(function (i) { el("li", docTitle(i), ul); });
    }
    el("code", n.curie, el("p", null, panel));
  }
  function showRelations(n, parent) {
    var mine = edges.filter(function (e) { return e.from === n.id || e.to === n.id; });
    var facts = mine.filter(function (e) { return e.kind === "fact"; });
    if (facts.length) {
      el("h3", "Relations (" + facts.length + ")", parent);
      facts.forEach(function (e) {
        var other = byId[e.from === n.id ? e.to : e.from];
        var line = e.from === n.id ? n.name + " → " + edgeName(e) + " → " + other.name
                                   : other.name + " → " + edgeName(e) + " → " + n.name;
        el("p", line, parent).style.fontWeight = "bold";
        e.ev.forEach(function (r) { sentence(r[1], r[0], parent); });
      });
    }
    var co = mine.filter(function (e) { return e.kind === "comention"; })
      .sort(function (a, b) { return b.weight - a.weight; });
    if (co.length) {
      el("h3", "Named in the same sentences as", parent);
      var ul = el("ul", null, parent);
      co.forEach(function (e) {
        el("li", byId[e.from === n.id ? e.to : e.from].name + " (" + e.weight + ")", ul);
      });
    }
  }
  function showEdge(id) {
    var e = edgeById[id];
    if (!e) { return; }
    if (e.kind === "comention") {
      openPanel(byId[e.from].name + " · " + byId[e.to].name);
      el("p", "named together in " + e.weight + " sentence" + (e.weight === 1 ? "" : "s") +
         " (a reading aid, not a fact of the graph)", panel);
      var ul = el("ul", null, panel);
      e.docs.forEach(function (i) { el("li", docTitle(i), ul); });
      return;
    }
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
    scope = id;
    filterTimeline();
  }
  network.on("click", function (p) {
    tip.hidden = true;
    if (p.nodes.length) { selectNode(p.nodes[0]); }
    else if (p.edges.length) {
      var e = edgeById[p.edges[0]];
      highlight([e.from, e.to]);
      showEdge(p.edges[0]);
    } else { clearHighlight(); panel.hidden = true; scope = null; filterTimeline(); }
  });

  // ---- timeline: dated events in date order; a document or a selected entity narrows it ----
  var scope = null, items = [];
  var list = document.querySelector("#timeline ol"), scopeText = document.getElementById("timeline-scope");
  timeline.forEach(function (t) {
    var li = el("li", null, list);
    li.setAttribute("data-event", t.event);
    li.setAttribute("tabindex", "0");
    el("time", t.dates.join(" · "), li).setAttribute("datetime", t.date);
    el("span", t.label, li).className = "event";
    var who = t.who.map(function (id) { return byId[id].name; });
    var where = t.where.map(function (id) { return byId[id].name; });
    if (who.length || where.length) {
      el("span", who.join(", ") + (where.length ? (who.length ? " · " : "") + "in " + where.join(", ") : ""), li)
        .className = "who";
    }
    function go() { focusNode(t.event); }
    li.addEventListener("click", go);
    li.addEventListener("keydown", function (ev) { if (ev.key === "Enter") { go(); } });
    items.push({li: li, t: t});
  });
  if (!timeline.length) { el("li", "No event has a calendar date.", list).className = "none"; }
  // A selected person, organisation or place keeps its own events (all of them when it has
  // none); a selected event is marked; the document filter keeps that document's events.
  function filterTimeline() {
    var who = scope !== null && byId[scope].kind !== "Event" ? scope : null;
    function inDoc(t) { return shownDoc === null || t.docs.indexOf(shownDoc) >= 0; }
    function involved(t) { return who === null || t.who.indexOf(who) >= 0 || t.where.indexOf(who) >= 0; }
    var own = items.filter(function (it) { return inDoc(it.t) && involved(it.t); }).length;
    var narrow = who !== null && own > 0, shown = 0;
    items.forEach(function (it) {
      var ok = inDoc(it.t) && (!narrow || involved(it.t));
      it.li.hidden = !ok;
      it.li.classList.toggle("active", it.t.event === scope);
      if (ok) { shown += 1; }
    });
    var parts = [];
    if (narrow) { parts.push("of " + byId[who].name); }
    if (shownDoc !== null) { parts.push("in " + docTitle(shownDoc)); }
    scopeText.textContent = shown + " of " + timeline.length + " dated events" + (parts.length ? " " + parts.join(" ") : "") +
      (who !== null && !narrow ? " (none of " + byId[who].name + ")" : "");
    var active = items.filter(function (it) { return it.t.event === scope; })[0];
    if (active) { active.li.scrollIntoView({block: "nearest", inline: "nearest"}); }
  }

  // ---- search by name or any alias ----
  var search = document.getElementById("search"), matches = document.getElementById("matches");
  var names = nodes.map(function (n) {
    return {id: n.id, keys: [n.name].concat(n.aliases).map(function (s) { return s.toLowerCase(); })};
  });
  function focusNode(id, animate) {
    var n = byId[id], grew = false;
    if (!shownKinds[n.kind] || (shownDoc !== null && n.docs.indexOf(shownDoc) < 0)) {
      Object.keys(shownKinds).forEach(function (k) { shownKinds[k] = true; });
      document.querySelectorAll("#legend input.kind").forEach(function (b) { b.checked = true; });
      shownDoc = null;
      document.getElementById("document").value = "";
      refilter();
    }
    if (!nodeShown(n)) {  // not in the main view: bring it in with its neighbours
      revealed[id] = true;
      edges.forEach(function (e) {
        if (e.kind === "fact" && (e.from === id || e.to === id)) { revealed[e.from] = revealed[e.to] = true; }
      });
      grew = true;
      refilter();
    }
    matches.textContent = "";
    tip.hidden = true;
    function land() {
      network.selectNodes([id]);
      network.focus(id, {scale: 1.2, animation: animate === false || grew ? false : {duration: 400}});
      selectNode(id);
    }
    if (grew && layoutInBrowser) { settle(land); } else { land(); }
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
  describe();
  filterTimeline();
  window.addEventListener("hashchange", fromHash);
  if (layoutInBrowser) {
    network.once("stabilizationIterationsDone", function () {
      setTimeout(function () {
        network.fit({animation: false});  // vis's own fit after stabilising may come later
        sizeLabels(network.getScale());
        network.setOptions({nodes: {font: {size: options.nodes.font.size}}});
        nodeSet.update(nodes.filter(function (n) { return n.font; }).map(function (n) { return {id: n.id, font: n.font}; }));
        fromHash();
      }, 0);
    });
  } else { fromHash(); }
})();
