// A small line chart of our own, in plain SVG: UTC time axis, a few y ticks, a legend, a title on every point.
// Each point is a <circle data-at="<iso>" data-value="<n>" data-line="<name>"> so tests and operators can read it.
"use strict";

const CHART_COLOURS = ["#1f5fbf", "#c2410c", "#15803d", "#7e22ce", "#b91c1c", "#0e7490", "#a16207", "#4b5563"];

// A round top for the y axis (1, 2, 2.5, 5 × 10^k) and its ticks.
function niceTicks(max) {
  if (!(max > 0)) return [0, 1];
  const step0 = max / 4;
  const magnitude = Math.pow(10, Math.floor(Math.log10(step0)));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= step0);
  const ticks = [];
  for (let v = 0; v <= max + step * 0.001; v += step) ticks.push(+v.toFixed(6));
  if (ticks[ticks.length - 1] < max) ticks.push(+(ticks[ticks.length - 1] + step).toFixed(6));
  return ticks;
}

function tickLabel(ms, spanMs) {
  const iso = new Date(ms).toISOString();
  return spanMs > 36 * 3600e3 ? iso.slice(5, 10) + " " + iso.slice(11, 16) : iso.slice(11, 16);
}

function formatValue(v) {
  return Math.abs(v) >= 1000 ? v.toFixed(0) : String(+v.toFixed(2));
}

// chart: { series, subject, title, unit, lines: [{ name, points: [{ at, value }] }] }; from/to: ISO; stepSeconds: the resolution.
function lineChart(chart, from, to, stepSeconds) {
  const W = 560, H = 190, L = 46, R = 10, T = 8, B = 22;
  const x0 = Date.parse(from), x1 = Math.max(Date.parse(to), x0 + 1000);
  const values = chart.lines.flatMap((l) => l.points.map((p) => p.value)).filter((v) => v !== null && v !== undefined);
  const ticks = niceTicks(Math.max(0, ...values));
  const yMax = ticks[ticks.length - 1] || 1;
  const x = (ms) => L + ((ms - x0) / (x1 - x0)) * (W - L - R);
  const y = (v) => H - B - (v / yMax) * (H - T - B);

  const parts = [];
  for (const t of ticks) {
    parts.push(`<line class="grid" x1="${L}" x2="${W - R}" y1="${y(t)}" y2="${y(t)}"/>`);
    parts.push(`<text x="${L - 4}" y="${y(t) + 3}" text-anchor="end">${esc(formatValue(t))}</text>`);
  }
  const xTicks = 5;
  for (let i = 0; i <= xTicks; i++) {
    const ms = x0 + ((x1 - x0) * i) / xTicks;
    parts.push(`<line class="axis" x1="${x(ms)}" x2="${x(ms)}" y1="${H - B}" y2="${H - B + 3}"/>`);
    parts.push(`<text x="${x(ms)}" y="${H - 6}" text-anchor="${i === 0 ? "start" : i === xTicks ? "end" : "middle"}">${esc(tickLabel(ms, x1 - x0))}</text>`);
  }
  parts.push(`<line class="axis" x1="${L}" x2="${W - R}" y1="${H - B}" y2="${H - B}"/>`);
  parts.push(`<line class="axis" x1="${L}" x2="${L}" y1="${T}" y2="${H - B}"/>`);

  chart.lines.forEach((line, i) => {
    const colour = CHART_COLOURS[i % CHART_COLOURS.length];
    const points = line.points.filter((p) => p.value !== null && p.value !== undefined).map((p) => ({ ms: Date.parse(p.at), at: p.at, value: p.value }));
    // A bucket without a point is a gap: the line breaks there rather than bridging it.
    let d = "", previous = null;
    for (const p of points) {
      const joined = previous !== null && p.ms - previous <= stepSeconds * 1000 * 1.5;
      d += `${joined ? "L" : "M"}${x(p.ms).toFixed(1)},${y(p.value).toFixed(1)}`;
      previous = p.ms;
    }
    if (d) parts.push(`<path class="line" d="${d}" stroke="${colour}"/>`);
    for (const p of points) {
      parts.push(`<circle cx="${x(p.ms).toFixed(1)}" cy="${y(p.value).toFixed(1)}" r="${points.length > 120 ? 1 : 2}" fill="${colour}" data-line="${esc(line.name)}" data-at="${esc(p.at)}" data-value="${p.value}"><title>${esc(line.name)}: ${esc(formatValue(p.value))} ${esc(chart.unit)} at ${esc(time(p.at))}</title></circle>`);
    }
  });

  const legend = chart.lines.map((line, i) =>
    `<span><span class="swatch" style="background:${CHART_COLOURS[i % CHART_COLOURS.length]}"></span>${esc(line.name)}</span>`).join("");
  return `<figure class="chart" data-chart="${esc(chart.series)}" data-subject="${esc(chart.subject)}">
    <figcaption>${esc(chart.title)} <span class="hint">(${esc(chart.unit)})</span></figcaption>
    <svg viewBox="0 0 ${W} ${H}" role="img" aria-label="${esc(chart.title)}">${parts.join("")}</svg>
    <div class="legend">${legend}</div></figure>`;
}
