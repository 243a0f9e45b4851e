// Escalator site script: small, optional enhancements. Every page works without it.
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
  Array.prototype.forEach.call(document.querySelectorAll("[data-copy]"), function (b) {
    var pre = b.parentNode.querySelector("pre");
    if (pre) copyButton(b, function () { return pre.innerText; });
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
    var wd = -1, m = 0;
    try {
      new Intl.DateTimeFormat("en-US", { timeZone: h.zone, weekday: "short", hour: "2-digit", minute: "2-digit", hourCycle: "h23" })
        .formatToParts(date).forEach(function (p) {
          if (p.type === "weekday") wd = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"].indexOf(p.value);
          else if (p.type === "hour") m += 60 * (Number(p.value) % 24);
          else if (p.type === "minute") m += Number(p.value);
        });
    } catch (e) { return false; } // a zone this browser does not know
    return (h.windows || []).some(function (w) {
      var on = function (d) { return (w[0] >> d & 1) === 1; };
      if (w[2] > w[1]) return on(wd) && m >= w[1] && m < w[2];
      return on(wd) && m >= w[1] || on((wd + 6) % 7) && m < w[2]; // past midnight
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
