// Interactive charts of the spectralflow report, drawn from the data embedded in the page (no network).
(function () {
  "use strict";
  var NS = "http://www.w3.org/2000/svg";
  var charts = JSON.parse(document.getElementById("chart-data").textContent);

  function el(parent, name, attrs, text) {
    var e = document.createElementNS(NS, name);
    for (var a in attrs) e.setAttribute(a, attrs[a]);
    if (text !== undefined) e.textContent = text;
    parent.appendChild(e);
    return e;
  }

  function ticks(lo, hi, count) {
    var span = hi - lo, step = Math.pow(10, Math.floor(Math.log10(span / count)));
    var err = count / span * step;
    if (err <= 0.15) step *= 10; else if (err <= 0.35) step *= 5; else if (err <= 0.75) step *= 2;
    var out = [];
    for (var t = Math.ceil(lo / step) * step; t <= hi + step * 1e-9; t += step) out.push(Math.abs(t) < step * 1e-9 ? 0 : t);
    return out;
  }

  function label(v) {
    var a = Math.abs(v);
    return a !== 0 && (a >= 1e5 || a < 1e-3) ? v.toExponential(1) : String(Math.round(v * 1e6) / 1e6);
  }

  function draw(div, chart) {
    var img = div.querySelector("img");
    var W = img ? Number(img.getAttribute("width")) : 900, H = img ? Number(img.getAttribute("height")) : 540;
    var legendW = 230, L = 70, R = legendW + 16, T = 34, B = 46;
    var hidden = {}, view = null;
    var svg = document.createElementNS(NS, "svg");
    svg.setAttribute("width", W);
    svg.setAttribute("height", H);
    svg.setAttribute("class", "interactive");
    svg.setAttribute("data-series", chart.series.length);
    div.insertBefore(svg, img);
    if (img) img.style.display = "none";

    function points(s) {
      var out = [];
      for (var i = 0; i < s.x.length; i++)
        if (s.x[i] !== null && s.y[i] !== null && isFinite(s.x[i]) && isFinite(s.y[i])) out.push([s.x[i], s.y[i]]);
      return out;
    }

    function render() {
      while (svg.firstChild) svg.removeChild(svg.firstChild);
      el(svg, "text", {x: W / 2 - legendW / 2, y: 18, "text-anchor": "middle", "font-weight": "bold"}, chart.title);
      var all = [];
      chart.series.forEach(function (s, i) { if (!hidden[i]) all = all.concat(points(s)); });
      if (all.length === 0) { el(svg, "text", {x: L, y: H / 2}, "no values shown"); legend(); return; }
      var x0 = view ? view[0] : Math.min.apply(null, all.map(function (p) { return p[0]; }));
      var x1 = view ? view[1] : Math.max.apply(null, all.map(function (p) { return p[0]; }));
      var inView = all.filter(function (p) { return p[0] >= x0 && p[0] <= x1; });
      if (inView.length === 0) inView = all;
      var y0 = Math.min.apply(null, inView.map(function (p) { return p[1]; }));
      var y1 = Math.max.apply(null, inView.map(function (p) { return p[1]; }));
      if (x1 === x0) { x0 -= 1; x1 += 1; }
      if (y1 === y0) { y0 -= 0.5; y1 += 0.5; }
      var pad = (y1 - y0) * 0.05; y0 -= pad; y1 += pad;
      var sx = function (x) { return L + (x - x0) / (x1 - x0) * (W - L - R); };
      var sy = function (y) { return T + (y1 - y) / (y1 - y0) * (H - T - B); };
      var clip = "clip-" + chart.name;
      var defs = el(svg, "defs", {});
      el(el(defs, "clipPath", {id: clip}), "rect", {x: L, y: T, width: W - L - R, height: H - T - B});
      ticks(x0, x1, 8).forEach(function (t) {
        el(svg, "line", {x1: sx(t), x2: sx(t), y1: T, y2: H - B, stroke: "#eee"});
        el(svg, "text", {x: sx(t), y: H - B + 16, "text-anchor": "middle"}, label(t));
      });
      ticks(y0, y1, 6).forEach(function (t) {
        el(svg, "line", {x1: L, x2: W - R, y1: sy(t), y2: sy(t), stroke: "#eee"});
        el(svg, "text", {x: L - 6, y: sy(t) + 4, "text-anchor": "end"}, label(t));
      });
      el(svg, "rect", {x: L, y: T, width: W - L - R, height: H - T - B, fill: "none", stroke: "#999"});
      el(svg, "text", {x: (L + W - R) / 2, y: H - 8, "text-anchor": "middle"}, chart.x_title);
      el(svg, "text", {x: 14, y: (T + H - B) / 2, "text-anchor": "middle", transform: "rotate(-90 14 " + (T + H - B) / 2 + ")"}, chart.y_title);
      var g = el(svg, "g", {"clip-path": "url(#" + clip + ")"});
      chart.series.forEach(function (s, i) {
        if (hidden[i]) return;
        var ps = points(s);
        if (s.style === "points") {
          ps.forEach(function (p) { el(g, "circle", {cx: sx(p[0]), cy: sy(p[1]), r: 3, fill: s.color, "class": "pt"}); });
        } else {
          // a gap in the data (NaN) breaks the line instead of joining across it
          var d = "", pen = false;
          for (var k = 0; k < s.x.length; k++) {
            var ok = s.x[k] !== null && s.y[k] !== null && isFinite(s.x[k]) && isFinite(s.y[k]);
            if (ok) { d += (pen ? "L" : "M") + sx(s.x[k]).toFixed(1) + "," + sy(s.y[k]).toFixed(1); pen = true; } else pen = false;
          }
          el(g, "path", {d: d, fill: "none", stroke: s.color, "stroke-width": s.style === "dashed" ? 1.2 : 1.8,
                         "stroke-dasharray": s.style === "dashed" ? "6 4" : "none", "class": "series"});
        }
      });
      legend();
      interact(sx, sy, x0, x1, y0, y1);
    }

    function legend() {
      var y = T;
      chart.series.forEach(function (s, i) {
        if (!s.legend) return;
        var item = el(svg, "g", {"class": "legend-item", "data-index": i, style: "cursor:pointer", opacity: hidden[i] ? 0.35 : 1});
        var lx = W - legendW;
        if (s.style === "points") el(item, "circle", {cx: lx + 10, cy: y + 6, r: 4, fill: s.color});
        else el(item, "line", {x1: lx, x2: lx + 22, y1: y + 6, y2: y + 6, stroke: s.color, "stroke-width": 2,
                                "stroke-dasharray": s.style === "dashed" ? "6 4" : "none"});
        el(item, "text", {x: lx + 28, y: y + 10}, s.name.length > 34 ? s.name.slice(0, 33) + "…" : s.name);
        item.addEventListener("click", function () { hidden[i] = !hidden[i]; render(); });
        y += 17;
      });
    }

    function interact(sx, sy, x0, x1) {
      var tip = el(svg, "g", {visibility: "hidden"});
      var box = el(tip, "rect", {"class": "tip", rx: 3}), text = el(tip, "text", {});
      var band = el(svg, "rect", {fill: "#1f77b4", opacity: 0.15, visibility: "hidden", y: T, height: H - T - B});
      var start = null;
      function at(ev) { var r = svg.getBoundingClientRect(); return [ev.clientX - r.left, ev.clientY - r.top]; }
      svg.onmousemove = function (ev) {
        var m = at(ev), best = null, bestD = 400;
        chart.series.forEach(function (s, i) {
          if (hidden[i]) return;
          points(s).forEach(function (p) {
            var dx = sx(p[0]) - m[0], dy = sy(p[1]) - m[1], d = dx * dx + dy * dy;
            if (d < bestD) { bestD = d; best = [s, p]; }
          });
        });
        if (start !== null) band.setAttribute("x", Math.min(start, m[0])), band.setAttribute("width", Math.abs(m[0] - start));
        if (!best) { tip.setAttribute("visibility", "hidden"); return; }
        text.textContent = best[0].name + ": (" + label(best[1][0]) + ", " + label(best[1][1]) + ")";
        var tx = Math.min(sx(best[1][0]) + 8, W - legendW - 10 - text.getComputedTextLength()), ty = Math.max(sy(best[1][1]) - 10, T + 14);
        text.setAttribute("x", tx); text.setAttribute("y", ty);
        box.setAttribute("x", tx - 4); box.setAttribute("y", ty - 13);
        box.setAttribute("width", text.getComputedTextLength() + 8); box.setAttribute("height", 18);
        tip.setAttribute("visibility", "visible");
      };
      svg.onmouseleave = function () { tip.setAttribute("visibility", "hidden"); };
      svg.onmousedown = function (ev) { start = at(ev)[0]; band.setAttribute("visibility", "visible"); band.setAttribute("width", 0); };
      svg.onmouseup = function (ev) {
        var end = at(ev)[0];
        band.setAttribute("visibility", "hidden");
        if (start !== null && Math.abs(end - start) > 5) {
          var inv = function (px) { return x0 + (px - L) / (W - L - R) * (x1 - x0); };
          view = [inv(Math.min(start, end)), inv(Math.max(start, end))];
          start = null;
          render();
          return;
        }
        start = null;
      };
      svg.ondblclick = function () { view = null; render(); };
    }

    render();
  }

  var byName = {};
  charts.forEach(function (c) { byName[c.name] = c; });
  var divs = document.querySelectorAll("div.chart[data-chart]");
  for (var i = 0; i < divs.length; i++) {
    var c = byName[divs[i].getAttribute("data-chart")];
    if (c) draw(divs[i], c);
  }
  document.body.setAttribute("data-charts-drawn", String(document.querySelectorAll("svg.interactive").length));
})();
