// The operators' dashboard: reads /operations/api/overview every few seconds and redraws each panel.
// It shows case ids, stages, ages and organisations only; the API sends nothing else.
"use strict";

const REFRESH_MS = 2000;
const rate = (r) => (r ? r.toFixed(1) : "0");
// A case id opens that case's flow (the flow page).
const flowLink = (caseId) => `<a href="/operations/flow?case=${encodeURIComponent(caseId ?? "")}">${esc(caseId)}</a>`;

function drawQueues(q) {
  $("queue-alarms").innerHTML = (q.problem ? `<p class="alarm">${esc(q.problem)}</p>` : "") +
    q.alarms.map((a) => `<p class="alarm" data-alarm="${esc(a.kind)}">⚠ ${esc(a.queue)}: ${esc(a.text)}</p>`).join("");
  const rows = q.items.map((r) => `<tr data-queue="${esc(r.name)}"><td>${esc(r.name)}${r.isErrorQueue ? " (errors)" : ""}</td>` +
    `<td class="n">${r.ready}</td><td class="n">${r.unacknowledged}</td><td class="n">${r.consumers}</td>` +
    `<td class="n">${rate(r.publishRate)}</td><td class="n">${rate(r.deliverRate)}</td></tr>`);
  $("queues").innerHTML = `<p class="hint">From ${esc(q.origin)}.</p>` +
    table(["Queue", "Ready#", "Unacked#", "Consumers#", "In/s#", "Out/s#"], rows, "No queues yet.");
}

function drawFaults(f) {
  // An operator typing a discard reason must not lose it to the next refresh.
  if (document.activeElement && document.activeElement.classList.contains("reason")) return;
  $("faults-applied").innerHTML = f.applied === 0 ? "" :
    `<p class="applied-all"><span data-applied-count>${f.applied}</span> open fault(s) already applied.
      <button data-action="discard-applied">Discard all already applied</button></p>`;
  $("faults").innerHTML = f.groups.length === 0 ? `<p class="empty ok">No open faults.</p>` : f.groups.map((g) => `
    <div class="group" data-fault-group="${esc(g.shortType)}">
      <strong>${esc(g.shortType)}</strong> — ${esc(g.exceptionType)} — <span data-count>${g.count}</span> message(s)${g.applied ? `, ${g.applied} already applied` : ""},
      first ${esc(time(g.firstSeen))}, last ${esc(time(g.lastSeen))}
      ${g.canRetry ? `<button data-action="retry-group" data-type="${esc(g.messageType)}" data-exception="${esc(g.exceptionType)}">Retry all ${g.count}</button>` : ""}
      <div class="exception">${esc(g.exceptionMessage)}</div>
      ${g.faults.map((x) => `<div class="fault" data-fault="${esc(x.faultId)}">
        <div><strong>${flowLink(x.caseId)}</strong> on <span class="queue">${esc(x.queue)}</span>, failed ${esc(time(x.faultedAt))}
          ${x.appliedAt ? `<span class="applied" data-applied title="the inbox of ${esc(x.appliedBy)} holds this message id (found ${esc(time(x.appliedAt))})">already applied</span>` : ""}</div>
        <div class="actions">${x.canRetry ? `<button data-action="retry" data-fault-id="${esc(x.faultId)}">Retry</button>` : `<span class="no-retry">no body kept: cannot be sent again</span>`}
          <input class="reason" placeholder="reason to discard" aria-label="reason to discard" data-reason-for="${esc(x.faultId)}">
          <button data-action="discard" data-fault-id="${esc(x.faultId)}">Discard</button></div>
        ${x.stackTrace ? `<details><summary>stack trace</summary><pre>${esc(x.stackTrace)}</pre></details>` : ""}
      </div>`).join("")}
    </div>`).join("");
  $("faults-recent").innerHTML = table(["Message", "Case", "Queue", "Now", "By", "When", "Reason"],
    f.recent.map((r) => `<tr data-recent-fault="${esc(r.faultId)}" data-state="${esc(r.state)}"><td>${esc(r.shortType)}</td><td>${esc(r.caseId)}</td><td>${esc(r.queue)}</td>` +
      `<td>${esc(r.state)}</td><td>${esc(r.actedBy)}</td><td>${esc(time(r.actedAt))}</td><td>${esc(r.reason)}</td></tr>`), "Nothing yet.");
}

function drawCases(o) {
  $("stages").innerHTML = o.stages.map((s) =>
    `<div class="tile${s.count === 0 ? " zero" : ""}" data-stage="${esc(s.stage)}"><span class="count">${s.count}</span><span class="label">${esc(s.stage.replace(/_/g, " "))}</span></div>`).join("");
  const perParty = (rows) => table(["Party", "Open#", "All#"],
    rows.map((p) => `<tr data-party="${esc(p.party)}"><td>${esc(p.name ?? p.party)}</td><td class="n">${p.open}</td><td class="n">${p.total}</td></tr>`), "None.");
  $("by-requesting").innerHTML = perParty(o.byRequesting);
  $("by-holding").innerHTML = perParty(o.byHolding);
  $("overdue").innerHTML = table(["Case", "What", "Waits on", "Due"],
    o.overdue.map((x) => `<tr data-overdue="${esc(x.caseId)}"><td>${flowLink(x.caseId)}</td><td>${esc(x.kind)} ${esc(x.subject)}</td>` +
      `<td>${esc(x.waitingOnName)}</td><td>${esc(time(x.dueAt))}</td></tr>`), "Nothing overdue.");
}

function drawBatches(batches) {
  $("batches").innerHTML = batches.length === 0 ? `<p class="empty">No batch planned yet.</p>` : batches.map((b) => `
    <div data-batch="${esc(b.batchId)}"><h3>${esc(b.batchId)} — ${b.children.length} child(ren)</h3>
    ${table(["Case", "Age#", "Stage", "Legs done#", "With"], b.children.map((c) => `<tr data-case="${esc(c.caseId)}">
      <td>${flowLink(c.caseId)}</td><td class="n">${esc(c.ageYears)}</td><td data-child-stage>${esc(c.stage)}</td><td class="n">${c.legsDone}</td>
      <td data-custodian>${esc(c.custodianName ?? c.custodian)}${c.heldBack ? ' <span class="held">held back</span>' : ""}</td></tr>`), "")}
    </div>`).join("");
}

function drawAlertsBanner(firing) {
  $("alerts-banner").hidden = !firing;
  $("alerts-banner").innerHTML = firing ? `<a href="/operations/alerts" data-alerts-firing="${firing}">${firing} alert(s) firing</a>` : "";
}

async function refresh() {
  try {
    const response = await fetch(api("/operations/api/overview"), { cache: "no-store" });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const o = await response.json();
    drawQueues(o.queues);
    drawFaults(o.faults);
    drawCases(o);
    drawBatches(o.batches);
    drawAlertsBanner(o.alertsFiring);
    $("status").className = "";
    $("status").textContent = `${o.totalCases} case(s); ${o.faults.open} open fault(s); ${o.queues.alarms.length} alarm(s) — updated ${time(o.at)}`;
  } catch (e) {
    $("status").className = "stale";
    $("status").textContent = `Not updated: ${e.message}. Retrying…`;
  }
}

async function act(path, body) {
  const response = await fetch(api(path), {
    method: "POST",
    headers: { "Content-Type": "application/json", "X-Operator-Action": "1" },
    body: JSON.stringify(body ?? {}),
  });
  if (!response.ok) {
    const problem = await response.json().catch(() => ({}));
    alert(problem.detail ?? problem.title ?? `Refused: HTTP ${response.status}`);
  }
  await refresh();
}

document.addEventListener("click", (event) => {
  const button = event.target.closest("button[data-action]");
  if (!button) return;
  const id = button.dataset.faultId;
  if (button.dataset.action === "retry") act(`/operations/api/faults/${id}/retry`);
  if (button.dataset.action === "discard-applied") act("/operations/api/faults/discard-applied");
  if (button.dataset.action === "retry-group") act("/operations/api/faults/retry-group", { messageType: button.dataset.type, exceptionType: button.dataset.exception });
  if (button.dataset.action === "discard") {
    const reason = document.querySelector(`input[data-reason-for="${id}"]`).value.trim();
    if (!reason) { alert("Give a reason to discard: it goes into the audit."); return; }
    act(`/operations/api/faults/${id}/discard`, { reason });
  }
});

refresh();
setInterval(refresh, REFRESH_MS);
