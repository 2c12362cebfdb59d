/* Campaign dashboard for Tune Agent Builder: plain JavaScript, no dependencies, no build step.
 *
 * Reads the JSON API with the API key the user pastes. The key lives in sessionStorage (this tab
 * only) and is sent only as the X-API-Key header, never in a URL. Every string from the API is put
 * on the page as text (textContent / text nodes), never as HTML: prospect names come from CSVs.
 * Charts are inline SVG built node by node; each one has a table with the same numbers beside it.
 */
"use strict";

(() => {
  const KEY_STORAGE = "tune.dashboard.apiKey";
  const MAX_RATE_RETRIES = 5;
  // Jobs are polled quickly while one runs, slowly otherwise. Tests may shorten it before load.
  const POLL_ACTIVE_MS = Number(window.TUNE_DASHBOARD_POLL_MS) || 2000;
  const POLL_IDLE_MS = POLL_ACTIVE_MS * 5;
  const TIER_PAGE = 50;
  const SVGNS = "http://www.w3.org/2000/svg";
  const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

  const state = {
    key: null, campaigns: [], campaignId: null, detail: null, tier: null, interval: "day",
    gen: 0, tierGen: 0, pollTimer: null, activeJobs: new Set(), rateUntil: 0, notice: null, offlineAt: 0,
  };

  // --- DOM helpers: text only, never HTML ------------------------------------------------------

  const $ = (sel, root = document) => root.querySelector(sel);

  function setAttrs(el, attrs) {
    for (const [name, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (/^on/i.test(name)) throw new Error("event handlers are attached with addEventListener");
      el.setAttribute(name, value === true ? "" : String(value));
    }
  }

  function addChildren(el, children) {
    for (const child of children.flat(Infinity)) {
      if (child === null || child === undefined || child === false) continue;
      el.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return el;
  }

  /** An HTML element; string children become text nodes. */
  function h(tag, attrs, ...children) {
    const el = document.createElement(tag);
    setAttrs(el, attrs);
    return addChildren(el, children);
  }

  /** An SVG element. */
  function svg(tag, attrs, ...children) {
    const el = document.createElementNS(SVGNS, tag);
    setAttrs(el, attrs);
    return addChildren(el, children);
  }

  function button(text, onClick, attrs = {}) {
    const el = h("button", { type: "button", ...attrs }, text);
    el.addEventListener("click", onClick);
    return el;
  }

  const panelBody = (id) => $(`#${id} .body`);

  function setLoading(body, text = "Loading…") {
    body.setAttribute("aria-busy", "true");
    body.replaceChildren(h("p", { class: "loading" }, text));
  }

  function setBody(body, ...nodes) {
    body.setAttribute("aria-busy", "false");
    body.replaceChildren(...nodes.flat().filter(Boolean));
  }

  const empty = (text) => h("p", { class: "empty" }, text);
  const tableWrap = (table) => h("div", { class: "table-wrap" }, table);

  // --- formatting -------------------------------------------------------------------------------

  const fmtInt = (n) => Number(n || 0).toLocaleString("en-US");
  const fmtPct = (rate) => (rate === null || rate === undefined ? "—" : `${(rate * 100).toFixed(1)}%`);
  const label = (text) => (text ? String(text).replace(/_/g, " ").replace(/^./, (c) => c.toUpperCase()) : "");
  const tierName = (tier) => (tier === null || tier === undefined || tier === 0 ? "No tier" : `Tier ${tier}`);
  const personName = (p) => [p.first_name, p.last_name].filter(Boolean).join(" ") || p.email;
  const DAY_FMT = new Intl.DateTimeFormat("en-US", { timeZone: "UTC", month: "short", day: "numeric" });
  const pad = (n) => String(n).padStart(2, "0");

  function isoSlot(date, interval) {
    const day = date.toISOString().slice(0, 10);
    return interval === "hour" ? `${day} ${pad(date.getUTCHours())}:00` : day;
  }

  function shortSlot(date, interval) {
    return interval === "hour" ? `${DAY_FMT.format(date)} ${pad(date.getUTCHours())}h` : DAY_FMT.format(date);
  }

  function fmtWhen(iso) {
    if (!iso) return "—";
    const d = new Date(iso);
    return `${d.toISOString().slice(0, 10)} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} UTC`;
  }

  function fmtP(p) {
    if (p === null || p === undefined) return "n/a";
    return p < 0.0001 ? "< 0.0001" : p.toFixed(4);
  }

  // --- notices (rate limit, network) -------------------------------------------------------------

  function notice(kind, text, { alert = false, action = null } = {}) {
    const el = $("#notice");
    state.notice = kind;
    el.className = alert ? "notice error" : "notice";
    el.setAttribute("role", alert ? "alert" : "status");
    el.dataset.kind = kind;
    el.replaceChildren(h("span", null, text));
    if (action) el.append(button(action[0], action[1], { class: "secondary" }));
    el.hidden = false;
  }

  function clearNotice(kind) {
    if (state.notice !== kind) return;
    const el = $("#notice");
    el.hidden = true;
    el.replaceChildren();
    state.notice = null;
  }

  // --- the API -----------------------------------------------------------------------------------

  class ApiError extends Error {
    constructor(status, problem, message) {
      super(message);
      this.status = status; // 0: network error; -1: answer to a key that is no longer in use
      this.problem = problem;
    }
  }

  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

  function retryAfterSeconds(value) {
    let seconds = Number(value);
    if (value === null || value === "" || !Number.isFinite(seconds)) {
      const at = Date.parse(value || "");
      seconds = Number.isFinite(at) ? (at - Date.now()) / 1000 : 5;
    }
    return Math.min(300, Math.max(1, Math.ceil(seconds)));
  }

  let rateTicker = null;

  async function waitOutRateLimit(seconds) {
    state.rateUntil = Math.max(state.rateUntil, Date.now() + seconds * 1000);
    if (!rateTicker) {
      const tick = () => {
        const left = Math.ceil((state.rateUntil - Date.now()) / 1000);
        if (left <= 0) {
          clearInterval(rateTicker);
          rateTicker = null;
          clearNotice("rate");
          return;
        }
        notice("rate", `Rate limited — retrying in ${left} s.`);
      };
      tick();
      rateTicker = setInterval(tick, 250);
    }
    while (Date.now() < state.rateUntil) await sleep(Math.min(250, state.rateUntil - Date.now()));
  }

  function problemText(status, problem) {
    const detail = problem && typeof problem.detail === "string" ? problem.detail : "";
    const rid = problem && problem.request_id ? ` (request id ${problem.request_id})` : "";
    switch (status) {
      case 401: return "That API key was not accepted (401 Unauthorized). Check it and paste it again.";
      case 403: return `This API key may not read this (403 Forbidden)${detail ? `: ${detail}` : ""}.`;
      case 404: return "Not found: the campaign no longer exists or belongs to another workspace.";
      case 429: return "Still rate limited after several retries. Wait a minute, then press Refresh.";
      case 503: return `The service is unavailable right now (503)${detail ? `: ${detail}` : ""}${rid}. Try again shortly.`;
      default: return `The request failed (${status})${detail ? `: ${detail}` : ""}${rid}.`;
    }
  }

  /** GET a JSON resource with the key in the X-API-Key header; waits out 429s using Retry-After. */
  async function api(path, params) {
    const query = params ? Object.entries(params).filter(([, v]) => v !== null && v !== undefined && v !== "") : [];
    const url = query.length ? `${path}?${new URLSearchParams(query)}` : path;
    for (let attempt = 0; ; attempt += 1) {
      const key = state.key;
      if (!key) throw new ApiError(-1, null, "signed out");
      const startedAt = Date.now();
      let response;
      try {
        response = await fetch(url, {
          headers: { "X-API-Key": key, Accept: "application/json" },
          cache: "no-store", credentials: "omit", referrerPolicy: "no-referrer",
        });
      } catch (err) {
        throw new ApiError(0, null, "Cannot reach the service (network error). Check your connection.");
      }
      if (state.key !== key) throw new ApiError(-1, null, "the key changed");
      if (response.status === 429 && attempt < MAX_RATE_RETRIES) {
        await waitOutRateLimit(retryAfterSeconds(response.headers.get("Retry-After")));
        continue;
      }
      let body = null;
      try {
        body = await response.json();
      } catch (err) {
        body = null;
      }
      if (!response.ok) throw new ApiError(response.status, body, problemText(response.status, body));
      if (startedAt > state.offlineAt) clearNotice("network"); // reachable again since the error
      return body;
    }
  }

  /** Show an error where it belongs: a bad key sends the user back to the key form. */
  function handleError(err, body) {
    if (!(err instanceof ApiError)) {
      console.error(err); // a bug in this page, not an API answer
      if (body) setBody(body, h("p", { class: "error", role: "alert" }, "Something went wrong drawing this panel."));
      return;
    }
    if (err.status === -1) return; // an answer for a key or campaign no longer shown
    if (err.status === 401) {
      signOut(err.message, true);
      return;
    }
    if (err.status === 0) {
      state.offlineAt = Date.now();
      notice("network", err.message, { alert: true, action: ["Retry", () => refreshAll()] });
      if (body) {
        setBody(body, h("p", { class: "error" }, `Could not load this: ${err.message} `,
          button("Retry", () => refreshAll(), { class: "secondary" })));
      }
      return;
    }
    if (body) setBody(body, h("p", { class: "error", role: "alert" }, err.message));
    else notice("error", err.message, { alert: true });
  }

  // --- the key -------------------------------------------------------------------------------------

  function showKeyForm(message, isError) {
    $("#main").hidden = true;
    $("#key-status").hidden = true;
    $("#key-section").hidden = false;
    const el = $("#key-error");
    el.textContent = message || "";
    el.className = isError ? "error" : "help";
    el.hidden = !message;
    $("#key-input").focus();
  }

  function signOut(message, isError = false) {
    sessionStorage.removeItem(KEY_STORAGE);
    state.key = null;
    state.gen += 1;
    clearTimeout(state.pollTimer);
    state.activeJobs = new Set();
    showKeyForm(message, isError);
  }

  async function openWithKey(key) {
    state.key = key;
    const submit = $("#key-submit");
    submit.disabled = true;
    submit.textContent = "Checking the key…";
    try {
      const campaigns = await loadCampaigns();
      sessionStorage.setItem(KEY_STORAGE, key);
      $("#key-input").value = "";
      $("#key-error").hidden = true;
      $("#key-section").hidden = true;
      $("#main").hidden = false;
      $("#key-hint").textContent = `Key ${key.slice(0, key.lastIndexOf("_") + 1)}…${key.slice(-4)}`;
      $("#key-status").hidden = false;
      renderPicker(campaigns);
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) {
        signOut(err.message, true);
      } else {
        state.key = null;
        showKeyForm(err instanceof ApiError ? err.message : "Something went wrong; try again.", true);
      }
    } finally {
      submit.disabled = false;
      submit.textContent = "Open dashboard";
    }
  }

  // --- campaigns -----------------------------------------------------------------------------------

  async function loadCampaigns() {
    const all = [];
    let cursor = null;
    for (let page = 0; page < 10; page += 1) { // up to 1,000 campaigns, newest first
      const got = await api("/api/campaigns", { limit: 100, cursor });
      all.push(...got.items);
      cursor = got.next_cursor;
      if (!cursor) break;
    }
    state.campaigns = all;
    return all;
  }

  function hashCampaign() {
    const m = /campaign=([0-9a-f-]{36})/i.exec(window.location.hash);
    return m && UUID_RE.test(m[1]) ? m[1] : null;
  }

  function renderPicker(campaigns) {
    const select = $("#campaign-select");
    select.replaceChildren(...campaigns.map((c) => new Option(`${c.name} — ${c.industry}, ${c.status}`, c.id)));
    select.disabled = campaigns.length === 0;
    $("#campaigns-empty").hidden = campaigns.length > 0;
    if (!campaigns.length) {
      $("#panels").hidden = true;
      $("#campaign-summary").textContent = "";
      clearTimeout(state.pollTimer);
      return;
    }
    const wanted = [state.campaignId, hashCampaign()].find((id) => id && campaigns.some((c) => c.id === id));
    const id = wanted || campaigns[0].id;
    const keepTier = id === state.campaignId;
    select.value = id;
    selectCampaign(id, keepTier);
  }

  function selectCampaign(id, keepTier = false) {
    if (id !== state.campaignId) state.activeJobs = new Set();
    if (!keepTier) state.tier = null;
    state.campaignId = id;
    window.history.replaceState(null, "", `#campaign=${encodeURIComponent(id)}`);
    loadCampaign();
  }

  async function refreshAll() {
    clearNotice("network");
    try {
      renderPicker(await loadCampaigns());
    } catch (err) {
      handleError(err, null);
    }
  }

  function loadCampaign() {
    const gen = ++state.gen;
    const id = encodeURIComponent(state.campaignId);
    clearTimeout(state.pollTimer);
    $("#panels").hidden = false;
    $("#campaign-summary").replaceChildren(h("span", { class: "loading" }, "Loading the campaign…"));
    for (const p of ["tiers-panel", "funnel-panel", "tier-funnel-panel", "steps-panel", "timeline-panel",
      "prospects-panel", "jobs-panel"]) setLoading(panelBody(p));
    $("#tier-tabs").replaceChildren();

    const guard = (render, panel) => (data) => {
      if (gen !== state.gen) return;
      try {
        render(data);
      } catch (err) {
        handleError(err, panel ? panelBody(panel) : null);
      }
    };
    const fail = (...panels) => (err) => {
      if (gen !== state.gen) return;
      if (!panels.length) handleError(err, null);
      for (const p of panels) handleError(err, panelBody(p));
    };
    api(`/api/campaigns/${id}`).then(guard((detail) => {
      state.detail = detail;
      renderSummary(detail);
      renderTierDistribution(detail);
      const counts = tierCounts(detail);
      if (state.tier === null) state.tier = [1, 2, 3, 4].find((t) => counts[t] > 0) || 1;
      loadTier(state.tier);
    }, "tiers-panel"), fail("tiers-panel", "prospects-panel"));
    api(`/api/analytics/${id}/overview`).then(guard(renderFunnel, "funnel-panel"), fail("funnel-panel"));
    api(`/api/analytics/${id}/tiers`).then(guard(renderTierFunnel, "tier-funnel-panel"), fail("tier-funnel-panel"));
    api(`/api/analytics/${id}/steps`).then(guard(renderSteps, "steps-panel"), fail("steps-panel"));
    loadTimeline();
    pollJobs(gen);
  }

  function renderSummary(c) {
    const s = c.stats;
    $("#campaign-summary").replaceChildren(
      h("strong", null, c.name), ` · ${label(c.industry)} · status ${c.status} · `,
      h("strong", { "data-field": "prospects" }, fmtInt(s.prospects)), ` prospect${s.prospects === 1 ? "" : "s"}`,
      ` · created ${fmtWhen(c.created_at).slice(0, 10)}`,
    );
  }

  // --- tier distribution -----------------------------------------------------------------------------

  const TIER_COLORS = { 1: "#1d7a3a", 2: "#1f5fbf", 3: "#8a5a00", 4: "#6b7280", null: "#9aa3af" };

  function tierCounts(detail) {
    const counts = { 1: 0, 2: 0, 3: 0, 4: 0 };
    for (const t of detail.stats.by_tier) counts[t.tier === null ? "none" : t.tier] = t.prospects;
    return counts;
  }

  /** Horizontal bars: [{label, value, part?, color, partColor}] (part = the darker share, e.g. human). */
  function barChart(items, ariaLabel, { max = null, width = 520 } = {}) {
    const rowH = 28;
    const left = 110;
    const right = 90;
    const height = items.length * rowH + 6;
    const top = Math.max(1, max ?? Math.max(0, ...items.map((i) => i.value)));
    const chart = svg("svg", { viewBox: `0 0 ${width} ${height}`, width, height, role: "img", "aria-label": ariaLabel });
    const scale = (v) => ((width - left - right) * v) / top;
    items.forEach((item, i) => {
      const y = 3 + i * rowH;
      chart.append(svg("text", { x: left - 8, y: y + 17, "text-anchor": "end" }, item.label));
      chart.append(svg("rect", { x: left, y: y + 4, width: (width - left - right), height: rowH - 10, rx: 3, fill: "#eef1f5" }));
      if (item.value > 0) {
        chart.append(svg("rect", { x: left, y: y + 4, width: Math.max(2, scale(item.value)), height: rowH - 10, rx: 3,
          fill: item.color }, svg("title", null, `${item.label}: ${fmtInt(item.value)}`)));
      }
      if (item.part !== undefined && item.part > 0) {
        chart.append(svg("rect", { x: left, y: y + 4, width: Math.max(2, scale(item.part)), height: rowH - 10, rx: 3,
          fill: item.partColor }, svg("title", null, `${item.label}, human: ${fmtInt(item.part)}`)));
      }
      chart.append(svg("text", { x: left + scale(Math.max(item.value, 0)) + 6, y: y + 17 }, item.text ?? fmtInt(item.value)));
    });
    return chart;
  }

  function renderTierDistribution(detail) {
    const body = panelBody("tiers-panel");
    const s = detail.stats;
    if (!s.prospects) {
      setBody(body, empty("No prospects in this campaign yet. Add them with POST /api/campaigns/{id}/prospects or a CSV import."));
      return;
    }
    const rows = [1, 2, 3, 4].map((t) => s.by_tier.find((x) => x.tier === t) || { tier: t, prospects: 0, by_status: {} });
    const untiered = s.by_tier.find((x) => x.tier === null);
    if (untiered) rows.push(untiered);
    const chart = barChart(rows.map((r) => ({ label: tierName(r.tier), value: r.prospects, color: TIER_COLORS[r.tier] })),
      `Prospects per tier: ${rows.map((r) => `${tierName(r.tier)} ${r.prospects}`).join(", ")}`);
    const table = h("table", null,
      h("caption", null, `${fmtInt(s.prospects)} prospects by tier, and their status`),
      h("thead", null, h("tr", null, h("th", { scope: "col" }, "Tier"), h("th", { scope: "col", class: "num" }, "Prospects"),
        h("th", { scope: "col", class: "num" }, "Share"), h("th", { scope: "col" }, "By status"))),
      h("tbody", null, rows.map((r) => h("tr", { "data-tier": r.tier ?? "none" },
        h("th", { scope: "row" }, tierName(r.tier)),
        h("td", { class: "num", "data-field": "prospects" }, fmtInt(r.prospects)),
        h("td", { class: "num" }, fmtPct(r.prospects / s.prospects)),
        h("td", null, Object.entries(r.by_status).map(([k, v]) => `${label(k)} ${fmtInt(v)}`).join(" · ") || "—")))));
    setBody(body, chart, tableWrap(table));
  }

  // --- funnel ----------------------------------------------------------------------------------------

  const STAGES = [["sent", "Sent"], ["delivered", "Delivered"], ["opened", "Opened"], ["clicked", "Clicked"],
    ["replied", "Replied"]];
  const OTHER = [["bounced", "Bounced"], ["unsubscribed", "Unsubscribed"]];
  const HUMAN_COLOR = "#1f5fbf";
  const MACHINE_COLOR = "#9bb7e6";

  function rateCell(rate, attrs = {}) {
    return h("td", { "data-rate": "", ...attrs },
      h("span", { "data-part": "numerator" }, fmtInt(rate.numerator)), " / ",
      h("span", { "data-part": "denominator" }, fmtInt(rate.denominator)), " ",
      h("span", { class: "small", "data-part": "denominator-name" }, rate.denominator_name), " = ",
      h("span", { class: "pct", "data-part": "rate" }, fmtPct(rate.rate)));
  }

  function legend(items) {
    return h("ul", { class: "legend" }, items.map(([cls, text]) => h("li", null, h("span", { class: `swatch ${cls}`,
      "aria-hidden": "true" }), text)));
  }

  function renderFunnel(o) {
    const body = panelBody("funnel-panel");
    const c = o.counts;
    if (![...STAGES, ...OTHER].some(([m]) => c[m] && c[m].events > 0)) {
      setBody(body, empty("No events yet. They arrive from the open pixel, tracked links and POST /api/tracking/events."));
      return;
    }
    const chart = barChart(STAGES.map(([m, name]) => ({
      label: name, value: c[m].unique, part: c[m].unique_human, color: MACHINE_COLOR, partColor: HUMAN_COLOR,
      text: c[m].unique_human !== c[m].unique ? `${fmtInt(c[m].unique_human)} human of ${fmtInt(c[m].unique)}`
        : fmtInt(c[m].unique),
    })), `Funnel, unique prospects: ${STAGES.map(([m, name]) => `${name} ${c[m].unique} (human ${c[m].unique_human})`).join(", ")}`,
    { max: c.sent.unique });
    const countRow = ([m, name]) => h("tr", { "data-metric": m },
      h("th", { scope: "row" }, name),
      h("td", { class: "num", "data-field": "unique" }, fmtInt(c[m].unique)),
      h("td", { class: "num", "data-field": "unique_human" }, fmtInt(c[m].unique_human)),
      h("td", { class: "num", "data-field": "machine" }, fmtInt(c[m].unique - c[m].unique_human)),
      h("td", { class: "num", "data-field": "events" }, fmtInt(c[m].events)),
      h("td", { class: "num", "data-field": "human_events" }, fmtInt(c[m].human_events)));
    const counts = h("table", { class: "counts" },
      h("caption", null, "Unique prospects per stage (human = machine opens and clicks left out), and raw events"),
      h("thead", null, h("tr", null, h("th", { scope: "col" }, "Stage"), h("th", { scope: "col", class: "num" }, "Prospects"),
        h("th", { scope: "col", class: "num" }, "Human"), h("th", { scope: "col", class: "num" }, "Machine"),
        h("th", { scope: "col", class: "num" }, "Events"), h("th", { scope: "col", class: "num" }, "Human events"))),
      h("tbody", null, STAGES.map(countRow)), h("tbody", null, OTHER.map(countRow)));
    const r = o.rates;
    const both = (key, name) => h("tr", { "data-rate-name": key }, h("th", { scope: "row" }, name),
      rateCell(r[key].human, { "data-audience": "human" }), rateCell(r[key].total, { "data-audience": "total" }));
    const single = (key, name) => h("tr", { "data-rate-name": key }, h("th", { scope: "row" }, name),
      rateCell(r[key], { colspan: 2, "data-audience": "total" }));
    const rates = h("table", { class: "rates" },
      h("caption", null, "Rates: numerator / denominator as the API defines them"),
      h("thead", null, h("tr", null, h("th", { scope: "col" }, "Rate"), h("th", { scope: "col" }, "Human"),
        h("th", { scope: "col" }, "Total (machines included)"))),
      h("tbody", null, both("open_rate", "Open rate"), both("click_rate", "Click rate"),
        both("click_to_open", "Click-to-open"), single("reply_rate", "Reply rate"),
        single("bounce_rate", "Bounce rate"), single("unsubscribe_rate", "Unsubscribe rate")));
    setBody(body, chart,
      legend([["sw-human", "Human"], ["sw-machine", "Machine (Apple MPP prefetch, security scanners…)"]]),
      tableWrap(counts), tableWrap(rates),
      h("p", { class: "small" }, `Human: ${o.definitions.human || "machine events left out"}.`));
  }

  function renderTierFunnel(report) {
    const body = panelBody("tier-funnel-panel");
    const tiers = report.tiers.filter((t) => t.prospects > 0 || t.counts.sent.events > 0);
    if (!tiers.length) {
      setBody(body, empty("No prospects or events yet."));
      return;
    }
    const table = h("table", null,
      h("caption", null, "Unique prospects per stage, by the tier of the prospect"),
      h("thead", null, h("tr", null, ["Tier", "Prospects", "Sent", "Delivered", "Opened (human / total)",
        "Clicked (human / total)", "Replied", "Open rate (human)", "Reply rate"].map((t, i) =>
        h("th", { scope: "col", class: i ? "num" : null }, t)))),
      h("tbody", null, tiers.map((t) => h("tr", { "data-tier": t.tier },
        h("th", { scope: "row" }, tierName(t.tier)),
        h("td", { class: "num", "data-field": "prospects" }, fmtInt(t.prospects)),
        h("td", { class: "num", "data-field": "sent" }, fmtInt(t.counts.sent.unique)),
        h("td", { class: "num", "data-field": "delivered" }, fmtInt(t.counts.delivered.unique)),
        h("td", { class: "num", "data-field": "opened" }, `${fmtInt(t.counts.opened.unique_human)} / ${fmtInt(t.counts.opened.unique)}`),
        h("td", { class: "num", "data-field": "clicked" }, `${fmtInt(t.counts.clicked.unique_human)} / ${fmtInt(t.counts.clicked.unique)}`),
        h("td", { class: "num", "data-field": "replied" }, fmtInt(t.counts.replied.unique)),
        h("td", { class: "num", "data-field": "open_rate" }, fmtPct(t.rates.open_rate.human.rate)),
        h("td", { class: "num", "data-field": "reply_rate" }, fmtPct(t.rates.reply_rate.rate))))));
    setBody(body, tableWrap(table));
  }

  // --- steps and A/B ---------------------------------------------------------------------------------

  const TEST_NAMES = { unique_open_rate: "Open rate (human)", click_rate: "Click rate (human)", reply_rate: "Reply rate" };
  const variantName = (v) => (v ? `Variant ${v}` : "No variant");

  function testLine(t) {
    const name = TEST_NAMES[t.metric] || label(t.metric);
    const alpha = Number(t.alpha.toFixed(4));
    if (t.significant && t.winner) {
      return h("li", { "data-metric": t.metric, "data-significant": "true" }, `${name}: `,
        h("span", { class: "winner", "data-field": "winner" }, `${variantName(t.winner)} wins`),
        ` over ${variantName(t.runner_up)} (p = ${fmtP(t.p_value)} < α ${alpha}, z = ${t.z}).`);
    }
    if (t.p_value === null) {
      return h("li", { "data-metric": t.metric, "data-significant": "false" },
        `${name}: not enough data to test yet (${variantName(t.leader)} leads).`);
    }
    return h("li", { "data-metric": t.metric, "data-significant": "false" },
      `${name}: no significant winner yet — ${variantName(t.leader)} leads ${variantName(t.runner_up)}, `
      + `p = ${fmtP(t.p_value)} (needs < ${alpha}).`);
  }

  function renderSteps(report) {
    const body = panelBody("steps-panel");
    if (!report.steps.length) {
      setBody(body, empty("No events per step yet. Each sequence step and subject variant gets its own figures once events arrive."));
      return;
    }
    const blocks = report.steps.map((step) => {
      const winners = {};
      for (const t of step.tests) if (t.winner) (winners[t.winner] ||= []).push(TEST_NAMES[t.metric] || t.metric);
      const table = h("table", null,
        h("caption", null, `Step ${step.step}: unique prospects per subject variant`),
        h("thead", null, h("tr", null, ["Variant", "Sent", "Delivered", "Opened (human / total)", "Open rate (human)",
          "Clicked (human)", "Click rate (human)", "Replied", "Reply rate"].map((t, i) =>
          h("th", { scope: "col", class: i ? "num" : null }, t)))),
        h("tbody", null, step.variants.map((v) => h("tr", { "data-variant": v.variant, class: winners[v.variant] ? "winner-row" : null },
          h("th", { scope: "row" }, variantName(v.variant),
            winners[v.variant] ? h("span", { class: "badge win" }, `Winner: ${winners[v.variant].join(", ")}`) : null),
          h("td", { class: "num", "data-field": "sent" }, fmtInt(v.counts.sent.unique)),
          h("td", { class: "num", "data-field": "delivered" }, fmtInt(v.counts.delivered.unique)),
          h("td", { class: "num", "data-field": "opened" }, `${fmtInt(v.counts.opened.unique_human)} / ${fmtInt(v.counts.opened.unique)}`),
          h("td", { class: "num", "data-field": "open_rate" }, fmtPct(v.rates.open_rate.human.rate)),
          h("td", { class: "num", "data-field": "clicked" }, fmtInt(v.counts.clicked.unique_human)),
          h("td", { class: "num", "data-field": "click_rate" }, fmtPct(v.rates.click_rate.human.rate)),
          h("td", { class: "num", "data-field": "replied" }, fmtInt(v.counts.replied.unique)),
          h("td", { class: "num", "data-field": "reply_rate" }, fmtPct(v.rates.reply_rate.rate))))));
      const named = step.variants.filter((v) => v.variant);
      const tests = named.length < 2
        ? h("p", { class: "small" }, "One subject variant only: no A/B test for this step.")
        : h("ul", { class: "tests", "aria-label": `A/B tests for step ${step.step}` }, step.tests.map(testLine));
      return h("div", { class: "step", "data-step": step.step },
        h("h3", null, `Step ${step.step}`, h("span", { class: "small" },
          ` · ${fmtInt(step.counts.delivered.unique)} delivered · ${fmtInt(step.counts.opened.unique_human)} opened by humans`
          + ` · ${fmtInt(step.counts.replied.unique)} replied`)),
        tableWrap(table), tests);
    });
    setBody(body, blocks,
      h("p", { class: "small" }, "Two-proportion z-test of the best variant against each other one "
        + "(Bonferroni-corrected for more than two); a winner is named only when significant."));
  }

  // --- timeline --------------------------------------------------------------------------------------

  const SERIES = [
    { key: "sent", name: "Sent", color: "#6b7280", get: (m) => m.sent && m.sent.events },
    { key: "delivered", name: "Delivered", color: "#0f766e", get: (m) => m.delivered && m.delivered.events },
    { key: "opened-total", name: "Opened (all, machines included)", color: "#9bb7e6", dash: "5 4",
      get: (m) => m.opened && m.opened.events },
    { key: "opened", name: "Opened (human)", color: "#1f5fbf", get: (m) => m.opened && m.opened.human_events },
    { key: "clicked", name: "Clicked (human)", color: "#b45309", get: (m) => m.clicked && m.clicked.human_events },
    { key: "replied", name: "Replied", color: "#1d7a3a", get: (m) => m.replied && m.replied.events },
  ];

  /** A round tick step so that four steps cover v (1, 2 or 5 times a power of ten). */
  function niceStep(v) {
    const raw = Math.max(1, v) / 4;
    const p = 10 ** Math.floor(Math.log10(raw));
    return [1, 2, 5, 10].map((f) => f * p).find((n) => n >= raw && Number.isInteger(n)) || Math.ceil(raw);
  }

  async function loadTimeline() {
    const gen = state.gen;
    const body = panelBody("timeline-panel");
    setLoading(body);
    try {
      const report = await api(`/api/analytics/${encodeURIComponent(state.campaignId)}/timeline`, { interval: state.interval });
      if (gen !== state.gen || report.interval !== state.interval) return;
      renderTimeline(report);
    } catch (err) {
      if (gen === state.gen) handleError(err, body);
    }
  }

  function renderTimeline(report) {
    const body = panelBody("timeline-panel");
    const interval = report.interval;
    const buckets = report.buckets.map((b) => ({ at: new Date(b.start), metrics: b.metrics }));
    if (!buckets.length) {
      setBody(body, empty("No events yet — the timeline fills in as events arrive."));
      return;
    }
    // Slots on a real time axis: the buckets the API returned, and zero for the empty ones between.
    const step = interval === "hour" ? 3600e3 : 86400e3;
    const first = buckets[0].at.getTime();
    const last = buckets[buckets.length - 1].at.getTime();
    const byTime = new Map(buckets.map((b) => [b.at.getTime(), b.metrics]));
    const slots = [];
    if ((last - first) / step < 1000) {
      for (let t = first; t <= last; t += step) slots.push({ at: new Date(t), metrics: byTime.get(t) || {} });
    } else {
      slots.push(...buckets);
    }
    const W = 900;
    const H = 260;
    const m = { left: 44, right: 12, top: 12, bottom: 30 };
    const values = slots.flatMap((s) => SERIES.map((sr) => sr.get(s.metrics) || 0));
    const yStep = niceStep(Math.max(1, ...values));
    const yMax = yStep * 4;
    const x = (i) => m.left + (slots.length === 1 ? (W - m.left - m.right) / 2 : (i * (W - m.left - m.right)) / (slots.length - 1));
    const y = (v) => m.top + (H - m.top - m.bottom) * (1 - v / yMax);
    const unit = interval === "hour" ? "hour" : "day";
    const chart = svg("svg", { viewBox: `0 0 ${W} ${H}`, width: W, height: H, role: "img", class: "wide-chart",
      "aria-label": `Events per ${unit} (UTC) from ${isoSlot(slots[0].at, interval)} to ${isoSlot(slots[slots.length - 1].at, interval)}; the numbers are in the table below` });
    const axis = svg("g", { class: "axis" });
    for (let k = 0; k <= 4; k += 1) {
      const v = yStep * k;
      axis.append(svg("line", { class: "grid-line", x1: m.left, x2: W - m.right, y1: y(v), y2: y(v) }),
        svg("text", { x: m.left - 6, y: y(v) + 4, "text-anchor": "end" }, fmtInt(Math.round(v))));
    }
    const every = Math.max(1, Math.ceil(slots.length / 8));
    slots.forEach((s, i) => {
      if (i % every === 0 || i === slots.length - 1) {
        const anchor = slots.length > 1 && i === 0 ? "start" : (slots.length > 1 && i === slots.length - 1 ? "end" : "middle");
        axis.append(svg("text", { x: x(i), y: H - 10, "text-anchor": anchor }, shortSlot(s.at, interval)));
      }
    });
    chart.append(axis);
    for (const sr of SERIES) {
      const pts = slots.map((s, i) => `${x(i).toFixed(1)},${y(sr.get(s.metrics) || 0).toFixed(1)}`).join(" ");
      const g = svg("g", { "data-series": sr.key });
      if (slots.length > 1) {
        g.append(svg("polyline", { points: pts, fill: "none", stroke: sr.color, "stroke-width": 2,
          "stroke-dasharray": sr.dash || null, "stroke-linejoin": "round" }));
      }
      slots.forEach((s, i) => {
        const v = sr.get(s.metrics) || 0;
        if (v > 0 || slots.length === 1) {
          g.append(svg("circle", { cx: x(i), cy: y(v), r: 3, fill: sr.color },
            svg("title", null, `${sr.name}, ${isoSlot(s.at, interval)}: ${fmtInt(v)}`)));
        }
      });
      chart.append(g);
    }
    const cell = (metrics, metric, field) => fmtInt(metrics[metric] ? metrics[metric][field] : 0);
    const table = h("table", null,
      h("caption", null, `Events per ${unit} (UTC); opens and clicks as human / all`),
      h("thead", null, h("tr", null, [`Start (${unit}, UTC)`, "Sent", "Delivered", "Opened (human / all)",
        "Clicked (human / all)", "Replied", "Bounced"].map((t, i) => h("th", { scope: "col", class: i ? "num" : null }, t)))),
      h("tbody", null, buckets.map((b) => h("tr", { "data-start": b.at.toISOString() },
        h("th", { scope: "row" }, isoSlot(b.at, interval)),
        h("td", { class: "num", "data-field": "sent" }, cell(b.metrics, "sent", "events")),
        h("td", { class: "num", "data-field": "delivered" }, cell(b.metrics, "delivered", "events")),
        h("td", { class: "num", "data-field": "opened" },
          `${cell(b.metrics, "opened", "human_events")} / ${cell(b.metrics, "opened", "events")}`),
        h("td", { class: "num", "data-field": "clicked" },
          `${cell(b.metrics, "clicked", "human_events")} / ${cell(b.metrics, "clicked", "events")}`),
        h("td", { class: "num", "data-field": "replied" }, cell(b.metrics, "replied", "events")),
        h("td", { class: "num", "data-field": "bounced" }, cell(b.metrics, "bounced", "events"))))));
    setBody(body, h("div", { class: "table-wrap" }, chart),
      legend(SERIES.map((sr) => [`sw-${sr.key}`, sr.name])),
      h("details", null, h("summary", null, `Show the numbers (${buckets.length} ${unit}${buckets.length === 1 ? "" : "s"} with events)`),
        tableWrap(table)));
  }

  // --- prospects of a tier -----------------------------------------------------------------------------

  function renderTierTabs() {
    const counts = state.detail ? tierCounts(state.detail) : { 1: 0, 2: 0, 3: 0, 4: 0 };
    $("#tier-tabs").replaceChildren(...[1, 2, 3, 4].map((t) => button(`Tier ${t} · ${fmtInt(counts[t])}`,
      () => loadTier(t), { "aria-pressed": String(t === state.tier), "data-tier": t })));
  }

  async function loadTier(tier) {
    const gen = state.gen;
    const tierGen = ++state.tierGen;
    state.tier = tier;
    renderTierTabs();
    const body = panelBody("prospects-panel");
    setLoading(body, `Loading tier ${tier}…`);
    const count = state.detail ? tierCounts(state.detail)[tier] : 0;
    const tbody = h("tbody");
    const more = h("div");
    const table = h("table", { class: "prospects", "data-tier": tier },
      h("caption", null, `Tier ${tier}: ${fmtInt(count)} prospect${count === 1 ? "" : "s"}, best score first. `
        + "Open a row for the score breakdown and the content."),
      h("thead", null, h("tr", null, h("th", { scope: "col" }, h("span", { class: "visually-hidden" }, "Details")),
        ["Prospect", "Title", "Company", "Score", "Status", "Persona", "Content"].map((t) =>
          h("th", { scope: "col", class: t === "Score" ? "num" : null }, t)))),
      tbody);
    const fetchPage = async (cursor) => {
      try {
        const page = await api(`/api/campaigns/${encodeURIComponent(state.campaignId)}/prospects/${tier}`,
          { limit: TIER_PAGE, cursor });
        if (gen !== state.gen || tierGen !== state.tierGen) return;
        if (!cursor && !page.items.length) {
          setBody(body, empty(`No prospects in tier ${tier}.`));
          return;
        }
        for (const item of page.items) tbody.append(...prospectRows(item));
        more.replaceChildren(page.next_cursor
          ? button("Load more prospects", (e) => { e.target.disabled = true; fetchPage(page.next_cursor); }, { class: "secondary" })
          : h("p", { class: "small", "data-field": "shown" }, `${fmtInt(tbody.querySelectorAll("tr.prospect").length)} shown.`));
        if (!cursor) setBody(body, tableWrap(table), more);
      } catch (err) {
        if (gen === state.gen && tierGen === state.tierGen) handleError(err, body);
      }
    };
    await fetchPage(null);
  }

  function prospectRows(item) {
    const detailId = `detail-${item.prospect_id}`;
    const name = personName(item);
    const toggle = h("button", { type: "button", class: "expand", "aria-expanded": "false", "aria-controls": detailId },
      h("span", { "aria-hidden": "true" }, "▸"), h("span", { class: "visually-hidden" }, `Details for ${name}`));
    const channels = Object.entries(item.content.channels).map(([k, v]) => `${label(k)} ${v}`).join(", ");
    const row = h("tr", { class: "prospect", "data-prospect-id": item.prospect_id },
      h("td", null, toggle),
      h("th", { scope: "row" }, h("span", { "data-field": "name" }, name), h("br"),
        h("span", { class: "small", "data-field": "email" }, item.email)),
      h("td", { "data-field": "title" }, item.title || "—"),
      h("td", { "data-field": "company" }, item.company || "—"),
      h("td", { class: "num", "data-field": "score" }, item.score ?? "—"),
      h("td", { "data-field": "status" }, label(item.status)),
      h("td", null, (item.analysis && item.analysis.persona) || "—"),
      h("td", { "data-field": "content" }, item.content.messages
        ? `${fmtInt(item.content.messages)} message${item.content.messages === 1 ? "" : "s"} (${channels})` : "None yet"));
    const cell = h("td", { colspan: 8 });
    const detail = h("tr", { class: "detail", id: detailId, hidden: true }, cell);
    let loaded = false;
    toggle.addEventListener("click", async () => {
      const open = toggle.getAttribute("aria-expanded") !== "true";
      toggle.setAttribute("aria-expanded", String(open));
      toggle.firstChild.textContent = open ? "▾" : "▸";
      detail.hidden = !open;
      if (!open || loaded) return;
      loaded = true;
      cell.replaceChildren(h("p", { class: "loading" }, "Loading the breakdown…"));
      try {
        const prospect = await api(`/api/prospects/${encodeURIComponent(item.prospect_id)}`);
        cell.replaceChildren(prospectDetail(item, prospect));
      } catch (err) {
        loaded = false;
        handleError(err, null);
        if (state.key) cell.replaceChildren(h("p", { class: "error" }, err.message || "Could not load."));
      }
    });
    return [row, detail];
  }

  function prospectDetail(item, prospect) {
    const a = prospect.analysis;
    const parts = [];
    if (a) {
      const total = a.breakdown.reduce((sum, b) => sum + b.points, 0);
      const totalMax = a.breakdown.reduce((sum, b) => sum + b.max, 0);
      const bar = (b) => svg("svg", { class: "meter", width: 90, height: 10, viewBox: "0 0 90 10", "aria-hidden": "true" },
        svg("rect", { x: 0, y: 0, width: 90, height: 10, rx: 2, fill: "#eef1f5" }),
        svg("rect", { x: 0, y: 0, width: b.max ? (90 * b.points) / b.max : 0, height: 10, rx: 2, fill: "#1f5fbf" }));
      parts.push(h("div", { class: "full" },
        h("h3", null, `Score ${a.score} · ${tierName(a.tier)}`, h("span", { class: "small" }, ` · ${a.engine} engine`)),
        tableWrap(h("table", { class: "breakdown" },
          h("caption", null, "Score breakdown: the components add up to the score"),
          h("thead", null, h("tr", null, h("th", { scope: "col" }, "Component"), h("th", { scope: "col", class: "num" }, "Points"),
            h("th", { scope: "col", class: "num" }, "Max"), h("th", { scope: "col" }, h("span", { class: "visually-hidden" }, "Share")),
            h("th", { scope: "col" }, "Read from"), h("th", { scope: "col" }, "Why"))),
          h("tbody", null, a.breakdown.map((b) => h("tr", { "data-component": b.component },
            h("th", { scope: "row" }, label(b.component)),
            h("td", { class: "num", "data-field": "points" }, b.points),
            h("td", { class: "num", "data-field": "max" }, b.max),
            h("td", null, bar(b)),
            h("td", { class: "small" }, b.fields.join(", ") || "—"),
            h("td", null, b.why)))),
          h("tfoot", null, h("tr", null, h("th", { scope: "row" }, "Total"), h("td", { class: "num", "data-field": "total" }, total),
            h("td", { class: "num" }, totalMax), h("td"), h("td"), h("td"))))),
        item.analysis && item.analysis.analysis_id !== a.analysis_id
          ? h("p", { class: "small" }, "This is the prospect's latest analysis; the campaign placed it with an earlier one.")
          : null));
      parts.push(h("div", null,
        h("h3", null, "Why and how to approach"),
        a.persona ? h("p", null, h("strong", null, "Persona: "), a.persona) : null,
        a.pain_points.length ? [h("strong", null, "Pain points"), h("ul", null, a.pain_points.map((p) => h("li", null, p)))] : null,
        a.hooks.length ? [h("strong", null, "Hooks"), h("ul", null, a.hooks.map((k) => h("li", null, k.text,
          h("span", { class: "small" }, ` (from ${k.source_field})`))))] : null,
        a.approach ? h("p", null, h("strong", null, "Approach: "), `${label(a.approach.channel)} — ${a.approach.angle} `,
          h("span", { class: "small" }, `CTA: ${a.approach.cta}`)) : null,
        a.data_gaps.length ? h("p", { class: "small" }, `Missing data: ${a.data_gaps.join(", ")}`) : null));
    } else {
      parts.push(empty("Not analysed yet."));
    }
    const messages = prospect.messages.filter((msg) => msg.campaign_id === state.campaignId);
    parts.push(h("div", null, h("h3", null, "Content for this campaign"),
      messages.length ? messages.map((msg) => h("details", { "data-message-id": msg.id },
        h("summary", null, msg.channel === "email"
          ? `Email step ${msg.step} · day ${msg.day_offset}${msg.variant ? ` · variant ${msg.variant}` : ""}: ${msg.subject || "(no subject)"}`
          : `${label(msg.channel)}${msg.step ? ` ${msg.step}` : ""}`),
        h("pre", { class: "body" }, msg.body),
        msg.quality && msg.quality.score !== undefined ? h("p", { class: "small" }, `Quality ${msg.quality.score}/100`) : null))
        : empty("No content yet. Write it with POST /api/content/generate-batch.")));
    return h("div", { class: "detail-grid" }, parts);
  }

  // --- jobs --------------------------------------------------------------------------------------------

  const ACTIVE = new Set(["queued", "running"]);

  async function pollJobs(gen) {
    clearTimeout(state.pollTimer);
    if (gen !== state.gen || !state.key) return;
    let delay = POLL_IDLE_MS;
    if (!document.hidden) {
      const body = panelBody("jobs-panel");
      try {
        const page = await api("/api/jobs", { campaign_id: state.campaignId, limit: 10 });
        if (gen !== state.gen) return;
        renderJobs(page.items);
        const active = page.items.filter((j) => ACTIVE.has(j.status)).map((j) => j.job_id);
        const finished = [...state.activeJobs].some((id) => !active.includes(id));
        state.activeJobs = new Set(active);
        if (active.length) delay = POLL_ACTIVE_MS;
        if (finished) { // a job just ended: its prospects, content or figures changed
          loadCampaign();
          return;
        }
      } catch (err) {
        if (gen !== state.gen) return;
        handleError(err, body);
        if (!state.key) return;
        delay = POLL_IDLE_MS * 2;
      }
    }
    state.pollTimer = setTimeout(() => pollJobs(gen), delay);
  }

  function renderJobs(jobs) {
    const body = panelBody("jobs-panel");
    if (!jobs.length) {
      setBody(body, empty("No jobs for this campaign. Content batches, pipelines and Clay pushes show here while they run."));
      return;
    }
    const running = jobs.some((j) => ACTIVE.has(j.status));
    const table = h("table", null,
      h("caption", null, "The campaign's latest jobs, newest first"),
      h("thead", null, h("tr", null, ["Job", "Status", "Progress", "Failed", "Started / finished (UTC)"].map((t) =>
        h("th", { scope: "col", class: t === "Failed" ? "num" : null }, t)))),
      h("tbody", null, jobs.map((j) => h("tr", { "data-job-id": j.job_id },
        h("th", { scope: "row" }, label(j.kind), h("br"), h("span", { class: "small" }, j.job_id.slice(0, 8))),
        h("td", { class: `status-${j.status}`, "data-field": "status" }, label(j.status),
          j.error ? h("span", { class: "small" }, ` — ${j.error}`) : null),
        h("td", null, h("progress", { max: Math.max(1, j.total), value: j.done + j.failed,
          "aria-label": `Progress of job ${j.job_id.slice(0, 8)}` }), h("br"),
        h("span", { class: "small", "data-field": "progress" }, `${fmtInt(j.done)} / ${fmtInt(j.total)} done`)),
        h("td", { class: "num", "data-field": "failed" }, fmtInt(j.failed)),
        h("td", { class: "small" }, fmtWhen(j.created_at).replace(" UTC", ""), h("br"),
          j.finished_at ? fmtWhen(j.finished_at).replace(" UTC", "") : "—")))));
    setBody(body, tableWrap(table), h("p", { class: "small" },
      `Checked ${fmtWhen(new Date().toISOString())}; refreshing every ${(running ? POLL_ACTIVE_MS : POLL_IDLE_MS) / 1000} s`
      + `${running ? " while jobs run" : ""}.`));
  }

  // --- start -------------------------------------------------------------------------------------------

  function init() {
    $("#key-form").addEventListener("submit", (event) => {
      event.preventDefault();
      const key = $("#key-input").value.trim();
      if (!key) {
        showKeyForm("Paste an API key first.", true);
        return;
      }
      openWithKey(key);
    });
    $("#forget-key").addEventListener("click", () => signOut("Key forgotten. Paste a key to open the dashboard again."));
    $("#campaign-select").addEventListener("change", (event) => selectCampaign(event.target.value));
    $("#refresh").addEventListener("click", () => refreshAll());
    for (const radio of document.querySelectorAll("input[name=interval]")) {
      radio.addEventListener("change", (event) => {
        state.interval = event.target.value;
        loadTimeline();
      });
    }
    document.addEventListener("visibilitychange", () => {
      if (!document.hidden && state.key && state.campaignId) pollJobs(state.gen);
    });
    const stored = sessionStorage.getItem(KEY_STORAGE);
    if (stored) openWithKey(stored);
    else showKeyForm("", false);
  }

  init();
})();
