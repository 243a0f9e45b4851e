package synth

import (
	"bytes"
	"fmt"
	"maps"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// odd exercises the edges of the sizing rules: fewer teams than the minimum, more
// severities than the named tiers, more roles, briefs, vendors and pages than templates.
var odd = Config{Seed: 7, Teams: 3, Severities: 6, Runbooks: 13, Routes: 100, Vendors: 12, Roles: 9, Briefs: 9, Pages: 9, Words: 300}

func TestDeterministic(t *testing.T) {
	a, b := Files(Small()), Files(Small())
	if len(a) != len(b) {
		t.Fatalf("two runs gave %d and %d files", len(a), len(b))
	}
	for p, data := range a {
		if !bytes.Equal(data, b[p]) {
			t.Fatalf("%s differs between two runs with the same config", p)
		}
	}
	c := Small()
	c.Seed++
	other := Files(c)
	differ := 0
	for p, data := range a {
		if !bytes.Equal(data, other[p]) {
			differ++
		}
	}
	if differ == 0 {
		t.Fatal("a different seed gave the same playbook")
	}
	same := func(x, y File) bool { return x.Path == y.Path && bytes.Equal(x.Data, y.Data) }
	if !slices.EqualFunc(List(Small()), List(Small().WithDefaults()), same) {
		t.Fatal("Files(c) and Files(c.WithDefaults()) differ")
	}
	// Enough runbooks to be written by several goroutines.
	big := Config{Seed: 5, Runbooks: 600, Words: 250}
	if !slices.EqualFunc(List(big), List(big), same) {
		t.Fatal("runbooks written in parallel differ between two runs")
	}
}

func TestCounts(t *testing.T) {
	for _, c := range []Config{Small(), odd, {Seed: 3}} {
		t.Run(fmt.Sprint(c), func(t *testing.T) {
			want := c.WithDefaults()
			files := Files(c)
			got := map[string]int{}
			for p := range files {
				got[path.Dir(p)]++
			}
			for dir, n := range map[string]int{
				".": 2, "teams": want.Teams, "runbooks": want.Runbooks, "roles": want.Roles,
				"briefs": want.Briefs, "vendors": want.Vendors, "pages": want.Pages,
			} {
				if got[dir] != n {
					t.Errorf("%s: %d files, want %d", dir, got[dir], n)
				}
			}
			m := decodeMatrix(t, files["matrix.yaml"])
			if len(m.Routes) != want.Routes || len(m.Domains) != want.Domains || len(m.Severities) != want.Severities {
				t.Errorf("matrix has %d routes, %d domains, %d severities; want %d, %d, %d",
					len(m.Routes), len(m.Domains), len(m.Severities), want.Routes, want.Domains, want.Severities)
			}
		})
	}
}

func TestWriteAndFS(t *testing.T) {
	dir := t.TempDir()
	if err := Write(dir, Small()); err != nil {
		t.Fatal(err)
	}
	fsys := FS(Small())
	for p, data := range Files(Small()) {
		disk, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(p)))
		if err != nil || !bytes.Equal(disk, data) {
			t.Fatalf("%s on disk differs from Files (%v)", p, err)
		}
		if f := fsys[p]; f == nil || !bytes.Equal(f.Data, data) {
			t.Fatalf("%s in FS differs from Files", p)
		}
	}
}

func TestValid(t *testing.T) {
	for _, c := range []Config{Small(), odd, {Seed: 11, Routes: 15}} {
		t.Run(fmt.Sprint(c), func(t *testing.T) { checkPlaybook(t, c) })
	}
}

func BenchmarkFilesLarge(b *testing.B) {
	c := Large()
	var n int
	for b.Loop() {
		n = 0
		for _, f := range List(c) {
			n += len(f.Data)
		}
	}
	b.SetBytes(int64(n))
	b.ReportMetric(float64(n)/(1<<20), "MiB/op")
}

// The types below mirror docs/format.md independently of the generator; decoding with
// KnownFields rejects any key the format does not have.

type link struct{ Name, URL string }

type matrixDoc struct {
	Owner        string `yaml:"owner"`
	LastReviewed string `yaml:"last_reviewed"`
	Severities   []struct {
		ID, Name, Description string
		Criteria              []string
		SLA                   struct {
			Acknowledge, Triage, Contain, Resolve string
			RootCause                             string `yaml:"root_cause"`
		} `yaml:"sla"`
		Updates        struct{ Internal, Customer string }
		Roles, Actions []string
		Color          string
	}
	Domains []struct {
		ID, Name, Description, Owner, Stage string
		Vendors                             []string
	}
	Facts []struct {
		ID, Question, Type, From, Help string
		Options                        []string
		Required                       bool
	}
	Routes []struct {
		Name, To, Severity, Brief string
		When                      map[string]any
		Also, Runbooks            []string
		Continue, Immediate       bool
	}
	Tests []struct {
		Name, At string
		Given    map[string]any
		Expect   struct {
			Team, Severity string
			Notified       []string
			Immediate      *bool
		}
	}
}

type teamDoc struct {
	ID, Name, Kind, Description, Owner string
	LastReviewed                       string `yaml:"last_reviewed"`
	Hours                              any
	AfterHours                         string `yaml:"after_hours"`
	Channels                           []struct{ ID, Kind, Name, Address, Note string }
	Members                            []struct{ ID, Name, Role, Phone, Email, Chat, Timezone string }
	Escalation                         struct {
		Repeat int
		Levels []struct {
			Name, After, While                  string
			Members, Channels, Teams, Schedules []string
		}
	}
	Schedules []struct {
		ID, Name string
		Layers   []struct {
			Name, Shift, Start string
			TimeZone           string `yaml:"time_zone"`
			Length             int
			Members            []string
			Restrict           []struct{ Days, Start, End string }
		}
		Overrides []struct{ From, Until, Member, Note string }
	}
	Dashboards []link
}

type runbookDoc struct {
	ID, Title, Domain, Owner, Summary, Containment string
	LastReviewed                                   string `yaml:"last_reviewed"`
	Severities, Alert, Vendors, Tags               []string
	Triage                                         []struct{ ID, Question, Help string }
	Dashboards                                     []link
	Checklist                                      map[string][]string
}

type roleDoc struct {
	ID, Name, Summary, Handoff, Owner string
	LastReviewed                      string `yaml:"last_reviewed"`
	Actions                           []string
}

type briefDoc struct {
	ID, Title, Kind, Target, Summary, Owner string
	LastReviewed                            string `yaml:"last_reviewed"`
	Immediate                               bool
	Sections                                []struct {
		ID, Title, Help string
		Fields          []struct {
			ID, Label, Type, Help, Placeholder string
			Required                           bool
			Options                            []string
		}
	}
}

type vendorDoc struct {
	ID, Name, Service, Owner, Fallback string
	LastReviewed                       string `yaml:"last_reviewed"`
	StatusPage                         string `yaml:"status_page"`
	Support                            struct{ Phone, Email, Portal, Hours, Account string }
	SLA                                struct{ Uptime, Response, Notes string } `yaml:"sla"`
}

type pageDoc struct {
	ID, Title, Summary, Owner string
	LastReviewed              string `yaml:"last_reviewed"`
	Order                     int
}

type playbookDoc struct {
	Title, Organisation, Description string
	TimeZone                         string `yaml:"time_zone"`
	ReviewInterval                   string `yaml:"review_interval"`
	BaseURL                          string `yaml:"base_url"`
	Synonyms                         [][]string
	RawHTML                          bool `yaml:"raw_html"`
}

func decode(t *testing.T, name string, data []byte, v any) {
	t.Helper()
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(v); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
}

func decodeMatrix(t *testing.T, data []byte) *matrixDoc {
	t.Helper()
	var m matrixDoc
	decode(t, "matrix.yaml", data, &m)
	return &m
}

// frontMatter decodes a Markdown file's front matter into v and returns the body.
func frontMatter(t *testing.T, name string, data []byte, v any) string {
	t.Helper()
	s := string(data)
	if !strings.HasPrefix(s, "---\n") {
		t.Fatalf("%s: no front matter", name)
	}
	end := strings.Index(s[4:], "\n---\n")
	if end < 0 {
		t.Fatalf("%s: front matter not closed", name)
	}
	decode(t, name, []byte(s[4:4+end+1]), v)
	return s[4+end+5:]
}

var (
	slugRe     = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	durationRe = regexp.MustCompile(`^([0-9]+[smhdw])+$`)
	phoneRe    = regexp.MustCompile(`^\+[0-9]+( [0-9]+)+$`)
	zoneRe     = regexp.MustCompile(`^[A-Z][a-z]+/[A-Za-z_]+$`)
	dateRe     = regexp.MustCompile(`^2026-10-01$`)
)

// checkPlaybook checks what docs/format.md requires and what the generator promises:
// unique slug ids, resolved references, loop-free after-hours, an unshadowed route list
// with the default last, and routing tests that hold.
func checkPlaybook(t *testing.T, c Config) {
	files := Files(c)
	errorf := func(format string, args ...any) {
		t.Helper()
		t.Errorf(format, args...)
	}
	ids := map[string]map[string]bool{}
	addID := func(kind, file, id string) {
		if !slugRe.MatchString(id) {
			errorf("%s: %s id %q is not a slug", file, kind, id)
		}
		if ids[kind] == nil {
			ids[kind] = map[string]bool{}
		}
		if ids[kind][id] {
			errorf("%s: duplicate %s id %q", file, kind, id)
		}
		ids[kind][id] = true
	}
	ref := func(file, kind, id string) {
		t.Helper()
		if !ids[kind][id] {
			errorf("%s: unknown %s %q", file, kind, id)
		}
	}
	dur := func(file, what, s string) {
		if !durationRe.MatchString(s) {
			errorf("%s: %s %q is not a duration", file, what, s)
		}
	}
	date := func(file, s string) {
		if !dateRe.MatchString(s) {
			errorf("%s: last_reviewed %q", file, s)
		}
	}
	paths := make([]string, 0, len(files))
	for p := range files {
		paths = append(paths, p)
	}
	slices.Sort(paths)

	var pb playbookDoc
	decode(t, "playbook.yaml", files["playbook.yaml"], &pb)
	if pb.Title == "" || pb.Organisation == "" || !zoneRe.MatchString(pb.TimeZone) {
		errorf("playbook.yaml: missing title, organisation or time zone")
	}
	dur("playbook.yaml", "review_interval", pb.ReviewInterval)

	// First pass: ids of every kind.
	teams := map[string]*teamDoc{}
	var runbooks []*runbookDoc
	var bodies []string
	for _, p := range paths {
		data := files[p]
		switch path.Dir(p) {
		case "teams":
			var d teamDoc
			decode(t, p, data, &d)
			addID("team", p, d.ID)
			teams[d.ID] = &d
			date(p, d.LastReviewed)
		case "roles":
			var d roleDoc
			frontMatter(t, p, data, &d)
			addID("role", p, d.ID)
			if d.Name == "" || d.Summary == "" || len(d.Actions) == 0 || d.Handoff == "" {
				errorf("%s: missing required role fields", p)
			}
			date(p, d.LastReviewed)
		case "runbooks":
			var d runbookDoc
			bodies = append(bodies, frontMatter(t, p, data, &d))
			addID("runbook", p, d.ID)
			runbooks = append(runbooks, &d)
			date(p, d.LastReviewed)
		case "briefs":
			var d briefDoc
			frontMatter(t, p, data, &d)
			addID("brief", p, d.ID)
			if len(d.Sections) == 0 {
				errorf("%s: no sections", p)
			}
			fields := map[string]bool{}
			for _, s := range d.Sections {
				for _, f := range s.Fields {
					if fields[f.ID] || !slugRe.MatchString(f.ID) {
						errorf("%s: bad or duplicate field id %q", p, f.ID)
					}
					fields[f.ID] = true
					if f.Type == "choice" && len(f.Options) == 0 {
						errorf("%s: choice field %q without options", p, f.ID)
					}
				}
			}
			date(p, d.LastReviewed)
		case "vendors":
			var d vendorDoc
			decode(t, p, data, &d)
			addID("vendor", p, d.ID)
			if d.Fallback == "" || d.Support.Phone == "" {
				errorf("%s: no fallback or support phone", p)
			}
			dur(p, "sla.response", d.SLA.Response)
			date(p, d.LastReviewed)
		case "pages":
			var d pageDoc
			frontMatter(t, p, data, &d)
			addID("page", p, d.ID)
			date(p, d.LastReviewed)
		}
	}
	m := decodeMatrix(t, files["matrix.yaml"])
	sevRank := map[string]int{}
	for k, s := range m.Severities {
		addID("severity", "matrix.yaml", s.ID)
		sevRank[s.ID] = k
		for _, d := range []string{s.SLA.Acknowledge, s.SLA.Triage, s.SLA.Contain, s.SLA.Resolve, s.SLA.RootCause, s.Updates.Internal, s.Updates.Customer} {
			dur("matrix.yaml", "severity timer", d)
		}
		for _, r := range s.Roles {
			ref("matrix.yaml", "role", r)
		}
	}
	for _, d := range m.Domains {
		addID("domain", "matrix.yaml", d.ID)
		ref("matrix.yaml", "team", d.Owner)
		for _, v := range d.Vendors {
			ref("matrix.yaml", "vendor", v)
		}
	}
	facts := map[string]string{}
	choices := map[string][]string{}
	for _, f := range m.Facts {
		addID("fact", "matrix.yaml", f.ID)
		facts[f.ID] = f.Type
		switch f.From {
		case "domains":
			for id := range ids["domain"] {
				choices[f.ID] = append(choices[f.ID], id)
			}
		case "severities":
			for id := range ids["severity"] {
				choices[f.ID] = append(choices[f.ID], id)
			}
		default:
			choices[f.ID] = f.Options
		}
	}

	// Teams: hours, after-hours to a 24x7 team, chains over the team's own members.
	for _, p := range paths {
		if path.Dir(p) != "teams" {
			continue
		}
		var d teamDoc
		decode(t, p, files[p], &d)
		always := d.Hours == "24x7"
		if always != (d.AfterHours == "") {
			errorf("%s: hours %v with after_hours %q", p, d.Hours, d.AfterHours)
		}
		if !always {
			if fb := teams[d.AfterHours]; fb == nil || fb.Hours != "24x7" {
				errorf("%s: after_hours %q is not a 24x7 team", p, d.AfterHours)
			}
		}
		if n := len(d.Channels); n < 2 || n > 4 {
			errorf("%s: %d channels", p, n)
		}
		if n := len(d.Members); n < 2 || n > 5 {
			errorf("%s: %d members", p, n)
		}
		own := map[string]string{}
		for _, ch := range d.Channels {
			if own[ch.ID] != "" || !slugRe.MatchString(ch.ID) || ch.Address == "" {
				errorf("%s: bad channel %q", p, ch.ID)
			}
			own[ch.ID] = "channel"
		}
		for _, mb := range d.Members {
			if own[mb.ID] == "member" || !slugRe.MatchString(mb.ID) || !phoneRe.MatchString(mb.Phone) || !strings.HasSuffix(mb.Email, "@example.com") {
				errorf("%s: bad member %+v", p, mb)
			}
			own[mb.ID] = "member"
		}
		if n := len(d.Escalation.Levels); n < 2 || n > 4 {
			errorf("%s: %d escalation levels", p, n)
		}
		last := -1
		for _, l := range d.Escalation.Levels {
			dur(p, "after", l.After)
			var after int
			fmt.Sscanf(l.After, "%dm", &after)
			if after <= last {
				errorf("%s: level %q after %s is not later than the one before", p, l.Name, l.After)
			}
			last = after
			if len(l.Members)+len(l.Channels)+len(l.Teams) == 0 {
				errorf("%s: level %q pages nobody", p, l.Name)
			}
			for _, id := range l.Members {
				if own[id] != "member" {
					errorf("%s: level %q: unknown member %q", p, l.Name, id)
				}
			}
			for _, id := range l.Channels {
				if own[id] != "channel" {
					errorf("%s: level %q: unknown channel %q", p, l.Name, id)
				}
			}
			for _, id := range l.Teams {
				ref(p, "team", id)
			}
		}
	}

	// Runbooks: references, phases, and a body with the promised Markdown.
	domainsWithRunbook := map[string]bool{}
	for k, d := range runbooks {
		file := "runbooks/" + d.ID + ".md"
		ref(file, "domain", d.Domain)
		ref(file, "team", d.Owner)
		domainsWithRunbook[d.Domain] = true
		for _, s := range d.Severities {
			ref(file, "severity", s)
		}
		for _, a := range d.Alert {
			ref(file, "team", a)
		}
		for _, v := range d.Vendors {
			ref(file, "vendor", v)
		}
		if d.Summary == "" || d.Containment == "" || len(d.Triage) == 0 {
			errorf("%s: missing summary, containment or triage", file)
		}
		for _, ph := range []string{"triage", "contain", "remediate", "verify", "communicate"} {
			if n := len(d.Checklist[ph]); n < 3 || n > 6 {
				errorf("%s: phase %s has %d steps", file, ph, n)
			}
		}
		body := bodies[k]
		for _, want := range []string{"\n## ", "```bash\n", "\n| --- |", "\n- [ ] "} {
			if !strings.Contains(body, want) {
				errorf("%s: body lacks %q", file, want)
			}
		}
		if words := len(strings.Fields(body)); words < c.WithDefaults().Words*8/10 || words > c.WithDefaults().Words*12/10 {
			errorf("%s: body has %d words, want about %d", file, words, c.WithDefaults().Words)
		}
	}
	for id := range ids["domain"] {
		if !domainsWithRunbook[id] {
			errorf("domain %q has no runbook", id)
		}
	}

	// Routes: references, conditions that fit their facts, default last, no rule whose
	// conditions include all of an earlier deciding rule's (it could never decide).
	seen := map[string]bool{}
	for k, r := range m.Routes {
		where := fmt.Sprintf("matrix.yaml: route %d %q", k, r.Name)
		ref(where, "team", r.To)
		for _, a := range r.Also {
			ref(where, "team", a)
			if a == r.To {
				errorf("%s: also repeats to", where)
			}
		}
		if r.Severity != "" {
			ref(where, "severity", r.Severity)
		}
		if r.Brief != "" {
			ref(where, "brief", r.Brief)
		}
		for _, rb := range r.Runbooks {
			ref(where, "runbook", rb)
		}
		if (len(r.When) == 0) != (k == len(m.Routes)-1) {
			errorf("%s: the default rule must be last and only last", where)
		}
		for f, v := range r.When {
			checkCond(t, where, facts[f], choices[f], v)
		}
		key := fmt.Sprint(r.When)
		if seen[key] {
			errorf("%s: repeats an earlier rule's conditions", where)
		}
		seen[key] = true
		for _, e := range m.Routes[:k] {
			if !e.Continue && len(e.When) > 0 && subsumes(e.When, r.When) {
				errorf("%s: shadowed by %q", where, e.Name)
			}
		}
	}

	// Tests: evaluate independently of the generator's own router.
	if len(m.Tests) < 8 {
		errorf("only %d routing tests", len(m.Tests))
	}
	for _, ts := range m.Tests {
		sev, imm, to := "", false, ""
		var notified []string
		notify := func(t string) {
			if !slices.Contains(notified, t) {
				notified = append(notified, t)
			}
		}
		if s, ok := ts.Given["severity"].(string); ok {
			sev = s
		}
		// A raise is seen by the rules after it as the severity fact.
		seen := maps.Clone(ts.Given)
		for _, r := range m.Routes {
			if !matches(r.When, seen) {
				continue
			}
			if r.Severity != "" && (sev == "" || sevRank[r.Severity] < sevRank[sev]) {
				sev = r.Severity
				seen["severity"] = sev
			}
			imm = imm || r.Immediate
			if r.Continue {
				notify(r.To)
			}
			for _, a := range r.Also {
				notify(a)
			}
			if !r.Continue {
				to = r.To
				break
			}
		}
		notified = slices.DeleteFunc(notified, func(t string) bool { return t == to })
		e := ts.Expect
		if e.Team != to || e.Severity != sev || e.Immediate != nil && *e.Immediate != imm ||
			e.Notified != nil && !slices.Equal(e.Notified, notified) {
			errorf("test %q: routes to %s at %s (immediate %v), expected %+v", ts.Name, to, sev, imm, e)
		}
	}
}

func checkCond(t *testing.T, where, typ string, options []string, v any) {
	t.Helper()
	switch typ {
	case "choice":
		vals, ok := v.([]any)
		if !ok {
			vals = []any{v}
		}
		for _, x := range vals {
			if s, _ := x.(string); !slices.Contains(options, s) {
				t.Errorf("%s: %v is not an option", where, x)
			}
		}
	case "bool":
		if _, ok := v.(bool); !ok {
			t.Errorf("%s: %v is not a bool", where, v)
		}
	case "number":
		if s, ok := v.(string); !ok || !regexp.MustCompile(`^(>=|>|<=|<|==|!=) [0-9]+$`).MatchString(s) {
			t.Errorf("%s: %v is not a comparison", where, v)
		}
	default:
		t.Errorf("%s: condition on undeclared fact", where)
	}
}

// subsumes reports whether every condition of a appears, identical, in b: then every
// case b matches, a matched first.
func subsumes(a, b map[string]any) bool {
	for f, v := range a {
		w, ok := b[f]
		if !ok || fmt.Sprint(v) != fmt.Sprint(w) {
			return false
		}
	}
	return true
}

func matches(when, given map[string]any) bool {
	for f, c := range when {
		g, ok := given[f]
		if !ok {
			return false
		}
		switch c := c.(type) {
		case []any:
			if !slices.Contains(c, g) {
				return false
			}
		case string:
			if n, isNum := g.(int); isNum {
				var op string
				var lim int
				fmt.Sscanf(c, "%s %d", &op, &lim)
				ok := map[string]bool{">=": n >= lim, ">": n > lim, "<=": n <= lim, "<": n < lim, "==": n == lim, "!=": n != lim}[op]
				if !ok {
					return false
				}
			} else if g != c {
				return false
			}
		default:
			if g != c {
				return false
			}
		}
	}
	return true
}
