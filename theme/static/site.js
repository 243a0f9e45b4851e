// Escalator site script: small, optional enhancements. Every page works without it.

// ---- Navigation (issues 16.8, 17.13): light/dark toggle, handbook menu ----
// The reader's choice of light or dark is kept in localStorage ("escalator-theme") and
// set as a class on <html>; with no choice the stylesheet follows prefers-color-scheme.
// Trade-off: this script is loaded with defer (no inline script may run under the
// Content-Security-Policy, and a blocking script would delay every page), so the class
// is set once the document is parsed. A reader whose choice differs from the system's
// may see the system's scheme for a moment on a slow, long page; on the usual page the
// script runs before the first paint.
(function () {
  "use strict";
  var key = "escalator-theme";
  var root = document.documentElement;
  function stored() {
    try { return localStorage.getItem(key); } catch (e) { return null; }
  }
  function apply(choice) {
    root.classList.toggle("dark", choice === "dark");
    root.classList.toggle("light", choice === "light");
  }
  function isDark() {
    if (root.classList.contains("dark")) return true;
    if (root.classList.contains("light")) return false;
    return !!(window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches);
  }
  var choice = stored();
  if (choice === "dark" || choice === "light") apply(choice);

  var toggle = document.querySelector(".theme-toggle");
  if (toggle) {
    var show = function () { toggle.setAttribute("aria-pressed", isDark() ? "true" : "false"); };
    show();
    toggle.hidden = false;
    toggle.addEventListener("click", function () {
      var next = isDark() ? "light" : "dark";
      apply(next);
      try { localStorage.setItem(key, next); } catch (e) { /* not kept: still applies here */ }
      show();
    });
  }

  // A link to a heading scrolls it to just below the sticky header, whose height
  // depends on the width and the title: the stylesheet's scroll-padding is a guess.
  var header = document.querySelector(".site-header");
  if (header) {
    var pad = function () {
      root.style.scrollPaddingTop = (header.getBoundingClientRect().height + 8) + "px";
    };
    pad();
    window.addEventListener("resize", pad);
  }

  // The handbook menu closes on Escape and on a click elsewhere, as menus do.
  var menu = document.querySelector(".nav-pages details");
  if (menu) {
    document.addEventListener("click", function (e) {
      if (menu.open && !menu.contains(e.target)) menu.open = false;
    });
    menu.addEventListener("keydown", function (e) {
      if (e.key === "Escape" && menu.open) {
        menu.open = false;
        menu.querySelector("summary").focus();
      }
    });
  }
})();
// ---- end Navigation ----

(function () {
  "use strict";

  // "/" focuses the search box, unless the reader is typing somewhere.
  document.addEventListener("keydown", function (e) {
    if (e.key !== "/" || e.ctrlKey || e.metaKey || e.altKey) return;
    var t = e.target;
    if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
    var q = document.getElementById("q");
    if (q) { e.preventDefault(); q.focus(); q.select(); }
  });

  function copyText(text, done) {
    function fallback() {
      var ta = document.createElement("textarea");
      ta.value = text;
      ta.setAttribute("readonly", "");
      ta.className = "visually-hidden";
      document.body.appendChild(ta);
      ta.select();
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (err) { ok = false; }
      document.body.removeChild(ta);
      done(ok);
    }
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(function () { done(true); }, fallback);
    } else {
      fallback();
    }
  }

  // Copy buttons: on code blocks (data-copy, the block beside the button), and on
  // flowcharts (data-copy-from, the id of the element holding the Mermaid source,
  // which may sit in a closed <details>: textContent reads it all the same).
  function copyButton(b, text) {
    var label = b.textContent;
    b.hidden = false;
    b.addEventListener("click", function () {
      copyText(text(), function (ok) {
        b.textContent = ok ? "Copied" : "Select and copy";
        setTimeout(function () { b.textContent = label; }, 2000);
      });
    });
  }
  // A code block copies its source: textContent, since innerText adds a line
  // break after each highlighted line's box. The final line break is left
  // out, so a pasted command runs only when the reader presses Enter.
  Array.prototype.forEach.call(document.querySelectorAll("[data-copy]"), function (b) {
    var pre = b.parentNode.querySelector("pre");
    if (pre) copyButton(b, function () { return pre.textContent.replace(/\n$/, ""); });
  });
  Array.prototype.forEach.call(document.querySelectorAll("[data-copy-from]"), function (b) {
    var src = document.getElementById(b.getAttribute("data-copy-from"));
    if (src) copyButton(b, function () { return src.textContent; });
  });

  // Printing opens collapsed sections, and closes them again afterwards.
  var opened = [];
  window.addEventListener("beforeprint", function () {
    opened = [];
    Array.prototype.forEach.call(document.querySelectorAll("details:not([open])"), function (d) {
      d.open = true;
      opened.push(d);
    });
  });
  window.addEventListener("afterprint", function () {
    opened.forEach(function (d) { d.open = false; });
    opened = [];
  });

  // inHours reports whether the instant date falls within hours, the data-hours of a
  // team page (generator/hours.go): as matrix.Hours.Contains, which tests hold it to.
  // Making a DateTimeFormat costs far more than using one: one per zone is kept.
  var formats = {};
  function inHours(h, date) {
    if (h.always) return true;
    var wd = -1, m = 0, ymd = {};
    try {
      var f = formats[h.zone] || (formats[h.zone] = new Intl.DateTimeFormat("en-US", { timeZone: h.zone, weekday: "short", hour: "2-digit", minute: "2-digit", hourCycle: "h23",
        year: "numeric", month: "2-digit", day: "2-digit" }));
      f.formatToParts(date).forEach(function (p) {
        if (p.type === "weekday") wd = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"].indexOf(p.value);
        else if (p.type === "hour") m += 60 * (Number(p.value) % 24);
        else if (p.type === "minute") m += Number(p.value);
        else if (p.type === "year" || p.type === "month" || p.type === "day") ymd[p.type] = p.value;
      });
    } catch (e) { return false; } // a zone this browser does not know
    return hold(h, wd, m, Number(ymd.year), Number(ymd.month), Number(ymd.day));
  }
  // hold is inHours for a local time already known: weekday wd (0 Sunday), minute of
  // the day m, and the date y-mo-d. The triage page (triage.js) reads the local time
  // from the build's zone tables instead of the browser's.
  function hold(h, wd, m, y, mo, d) {
    if (h.always) return true;
    var md = ("0" + mo).slice(-2) + "-" + ("0" + d).slice(-2); // a closed day or holiday is out of hours all day
    if ((h.closed || []).indexOf(("000" + y).slice(-4) + "-" + md) >= 0 || (h.yearly || []).indexOf(md) >= 0) return false;
    return (h.windows || []).some(function (w, i) {
      var on = function (d) { return (w[0] >> d & 1) === 1; };
      var lim = h.dates && h.dates[i];
      // dated reports whether the window may start on the local day back days ago.
      var dated = function (back) {
        if (!lim) return true;
        var t = new Date(Date.UTC(y, mo - 1, d - back));
        var ty = t.getUTCFullYear(), tm = t.getUTCMonth() + 1, td = t.getUTCDate();
        if (lim.m && (lim.m >> tm & 1) !== 1) return false;
        if (!lim.d || !lim.d.length) return true;
        var last = new Date(Date.UTC(ty, tm, 0)).getUTCDate();
        return lim.d.some(function (r) {
          var lo = r[0], hi = r[1];
          if (lo < 0) { lo = last + 1 + lo; hi = last + 1 + hi; }
          return td >= lo && td <= hi;
        });
      };
      if (w[2] > w[1]) return on(wd) && m >= w[1] && m < w[2] && dated(0);
      return on(wd) && m >= w[1] && dated(0) || on((wd + 6) % 7) && m < w[2] && dated(1); // past midnight
    });
  }
  inHours.hold = hold;
  window.escalatorHours = inHours;

  // Team pages say whether the team is in its hours now, by the reader's clock.
  function openNow() {
    var el = document.querySelector("[data-hours]");
    if (!el) return;
    var state = el.querySelector(".open-state");
    var open = inHours(JSON.parse(el.getAttribute("data-hours")), new Date());
    el.classList.add(open ? "is-open" : "is-closed");
    state.textContent = open ? "Open now." : "Out of hours now.";
  }
  openNow();

  // zoneLabel names the reader's time zone and its offset at date: "Europe/London,
  // UTC+01:00", so a date-time in a brief cannot be read in another zone.
  function zoneLabel(date) {
    var off = -date.getTimezoneOffset(), a = Math.abs(off);
    var name = "";
    try { name = Intl.DateTimeFormat().resolvedOptions().timeZone || ""; } catch (e) { name = ""; }
    var utc = "UTC" + (off < 0 ? "-" : "+") + ("0" + Math.floor(a / 60)).slice(-2) + ":" + ("0" + a % 60).slice(-2);
    return name ? name + ", " + utc : utc;
  }

  // Date-time fields say in which zone they are read.
  function briefZones(form) {
    Array.prototype.forEach.call(form.querySelectorAll("[data-zone]"), function (el) {
      el.textContent = "Your time zone: " + zoneLabel(new Date());
    });
  }

  // A brief opened from a route (the matrix, a severity page) has its fields filled
  // from the link: ?severity=High&target=Payments%20Engineering.
  function briefPrefill(form) {
    new URLSearchParams(window.location.search).forEach(function (v, k) {
      var el = form.elements.namedItem(k);
      if (!el || !el.tagName) return;
      if (el.tagName !== "SELECT") { if (el.type !== "checkbox") el.value = v; return; }
      var want = v.trim().toLowerCase();
      Array.prototype.some.call(el.options, function (o) {
        if (o.value && o.text.trim().toLowerCase() === want) { el.value = o.value; return true; }
        return false;
      });
    });
  }

  // What was typed survives a reload in this tab (session storage only: it goes when
  // the tab closes, or with the clear button, and never leaves the browser).
  function briefDraft(form, changed) {
    var key = "escalator-brief:" + form.getAttribute("data-brief");
    var store;
    try { store = window.sessionStorage; store.setItem(key + ":probe", "1"); store.removeItem(key + ":probe"); } catch (e) { return; }
    var fields = function () { return form.querySelectorAll("input[name], select[name], textarea[name]"); };
    try {
      var saved = JSON.parse(store.getItem(key) || "{}");
      Array.prototype.forEach.call(fields(), function (el) {
        if (!Object.prototype.hasOwnProperty.call(saved, el.name)) return;
        if (el.type === "checkbox") el.checked = saved[el.name] === true; else el.value = saved[el.name];
      });
    } catch (e) { store.removeItem(key); }
    function save() {
      var data = {};
      Array.prototype.forEach.call(fields(), function (el) { data[el.name] = el.type === "checkbox" ? el.checked : el.value; });
      store.setItem(key, JSON.stringify(data));
    }
    form.addEventListener("input", save);
    form.addEventListener("change", save);
    var clear = document.getElementById("brief-clear");
    document.getElementById("brief-kept").hidden = false;
    clear.hidden = false;
    clear.addEventListener("click", function () {
      store.removeItem(key);
      form.reset();
      Array.prototype.forEach.call(fields(), function (el) { el.removeAttribute("aria-invalid"); });
      document.getElementById("brief-output").hidden = true;
      document.getElementById("brief-error").hidden = true;
      changed();
    });
  }

  // A running count of the required fields still empty.
  function briefMissing(form) {
    var out = document.getElementById("brief-missing");
    function count() {
      var n = 0;
      Array.prototype.forEach.call(form.querySelectorAll("[required]"), function (el) {
        if (el.type === "checkbox" ? !el.checked : el.value.trim() === "") n++;
      });
      out.textContent = n ? n + (n === 1 ? " required field is" : " required fields are") + " still empty." : "Every required field is filled in.";
    }
    form.addEventListener("input", count);
    form.addEventListener("change", count);
    count();
    return count;
  }

  // Table fields: rows of cells, kept as tab-separated lines in a hidden textarea (the
  // field itself, so drafts, the required count and the output read it as any other).
  function briefTables(form) {
    Array.prototype.forEach.call(form.querySelectorAll("table.brief-table"), function (table) {
      var store = document.getElementById(table.getAttribute("data-for"));
      var cols = store.getAttribute("data-columns").split("\t");
      var body = table.tBodies[0];
      var add = form.querySelector('.brief-add-row[data-for="' + store.id + '"]');
      function row(cells) {
        var tr = document.createElement("tr"), n = body.rows.length + 1;
        cols.forEach(function (c, i) {
          var td = document.createElement("td"), input = document.createElement("input");
          input.type = "text";
          input.className = "brief-cell";
          input.setAttribute("aria-label", c + ", row " + n);
          input.value = cells[i] || "";
          td.appendChild(input);
          tr.appendChild(td);
        });
        body.appendChild(tr);
        return tr;
      }
      function load() { // the rows from the stored value, and at least one
        body.textContent = "";
        store.value.split("\n").forEach(function (line) { if (line.trim()) row(line.split("\t")); });
        if (!body.rows.length) row([]);
      }
      function save() {
        var lines = [];
        Array.prototype.forEach.call(body.rows, function (tr) {
          var cells = Array.prototype.map.call(tr.querySelectorAll("input"), function (el) { return el.value.replace(/[\t\r\n]+/g, " ").trim(); });
          if (cells.some(function (c) { return c !== ""; })) lines.push(cells.join("\t"));
        });
        store.value = lines.join("\n");
      }
      table.addEventListener("input", save, true); // before the form's own listeners
      add.hidden = false;
      add.addEventListener("click", function () { row([]).querySelector("input").focus(); });
      form.addEventListener("reset", function () { setTimeout(load, 0); });
      load();
    });
  }

  var briefForm = document.getElementById("brief");
  if (briefForm) {
    briefZones(briefForm);
    briefPrefill(briefForm);
    var countMissing = briefMissing(briefForm);
    briefDraft(briefForm, countMissing);
    briefTables(briefForm);
    countMissing(); // after the draft came back
  }

  // Brief forms: refuse to finish while a required field is empty, then produce the
  // structured text to paste into a ticket.
  var form = document.getElementById("brief");
  if (!form) return;
  var err = document.getElementById("brief-error");
  var out = document.getElementById("brief-output");
  var text = document.getElementById("brief-text");
  var copy = document.getElementById("brief-copy");
  var copied = document.getElementById("brief-copied");
  var message = document.getElementById("brief-message");

  // rows are a table field's rows, each a list of cells.
  function rows(el) {
    return el.value.split("\n").filter(function (l) { return l.trim(); }).map(function (l) { return l.split("\t"); });
  }
  // messageValue is a field's value as the message shows it: a list's items and a
  // table's rows one a line, a table's cells joined by " | ".
  function messageValue(el) {
    var t = el.getAttribute("data-type");
    if (t === "table") return rows(el).map(function (r) { return r.join(" | "); }).join("\n");
    if (t === "list") return el.value.split(/\n+/).map(function (l) { return l.trim(); }).filter(Boolean).map(function (l) { return "- " + l; }).join("\n");
    return value(el);
  }
  // renderMessage fills the brief's message as matrix.RenderMessage does: {id} is a
  // value, {?id}...{/id} is kept when the field is filled, any other brace is text.
  function renderMessage(tmpl, values) {
    var re = /\{([?\/]?)([a-z0-9]+(?:-[a-z0-9]+)*)\}/g, out = "", last = 0, hide = 0, stack = [], m;
    while ((m = re.exec(tmpl)) !== null) {
      if (!hide) out += tmpl.slice(last, m.index);
      last = re.lastIndex;
      var v = Object.prototype.hasOwnProperty.call(values, m[2]) ? values[m[2]] : "";
      if (m[1] === "") { if (!hide) out += v; }
      else if (m[1] === "?") { var shown = !hide && v.trim() !== ""; stack.push(shown); if (!shown) hide++; }
      else if (stack.length) { if (!stack.pop()) hide--; }
    }
    if (!hide) out += tmpl.slice(last);
    out = out.replace(/\r\n/g, "\n").split("\n").map(function (l) { return l.replace(/[ \t]+$/, ""); }).join("\n");
    return out.replace(/\n{3,}/g, "\n\n").trim();
  }
  window.escalatorBrief = { renderMessage: renderMessage };

  function value(el) {
    if (el.type === "checkbox") return el.checked ? "yes" : "";
    if (el.type === "datetime-local" && el.value) return el.value.replace("T", " ") + " (" + zoneLabel(new Date(el.value)) + ")";
    return el.value.trim();
  }

  form.addEventListener("submit", function (e) {
    e.preventDefault();
    var fields = form.querySelectorAll("input:not(.brief-cell), select, textarea");
    var missing = [];
    Array.prototype.forEach.call(fields, function (el) {
      var bad = el.required && value(el) === "";
      el.setAttribute("aria-invalid", bad ? "true" : "false");
      if (bad) missing.push(el);
    });
    if (missing.length) {
      err.hidden = false;
      err.textContent = "Fill in the required fields first: " +
        missing.map(function (el) { return el.getAttribute("data-label"); }).join(", ") + ".";
      out.hidden = true;
      var first = missing[0].hidden ? form.querySelector('table[data-for="' + missing[0].id + '"] input') : missing[0];
      first.focus();
      return;
    }
    err.hidden = true;
    var lines = [form.getAttribute("data-title")];
    lines.push(new Array(lines[0].length + 1).join("="));
    Array.prototype.forEach.call(form.querySelectorAll("fieldset"), function (fs) {
      var section = [];
      Array.prototype.forEach.call(fs.querySelectorAll("input:not(.brief-cell), select, textarea"), function (el) {
        var v = value(el);
        if (v === "") return;
        var label = el.getAttribute("data-label");
        if (el.getAttribute("data-type") === "table") {
          section.push(label + ":");
          section.push("  " + el.getAttribute("data-columns").split("\t").join(" | "));
          rows(el).forEach(function (r) { section.push("  " + r.join(" | ")); });
        } else if (el.getAttribute("data-type") === "list") {
          section.push(label + ":");
          v.split(/\n+/).forEach(function (item) {
            item = item.trim();
            if (item) section.push("  - " + item);
          });
        } else if (v.indexOf("\n") >= 0) {
          section.push(label + ":");
          v.split("\n").forEach(function (l) { section.push("  " + l); });
        } else {
          section.push(label + ": " + v);
        }
      });
      if (section.length) {
        lines.push("");
        lines.push("## " + fs.querySelector("legend").textContent.trim());
        lines = lines.concat(section);
      }
    });
    text.value = lines.join("\n") + "\n";
    if (message) {
      var values = {};
      Array.prototype.forEach.call(form.querySelectorAll("input[name], select[name], textarea[name]"), function (el) { values[el.name] = messageValue(el); });
      message.value = renderMessage(form.getAttribute("data-message"), values) + "\n";
    }
    out.hidden = false;
    text.focus();
  });

  copy.addEventListener("click", function () {
    copyText(text.value, function (ok) {
      copied.textContent = ok ? "Copied." : "Select the text and copy it.";
    });
  });
  if (message) {
    var messageCopied = document.getElementById("brief-message-copied");
    document.getElementById("brief-message-copy").addEventListener("click", function () {
      copyText(message.value, function (ok) {
        messageCopied.textContent = ok ? "Copied." : "Select the text and copy it.";
      });
    });
  }
})();

// On call: who is on duty now in each schedule, by the reader's clock. The evaluator
// is matrix/schedule ported line for line (TestOnCallMatchesGo holds it to the Go
// engine); zone offsets come from oncall/zones.js, the build's own zone tables, so
// the answer does not depend on the browser's time zone database.
(function () {
  "use strict";

  var DAY = 86400, MAXI = Math.pow(2, 50), NEAR = 3 * 3600, HORIZON = 400 * DAY;
  var DAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

  function fdiv(a, b) { return Math.floor(a / b); } // exact below 2^53
  function fmod(a, b) { return a - fdiv(a, b) * b; }
  function weekday(d) { return fmod(d + 4, 7); }

  var zones = {};
  function zone(name) {
    if (zones[name]) return zones[name];
    var raw = (window.escalatorZones || {})[name];
    if (!raw) throw new Error("no offsets for time zone " + name);
    var tx = [], x = 0;
    raw.t.forEach(function (d, i) { x = i ? x + d : d; tx.push(x); });
    return (zones[name] = { tx: tx, off: raw.o });
  }
  function search(z, u) { // the last i with tx[i] <= u
    var lo = 0, hi = z.tx.length;
    while (hi - lo > 1) {
      var m = (lo + hi) >>> 1;
      if (z.tx[m] <= u) lo = m; else hi = m;
    }
    return lo;
  }
  function offset(z, u) { return z.off[search(z, u)]; }
  function naive(z, u) { return u + offset(z, u); }
  // wall: a wall-clock time as Unix seconds; a gap gives the jump, a fold the first.
  function wall(z, n) {
    var oa = offset(z, n - DAY), ob = offset(z, n + DAY);
    if (oa === ob) return n - oa;
    var ua = n - oa, ub = n - ob;
    var va = offset(z, ua) === oa, vb = offset(z, ub) === ob;
    if (va && vb) return Math.min(ua, ub);
    if (va) return ua;
    if (vb) return ub;
    return z.tx[search(z, Math.max(ua, ub))];
  }

  function localNaive(s) { // "YYYY-MM-DDTHH:MM"
    var m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})$/.exec(s);
    return Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5]) / 1000;
  }
  function clock(s) { var p = s.split(":"); return 60 * +p[0] + +p[1]; }

  // compile prepares schedule.Rules (matrix/schedule/rules.go) as schedule.New does.
  function compile(r) {
    var layers = r.layers.map(function (lr) {
      var z = zone(lr.time_zone), ns = localNaive(lr.start);
      var period = lr.shift === "hourly" ? lr.length * 3600 : lr.shift === "daily" ? lr.length : lr.length * 7;
      return {
        members: lr.members, hourly: lr.shift === "hourly", z: z, nstart: ns, start: wall(z, ns), period: period,
        restrict: lr.restrict.map(function (w) {
          var days = [false, false, false, false, false, false, false];
          w.days.forEach(function (d) { days[DAYS.indexOf(d)] = true; });
          return { days: days, start: clock(w.start), end: clock(w.end) };
        })
      };
    });
    var ovs = r.overrides.map(function (o) {
      return { from: Date.parse(o.from) / 1000, until: Date.parse(o.until) / 1000, member: o.member };
    });
    ovs.sort(function (a, b) { return a.from - b.from; }); // stable, as Go's SortStableFunc
    var maxUntil = [];
    ovs.forEach(function (o, i) { maxUntil.push(i ? Math.max(o.until, maxUntil[i - 1]) : o.until); });
    return { layers: layers, ovs: ovs, maxUntil: maxUntil };
  }

  function turn(l, u) {
    var k;
    if (l.hourly) {
      k = fdiv(u - l.start, l.period);
      return [k, l.start + (k + 1) * l.period];
    }
    var d = fdiv(naive(l.z, u) - l.nstart, DAY);
    k = fdiv(d, l.period);
    var at = function (k) { return wall(l.z, l.nstart + k * l.period * DAY); };
    var from = at(k), end = at(k + 1);
    if (u < from && k > 0) return [k - 1, from];
    if (u >= end) return [k + 1, at(k + 2)];
    return [k, end];
  }

  function span(w, d) {
    var s = d * DAY + w.start * 60, e = d * DAY + w.end * 60;
    if (w.end <= w.start) e += DAY;
    return [s, e];
  }
  function windowEnd(ws, u, nu, z) {
    var d = fdiv(nu, DAY), end = 0, found = false;
    ws.forEach(function (w) {
      for (var dd = d - 1; dd <= d; dd++) {
        if (!w.days[weekday(dd)]) continue;
        var sp = span(w, dd);
        if (nu < sp[0] - NEAR || nu >= sp[1] + NEAR) continue;
        var s = wall(z, sp[0]), e = wall(z, sp[1]);
        if (s <= u && u < e && (!found || e > end)) { end = e; found = true; }
      }
    });
    return found ? end : null;
  }
  function restricted(ws, u, nu, z) {
    var end = windowEnd(ws, u, nu, z);
    if (end !== null) {
      for (var i = 0; i < 8; i++) {
        var e2 = windowEnd(ws, end, naive(z, end), z);
        if (e2 === null || e2 <= end) break;
        end = e2;
      }
      return [true, end];
    }
    var next = MAXI, d = fdiv(nu, DAY);
    ws.forEach(function (w) {
      for (var dd = d - 1; dd <= d + 7; dd++) {
        if (!w.days[weekday(dd)]) continue;
        var ns = span(w, dd)[0];
        if (ns + NEAR <= nu) continue;
        var s = wall(z, ns);
        if (s > u) { next = Math.min(next, s); break; }
      }
    });
    return [false, next];
  }
  // state: the member index on duty in l at u (-1 for nobody), and an instant after u
  // before which that cannot change.
  function state(l, u) {
    if (u < l.start) return [-1, l.start];
    var end = MAXI;
    if (l.restrict.length) {
      var r = restricted(l.restrict, u, naive(l.z, u), l.z);
      if (!r[0]) return [-1, r[1]];
      end = r[1];
    }
    var n = l.members.length;
    if (n === 1) return [0, end];
    var t = turn(l, u);
    return [t[0] % n, Math.min(end, t[1])];
  }
  function segment(s, u) {
    var next = MAXI, i = 0, hi = s.ovs.length;
    while (i < hi) {
      var m = (i + hi) >>> 1;
      if (s.ovs[m].from <= u) i = m + 1; else hi = m;
    }
    if (i < s.ovs.length) next = s.ovs[i].from;
    for (var j = i - 1; j >= 0 && s.maxUntil[j] > u; j--) {
      if (s.ovs[j].until > u) return [s.ovs[j].member, Math.min(next, s.ovs[j].until), "o" + j];
    }
    for (var li = s.layers.length - 1; li >= 0; li--) {
      var l = s.layers[li], st = state(l, u);
      next = Math.min(next, st[1]);
      if (st[0] >= 0) return [l.members[st[0]], next, "l" + li];
    }
    return ["", next, "n"];
  }
  // shifts: the timeline of [from, to) as Schedule.Shifts: spans of one member by one
  // source (a layer, an override, or nobody), the first from from, the last to to.
  function shifts(s, from, to) {
    var out = [], u = from;
    while (u < to) {
      var seg = segment(s, u), next = Math.min(Math.max(seg[1], u + 1), to), last = out[out.length - 1];
      if (last && last.member === seg[0] && last.source === seg[2]) last.until = next;
      else out.push({ member: seg[0], from: u, until: next, source: seg[2], override: seg[2].charAt(0) === "o" });
      u = next;
    }
    return out;
  }
  // at: who is on duty at u (Unix seconds), until when (null: not within 400 days)
  // and who is next, as Schedule.At.
  function at(s, u) {
    var seg = segment(s, u), m = seg[0], next = seg[1], limit = u + HORIZON;
    while (next < limit) {
      var s2 = segment(s, next);
      if (s2[0] !== m) return { member: m, until: next, next: s2[0] };
      next = Math.max(s2[1], next + 1);
    }
    return { member: m, until: null, next: "" };
  }
  // offsetMember: the member n turns after the one whose turn it is at u, in the top
  // layer with someone on duty, overrides left out ("" for none), as Schedule.Offset.
  function offsetMember(s, u, n) {
    for (var li = s.layers.length - 1; li >= 0; li--) {
      var l = s.layers[li], st = state(l, u);
      if (st[0] >= 0) return l.members[(st[0] + n) % l.members.length];
    }
    return "";
  }
  // onCall: at(s, u) for a level paging n turns on (n > 0), as Playbook.OnCall: the
  // person n turns on, until the schedule's next change, and the one n turns on then.
  function onCall(s, u, n) {
    var d = at(s, u);
    if (!n) return d;
    return { member: offsetMember(s, u, n), until: d.until, next: d.until === null ? "" : offsetMember(s, d.until, n) };
  }
  // withZones runs cb once oncall/zones.js has given the offset tables (one request a page).
  var waiting = null;
  function withZones(cb) {
    if (window.escalatorZones) { cb(); return; }
    if (waiting) { waiting.push(cb); return; }
    waiting = [cb];
    var sc = document.createElement("script");
    sc.src = (document.body.getAttribute("data-root") || "") + "oncall/zones.js";
    sc.onload = function () { waiting.forEach(function (f) { f(); }); };
    document.head.appendChild(sc);
  }
  window.escalatorOnCall = { compile: compile, at: at, offset: offsetMember, turnOffset: offsetMember, onCall: onCall, shifts: shifts, zone: zone, utcOffset: offset, wall: wall, naive: naive, withZones: withZones };

  // The team page and the contacts sheet: each [data-schedule] says who is on call.
  var els = document.querySelectorAll("[data-schedule]");
  if (!els.length) return;

  function when(date, tz) {
    var o = { weekday: "short", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZoneName: "short" };
    if (tz) o.timeZone = tz;
    var p = {};
    new Intl.DateTimeFormat("en-GB", o).formatToParts(date).forEach(function (x) { p[x.type] = x.value; });
    return p.weekday + " " + p.day + " " + p.month + " " + p.hour + ":" + p.minute + " " + p.timeZoneName;
  }
  var own = "";
  try { own = Intl.DateTimeFormat().resolvedOptions().timeZone || ""; } catch (e) { own = ""; }

  function person(frag, data, ref) {
    var p = data.people[ref];
    if (!ref || !p) { frag.appendChild(document.createTextNode(ref ? ref : "nobody")); return; }
    var b = document.createElement("span");
    b.className = "oncall-name";
    b.textContent = p.name;
    frag.appendChild(b);
    if (p.phone) {
      frag.appendChild(document.createTextNode(" "));
      var a = document.createElement("a");
      a.className = "phone";
      a.href = "tel:" + p.phone.replace(/[^0-9+]/g, "").replace(/(?!^)\+/g, "");
      a.textContent = p.phone;
      frag.appendChild(a);
    }
  }

  var timer = 0;
  // show renders every schedule at the instant ms and sets a timer to the next handoff.
  function show(ms) {
    var u = Math.floor(ms / 1000), soonest = null;
    Array.prototype.forEach.call(els, function (el) {
      var live = el.querySelector(".oncall-live"), short = el.classList.contains("oncall-short");
      var data, d;
      try {
        data = JSON.parse(el.getAttribute("data-schedule"));
        el._schedule = el._schedule || compile(data.rules);
        d = onCall(el._schedule, u, +(el.getAttribute("data-offset") || 0));
      } catch (e) { return; } // keep the build's answer
      var f = document.createDocumentFragment();
      if (d.member && short) f.appendChild(document.createTextNode(data.people[d.member] ? data.people[d.member].name : d.member));
      else if (d.member) person(f, data, d.member);
      else f.appendChild(document.createTextNode("Nobody"));
      if (d.until !== null) {
        var until = new Date(d.until * 1000);
        f.appendChild(document.createTextNode(" until " + when(until, data.zone) +
          (own && own !== data.zone && !short ? " (" + when(until) + " your time)" : "") + ", then "));
        if (d.next) f.appendChild(document.createTextNode(data.people[d.next] ? data.people[d.next].name : d.next));
        else f.appendChild(document.createTextNode("nobody"));
        if (soonest === null || d.until < soonest) soonest = d.until;
      }
      f.appendChild(document.createTextNode("."));
      live.textContent = "";
      live.appendChild(f);
      el.classList.add("is-live");
    });
    var note = document.querySelector(".oncall-asof");
    if (note) note.textContent = "Now, by your clock (" + when(new Date(ms)) + "); it changes by itself at each handoff.";
    clearTimeout(timer);
    window.escalatorOnCall.nextUpdate = soonest === null ? null : soonest * 1000;
    if (soonest !== null) {
      // Timers run late, never early; a long wait is cut to what setTimeout allows.
      timer = setTimeout(function () { show(Date.now()); }, Math.min(soonest * 1000 - Date.now() + 50, 0x7fffffff));
    }
  }
  window.escalatorOnCall.show = show;

  function start() {
    show(Date.now());
    // A sleeping laptop or a background tab misses timers: look again on return.
    document.addEventListener("visibilitychange", function () { if (!document.hidden) show(Date.now()); });
  }
  withZones(start);
})();

// The month calendar (teams/<id>.calendar.html): the build draws its month; with script,
// the reader steps to any other, drawn from the schedules' rules as the build draws
// (generator's calendarData and Grid), times in the calendar's zone.
(function () {
  "use strict";
  var table = document.querySelector("table.cal[data-cal-zone]"), nav = document.querySelector(".cal-nav");
  var oc = window.escalatorOnCall;
  if (!table || !nav || !oc) return;
  var DAY = 86400;
  var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
  var keys = Array.prototype.map.call(document.querySelectorAll(".cal-keys [data-cal-schedule]"), function (li) {
    return { letter: li.getAttribute("data-cal-letter"), title: li.getAttribute("data-cal-title"), data: JSON.parse(li.getAttribute("data-cal-schedule")) };
  });
  var ym = /^(\d{4})-(\d{2})$/.exec(table.getAttribute("data-cal-month"));
  var shown = { y: +ym[1], m: +ym[2] - 1 }, built = { y: shown.y, m: shown.m };
  var heads = [document.querySelector("main h1"), document.querySelector(".print-title"), table.querySelector("caption")];
  var titleBase = heads[0] ? heads[0].textContent.replace(/, [A-Z][a-z]+ \d{4}$/, "") : "";

  function esc(t) { return String(t).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&#34;").replace(/'/g, "&#39;"); }
  function two(n) { return (n < 10 ? "0" : "") + n; }

  // grid returns the table body of month m (0-11) of year y, as Grid writes it.
  function grid(y, m) {
    var z = oc.zone(table.getAttribute("data-cal-zone"));
    var first = Date.UTC(y, m, 1) / 1000; // naive local midnights, as seconds
    var start = first - ((new Date(first * 1000).getUTCDay() + 6) % 7) * DAY;
    var last = Date.UTC(y, m + 1, 1) / 1000;
    var end = last + ((7 - (new Date(last * 1000).getUTCDay() + 6) % 7) % 7) * DAY;
    var from = oc.wall(z, start), to = oc.wall(z, end);
    var lines = keys.map(function (k) {
      k.compiled = k.compiled || oc.compile(k.data.rules);
      return oc.shifts(k.compiled, from, to);
    });
    var html = "";
    for (var d = start, col = 0; d < end; d += DAY, col++) {
      if (col % 7 === 0) html += "<tr>";
      var day = oc.wall(z, d), next = oc.wall(z, d + DAY), date = new Date(d * 1000);
      html += '<td class="' + (date.getUTCMonth() === m ? "" : "cal-out") + '"><time class="cal-day" datetime="' +
        date.getUTCFullYear() + "-" + two(date.getUTCMonth() + 1) + "-" + two(date.getUTCDate()) + '">' + date.getUTCDate() + "</time>\n    ";
      keys.forEach(function (k, i) {
        html += '<div class="cal-line"><span class="cal-letter" aria-hidden="true">' + esc(k.letter) + '</span><span class="visually-hidden">' + esc(k.title) + ": </span>";
        var n = 0;
        lines[i].forEach(function (sh) {
          if (sh.until <= day || sh.from >= next) return;
          if (n++) html += '<span aria-hidden="true"> → </span><span class="visually-hidden">, then </span>';
          var p = k.data.people[sh.member], name = sh.member && p ? p.name : "nobody";
          html += '<span class="cal-item' + (sh.override ? " cal-override" : "") + '">';
          if (sh.from > day) {
            var t = oc.naive(z, sh.from) - Math.floor(oc.naive(z, sh.from) / DAY) * DAY;
            html += '<span class="cal-time">' + two(Math.floor(t / 3600)) + ":" + two(Math.floor(t % 3600 / 60)) + "</span> ";
          }
          html += esc(name) + (sh.override ? "*" : "") + "</span>";
        });
        html += "</div>";
      });
      html += "</td>";
      if (col % 7 === 6) html += "</tr>\n  ";
    }
    return html;
  }

  function show(y, m) {
    shown = { y: y, m: m };
    var label = MONTHS[m] + " " + y;
    table.tBodies[0].innerHTML = grid(y, m);
    heads.forEach(function (h) { if (h) h.textContent = titleBase + ", " + label; });
    document.title = document.title.replace(/, [A-Z][a-z]+ \d{4}( ·|$)/, ", " + label + "$1");
    var status = nav.querySelector("[role=status]");
    if (status) status.textContent = y === built.y && m === built.m ? "" : "Drawn in your browser from the schedules' rules.";
  }
  nav.addEventListener("click", function (e) {
    var b = e.target.closest("button[data-cal-step]");
    if (!b) return;
    var step = +b.getAttribute("data-cal-step"), m = shown.m + step;
    if (step === 0) { show(built.y, built.m); return; }
    show(shown.y + Math.floor(m / 12), ((m % 12) + 12) % 12);
  });
  oc.withZones(function () { nav.hidden = false; });
  window.escalatorCalendar = { grid: grid, show: show };
})();
