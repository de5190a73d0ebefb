// A case's flow as a sequence diagram: reads /operations/api/flow/{case} every few seconds (steps arrive in batches)
// and draws one lifeline per participant, time going down, in plain SVG; the same steps in a table below.
// Ids, types, parties' ids and times only: the API sends nothing else.
"use strict";

const REFRESH_MS = 2000;
const LEFT = 110, FIRST = 100, COLUMN = 215, HEAD = 34, ROW = 42;
let current = null, shown = "";

const ms = (v) => (v == null ? "" : v < 1000 ? `${Math.round(v)} ms` : `${(v / 1000).toFixed(2)} s`);
// To the millisecond: steps of one case often fall within the same second.
const clock = (iso) => (iso ? new Date(iso).toISOString().slice(11, 23) : "");
const stamp = (iso) => (iso ? new Date(iso).toISOString().replace("T", " ").slice(0, 23) + " UTC" : "");

function participants(flow) {
  const names = [...flow.lifelines];
  for (const s of flow.steps) if (!names.includes(s.service)) names.push(s.service);
  return names;
}

function label(x, y, text, anchor = "middle") {
  return `<text x="${x}" y="${y}" text-anchor="${anchor}">${esc(text)}</text>`;
}

function arrow(x1, x2, y, marker) {
  if (x1 === x2) return `<path class="arrow" d="M ${x1} ${y - 6} h 34 v 12 h -30" marker-end="url(#${marker})"/>`;
  const end = x2 + (x2 > x1 ? -2 : 2);
  return `<line class="arrow" x1="${x1}" y1="${y}" x2="${end}" y2="${y}" marker-end="url(#${marker})"/>`;
}

// One step: where it goes from and to, what it says above and below its arrow.
function shape(s, flow, x) {
  const from = s.publishIndex != null ? x(flow.steps[s.publishIndex].service) : x(s.service);
  const retries = s.attempt > 0 || s.redelivery > 0 ? ` · retry ${s.attempt}, redelivery ${s.redelivery}` : "";
  switch (s.kind) {
    case "call":
      return { from: x("party"), to: x(s.service), marker: "m-call", above: `${s.shortType} · ${s.outcome}`, below: `${s.partyId || "(no party)"} · ${ms(s.durationMs)}` };
    case "publish":
      return { dot: x(s.service), above: `${s.shortType} published`, below: `commit → broker ${ms(s.durationMs)} · ${s.attempt} attempt(s)` };
    case "consume":
      return { from, to: x(s.service), marker: "m-event", above: `${s.shortType} → ${s.consumer}`, below: `took ${ms(s.durationMs)} · ${ms(s.sinceCommitMs)} since commit${retries}` };
    case "retry":
      return { from, to: x(s.service), marker: "m-retry", above: `${s.shortType} → ${s.consumer} failed: ${s.outcome}`, below: `attempt ${s.attempt + 1}, redelivery ${s.redelivery} · ${ms(s.durationMs)}` };
    case "already-applied":
      return { from, to: x(s.service), marker: "m-grey", above: `${s.shortType} → ${s.consumer}: already applied`, below: `redelivery ${s.redelivery}` };
    case "fault":
      return { from: x(s.service), to: x("operations"), marker: "m-fault", above: `FAULT ${s.shortType} on ${s.consumer}`, below: `${s.outcome} · every retry failed` };
    default:
      return { dot: x(s.service), above: `${s.kind} ${s.shortType}`, below: "" };
  }
}

function diagram(flow) {
  const names = participants(flow);
  const x = (name) => FIRST + LEFT + Math.max(0, names.indexOf(name)) * COLUMN;
  const width = FIRST + LEFT + (names.length - 1) * COLUMN + 140;
  const height = HEAD + 24 + flow.steps.length * ROW + 10;
  const marker = (id, color) => `<marker id="${id}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="${color}"/></marker>`;
  const heads = names.map((n) => `<g class="head" data-lifeline="${esc(n)}"><rect x="${x(n) - 60}" y="4" width="120" height="${HEAD - 8}" rx="4"/>` +
    `${label(x(n), HEAD / 2 + 4, n)}</g><line class="lifeline" x1="${x(n)}" y1="${HEAD}" x2="${x(n)}" y2="${height}"/>`).join("");
  const steps = flow.steps.map((s) => {
    const y = HEAD + 30 + s.index * ROW;
    const f = shape(s, flow, x);
    const classes = `step ${s.kind}${s.retried ? " retried" : ""}`;
    const body = f.dot != null
      ? `<circle cx="${f.dot}" cy="${y}" r="5"/>${label(f.dot + 10, y - 4, f.above, "start")}${label(f.dot + 10, y + 10, f.below, "start")}`
      : `${arrow(f.from, f.to, y, f.marker)}${label(f.from === f.to ? f.from + 40 : (f.from + f.to) / 2, y - 5, f.above, f.from === f.to ? "start" : "middle")}` +
        `${label(f.from === f.to ? f.from + 40 : (f.from + f.to) / 2, y + 13, f.below, f.from === f.to ? "start" : "middle")}`;
    return `<g class="${classes}" data-step-index="${s.index}" data-kind="${esc(s.kind)}" data-type="${esc(s.shortType)}" data-service="${esc(s.service)}"` +
      `${s.consumer ? ` data-consumer="${esc(s.consumer)}"` : ""}><title>${esc(stamp(s.at))} ${esc(s.type)}</title>` +
      `<text class="when" x="6" y="${y + 4}">${esc(clock(s.at))}</text>${body}</g>`;
  }).join("");
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="sequence diagram of the case's flow">` +
    `<defs>${marker("m-call", "#2456a6")}${marker("m-event", "#1f2a44")}${marker("m-retry", "#b35c00")}${marker("m-fault", "#b00020")}${marker("m-grey", "#999")}</defs>` +
    `${heads}${steps}</svg>`;
}

// A publish's attempts; a delivery's immediate retry and redelivery, when it was not the first try. A call has none.
function tries(s) {
  if (s.kind === "publish") return `${s.attempt} attempt(s)`;
  if (s.kind === "call" || s.kind === "fault" || (!s.attempt && !s.redelivery)) return "";
  return `retry ${s.attempt}, redelivery ${s.redelivery}`;
}

function rows(flow) {
  return table(["#", "At (UTC)", "Step", "Service", "What", "Consumer or party", "Outcome", "Took#", "Since commit#", "Try", "Instance"],
    flow.steps.map((s) => `<tr class="${esc(s.kind)}" data-row-index="${s.index}"><td>${s.index}</td><td>${esc(stamp(s.at))}</td><td>${esc(s.kind)}</td>` +
      `<td>${esc(s.service)}</td><td title="${esc(s.type)}">${esc(s.shortType)}</td><td>${esc(s.consumer ?? s.partyId ?? "")}</td>` +
      `<td>${esc(s.outcome ?? "")}</td><td class="n">${esc(ms(s.durationMs))}</td><td class="n">${esc(ms(s.sinceCommitMs))}</td>` +
      `<td>${tries(s)}</td>` +
      `<td>${esc(s.instance ?? "")}</td></tr>`), "No steps recorded yet.");
}

async function refresh() {
  if (!current) return;
  const asked = current;
  try {
    const response = await fetch(api(`/operations/api/flow/${encodeURIComponent(asked)}`), { cache: "no-store" });
    if (asked !== current) return;
    if (response.status === 404 || response.status === 400) {
      const problem = await response.json().catch(() => ({}));
      $("diagram").innerHTML = `<p class="empty" data-unknown-case>${esc(problem.detail ?? "No such case.")}</p>`;
      $("steps").innerHTML = "";
      shown = "";
      $("status").className = "";
      $("status").textContent = `No flow for ${asked} — checked ${time(new Date().toISOString())}`;
      return;
    }
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const text = await response.text();
    const flow = JSON.parse(text);
    // Only what changed is drawn again: an operator reading the diagram keeps their place.
    const key = JSON.stringify(flow.steps);
    if (key !== shown) {
      $("diagram").innerHTML = flow.steps.length === 0 ? `<p class="empty">No steps recorded yet for this case.</p>` : diagram(flow);
      $("steps").innerHTML = rows(flow);
      shown = key;
    }
    const faults = flow.steps.filter((s) => s.kind === "fault").length;
    const retries = flow.steps.filter((s) => s.kind === "retry").length;
    $("status").className = "";
    $("status").textContent = `${flow.caseId}: ${flow.steps.length} step(s), ${retries} failed attempt(s), ${faults} fault(s)${flow.truncated ? " (the first only)" : ""} — updated ${time(flow.at)}`;
  } catch (e) {
    $("status").className = "stale";
    $("status").textContent = `Not updated: ${e.message}. Retrying…`;
  }
}

function show(name) {
  current = name.trim().replace(/^cases\//, "") || null;
  shown = "";
  $("diagram").innerHTML = "";
  $("steps").innerHTML = "";
  const url = new URL(window.location.href);
  if (current) url.searchParams.set("case", current); else url.searchParams.delete("case");
  // The address names the case, so it can be kept or sent to a colleague; no credentials are put in it.
  history.replaceState(null, "", url.pathname + url.search);
  refresh();
}

$("case-form").addEventListener("submit", (event) => {
  event.preventDefault();
  show($("case-id").value);
});

const asked = new URLSearchParams(window.location.search).get("case");
if (asked) {
  $("case-id").value = asked;
  show(asked);
}
setInterval(refresh, REFRESH_MS);
