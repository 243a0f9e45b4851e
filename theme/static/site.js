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
  function inHours(h, date) {
    if (h.always) return true;
    var wd = -1, m = 0, ymd = {};
    try {
      new Intl.DateTimeFormat("en-US", { timeZone: h.zone, weekday: "short", hour: "2-digit", minute: "2-digit", hourCycle: "h23",
        year: "numeric", month: "2-digit", day: "2-digit" })
        .formatToParts(date).forEach(function (p) {
          if (p.type === "weekday") wd = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"].indexOf(p.value);
          else if (p.type === "hour") m += 60 * (Number(p.value) % 24);
          else if (p.type === "minute") m += Number(p.value);
          else if (p.type === "year" || p.type === "month" || p.type === "day") ymd[p.type] = p.value;
        });
    } catch (e) { return false; } // a zone this browser does not know
    var md = ymd.month + "-" + ymd.day; // a closed day or holiday is out of hours all day
    if ((h.closed || []).indexOf(("000" + ymd.year).slice(-4) + "-" + md) >= 0 || (h.yearly || []).indexOf(md) >= 0) return false;
    var y = Number(ymd.year), mo = Number(ymd.month), d = Number(ymd.day);
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

  var briefForm = document.getElementById("brief");
  if (briefForm) {
    briefZones(briefForm);
    briefPrefill(briefForm);
    var countMissing = briefMissing(briefForm);
    briefDraft(briefForm, countMissing);
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

  function value(el) {
    if (el.type === "checkbox") return el.checked ? "yes" : "";
    if (el.type === "datetime-local" && el.value) return el.value.replace("T", " ") + " (" + zoneLabel(new Date(el.value)) + ")";
    return el.value.trim();
  }

  form.addEventListener("submit", function (e) {
    e.preventDefault();
    var fields = form.querySelectorAll("input, select, textarea");
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
      missing[0].focus();
      return;
    }
    err.hidden = true;
    var lines = [form.getAttribute("data-title")];
    lines.push(new Array(lines[0].length + 1).join("="));
    Array.prototype.forEach.call(form.querySelectorAll("fieldset"), function (fs) {
      var section = [];
      Array.prototype.forEach.call(fs.querySelectorAll("input, select, textarea"), function (el) {
        var v = value(el);
        if (v === "") return;
        var label = el.getAttribute("data-label");
        if (el.getAttribute("data-type") === "list") {
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
    out.hidden = false;
    text.focus();
  });

  copy.addEventListener("click", function () {
    copyText(text.value, function (ok) {
      copied.textContent = ok ? "Copied." : "Select the text and copy it.";
    });
  });
})();
