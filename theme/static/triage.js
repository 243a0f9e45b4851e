// Triage page: routes an incident in the browser with the policy of triage/data.js.
// The evaluator is matrix.Route ported step for step (TestTriageMatchesGo holds it to
// the Go engine); schedules and hours come from site.js, local times from the build's
// zone tables, so the answer does not depend on the browser's time zone database.
(function () {
  "use strict";
  var oc = window.escalatorOnCall, hold = window.escalatorHours && window.escalatorHours.hold;
  var DAY = 86400, has = Object.prototype.hasOwnProperty;

  function fdiv(a, b) { return Math.floor(a / b); }
  function zoneOf(name) {
    if (!name) return null;
    try { return oc.zone(name); } catch (e) { return null; }
  }
  function naive(z, u) { return u + oc.utcOffset(z, u); }
  function search(z, u) {
    var lo = 0, hi = z.tx.length;
    while (hi - lo > 1) {
      var m = (lo + hi) >>> 1;
      if (z.tx[m] <= u) lo = m; else hi = m;
    }
    return lo;
  }
  // goDate is time.Date for the wall-clock time n (seconds, as if UTC) in z, with Go's
  // choice in a gap or a fold.
  function goDate(z, n) {
    var i = search(z, n), off = z.off[i];
    if (off === 0) return n;
    var utc = n - off, end = i + 1 < z.tx.length ? z.tx[i + 1] : Infinity;
    if (utc < z.tx[i] || utc >= end) off = z.off[search(z, utc)];
    return n - off;
  }

  // load indexes the data once: ids to indices, runbooks by domain and by cell.
  function load(d) {
    var m = { d: d, team: {}, sev: {}, dom: {}, rbDom: {}, rbCell: {}, zone: zoneOf(d.zone) };
    var first = function (map, list, id) { list.forEach(function (x, i) { var k = id(x); if (!has.call(map, k)) map[k] = i; }); };
    first(m.team, d.teams, function (t) { return t.id; });
    first(m.sev, d.sevs, function (s) { return s.id; });
    first(m.dom, d.domains, function (x) { return x; });
    d.teams.forEach(function (t) {
      t.mem = {};
      first(t.mem, t.m || [], function (x) { return x[0]; });
    });
    d.runbooks.forEach(function (rb, i) {
      if (rb.p) return; // a procedure is offered only where a rule names it
      (rb.d || []).forEach(function (di) {
        (m.rbDom[di] = m.rbDom[di] || []).push(i);
        (rb.s || []).forEach(function (si) {
          var k = di + "," + si, l = m.rbCell[k] || (m.rbCell[k] = []);
          if (l[l.length - 1] !== i) l.push(i);
        });
      });
    });
    return m;
  }

  // parse reads a fact's value as Facts.Set does; null when it is not valid.
  function parse(f, raw) {
    raw = String(raw);
    var lo = raw.toLowerCase();
    switch (f.type) {
      case "bool":
        if (["true", "yes", "y", "1"].indexOf(lo) >= 0) return { s: "true" };
        if (["false", "no", "n", "0"].indexOf(lo) >= 0) return { s: "false" };
        return null;
      case "number":
        if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(raw)) return null;
        var n = Number(raw);
        return isFinite(n) ? { n: n } : null;
      case "choice":
        if (f.choices.indexOf(raw) >= 0) return { s: raw };
        return f.choices.indexOf(lo) >= 0 ? { s: lo } : null;
    }
    return { s: lo }; // text matches regardless of case
  }

  function holds(d, c, vals, set) {
    var fi = c[0], op = c[1], xs = c[2];
    if (!op || fi < 0 || !set[fi]) return false;
    var v = vals[fi], num = d.facts[fi].type === "number";
    switch (op) {
      case "in":
        return xs.some(function (x) { return num ? Number(x) === v.n : x === v.s; });
      case "!=": return v.n !== Number(xs[0]);
      case "<": return v.n < Number(xs[0]);
      case "<=": return v.n <= Number(xs[0]);
      case ">": return v.n > Number(xs[0]);
      case ">=": return v.n >= Number(xs[0]);
    }
    return false;
  }

  function inHours(m, ti, u) {
    var t = m.d.teams[ti], h = t.h;
    if (h.always) return true;
    if (t.zz === undefined) t.zz = zoneOf(h.zone);
    if (!t.zz) return false;
    var l = new Date(naive(t.zz, u) * 1000);
    return hold(h, l.getUTCDay(), l.getUTCHours() * 60 + l.getUTCMinutes(), l.getUTCFullYear(), l.getUTCMonth() + 1, l.getUTCDate());
  }
  function fallbacks(m, t) {
    var out = [], teams = m.d.teams;
    for (var cur = t; cur >= 0 && !teams[cur].x;) {
      var next = teams[cur].a;
      if (next < 0 || next === t || out.indexOf(next) >= 0) break;
      out.push(next);
      cur = next;
    }
    return out;
  }
  // cover is Playbook.cover: who answers for t at u, appending the teams passed over.
  function cover(m, t, u, passed) {
    if (t < 0 || u === null || inHours(m, t, u)) return t;
    var cur = t;
    fallbacks(m, t).some(function (next) {
      if (passed) passed.push(cur);
      cur = next;
      return inHours(m, next, u);
    });
    return cur;
  }

  function compiled(s) {
    if (s.c === undefined) {
      try { s.c = s.r ? oc.compile(s.r) : null; } catch (e) { s.c = null; }
    }
    return s.c;
  }
  function person(m, ti, ref) {
    if (!ref) return null;
    var k = ref.indexOf("/");
    if (k >= 0) {
      ti = has.call(m.team, ref.slice(0, k)) ? m.team[ref.slice(0, k)] : -1;
      ref = ref.slice(k + 1);
      if (ti < 0) return null;
    }
    var t = m.d.teams[ti];
    return has.call(t.mem, ref) ? { team: ti, member: t.mem[ref] } : null;
  }
  function overrideAt(c, u) {
    var i = 0, hi = c.ovs.length;
    while (i < hi) {
      var k = (i + hi) >>> 1;
      if (c.ovs[k].from <= u) i = k + 1; else hi = k;
    }
    for (var j = i - 1; j >= 0 && c.maxUntil[j] > u; j--) {
      if (c.ovs[j].until > u) return c.ovs[j].from;
    }
    return null;
  }
  // onCall is Playbook.OnCall: who is on duty in schedule si of team ti at u.
  function onCall(m, ti, si, u, offset) {
    var r = { team: ti, sched: si, offset: offset, person: null, until: null, next: null, override: null };
    var c = compiled(m.d.teams[ti].sc[si]);
    if (!c) return r;
    var a = oc.at(c, u);
    r.until = a.until;
    if (offset > 0) {
      r.person = person(m, ti, oc.turnOffset(c, u, offset));
      if (a.until !== null) r.next = person(m, ti, oc.turnOffset(c, a.until, offset));
      return r;
    }
    r.person = person(m, ti, a.member);
    r.next = person(m, ti, a.next);
    r.override = overrideAt(c, u);
    return r;
  }

  // handoffs is Playbook.Handoffs: every step of team ti's chain from start.
  function handoffs(m, ti, start) {
    var t = m.d.teams[ti], lv = t.lv || [];
    if (!lv.length) return [];
    var ack = lv.filter(function (l) { return !l.r; }).map(function (l) { return l.a; });
    var period = 0, n = ack.length;
    if (n) period = ack[n - 1] + (n >= 2 && ack[n - 1] > ack[n - 2] ? ack[n - 1] - ack[n - 2] : 900);
    var repeat = Math.min(Math.max(t.rp || 0, 0), 5), out = [];
    for (var round = 0; round <= repeat; round++) {
      lv.forEach(function (l, i) {
        if (round > 0 && (l.r || period === 0)) return;
        var after = l.a + period * round;
        var h = { team: ti, round: round, level: i + 1, name: l.n || "", after: after, at: start === null ? null : start + after,
          while: l.r ? "unresolved" : "unacknowledged", members: l.m || [], channels: l.ch || [], teams: [], off: [],
          schedules: l.s || [], offset: l.o || 0, oncall: [] };
        (l.t || []).forEach(function (x) {
          var c = cover(m, x, h.at, null);
          if (c !== x) { h.off.push(x); x = c; }
          if (h.teams.indexOf(x) < 0) h.teams.push(x);
        });
        if (h.at !== null) h.schedules.forEach(function (si) { h.oncall.push(onCall(m, ti, si, h.at, h.offset)); });
        out.push(h);
      });
    }
    return out.sort(function (a, b) { return a.after - b.after; }); // stable
  }

  // chain is Playbook.chain: the owner's chain until it closes with a step to come,
  // then the chain of whoever covers it from that minute.
  function chain(m, ti, start) {
    var steps = handoffs(m, ti, start), t = m.d.teams[ti];
    if (start === null || !steps.length || t.x || t.a < 0) return [steps, null];
    var prev = start;
    for (var i = 0; i < steps.length; i++) {
      var h = steps[i];
      if (inHours(m, ti, h.at)) { prev = h.at; continue; }
      var closes = h.at;
      if (h.at - prev <= 8 * DAY) {
        for (var c = fdiv(prev, 60) * 60 + 60; c <= h.at; c += 60) {
          if (!inHours(m, ti, c)) { closes = c; break; }
        }
      }
      var to = cover(m, ti, closes, null);
      if (to === ti) return [steps, null];
      var rest = handoffs(m, to, closes), since = closes - start;
      rest.forEach(function (r) { r.after += since; });
      return [steps.slice(0, i).concat(rest), { at: closes, from: ti, to: to }];
    }
    return [steps, null];
  }

  // businessDays is WorkingWeek.AddBusinessDays in the playbook's zone.
  function businessDays(m, start, n) {
    var w = m.d.week, z = m.zone;
    if (!w || !z) return null;
    var l = naive(z, start), day0 = fdiv(l, DAY), s = l - day0 * DAY;
    var ws = w[1] * 60, we = w[2] * 60, remaining = n * (we - ws);
    for (var i = 0; i <= 7 * (n + 1); i++) {
      var local = fdiv(naive(z, goDate(z, (day0 + i) * DAY)), DAY);
      if (i > 0) s = 0;
      if ((w[0] >> ((local + 4) % 7 + 7) % 7 & 1) !== 1) continue;
      var from = Math.max(s, ws);
      if (from >= we) continue;
      if (remaining > we - from) { remaining -= we - from; continue; }
      return goDate(z, local * DAY + from + remaining);
    }
    return null;
  }
  function deadline(m, at, t) {
    if (at === null) return null;
    return t[3] > 0 ? businessDays(m, at, t[3]) : at + t[2];
  }

  // route is Playbook.Route for raw fact values (fact id -> text) at u (Unix seconds,
  // null to ignore hours). It returns null when no rule matches.
  function route(m, raw, u) {
    var d = m.d, vals = [], set = [];
    d.facts.forEach(function (f, i) {
      if (!has.call(raw, f.id)) return;
      var v = parse(f, raw[f.id]);
      if (v) { vals[i] = v; set[i] = true; }
    });
    var sev = d.sf >= 0 && set[d.sf] && has.call(m.sev, vals[d.sf].s) ? m.sev[vals[d.sf].s] : -1;
    var x = { given: sev, matched: [], notify: [], immediate: false, rule: null, raisedBy: null, at: u };
    // A raise is seen by the rules after it: they read the raised tier as the severity fact.
    var seen = vals, seenSet = set;
    for (var ri = 0; ri < d.routes.length; ri++) {
      var r = d.routes[ri];
      if (!(r.w || []).every(function (c) { return holds(d, c, seen, seenSet); })) continue;
      x.matched.push(r);
      if (r.s >= 0 && (sev < 0 || d.sevs[r.s].rank < d.sevs[sev].rank)) {
        sev = r.s;
        x.raisedBy = r;
        if (d.sf >= 0) {
          seen = vals.slice();
          seenSet = set.slice();
          seen[d.sf] = { s: d.sevs[sev].id };
          seenSet[d.sf] = true;
        }
      }
      if (!r.c) break;
    }
    var add = function (list, t) { if (t >= 0 && list.indexOf(t) < 0) list.push(t); };
    x.matched.forEach(function (r) {
      x.immediate = x.immediate || !!r.i;
      if (r.c) add(x.notify, r.to); else x.rule = r;
      (r.also || []).forEach(function (a) { add(x.notify, a); });
    });
    if (!x.rule) return null;
    x.severity = sev;
    x.routed = x.rule.to;
    x.offHours = [];
    x.owner = cover(m, x.routed, u, x.offHours);
    x.notified = [];
    x.notifiedOff = [];
    x.notify.forEach(function (t) {
      var c = cover(m, t, u, null);
      if (c !== t) { x.notifiedOff.push(t); t = c; }
      if (t !== x.owner && x.notified.indexOf(t) < 0) x.notified.push(t);
    });
    var named = [];
    x.matched.forEach(function (r) { (r.rb || []).forEach(function (i) { add(named, i); }); });
    x.runbooks = named;
    if (d.df >= 0 && set[d.df]) {
      var dom = m.dom[vals[d.df].s];
      var list = (sev >= 0 ? m.rbCell[dom + "," + sev] : m.rbDom[dom]) || [];
      x.runbooks = named.concat(list.filter(function (i) { return named.indexOf(i) < 0; }));
    }
    // Briefs: the deciding rule's first, then the continuing rules', each once.
    x.briefs = [];
    add(x.briefs, x.rule.b);
    x.matched.forEach(function (r) { add(x.briefs, r.b); });
    x.brief = x.briefs.length ? x.briefs[0] : -1;
    x.roles = sev >= 0 ? d.sevs[sev].roles || [] : [];
    x.deadlines = sev >= 0 ? d.sevs[sev].timers.map(function (t) { return { timer: t, at: deadline(m, u, t) }; }) : [];
    x.handoffs = [];
    x.handover = null;
    x.oncall = null;
    if (x.owner >= 0) {
      var ch = chain(m, x.owner, u);
      x.handoffs = ch[0];
      x.handover = ch[1];
      var ps = d.teams[x.owner].ps;
      if (ps >= 0 && u !== null) x.oncall = onCall(m, x.owner, ps, u, 0);
    }
    return x;
  }

  // canon is a decision as plain arrays, in the shape the parity test builds from a
  // matrix.Decision.
  function canon(m, x) {
    if (!x) return null;
    var d = m.d, tid = function (t) { return t >= 0 ? d.teams[t].id : ""; };
    var tids = function (l) { return l.map(tid); };
    var who = function (p) { return p ? d.teams[p.team].id + "/" + d.teams[p.team].m[p.member][0] : ""; };
    var occ = function (o) { return [who(o.person), o.until, who(o.next), o.override]; };
    return [x.rule.x, x.matched.map(function (r) { return r.x; }), tid(x.routed), tid(x.owner), tids(x.offHours),
      tids(x.notified), tids(x.notifiedOff), x.oncall ? occ(x.oncall) : null,
      x.severity >= 0 ? d.sevs[x.severity].id : "", x.given >= 0 ? d.sevs[x.given].id : "", x.immediate,
      x.runbooks.map(function (i) { return d.runbooks[i].id; }), x.briefs.map(function (i) { return d.briefs[i][0]; }),
      x.roles.map(function (i) { return d.roles[i][0]; }), x.at,
      x.deadlines.map(function (dl) { return [dl.timer[0], dl.timer[1], dl.at]; }),
      x.handoffs.map(function (h) {
        var t = d.teams[h.team];
        return [t.id, h.round, h.level, h.name, h.after, h.at, h.while,
          h.members.map(function (i) { return t.m[i][0]; }), h.channels.map(function (i) { return t.ch[i][0]; }),
          tids(h.teams), tids(h.off), h.schedules.map(function (i) { return t.sc[i].id; }), h.offset, h.oncall.map(occ)];
      }),
      x.handover ? [x.handover.at, tid(x.handover.from), tid(x.handover.to)] : null, x.raisedBy ? x.raisedBy.x : -1];
  }

  window.escalatorRoute = { load: load, route: route, canon: canon, parse: parse };
})();

// The page: questions in, decision out, answers in the URL's fragment.
(function () {
  "use strict";
  var R = window.escalatorRoute, data = window.escalatorTriageData;
  var form = document.getElementById("triage-form");
  if (!R || !data || !form) return; // the page keeps explaining itself without script
  var m = R.load(data), d = data, root = document.body.getAttribute("data-root") || "";
  var out = document.getElementById("triage-out"), status = document.getElementById("triage-status");
  var now = document.getElementById("triage-now"), atInput = form.elements.namedItem("at");
  var jump = document.getElementById("triage-jump");
  var TIMERS = ["acknowledge", "triage", "contain", "resolve", "root_cause"];
  var answers = {}, at = minute(Date.now() / 1000), shown = "", timer = 0;

  document.getElementById("triage-noscript").hidden = true;
  document.getElementById("triage").hidden = false;

  function minute(u) { return Math.floor(u / 60) * 60; }
  function pad(n) { return ("0" + n).slice(-2); }
  function localInput(u) { // datetime-local's value, in the reader's zone
    var t = new Date(u * 1000);
    return t.getFullYear() + "-" + pad(t.getMonth() + 1) + "-" + pad(t.getDate()) + "T" + pad(t.getHours()) + ":" + pad(t.getMinutes());
  }
  function utc(u) { return new Date(u * 1000).toISOString().slice(0, 16) + "Z"; }
  var fmt = new Intl.DateTimeFormat("en-GB", { weekday: "short", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZoneName: "short" });
  function when(u) { return fmt.format(new Date(u * 1000)).replace(",", ""); }
  function span(s) { // a duration in seconds, as people say it
    s = Math.round(Math.abs(s) / 60);
    if (s < 60) return s + " min";
    var h = Math.floor(s / 60);
    if (h < 48) return h + " h" + (s % 60 ? " " + s % 60 + " min" : "");
    return Math.floor(h / 24) + " d" + (h % 24 ? " " + h % 24 + " h" : "");
  }
  function countdown(u) {
    var left = u - Date.now() / 1000;
    return left >= 0 ? "in " + span(left) : "overdue by " + span(left);
  }
  try {
    var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    Array.prototype.forEach.call(document.querySelectorAll("[data-zone]"), function (el) { el.textContent = zone; });
  } catch (e) { /* the label stays empty */ }

  // el builds an element: el("a", {href: ...}, child, "text", ...).
  function el(tag, attrs) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { if (attrs[k] !== null) e.setAttribute(k, attrs[k]); });
    for (var i = 2; i < arguments.length; i++) {
      var c = arguments[i];
      if (c === null || c === undefined || c === "") continue;
      e.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    }
    return e;
  }
  function join(items, sep) {
    var f = document.createDocumentFragment();
    items.forEach(function (x, i) { if (i) f.appendChild(document.createTextNode(sep === undefined ? ", " : sep)); f.appendChild(typeof x === "string" ? document.createTextNode(x) : x); });
    return f;
  }
  function section(title, id) {
    var s = el("section", { "class": "triage-part", "aria-labelledby": id }, el("h3", { id: id }, title));
    out.appendChild(s);
    return s;
  }
  function team(t) { return t >= 0 ? el("a", { href: root + "teams/" + d.teams[t].id + ".html" }, d.teams[t].n) : el("span", {}, "no team"); }
  function tel(phone) {
    return el("a", { "class": "phone", href: "tel:" + phone.replace(/[^0-9+]/g, "").replace(/(?!^)\+/g, "") }, phone);
  }
  function who(p) {
    if (!p) return el("span", {}, "nobody");
    var mem = d.teams[p.team].m[p.member];
    return el("span", { "class": "triage-person" }, el("strong", {}, mem[1]), mem[2] ? " " : "", mem[2] ? tel(mem[2]) : "");
  }
  function duty(o, long) {
    var f = el("span", {}, who(o.person));
    if (long && o.until !== null) f.appendChild(document.createTextNode(" until " + when(o.until) + ", then " + (o.next ? d.teams[o.next.team].m[o.next.member][1] : "nobody")));
    return f;
  }
  function channel(c) { // a phone number to call, a link to follow, or as written
    if (/^\+?[0-9][0-9 ()-]{5,}$/.test(c[3])) return el("span", {}, c[2] + ": ", tel(c[3]));
    if (/^(https?:\/\/|mailto:)/.test(c[3])) return el("a", { href: c[3] }, c[2]);
    return el("span", {}, c[2] + (c[3] ? ": " + c[3] : ""));
  }

  // read takes the answers from the form; errs lists what does not parse.
  function read() {
    var errs = {};
    answers = {};
    d.facts.forEach(function (f) {
      var e = form.elements.namedItem(f.id), v = e ? e.value.trim() : "";
      if (v === "") return;
      answers[f.id] = v;
      if (!R.parse(f, v)) errs[f.id] = f.type === "number" ? "Write a number, such as 3." : "Not a valid answer.";
    });
    if (atInput.value) {
      var u = new Date(atInput.value).getTime() / 1000;
      if (isFinite(u)) at = minute(u);
    }
    return errs;
  }
  // write puts answers and start into the form.
  function write() {
    d.facts.forEach(function (f) {
      var e = form.elements.namedItem(f.id), v = has(answers, f.id) ? answers[f.id] : "";
      if (!e) return;
      if (e.length !== undefined && e.tagName !== "INPUT") { // a radio group
        var p = v ? R.parse(f, v) : null;
        Array.prototype.forEach.call(e, function (r) { r.checked = !!p && r.value === p.s; });
      } else e.value = v;
    });
    atInput.value = localInput(at);
  }
  function has(o, k) { return Object.prototype.hasOwnProperty.call(o, k); }
  function hash() {
    var q = [];
    d.facts.forEach(function (f) { if (has(answers, f.id)) q.push(encodeURIComponent(f.id) + "=" + encodeURIComponent(answers[f.id])); });
    q.push("at=" + utc(at));
    return "#" + q.join("&");
  }
  function restore() {
    answers = {};
    location.hash.replace(/^#/, "").split("&").forEach(function (kv) {
      var i = kv.indexOf("=");
      if (i < 0) return;
      var k = decodeURIComponent(kv.slice(0, i)), v = decodeURIComponent(kv.slice(i + 1).replace(/\+/g, " "));
      if (k === "at") { var u = Date.parse(v) / 1000; if (isFinite(u)) at = minute(u); } else answers[k] = v;
    });
    write();
  }

  function briefLink(x, b) {
    var q = [], add = function (k, v) { q.push(encodeURIComponent(k) + "=" + encodeURIComponent(v)); };
    if (x.severity >= 0) add("severity", d.sevs[x.severity].name);
    if (x.owner >= 0) add("target", d.teams[x.owner].n);
    var late = x.deadlines.some(function (dl) { return dl.at !== null && dl.at < Date.now() / 1000; });
    var risk = answers["sla-risk"] && (R.parse({ type: "bool" }, answers["sla-risk"]) || {}).s === "true";
    add("sla-status", late ? "Breached" : risk ? "At risk" : "Within SLA");
    add("sla", late ? "Breached" : risk ? "At risk" : "Not affected");
    ["started", "seen-at"].forEach(function (k) { add(k, localInput(at)); });
    Object.keys(answers).forEach(function (k) { if (k !== "severity") add(k, answers[k]); });
    return root + "briefs/" + d.briefs[b][0] + ".html?" + q.join("&");
  }

  function render() {
    var errs = read();
    d.facts.forEach(function (f) {
      var e = document.getElementById("e-" + f.id);
      if (!e) return;
      e.hidden = !errs[f.id];
      e.textContent = errs[f.id] || "";
      form.elements.namedItem(f.id).setAttribute("aria-invalid", errs[f.id] ? "true" : "false");
    });
    var missing = d.facts.filter(function (f) { return f.req && (!has(answers, f.id) || errs[f.id]); });
    var atErr = document.getElementById("e-at"), bad = at < d.range[0] || at > d.range[1];
    atErr.hidden = !bad;
    atErr.textContent = bad ? "This page routes starts from " + new Date(d.range[0] * 1000).getUTCFullYear() + " to " + new Date(d.range[1] * 1000).getUTCFullYear() + "; for others use escalator route --at." : "";
    out.textContent = "";
    now.hidden = true;
    clearInterval(timer);
    if (missing.length || bad) {
      status.textContent = bad ? "Choose a start time the page can route." : "Answer " + (missing.length === 1 ? "the required question" : "the " + missing.length + " required questions") + " to see the decision: " +
        missing.map(function (f) { return document.getElementById("l-" + f.id).firstChild.textContent.trim(); }).join(" ");
      document.body.classList.remove("triage-decided");
      jump.hidden = true;
      return null;
    }
    var valid = {};
    Object.keys(answers).forEach(function (k) { if (!errs[k]) valid[k] = answers[k]; });
    var x = R.route(m, valid, at);
    document.body.classList.toggle("triage-decided", !!x);
    jump.hidden = !x;
    if (!x) { status.textContent = "No routing rule matches these answers, and the playbook has no default rule."; return null; }
    show(x);
    return x;
  }

  function show(x) {
    var owner = x.owner >= 0 ? d.teams[x.owner] : null;
    status.textContent = "Decision: " + (owner ? owner.n : "no team") + (x.severity >= 0 ? ", " + d.sevs[x.severity].id + " " + d.sevs[x.severity].name : "") + (x.immediate ? ". Escalate now." : ".");
    jump.firstChild.textContent = status.textContent + " Show it";
    if (x.immediate) {
      now.hidden = false;
      now.textContent = "";
      now.appendChild(el("strong", {}, "Escalate now: "));
      now.appendChild(document.createTextNode("page "));
      now.appendChild(team(x.owner));
      // Whom to call: the person on call, else the first person the chain pages.
      var first = x.oncall && x.oncall.person, h0 = x.handoffs[0];
      if (!first && h0 && h0.members.length) first = { team: h0.team, member: h0.members[0] };
      if (first) { now.appendChild(document.createTextNode(": call ")); now.appendChild(who(first)); }
      now.appendChild(document.createTextNode(" at once; do not wait for triage."));
    }
    var facts = el("p", { "class": "triage-facts" }, "For: ", join(Object.keys(answers).map(function (k) { return k + " = " + answers[k]; }).concat(["start " + when(at)]), "; "));
    out.appendChild(facts);

    var s = section("Owning team", "t-owner");
    s.appendChild(el("p", { "class": "big" }, team(x.owner)));
    if (x.offHours.length) {
      s.appendChild(el("p", { "class": "triage-why" }, "After-hours hand-over: the rule names ", team(x.routed), ", which is out of its hours at " + when(at) +
        (x.offHours.length > 1 ? "; so are " + x.offHours.slice(1).map(function (t) { return d.teams[t].n; }).join(", ") : "") + ". Its after-hours cover takes the case."));
    }
    if (x.handover) s.appendChild(el("p", { "class": "triage-why" }, team(x.handover.from), " closes at " + when(x.handover.at) + " while its chain still runs: from then the chain of ", team(x.handover.to), " goes on."));
    if (owner && (owner.ch || []).length) s.appendChild(el("p", {}, "Reach them: ", join(owner.ch.map(channel), " · ")));

    s = section("On call now", "t-oncall");
    if (x.oncall) s.appendChild(el("p", {}, duty(x.oncall, true), " (" + owner.sc[x.oncall.sched].n + ")"));
    else if (x.handoffs.length && x.handoffs[0].members.length) {
      var h0 = x.handoffs[0];
      s.appendChild(el("p", {}, "No on-call schedule: its chain pages ", who({ team: h0.team, member: h0.members[0] }), " first."));
    } else s.appendChild(el("p", {}, "No on-call schedule: page the team through its channels."));

    s = section("Severity", "t-sev");
    var sev = x.severity >= 0 ? d.sevs[x.severity] : null;
    s.appendChild(el("p", {}, sev ? el("a", { href: root + "severities/" + sev.id + ".html" }, sev.id + " · " + sev.name) : "not given",
      x.raisedBy && x.severity !== x.given ? el("span", {}, " (raised" + (x.given >= 0 ? " from " + d.sevs[x.given].id : "") + " by the rule ", el("a", { href: root + "matrix.html#rule-" + x.raisedBy.x }, x.raisedBy.n), ")") : ""));

    if (sev) {
      s = section("Deadlines from the start, " + when(at), "t-sla");
      var rows = el("tbody", {});
      TIMERS.forEach(function (name) {
        var dl = x.deadlines.filter(function (y) { return y.timer[0] === name; })[0];
        rows.appendChild(el("tr", {}, el("th", { scope: "row" }, name.replace("_", " ")), el("td", { "data-label": "Target" }, dl ? dl.timer[1] : "no target"),
          el("td", { "data-label": "Due" }, dl && dl.at !== null ? when(dl.at) : dl ? "no working week to count" : ""),
          el("td", { "class": "countdown", "data-label": "Left", "data-due": dl && dl.at !== null ? dl.at : null }, dl && dl.at !== null ? countdown(dl.at) : "")));
      });
      s.appendChild(el("table", { "class": "triage-sla stack" }, el("thead", {}, el("tr", {}, el("th", { scope: "col" }, "Timer"), el("th", { scope: "col" }, "Target"), el("th", { scope: "col" }, "Due"), el("th", { scope: "col" }, "Left"))), rows));
      s.appendChild(el("p", {}, "Updates: internal every " + sev.updates[0] + ", customers every " + sev.updates[1] + "."));
    }

    s = section("Notified teams", "t-notify");
    s.appendChild(x.notified.length ? el("ul", {}, join(x.notified.map(function (t) { return el("li", {}, team(t)); }), "")) : el("p", {}, "Nobody else."));
    if (x.notifiedOff.length) s.appendChild(el("p", { "class": "help" }, "Out of hours, so their cover is told instead: ", join(x.notifiedOff.map(team)), "."));

    s = section("Escalation timeline", "t-chain");
    if (!x.handoffs.length) s.appendChild(el("p", {}, "The owning team has no escalation chain."));
    else s.appendChild(el("ol", { "class": "timeline" }, join(x.handoffs.map(function (h) {
      var t = d.teams[h.team], l = t.lv[h.level - 1], whom = [];
      h.members.forEach(function (i) { var mem = t.m[i]; whom.push(el("span", {}, mem[1], mem[2] ? " " : "", mem[2] ? tel(mem[2]) : "")); });
      h.schedules.forEach(function (si, i) { whom.push(el("span", {}, "on duty in " + t.sc[si].n + ": ", h.oncall[i] ? who(h.oncall[i].person) : "")); });
      h.channels.forEach(function (i) { whom.push(channel(t.ch[i])); });
      h.teams.forEach(function (i) { whom.push(team(i)); });
      return el("li", { "class": h.while }, el("span", { "class": "when" }, h.at !== null ? when(h.at) : ""), " +" + span(h.after) + " ",
        el("strong", {}, (h.team !== x.owner ? t.n + ": " : "") + (l.n || "Level " + h.level) + (h.round ? " (repeat " + h.round + ")" : "")), ": ", join(whom),
        el("span", { "class": "cond" }, " while " + h.while));
    }), "")));

    s = section("Runbooks", "t-rb");
    s.appendChild(x.runbooks.length ? el("ul", {}, join(x.runbooks.map(function (i) { return el("li", {}, el("a", { href: root + "runbooks/" + d.runbooks[i].id + ".html" }, d.runbooks[i].t)); }), "")) : el("p", {}, "No runbook for this case."));
    s = section("Roles to staff", "t-roles");
    s.appendChild(x.roles.length ? el("p", {}, join(x.roles.map(function (i) { return el("a", { href: root + "roles/" + d.roles[i][0] + ".html" }, d.roles[i][1]); }))) : el("p", {}, "None named for this tier."));

    s = section("Why", "t-rule");
    s.appendChild(el("p", {}, "The rule ", el("a", { href: root + "matrix.html#rule-" + x.rule.x }, x.rule.n || "rule " + (x.rule.x + 1)), " decides the owner."));
    var cont = x.matched.filter(function (r) { return r !== x.rule; });
    if (cont.length) s.appendChild(el("p", {}, "Also matched, and went on: ", join(cont.map(function (r) { return el("a", { href: root + "matrix.html#rule-" + r.x }, r.n || "rule " + (r.x + 1)); }), "; "), "."));

    var act = el("p", { "class": "triage-actions screen-only" });
    // One button per brief the rules name, the deciding rule's first.
    x.briefs.forEach(function (b, i) {
      if (i) act.appendChild(document.createTextNode(" "));
      act.appendChild(el("a", { "class": i ? "button secondary" : "button", id: i ? "triage-brief-" + (i + 1) : "triage-brief", href: briefLink(x, b) }, "Write the brief: " + d.briefs[b][1]));
    });
    var pr = el("button", { type: "button", "class": "button secondary", id: "triage-print" }, "Print the decision");
    pr.addEventListener("click", function () { window.print(); });
    act.appendChild(document.createTextNode(" "));
    act.appendChild(pr);
    out.appendChild(act);
    timer = setInterval(function () {
      Array.prototype.forEach.call(out.querySelectorAll("[data-due]"), function (c) { c.textContent = countdown(Number(c.getAttribute("data-due"))); });
    }, 15000);
  }

  // update renders and records the answers in the URL: a new history entry for each
  // choice, and one for what is typed into a box, however many keys it took.
  var typing = false;
  function update(typed) {
    render();
    var h = hash();
    if (h !== location.hash) {
      shown = h;
      if (typed && typing) history.replaceState(null, "", h); else history.pushState(null, "", h);
    }
    typing = typed;
  }
  form.addEventListener("change", function (e) { if (e.target.type !== "text") update(false); else typing = false; });
  form.addEventListener("input", function (e) { if (e.target.type === "text") update(true); });
  form.addEventListener("submit", function (e) { e.preventDefault(); });
  form.addEventListener("reset", function (e) {
    e.preventDefault();
    answers = {};
    at = minute(Date.now() / 1000);
    write();
    update(false);
  });
  document.getElementById("triage-at-now").addEventListener("click", function () {
    at = minute(Date.now() / 1000);
    atInput.value = localInput(at);
    update(false);
  });
  function back() {
    typing = false;
    if (location.hash !== shown) { shown = location.hash; restore(); render(); }
  }
  window.addEventListener("popstate", back);
  window.addEventListener("hashchange", back);

  // Keyboard: a number key picks that answer of the question in focus; Enter goes to
  // the next question, and from the last one to the decision.
  var qs = Array.prototype.slice.call(form.querySelectorAll(".triage-q"));
  function focusQ(i) {
    if (i >= qs.length) {
      var b = document.getElementById("triage-brief") || document.getElementById("triage-decision");
      b.focus();
      return;
    }
    var c = qs[i].querySelector("input:checked") || qs[i].querySelector("input");
    c.focus();
  }
  form.addEventListener("keydown", function (e) {
    var q = e.target.closest && e.target.closest(".triage-q");
    if (!q || e.ctrlKey || e.metaKey || e.altKey) return;
    var i = qs.indexOf(q);
    if (e.key === "Enter" && e.target.tagName === "INPUT") {
      e.preventDefault();
      focusQ(i + 1);
    } else if (/^[1-9]$/.test(e.key) && e.target.type === "radio") {
      var r = q.querySelectorAll("input[type=radio]")[Number(e.key) - 1];
      if (!r) return;
      e.preventDefault();
      r.checked = true;
      r.focus();
      update(false);
    }
  });

  // The bar that leads to the decision goes while the decision is in view.
  if (window.IntersectionObserver) {
    new IntersectionObserver(function (es) { document.body.classList.toggle("triage-seen", es[0].isIntersecting); })
      .observe(document.getElementById("triage-decision"));
  }
  var linked = location.hash.length > 1;
  if (linked) { shown = location.hash; restore(); } else write();
  // A decision opened from a link is what the reader came for: on a narrow screen,
  // where it is below the questions, go to it.
  var first = render();
  if (first) {
    // A security route's call to escalate now comes first, wherever the decision is.
    var dec = document.getElementById("triage-decision");
    if (linked && !first.immediate && dec.getBoundingClientRect().top > window.innerHeight) dec.scrollIntoView();
  } else focusQ(0); // keyboard-first: the first question is where one starts
  window.escalatorTriage = { render: render, model: m };
})();
