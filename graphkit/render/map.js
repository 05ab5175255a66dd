/* graphkit map: builds the page from the data written by graphkit.render.
 * Every string from the data reaches the page through textContent (or as a
 * plain-text vis-network title, which vis-network 9 sets with innerText):
 * never through innerHTML. Filters change the vis DataSets in one batch
 * (update({id, hidden})) and never rebuild the network. */
(function () {
  "use strict";
  var timings = window.graphkitTimings = { start: performance.now() };

  // ------------------------------------------------------------ the data
  // The data travels packed (graphkit/render/pack.py): rows stored by
  // column, repeated values once, gzip-compressed, in base64; the
  // browser's own DecompressionStream inflates it (no request).
  /** The rows of a packed list, as one object per row. */
  function unrows(p, ids) {
    var n = p.$rows, rows = new Array(n);
    for (var i = 0; i < n; i++) rows[i] = {};
    Object.keys(p.c).forEach(function (k) {
      var col = p.c[k];
      if (col.s) {
        var vs = uncolumn(col.c, col.s.length, ids);
        for (var j = 0; j < col.s.length; j++) rows[col.s[j]][k] = vs[j];
      } else {
        var all = uncolumn(col, n, ids);
        for (var r = 0; r < n; r++) rows[r][k] = all[r];
      }
    });
    return rows;
  }
  function uncolumn(col, n, ids) {
    var out = new Array(n), i;
    if (col.k) { for (i = 0; i < n; i++) out[i] = ids[col.k[i]]; return out; }
    if (col.o) {
      var keys = Object.keys(col.o), parts = keys.map(function (k) { return uncolumn(col.o[k], n, ids); });
      for (i = 0; i < n; i++) {
        var o = {};
        for (var j = 0; j < keys.length; j++) o[keys[j]] = parts[j][i];
        out[i] = o;
      }
      return out;
    }
    if (col.t) {
      var cols = col.t.map(function (c) { return uncolumn(c, n, ids); });
      for (i = 0; i < n; i++) out[i] = cols.map(function (c) { return c[i]; });
      return out;
    }
    if (col.p !== undefined) { for (i = 0; i < n; i++) out[i] = col.p + i; return out; }
    if (col.d) { for (i = 0; i < n; i++) out[i] = col.d[col.x[i]]; return out; }
    return col.v;
  }
  var ROWS = ["edges", "recommended_edges", "gap_edges"], GROUPS = ["recommendations", "gaps"];
  function unpack(p) {
    // the metrics also by column, as they travel (the panel ranks an actor among all)
    var mc = p.nodes.c.metrics;
    p.metric_columns = mc && mc.t ? mc.t.map(function (c) { return uncolumn(c, p.nodes.$rows, []); }) : [];
    p.nodes = unrows(p.nodes, []);
    var ids = p.nodes.map(function (n) { return n.id; });
    ROWS.forEach(function (k) { p[k] = unrows(p[k], ids); });
    GROUPS.forEach(function (k) {
      var g = p[k], rows = unrows(g.rows, ids), by = Object.create(null), at = 0;
      g.$groups.forEach(function (a, i) { by[a] = rows.slice(at, at + g.sizes[i]); at += g.sizes[i]; });
      p[k] = by;
    });
    return p;
  }
  function readData() {
    var node = document.getElementById("graphkit-data"), bin = atob(node.textContent.trim());
    var bytes = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
    return new Response(stream).text().then(function (text) {
      timings.inflated = performance.now();
      return unpack(JSON.parse(text));
    });
  }
  if (typeof DecompressionStream === "undefined") {
    var note = document.getElementById("gk-empty");
    note.textContent = "Cette carte demande un navigateur récent. This map needs a recent browser.";
    note.hidden = false;
    return;
  }
  readData().then(build).catch(function (err) {
    window.graphkitError = String(err);
    throw err;
  });

  function build(D) {
  timings.parsed = performance.now();
  var lang = D.meta.lang;
  var TYPES = dict(), COOPS = dict();
  D.legend.actor_types.forEach(function (t) { TYPES[t.key] = t; });
  D.legend.cooperation_types.forEach(function (t) { COOPS[t.key] = t; });
  var GLYPH = { dot: "\u25CF", square: "\u25A0", triangle: "\u25B2", triangleDown: "\u25BC",
    diamond: "\u25C6", star: "\u2605", hexagon: "\u2B22", box: "\u25AC", database: "\u26C1" };
  var LABEL_INSIDE = { box: true, ellipse: true, database: true, circle: true, text: true };
  var REC = D.legend.recommendation_colour, GAP = D.legend.gap_colour;

  // ------------------------------------------------------------ helpers
  /** ``obj[key]`` when ``obj`` has it as its own property (never inherited). */
  function own(obj, key) {
    return obj && Object.prototype.hasOwnProperty.call(obj, key) ? obj[key] : undefined;
  }
  function dict() { return Object.create(null); }
  function t(key) { var v = own(D.texts[lang], key); return v === undefined ? key : v; }
  function $(id) { return document.getElementById(id); }
  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  }
  function clear(e) { while (e.firstChild) e.removeChild(e.firstChild); }
  function fold(s) {
    return String(s).normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().trim();
  }
  /** A text given in both languages ({fr, en}) in the current one. */
  function tr(v) { return v !== null && typeof v === "object" ? v[lang] : v; }
  function countryName(code) {
    if (!code) return t("no_country");
    var names = own(D.country_names, code);
    return names ? names[lang] : code;
  }
  // number formats made once per language (toLocaleString with options
  // builds one at every call: the slowest part of a large panel)
  var formats = new Map();
  function format(key, opts) {
    var f = formats.get(lang + key);
    if (!f) formats.set(lang + key, f = new Intl.NumberFormat(lang, opts));
    return f;
  }
  function fmt(v) {
    if (v === null || v === undefined) return "\u2014";
    if (typeof v === "number") {
      var plain = Number.isInteger(v) && Math.abs(v) < 10000;
      return format(plain ? "4p" : "4", { maximumSignificantDigits: 4, useGrouping: !plain }).format(v);
    }
    return String(v);
  }
  function fmt2(v) {
    return typeof v === "number" ? format("2", { maximumSignificantDigits: 2 }).format(v) : fmt(v);
  }
  var metricColumns = [];  // per metric: every actor's value (NaN: none), made when first asked
  /** A metric in words: the community's number, else the actor's rank
   * ("3rd of 277": one plus how many actors have a higher value), with the
   * value itself when it is a whole number. */
  function metricWords(key, i, n) {
    var v = n.metrics[i];
    if (v === null || v === undefined) return "\u2014";
    if (key === "community") return n.community >= 0 ? t("community") + " " + (n.community + 1) : t("no_community");
    if (/_year$/.test(key)) return String(v);  // a year is not ranked
    var col = metricColumns[i], k, x;
    if (!col) {
      var from = D.metric_columns[i];
      col = metricColumns[i] = new Float64Array(D.nodes.length);
      for (k = 0; k < col.length; k++) {
        x = from ? from[k] : D.nodes[k].metrics[i];
        col[k] = typeof x === "number" ? x : NaN;
      }
    }
    var higher = 0, valued = 0;
    for (k = 0; k < col.length; k++) {
      x = col[k];
      if (x === x) { valued++; if (x > v) higher++; }
    }
    var rank = t("rank_of").replace("{rank}", higher + 1).replace("{n}", valued);
    return Number.isInteger(v) ? fmt(v) + " \u00B7 " + rank : rank;
  }
  function typeName(key) { var r = TYPES[key] || COOPS[key]; return r ? r[lang] : key; }

  // ------------------------------------------------------------ data sets
  // Every dictionary keyed by data (actor ids, country codes) is a Map or
  // has no prototype: ids such as "__proto__" or "constructor" are plain keys.
  var nodeById = new Map();
  // vis-network keeps its nodes in plain objects: it gets the node's index
  // as id (n.k), never the actor id ("__proto__" would break it).
  D.nodes.forEach(function (n, k) { n.k = k; nodeById.set(n.id, n); });
  function vid(id) { var n = nodeById.get(id); return n ? n.k : undefined; }
  function aid(k) { var n = D.nodes[k]; return n ? n.id : null; }
  [D.edges, D.recommended_edges, D.gap_edges].forEach(function (list) {
    list.forEach(function (e, i) { e.a = vid(e.from); e.b = vid(e.to); e.i = i; });
  });
  // each actor's ties, by node index
  var adjacency = new Array(D.nodes.length);
  function link(k, e) {
    var list = adjacency[k];
    if (!list) adjacency[k] = list = [];
    list.push(e);
  }
  D.edges.forEach(function (e) { link(e.a, e); if (e.b !== e.a) link(e.b, e); });
  D.edges.forEach(function (e) {  // an actor appears with its first dated tie
    if (!e.years.length) return;
    [nodeById.get(e.from), nodeById.get(e.to)].forEach(function (n) {
      if (n.y0 === undefined || e.years[0] < n.y0) n.y0 = e.years[0];
    });
  });
  var edgeById = new Map();
  D.edges.forEach(function (e) { edgeById.set(e.id, e); });
  function edgesOf(id) { return adjacency[vid(id)] || []; }
  function communityColour(g) {
    if (g === undefined || g < 0) return null;
    return g < D.legend.communities.length ? D.legend.communities[g].colour
      : D.legend.other_community_colour;
  }
  function nodeTitle(n) {
    var lines = [n.label, typeName(n.type) + " \u00B7 " + countryName(n.country)];
    if (n.members !== undefined) lines.push(n.members + " " + t("members"));
    return lines.join("\n");
  }
  function yearsText(e) {
    return e.years.length ? (e.years.length === 1 ? String(e.years[0])
      : e.years[0] + "\u2013" + e.years[e.years.length - 1]) : t("undated");
  }
  function edgeExtras(e) {
    var parts = [];
    if (e.programmes) parts.push(t("programmes") + t("colon") + e.programmes.join(", "));
    if (e.notes) parts.push(e.notes.join(" / "));
    return parts;
  }
  function edgeTitle(e) {
    return [typeName(e.type), nodeById.get(e.from).label + " \u2014 " + nodeById.get(e.to).label,
      e.count + " \u00D7 \u00B7 " + yearsText(e)].concat(edgeExtras(e)).join("\n");
  }
  var big = D.nodes.length > 2000;
  // Node styles go into vis groups (one per actor type and community colour)
  // and edges carry as few options as they can: vis-network parses the
  // options of every item, which dominates the first draw of large maps.
  var groups = dict();
  function groupOf(n) {
    var ty = TYPES[n.type] || { colour: "#999999", shape: "dot" };
    var border = communityColour(n.community);
    var key = n.type + "|" + (border || "");
    if (!groups[key]) {
      // no shape that holds its label (the page draws the names)
      groups[key] = { shape: LABEL_INSIDE[ty.shape] ? "dot" : ty.shape, borderWidth: border ? 3 : 1, borderWidthSelected: 5,
        color: { background: ty.colour, border: border || "#555555",
          highlight: { background: ty.colour, border: "#000000" },
          hover: { background: ty.colour, border: "#000000" } } };
    }
    return key;
  }
  // every style known before vis-network reads the options (the first view
  // may hold groups only; actors come later, when a group opens)
  D.nodes.forEach(groupOf);
  /** The name drawn for an actor (a collapsed group: with its members). */
  function nameOf(n) { return n.members ? n.label + " (" + n.members + ")" : n.label; }
  function visNode(n) {
    // no vis-network label: the page names the actors (drawLabels), so
    // vis-network never measures the names of a whole view
    return { id: n.k, name: nameOf(n), x: n.x, y: n.y, value: n.size, group: groupOf(n),
      title: nodeTitle(n), hidden: !!hiddenN[n.k] || clusterOf[n.k] >= 0 };
  }
  function visEdge(e) {
    var c = COOPS[e.type];
    var v = { id: e.id, from: e.a, to: e.b, width: e.width, title: edgeTitle(e), color: c.colour,
      hidden: !!hiddenE[e.i] };
    if (c.dashes) v.dashes = true;
    if (c.directed && !big) v.arrows = "to";
    return v;
  }
  // With the edge layer (large maps) the cooperation edges never enter
  // vis-network's DataSet (adding, clearing and filtering 100 000 items
  // there dominated every change of view): the layer draws the visible ones
  // of the view beneath the nodes, from the data and the filter state.
  var LAYER = !!D.meta.edge_layer;
  var nodes = new vis.DataSet();
  var edges = new vis.DataSet();
  var layerStats = { drawn: 0, segments: 0 };
  var layerPaused = false;
  /** Draw the visible cooperation edges, one path per type and width. */
  function drawLayer(ctx) {
    if (layerPaused) return;
    if (view.mode === "overview") return;
    if (GEO) { drawGeoTies(ctx); return; }
    if (!layerCache) layerCache = buildLayer();
    ctx.save();
    ctx.globalAlpha = 0.6;
    layerCache.paths.forEach(function (p) {
      ctx.strokeStyle = COOPS[p.type].colour;
      ctx.lineWidth = p.width;
      ctx.setLineDash(COOPS[p.type].dashes ? [8, 6] : []);
      ctx.stroke(p.path);
    });
    ctx.restore();
    layerStats.drawn++;
    layerStats.segments = layerCache.n;
  }
  // the layer's paths, kept until the view, the filters or a node's place
  // change (a redraw, a focus or a zoom then only strokes them)
  var layerCache = null;
  function buildLayer() {
    var body = network.body.nodes, paths = new Map(), n = 0, list = viewEdges || D.edges;
    for (var i = 0; i < list.length; i++) {
      var e = list[i];
      if (hiddenE[e.i]) continue;
      var a = body[e.a], b = body[e.b];
      if (!a || !b) continue;
      var w = Math.round(e.width * 2) / 2, key = e.type + "|" + w, p = paths.get(key);
      if (!p) paths.set(key, p = { type: e.type, width: w, path: new Path2D() });
      p.path.moveTo(a.x, a.y); p.path.lineTo(b.x, b.y);
      n++;
    }
    return { paths: Array.from(paths.values()), n: n };
  }


  // ------------------------------------------------------------ geography
  // --layout geo: the actors at their coordinates on Natural Earth's
  // countries (TopoJSON embedded in the page), projected as the layout was
  // (Web-Mercator, times meta.geo.scale, minus dx, dy); crowded actors are
  // clustered by place at the current zoom; ties between places are drawn
  // summed, those between two countries as arcs.
  var GEO = D.meta.geo || null;
  var basemap = null;  // { land: Path2D, borders: Path2D, polygons, points }
  function project(lon, lat) {
    lat = Math.max(-85, Math.min(85, lat));
    var y = Math.log(Math.tan(Math.PI / 4 + lat * Math.PI / 360)) * 180 / Math.PI;
    return [lon * GEO.scale - GEO.dx, -y * GEO.scale - GEO.dy];
  }
  /** Decode the TopoJSON arcs (quantized, delta-encoded) and build one
   * path for the land (every country's rings) and one for the borders. */
  function buildBasemap() {
    var topo = D.atlas, tf = topo.transform, arcs = [], points = 0;
    topo.arcs.forEach(function (arc) {
      var x = 0, y = 0, out = [];
      arc.forEach(function (p) {
        x += p[0]; y += p[1];
        out.push(project(x * tf.scale[0] + tf.translate[0], y * tf.scale[1] + tf.translate[1]));
      });
      points += out.length;
      arcs.push(out);
    });
    var borders = new Path2D(), land = new Path2D(), polygons = 0;
    arcs.forEach(function (a) {
      a.forEach(function (p, i) { if (i) borders.lineTo(p[0], p[1]); else borders.moveTo(p[0], p[1]); });
    });
    function ring(indices) {
      indices.forEach(function (i, j) {
        var a = i < 0 ? arcs[~i].slice().reverse() : arcs[i];
        a.forEach(function (p, k) { if (!j && !k) land.moveTo(p[0], p[1]); else land.lineTo(p[0], p[1]); });
      });
      land.closePath();
    }
    topo.objects.countries.geometries.forEach(function (g) {
      var polys = g.type === "Polygon" ? [g.arcs] : g.type === "MultiPolygon" ? g.arcs : [];
      polys.forEach(function (rings) { polygons++; rings.forEach(ring); });
    });
    return { land: land, borders: borders, polygons: polygons, points: points, arcs: arcs.length };
  }
  var geoStats = { basemapDrawn: 0, clusters: 0, clustered: 0, arcs: 0, ties: 0 };
  function drawBasemap(ctx) {
    if (!basemap) basemap = buildBasemap();
    var scale = Math.max(network.getScale(), 1e-4), c = network.canvas.frame.canvas;
    var a = network.DOMtoCanvas({ x: 0, y: 0 }), b = network.DOMtoCanvas({ x: c.clientWidth, y: c.clientHeight });
    ctx.save();
    ctx.fillStyle = "#dbe7f1";  // sea
    ctx.fillRect(a.x, a.y, b.x - a.x, b.y - a.y);
    ctx.fillStyle = "#f3f0e8";  // land
    ctx.fill(basemap.land, "evenodd");
    ctx.strokeStyle = "#a9a294"; ctx.lineWidth = 0.8 / scale;
    ctx.stroke(basemap.borders);
    ctx.restore();
    geoStats.basemapDrawn++;
  }
  // clusters: actors of the view within CLUSTER_PX screen pixels of each
  // other (a grid at the current zoom), two or more, drawn by the page as
  // one numbered marker. vis-network holds only the actors drawn alone near
  // the screen (``present``): a world view of 20 000 actors gives it a few.
  var CLUSTER_PX = 44, CLUSTER_MIN = 2;
  var clusterOf = new Int32Array(D.nodes.length).fill(-1), clusters = [];
  var present = new Uint8Array(D.nodes.length);  // in the DataSet (geo views)
  /** Where actor ``k`` is drawn (vis-network's node when it holds it). */
  function held(k) { return GEO ? present[k] : inView[k]; }
  function pos(k) {
    var b = network && network.body.nodes[k];
    return b || D.nodes[k];
  }
  /** Group the crowded actors of the view at the current zoom, and give
   * vis-network the actors drawn alone near the screen; returns the number
   * of markers. */
  function recluster() {
    if (!GEO || !network || view.mode === "overview") return 0;
    var scale = Math.max(network.getScale(), 1e-4), cell = CLUSTER_PX / scale, cells = new Map();
    var N = D.nodes.length, sel = state.selected ? vid(state.selected) : -1, k, n;
    for (k = 0; k < N; k++) {
      if (!inView[k] || hiddenN[k] || k === sel) continue;
      n = pos(k);
      var key = Math.floor(n.x / cell) + "," + Math.floor(n.y / cell), list = cells.get(key);
      if (!list) cells.set(key, list = []);
      list.push(k);
    }
    var next = new Int32Array(N).fill(-1), made = [], alone = [];
    // the crowded cells, largest first; a marker that would overlap one
    // already made joins it, and so does an actor alone under a marker:
    // nothing piles up on screen
    var crowded = [];
    cells.forEach(function (ks) { if (ks.length >= CLUSTER_MIN) crowded.push(ks); else alone.push.apply(alone, ks); });
    crowded.sort(function (a, b) { return b.length - a.length; });
    var near = new Map(), span = 2 * 24 / scale;  // markers by cell of twice the largest radius
    function around(x, y, fn) {
      var cx = Math.floor(x / span), cy = Math.floor(y / span);
      for (var dx = -1; dx <= 1; dx++) for (var dy = -1; dy <= 1; dy++) {
        var l = near.get((cx + dx) + "," + (cy + dy));
        if (l) for (var i = 0; i < l.length; i++) if (fn(l[i])) return l[i];
      }
      return null;
    }
    function centre(ks) {
      var x = 0, y = 0;
      ks.forEach(function (k) { var p = pos(k); x += p.x; y += p.y; });
      return { x: x / ks.length, y: y / ks.length };
    }
    crowded.forEach(function (ks) {
      var c = centre(ks), r = markerRadius(ks.length) / scale;
      var m = around(c.x, c.y, function (m) {  // at the size it has grown to
        return Math.hypot(m.x - c.x, m.y - c.y) < markerRadius(m.members.length) / scale + r;
      });
      if (m) {  // joins it (the marker keeps its place: the others stay clear)
        m.members.push.apply(m.members, ks);
        return;
      }
      m = { x: c.x, y: c.y, members: ks.slice(), countries: null, names: null };
      made.push(m);
      var key = Math.floor(c.x / span) + "," + Math.floor(c.y / span);
      if (!near.has(key)) near.set(key, []);
      near.get(key).push(m);
    });
    alone.forEach(function (k) {
      var p = pos(k), m = around(p.x, p.y, function (m) {
        return Math.hypot(m.x - p.x, m.y - p.y) < (markerRadius(m.members.length) + 4) / scale;
      });
      if (m) m.members.push(k);
    });
    made.forEach(function (m, i) {
      m.countries = new Set();
      m.members.forEach(function (k) { next[k] = i; m.countries.add(D.nodes[k].country); });
    });
    // the actors alone within a screen of the view
    var c = network.canvas.frame.canvas, W = c.clientWidth || 800, H = c.clientHeight || 600;
    var a = network.DOMtoCanvas({ x: -W, y: -H }), b = network.DOMtoCanvas({ x: 2 * W, y: 2 * H });
    var add = [], gone = [];
    for (k = 0; k < N; k++) {
      n = pos(k);
      var want = inView[k] && !hiddenN[k] && next[k] < 0 &&
        (k === sel || (n.x >= a.x && n.x <= b.x && n.y >= a.y && n.y <= b.y)) ? 1 : 0;
      if (want && !present[k]) { present[k] = 1; add.push(k); }
      else if (!want && present[k]) { present[k] = 0; gone.push(k); }
    }
    clusterOf = next; clusters = made; layerCache = null;
    quiet(function () {  // the caller draws the frame
      if (gone.length) nodes.remove(gone);
      if (add.length) nodes.add(add.map(function (k) { return visNode(D.nodes[k]); }));
    });
    geoStats.clusters = made.length;
    geoStats.clustered = made.reduce(function (s, c) { return s + c.members.length; }, 0);
    geoStats.present = nodes.length;
    return made.length;
  }
  /** A marker's radius in screen pixels, from its number of actors. */
  function markerRadius(n) { return Math.min(9 + 2.2 * Math.log2(n), 24); }
  /** The numbered markers, in screen pixels whatever the zoom. */
  function drawMarkers(ctx) {
    if (!GEO || view.mode === "overview" || !clusters.length) return;
    var scale = Math.max(network.getScale(), 1e-4);
    ctx.save();
    ctx.textAlign = "center"; ctx.textBaseline = "middle";
    clusters.forEach(function (c) {
      var r = markerRadius(c.members.length) / scale;
      ctx.beginPath(); ctx.arc(c.x, c.y, r, 0, 2 * Math.PI);
      ctx.fillStyle = "#1f4e79"; ctx.fill();
      ctx.lineWidth = 1.5 / scale; ctx.strokeStyle = "#ffffff"; ctx.stroke();
      ctx.fillStyle = "#ffffff";
      ctx.font = "bold " + Math.round(Math.min(10 + Math.log2(c.members.length), 14)) / scale + "px system-ui, sans-serif";
      ctx.fillText(String(c.members.length), c.x, c.y);
    });
    ctx.restore();
  }
  /** The marker under a point of the page (DOM coordinates of the canvas), or -1. */
  function markerAt(p) {
    var q = network.DOMtoCanvas(p), scale = Math.max(network.getScale(), 1e-4), best = -1, dist = Infinity;
    clusters.forEach(function (c, i) {
      var d = Math.hypot(c.x - q.x, c.y - q.y);
      if (d <= markerRadius(c.members.length) / scale && d < dist) { best = i; dist = d; }
    });
    return best;
  }
  function markerTitle(c) {
    var names = placeNames(c);
    return t("cluster_title").replace("{n}", c.members.length) + "\n" +
      names.slice(0, 6).join(", ") + (names.length > 6 ? "\u2026" : "") + "\n" + t("cluster_hint");
  }
  var CITY = D.columns.indexOf("city");
  /** A cluster's places: its most frequent cities (where the data has
   * them), then its countries. */
  function placeNames(c) {
    if (c.names) return c.names;
    var counts = new Map();
    if (CITY >= 0) c.members.forEach(function (k) {
      var city = D.nodes[k].props[CITY];
      if (city) counts.set(city, (counts.get(city) || 0) + 1);
    });
    var cities = Array.from(counts.keys()).sort(function (a, b) { return counts.get(b) - counts.get(a); });
    return c.names = cities.slice(0, 3).concat(Array.from(c.countries).map(countryName).sort());
  }
  /** A marker's caption: its main city when its actors share one country
   * and at least half of them are there (the data has cities), else its
   * one or two main countries. */
  function markerCaption(m) {
    if (m.caption) return m.caption;
    var counts = new Map();
    m.members.forEach(function (k) { var c = D.nodes[k].country; counts.set(c, (counts.get(c) || 0) + 1); });
    var top = Array.from(counts.keys()).sort(function (a, b) { return counts.get(b) - counts.get(a); });
    if (top.length === 1 && CITY >= 0) {
      var cities = new Map(), best = null;
      m.members.forEach(function (k) {
        var c = D.nodes[k].props[CITY];
        if (c) { cities.set(c, (cities.get(c) || 0) + 1); if (!best || cities.get(c) > cities.get(best)) best = c; }
      });
      if (best && 2 * cities.get(best) >= m.members.length) return m.caption = best;
    }
    return m.caption = top.slice(0, 2).map(countryName).join(", ") + (top.length > 2 ? "…" : "");
  }
  function isClusterId(id) { return typeof id === "string" && id.charAt(0) === "c"; }
  /** Zoom in on a cluster marker until its actors part. */
  function openCluster(id) {
    var c = clusters[typeof id === "number" ? id : parseInt(String(id).slice(1), 10)];
    if (!c) return;
    network.moveTo({ position: { x: c.x, y: c.y }, scale: network.getScale() * 3, animation: false });
    recluster(); redraw();
  }
  function placeOf(k) {
    var c = clusterOf[k];
    return c >= 0 ? clusters[c] : pos(k);
  }
  /** The ties of the view between places, summed per cooperation type,
   * as one path per type and width (straight inside a country, arcs
   * between two countries), kept until the clusters or the filters change. */
  function buildGeoTies() {
    var sums = new Map(), list = viewEdges || D.edges;
    for (var i = 0; i < list.length; i++) {
      var e = list[i];
      if (hiddenE[e.i]) continue;
      var ca = clusterOf[e.a], cb = clusterOf[e.b];
      if (ca >= 0 && ca === cb) continue;
      var pa = ca >= 0 ? -1 - ca : e.a, pb = cb >= 0 ? -1 - cb : e.b;
      var key = (pa < pb ? pa + "|" + pb : pb + "|" + pa) + "|" + e.type, s = sums.get(key);
      if (!s) sums.set(key, s = { a: e.a, b: e.b, type: e.type, count: 0,
        cross: D.nodes[e.a].country !== D.nodes[e.b].country });
      s.count += e.count;
    }
    var paths = new Map(), arcs = 0;
    sums.forEach(function (s) {
      var p = placeOf(s.a), q = placeOf(s.b);
      var w = Math.round(Math.min(0.7 + 0.6 * Math.log(s.count), 6) * 2) / 2, key = s.type + "|" + w;
      var path = paths.get(key);
      if (!path) paths.set(key, path = { type: s.type, width: w, path: new Path2D() });
      path.path.moveTo(p.x, p.y);
      if (s.cross) {  // bend to the left of the way from p to q
        var mx = (p.x + q.x) / 2, my = (p.y + q.y) / 2, dx = q.x - p.x, dy = q.y - p.y;
        path.path.quadraticCurveTo(mx + dy * 0.2, my - dx * 0.2, q.x, q.y);
        arcs++;
      } else path.path.lineTo(q.x, q.y);
    });
    return { paths: Array.from(paths.values()), arcs: arcs, ties: sums.size };
  }
  function drawGeoTies(ctx) {
    if (!layerCache) layerCache = buildGeoTies();
    var scale = Math.max(network.getScale(), 1e-4);
    ctx.save();
    ctx.globalAlpha = 0.45;
    layerCache.paths.forEach(function (p) {
      ctx.strokeStyle = COOPS[p.type].colour;
      ctx.lineWidth = p.width / scale;
      ctx.setLineDash(COOPS[p.type].dashes ? [6 / scale, 4 / scale] : []);
      ctx.stroke(p.path);
    });
    ctx.restore();
    geoStats.arcs = layerCache.arcs; geoStats.ties = layerCache.ties;
    layerStats.drawn++;
  }

  // ------------------------------------------------------------ focus
  /** What the focus on the selected actor shows: its visible partners,
   * and its recommended partners and gaps on the map (toggles on). */
  function focusSets(id) {
    var sel = id === undefined ? state.selected : id, out = { selected: sel, partners: [], recs: [], gaps: [] };
    if (!sel || !nodeById.get(sel)) return out;
    var seen = new Set();
    edgesOf(sel).forEach(function (e) {
      var o = e.from === sel ? e.to : e.from;
      if (!hiddenE[e.i] && !seen.has(o)) { seen.add(o); out.partners.push(o); }
    });
    if (state.recs) {
      (own(D.recommendations, sel) || []).forEach(function (r) {
        if (nodeById.get(r.partner_id) && r.partner_id !== sel) out.recs.push(r.partner_id);
      });
    }
    if (state.gaps) {
      (own(D.gaps, sel) || []).forEach(function (g) {
        if (g.other_id && nodeById.get(g.other_id) && g.other_id !== sel) out.gaps.push(g.other_id);
      });
    }
    return out;
  }
  /** Dim what vis-network drew, then draw the focus again on top. */
  function drawFocus(ctx) {
    var f = focusSets();
    if (!f.selected) return;
    var body = network.body.nodes, s = body[vid(f.selected)];
    if (!s) return;
    /** Where an actor of the focus is drawn: vis-network's node, else (geo:
     * an actor in a marker or far away) its place. */
    function at(k) {
      if (body[k]) return body[k];
      return GEO && inView[k] && !hiddenN[k] ? { x: D.nodes[k].x, y: D.nodes[k].y, options: {}, absent: true } : null;
    }
    var scale = Math.max(network.getScale(), 0.02), c = network.canvas.frame.canvas;
    var a = network.DOMtoCanvas({ x: 0, y: 0 }), b = network.DOMtoCanvas({ x: c.clientWidth, y: c.clientHeight });
    ctx.save();
    ctx.fillStyle = "rgba(255, 255, 255, 0.8)";
    ctx.fillRect(a.x, a.y, b.x - a.x, b.y - a.y);
    ctx.globalAlpha = 0.9;
    edgesOf(f.selected).forEach(function (e) {
      if (hiddenE[e.i]) return;
      var o = at(e.from === f.selected ? e.b : e.a);
      if (!o) return;
      ctx.beginPath(); ctx.moveTo(s.x, s.y); ctx.lineTo(o.x, o.y);
      ctx.strokeStyle = COOPS[e.type].colour; ctx.lineWidth = Math.max(e.width, 1.5 / scale);
      ctx.setLineDash(COOPS[e.type].dashes ? [8 / scale, 6 / scale] : []);
      ctx.stroke();
    });
    function overlay(ids, colour, dash) {
      ctx.strokeStyle = colour; ctx.lineWidth = 3 / scale; ctx.setLineDash(dash.map(function (d) { return d / scale; }));
      ids.forEach(function (id) {
        var o = at(vid(id));
        if (o) { ctx.beginPath(); ctx.moveTo(s.x, s.y); ctx.lineTo(o.x, o.y); ctx.stroke(); }
      });
    }
    overlay(f.recs, REC, [12, 8]);
    overlay(f.gaps, GAP, [2, 5]);
    ctx.setLineDash([]);
    ctx.globalAlpha = 1;
    f.partners.concat(f.recs, f.gaps, [f.selected]).forEach(function (id) {
      var k = vid(id), o = at(k);
      if (!o || hiddenN[k]) return;
      if (!o.absent) { o.draw(ctx); return; }
      var ty = TYPES[D.nodes[k].type];  // not in vis-network: a small disc
      ctx.beginPath(); ctx.arc(o.x, o.y, 6 / scale, 0, 2 * Math.PI);
      ctx.fillStyle = ty ? ty.colour : "#999999"; ctx.fill();
      ctx.lineWidth = 1 / scale; ctx.strokeStyle = "#333333"; ctx.stroke();
    });
    // named: the actor, its recommended partners and gaps, its largest partners
    var named = [f.selected].concat(f.recs, f.gaps, f.partners.slice().sort(function (x, y) {
      return nodeById.get(y).size - nodeById.get(x).size;
    })).map(function (id) { var k = vid(id); return { id: k, text: nameOf(D.nodes[k]), at: at(k) }; });
    labelStats.focus = drawLabels(ctx, named, LABELS_MAX, [], 1);
    ctx.beginPath();
    ctx.arc(s.x, s.y, (nodeById.get(f.selected).size || 10) + 8 / scale, 0, 2 * Math.PI);
    ctx.strokeStyle = "#000000"; ctx.lineWidth = 3 / scale; ctx.stroke();
    ctx.restore();
  }

  timings.datasets = performance.now();
  var options = {
    autoResize: true,
    layout: { improvedLayout: false, randomSeed: D.meta.seed },
    physics: D.meta.physics && !D.meta.overview ? { enabled: true, solver: "barnesHut",
      stabilization: { enabled: true, iterations: 200, fit: true } } : { enabled: false },
    groups: groups,
    nodes: { font: { size: 14, face: "system-ui, sans-serif" },
      // labels grow with the node and are drawn only once big enough on
      // screen: zoomed out, only the larger actors and groups are named
      scaling: { min: 6, max: 40 } },
    edges: { smooth: false, selectionWidth: 2,
      color: { highlight: "#000000", hover: "#000000", opacity: 0.75 },
      arrows: { to: { scaleFactor: 0.4 } } },
    interaction: { hover: !big, tooltipDelay: 200, hideEdgesOnDrag: big, hideEdgesOnZoom: big,
      multiselect: false }
  };
  var network = null;  // created last, once the page around it is built (no resize, one draw)

  // ------------------------------------------------------------ views
  // "all": every actor; "overview": one node per group (pôle or park,
  // community or country), sized by its actors, with the ties between groups
  // summed; "group": the actors of one group and their partners.
  var GROUPINGS = D.groupings || [];
  var view = { mode: "all", grouping: GROUPINGS.length ? GROUPINGS[0].key : null, group: null };
  // the actors in the DataSet (all and group views), by node index, and the
  // ties between them (null: every tie)
  var inView = new Uint8Array(D.nodes.length), viewEdges = null;
  var GROUP_COLOURS = { pole: "#0072B2", park: "#D55E00", rest: "#bbbbbb", community: "#8a8fb8", country: "#8a8fb8" };
  var OVERVIEW_LINKS_PER_GROUP = 3, OVERVIEW_LINKS_MAX = 1500;
  function grouping() {
    for (var i = 0; i < GROUPINGS.length; i++) if (GROUPINGS[i].key === view.grouping) return GROUPINGS[i];
    return GROUPINGS[0];
  }
  function groupLabel(g) {
    if (g.kind === "pole" || g.kind === "park") {
      var n = nodeById.get(g.ref);
      return n ? n.label : String(g.ref);
    }
    if (g.kind === "rest") return t("group_rest").replace("{country}", countryName(g.ref));
    if (g.kind === "country") return countryName(g.ref);
    if (g.ref < 0) return t("no_community");
    return t("community") + " " + (g.ref + 1) + " \u00B7 " + t("group_around").replace("{name}", g.biggest);
  }
  function isGroupId(id) { return typeof id === "string" && id.charAt(0) === "g"; }
  /** One node per group and the strongest summed ties between groups, from
   * what the filters leave (group sizes and links follow the filters). */
  function overviewItems() {
    var gp = grouping(), G = gp.groups.length, count = new Array(G).fill(0), agg = new Map();
    D.nodes.forEach(function (n) { if (!hiddenN[n.k]) count[gp.of[n.k]]++; });
    D.edges.forEach(function (e) {
      if (hiddenE[e.i]) return;
      var a = gp.of[e.a], b = gp.of[e.b];
      if (a === b) return;
      if (a > b) { var x = a; a = b; b = x; }
      var key = a * G + b, l = agg.get(key);
      if (!l) agg.set(key, l = { a: a, b: b, count: 0 });
      l.count += e.count;
    });
    var links = Array.from(agg.values()).sort(function (x, y) { return y.count - x.count; });
    var per = new Array(G).fill(0), kept = [];
    links.forEach(function (l) {  // each group's strongest ties, then the strongest overall
      if (kept.length < OVERVIEW_LINKS_MAX && (per[l.a] < OVERVIEW_LINKS_PER_GROUP || per[l.b] < OVERVIEW_LINKS_PER_GROUP)) {
        per[l.a]++; per[l.b]++; kept.push(l);
      }
    });
    var gnodes = gp.groups.map(function (g, i) {
      var label = groupLabel(g);
      // named by drawLabels, not by vis-network (which would measure
      // every group's label again at each step of the slider)
      return { id: "g" + i, name: label + " (" + count[i] + ")", x: g.x, y: g.y, value: count[i],
        shape: "dot", hidden: count[i] === 0,
        color: { background: GROUP_COLOURS[g.kind] || "#8a8fb8", border: "#333333",
          highlight: { background: GROUP_COLOURS[g.kind] || "#8a8fb8", border: "#000000" } },
        title: label + "\n" + count[i] + " " + t("actors") + "\n" + t("open_group_hint") };
    });
    var gedges = kept.map(function (l) {
      return { id: "l" + l.a + "_" + l.b, from: "g" + l.a, to: "g" + l.b,
        width: Math.min(1 + Math.log(1 + l.count), 12), color: { color: "#7f8c9a", opacity: 0.5 },
        title: l.count + " " + t("cooperations_between"), overview: true };
    });
    return { nodes: gnodes, edges: gedges, groups: count.filter(function (c) { return c > 0; }).length,
      links: links.length };
  }
  var overviewStats = { groups: 0, links: 0, drawn: 0 };
  var holdsGroups = false, shownSig = new Map(), overviewLabels = [];  // the DataSets hold the groups of the overview
  function refreshOverview() {
    var o = overviewItems();
    // what each group node and link looked like: only the changed ones go to
    // vis-network (each update re-measures and re-scales what it touches)
    function changed(items) {
      return items.filter(function (x) {
        var sig = x.label + "|" + x.value + "|" + x.hidden + "|" + x.width + "|" + x.title;
        if (shownSig.get(x.id) === sig) return false;
        shownSig.set(x.id, sig);
        return true;
      });
    }
    quiet(function () {  // the caller draws the frame
      if (holdsGroups) {  // in place: vis-network keeps what did not change
        var keep = new Set(o.edges.map(function (e) { return e.id; }));
        var gone = edges.getIds().filter(function (id) { return !keep.has(id); });
        gone.forEach(function (id) { shownSig.delete(id); });
        edges.remove(gone);
        nodes.update(changed(o.nodes)); edges.update(changed(o.edges));
      } else {
        shownSig = new Map();
        nodes.clear(); edges.clear();
        nodes.add(changed(o.nodes)); edges.add(changed(o.edges));
        holdsGroups = true;
      }
    });
    overviewStats = { groups: o.groups, links: o.links, drawn: o.edges.length, labelled: 0 };
    overviewLabels = o.nodes.filter(function (n) { return !n.hidden; })
      .map(function (n) { return { id: n.id, text: n.name, count: n.value }; });
  }
  /** Show ``mode`` ("all", "overview" or "group", with the group's index). */
  function setView(mode, group) {
    if (mode === "overview" && !GROUPINGS.length) mode = "all";
    view.mode = mode; view.group = mode === "group" ? group : null;
    inView.fill(0); viewEdges = null;
    layerCache = null;
    holdsGroups = false;  // a new view (or grouping) starts afresh
    clusterOf.fill(-1); clusters = []; present.fill(0);
    if (mode === "overview") {
      refreshOverview();
    } else {
      var keep;
      if (mode === "set") {
        keep = group; view.group = null;
      } else if (mode === "group") {
        var of = grouping().of;
        keep = new Set();
        D.nodes.forEach(function (n) { if (of[n.k] === group) keep.add(n.k); });
        Array.from(keep).forEach(function (k) {  // and their partners
          edgesOf(D.nodes[k].id).forEach(function (e) { keep.add(e.a); keep.add(e.b); });
        });
      }
      var list = keep ? D.nodes.filter(function (n) { return keep.has(n.k); }) : D.nodes;
      list.forEach(function (n) { inView[n.k] = 1; });
      if (keep) {  // the ties between them, from their own (each once, from its first end)
        viewEdges = [];
        list.forEach(function (n) {
          (adjacency[n.k] || []).forEach(function (e) { if (e.a === n.k && inView[e.b]) viewEdges.push(e); });
        });
      }
      quiet(function () {
        nodes.clear(); edges.clear();
        if (!GEO) nodes.add(list.map(visNode));  // geo: recluster gives it the actors drawn alone
        if (!LAYER) edges.add((viewEdges || D.edges).map(visEdge));
      });
    }
    showView();
    if (network) {
      var sc = scalingFor(), key = JSON.stringify(sc);
      if (key !== shownScaling) {  // setOptions re-reads every node: only when it changes
        shownScaling = key;
        quiet(function () { network.setOptions({ nodes: { scaling: sc } }); });
      }
      if (!hold) fitShown();
      recluster(); redraw();
    }
  }
  /** Node sizes. Groups: discs sized for the spread of the overview (so
   * that the largest read at the first fit). Names: drawLabels. */
  function scalingFor() {
    if (view.mode !== "overview") return { min: 6, max: 40 };
    var gs = grouping().groups, lo = [Infinity, Infinity], hi = [-Infinity, -Infinity];
    gs.forEach(function (g) {
      lo[0] = Math.min(lo[0], g.x); lo[1] = Math.min(lo[1], g.y);
      hi[0] = Math.max(hi[0], g.x); hi[1] = Math.max(hi[1], g.y);
    });
    var k = Math.max(1, Math.max(hi[0] - lo[0], hi[1] - lo[1]) / 900);
    return { min: 4 * k, max: 48 * k };
  }

  // ------------------------------------------------------------ names
  // The page names the groups and the actors itself, not vis-network (which
  // measured every name of a view at each change of view: most of the cost
  // of opening a large group): the most important on screen first (the
  // largest groups, the actors by size), at a size that reads whatever the
  // zoom, none drawn over another, at most LABELS_MAX at a time.
  var LABELS_MAX = 40, LABELS_TRIED = 400;
  var labelStats = { groups: 0, actors: 0, focus: 0 };
  var bySize = D.nodes.map(function (n) { return n.k; })
    .sort(function (a, b) { return D.nodes[b].size - D.nodes[a].size || a - b; });
  var textWidths = new Map();  // text width at 100 px, by text and weight
  /** Draw the names ``items`` ({id, text}, most important first) that fit
   * on screen beside the boxes already taken; returns how many. */
  function drawLabels(ctx, items, max, boxes, boldFirst) {
    var scale = Math.max(network.getScale(), 1e-4), body = network.body.nodes;
    var tr = network.body.view.translation, c = network.canvas.frame.canvas;
    var W = c.clientWidth, H = c.clientHeight, drawn = 0, tried = 0;
    ctx.save();
    ctx.textAlign = "center"; ctx.textBaseline = "top"; ctx.lineJoin = "round";
    for (var i = 0; i < items.length && drawn < max && tried < LABELS_TRIED; i++) {
      var o = body[items[i].id] || items[i].at;
      if (!o || o.options.hidden) continue;
      var x = o.x * scale + tr.x, y = o.y * scale + tr.y;  // on screen
      if (x < -100 || x > W + 100 || y < -40 || y > H + 20) continue;
      tried++;
      var text = items[i].text, bold = drawn < boldFirst;
      var r = (o.shape && o.shape.radius ? o.shape.radius : o.options.size || 6) * scale;
      var px = bold ? 15 : drawn < 15 ? 13 : 12, key = (bold ? "b" : "") + text, w = textWidths.get(key);
      if (w === undefined) {
        ctx.font = (bold ? "bold " : "") + "100px system-ui, sans-serif";
        textWidths.set(key, w = ctx.measureText(text).width);
      }
      w = w * px / 100;
      var box = [x - w / 2 - 3, y + r + 1, x + w / 2 + 3, y + r + px + 5];
      if (boxes.some(function (b) { return b[0] < box[2] && box[0] < b[2] && b[1] < box[3] && box[1] < b[3]; })) continue;
      boxes.push(box); drawn++;
      ctx.font = (bold ? "bold " : "") + px / scale + "px system-ui, sans-serif";
      ctx.lineWidth = 4 / scale; ctx.strokeStyle = "rgba(255,255,255,0.9)";
      ctx.strokeText(text, o.x, o.y + (r + 3) / scale);
      ctx.fillStyle = "#1a1a1a";
      ctx.fillText(text, o.x, o.y + (r + 3) / scale);
    }
    ctx.restore();
    return drawn;
  }
  /** The names of the view: its largest groups (overview) or actors. */
  function drawViewLabels(ctx) {
    var boxes = [];
    if (view.mode === "overview") {
      var list = overviewLabels.slice().sort(function (a, b) { return b.count - a.count; });
      labelStats.groups = overviewStats.labelled = drawLabels(ctx, list, LABELS_MAX, boxes, 5);
      return;
    }
    if (state.selected && nodeById.get(state.selected)) return;  // the focus names its own (drawFocus)
    var items = [], body = network.body.nodes, c = network.canvas.frame.canvas, first = new Set();
    if (GEO) {  // the markers first, the largest first: where they are
      var scale = Math.max(network.getScale(), 1e-4);
      clusters.forEach(function (m) {  // no name over a marker
        var p = network.canvasToDOM(m), r = markerRadius(m.members.length);
        boxes.push([p.x - r, p.y - r, p.x + r, p.y + r]);
      });
      clusters.slice().sort(function (x, y) { return y.members.length - x.members.length; }).forEach(function (m) {
        items.push({ id: -1, text: markerCaption(m), at: { x: m.x, y: m.y, options: { size: markerRadius(m.members.length) / scale } } });
      });
    }
    (state.paths || []).forEach(function (path) {  // the chains of "who can introduce us" first
      path.forEach(function (id) {
        var k = vid(id);
        if (!first.has(k)) { first.add(k); items.push({ id: k, text: nameOf(D.nodes[k]) }); }
      });
    });
    var a = network.DOMtoCanvas({ x: -100, y: -40 }), b = network.DOMtoCanvas({ x: c.clientWidth + 100, y: c.clientHeight + 20 });
    for (var j = 0; j < bySize.length && items.length < LABELS_TRIED; j++) {
      var k = bySize[j], o = inView[k] && !hiddenN[k] && clusterOf[k] < 0 && body[k];
      if (o && !first.has(k) && o.x >= a.x && o.x <= b.x && o.y >= a.y && o.y <= b.y) items.push({ id: k, text: nameOf(D.nodes[k]) });
    }
    labelStats.actors = drawLabels(ctx, items, LABELS_MAX, boxes, 5);
  }
  function showView() {
    $("gk-overview").disabled = view.mode === "overview";
    $("gk-all").disabled = view.mode === "all";
    var note = view.mode === "overview" ? t("overview_note")
      : view.mode === "group" ? t("group_note").replace("{name}", groupLabel(grouping().groups[view.group])) : "";
    $("gk-view-note").textContent = note;
    showCounts();
  }
  function buildGroupings() {
    var sel = $("gk-grouping");
    clear(sel);
    GROUPINGS.forEach(function (g) {
      var o = el("option", t("group_by_" + g.key)); o.value = g.key; sel.appendChild(o);
    });
    sel.value = view.grouping;
    $("gk-view-box").hidden = !GROUPINGS.length;
  }
  $("gk-grouping").addEventListener("change", function () { view.grouping = this.value; setView("overview"); });
  $("gk-overview").addEventListener("click", function () { clearFocus(); setView("overview"); });
  $("gk-all").addEventListener("click", function () { setView("all"); });

  // ------------------------------------------------------------ filters
  var state = { types: dict(), countries: dict(), coops: dict(), yearFrom: D.filters.year_min,
    yearTo: D.filters.year_max, hideUndated: false, recs: true, gaps: true, selected: null };
  function resetState() {
    D.legend.actor_types.forEach(function (x) { state.types[x.key] = true; });
    D.filters.countries.forEach(function (x) { state.countries[x.code] = true; });
    D.legend.cooperation_types.forEach(function (x) { state.coops[x.key] = true; });
    state.yearFrom = D.filters.year_min; state.yearTo = D.filters.year_max;
    state.hideUndated = false;
  }
  resetState();
  // what the filters hide (1), by node index and by tie index
  var hiddenN = new Uint8Array(D.nodes.length), hiddenE = new Uint8Array(D.edges.length);

  /** Whether tie ``e`` has a year from ``lo`` to ``hi``. */
  function yearVisible(e, lo, hi) {
    if (!e.years.length) return !state.hideUndated;
    for (var i = 0; i < e.years.length; i++) {
      if (e.years[i] >= lo && e.years[i] <= hi) return true;
    }
    return false;
  }
  /** Hide and show nodes and edges from the filter state, in one batch per DataSet. */
  function applyFilters(refit) {
    var nu = [], eu = [], changed = 0, k, h;
    var groups = view.mode === "overview", timeline = state.timeline && state.yearTo !== null;
    var lo = state.yearFrom === null || isNaN(state.yearFrom) ? -Infinity : state.yearFrom;
    var hi = state.yearTo === null || isNaN(state.yearTo) ? Infinity : state.yearTo;
    for (k = 0; k < D.nodes.length; k++) {
      var n = D.nodes[k];
      h = !state.types[n.type] || !state.countries[n.country] ||
        (timeline && n.y0 !== undefined && n.y0 > state.yearTo) ? 1 : 0;
      if (hiddenN[k] !== h) {
        hiddenN[k] = h; changed++;
        if (!groups && held(k)) nu.push({ id: k, hidden: !!h || clusterOf[k] >= 0 });
      }
    }
    for (k = 0; k < D.edges.length; k++) {
      var e = D.edges[k];
      h = hiddenN[e.a] || hiddenN[e.b] || !state.coops[e.type] || !yearVisible(e, lo, hi) ? 1 : 0;
      if (hiddenE[k] !== h) {
        hiddenE[k] = h; changed++;
        if (!groups && inView[e.a] && inView[e.b]) eu.push({ id: e.id, hidden: !!h });
      }
    }
    if (changed) layerCache = null;
    quiet(function () {  // one frame for the whole step, drawn below
      if (groups) { refreshOverview(); nu.push(1); eu.push(1); }
      else {
        if (nu.length) nodes.update(nu);
        if (eu.length && !LAYER) edges.update(eu);  // the layer reads hiddenE
      }
      if (GEO && !groups && changed) recluster();
    });
    if (groups || changed) redraw();
    var v = showCounts();
    $("gk-empty").hidden = v.nodes > 0;
    if (refit !== false && nu.length && v.nodes && network) fitShown();
    return { nodes: nu.length, edges: eu.length };
  }
  /** Fit the view to the places of actors ``ks`` (node indices), whether
   * vis-network holds them or not. */
  function fitTo(ks) {
    var lo = [Infinity, Infinity], hi = [-Infinity, -Infinity];
    ks.forEach(function (k) {
      var p = pos(k);
      lo[0] = Math.min(lo[0], p.x); lo[1] = Math.min(lo[1], p.y);
      hi[0] = Math.max(hi[0], p.x); hi[1] = Math.max(hi[1], p.y);
    });
    if (lo[0] === Infinity) return;
    var c = network.canvas.frame.canvas, W = c.clientWidth || 800, H = c.clientHeight || 600;
    // room for the markers and their captions at the edges
    var scale = 0.8 * Math.min(W / Math.max(hi[0] - lo[0], 1), H / Math.max(hi[1] - lo[1], 1));
    network.moveTo({ position: { x: (lo[0] + hi[0]) / 2, y: (lo[1] + hi[1]) / 2 },
      scale: Math.min(scale, 1), animation: false });
  }
  /** Fit the view to the actors the filters leave. */
  function fitShown() {
    if (GEO && view.mode !== "overview") {  // vis-network holds only some of them
      var ks = [];
      for (var k = 0; k < inView.length; k++) if (inView[k] && !hiddenN[k]) ks.push(k);
      fitTo(ks);
      return;
    }
    var ks = nodes.getIds({ filter: function (x) { return !x.hidden; } });
    if (ks.length) network.fit({ nodes: ks, animation: false });
  }
  /** Actors and links the filters leave in the current view (in the
   * overview: every actor and link the groups stand for). */
  function visibleCounts() {
    var n = 0, e = 0, k;
    if (view.mode !== "group") {
      for (k = 0; k < hiddenN.length; k++) n += hiddenN[k];
      for (k = 0; k < hiddenE.length; k++) e += hiddenE[k];
      return { nodes: hiddenN.length - n, edges: hiddenE.length - e };
    }
    for (k = 0; k < inView.length; k++) if (inView[k] && !hiddenN[k]) n++;
    (viewEdges || D.edges).forEach(function (x) { if (!hiddenE[x.i]) e++; });
    return { nodes: n, edges: e };
  }
  function checkList(box, items, on, label) {
    clear(box);
    var row = el("div", null, "gk-allnone");
    var all = el("button", t("all")), none = el("button", t("none"));
    all.type = none.type = "button";
    all.addEventListener("click", function () { items.forEach(function (k) { on[k.key] = true; }); checkList(box, items, on, label); applyFilters(); });
    none.addEventListener("click", function () { items.forEach(function (k) { on[k.key] = false; }); checkList(box, items, on, label); applyFilters(); });
    row.appendChild(all); row.appendChild(document.createTextNode(" ")); row.appendChild(none);
    box.appendChild(row);
    items.forEach(function (item) {
      var l = el("label"), c = el("input");
      c.type = "checkbox"; c.checked = !!on[item.key]; c.value = item.key;
      c.dataset.key = item.key;
      c.addEventListener("change", function () { on[item.key] = c.checked; applyFilters(); });
      l.appendChild(c);
      l.appendChild(document.createTextNode(" " + label(item) + " (" + item.count + ")"));
      box.appendChild(l);
    });
  }
  function buildFilters() {
    checkList($("gk-f-types"), D.legend.actor_types, state.types, function (x) { return x[lang]; });
    checkList($("gk-f-coops"), D.legend.cooperation_types, state.coops, function (x) { return x[lang]; });
    checkList($("gk-f-countries"), D.filters.countries.map(function (c) { return { key: c.code, count: c.count }; }),
      state.countries, function (x) { return countryName(x.key); });
    $("gk-year-from").value = state.yearFrom === null ? "" : state.yearFrom;
    $("gk-year-to").value = state.yearTo === null ? "" : state.yearTo;
    $("gk-undated").checked = state.hideUndated;
  }
  function readYear(input) { return input.value === "" ? null : parseInt(input.value, 10); }
  $("gk-year-from").addEventListener("change", function () { state.yearFrom = readYear(this); applyFilters(); });
  $("gk-year-to").addEventListener("change", function () { state.yearTo = readYear(this); applyFilters(); });
  $("gk-undated").addEventListener("change", function () { state.hideUndated = this.checked; applyFilters(); });
  $("gk-recs").addEventListener("change", function () { state.recs = this.checked; redraw(); });
  $("gk-gaps").addEventListener("change", function () { state.gaps = this.checked; redraw(); });
  $("gk-recs").checked = state.recs; $("gk-gaps").checked = state.gaps;
  // a step made of several changes (a focus opens a group, selects, zooms,
  // fills the panel) draws once, at its end
  var hold = 0;
  function redraw() { if (network && !hold) network.redraw(); }
  /** Run ``fn`` (changes to the DataSets) without the frame vis-network
   * draws at once after each change when physics is off: the caller draws
   * one frame for the whole step (redraw). */
  var quietDepth = 0;
  function quiet(fn) {
    if (!network) return fn();
    if (!quietDepth++) network.body.emitter.emit("_blockRedraw");
    try { return fn(); } finally {
      if (!--quietDepth) network.body.emitter.emit("_allowRedraw");
    }
  }
  $("gk-reset").addEventListener("click", function () {
    resetState(); state.timeline = false; buildFilters(); applyFilters();
    if (D.filters.year_max !== null) { slider.value = D.filters.year_max; $("gk-year-shown").textContent = String(D.filters.year_max); }
  });
  if (!D.recommended_edges.length) $("gk-recs-label").hidden = true;
  if (!D.gap_edges.length) $("gk-gaps-label").hidden = true;

  // ------------------------------------------------------------ search
  /** Actor ids matching ``query`` (id or name, case and accents ignored), best first. */
  function search(query) {
    var f = fold(query), exact = [], starts = [], contains = [];
    if (!f) return [];
    D.nodes.forEach(function (n) {
      // folded once, on the first search
      if (n.fid === undefined) { n.fid = fold(n.id); n.fname = fold(n.label); }
      var id = n.fid, name = n.fname;
      if (id === f || name === f) exact.push(n.id);
      else if (id.indexOf(f) === 0 || name.indexOf(f) === 0) starts.push(n.id);
      else if (id.indexOf(f) >= 0 || name.indexOf(f) >= 0) contains.push(n.id);
    });
    return exact.concat(starts, contains).slice(0, 25);
  }
  function focusNode(id) {
    if (!nodeById.get(id)) return false;
    hold++;
    try {
      if (!inView[vid(id)]) setView(GROUPINGS.length ? "group" : "all", grouping() ? grouping().of[vid(id)] : null);
      if (GEO) { state.selected = id; recluster(); }  // drawn alone, never in a marker
      network.selectNodes([vid(id)]);
      zoomOnFocus(id);
      if (GEO) recluster();  // the markers of the new zoom
      showPanel(id);
    } finally { hold--; }
    redraw();
    return true;
  }
  /** Centre the view on actor ``id``, zoomed out just enough to show its
   * partners, recommended partners and gaps around it. */
  function zoomOnFocus(id) {
    var f = focusSets(id), s = pos(vid(id)), far = 0;
    f.partners.concat(f.recs, f.gaps).forEach(function (o) {
      var k = vid(o), b = pos(k);
      if (inView[k] && !hiddenN[k]) far = Math.max(far, Math.abs(b.x - s.x), Math.abs(b.y - s.y));
    });
    var c = network.canvas.frame.canvas, room = 0.42 * Math.min(c.clientWidth || 600, c.clientHeight || 600);
    var scale = far ? Math.min(1.2, room / far) : Math.max(network.getScale(), 1.2);
    network.moveTo({ position: { x: s.x, y: s.y }, scale: scale, animation: false });
  }
  function nodeLink(id, text) {
    var b = el("button", text, "gk-link");
    b.type = "button";
    b.addEventListener("click", function () { focusNode(id); });
    return b;
  }
  function runSearch() {
    var found = search($("gk-search").value), list = $("gk-results");
    clear(list);
    $("gk-search-msg").textContent = found.length || !$("gk-search").value ? "" : t("search_none");
    found.forEach(function (id) {
      var li = el("li"), n = nodeById.get(id);
      li.appendChild(nodeLink(id, n.label));
      li.appendChild(el("span", " \u00B7 " + typeName(n.type) + " \u00B7 " + countryName(n.country), "gk-muted"));
      if (hiddenN[vid(id)]) li.appendChild(el("span", " " + t("search_hidden"), "gk-muted"));
      list.appendChild(li);
    });
    if (found.length) focusNode(found[0]);
    return found;
  }
  $("gk-search-go").addEventListener("click", runSearch);
  $("gk-search").addEventListener("keydown", function (ev) { if (ev.key === "Enter") runSearch(); });
  $("gk-fit").addEventListener("click", function () {
    clearFocus();
    if (GEO) { fitShown(); recluster(); redraw(); } else network.fit();
  });

  // ------------------------------------------------------------ who can introduce us
  /** The shortest chains of visible ties from actor ``a`` to ``b`` (at most
   * ``max``), each a list of actor ids. */
  function shortestPaths(a, b, max) {
    if (!nodeById.get(a) || !nodeById.get(b) || a === b) return [];
    var dist = new Map([[a, 0]]), preds = new Map([[a, []]]), queue = [a], found = false;
    for (var qi = 0; qi < queue.length; qi++) {
      var u = queue[qi], du = dist.get(u);
      if (found && du >= dist.get(b)) break;
      edgesOf(u).forEach(function (e) {
        if (hiddenE[e.i]) return;
        var v = e.from === u ? e.to : e.from;
        if (!dist.has(v)) { dist.set(v, du + 1); preds.set(v, [u]); queue.push(v); if (v === b) found = true; }
        else if (dist.get(v) === du + 1 && preds.get(v).indexOf(u) < 0) preds.get(v).push(u);
      });
    }
    if (!dist.has(b)) return [];
    var out = [];
    (function walk(v, tail) {
      if (out.length >= max) return;
      if (v === a) { out.push([a].concat(tail)); return; }
      preds.get(v).forEach(function (u) { walk(u, [v].concat(tail)); });
    })(b, []);
    return out;
  }
  function pickActor(input) {
    var found = search(input.value);
    return found.length ? found[0] : null;
  }
  function showPaths(a, b) {
    var list = $("gk-path-list");
    clear(list);
    state.paths = a && b ? shortestPaths(a, b, 5) : [];
    if (!a || !b) { list.appendChild(el("li", t("search_none"))); redraw(); return state.paths; }
    if (!state.paths.length) list.appendChild(el("li", t("path_none")));
    var keep = new Set();
    state.paths.forEach(function (path) {
      var li = el("li");
      path.forEach(function (id, i) {
        if (i) li.appendChild(document.createTextNode(" \u2192 "));
        li.appendChild(nodeLink(id, nodeById.get(id).label));
        keep.add(vid(id));
      });
      list.appendChild(li);
    });
    var missing = Array.from(keep).some(function (k) { return !inView[k]; });
    if (missing) setView("set", keep);
    else if (keep.size && GEO) { fitTo(Array.from(keep)); recluster(); }
    else if (keep.size) network.fit({ nodes: Array.from(keep), animation: false });
    redraw();
    return state.paths;
  }
  $("gk-path-go").addEventListener("click", function () {
    showPaths(pickActor($("gk-path-from")), pickActor($("gk-path-to")));
  });
  function drawPaths(ctx) {
    if (!state.paths || !state.paths.length) return;
    var body = network.body.nodes, scale = Math.max(network.getScale(), 0.02);
    ctx.save();
    ctx.strokeStyle = "#000000"; ctx.lineWidth = 5 / scale; ctx.globalAlpha = 0.8;
    state.paths.forEach(function (path) {
      ctx.beginPath();
      path.forEach(function (id, i) {
        var o = body[vid(id)] || (GEO ? D.nodes[vid(id)] : null);
        if (!o) return;
        if (i) ctx.lineTo(o.x, o.y); else ctx.moveTo(o.x, o.y);
      });
      ctx.stroke();
    });
    ctx.restore();
  }

  // ------------------------------------------------------------ time
  var slider = $("gk-year-slider"), playing = null;
  function setYear(y) {
    state.timeline = true;
    state.yearTo = y;
    slider.value = y;
    $("gk-year-to").value = y;
    $("gk-year-shown").textContent = String(y);
    return applyFilters(false);
  }
  function stopPlay() { clearInterval(playing); playing = null; $("gk-play").textContent = t("play"); }
  if (D.filters.year_min === null) $("gk-time").hidden = true;
  else {
    slider.min = D.filters.year_min; slider.max = D.filters.year_max; slider.value = D.filters.year_max;
    $("gk-year-shown").textContent = String(D.filters.year_max);
    slider.addEventListener("input", function () { setYear(parseInt(slider.value, 10)); });
    $("gk-play").addEventListener("click", function () {
      if (playing) { stopPlay(); return; }
      var y = parseInt(slider.value, 10);
      if (y >= D.filters.year_max) y = D.filters.year_min - 1;
      $("gk-play").textContent = t("pause");
      playing = setInterval(function () {
        y++;
        setYear(y);
        if (y >= D.filters.year_max) stopPlay();
      }, 900);
    });
  }

  // ------------------------------------------------------------ export
  /** The current view as a PNG (data URL): title, counts, the drawing and
   * the legend; the button downloads it. */
  function exportPng() {
    var src = network.canvas.frame.canvas, ratio = src.width / Math.max(src.clientWidth, 1);
    var legendW = 280, head = 56, w = src.clientWidth + legendW, items = [];
    D.legend.actor_types.forEach(function (x) { items.push(["node", x.colour, x[lang]]); });
    D.legend.cooperation_types.forEach(function (x) { items.push(["line", x.colour, x[lang]]); });
    if (view.mode === "overview") items.push(["node", "#8a8fb8", t("overview")]);
    var h = Math.max(src.clientHeight + head, head + 24 + items.length * 20);
    var c = document.createElement("canvas");
    c.width = w * ratio; c.height = h * ratio;
    var ctx = c.getContext("2d");
    ctx.scale(ratio, ratio);
    ctx.fillStyle = "#ffffff"; ctx.fillRect(0, 0, w, h);
    ctx.fillStyle = "#222222"; ctx.font = "bold 18px system-ui, sans-serif";
    ctx.fillText(D.meta.title || t("page_title"), 12, 24);
    ctx.font = "12px system-ui, sans-serif";
    ctx.fillText($("gk-counts").textContent.slice(0, 200), 12, 44);
    ctx.drawImage(src, 0, head, src.clientWidth, src.clientHeight);
    var x0 = src.clientWidth + 12, y = head + 16;
    ctx.font = "bold 13px system-ui, sans-serif"; ctx.fillText(t("legend"), x0, y); y += 8;
    ctx.font = "12px system-ui, sans-serif";
    items.forEach(function (it) {
      y += 20;
      ctx.fillStyle = it[1]; ctx.strokeStyle = it[1];
      if (it[0] === "node") { ctx.beginPath(); ctx.arc(x0 + 8, y - 4, 6, 0, 2 * Math.PI); ctx.fill(); }
      else { ctx.lineWidth = 3; ctx.beginPath(); ctx.moveTo(x0, y - 4); ctx.lineTo(x0 + 18, y - 4); ctx.stroke(); }
      ctx.fillStyle = "#222222"; ctx.fillText(String(it[2]).slice(0, 40), x0 + 26, y);
    });
    return c.toDataURL("image/png");
  }
  $("gk-export").addEventListener("click", function () {
    var a = el("a");
    a.href = exportPng();
    a.download = (D.meta.title || "map").replace(/[^\w\u00C0-\u024F-]+/g, "_").slice(0, 60) + ".png";
    document.body.appendChild(a); a.click(); a.remove();
  });

  // ------------------------------------------------------------ details panel
  function table(rows) {
    var tb = el("table");
    rows.forEach(function (r) {
      var tr = el("tr"), k = el("td", r[0]), v = el("td", r[1]);
      if (r[2]) k.title = r[2];
      tr.appendChild(k); tr.appendChild(v); tb.appendChild(tr);
    });
    return tb;
  }
  function section(body, key, count) {
    body.appendChild(el("h3", t(key) + (count === undefined ? "" : " (" + count + ")")));
  }
  function listSection(body, key, items, fill) {
    section(body, key, items.length);
    var ul = el("ul");
    items.forEach(function (x) { var li = el("li"); fill(li, x); ul.appendChild(li); });
    body.appendChild(ul);
  }
  /** Fill and open the panel of actor ``id`` (the click handler calls this). */
  function showPanel(id) {
    var n = nodeById.get(id), body = $("gk-panel-body");
    if (!n) return false;
    clear(body);
    body.appendChild(el("h2", n.label));
    body.appendChild(el("p", typeName(n.type) + " \u00B7 " + countryName(n.country), "gk-muted"));
    if (n.members !== undefined) {
      body.appendChild(el("p", n.members + " " + t("members") + " \u00B7 " + n.internal + " " + t("internal")));
    }
    section(body, "properties");
    body.appendChild(table(D.columns.map(function (col, i) {
      if (col === "id") return [col, ""];  // ids are for machines
      var label = D.texts[lang]["col_" + col] || col;
      var value = col === "type" ? typeName(n.props[i])
        : col === "country" ? (n.props[i] ? countryName(n.props[i]) : "") : tr(n.props[i]);
      return [label, value];
    }).filter(function (r) { return r[1] !== ""; })));
    if (D.metrics.length) {
      section(body, "metrics");
      body.appendChild(table(D.metrics.map(function (m, i) {
        return [m["label_" + lang], metricWords(m.key, i, n), m["meaning_" + lang]];
      })));
    }
    var partners = new Map();
    edgesOf(id).forEach(function (e) {
      var other = e.from === id ? e.to : e.from;
      if (!partners.has(other)) partners.set(other, []);
      partners.get(other).push(
        [typeName(e.type) + " (" + yearsText(e) + ")"].concat(edgeExtras(e)).join(" \u00B7 "));
    });
    var others = Array.from(partners.keys()).sort(function (a, b) {
      return nodeById.get(a).label.localeCompare(nodeById.get(b).label);
    });
    listSection(body, "partners", others, function (li, o) {
      li.appendChild(nodeLink(o, nodeById.get(o).label));
      li.appendChild(el("span", " \u2014 " + partners.get(o).join("; "), "gk-muted"));
    });
    listSection(body, "gaps", own(D.gaps, id) || [], function (li, g) {
      li.appendChild(el("strong", tr(g.rule)));
      li.appendChild(document.createTextNode(t("colon") + tr(g.detail) + " "));
      if (g.other_id && nodeById.get(g.other_id)) li.appendChild(nodeLink(g.other_id, g.other_name || g.other_id));
    });
    listSection(body, "recommendations", own(D.recommendations, id) || [], function (li, r) {
      if (r.rank !== null) li.appendChild(document.createTextNode(fmt(r.rank) + ". "));
      if (nodeById.get(r.partner_id)) li.appendChild(nodeLink(r.partner_id, r.partner_name));
      else li.appendChild(el("span", r.partner_name));
      li.appendChild(el("span", " \u00B7 " + t("score") + " " + fmt2(r.score), "gk-muted"));
      if (tr(r.reasons)) li.appendChild(el("div", t("reasons") + t("colon") + tr(r.reasons), "gk-muted"));
      if (r.programmes) li.appendChild(el("div", t("programmes") + t("colon") + r.programmes, "gk-muted"));
    });
    $("gk-panel").hidden = false;
    state.selected = id;
    redraw();
    return true;
  }
  function openGroup(i) { clearFocus(); setView("group", i); }
  function clearFocus() {
    state.selected = null;
    if (network) network.unselectAll();
    redraw();
  }
  function closePanel() { $("gk-panel").hidden = true; clearFocus(); }
  $("gk-panel-close").addEventListener("click", closePanel);

  // ------------------------------------------------------------ legend, header
  function legendItem(box, mark, text) {
    var row = el("div", null, "gk-legend-item");
    row.appendChild(mark); row.appendChild(el("span", text)); box.appendChild(row);
  }
  function glyph(shape, colour) {
    if (shape === "ellipse") {  // no ellipse in the common fonts: drawn with CSS
      var box = el("span", null, "gk-glyph"), e = el("span", null, "gk-ellipse");
      e.style.background = colour; box.appendChild(e); return box;
    }
    var g = el("span", GLYPH[shape] || "\u25CF", "gk-glyph"); g.style.color = colour; return g;
  }
  function line(colour, style) {
    var l = el("span", null, "gk-line"); l.style.borderTopColor = colour; l.style.borderTopStyle = style; return l;
  }
  function buildLegend() {
    var box = $("gk-legend-body");
    clear(box);
    box.appendChild(el("p", t("legend_colour_shape"), "gk-muted"));
    D.legend.actor_types.forEach(function (x) { legendItem(box, glyph(x.shape, x.colour), x[lang]); });
    box.appendChild(el("p", D.legend.edges_title ? tr(D.legend.edges_title) : t("legend_edges"), "gk-muted"));
    D.legend.cooperation_types.forEach(function (x) {
      legendItem(box, line(x.colour, x.dashes ? "dashed" : "solid"), x[lang] + (x.directed ? " \u2192" : ""));
    });
    if (D.recommended_edges.length) legendItem(box, line(REC, "dashed"), t("legend_rec"));
    if (D.gap_edges.length) legendItem(box, line(GAP, "dotted"), t("legend_gap"));
    var s = D.legend.size;
    var p = el("p", t("legend_size") + s["label_" + lang], "gk-muted");
    if (s["meaning_" + lang]) p.title = s["meaning_" + lang];
    box.appendChild(p);
    if (s["meaning_" + lang]) box.appendChild(el("p", s["meaning_" + lang], "gk-muted"));
    if (D.legend.communities.length) {
      // the map of a comparison rings the actors who entered and left instead
      var named = !!D.legend.communities_title;
      box.appendChild(el("p", named ? tr(D.legend.communities_title) : t("legend_communities"), "gk-muted"));
      D.legend.communities.forEach(function (c) {
        var ring = el("span", null, "gk-ring"); ring.style.borderColor = c.colour;
        legendItem(box, ring, (c.label ? tr(c.label) : t("community") + " " + (c.rank + 1)) + " (" + c.count + ")");
      });
      if (!named) {
        var ring = el("span", null, "gk-ring"); ring.style.borderColor = D.legend.other_community_colour;
        legendItem(box, ring, t("other_communities"));
      }
    }
  }
  function showCounts() {
    if (!$("gk-overview")) return;
    var v = visibleCounts();
    var f = D.meta.figures;
    // the map of a comparison states the comparison's counts
    $("gk-counts").textContent = (D.meta.difference ? tr(D.meta.difference) : f.actors + " " + t("actors") +
      " \u00B7 " + f.cooperations + " " + t("cooperations") +
      (f.memberships ? " \u00B7 " + f.memberships + " " + t("memberships") : "")) +
      " \u2014 " + t("shown") + " " + v.nodes + " " + t("actors") + ", " + v.edges + " " + t("links") +
      (view.mode === "overview" ? " " + t("in_groups").replace("{n}", overviewStats.groups) : "");
    return v;
  }
  function buildHeader() {
    var title = D.meta.title || t("page_title");
    $("gk-title").textContent = title;
    document.title = title;
    $("gk-date").textContent = t("data_date") + (D.meta.date || t("no_date"));
    var notes = [];
    if (D.meta.focus) notes.push(t("focus_note").replace("{name}", D.meta.focus.name).replace("{depth}", D.meta.focus.depth));
    if (D.meta.collapsed) notes.push(t("collapsed_note"));
    if (D.meta.layout === "geo") notes.push(t("layout_geo_note"), t("geo_note"));
    $("gk-note").textContent = notes.join(" ");
    $("gk-lang").textContent = t("switch_lang");
    showCounts();
  }
  function fillTexts() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-t]"), function (e) { e.textContent = t(e.dataset.t); });
    Array.prototype.forEach.call(document.querySelectorAll("[data-tp]"), function (e) { e.placeholder = t(e.dataset.tp); });
  }
  /** Show every fixed text in ``l`` ("fr" or "en") without reloading. */
  function setLang(l) {
    if (!D.texts[l]) return false;
    lang = l;
    document.documentElement.lang = l;
    fillTexts(); buildHeader(); buildFilters(); buildLegend();
    if (view.mode === "overview") refreshOverview();
    else quiet(function () {
      nodes.update(D.nodes.filter(function (n) { return held(n.k); })
        .map(function (n) { return { id: n.k, title: nodeTitle(n) }; }));
      if (!LAYER) edges.update(edges.getIds().map(function (id) { return { id: id, title: edgeTitle(edgeById.get(id)) }; }));
    });
    buildGroupings(); showView();
    if (state.selected && !$("gk-panel").hidden) showPanel(state.selected);
    redraw();
    return true;
  }
  $("gk-lang").addEventListener("click", function () { setLang(lang === "fr" ? "en" : "fr"); });
  fillTexts(); buildHeader(); buildFilters(); buildLegend(); buildGroupings();
  setView(D.meta.overview && GROUPINGS.length ? "overview" : "all");

  options.nodes.scaling = scalingFor();
  var shownScaling = JSON.stringify(options.nodes.scaling);
  network = new vis.Network($("gk-network"), { nodes: nodes, edges: edges }, options);
  if (GEO) {
    network.on("beforeDrawing", drawBasemap);
    var reclusterSoon = null, soon = function () {
      clearTimeout(reclusterSoon);
      reclusterSoon = setTimeout(function () { recluster(); network.redraw(); }, 200);
    };
    network.on("zoom", soon);
    network.on("dragEnd", function (p) { if (!p.nodes.length) soon(); });  // panned: actors come near
    // the markers' tooltips: their places
    network.canvas.frame.canvas.addEventListener("mousemove", function (ev) {
      var r = this.getBoundingClientRect(), m = markerAt({ x: ev.clientX - r.left, y: ev.clientY - r.top });
      this.title = m >= 0 ? markerTitle(clusters[m]) : "";
    });
    if (view.mode !== "overview") { fitShown(); recluster(); }
  }
  if (LAYER) {
    network.on("beforeDrawing", drawLayer);
    network.on("beforeDrawing", drawMarkers);
    var resume = null;
    var pause = function () {
      layerPaused = true;
      clearTimeout(resume);
      resume = setTimeout(function () { layerPaused = false; network.redraw(); }, 250);
    };
    network.on("dragging", function (p) { if (p.nodes.length) layerCache = null; pause(); });
    network.on("zoom", pause);
  }
  timings.network = performance.now();
  network.once("afterDrawing", function () {
    timings.drawn = performance.now();
    window.graphkitReadyAt = performance.now();
    window.graphkitReady = true;
  });
  if (D.meta.physics && !D.meta.overview) {
    network.once("stabilizationIterationsDone", function () {
      network.setOptions({ physics: { enabled: false } });
    });
  }
  network.on("afterDrawing", function (ctx) { drawViewLabels(ctx); drawPaths(ctx); drawFocus(ctx); });
  network.on("click", function (params) {
    var m = GEO && !params.nodes.length ? markerAt(params.pointer.DOM) : -1;
    if (m >= 0) openCluster(m);
    else if (params.nodes.length && isGroupId(params.nodes[0])) openGroup(parseInt(params.nodes[0].slice(1), 10));
    else if (params.nodes.length) showPanel(aid(params.nodes[0]));
    else if (!params.edges.length) clearFocus();
  });

  window.graphkit = { data: D, network: network, nodes: nodes, edges: edges, state: state,
    vid: vid, aid: aid, setView: setView, openGroup: openGroup, shortestPaths: shortestPaths,
    showPaths: showPaths, setYear: setYear, exportPng: exportPng,
    view: function () { return { mode: view.mode, grouping: view.grouping, group: view.group, stats: overviewStats }; }, selected: function () {
      return network.getSelectedNodes().map(aid);
    },
    focusSets: focusSets, clearFocus: clearFocus, fitShown: fitShown,
    search: search, runSearch: runSearch, focusNode: focusNode, showPanel: showPanel,
    closePanel: closePanel, applyFilters: applyFilters, visibleCounts: visibleCounts,
    layerStats: layerStats, geoStats: geoStats, labelStats: labelStats, recluster: recluster, openCluster: openCluster,
    clusters: function () { return clusters; },
    setLang: setLang, lang: function () { return lang; } };
  }
})();
