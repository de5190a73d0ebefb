// The aggregate reports: reads /reports/api/cases (the requests service's report as it is) and draws each breakdown.
// It shows counts of children only; withheld figures arrive withheld and are shown so.
"use strict";

const REFRESH_MS = 10000;
// Not "fewer than 5": a cell withheld so that another cannot be worked out may hold many more.
const figure = (f, min) => (f.suppressed ? `<span class="withheld" title="fewer than ${min} children, or withheld so that such a figure cannot be worked out">withheld</span>` : String(f.children));
// A Duration in JSON is "7776000s".
const days = (d) => (d ? `${Math.round(parseFloat(d) / 86400)} days` : "");

function breakdown(id, cells, min, label, empty) {
  const rows = cells.map((c) => `<tr data-cell="${esc(c.key)}"${c.figure.suppressed ? " data-withheld" : ""}><td>${esc(label(c.key))}</td>` +
    `<td class="n">${figure(c.figure, min)}</td></tr>`);
  $(id).innerHTML = rows.length === 0 ? `<p class="empty">${esc(empty)}</p>`
    : `<table><thead><tr><th></th><th class="n">Children</th></tr></thead><tbody>${rows.join("")}</tbody></table>`;
}

function draw(r) {
  const min = r.minCellChildren;
  $("min-cell").textContent = min;
  const t = r.submissionToReunion;
  $("summary").innerHTML = [
    ["cases", "cases", figure(r.cases, min)],
    ["reunited", "reunited", figure(t.reunited, min)],
    ["p50", "half reunited within", t.suppressed ? "withheld" : days(t.p50)],
    ["p90", "nine in ten reunited within", t.suppressed ? "withheld" : days(t.p90)],
  ].map(([key, text, value]) => `<div class="tile" data-figure="${key}"><span class="count">${value}</span><span class="label">${esc(text)}</span></div>`).join("");
  const same = (k) => k;
  breakdown("by-stage", r.byStage.cells, min, (k) => k.replace(/_/g, " "), "No cases.");
  breakdown("by-age-band", r.byAgeBand.cells, min, (k) => `${k} years`, "No cases.");
  breakdown("by-region-found", r.byRegionFound.cells, min, (k) => k || "other regions (withheld)", "No child located yet.");
  breakdown("by-submit-month", r.bySubmitMonth.cells, min, same, "No cases.");
  const party = (k) => k.replace(/^parties\//, "");
  breakdown("reunited-by-holding-party", r.reunitedByHoldingParty.cells, min, party, "None yet.");
  breakdown("not-located-by-holding-party", r.notLocatedByHoldingParty.cells, min, party, "None.");
}

async function refresh() {
  try {
    const response = await fetch(api("/reports/api/cases"), { cache: "no-store" });
    if (!response.ok) {
      const problem = await response.json().catch(() => ({}));
      throw new Error(problem.detail ?? `HTTP ${response.status}`);
    }
    const r = await response.json();
    draw(r);
    $("status").className = "";
    $("status").textContent = `Worked out ${time(r.computeTime)}`;
  } catch (e) {
    $("status").className = "stale";
    $("status").textContent = `Not updated: ${e.message}`;
  }
}

refresh();
setInterval(refresh, REFRESH_MS);
