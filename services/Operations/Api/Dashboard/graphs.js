// Graphs over time: the charts of the chosen range, redrawn every 10 s; the range is kept in the address (#range=1h).
"use strict";

const GRAPHS_REFRESH_MS = 10000;
const RANGES = ["15m", "1h", "6h", "24h", "7d", "14d"];

function chosenRange() {
  const match = /range=([0-9a-z]+)/.exec(window.location.hash);
  return match && RANGES.includes(match[1]) ? match[1] : "1h";
}

function describeResolution(seconds) {
  return seconds >= 60 ? `${seconds / 60}-minute points` : `${seconds}-second points`;
}

async function refreshGraphs() {
  const range = chosenRange();
  try {
    const response = await fetch(api(`/operations/api/series?range=${encodeURIComponent(range)}`), { cache: "no-store" });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const answer = await response.json();
    // A range changed while this request was out: its own refresh draws it.
    if (answer.range !== chosenRange()) return;
    for (const section of answer.sections) {
      const holder = document.querySelector(`.charts[data-section="${section.name}"]`);
      if (!holder) continue;
      holder.innerHTML = section.charts.length === 0
        ? `<p class="empty">Nothing recorded in this range.</p>`
        : section.charts.map((c) => lineChart(c, answer.from, answer.to, answer.resolutionSeconds)).join("");
    }
    $("resolution").textContent = `${describeResolution(answer.resolutionSeconds)}, ${time(answer.from)} to ${time(answer.to)}`;
    $("status").className = "";
    $("status").textContent = `Graphs of the ${$("range").selectedOptions[0].textContent} — updated ${time(answer.to)}`;
  } catch (e) {
    $("status").className = "stale";
    $("status").textContent = `Not updated: ${e.message}. Retrying…`;
  }
}

$("range").value = chosenRange();
$("range").addEventListener("change", () => {
  // The address keeps the range across refreshes and reloads; its change redraws.
  window.location.hash = `range=${$("range").value}`;
});
window.addEventListener("hashchange", () => { $("range").value = chosenRange(); refreshGraphs(); });
refreshGraphs();
setInterval(refreshGraphs, GRAPHS_REFRESH_MS);
