// The alerts page: reads /operations/api/alerts every few seconds and draws the rules, their state per subject, and the history.
"use strict";

const ALERTS_REFRESH_MS = 2000;
const figure = (n) => (n === null || n === undefined ? "" : Number.isInteger(n) ? String(n) : n.toFixed(1));
const badge = (state) => `<span class="badge ${esc(state.toLowerCase())}" data-alert-state>${esc(state)}</span>`;

// What a rule's threshold means, in its own words.
function condition(rule) {
  const within = rule.queue ? ` (queues ${rule.queue})` : "";
  const per = rule.perMessageType ? " per message type" : "";
  const lasting = rule.forSeconds > 0 ? ` for ${figure(rule.forSeconds)} s` : "";
  switch (rule.kind) {
    case "QueueDepth": return `ready > ${figure(rule.threshold)}${lasting}${within}`;
    case "ConsumerMissing": return `no consumer${lasting}${within}`;
    case "FaultsInLastHour": return `faults in ${figure(rule.windowMinutes)} min > ${figure(rule.threshold)}${per}${lasting}${within}`;
    case "OpenFaults": return `open faults > ${figure(rule.threshold)}${per}${lasting}${within}`;
    case "HeartbeatMissed": return `heartbeat stale${lasting}`;
    case "CasesOverdue": return `overdue escalations waiting on one party > ${figure(rule.threshold)}${lasting}`;
    default: return rule.kind;
  }
}

// The figure a state compares, in the kind's unit: a count against its threshold, consumers, a heartbeat's age.
function measure(rule, value) {
  if (rule.kind === "ConsumerMissing") return `${figure(value)} consumer(s)`;
  if (rule.kind === "HeartbeatMissed") return `${figure(value)} s since the last`;
  return `${figure(value)} / ${figure(rule.threshold)}`;
}

function drawRules(rules) {
  const rows = rules.flatMap((rule) => {
    const head = `<td rowspan="${Math.max(rule.states.length, 1)}"><strong>${esc(rule.name)}</strong>${rule.kind !== rule.name ? `<br><span class="hint">${esc(rule.kind)}</span>` : ""}</td>` +
      `<td rowspan="${Math.max(rule.states.length, 1)}">${esc(condition(rule))}</td>`;
    if (!rule.enabled) return [`<tr data-rule="${esc(rule.name)}">${head}<td colspan="4" class="empty">disabled</td></tr>`];
    if (rule.states.length === 0)
      return [`<tr data-rule="${esc(rule.name)}">${head}<td>${badge("OK")}</td><td colspan="3" class="empty">nothing has crossed it</td></tr>`];
    return rule.states.map((s, i) => `<tr data-rule="${esc(rule.name)}" data-subject="${esc(s.subject)}">${i === 0 ? head : ""}` +
      `<td>${badge(s.state)}</td><td>${esc(s.subject)}</td><td>${esc(time(s.since))}</td>` +
      `<td class="n">${measure(rule, s.value)}</td></tr>`);
  });
  $("rules").innerHTML = table(["Rule", "Condition", "State", "Subject", "Since", "Value#"], rows, "No rules.");
}

function drawHistory(history) {
  const rows = history.map((e) => `<tr data-history data-rule="${esc(e.rule)}" data-subject="${esc(e.subject)}" data-cleared="${e.clearedAt ? "yes" : "no"}">` +
    `<td>${esc(e.rule)}</td><td>${esc(e.subject)}</td><td>${esc(time(e.firedAt))}</td><td class="n">${figure(e.firedValue)} / ${figure(e.threshold)}</td>` +
    `<td>${e.clearedAt ? esc(time(e.clearedAt)) : '<span class="badge firing">still firing</span>'}</td></tr>`);
  $("history").innerHTML = table(["Rule", "Subject", "Fired", "Value / threshold#", "Cleared"], rows, "Nothing has fired yet.");
}

async function refreshAlerts() {
  try {
    const response = await fetch(api("/operations/api/alerts"), { cache: "no-store" });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const a = await response.json();
    drawRules(a.rules);
    drawHistory(a.history);
    $("status").className = "";
    $("status").textContent = `${a.firing} alert(s) firing — updated ${time(a.at)}`;
  } catch (e) {
    $("status").className = "stale";
    $("status").textContent = `Not updated: ${e.message}. Retrying…`;
  }
}

refreshAlerts();
setInterval(refreshAlerts, ALERTS_REFRESH_MS);
