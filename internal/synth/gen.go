package synth

import (
	"math/rand/v2"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// reviewed is every document's last_reviewed: recent, so the audit stays quiet.
const reviewed = "2026-10-01"

// Random streams: each part of the playbook draws from its own PCG stream, so growing one
// count disturbs as little else as possible (more runbooks leave every team file as it
// was; only matrix.yaml's runbook lists and the new files change).
const (
	streamTeams uint64 = iota + 1
	streamTeamFiles
	streamDomains
	streamRunbookPlan
	streamRoles
	streamPages
	streamSchedules
	streamRunbook = 1 << 32 // + runbook index
)

// Indexes of the teams every playbook has.
const (
	teamDesk = iota
	teamSRE
	teamSecurity
	teamLeadership
	teamComms
	teamCustomer
	specialTeams
)

type team struct {
	id, name, slug, kind, zone string
	always                     bool
	after                      int // after_hours team, -1 for 24x7
}

type domain struct {
	id, name string
	owner    int
	stage    string
	vendors  []int
}

type runbookPlan struct {
	id, title, topic string
	domain, owner    int
	sevFrom, sevTo   int // inclusive range of severity indexes
}

type gen struct {
	c           Config
	seed        uint64
	teams       []team
	domains     []domain
	sevIDs      []string
	roleIDs     []string
	briefIDs    []string
	vendorIDs   []string
	runbooks    []runbookPlan
	domRunbooks [][]int
	rules       []rule
	files       []File
}

func (g *gen) rng(stream uint64) *rand.Rand {
	return rand.New(rand.NewPCG(g.seed, stream))
}

func (g *gen) add(path string, b *buf) { g.files = append(g.files, File{path, b.b}) }

// generate builds the whole playbook for a completed config, sorted by path.
func generate(c Config) []File {
	g := &gen{c: c, seed: uint64(c.Seed)}
	g.files = make([]File, 0, 2+c.Teams+c.Roles+c.Runbooks+c.Briefs+c.Vendors+c.Pages)
	g.planIDs()
	g.planTeams()
	g.planDomains()
	g.planRunbooks()
	g.planRoutes()

	g.playbook()
	g.matrix()
	g.teamFiles()
	g.roleFiles()
	g.briefFiles()
	g.vendorFiles()
	g.pageFiles()
	g.runbookFiles()
	slices.SortFunc(g.files, func(a, b File) int { return strings.Compare(a.Path, b.Path) })
	return g.files
}

// numbered returns base for the first cycle through a vocabulary and base-2, base-3...
// after, keeping ids unique however large the count.
func numbered(base string, cycle int) string {
	if cycle == 0 {
		return base
	}
	return base + "-" + strconv.Itoa(cycle+1)
}

// slug turns a name into an id: lowercase letters and digits, words joined by dashes.
func slug(s string) string {
	b := make([]byte, 0, len(s))
	dash := false
	for k := 0; k < len(s); k++ {
		c := s[k]
		switch {
		case c >= 'A' && c <= 'Z':
			c += 'a' - 'A'
			fallthrough
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
			if dash && len(b) > 0 {
				b = append(b, '-')
			}
			b = append(b, c)
			dash = false
		default:
			dash = true
		}
	}
	return string(b)
}

func (g *gen) planIDs() {
	c := g.c
	g.sevIDs = make([]string, c.Severities)
	for k := range g.sevIDs {
		g.sevIDs[k] = "sev" + strconv.Itoa(k+1)
	}
	g.roleIDs = make([]string, c.Roles)
	for k := range g.roleIDs {
		g.roleIDs[k] = numbered(roleTemplates[k%len(roleTemplates)].id, k/len(roleTemplates))
	}
	g.briefIDs = make([]string, c.Briefs)
	for k := range g.briefIDs {
		g.briefIDs[k] = numbered(briefTemplates[k%len(briefTemplates)].id, k/len(briefTemplates))
	}
	g.vendorIDs = make([]string, c.Vendors)
	for k := range g.vendorIDs {
		g.vendorIDs[k] = numbered(vendorTemplates[k%len(vendorTemplates)].id, k/len(vendorTemplates))
	}
}

func teamID(i int) string {
	var b buf
	b.s("team-").pad(4, i+1)
	return string(b.b)
}

func (g *gen) planTeams() {
	r := g.rng(streamTeams)
	n := g.c.Teams
	g.teams = make([]team, n)
	specials := [specialTeams]struct{ name, kind, zone string }{
		{"Service Desk", "support-l1", "Europe/London"},
		{"Site Reliability", "sre", "Europe/London"},
		{"Security Operations", "security", "America/New_York"},
		{"Incident Leadership", "leadership", "Europe/London"},
		{"Communications", "communications", "Europe/London"},
		{"Customer Success", "customer-success", "America/New_York"},
	}
	kinds := [8]string{"engineering", "engineering", "engineering", "engineering", "engineering", "support-l2", "product", "sre"}
	suffix := map[string]string{"engineering": "Engineering", "support-l2": "Support", "product": "Product", "sre": "SRE"}
	for i := range g.teams {
		t := &g.teams[i]
		t.id = teamID(i)
		if i < specialTeams {
			s := specials[i]
			t.name, t.kind, t.zone = s.name, s.kind, s.zone
			t.always = i <= teamSecurity
		} else {
			j := i - specialTeams
			a := areas[j%len(areas)]
			t.kind = kinds[j%len(kinds)]
			t.name = a.name + " " + suffix[t.kind]
			if cyc := j / len(areas); cyc > 0 {
				t.name += " " + strconv.Itoa(cyc+1)
			}
			t.zone = zones[r.IntN(len(zones))]
			t.always = t.kind == "sre" || t.kind == "engineering" && r.IntN(5) == 0
		}
		t.slug = slug(t.name)
	}
	// Business-hours teams fall back to one of a few 24x7 teams, never to a team that
	// has hours itself, so after-hours chains cannot loop.
	pool := []int{teamDesk, teamSRE}
	for i := specialTeams; i < n && len(pool) < 5; i++ {
		if g.teams[i].kind == "sre" {
			pool = append(pool, i)
		}
	}
	for i := range g.teams {
		t := &g.teams[i]
		t.after = -1
		switch {
		case t.always:
		case i == teamLeadership:
			t.after = teamSRE
		case i < specialTeams:
			t.after = teamDesk
		default:
			t.after = pool[r.IntN(len(pool))]
		}
	}
}

func (g *gen) planDomains() {
	r := g.rng(streamDomains)
	var owners []int
	for i := specialTeams; i < len(g.teams); i++ {
		if g.teams[i].kind == "engineering" {
			owners = append(owners, i)
		}
	}
	if len(owners) == 0 {
		owners = []int{teamSRE}
	}
	g.domains = make([]domain, g.c.Domains)
	for d := range g.domains {
		a, cyc := areas[d%len(areas)], d/len(areas)
		dm := &g.domains[d]
		dm.id = numbered(a.id, cyc)
		dm.name = a.name
		if cyc > 0 {
			dm.name += " " + strconv.Itoa(cyc+1)
		}
		// The engineering team named after the domain's area owns it when there is one.
		if t := specialTeams + d; t < len(g.teams) && g.teams[t].kind == "engineering" {
			dm.owner = t
		} else {
			dm.owner = owners[d%len(owners)]
		}
		switch {
		case d%9 == 7:
			dm.stage = "beta"
		case d%13 == 11:
			dm.stage = "alpha"
		}
	}
	// Every vendor serves at least one domain; some domains use a second one.
	for v := range g.vendorIDs {
		d := &g.domains[v%len(g.domains)]
		d.vendors = append(d.vendors, v)
	}
	for d := range g.domains {
		dm := &g.domains[d]
		if r.IntN(3) == 0 {
			if v := r.IntN(len(g.vendorIDs)); !slices.Contains(dm.vendors, v) {
				dm.vendors = append(dm.vendors, v)
			}
		}
		slices.Sort(dm.vendors)
	}
}

func (g *gen) planRunbooks() {
	r := g.rng(streamRunbookPlan)
	D, S := len(g.domains), len(g.sevIDs)
	g.runbooks = make([]runbookPlan, g.c.Runbooks)
	g.domRunbooks = make([][]int, D)
	for i := range g.runbooks {
		d, k := i%D, i/D
		dm := &g.domains[d]
		topic := topics[(k+d*7)%len(topics)]
		cyc := k / len(topics)
		p := &g.runbooks[i]
		p.id = numbered(dm.id+"-"+slug(topic), cyc)
		p.title = dm.name + ": " + topic
		if cyc > 0 {
			p.title += " (" + strconv.Itoa(cyc+1) + ")"
		}
		p.topic = topic
		p.domain = d
		p.owner = dm.owner
		if k%5 == 4 {
			p.owner = teamSRE
		}
		// A domain's first runbook covers every severity, so every cell has one.
		if k == 0 {
			p.sevFrom, p.sevTo = 0, S-1
		} else {
			p.sevFrom = r.IntN(S)
			p.sevTo = p.sevFrom + r.IntN(S-p.sevFrom)
		}
		g.domRunbooks[d] = append(g.domRunbooks[d], i)
	}
}

// cellRunbooks returns up to two runbooks of domain d that apply to every severity in
// lo..hi (indexes).
func (g *gen) cellRunbooks(d, lo, hi int) []string {
	var out []string
	for _, i := range g.domRunbooks[d] {
		if p := &g.runbooks[i]; p.sevFrom <= lo && hi <= p.sevTo {
			out = append(out, p.id)
			if len(out) == 2 {
				break
			}
		}
	}
	return out
}

func (g *gen) brief(k int) string { return g.briefIDs[min(k, len(g.briefIDs)-1)] }

// variantTemplates are the special cases that may precede a domain x severity cell, in
// the order they are written. None is implied by an earlier one, so whichever prefix a
// cell gets, no rule is shadowed; each carries facts that make it decide.
var variantTemplates = [maxVariants]struct {
	label   string
	when    []cond
	example []value
	raise   bool
}{
	{"data loss at scale", []cond{eq("category", "data-loss"), cmpN("customers", ">=", 1000)},
		[]value{str("category", "data-loss"), num("customers", 5000)}, true},
	{"data loss", []cond{eq("category", "data-loss")}, []value{str("category", "data-loss")}, false},
	{"outage or degradation", []cond{anyOf("category", "outage", "degradation")}, []value{str("category", "outage")}, false},
	{"over 500 customers", []cond{cmpN("customers", ">", 500)}, []value{num("customers", 800)}, false},
	{"access problems", []cond{eq("category", "access")}, []value{str("category", "access")}, false},
	{"billing or integrations", []cond{anyOf("category", "billing", "integration")}, []value{str("category", "integration")}, false},
	{"slow for a few customers", []cond{eq("category", "performance"), cmpN("customers", "<", 10)},
		[]value{str("category", "performance"), num("customers", 3)}, false},
	{"performance", []cond{eq("category", "performance")}, []value{str("category", "performance")}, false},
}

func (g *gen) planRoutes() {
	c := g.c
	D, S := len(g.domains), len(g.sevIDs)
	sec := g.brief(1)
	rules := make([]rule, 0, c.Routes)
	rules = append(rules,
		rule{name: "Security incidents page security at once", when: []cond{isBool("security", true)},
			to: teamSecurity, also: []int{teamLeadership}, cont: true, sev: 0, immediate: true, brief: sec},
		rule{name: "Many customers affected: tell customer success", when: []cond{cmpN("customers", ">=", 100)},
			to: teamCustomer, also: []int{teamComms}, cont: true, sev: -1, brief: g.brief(2)},
		rule{name: "Confirmed breach is owned by security",
			when: []cond{isBool("security", true), anyOf("category", "data-loss", "access")},
			to:   teamSecurity, also: []int{teamComms}, sev: 0, immediate: true, brief: sec},
	)
	budget := c.Routes - fixedRules
	if budget >= D*S {
		rules = g.grid(rules, budget-D*S)
	} else {
		// Too few routes for the whole grid: the first domains get a rule per severity,
		// one domain splits its severities, and the rest get one rule each, so every
		// cell is still routed explicitly (WithDefaults keeps budget >= D).
		k, r := (budget-D)/(S-1), (budget-D)%(S-1)
		for d := range D {
			switch {
			case d < k:
				for s := range S {
					rules = append(rules, g.cellRule(d, s, s))
				}
			case d == k && r > 0:
				for s := range r {
					rules = append(rules, g.cellRule(d, s, s))
				}
				rules = append(rules, g.cellRule(d, r, S-1))
			default:
				rules = append(rules, g.cellRule(d, 0, S-1))
			}
		}
	}
	rules = append(rules, rule{name: "Everything else goes to the service desk", to: teamDesk, sev: -1, brief: g.briefIDs[0]})
	g.rules = rules
}

// cellRule routes domain d at severities lo..hi (indexes) to the domain's owner.
func (g *gen) cellRule(d, lo, hi int) rule {
	dm := &g.domains[d]
	S := len(g.sevIDs)
	r := rule{
		to:       dm.owner,
		sev:      -1,
		runbooks: g.cellRunbooks(d, lo, hi),
		brief:    g.briefIDs[0],
		cell:     true,
		example:  []value{str("domain", dm.id), str("severity", g.sevIDs[hi])},
	}
	owner := g.teams[dm.owner].name
	switch {
	case lo == hi:
		r.name = dm.name + " " + g.sevIDs[lo] + " goes to " + owner
		r.when = []cond{eq("domain", dm.id), eq("severity", g.sevIDs[lo])}
	case lo == 0 && hi == S-1:
		r.name = dm.name + " goes to " + owner
		r.when = []cond{eq("domain", dm.id)}
	default:
		r.name = dm.name + " " + g.sevIDs[lo] + " to " + g.sevIDs[hi] + " goes to " + owner
		r.when = []cond{eq("domain", dm.id), anyOf("severity", g.sevIDs[lo:hi+1]...)}
	}
	if lo == 0 && dm.owner != teamSRE {
		r.also = []int{teamSRE}
	}
	return r
}

// grid appends a rule for every domain x severity cell, each preceded by its share of
// the variants: special cases that go to other teams.
func (g *gen) grid(rules []rule, variants int) []rule {
	D, S := len(g.domains), len(g.sevIDs)
	cells := D * S
	// Variant rules go to teams in rotation, so in a big playbook every team owns a route.
	rot := specialTeams
	next := func(avoid int) int {
		if len(g.teams) == specialTeams {
			return teamSRE
		}
		for {
			t := rot
			rot++
			if rot == len(g.teams) {
				rot = specialTeams
			}
			if t != avoid {
				return t
			}
		}
	}
	nv := 0
	for j := range cells {
		d, s := j/S, j%S
		dm := &g.domains[d]
		cell := g.cellRule(d, s, s)
		// Shares are spread in severity-major order, so a few variants land on
		// different severities and domains; each cell's share is a run of templates
		// from a rotating offset, written in template order (see variantTemplates).
		x := s*D + d
		var use [maxVariants]bool
		for k := range (x+1)*variants/cells - x*variants/cells {
			use[(nv+k)%maxVariants] = true
		}
		for k := range maxVariants {
			if !use[k] {
				continue
			}
			t := &variantTemplates[k]
			r := rule{
				name:     dm.name + " " + g.sevIDs[s] + ": " + t.label,
				when:     append(slices.Clip(cell.when), t.when...),
				to:       next(dm.owner),
				sev:      -1,
				runbooks: cell.runbooks[:min(1, len(cell.runbooks))],
				brief:    g.briefIDs[nv%len(g.briefIDs)],
				example:  append(slices.Clip(cell.example), t.example...),
			}
			if t.raise && s > 0 {
				r.sev = 0
				r.also = []int{teamComms}
			}
			rules = append(rules, r)
			nv++
		}
		rules = append(rules, cell)
	}
	return rules
}

// routingTest is one entry of matrix.yaml's tests.
type routingTest struct {
	name  string
	given []value
}

// tests picks about ten cases that cover the kinds of rules; their expectations are
// computed by route, so they hold whatever the sizes.
func (g *gen) tests() []routingTest {
	S := len(g.sevIDs)
	last := g.sevIDs[S-1]
	d0 := g.domains[0]
	var ts []routingTest
	var cells, variants []int
	for k, r := range g.rules {
		switch {
		case r.cell:
			cells = append(cells, k)
		case r.example != nil:
			variants = append(variants, k)
		}
	}
	for t := range min(5, len(cells)) {
		r := g.rules[cells[t*len(cells)/min(5, len(cells))]]
		ts = append(ts, routingTest{r.name, r.example})
	}
	seen := map[string]bool{}
	for _, k := range variants {
		r := g.rules[k]
		label := r.name[strings.Index(r.name, ": ")+2:]
		if seen[label] || len(seen) == 2 {
			continue
		}
		seen[label] = true
		ts = append(ts, routingTest{r.name, r.example})
	}
	ts = append(ts,
		routingTest{"Unknown domain goes to the service desk", []value{str("severity", last), str("category", "other")}},
		routingTest{"Breach in " + d0.name + " is owned by security at once",
			[]value{str("domain", d0.id), str("severity", last), boolean("security", true), str("category", "data-loss")}},
		routingTest{"Security concern in " + d0.name + " raises the severity",
			[]value{str("domain", d0.id), str("severity", last), boolean("security", true)}},
	)
	if len(g.domains) > 1 {
		d1 := g.domains[1]
		ts = append(ts, routingTest{"Many customers in " + d1.name + " still go to its owner",
			[]value{str("domain", d1.id), str("severity", last), num("customers", 250)}})
	}
	return ts
}

// parallel runs f(i) for i in [0, n) on all CPUs; f must only write its own results.
func parallel(n int, f func(worker, i int)) {
	workers := min(runtime.GOMAXPROCS(0), max(1, n/64))
	if workers <= 1 {
		for i := range n {
			f(0, i)
		}
		return
	}
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for i := w * n / workers; i < (w+1)*n/workers; i++ {
				f(w, i)
			}
		})
	}
	wg.Wait()
}
