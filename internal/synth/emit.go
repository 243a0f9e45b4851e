package synth

import (
	"math/rand/v2"
	"runtime"
	"strconv"
	"strings"
)

func (g *gen) playbook() {
	var w buf
	w.s("title: Synthetic incident escalation playbook\n")
	w.s("organisation: Example Corp\n")
	w.s("time_zone: Europe/London\n")
	w.s("review_interval: 180d\n")
	w.s("base_url: https://escalation.example.com/\n")
	w.s("description: A generated playbook for tests and benchmarks. Every team, route and runbook is fictional.\n")
	w.s("synonyms:\n")
	for _, l := range [][]string{
		{"sev1", "critical", "p1"}, {"sev2", "major", "p2"}, {"db", "database", "postgres"},
		{"on-call", "oncall", "pager"}, {"outage", "down", "unavailable"},
		{"latency", "slow", "timeout"},
	} {
		w.s("  - [")
		for k, s := range l {
			if k > 0 {
				w.s(", ")
			}
			w.q(s)
		}
		w.s("]\n")
	}
	w.s("raw_html: false\n")
	g.add("playbook.yaml", &w)
}

// sevLevel holds the timers of the first four tiers; later tiers stretch the last.
var sevLevel = [4]struct {
	name, desc, color string
	sla               [5]string
	updates           [2]string
	criteria, actions []string
}{
	{"Critical", "The product is down or data is at risk for many customers.", "red",
		[5]string{"5m", "15m", "1h", "4h", "5d"}, [2]string{"30m", "1h"},
		[]string{"Checkout, login or payouts fail for more than 5% of customers", "Any confirmed data exposure"},
		[]string{"Page the owning team and the incident commander", "Open a war room", "Notify leadership"}},
	{"Major", "A core feature is badly degraded or down for some customers.", "orange",
		[5]string{"15m", "30m", "4h", "1d", "10d"}, [2]string{"1h", "2h"},
		[]string{"A core feature is unavailable for a region or a customer segment", "Error rate above 2% for 10 minutes"},
		[]string{"Page the owning team", "Post on the status page"}},
	{"Minor", "A feature is degraded with a workaround.", "yellow",
		[5]string{"1h", "4h", "1d", "5d", "4w"}, [2]string{"4h", "1d"},
		[]string{"A non-core feature fails", "Performance is worse than the SLO with a workaround"},
		[]string{"Open a ticket for the owning team"}},
	{"Low", "Cosmetic problems and questions.", "blue",
		[5]string{"4h", "1d", "5d", "4w", "8w"}, [2]string{"1d", "5d"},
		[]string{"Cosmetic defects", "Single-customer questions"},
		[]string{"Handle in business hours"}},
}

var slaKeys = [5]string{"acknowledge", "triage", "contain", "resolve", "root_cause"}

func (g *gen) matrix() {
	var w buf
	w.b = make([]byte, 0, 4096+len(g.rules)*256)
	w.kv(0, "owner", g.teams[teamLeadership].id)
	w.kv(0, "last_reviewed", reviewed)

	w.s("severities:\n")
	R := len(g.roleIDs)
	for k, id := range g.sevIDs {
		l := sevLevel[min(k, 3)]
		name, color := l.name, l.color
		sla, upd := l.sla, l.updates
		if k > 3 {
			name, color = "Tier "+strconv.Itoa(k+1), "grey"
			for t := range sla {
				sla[t] += strconv.Itoa(k-3) + "w"
			}
			upd[0] += strconv.Itoa(k-3) + "d"
			upd[1] += strconv.Itoa(k-3) + "d"
		}
		w.kv(2, "- id", id)
		w.kv(4, "name", name)
		w.kv(4, "description", l.desc)
		w.list(4, "criteria", l.criteria)
		w.s("    sla:\n")
		for t, key := range slaKeys {
			w.kv(6, key, sla[t])
		}
		w.s("    updates:\n")
		w.kv(6, "internal", upd[0])
		w.kv(6, "customer", upd[1])
		// sev1 needs every role, sev2 three, sev3 one: every role is staffed somewhere.
		roles := [4]int{R, min(3, R), min(1, R), 0}[min(k, 3)]
		w.flow(4, "roles", g.roleIDs[:roles])
		w.list(4, "actions", l.actions)
		w.kv(4, "color", color)
	}

	w.s("domains:\n")
	for _, d := range g.domains {
		w.kv(2, "- id", d.id)
		w.kv(4, "name", d.name)
		w.kv(4, "description", "Everything customers see of "+d.name+", and the services behind it.")
		w.kv(4, "owner", g.teams[d.owner].id)
		if d.stage != "" {
			w.kv(4, "stage", d.stage)
		}
		if len(d.vendors) > 0 {
			w.ind(4).s("vendors: [")
			for k, v := range d.vendors {
				if k > 0 {
					w.s(", ")
				}
				w.s(g.vendorIDs[v])
			}
			w.s("]\n")
		}
	}

	w.s(`facts:
  - id: domain
    question: Which part of the product is affected?
    type: choice
    from: domains
  - id: severity
    question: How bad is it?
    type: choice
    from: severities
    required: true
    help: Use the criteria of each severity; when in doubt pick the more severe.
  - id: security
    question: Is there any sign of a security breach or data exposure?
    type: bool
  - id: customers
    question: About how many customers are affected?
    type: number
  - id: category
    question: What kind of problem is it?
    type: choice
    options: [`)
	for k, o := range categories {
		if k > 0 {
			w.s(", ")
		}
		w.s(o)
	}
	w.s("]\n")

	w.s("routes:\n")
	for k := range g.rules {
		g.writeRule(&w, &g.rules[k])
	}

	w.s("tests:\n")
	for _, t := range g.tests() {
		d := route(g.rules, t.given, g.sevIDs)
		w.kv(2, "- name", t.name)
		w.s("    given: {")
		for k, v := range t.given {
			if k > 0 {
				w.s(", ")
			}
			w.value(v)
		}
		w.s("}\n    expect: {team: ").s(g.teams[d.to].id)
		if d.sev >= 0 {
			w.s(", severity: ").s(g.sevIDs[d.sev])
		}
		// Whether a continue rule's immediate carries over is left open by the format:
		// say immediate only where both readings agree.
		switch {
		case d.immediate:
			w.s(", immediate: true")
		case !d.anyImm:
			w.s(", immediate: false")
		}
		for k, t := range d.notified {
			if k == 0 {
				w.s(", notified: [")
			} else {
				w.s(", ")
			}
			w.s(g.teams[t].id)
			if k == len(d.notified)-1 {
				w.c(']')
			}
		}
		w.s("}\n")
	}
	g.add("matrix.yaml", &w)
}

func (g *gen) writeRule(w *buf, r *rule) {
	w.kv(2, "- name", r.name)
	if len(r.when) > 0 {
		w.s("    when: {")
		for k, c := range r.when {
			if k > 0 {
				w.s(", ")
			}
			w.cond(c)
		}
		w.s("}\n")
	}
	w.kv(4, "to", g.teams[r.to].id)
	if len(r.also) > 0 {
		w.s("    also: [")
		for k, t := range r.also {
			if k > 0 {
				w.s(", ")
			}
			w.s(g.teams[t].id)
		}
		w.s("]\n")
	}
	if r.cont {
		w.s("    continue: true\n")
	}
	if r.sev >= 0 {
		w.kv(4, "severity", g.sevIDs[r.sev])
	}
	if r.immediate {
		w.s("    immediate: true\n")
	}
	w.flow(4, "runbooks", r.runbooks)
	if r.brief != "" {
		w.kv(4, "brief", r.brief)
	}
}

// phone returns a number reserved for fiction in the zone's country, the n-th of its kind.
func phone(zone string, n int) string {
	var w buf
	switch {
	case strings.HasPrefix(zone, "America/"):
		w.s("+1 ").s(usAreas[(n/100)%len(usAreas)]).s(" 555 01").pad(2, n%100)
	case strings.HasPrefix(zone, "Australia/"):
		w.s("+61 2 5550 ").pad(4, n%10000)
	default:
		w.s("+44 ").s(ukBlocks[(n/1000)%len(ukBlocks)]).s(" 0").pad(3, n%1000)
	}
	return string(w.b)
}

func (g *gen) teamFiles() {
	r := g.rng(streamTeamFiles)
	firsts := make([]int, len(firstNames))
	for k := range firsts {
		firsts[k] = k
	}
	phoneN := 0
	type ch struct{ id, kind string }
	rs := g.rng(streamSchedules) // schedules draw apart, so the rest of each file stays as it was
	for i := range g.teams {
		t := &g.teams[i]
		var w buf
		w.b = make([]byte, 0, 2048)
		w.kv(0, "id", t.id)
		w.kv(0, "name", t.name)
		w.kv(0, "kind", t.kind)
		w.kv(0, "description", t.name+" handles incidents routed to it by the matrix.")
		w.kv(0, "last_reviewed", reviewed)
		if t.always {
			w.s("hours: 24x7\n")
		} else {
			w.s("hours:\n")
			w.kv(2, "time_zone", t.zone)
			w.s("  windows:\n")
			switch r.IntN(4) {
			case 0:
				w.s("    - {days: mon-fri, start: \"08:00\", end: \"18:00\"}\n")
			case 1:
				w.s("    - {days: mon-fri, start: \"09:00\", end: \"17:30\"}\n")
			case 2:
				w.s("    - {days: mon-fri, start: \"07:00\", end: \"19:00\"}\n")
				w.s("    - {days: sat, start: \"09:00\", end: \"13:00\"}\n")
			default:
				w.s("    - {days: \"mon,tue,wed,thu\", start: \"08:00\", end: \"18:00\"}\n")
				w.s("    - {days: fri, start: \"08:00\", end: \"16:00\"}\n")
			}
			w.kv(0, "after_hours", g.teams[t.after].id)
		}

		// Channels: chat always, a pager for 24x7 teams, then others up to 2-4 in all.
		want := 2 + r.IntN(3)
		chosen := []bool{true, t.always, false, false, false}
		have := 1
		if t.always {
			have++
		}
		for have < want {
			k := 1 + r.IntN(len(channelKinds)-1)
			if !chosen[k] {
				chosen[k] = true
				have++
			}
		}
		var chans []ch
		w.s("channels:\n")
		for k, kind := range channelKinds {
			if !chosen[k] {
				continue
			}
			id := t.slug + "-" + kind
			chans = append(chans, ch{id, kind})
			w.kv(2, "- id", id)
			w.kv(4, "kind", kind)
			switch kind {
			case "chat":
				w.kv(4, "name", "#"+t.slug+"-incidents")
				w.kv(4, "address", "https://chat.example.com/channels/"+t.slug+"-incidents")
			case "pager":
				w.kv(4, "name", t.name+" pager")
				w.kv(4, "address", "https://pager.example.com/services/"+t.id)
				w.kv(4, "note", "Pages whoever is on call; use it for sev1 and sev2 only.")
			case "email":
				w.kv(4, "name", t.name+" mailbox")
				w.kv(4, "address", "mailto:"+t.slug+"@example.com")
			case "ticket":
				w.kv(4, "name", t.name+" queue")
				w.kv(4, "address", "INC-"+strings.ToUpper(t.slug))
			case "phone":
				w.kv(4, "name", t.name+" hotline")
				w.kv(4, "address", phone(t.zone, phoneN))
				phoneN++
			}
		}

		// Members: distinct first names keep member ids unique within the team.
		nm := 2 + r.IntN(4)
		for k := range nm {
			j := k + r.IntN(len(firsts)-k)
			firsts[k], firsts[j] = firsts[j], firsts[k]
		}
		members := make([]string, nm)
		w.s("members:\n")
		for k := range nm {
			first, last := firstNames[firsts[k]], lastNames[r.IntN(len(lastNames))]
			members[k] = slug(first + " " + last)
			w.kv(2, "- id", members[k])
			w.kv(4, "name", first+" "+last)
			w.kv(4, "role", jobTitles[min(k, len(jobTitles)-1)])
			w.kv(4, "phone", phone(t.zone, phoneN))
			phoneN++
			handle := strings.ToLower(first) + "." + strings.ToLower(last)
			w.kv(4, "email", handle+"@example.com")
			w.kv(4, "chat", "@"+handle)
			w.kv(4, "timezone", t.zone)
		}

		sched := ""
		if !g.c.NoSchedules {
			sched = g.schedules(&w, rs, t, members)
		}

		// Escalation: 2-4 levels at increasing times, own members and channels first,
		// then other teams.
		first := chans[0].id
		if len(chans) > 1 && chans[1].kind == "pager" {
			first = chans[1].id
		}
		w.s("escalation:\n")
		if i%5 == 2 {
			w.kvInt(2, "repeat", 1+r.IntN(2))
		}
		w.s("  levels:\n")
		levels := 2 + r.IntN(3)
		after := 0
		for l := range levels {
			switch l {
			case 0:
				w.kv(4, "- name", "Primary on-call")
			case 1:
				w.kv(4, "- name", "Secondary on-call")
			case 2:
				w.kv(4, "- name", "Team lead")
			default:
				w.kv(4, "- name", "Leadership")
			}
			w.ind(6).s("after: ").i(after).s("m\n")
			// The second level fires at 5m, within the tightest acknowledge SLA (sev1's),
			// as the audit asks of every team that owns cases.
			if l == 0 {
				after = 5
			} else {
				after += 5 * (1 + r.IntN(3))
			}
			switch l {
			case 0:
				w.flow(6, "members", members[:1])
				w.flow(6, "channels", []string{first})
				if sched != "" {
					w.flow(6, "schedules", []string{sched})
				}
			case 1:
				w.flow(6, "members", members[1:2])
				w.flow(6, "channels", []string{chans[0].id})
			case 2:
				w.flow(6, "members", members[min(2, nm-1):][:1])
				if i != teamSRE {
					w.flow(6, "teams", []string{g.teams[teamSRE].id})
				}
			default:
				lead := teamLeadership
				if i == teamLeadership {
					lead = teamSRE
				}
				w.flow(6, "teams", []string{g.teams[lead].id})
				w.s("      while: unresolved\n")
			}
		}
		w.s("dashboards:\n")
		w.kv(2, "- name", t.name+" overview")
		w.kv(4, "url", "https://grafana.example.com/d/"+t.slug)
		g.add("teams/"+t.id+".yaml", &w)
	}
}

// prose appends about n words of ops vocabulary as sentences, in paragraphs.
func prose(w *buf, r *rand.Rand, n int) {
	inSentence, sentence, para := 0, 6+r.IntN(11), 40+r.IntN(50)
	for k := range n {
		word := vocab[r.IntN(len(vocab))]
		if inSentence == 0 {
			w.c(word[0] - ('a' - 'A')).s(word[1:])
		} else {
			w.c(' ').s(word)
		}
		inSentence++
		para--
		switch {
		case inSentence >= sentence || k == n-1:
			w.c('.')
			inSentence, sentence = 0, 6+r.IntN(11)
			if para <= 0 || k == n-1 {
				w.s("\n\n")
				para = 40 + r.IntN(50)
			} else {
				w.c(' ')
			}
		case inSentence > 2 && inSentence < sentence-2 && r.IntN(8) == 0:
			w.c(',')
		}
	}
}

func (g *gen) roleFiles() {
	r := g.rng(streamRoles)
	for k, id := range g.roleIDs {
		t := roleTemplates[k%len(roleTemplates)]
		var w buf
		w.s("---\n")
		w.kv(0, "id", id)
		name := t.name
		if cyc := k / len(roleTemplates); cyc > 0 {
			name += " " + strconv.Itoa(cyc+1)
		}
		w.kv(0, "name", name)
		w.kv(0, "summary", t.summary)
		w.list(0, "actions", t.actions)
		w.kv(0, "handoff", t.handoff)
		w.kv(0, "owner", g.teams[teamLeadership].id)
		w.kv(0, "last_reviewed", reviewed)
		w.s("---\n\n## What the ").s(strings.ToLower(t.name)).s(" does\n\n")
		w.s(t.summary).s("\n\n")
		prose(&w, r, 120)
		w.s("## Handing over\n\n").s(t.handoff).s("\n")
		g.add("roles/"+id+".md", &w)
	}
}

func (g *gen) briefFiles() {
	for k, id := range g.briefIDs {
		t := briefTemplates[k%len(briefTemplates)]
		var w buf
		w.s("---\n")
		w.kv(0, "id", id)
		title := t.title
		if cyc := k / len(briefTemplates); cyc > 0 {
			title += " " + strconv.Itoa(cyc+1)
		}
		w.kv(0, "title", title)
		w.kv(0, "kind", t.kind)
		w.kv(0, "target", t.target)
		if t.immediate {
			w.s("immediate: true\n")
		}
		w.kv(0, "summary", t.summary)
		w.kv(0, "owner", g.teams[teamSRE].id)
		w.kv(0, "last_reviewed", reviewed)
		w.s("sections:\n")
		w.s(`  - id: impact
    title: Impact
    help: Who is affected and how badly, in the customer's words.
    fields:
      - {id: summary, label: What is happening, type: textarea, required: true}
      - {id: customers, label: Customers affected, type: number, help: An estimate is fine.}
      - {id: started-at, label: Started at, type: datetime, required: true}
      - id: severity
        label: Severity
        type: choice
        required: true
        options: [`)
		for k, s := range g.sevIDs {
			if k > 0 {
				w.s(", ")
			}
			w.s(s)
		}
		w.s("]\n")
		if t.kind == "status-update" {
			w.s(`  - id: next
    title: Next update
    fields:
      - {id: next-update, label: Next update at, type: datetime, required: true}
      - {id: workaround, label: Workaround for customers, type: text, placeholder: None yet}
`)
		} else {
			w.s(`  - id: tried
    title: What was tried
    fields:
      - {id: steps, label: Steps to reproduce, type: list}
      - {id: tried, label: What we tried, type: list, required: true}
      - {id: rolled-back, label: Recent change rolled back, type: checkbox}
  - id: needed
    title: What is needed
    help: Say exactly what you need from the receiving team and by when.
    fields:
      - {id: ask, label: What we need, type: textarea, required: true}
      - {id: deadline, label: Needed by, type: datetime}
`)
		}
		w.s("---\n\n## When to use it\n\n").s(t.summary).s(" Fill in every required field; a brief that must be sent back for more detail costs more time than it saves.\n\n")
		w.s("## Tips\n\n- Write for someone who has not seen the incident channel.\n- Paste links, not screenshots, so the reader can search them.\n")
		g.add("briefs/"+id+".md", &w)
	}
}

func (g *gen) vendorFiles() {
	for k, id := range g.vendorIDs {
		t := vendorTemplates[k%len(vendorTemplates)]
		name := t.name
		if cyc := k / len(vendorTemplates); cyc > 0 {
			name += " " + strconv.Itoa(cyc+1)
		}
		var w buf
		w.kv(0, "id", id)
		w.kv(0, "name", name)
		w.kv(0, "service", t.service)
		w.kv(0, "owner", g.teams[g.domains[k%len(g.domains)].owner].id)
		w.kv(0, "last_reviewed", reviewed)
		w.s("support:\n")
		w.kv(2, "phone", phone("Europe/London", 9000+k))
		w.kv(2, "email", "support@"+t.domain)
		w.kv(2, "portal", "https://support."+t.domain+"/")
		w.kv(2, "hours", "24x7 for severity 1, business hours otherwise")
		var acct buf
		acct.s("ACC-").pad(5, 10000+k)
		w.kv(2, "account", string(acct.b))
		w.s("sla:\n")
		w.kv(2, "uptime", "99.95%")
		w.kv(2, "response", "1h")
		w.kv(2, "notes", "Credits only when a ticket is opened within 24 hours.")
		w.kv(0, "status_page", "https://status."+t.domain+"/")
		w.kv(0, "fallback", "Fail over to the secondary provider and queue work for replay once "+name+" recovers.")
		g.add("vendors/"+id+".yaml", &w)
	}
}

func (g *gen) pageFiles() {
	r := g.rng(streamPages)
	for k := range g.c.Pages {
		title := pageTitles[k%len(pageTitles)]
		if cyc := k / len(pageTitles); cyc > 0 {
			title += " " + strconv.Itoa(cyc+1)
		}
		id := slug(title)
		var w buf
		w.s("---\n")
		w.kv(0, "id", id)
		w.kv(0, "title", title)
		w.kv(0, "summary", title+" for everyone on call.")
		w.kvInt(0, "order", k+1)
		w.kv(0, "owner", g.teams[teamDesk].id)
		w.kv(0, "last_reviewed", reviewed)
		w.s("---\n\n")
		for _, h := range headings[:3] {
			w.s("## ").s(h).s("\n\n")
			prose(&w, r, 100)
		}
		g.add("pages/"+id+".md", &w)
	}
}

func (g *gen) runbookFiles() {
	out := make([][]byte, len(g.runbooks))
	workers := make([]*rand.PCG, runtime.GOMAXPROCS(0))
	parallel(len(g.runbooks), func(worker, i int) {
		pcg := workers[worker]
		if pcg == nil {
			pcg = rand.NewPCG(0, 0)
			workers[worker] = pcg
		}
		pcg.Seed(g.seed, streamRunbook+uint64(i))
		out[i] = g.runbook(i, rand.New(pcg))
	})
	for i, b := range out {
		g.files = append(g.files, File{"runbooks/" + g.runbooks[i].id + ".md", b})
	}
}

// pick returns n distinct indexes below m in random order.
func pick(r *rand.Rand, idx []int, m, n int) []int {
	idx = idx[:m]
	for k := range idx {
		idx[k] = k
	}
	for k := range n {
		j := k + r.IntN(m-k)
		idx[k], idx[j] = idx[j], idx[k]
	}
	return idx[:n]
}

func (g *gen) runbook(i int, r *rand.Rand) []byte {
	p := &g.runbooks[i]
	d := &g.domains[p.domain]
	var w buf
	w.b = make([]byte, 0, g.c.Words*7+3584)
	var idx [16]int

	w.s("---\n")
	w.kv(0, "id", p.id)
	w.kv(0, "title", p.title)
	w.kv(0, "domain", d.id)
	w.flow(0, "severities", g.sevIDs[p.sevFrom:p.sevTo+1])
	w.kv(0, "owner", g.teams[p.owner].id)
	w.kv(0, "last_reviewed", reviewed)
	w.kv(0, "summary", "Diagnose, contain and fix "+p.topic+" in "+d.name+".")
	w.s("triage:\n")
	for _, k := range pick(r, idx[:], len(triagePool), 2+r.IntN(3)) {
		f := triagePool[k]
		w.kv(2, "- id", f[0])
		w.kv(4, "question", f[1])
		if f[2] != "" {
			w.kv(4, "help", f[2])
		}
	}
	alert := []string{g.teams[teamSRE].id}
	if p.owner != teamDesk {
		alert = append([]string{g.teams[teamDesk].id}, alert...)
	}
	w.flow(0, "alert", alert)
	w.s("dashboards:\n")
	w.kv(2, "- name", d.name+" overview")
	w.kv(4, "url", "https://grafana.example.com/d/"+d.id)
	w.kv(2, "- name", d.name+" "+p.topic)
	w.kv(4, "url", "https://grafana.example.com/d/"+p.id)
	w.kv(0, "containment", "Contained when "+p.topic+" no longer affects new requests to "+d.name+" for fifteen minutes.")
	w.s("checklist:\n")
	for ph, pool := range checklistPools {
		w.ind(2).s(phaseNames[ph]).s(":\n")
		for _, k := range pick(r, idx[:], len(pool), min(len(pool), 3+r.IntN(4))) {
			w.ind(4).s("- ").q(strings.Replace(pool[k], "%s", d.name, 1)).nl()
		}
	}
	if len(d.vendors) > 0 {
		w.ind(0).s("vendors: [")
		for k, v := range d.vendors {
			if k > 0 {
				w.s(", ")
			}
			w.s(g.vendorIDs[v])
		}
		w.s("]\n")
	}
	w.flow(0, "tags", []string{d.id, slug(p.topic)})
	w.s("---\n\n")

	// Body: five sections sharing the word budget, with a list, a bash block, a table and
	// a task list along the way (about fixedWords words of those).
	per := max(10, (g.c.Words-fixedWords)/len(headings))
	for h, title := range headings {
		w.s("## ").s(title).s("\n\n")
		prose(&w, r, per)
		switch h {
		case 1:
			for _, k := range pick(r, idx[:], len(signalRows), 3) {
				w.s("- ").s(signalRows[k][0]).s(" ").s(signalRows[k][1]).nl()
			}
			w.nl()
		case 2:
			w.s("```bash\n# Look at ").s(d.name).s(" first\n")
			for _, k := range pick(r, idx[:], len(commandPool), 4) {
				cmd := commandPool[k]
				for {
					j := strings.Index(cmd, "%s")
					if j < 0 {
						break
					}
					w.s(cmd[:j])
					if strings.HasPrefix(cmd[j-1:], "$") {
						w.s(strings.ToUpper(strings.ReplaceAll(d.id, "-", "_")))
					} else {
						w.s(d.id)
					}
					cmd = cmd[j+2:]
				}
				w.s(cmd).nl()
			}
			w.s("```\n\n")
		case 3:
			w.s("| Signal | Threshold | Action |\n| --- | --- | --- |\n")
			for _, k := range pick(r, idx[:], len(signalRows), 3+r.IntN(3)) {
				row := signalRows[k]
				w.s("| ").s(row[0]).s(" | ").s(row[1]).s(" | ").s(row[2]).s(" |\n")
			}
			w.nl()
		case 4:
			for n, k := range pick(r, idx[:], len(checklistPools[4]), 4) {
				if n == 0 {
					w.s("- [x] ")
				} else {
					w.s("- [ ] ")
				}
				w.s(strings.Replace(checklistPools[4][k], "%s", d.name, 1)).nl()
			}
		}
	}
	return w.b
}

// fixedWords is about how many words a runbook body has besides its prose.
const fixedWords = 160

// schedules writes a team's on-call schedules and returns the id of the one its first
// level pages. An SRE team of three or more runs follow-the-sun like the sample's:
// Sydney underneath, London and New York over it in their office days. Every other
// team has a primary rotation (weekly, daily or 12-hourly, at a random handoff time)
// and a secondary one turn on, some with a Christmas override. Turn counts divide the
// audit's 4 weeks, so no one holds more than half of a schedule's hours (but in the
// weeks around Christmas, where the override adds to one person's).
func (g *gen) schedules(w *buf, r *rand.Rand, t *team, members []string) string {
	nm := len(members)
	start := "2026-0" + strconv.Itoa(1+r.IntN(9)) + "-0" + strconv.Itoa(1+r.IntN(9)) + "T" + [4]string{"00:00", "08:00", "09:00", "09:30"}[r.IntN(4)]
	w.s("schedules:\n")
	if t.kind == "sre" && nm >= 3 {
		w.s("  - id: follow-the-sun\n")
		w.kv(4, "name", t.name+" follow-the-sun")
		w.s("    layers:\n")
		for k, office := range [3]struct{ name, zone, from, to string }{
			{"Sydney", "Australia/Sydney", "", ""}, {"London", "Europe/London", "07:00", "15:00"}, {"New York", "America/New_York", "10:00", "18:00"},
		} {
			var who []string
			for j := k; j < nm; j += 3 {
				who = append(who, members[j])
			}
			w.kv(6, "- name", office.name)
			w.flow(8, "members", who)
			w.s("        shift: weekly\n")
			w.kv(8, "start", start[:10]+"T00:00")
			w.kv(8, "time_zone", office.zone)
			if office.from != "" {
				w.s("        restrict:\n")
				w.s("          - {days: mon-sun, start: \"").s(office.from).s("\", end: \"").s(office.to).s("\"}\n")
			}
		}
		return "follow-the-sun"
	}
	shift, length := "weekly", 1
	switch r.IntN(5) {
	case 0:
		shift, length = "daily", 1+r.IntN(2)
	case 1:
		shift, length = "hourly", 12
	case 2:
		length = 2
	}
	rotation := func(id, name string, who []string) {
		w.kv(2, "- id", id)
		w.kv(4, "name", t.name+" "+name)
		w.s("    layers:\n")
		w.kv(6, "- name", "Rotation")
		w.flow(8, "members", who)
		w.kv(8, "shift", shift)
		w.kvInt(8, "length", length)
		w.kv(8, "start", start)
	}
	// Christmas cover in both schedules, by two different people, so nobody holds both.
	cover := nm >= 3 && r.IntN(3) == 0
	override := func(who string) {
		if cover {
			w.s("    overrides:\n")
			w.s("      - {from: \"2026-12-24T18:00\", until: \"2026-12-27T09:00\", member: ").s(who).s(", note: Christmas cover}\n")
		}
	}
	rotation("primary", "primary on-call", members)
	override(members[nm-1])
	rotation("secondary", "secondary on-call", append(append([]string(nil), members[1:]...), members[0]))
	override(members[0])
	return "primary"
}
