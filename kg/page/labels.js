// Labels drawn by the page itself rather than by vis-network, so that no two overlap.
// Each frame, labels are placed in order of importance (the selected node and its neighbours,
// then places from province down, organisations, compounds, projects; bigger hubs first) and a
// label goes on the first side of its node (below, above, right, left) where it overlaps no label
// already placed and no other node, or waits until zooming in makes room. A fanned leaf's label
// tries its outer side first (angle "la" from the layout), so a fan's labels spread out with it. Relation labels (位于, 支持, 项目) come last, once large enough to read.
"use strict";
function kgLabels(network, nodes, DATA) {
  const FACE = "Noto Sans CJK SC, PingFang SC, Microsoft YaHei, sans-serif";
  const RANK = {Province: 0, City: 1, District: 2, Subdistrict: 3, Community: 4, Organization: 5, Neighborhood: 6, Project: 7};
  const measure = document.createElement("canvas").getContext("2d");
  const unitWidth = new Map();
  const widthAt = (text, fs, bold) => {
    const key = (bold ? "b" : "n") + text;
    if (!unitWidth.has(key)) {
      measure.font = (bold ? "bold " : "") + "100px " + FACE;
      unitWidth.set(key, measure.measureText(text).width / 100);
    }
    return unitWidth.get(key) * fs;
  };
  const order = DATA.nodes.slice().sort((a, b) => RANK[a.type] - RANK[b.type] || b.size - a.size || a.id - b.id);
  const baseFont = n => Math.round(11 + 1.6 * Math.sqrt(n.size));
  // zoomed out, labels shrink less than the drawing, so they stay readable
  const fontSize = (n, scale) => baseFont(n) * Math.pow(Math.min(4, Math.max(1, 1 / scale)), 0.6);
  const state = {placed: [], pinned: null, focus: null};

  // The label of node n on side `deg` (0 right, 90 below, 180 left, 270 above) at font size fs:
  // [x0, y0, x1, y1, textX, textY, align, baseline]
  function box(n, x, y, fs, deg) {
    const w = widthAt(n.label, fs, n.id === state.focus), h = fs * 1.15, gap = n.size + fs * 0.3;
    const a = deg * Math.PI / 180, dx = Math.cos(a), dy = Math.sin(a), ax = x + gap * dx, ay = y + gap * dy;
    if (dx > 0.35) return [ax, ay - h / 2, ax + w, ay + h / 2, ax, ay, "left", "middle"];
    if (dx < -0.35) return [ax - w, ay - h / 2, ax, ay + h / 2, ax, ay, "right", "middle"];
    return dy > 0 ? [ax - w / 2, ay, ax + w / 2, ay + h, ax, ay, "center", "top"]
                  : [ax - w / 2, ay - h, ax + w / 2, ay, ax, ay, "center", "bottom"];
  }
  // sides to try, best first: a fanned leaf's outer side, else below; then the others
  const sides = n => n.la === undefined ? [90, 270, 0, 180] : [n.la, 90, 270, 0, 180];

  // boxes already taken, bucketed on a grid so a frame stays linear in the number of labels
  function Occupied(cell) {
    const grid = new Map();
    const keys = (b, f) => { for (let i = Math.floor(b[0] / cell); i <= Math.floor(b[2] / cell); i++)
      for (let j = Math.floor(b[1] / cell); j <= Math.floor(b[3] / cell); j++) f(i + "," + j); };
    return {
      hits(b, self) { let hit = false; keys(b, k => { for (const o of grid.get(k) || [])
        if (o.id !== self && b[0] < o.b[2] && o.b[0] < b[2] && b[1] < o.b[3] && o.b[1] < b[3]) hit = true; }); return hit; },
      add(b, id) { keys(b, k => { if (!grid.has(k)) grid.set(k, []); grid.get(k).push({b, id}); }); },
    };
  }

  function draw(ctx) {
    const scale = network.getScale(), pos = network.getPositions();
    const c = network.body.container, tl = network.DOMtoCanvas({x: 0, y: 0});
    const br = network.DOMtoCanvas({x: c.clientWidth, y: c.clientHeight});
    const seen = b => b[2] > tl.x && b[0] < br.x && b[3] > tl.y && b[1] < br.y;
    const shown = new Map(nodes.get({fields: ["id", "hidden", "opacity"]}).map(n => [n.id, n]));
    const visible = n => !(shown.get(n.id) || {}).hidden;
    const occupied = Occupied(160 / scale), pad = 2 / scale;
    for (const n of DATA.nodes) {  // the nodes themselves are in the way of other nodes' labels
      const p = pos[n.id];
      if (visible(n)) occupied.add([p.x - n.size, p.y - n.size, p.x + n.size, p.y + n.size], n.id);
    }
    const pinned = state.pinned, list = pinned ? order.filter(n => pinned.has(n.id)).concat(order.filter(n => !pinned.has(n.id))) : order;
    const placed = [];
    for (const n of list) {
      if (!visible(n)) continue;
      const p = pos[n.id], fs = fontSize(n, scale);
      let b = null, padded = null;
      for (const deg of sides(n)) {
        const t = box(n, p.x, p.y, fs, deg), tp = [t[0] - pad, t[1] - pad, t[2] + pad, t[3] + pad];
        if (seen(t) && !occupied.hits(tp, n.id)) { b = t; padded = tp; break; }
      }
      if (!b) continue;
      occupied.add(padded, n.id);
      placed.push({id: n.id, text: n.label, b, fs, alpha: (shown.get(n.id) || {}).opacity ?? 1, bold: n.id === state.focus});
    }
    const edgeFs = 10;
    if (edgeFs * scale >= 9) for (const e of DATA.edges) {
      const a = DATA.nodes[e.from], z = DATA.nodes[e.to];
      if (!visible(a) || !visible(z)) continue;
      const x = (pos[e.from].x + pos[e.to].x) / 2, y = (pos[e.from].y + pos[e.to].y) / 2;
      const w = widthAt(e.label, edgeFs), h = edgeFs * 1.15, b = [x - w / 2, y - h / 2, x + w / 2, y + h / 2, x, y, "center", "middle"];
      if (!seen(b) || occupied.hits(b, -1)) continue;
      occupied.add(b, -1);
      const alpha = Math.min((shown.get(e.from) || {}).opacity ?? 1, (shown.get(e.to) || {}).opacity ?? 1);
      placed.push({edge: true, text: e.label, b, fs: edgeFs, alpha});
    }
    ctx.save();
    ctx.lineJoin = "round";
    for (const l of placed) {
      ctx.globalAlpha = l.alpha;
      ctx.font = (l.bold ? "bold " : "") + l.fs + "px " + FACE;
      ctx.textAlign = l.b[6];
      ctx.textBaseline = l.b[7];
      ctx.lineWidth = l.fs * 0.25;
      ctx.strokeStyle = "#fff";
      ctx.fillStyle = l.edge ? "#666" : "#222";
      ctx.strokeText(l.text, l.b[4], l.b[5]);
      ctx.fillText(l.text, l.b[4], l.b[5]);
    }
    ctx.restore();
    state.placed = placed;
  }

  // The view that shows every node and its label with a margin round them.
  function fit(margin) {
    const c = network.body.container, W = c.clientWidth, H = c.clientHeight, pos = network.getPositions();
    let scale = 1, ext = null;
    for (let k = 0; k < 3; k++) {
      ext = [Infinity, Infinity, -Infinity, -Infinity];
      for (const n of DATA.nodes) {
        const p = pos[n.id], b = box(n, p.x, p.y, fontSize(n, scale), sides(n)[0]);
        ext = [Math.min(ext[0], b[0], p.x - n.size), Math.min(ext[1], b[1], p.y - n.size),
               Math.max(ext[2], b[2], p.x + n.size), Math.max(ext[3], b[3], p.y + n.size)];
      }
      scale = Math.min((W - 2 * margin) / Math.max(ext[2] - ext[0], 1), (H - 2 * margin) / Math.max(ext[3] - ext[1], 1), 1.5);
    }
    if (!isFinite(scale) || !DATA.nodes.length) return;
    network.moveTo({position: {x: (ext[0] + ext[2]) / 2, y: (ext[1] + ext[3]) / 2}, scale, animation: false});
  }

  // Labels as drawn last, in page pixels relative to the canvas (for tests and debugging).
  function drawn() {
    return state.placed.map(l => {
      const a = network.canvasToDOM({x: l.b[0], y: l.b[1]}), z = network.canvasToDOM({x: l.b[2], y: l.b[3]});
      return {id: l.id, edge: !!l.edge, text: l.text, x0: a.x, y0: a.y, x1: z.x, y1: z.y};
    });
  }

  network.on("afterDrawing", draw);
  // pin: labels of these nodes first (a selection and its neighbours), the focus's in bold
  return {fit, drawn, pin: (ids, focus) => { state.pinned = ids; state.focus = ids ? focus : null; network.redraw(); }};
}
