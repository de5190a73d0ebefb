// What every page of the dashboard shares: element lookup, escaping, one clock (UTC), tables, and the API's address.
"use strict";

const $ = (id) => document.getElementById(id);
const esc = (value) => String(value ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
// Operators on both sides of the line read one clock: UTC.
const time = (iso) => (iso ? new Date(iso).toISOString().replace("T", " ").slice(0, 19) + " UTC" : "");

// From the origin, never from the page's own address: a page opened as http://user:pass@host/ would make every
// relative request carry those credentials, which fetch refuses ("Request cannot be constructed from a URL that
// includes credentials"). The browser still sends the sign-in it holds for the origin.
const api = (path) => new URL(path, window.location.origin).toString();

function table(headers, rows, empty) {
  if (rows.length === 0) return `<p class="empty">${esc(empty)}</p>`;
  const head = headers.map((h) => `<th class="${h.endsWith("#") ? "n" : ""}">${esc(h.replace(/#$/, ""))}</th>`).join("");
  return `<table><thead><tr>${head}</tr></thead><tbody>${rows.join("")}</tbody></table>`;
}
