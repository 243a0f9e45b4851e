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
    for (var ri = 0; ri < d.routes.length; ri++) {
      var r = d.routes[ri];
      if (!(r.w || []).every(function (c) { return holds(d, c, vals, set); })) continue;
      x.matched.push(r);
      if (!r.c) break;
    }
    var add = function (list, t) { if (t >= 0 && list.indexOf(t) < 0) list.push(t); };
    x.matched.forEach(function (r) {
      if (r.s >= 0 && (sev < 0 || d.sevs[r.s].rank < d.sevs[sev].rank)) { sev = r.s; x.raisedBy = r; }
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
    x.brief = -1;
    x.matched.forEach(function (r) { if (r.b >= 0 && (x.brief < 0 || r === x.rule)) x.brief = r.b; });
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
      x.runbooks.map(function (i) { return d.runbooks[i].id; }), x.brief >= 0 ? d.briefs[x.brief][0] : "",
      x.roles.map(function (i) { return d.roles[i][0]; }), x.at,
      x.deadlines.map(function (dl) { return [dl.timer[0], dl.timer[1], dl.at]; }),
      x.handoffs.map(function (h) {
        var t = d.teams[h.team];
        return [t.id, h.round, h.level, h.name, h.after, h.at, h.while,
          h.members.map(function (i) { return t.m[i][0]; }), h.channels.map(function (i) { return t.ch[i][0]; }),
          tids(h.teams), tids(h.off), h.schedules.map(function (i) { return t.sc[i].id; }), h.offset, h.oncall.map(occ)];
      }),
      x.handover ? [x.handover.at, tid(x.handover.from), tid(x.handover.to)] : null];
  }

  window.escalatorRoute = { load: load, route: route, canon: canon, parse: parse };
})();
