package drill

import (
	"errors"
	"fmt"
	"maps"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/escalator-dev/escalator/diag"
	"github.com/escalator-dev/escalator/matrix"
)

// Options say what scenarios Generate makes. The zero value makes one scenario of any
// domain and severity, in the owner's hours, in 2026.
type Options struct {
	Seed  uint64
	Count int // 0 means 1
	// Domain and Severity, when set, are the domain and the severity of the first
	// report; rules may still raise the severity.
	Domain, Severity string
	// OutOfHours starts every scenario while the team the rules name is closed, so
	// the case falls through to its after-hours cover.
	OutOfHours bool
	// DST starts every scenario within a day before a daylight-saving change of the
	// playbook's time zone, so its deadlines cross it.
	DST bool
	// Year is the calendar year the start instants fall in; 0 means 2026.
	Year int
}

// Scenario is one generated drill: its text and its facts, and the decision its key
// pins, computed by matrix.Route.
type Scenario struct {
	ID, Title, Summary, Story string
	Kind                      string // outage, vendor, pattern, flag, security, rule, misleading
	Monitors                  []string
	Vendor                    *matrix.Vendor
	Facts                     []FactAnswer
	Start                     time.Time
	Injects                   []Inject
	Objectives                []string
	Decision                  *matrix.Decision
	// Command is how to make the same scenario again.
	Command string
}

// Inject is one timed event of a generated scenario.
type Inject struct {
	At           time.Duration
	Text, Expect string
}

// Kinds are the kinds of scenario Generate draws from.
var Kinds = []string{"outage", "vendor", "pattern", "flag", "security", "rule", "misleading"}

// maxTries bounds the draws for one scenario: a draw the rules cannot route, or that
// misses the hours asked for, is drawn again.
const maxTries = 200

// Generate makes opt.Count scenarios from the playbook, the same for the same options.
// Every scenario routes: a draw the rules cannot route, or with no owner, is drawn
// again, and when no draw fits the options Generate says why.
func Generate(p *matrix.Playbook, opt Options) ([]*Scenario, error) {
	if p.DomainFact() == nil || p.SeverityFact() == nil {
		return nil, errors.New("drills need a fact `from: domains` and one `from: severities` in matrix.yaml")
	}
	if opt.Domain != "" && p.Domain(opt.Domain) == nil {
		return nil, fmt.Errorf("unknown domain %q%s", opt.Domain, hint(opt.Domain, ids(p.Domains, func(d *matrix.Domain) string { return d.ID })))
	}
	if opt.Severity != "" && p.Severity(opt.Severity) == nil {
		return nil, fmt.Errorf("unknown severity %q%s", opt.Severity, hint(opt.Severity, ids(p.Severities, func(s *matrix.Severity) string { return s.ID })))
	}
	if opt.Count <= 0 {
		opt.Count = 1
	}
	if opt.Year == 0 {
		opt.Year = 2026
	}
	g := &gen{p: p, opt: opt, rng: rand.New(rand.NewPCG(opt.Seed, opt.Seed^0x9e3779b97f4a7c15)), loc: p.Site.Location.Location}
	g.dst = transitions(g.loc, opt.Year)
	if opt.DST && len(g.dst) == 0 {
		return nil, fmt.Errorf("the playbook's time zone %s has no daylight-saving change in %d", p.Site.Location.Name, opt.Year)
	}
	out := make([]*Scenario, 0, opt.Count)
	for i := range opt.Count {
		s, err := g.scenario(i + 1)
		if err != nil {
			return out, err
		}
		out = append(out, s)
	}
	return out, nil
}

type gen struct {
	p   *matrix.Playbook
	opt Options
	rng *rand.Rand
	loc *time.Location
	dst []time.Time
}

func (g *gen) scenario(n int) (*Scenario, error) {
	why := map[string]int{}
	for range maxTries {
		s, reason := g.draw()
		if s == nil {
			why[reason]++
			continue
		}
		s.ID = fmt.Sprintf("%s-%s-%d-%d", s.Kind, s.Facts[0].Value, g.opt.Seed, n)
		s.Command = g.command()
		return s, nil
	}
	return nil, fmt.Errorf("no routable scenario fits these options after %d draws: %s", maxTries, mainReason(why))
}

// mainReason is the commonest reason draws failed for, leaving out kinds the playbook
// has no rule for while any other reason is there: those say nothing of the options.
func mainReason(why map[string]int) string {
	best, n := "", 0
	for _, r := range slices.Sorted(maps.Keys(why)) {
		c := why[r]
		if strings.HasPrefix(r, "no rule for") {
			c = 0
		}
		if best == "" || c > n {
			best, n = r, c
		}
	}
	return best
}

func (g *gen) command() string {
	c := "escalator drill new --seed " + strconv.FormatUint(g.opt.Seed, 10)
	if g.opt.Count > 1 {
		c += fmt.Sprintf(" --count %d", g.opt.Count)
	}
	if g.opt.Domain != "" {
		c += " --domain " + g.opt.Domain
	}
	if g.opt.Severity != "" {
		c += " --severity " + g.opt.Severity
	}
	if g.opt.OutOfHours {
		c += " --out-of-hours"
	}
	if g.opt.DST {
		c += " --dst"
	}
	return c + fmt.Sprintf(" --year %d", g.opt.Year)
}

func pick[T any](r *rand.Rand, s []T) T { return s[r.IntN(len(s))] }

// draw makes one candidate scenario, or says why it could not.
func (g *gen) draw() (*Scenario, string) {
	p, r := g.p, g.rng
	kind := pick(r, Kinds)
	f := p.NewFacts()
	set := func(id, v string) bool { return f.Set(id, v) == nil }
	s := &Scenario{Kind: kind}

	// The rule the scenario exercises, for the kinds that need one.
	var rule *matrix.Rule
	switch kind {
	case "pattern", "flag", "security", "rule":
		var cands []*matrix.Rule
		for _, ru := range p.Routes {
			if fitsKind(p, ru, kind) {
				cands = append(cands, ru)
			}
		}
		if len(cands) == 0 {
			return nil, "no rule for a " + kind + " scenario"
		}
		rule = pick(r, cands)
		for _, c := range rule.When {
			if !satisfy(r, p.Fact(c.Fact), &c, set) {
				return nil, "cannot satisfy " + c.Fact + " " + c.Raw
			}
		}
	}
	df, sf := p.DomainFact(), p.SeverityFact()
	dom := g.opt.Domain
	if dom == "" {
		if v, ok := f.Get(df.ID); ok {
			dom = v
		} else {
			dom = pick(r, p.Domains).ID
		}
	}
	sev := g.opt.Severity
	if sev == "" {
		if v, ok := f.Get(sf.ID); ok {
			sev = v
		} else {
			sev = pick(r, p.Severities).ID
		}
	}
	domain := p.Domain(dom)
	if kind == "vendor" {
		var vs []*matrix.Vendor
		for _, ref := range domain.Vendors {
			if v := p.Vendor(ref.ID); v != nil {
				vs = append(vs, v)
			}
		}
		if len(vs) == 0 {
			return nil, "domain " + dom + " names no vendor"
		}
		s.Vendor = pick(r, vs)
	}
	if !set(df.ID, dom) || !set(sf.ID, sev) {
		return nil, "domain or severity refused"
	}
	base, err := p.Route(f, time.Time{})
	if err != nil || base.Routed == nil {
		return nil, "the rules cannot route it"
	}
	start, ok := g.start(base.Routed)
	if !ok {
		if g.opt.OutOfHours {
			return nil, "the team the rules name for " + dom + " works around the clock, so nothing is out of its hours"
		}
		return nil, "no instant in the hours asked for"
	}
	d, err := p.Route(f, start)
	if err != nil || d.Owner == nil {
		return nil, "the rules cannot route it"
	}
	if g.opt.OutOfHours != (len(d.OffHours) > 0) {
		return nil, "the hours do not fit"
	}
	s.Start, s.Decision = start, d
	for _, fa := range p.Facts {
		if v, ok := f.Get(fa.ID); ok {
			s.Facts = append(s.Facts, FactAnswer{fa, v})
		}
	}
	// The id puts the domain first: Facts[0] must be it.
	slices.SortStableFunc(s.Facts, func(a, b FactAnswer) int {
		return boolRank(a.Fact == df) - boolRank(b.Fact == df)
	})
	g.write(s, domain, rule)
	return s, ""
}

func boolRank(b bool) int {
	if b {
		return 0
	}
	return 1
}

// fitsKind reports whether a rule is one a scenario of the kind exercises.
func fitsKind(p *matrix.Playbook, r *matrix.Rule, kind string) bool {
	if r.IsDefault() {
		return false
	}
	has := func(t matrix.FactType, ops ...string) bool {
		for _, c := range r.When {
			if f := p.Fact(c.Fact); f != nil && f.Type == t && slices.Contains(ops, c.Op()) {
				return true
			}
		}
		return false
	}
	others := false
	for _, c := range r.When {
		if f := p.Fact(c.Fact); f != nil && f != p.DomainFact() && f != p.SeverityFact() {
			others = true
		}
	}
	switch kind {
	case "security":
		return r.Immediate
	case "pattern":
		return !r.Immediate && has(matrix.Number, ">=", ">")
	case "flag":
		return !r.Immediate && r.Continue && has(matrix.Bool, "")
	case "rule":
		return !r.Immediate && !r.Continue && others
	}
	return false
}

// satisfy sets fact f to a value the condition holds for.
func satisfy(r *rand.Rand, f *matrix.Fact, c *matrix.Cond, set func(id, v string) bool) bool {
	if f == nil {
		return false
	}
	vals := c.Values()
	if len(vals) == 0 {
		return false
	}
	if f.Type != matrix.Number || c.Op() == "" {
		return set(f.ID, pick(r, vals))
	}
	n, err := strconv.ParseFloat(vals[0], 64)
	if err != nil {
		return false
	}
	k := float64(r.IntN(4))
	switch c.Op() {
	case ">=":
		n += k
	case ">":
		n += 1 + k
	case "<=":
		n -= k
	case "<":
		n -= 1 + k
	case "!=":
		n += 1 + k
	}
	// Counts are never negative; whether the rule then matches is for Route to say.
	return set(f.ID, strconv.FormatFloat(max(n, 0), 'f', -1, 64))
}

// start draws the scenario's start instant: in or out of the hours of the team the
// rules name (routed), within a day before a daylight-saving change when asked.
func (g *gen) start(routed *matrix.Team) (time.Time, bool) {
	p, r := g.p, g.rng
	for range 64 {
		var t time.Time
		if g.opt.DST {
			ch := pick(r, g.dst)
			t = ch.Add(-time.Duration(1+r.IntN(23*60)) * time.Minute)
		} else {
			day := time.Date(g.opt.Year, 1, 1, 0, 0, 0, 0, g.loc).AddDate(0, 0, r.IntN(365))
			t = time.Date(day.Year(), day.Month(), day.Day(), r.IntN(24), r.IntN(12)*5, 0, 0, g.loc)
		}
		t = t.Truncate(5 * time.Minute)
		if t.Year() != g.opt.Year && !g.opt.DST {
			continue
		}
		if p.InHours(routed, t) != g.opt.OutOfHours {
			return t, true
		}
	}
	return time.Time{}, false
}

// transitions lists the instants the zone's offset changes in the year.
func transitions(loc *time.Location, year int) []time.Time {
	var out []time.Time
	t := time.Date(year, 1, 1, 0, 0, 0, 0, loc)
	end := t.AddDate(1, 0, 0)
	_, off := t.Zone()
	for ; t.Before(end); t = t.Add(time.Hour) {
		if _, o := t.Zone(); o != off {
			out = append(out, t)
			off = o
		}
	}
	return out
}

func ids[T any](s []T, id func(T) string) []string {
	out := make([]string, len(s))
	for i, x := range s {
		out[i] = id(x)
	}
	return out
}

func hint(s string, cands []string) string {
	h := diag.DidYouMean(s, cands)
	if h == "" {
		return " (known: " + strings.Join(cands, ", ") + ")"
	}
	return " (" + h + "; known: " + strings.Join(cands, ", ") + ")"
}
