// The spectralflow monitor's page: state from /api/*, updates pushed by /api/events (server-sent events).
"use strict";
const layers = new Map();   // "model/layer" → summary {model, layer, health, last_alert, heard_at_ms}
let alerts = [];
let selected = null;        // key of the layer shown in detail
let detail = null;          // its history from /api/layers/{model}/{layer}
let skew = 0;               // server clock − browser clock, for "heard … ago"

const key = (model, layer) => model + "/" + layer;
const fmt = (x, digits) => (x === null || x === undefined || Number.isNaN(x)) ? "—" : Number(x).toFixed(digits);
const signed = x => (x === null || x === undefined) ? "—" : (x >= 0 ? "+" : "") + Number(x).toFixed(5);

async function getJson(path) {
  const r = await fetch(path, {cache: "no-store"});
  if (!r.ok) throw new Error(path + ": " + r.status);
  return r.json();
}

async function loadAll() {
  const [info, ls, as] = await Promise.all([getJson("api/info"), getJson("api/layers"), getJson("api/alerts")]);
  skew = info.now_ms - Date.now();
  document.getElementById("source").textContent = "reading sf.health and sf.alerts from " + info.source;
  layers.clear();
  for (const l of ls) layers.set(key(l.model, l.layer), l);
  alerts = as;
  if (selected === null && layers.size > 0) selected = layers.keys().next().value;
  renderTable();
  renderAlerts();
  await loadDetail();
}

async function loadDetail() {
  if (selected === null || !layers.has(selected)) return;
  const l = layers.get(selected);
  detail = await getJson("api/layers/" + encodeURIComponent(l.model) + "/" + encodeURIComponent(l.layer));
  renderDetail();
}

function lastAlertText(a) {
  if (!a) return "";
  return a.kind + " @" + a.step + ": " + (a.from || "—") + " → " + a.to + (a.kind === "forecast" && a.forecast_step !== null ? " at ≈" + a.forecast_step : "");
}

function renderTable() {
  const body = document.querySelector("#layers tbody");
  body.replaceChildren();
  for (const [k, l] of layers) {
    const h = l.health;
    const tr = document.createElement("tr");
    tr.dataset.key = k;
    if (k === selected) tr.className = "selected";
    const cells = [
      ["model", l.model, true], ["layer", l.layer, true], ["cell", h.cell || h.activation || "", true], ["step", h.step],
      ["rho", fmt(h.rho, 4)], ["sigma1", fmt(h.sigma1, 4)], ["rate", signed(h.growth_rate)],
      ["regime", h.regime || "—", true], ["last-alert", lastAlertText(l.last_alert), true], ["heard", "", false],
    ];
    for (const [name, value, text] of cells) {
      const td = document.createElement("td");
      td.className = name + (text ? " text" : "") + (name === "regime" && h.regime ? " regime-" + h.regime : "");
      td.textContent = value;
      tr.appendChild(td);
    }
    tr.addEventListener("click", () => { selected = k; renderTable(); loadDetail(); });
    body.appendChild(tr);
  }
  renderHeard();
  document.getElementById("status").textContent = layers.size + " layer" + (layers.size === 1 ? "" : "s");
}

function renderHeard() {
  const now = Date.now() + skew;
  for (const tr of document.querySelectorAll("#layers tbody tr")) {
    const l = layers.get(tr.dataset.key);
    const s = Math.max(0, Math.round((now - l.heard_at_ms) / 1000));
    tr.querySelector("td.heard").textContent = s < 60 ? s + " s ago" : Math.round(s / 60) + " min ago";
  }
}

function renderAlerts() {
  const ul = document.getElementById("alerts");
  ul.replaceChildren();
  if (alerts.length === 0) {
    const li = document.createElement("li");
    li.className = "none";
    li.textContent = "none yet";
    ul.appendChild(li);
  }
  for (const a of alerts.slice(0, 100)) {
    const li = document.createElement("li");
    li.className = "alert " + a.kind;
    li.textContent = a.message;
    ul.appendChild(li);
  }
}

function chart(svg, xs, ys, ref, forecast) {
  svg.replaceChildren();
  const W = 560, H = 240, L = 56, R = 12, T = 10, B = 28;
  const pts = xs.map((x, i) => [x, ys[i]]).filter(p => p[1] !== null && Number.isFinite(p[1]));
  const ns = "http://www.w3.org/2000/svg";
  const el = (name, attrs, text) => {
    const e = document.createElementNS(ns, name);
    for (const a in attrs) e.setAttribute(a, attrs[a]);
    if (text !== undefined) e.textContent = text;
    svg.appendChild(e);
    return e;
  };
  if (pts.length === 0) { el("text", {x: L, y: H / 2}, "no values"); return; }
  let x0 = Math.min(...pts.map(p => p[0])), x1 = Math.max(...pts.map(p => p[0]));
  let y0 = Math.min(ref, ...pts.map(p => p[1])), y1 = Math.max(ref, ...pts.map(p => p[1]));
  if (forecast) { x1 = Math.max(x1, forecast[2]); }
  if (x1 === x0) { x0 -= 1; x1 += 1; }
  if (y1 === y0) { y0 -= 0.5; y1 += 0.5; }
  const pad = (y1 - y0) * 0.08; y0 -= pad; y1 += pad;
  const sx = x => L + (x - x0) / (x1 - x0) * (W - L - R), sy = y => T + (y1 - y) / (y1 - y0) * (H - T - B);
  el("line", {x1: L, y1: H - B, x2: W - R, y2: H - B, class: "axis"});
  el("line", {x1: L, y1: T, x2: L, y2: H - B, class: "axis"});
  for (let i = 0; i <= 4; i++) {
    const y = y0 + (y1 - y0) * i / 4, x = x0 + (x1 - x0) * i / 4;
    el("text", {x: 4, y: sy(y) + 4}, y.toPrecision(3));
    el("text", {x: sx(x), y: H - 8, "text-anchor": i === 0 ? "start" : i === 4 ? "end" : "middle"}, Math.round(x));
  }
  el("line", {x1: L, y1: sy(ref), x2: W - R, y2: sy(ref), class: "ref"});
  if (forecast) el("line", {x1: sx(forecast[0]), y1: sy(forecast[1]), x2: sx(forecast[2]), y2: sy(forecast[3]), class: "forecast"});
  el("polyline", {points: pts.map(p => sx(p[0]).toFixed(1) + "," + sy(p[1]).toFixed(1)).join(" "), class: "line"});
}

function renderDetail() {
  if (!detail) return;
  const section = document.getElementById("detail");
  section.hidden = false;
  document.getElementById("detail-title").textContent = detail.model + " " + detail.layer;
  const a = detail.last_alert;
  let forecast = null;
  const n = detail.steps.length - 1;
  if (a && a.kind === "forecast" && a.forecast_step !== null && n >= 0 && a.forecast_step > detail.steps[n]) {
    forecast = [detail.steps[n], detail.rho[n], a.forecast_step, 1]; // the trend from the newest reading to ρ = 1
  }
  chart(document.getElementById("rho-chart"), detail.steps, detail.rho, 1, forecast);
  chart(document.getElementById("rate-chart"), detail.steps, detail.growth_rate, 0, null);
  const gates = detail.health.gates, table = document.getElementById("gates");
  table.hidden = !gates;
  const body = table.querySelector("tbody");
  body.replaceChildren();
  if (gates) for (const g in gates) {
    const tr = document.createElement("tr");
    for (const v of [g, fmt(gates[g].rho, 4), fmt(gates[g].sigma1, 4)]) {
      const td = document.createElement("td");
      td.textContent = v;
      tr.appendChild(td);
    }
    body.appendChild(tr);
  }
}

function connect() {
  const events = new EventSource("api/events");
  events.addEventListener("health", e => {
    const l = JSON.parse(e.data);
    const k = key(l.model, l.layer);
    const old = layers.get(k);
    if (old && old.last_alert && !l.last_alert) l.last_alert = old.last_alert;
    layers.set(k, l);
    if (selected === null) selected = k;
    renderTable();
    if (k === selected) loadDetail();
  });
  events.addEventListener("alert", e => {
    const a = JSON.parse(e.data);
    alerts.unshift(a);
    const l = layers.get(key(a.model, a.layer));
    if (l) l.last_alert = a;
    renderAlerts();
    renderTable();
    if (selected === key(a.model, a.layer)) loadDetail();
  });
  events.onerror = () => { document.getElementById("status").textContent = "connection lost: reconnecting…"; };
  events.onopen = () => loadAll().catch(err => { document.getElementById("status").textContent = String(err); });
}

setInterval(renderHeard, 1000);
connect();
