// Added by `escalator serve` to every page it sends, never by `escalator build`: reloads
// the page when the site is rebuilt, keeping the scroll position, and lays the
// playbook's errors over the page while it has some.
(function () {
  "use strict";
  var me = document.currentScript;
  var version = me ? me.getAttribute("data-version") : "";
  var key = "escalator-serve-scroll:" + location.pathname;

  var saved = null;
  try { saved = sessionStorage.getItem(key); sessionStorage.removeItem(key); } catch (e) { saved = null; }
  if (saved !== null) {
    var xy = saved.split(",");
    var restore = function () { window.scrollTo(+xy[0] || 0, +xy[1] || 0); };
    restore();
    window.addEventListener("load", restore);
  }

  function reload() {
    try { sessionStorage.setItem(key, window.scrollX + "," + window.scrollY); } catch (e) { /* private mode */ }
    location.reload();
  }

  var overlay = null;
  function show(problems) {
    if (overlay) { overlay.remove(); overlay = null; }
    if (!problems.length) return;
    // Errors first: they are why the site did not build.
    problems = problems.filter(function (p) { return p.severity === "error"; })
      .concat(problems.filter(function (p) { return p.severity !== "error"; }));
    var errors = problems.filter(function (p) { return p.severity === "error"; }).length;
    overlay = document.createElement("section");
    overlay.id = "escalator-problems";
    overlay.setAttribute("role", "alert");
    overlay.setAttribute("aria-labelledby", "escalator-problems-title");
    var head = document.createElement("header");
    var h = document.createElement("h2");
    h.id = "escalator-problems-title";
    h.textContent = "The playbook has " + errors + (errors === 1 ? " error" : " errors") +
      (version !== "0" ? ": this is the last version that built" : "");
    var close = document.createElement("button");
    close.type = "button";
    close.textContent = "Hide";
    close.addEventListener("click", function () { overlay.hidden = true; });
    head.appendChild(h);
    head.appendChild(close);
    overlay.appendChild(head);
    var list = document.createElement("ol");
    problems.forEach(function (p) {
      var li = document.createElement("li");
      li.className = p.severity;
      var where = document.createElement("code");
      where.textContent = p.where;
      li.appendChild(where);
      li.appendChild(document.createTextNode(" " + p.severity + ": " + p.message));
      if (p.suggestion) {
        var hint = document.createElement("span");
        hint.className = "hint";
        hint.textContent = p.suggestion;
        li.appendChild(hint);
      }
      list.appendChild(li);
    });
    overlay.appendChild(list);
    document.body.appendChild(overlay);
  }

  if (!window.EventSource) return;
  var events = new EventSource("/_escalator/events");
  events.addEventListener("reload", function (e) {
    if (e.data !== version) reload();
  });
  events.addEventListener("problems", function (e) {
    var problems = [];
    try { problems = JSON.parse(e.data); } catch (err) { problems = []; }
    show(problems);
  });
})();
