// The instances view: reads /operations/api/instances every few seconds and draws a table per service, an instance
// per row, with an alarm for every stale one. Ids, addresses, versions and times only; the API sends nothing else.
"use strict";

const REFRESH_MS = 2000;

// 3725 s as "1 h 2 min": uptimes run to days, heartbeat ages to seconds.
function span(seconds) {
  if (seconds == null) return "";
  const s = Math.floor(seconds);
  if (s < 120) return `${s} s`;
  const [d, h, m] = [Math.floor(s / 86400), Math.floor((s % 86400) / 3600), Math.floor((s % 3600) / 60)];
  return d > 0 ? `${d} d ${h} h` : h > 0 ? `${h} h ${m} min` : `${m} min`;
}

function heartbeat(i) {
  if (i.heartbeatAgeSeconds == null) return `<span class="muted">never heard</span>`;
  if (i.state === "Stale") return `<span class="alarm">no heartbeat for ${span(i.heartbeatAgeSeconds)}</span>`;
  if (i.state === "Stopped") return `<span class="muted">stopped ${esc(time(i.stoppedAt))}</span>`;
  return `${span(i.heartbeatAgeSeconds)} ago`;
}

function row(i) {
  const addresses = [i.grpcAddress && `gRPC ${esc(i.grpcAddress)}`, i.webAddress && `web ${esc(i.webAddress)}`].filter(Boolean).join("<br>");
  const forget = i.state === "Up" ? "" : `<button data-action="forget" data-instance-id="${esc(i.instanceId)}">Forget</button>`;
  return `<tr data-instance="${esc(i.instanceId)}" data-service="${esc(i.service)}" class="instance ${esc(i.state.toLowerCase())}">` +
    `<td>${esc(i.instanceId)}</td><td data-state class="state">${esc(i.state)}</td>` +
    `<td data-uptime class="n">${esc(span(i.uptimeSeconds))}</td><td data-heartbeat>${heartbeat(i)}</td>` +
    `<td data-started>${esc(time(i.startedAt))}</td><td title="${esc(i.version)}">${esc(i.version.split("+")[0])}</td><td>${esc(i.host)} (pid ${esc(i.pid)})</td>` +
    `<td class="addresses">${addresses}</td><td>${forget}</td></tr>`;
}

function draw(v) {
  const stale = v.instances.filter((i) => i.state === "Stale");
  $("instance-alarms").innerHTML = stale.map((i) =>
    `<p class="alarm" data-alarm="stale" data-alarm-instance="${esc(i.instanceId)}" data-alarm-service="${esc(i.service)}">` +
    `⚠ ${esc(i.service)} on ${esc(i.instanceId)}: no heartbeat for ${esc(span(i.heartbeatAgeSeconds))}</p>`).join("");
  const services = [...new Set(v.instances.map((i) => i.service))];
  $("instances").innerHTML = services.length === 0 ? `<p class="empty">No heartbeat heard yet.</p>` : services.map((s) => {
    const rows = v.instances.filter((i) => i.service === s);
    const up = rows.filter((i) => i.state === "Up").length;
    return `<div class="service" data-service-table="${esc(s)}"><h3>${esc(s)} — ${up} of ${rows.length} up</h3>` +
      table(["Instance", "State", "Uptime#", "Last heartbeat", "Started", "Version", "Host", "Addresses", ""], rows.map(row), "") + `</div>`;
  }).join("");
}

async function refresh() {
  try {
    const response = await fetch(api("/operations/api/instances"), { cache: "no-store" });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const v = await response.json();
    draw(v);
    $("status").className = "";
    $("status").textContent = `${v.instances.length} instance row(s); ${v.stale} stale — updated ${time(v.at)}`;
  } catch (e) {
    $("status").className = "stale";
    $("status").textContent = `Not updated: ${e.message}. Retrying…`;
  }
}

document.addEventListener("click", async (event) => {
  const button = event.target.closest("button[data-action=forget]");
  if (!button) return;
  const response = await fetch(api(`/operations/api/instances/${encodeURIComponent(button.dataset.instanceId)}/forget`), {
    method: "POST",
    headers: { "X-Operator-Action": "1" },
  });
  if (!response.ok) {
    const problem = await response.json().catch(() => ({}));
    alert(problem.detail ?? problem.title ?? `Refused: HTTP ${response.status}`);
  }
  await refresh();
});

refresh();
setInterval(refresh, REFRESH_MS);
