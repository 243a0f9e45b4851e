// Escalator search: answers in the search box while a responder types, and on the
// search page for ?q=. The index is built by generator/search as script files under
// search/ that call escSearch; they are loaded as <script> elements, which work
// opened from disk, where fetch() of local files is blocked. The tokeniser and the
// stemmer must match generator/search word for word.
(function () {
  "use strict";

  var root = document.body.getAttribute("data-root") || "";
  var parts = {}; // "i0", "t3", "p1" -> the part's data
  var loading = {}; // the same names -> a promise of the part

  // The index's parts register themselves here.
  window.escSearch = function (kind, n, data) { parts[kind + n] = data; };

  // stale is what a query throws when the box no longer holds it, and missing what
  // it throws when it may only use parts already loaded and needs another.
  var stale = new Error("stale"), missing = new Error("missing");

  // loader gives the load a query uses: opts.current() false stops it before it asks
  // for more parts (those already asked for may arrive); opts.cached uses only the
  // parts loaded already.
  function loader(opts) {
    return function (kind, n) {
      if (opts.current && !opts.current()) return Promise.reject(stale);
      if (opts.cached && parts[kind + n] === undefined) return Promise.reject(missing);
      return load(kind, n);
    };
  }

  function load(kind, n) {
    var name = kind + n;
    if (loading[name]) return loading[name];
    loading[name] = new Promise(function (resolve, reject) {
      var s = document.createElement("script");
      s.src = root + "search/" + (kind === "i" ? "index" : name) + ".js";
      s.onload = function () { resolve(parts[name]); };
      s.onerror = function () { delete loading[name]; reject(new Error("cannot load " + s.src)); };
      document.head.appendChild(s);
    });
    return loading[name];
  }

  // ---- Words: as generator/search's Tokens, IsStopword and Stem.

  var wordChar = /[\p{L}\p{M}\p{N}]/u;
  var wordStart = /[\p{L}\p{N}]/u;
  var stopwords = Object.create(null);
  "a an and are as at be by can do does for from how i if in is it me my of on or our should that the this to was we what when where which who with"
    .split(" ").forEach(function (w) { stopwords[w] = true; stopwords[stem(w)] = true; }); // stems are compared

  // tokens returns the words of s with where each starts and ends.
  function tokens(s) {
    var out = [], cur = "", start = 0, chars = Array.from(s), pos = 0;
    function flush(end) {
      if (cur && utf8Length(cur) <= 40) out.push({ w: cur, start: start, end: end });
      cur = "";
    }
    for (var i = 0; i < chars.length; i++) {
      var c = chars[i];
      if (wordChar.test(c)) {
        if (!cur) start = pos;
        var l = c.toLowerCase();
        cur += l.length > c.length ? String.fromCodePoint(l.codePointAt(0)) : l; // "İ" is "i", as in Go
      } else if ((c === "'" || c === "\u2019") && cur && i + 1 < chars.length && wordStart.test(chars[i + 1])) {
        // joined: "don't", "customer's"
      } else {
        flush(pos);
      }
      pos += c.length;
    }
    flush(pos);
    return out;
  }

  function utf8Length(s) {
    var n = 0;
    for (var i = 0; i < s.length; i++) {
      var c = s.charCodeAt(i);
      if (c < 0x80) n += 1;
      else if (c < 0x800) n += 2;
      else if (c >= 0xd800 && c < 0xdc00) { n += 4; i++; }
      else n += 3;
    }
    return n;
  }

  function isVowel(c) { return "aeiouy".indexOf(c) >= 0; }
  function hasVowel(s) { for (var i = 0; i < s.length; i++) if (isVowel(s[i])) return true; return false; }
  function ends(w, suf) { return w.length >= suf.length && w.slice(w.length - suf.length) === suf; }

  function restore(r) {
    var n = r.length;
    if (ends(r, "at") || ends(r, "bl") || ends(r, "iz")) return r + "e";
    if (r[n - 1] === r[n - 2] && "bdfgmnprt".indexOf(r[n - 1]) >= 0) return r.slice(0, n - 1);
    if ((n === 2 && isVowel(r[0]) && !isVowel(r[1])) ||
        (n === 3 && !isVowel(r[0]) && isVowel(r[1]) && !isVowel(r[2]) && "wxy".indexOf(r[2]) < 0)) return r + "e";
    return r;
  }

  function stem(w) {
    if (w.length <= 3 || !/^[a-z]+$/.test(w)) return w;
    if (ends(w, "sses")) w = w.slice(0, -2);
    else if (ends(w, "ies") || ends(w, "ied")) w = w.length > 4 ? w.slice(0, -3) + "y" : w.slice(0, -1);
    else if (w[w.length - 1] === "s" && !ends(w, "ss") && !ends(w, "us") && !ends(w, "is") && hasVowel(w.slice(0, -2))) w = w.slice(0, -1);
    if (!ends(w, "eed") && !ends(w, "eedly")) {
      var sufs = ["ingly", "edly", "ing", "ed"];
      for (var i = 0; i < sufs.length; i++) {
        if (ends(w, sufs[i])) {
          var r = w.slice(0, w.length - sufs[i].length);
          if (r.length >= 2 && hasVowel(r)) w = restore(r);
          break;
        }
      }
    }
    if (w.length > 7 && ends(w, "ation")) w = w.slice(0, -5) + "ate";
    if (w.length > 4 && w[w.length - 1] === "e" && w[w.length - 2] !== "e") w = w.slice(0, -1);
    return w;
  }

  // ---- Queries.

  // own reads a key of parsed data, never one of Object.prototype's ("constructor").
  function own(o, k) { return Object.prototype.hasOwnProperty.call(o, k) ? o[k] : undefined; }

  // parse turns a query into terms to find. Each term has its alternatives, each a
  // term of the index with a factor: 1 for the word itself or its synonyms, less for
  // the words it is a prefix of (the word being typed) or one typo away from.
  function parse(q, idx) {
    var toks = tokens(q);
    var typing = toks.length > 0 && toks[toks.length - 1].end === q.length; // no space after the last word
    var stems = toks.map(function (t) { return stem(t.w); });
    var terms = [];
    for (var i = 0; i < toks.length; i++) {
      var last = i === toks.length - 1;
      var group = -1, n = 1;
      for (var k = Math.min(idx.max, toks.length - i); k >= 1; k--) {
        var g = own(idx.syn, stems.slice(i, i + k).join(" "));
        if (g !== undefined) { group = g; n = k; break; }
      }
      if (group >= 0) {
        var t = { alts: Object.create(null) };
        t.alts["~" + group] = 1;
        if (n === 1) t.alts[stems[i]] = 1;
        if (n === 1 && last && typing) t.prefix = toks[i].w;
        terms.push(t);
        i += n - 1;
        continue;
      }
      if (stopwords[stems[i]] && !(last && typing)) continue;
      var term = { alts: Object.create(null) };
      term.alts[stems[i]] = 1;
      if (last && typing) term.prefix = toks[i].w;
      if (toks[i].w.length >= 4) term.typo = stems[i];
      terms.push(term);
    }
    return terms;
  }

  // partOf returns the number of the term part that holds term, or -1.
  function partOf(idx, term) {
    var best = -1, len = -1;
    for (var i = 0; i < idx.keys.length; i++) {
      var k = idx.keys[i];
      if (k.length > len && term.slice(0, k.length) === k) { best = i; len = k.length; }
    }
    return best;
  }

  // prefixParts lists the parts that may hold terms starting with p: a few at most.
  function prefixParts(idx, p) {
    var out = [], own = partOf(idx, p);
    if (own >= 0) out.push(own);
    for (var i = 0; i < idx.keys.length; i++) {
      if (i !== own && idx.keys[i].slice(0, p.length) === p) out.push(i);
    }
    return out.length > 6 ? out.slice(0, own >= 0 ? 1 : 6) : out;
  }

  // oneEdit reports whether a and b differ by one insertion, deletion, substitution or
  // swap of neighbours.
  function oneEdit(a, b) {
    var la = a.length, lb = b.length;
    if (Math.abs(la - lb) > 1 || a === b) return false;
    var i = 0;
    while (i < la && i < lb && a[i] === b[i]) i++;
    if (la === lb) {
      if (a.slice(i + 1) === b.slice(i + 1)) return true;
      return i + 1 < la && a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
    }
    return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
  }

  // typoParts lists the term parts that may hold the words one edit from w. The parts
  // are split by the first letters of their words, so a typo there can send w to
  // another part: the parts of w with one of those letters dropped, or two of them
  // swapped, are searched too. (A wrong first letter is not: that would be every part.)
  function typoParts(idx, w) {
    var seen = {}, out = [], keyLen = 1;
    idx.keys.forEach(function (k) { keyLen = Math.max(keyLen, k.length); });
    function add(v) { var n = partOf(idx, v); if (n >= 0 && !seen[n]) { seen[n] = true; out.push(n); } }
    add(w);
    for (var i = 0; i <= keyLen && i < w.length; i++) {
      add(w.slice(0, i) + w.slice(i + 1));
      if (i + 1 < w.length) add(w.slice(0, i) + w[i + 1] + w[i] + w.slice(i + 2));
    }
    return out;
  }

  // expand adds to each term the index terms its prefix and typos reach, from loaded
  // parts.
  function expand(terms, idx) {
    terms.forEach(function (t) {
      if (t.prefix && t.prefix.length >= 2) {
        var found = [];
        prefixParts(idx, t.prefix).forEach(function (n) {
          var part = parts["t" + n] || {};
          for (var term in part) {
            if (term[0] === "~") continue;
            var f = 0;
            if (term.slice(0, t.prefix.length) === t.prefix) f = 0.6 + 0.3 * t.prefix.length / term.length;
            // The word typed runs past its stem: "escalati" for "escalat".
            else if (term.length >= 4 && t.prefix.length - term.length <= 3 && t.prefix.slice(0, term.length) === term) f = 0.8;
            if (f) found.push([term, f, part[term][0]]);
          }
        });
        found.sort(function (a, b) { return b[2] - a[2] || (a[0] < b[0] ? -1 : 1); });
        found.slice(0, 30).forEach(function (x) { if (!(t.alts[x[0]] >= x[1])) t.alts[x[0]] = x[1]; });
      }
      if (t.typo) {
        typoParts(idx, t.typo).forEach(function (n) {
          var part = parts["t" + n] || {};
          for (var term in part) {
            if (term.length >= 4 && oneEdit(t.typo, term) && !(t.alts[term] >= 0.5)) t.alts[term] = 0.5;
          }
        });
      }
    });
  }

  // need lists the term parts a parsed query needs.
  function need(terms, idx) {
    var set = {};
    terms.forEach(function (t) {
      for (var a in t.alts) { var n = partOf(idx, a); if (n >= 0) set[n] = true; }
      if (t.prefix && t.prefix.length >= 2) prefixParts(idx, t.prefix).forEach(function (n) { set[n] = true; });
    });
    return Object.keys(set).map(Number).sort(function (a, b) { return a - b; });
  }

  // rank scores pages: for each query term, the best of its alternatives in any of the
  // page's sections, times the term's rarity; pages that match more of the query's
  // terms come first. The section a result links to is the one that matched best.
  function rank(terms, idx) {
    var pages = {};
    terms.forEach(function (t, ti) {
      for (var a in t.alts) {
        var n = partOf(idx, a);
        var post = n >= 0 && parts["t" + n] ? own(parts["t" + n], a) : null;
        if (!post) continue;
        var idf = Math.log(1 + idx.n / post[0]), f = t.alts[a] * idf, page = 0;
        for (var i = 1; i < post.length; i += 3) {
          page += post[i];
          var sec = post[i + 1], s = post[i + 2] * f;
          var p = pages[page];
          if (!p) p = pages[page] = { page: page, best: [], secs: {} };
          if (!(p.best[ti] >= s)) p.best[ti] = s;
          var ss = p.secs[sec] || (p.secs[sec] = []);
          if (!(ss[ti] >= s)) ss[ti] = s;
        }
      }
    });
    var out = [];
    for (var k in pages) {
      var p = pages[k], score = 0, matched = 0;
      for (var ti = 0; ti < terms.length; ti++) if (p.best[ti]) { score += p.best[ti]; matched++; }
      var cover = matched / terms.length;
      p.score = score * cover * cover;
      var bestSec = 0, bestScore = -1;
      for (var sec in p.secs) {
        var sum = 0;
        p.secs[sec].forEach(function (v) { if (v) sum += v; });
        if (Number(sec) === 0) sum *= 0.9; // a heading that matches beats the top of the page
        if (sum > bestScore || (sum === bestScore && Number(sec) < bestSec)) { bestScore = sum; bestSec = Number(sec); }
      }
      p.section = bestSec;
      out.push(p);
    }
    out.sort(function (a, b) { return b.score - a.score || a.page - b.page; });
    return out;
  }

  // titleWindow is how many of the best pages are ranked again by their titles.
  var titleWindow = 20;

  // inTitle reports whether every term of the query is in title: the word itself, a
  // word of its synonym group, or the word being typed; a typo's correction counts
  // only when floor allows it (alternatives weigh 0.8 and more, typos less).
  function inTitle(terms, title, idx, floor) {
    var words = Object.create(null), toks = tokens(title);
    toks.forEach(function (t) { words[stem(t.w)] = true; });
    // Synonym groups the title's words and phrases belong to.
    var stems = toks.map(function (t) { return stem(t.w); });
    for (var i = 0; i < stems.length; i++) {
      for (var k = 1; k <= idx.max && i + k <= stems.length; k++) {
        var g = own(idx.syn, stems.slice(i, i + k).join(" "));
        if (g !== undefined) words["~" + g] = true;
      }
    }
    return terms.length > 0 && terms.every(function (t) {
      for (var a in t.alts) if (t.alts[a] >= floor && words[a]) return true;
      return false;
    });
  }

  // titleShare is the share of title's words that the query's terms name: of two
  // titles that hold the query, the one it says more of is the closer match.
  function titleShare(terms, title, floor) {
    var toks = tokens(title), hit = 0;
    toks.forEach(function (t) {
      var w = stem(t.w);
      if (terms.some(function (q) { return q.alts[w] >= floor; })) hit++;
    });
    return toks.length ? hit / toks.length : 0;
  }

  // marker tells the words to mark in snippets: the index terms found, the synonyms'
  // words, the prefix typed.
  function marker(terms, idx) {
    var stems = Object.create(null), groups = Object.create(null), prefixes = [];
    terms.forEach(function (t) {
      for (var a in t.alts) { if (a[0] === "~") groups[a.slice(1)] = true; else stems[a] = true; }
      if (t.prefix) prefixes.push(t.prefix);
    });
    for (var phrase in idx.syn) if (groups[idx.syn[phrase]] && phrase.indexOf(" ") < 0) stems[phrase] = true;
    return function (w) {
      if (stems[stem(w)]) return true;
      for (var i = 0; i < prefixes.length; i++) if (w.slice(0, prefixes[i].length) === prefixes[i]) return true;
      return false;
    };
  }

  // query answers q with up to limit results: {url, title, kind, heading, snippet,
  // marks}, url relative to the site's root.
  function query(q, limit, opts) {
    var load = loader(opts || {});
    return load("i", 0).then(function (idx) {
      var terms = parse(q, idx);
      if (!terms.length) return [];
      var ps = need(terms, idx);
      return Promise.all(ps.map(function (n) { return load("t", n); })).then(function () {
        // A word the index does not have may be a typo whose neighbours sit in other
        // parts: load those too, only then.
        var more = [];
        terms.forEach(function (t) {
          var n = t.typo ? partOf(idx, t.typo) : -1;
          if (t.typo && !(n >= 0 && own(parts["t" + n] || {}, t.typo))) more = more.concat(typoParts(idx, t.typo));
        });
        return Promise.all(more.map(function (n) { return load("t", n); }));
      }).then(function () {
        if (opts && opts.current && !opts.current()) throw stale;
        // What a prefix or a typo reaches is in parts loaded now.
        expand(terms, idx);
        var ranked = rank(terms, idx);
        // Pages far behind the best are noise: a word of the query in passing.
        // The leaders are looked at again with their titles: a page whose title holds
        // every word of the query comes first.
        ranked = ranked.filter(function (r) { return r.score >= ranked[0].score * 0.1; }).slice(0, Math.max(limit, titleWindow));
        var chunks = {};
        ranked.forEach(function (r) { chunks[Math.floor(r.page / idx.per)] = true; });
        return Promise.all(Object.keys(chunks).map(function (c) { return load("p", c); })).then(function () {
          // A page whose title holds the query doubles, and more the more of the title
          // the query is. Typos' corrections count only when no title holds the words
          // as typed: an exact word beats a typo.
          var title = function (r) { var c = Math.floor(r.page / idx.per); return parts["p" + c][r.page - c * idx.per][1]; };
          var floor = ranked.some(function (r) { return inTitle(terms, title(r), idx, 0.8); }) ? 0.8 : 0;
          ranked.forEach(function (r) {
            var t = title(r);
            if (inTitle(terms, t, idx, floor)) r.score *= 2 + titleShare(terms, t, floor);
          });
          ranked.sort(function (a, b) { return b.score - a.score || a.page - b.page; });
          ranked = ranked.slice(0, limit);
          // Sections and snippets only of the pages shown.
          var sparts = {};
          ranked.forEach(function (r) { sparts[Math.floor(r.page / idx.sper)] = true; });
          return Promise.all(Object.keys(sparts).map(function (c) { return load("s", c); }));
        }).then(function () {
          var mark = marker(terms, idx);
          return ranked.map(function (r) {
            var c = Math.floor(r.page / idx.per), sc = Math.floor(r.page / idx.sper);
            var pg = parts["p" + c][r.page - c * idx.per];
            var secs = parts["s" + sc][r.page - sc * idx.sper];
            var sec = secs[r.section] || ["", "", ""];
            var snip = sec[2] || (secs[0] ? secs[0][2] : "");
            return {
              url: pg[0] + (sec[0] ? "#" + sec[0] : ""), title: pg[1], kind: pg[2], heading: sec[1],
              snippet: snip, marks: tokens(snip).filter(function (t) { return mark(t.w); }),
              score: r.score
            };
          });
        });
      });
    });
  }

  // Tests and benchmarks drive the same engine.
  window.escalatorSearch = { query: query, tokens: tokens, stem: stem, oneEdit: oneEdit };

  // ---- Showing results.

  // snippetNode writes text with the marked words in <mark>.
  function snippetNode(el, r) {
    var at = 0;
    r.marks.forEach(function (m) {
      if (m.start < at) return;
      el.appendChild(document.createTextNode(r.snippet.slice(at, m.start)));
      var mk = document.createElement("mark");
      mk.textContent = r.snippet.slice(m.start, m.end);
      el.appendChild(mk);
      at = m.end;
    });
    el.appendChild(document.createTextNode(r.snippet.slice(at)));
  }

  function span(cls, text) {
    var s = document.createElement("span");
    s.className = cls;
    s.textContent = text;
    return s;
  }

  function fill(el, r) {
    el.appendChild(span("hit-kind", r.kind));
    el.appendChild(span("hit-title", r.title));
    if (r.heading) el.appendChild(span("hit-section", r.heading));
    if (r.snippet) {
      var s = span("hit-snippet", "");
      snippetNode(s, r);
      el.appendChild(s);
    }
  }

  var box = document.getElementById("q");
  var form = box && box.form;

  // The search page: results for ?q=, above the list of every page.
  var results = document.getElementById("search-results");
  if (results && document.body.classList.contains("kind-search")) {
    var q = new URLSearchParams(window.location.search).get("q") || "";
    if (box) box.value = q;
    if (q.trim()) {
      query(q, 50).then(function (rs) {
        var h = document.createElement("h2");
        h.textContent = rs.length ? "Results for “" + q + "”" : "Nothing found for “" + q + "”";
        results.appendChild(h);
        var ol = document.createElement("ol");
        ol.className = "search-results";
        rs.forEach(function (r) {
          var li = document.createElement("li");
          var a = document.createElement("a");
          a.href = root + r.url;
          fill(a, r);
          li.appendChild(a);
          ol.appendChild(li);
        });
        results.appendChild(ol);
      }, function () {
        results.textContent = "The search index could not be loaded; every page is listed below.";
      });
    }
  }

  if (!box || !form) return;

  // The box becomes a combobox with a listbox of results under it.
  var popup = document.createElement("div");
  popup.className = "search-list";
  popup.hidden = true;
  // The list scrolls, and Chromium makes a scroller a tab stop: Tab would land on it
  // as it closes, and focus would fall to the body.
  popup.tabIndex = -1;
  var list = document.createElement("div");
  list.id = "search-list";
  list.setAttribute("role", "listbox");
  list.setAttribute("aria-label", "Search results");
  var none = span("search-none", "");
  var more = document.createElement("a");
  more.className = "search-all";
  more.tabIndex = -1;
  more.href = root + "search.html";
  more.textContent = "All results";
  popup.appendChild(list);
  popup.appendChild(none);
  popup.appendChild(more);
  var status = document.createElement("p");
  status.className = "visually-hidden";
  status.setAttribute("role", "status");
  form.appendChild(popup);
  form.appendChild(status);
  box.setAttribute("role", "combobox");
  box.setAttribute("aria-autocomplete", "list");
  box.setAttribute("aria-controls", "search-list");
  box.setAttribute("aria-expanded", "false");

  var active = -1, seq = 0, shown = 0;

  function options() { return list.querySelectorAll("[role=option]"); }

  function close() {
    popup.hidden = true;
    box.setAttribute("aria-expanded", "false");
    box.removeAttribute("aria-activedescendant");
    active = -1;
  }

  function select(i) {
    var os = options();
    if (!os.length) return;
    if (active >= 0 && os[active]) os[active].setAttribute("aria-selected", "false");
    active = (i + os.length) % os.length;
    os[active].setAttribute("aria-selected", "true");
    box.setAttribute("aria-activedescendant", os[active].id);
    os[active].scrollIntoView({ block: "nearest" });
  }

  function show(rs, q) {
    list.textContent = "";
    active = -1;
    box.removeAttribute("aria-activedescendant");
    rs.forEach(function (r, i) {
      var a = document.createElement("a");
      a.id = "search-hit-" + i;
      a.href = root + r.url;
      a.className = "search-hit";
      a.setAttribute("role", "option");
      a.setAttribute("aria-selected", "false");
      a.tabIndex = -1;
      fill(a, r);
      list.appendChild(a);
    });
    list.hidden = !rs.length; // an empty listbox is not allowed
    none.hidden = rs.length > 0;
    none.textContent = "Nothing found for “" + q + "”.";
    more.href = root + "search.html?q=" + encodeURIComponent(q);
    popup.hidden = false;
    box.setAttribute("aria-expanded", "true");
    shown = rs.length;
    status.textContent = rs.length ? rs.length + (rs.length === 1 ? " result" : " results") + ": arrow keys to choose, Enter to open" : "Nothing found";
  }

  // typingPause is how long the box must stay unchanged before a query loads parts:
  // longer than the gap between two keys of someone typing, so the words on the way
  // to the query cost nothing. A query the loaded parts answer is shown at once.
  var typingPause = 120, timer = 0;

  function run() {
    var q = box.value;
    var my = ++seq;
    var current = function () { return my === seq; };
    clearTimeout(timer);
    if (!q.trim()) { close(); status.textContent = ""; return; }
    var answer = function (rs) {
      if (current() && document.activeElement === box) show(rs, q);
    };
    query(q, 8, { current: current, cached: true }).then(answer, function (err) {
      if (err !== missing || !current()) return;
      timer = setTimeout(function () {
        query(q, 8, { current: current }).then(answer, function (err) {
          if (err !== stale && current()) status.textContent = err.message;
        });
      }, typingPause);
    });
  }

  box.addEventListener("input", run);
  box.addEventListener("focus", function () {
    load("i", 0).catch(function () {}); // ready before the first key
    if (box.value.trim() && popup.hidden && !document.body.classList.contains("kind-search")) run();
  });
  box.addEventListener("keydown", function (e) {
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      if (popup.hidden) { run(); return; }
      e.preventDefault();
      if (shown) select(active + (e.key === "ArrowDown" ? 1 : -1) + (active < 0 && e.key === "ArrowUp" ? 1 : 0));
    } else if (e.key === "Enter" && !popup.hidden && active >= 0) {
      e.preventDefault();
      window.location.href = options()[active].href;
    } else if (e.key === "Escape" && !popup.hidden) {
      e.preventDefault();
      close();
    } else if (e.key === "Tab") {
      close(); // before the browser moves focus, so it goes on past the list
    }
  });
  // Enter with no result chosen shows every result on the search page. The form's own
  // submission would be refused by the page's Content-Security-Policy under file://.
  if (box.form) {
    box.form.addEventListener("submit", function (e) {
      e.preventDefault();
      if (box.value.trim()) window.location.href = root + "search.html?q=" + encodeURIComponent(box.value.trim());
    });
  }
  // A click in the list must not blur the box first.
  popup.addEventListener("mousedown", function (e) { e.preventDefault(); });
  box.addEventListener("blur", close);
})();
