package matrix

import (
	"fmt"
	"maps"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/escalator-dev/escalator/diag"
	"github.com/escalator-dev/escalator/matrix/schedule"
	"go.yaml.in/yaml/v3"
)

// check runs every cross-document check; Load runs the routing tests and the audit after it.
func (l *loader) check() {
	l.checkSite()
	l.checkDurations()
	l.checkDuplicates()
	l.checkReferences()
	l.checkTeams()
	l.checkPhones()
	l.checkTeamKinds()
	l.checkStepRoles()
	l.checkStaffing()
	l.checkMessages()
	l.checkSchedules()
	l.checkFacts()
	l.checkRoutes()
	l.checkIncidents()
	l.checkDrills()
}

// runRoutingTests is the RoutingTests phase. Drills are routed over a sound playbook,
// failing routing tests or not: a change that breaks both must say so for both.
func (l *loader) runRoutingTests() {
	sound := !l.diags.HasErrors()
	l.runTests()
	if sound {
		l.runDrills()
	}
}

func (l *loader) checkSite() {
	s := &l.p.Site
	l.checkDiagnosticSettings()
	if s.TimeZone != "" {
		if loc, err := schedule.LoadLocation(s.TimeZone); err == nil {
			s.Location = &Location{s.TimeZone, loc}
		}
	}
	if s.Location == nil {
		s.Location = &Location{"UTC", time.UTC}
	}
	if s.BaseURL != "" {
		if u, err := url.Parse(s.BaseURL); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			l.warnf(diag.BadBaseURL, s.File, Pos{}, fmt.Sprintf("base_url %q is not an absolute http(s) URL", s.BaseURL), "write it like https://escalation.example.com/")
		}
	}
}

// checkDurations reports durations longer than MaxDuration, in files broken or not: the
// schema accepted their form, and left unset they would read as T+0.
func (l *loader) checkDurations() {
	p := l.p
	ww := p.Site.WorkingWeek
	if ww != nil && !ww.Valid() && ww.Days != "" {
		l.errorf(diag.EmptyWorkingWeek, p.Site.File, ww.Pos, fmt.Sprintf("working_week %q has no working time", ww.String()),
			"give days such as mon-fri and, if you give hours, both start and end, the end after the start, e.g. {days: mon-fri, start: \"09:00\", end: \"17:00\"}")
	}
	report := func(file string, d Duration) {
		if d.tooLong != "" {
			l.errorf(diag.DurationTooLong, file, d.Pos, fmt.Sprintf("duration %q is too long", d.tooLong),
				fmt.Sprintf("use at most %s, about 10 years", FormatDuration(MaxDuration)))
		}
		if d.IsBusiness() && ww == nil {
			l.errorf(diag.NoWorkingWeek, file, d.Pos, fmt.Sprintf("%s counts business days, but playbook.yaml sets no working_week", d),
				"add working_week: {days: mon-fri, start: \"09:00\", end: \"17:00\"} (or just days) to playbook.yaml")
		}
	}
	report(p.Site.File, p.Site.ReviewInterval)
	for _, s := range p.Severities {
		for _, t := range s.SLA.Timers() {
			report(p.MatrixFile, t.After)
		}
		report(p.MatrixFile, s.Updates.Internal)
		report(p.MatrixFile, s.Updates.Customer)
	}
	for _, t := range p.Teams {
		for _, lv := range t.Escalation.Levels {
			report(t.File, lv.After)
		}
	}
	for _, v := range p.Vendors {
		report(v.File, v.SLA.Response)
	}
	for _, d := range p.Drills {
		for _, in := range d.Injects {
			report(d.File, in.At)
		}
	}
}

// checkPhones reports phone numbers that are not E.164 once spaces and punctuation
// are removed: members' phones, phone channels' addresses and vendors' support lines.
func (l *loader) checkPhones() {
	report := func(file, phone string, pos Pos) {
		if phone == "" {
			return
		}
		if msg, hint, ok := phoneProblem(phone); !ok {
			l.errorf(diag.InvalidPhone, file, pos, msg, hint)
		}
	}
	for _, t := range l.p.Teams {
		for _, c := range t.Channels {
			if c.Kind == "phone" {
				report(t.File, c.Address, c.AddressPos)
			}
		}
		for _, m := range t.Members {
			report(t.File, m.Phone, m.PhonePos)
		}
	}
	for _, v := range l.p.Vendors {
		report(v.File, v.Support.Phone, v.Support.PhonePos)
	}
}

// checkZone resolves a team's time zone, reporting one the embedded database does not know.
func (l *loader) checkZone(file string, name string, pos Pos) *time.Location {
	loc, err := schedule.LoadLocation(name)
	if err != nil || name == "" || name == "Local" {
		l.errorf(diag.UnknownZone, file, pos, fmt.Sprintf("unknown time zone %q", name), zoneHint(name))
		return nil
	}
	return loc
}

// commonZones are offered as suggestions; the zone database has no list of its names.
var commonZones = []string{
	"UTC", "Europe/London", "Europe/Dublin", "Europe/Paris", "Europe/Berlin", "Europe/Madrid",
	"Europe/Amsterdam", "Europe/Stockholm", "Europe/Warsaw", "Europe/Lisbon", "Europe/Zurich",
	"America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles",
	"America/Toronto", "America/Sao_Paulo", "America/Mexico_City", "Asia/Tokyo",
	"Asia/Singapore", "Asia/Kolkata", "Asia/Shanghai", "Asia/Dubai", "Asia/Hong_Kong",
	"Australia/Sydney", "Australia/Melbourne", "Australia/Perth", "Pacific/Auckland",
	"Africa/Johannesburg", "Africa/Lagos",
}

func zoneHint(name string) string {
	if s := diag.DidYouMean(name, commonZones); s != "" {
		return s
	}
	return "use an IANA zone name such as Europe/London or America/New_York"
}

// MaxIDLength bounds ids: they name the site's files (`runbooks/<id>.checklist.html`),
// and a file name has at most 255 bytes.
const MaxIDLength = 200

// dupes reports ids too long to name a file, and the second and later items that reuse
// an id.
func dupes[T any](l *loader, kind string, items []*T, get func(*T) (id, file string, pos Pos)) {
	type first struct {
		file string
		pos  Pos
	}
	seen := make(map[string]first, len(items))
	for _, x := range items {
		id, file, pos := get(x)
		if id == "" {
			continue
		}
		if len(id) > MaxIDLength {
			l.errorf(diag.IDTooLong, file, pos, fmt.Sprintf("%s id is %d characters long, over the limit of %d", kind, len(id), MaxIDLength),
				"shorten it: ids name the site's files")
		}
		if f, ok := seen[id]; ok {
			l.errorf(diag.DuplicateID, file, pos, fmt.Sprintf("duplicate %s id %q", kind, id),
				"ids are unique within their kind", noteAt(f.file, f.pos, "first defined here"))
			continue
		}
		seen[id] = first{file, pos}
	}
}

func (l *loader) checkDuplicates() {
	p, mf := l.p, l.p.MatrixFile
	dupes(l, "severity", p.Severities, func(s *Severity) (string, string, Pos) { return s.ID, mf, s.IDPos })
	dupes(l, "domain", p.Domains, func(d *Domain) (string, string, Pos) { return d.ID, mf, d.IDPos })
	dupes(l, "fact", p.Facts, func(f *Fact) (string, string, Pos) { return f.ID, mf, f.IDPos })
	meta := func(m *Meta) (string, string, Pos) { return m.ID, m.File, m.IDPos }
	dupes(l, "team", p.Teams, func(t *Team) (string, string, Pos) { return meta(&t.Meta) })
	dupes(l, "role", p.Roles, func(r *Role) (string, string, Pos) { return meta(&r.Meta) })
	dupes(l, "runbook", p.Runbooks, func(r *Runbook) (string, string, Pos) { return meta(&r.Meta) })
	dupes(l, "brief", p.Briefs, func(b *Brief) (string, string, Pos) { return meta(&b.Meta) })
	dupes(l, "vendor", p.Vendors, func(v *Vendor) (string, string, Pos) { return meta(&v.Meta) })
	dupes(l, "page", p.Pages, func(pg *Page) (string, string, Pos) { return meta(&pg.Meta) })
	dupes(l, "holiday calendar", p.Holidays, func(h *Holiday) (string, string, Pos) { return meta(&h.Meta) })
	for _, t := range p.Teams {
		members := make([]*Member, len(t.Members))
		for i := range t.Members {
			members[i] = &t.Members[i]
		}
		dupes(l, "member", members, func(m *Member) (string, string, Pos) { return m.ID, t.File, m.Pos })
		channels := make([]*Channel, len(t.Channels))
		for i := range t.Channels {
			channels[i] = &t.Channels[i]
		}
		dupes(l, "channel", channels, func(c *Channel) (string, string, Pos) { return c.ID, t.File, c.Pos })
	}
	for _, b := range p.Briefs {
		var fields []*Field
		for si := range b.Sections {
			for fi := range b.Sections[si].Fields {
				fields = append(fields, &b.Sections[si].Fields[fi])
			}
		}
		dupes(l, "field", fields, func(f *Field) (string, string, Pos) { return f.ID, b.File, f.Pos })
	}
}

// resolve reports a reference to an id missing from m, suggesting the nearest id.
// References into documents that did not parse stay quiet: their errors are reported.
func resolve[T any](l *loader, file string, r Ref, kind string, m map[string]*T) bool {
	if r.ID == "" {
		return false
	}
	if _, ok := m[r.ID]; ok {
		return true
	}
	if l.lost[kind][r.ID] || (l.matrixBroken && (kind == "domain" || kind == "severity")) {
		return false
	}
	l.errorf(unknownCodes[kind], file, r.Pos, fmt.Sprintf("unknown %s %q", kind, r.ID), refHint(r.ID, kind, m))
	return false
}

// unknownCodes are the codes of references to missing ids, by the kind resolve names.
var unknownCodes = map[string]diag.Code{
	"team": diag.UnknownTeam, "runbook": diag.UnknownRunbook, "domain": diag.UnknownDomain,
	"severity": diag.UnknownSeverity, "vendor": diag.UnknownVendor, "brief": diag.UnknownBrief,
	"holiday calendar": diag.UnknownHolidayCalendar,
}

func refHint[T any](id, kind string, m map[string]*T) string {
	keys := slices.Sorted(maps.Keys(m))
	if s := diag.DidYouMean(id, keys); s != "" {
		return s
	}
	if len(keys) == 0 {
		return fmt.Sprintf("the playbook defines no %s yet", kind)
	}
	if len(keys) > 12 {
		keys = append(keys[:12:12], "…")
	}
	return "known: " + strings.Join(keys, ", ")
}

func (l *loader) checkReferences() {
	p, ix, mf := l.p, &l.p.idx, l.p.MatrixFile
	for _, m := range p.Metas() {
		resolve(l, m.File, m.Owner, "team", ix.teams)
	}
	for _, s := range p.Severities {
		for _, r := range s.Roles {
			// A tier may name a role before its card is written: warn, do not block.
			if r.ID != "" && ix.roles[r.ID] == nil && !l.lost["role"][r.ID] {
				l.warnf(diag.UnknownRequiredRole, mf, r.Pos, fmt.Sprintf("severity %s requires role %q, which no role card defines", s.ID, r.ID), refHint(r.ID, "role", ix.roles))
			}
		}
	}
	for _, d := range p.Domains {
		resolve(l, mf, d.Owner, "team", ix.teams)
		for _, v := range d.Vendors {
			resolve(l, mf, v, "vendor", ix.vendors)
		}
	}
	for _, r := range p.Routes {
		resolve(l, mf, r.To, "team", ix.teams)
		for _, a := range r.Also {
			resolve(l, mf, a, "team", ix.teams)
		}
		resolve(l, mf, r.Severity, "severity", ix.severities)
		for _, rb := range r.Runbooks {
			resolve(l, mf, rb, "runbook", ix.runbooks)
		}
		resolve(l, mf, r.Brief, "brief", ix.briefs)
	}
	for _, t := range p.Tests {
		resolve(l, mf, t.Expect.Team, "team", ix.teams)
		resolve(l, mf, t.Expect.Severity, "severity", ix.severities)
		for _, n := range t.Expect.Notified {
			resolve(l, mf, n, "team", ix.teams)
		}
		if t.Expect.OnCall.ID != "" && t.At.Raw == "" {
			l.errorf(diag.TestWithoutAt, mf, t.Expect.OnCall.Pos, fmt.Sprintf("routing test %q expects who is on call, but has no `at`", t.Name), "add `at:`, the instant the case starts")
		}
	}
	for _, h := range p.Holidays {
		for _, hd := range h.Dates {
			if _, _, _, ok := hd.parse(); !ok && hd.Date != "" {
				l.errorf(diag.InvalidDate, h.File, hd.Pos, fmt.Sprintf("holiday %q is on %s, which is no date", hd.Name, hd.Date), "write YYYY-MM-DD for one day, or MM-DD for every year")
			}
		}
	}
	for _, t := range p.Teams {
		resolve(l, t.File, t.AfterHours, "team", ix.teams)
		for _, r := range t.Hours.Holidays {
			if !l.lost["holiday"][r.ID] { // a calendar that did not parse is reported already
				resolve(l, t.File, r, "holiday calendar", ix.holidays)
			}
		}
		if l.broken[t.File] {
			continue
		}
		members := make(map[string]*Member)
		for i := range t.Members {
			members[t.Members[i].ID] = &t.Members[i]
		}
		channels := make(map[string]*Channel)
		for i := range t.Channels {
			channels[t.Channels[i].ID] = &t.Channels[i]
		}
		for _, lv := range t.Escalation.Levels {
			for _, m := range lv.Members {
				if m.ID != "" && members[m.ID] == nil {
					l.errorf(diag.UnknownMember, t.File, m.Pos, fmt.Sprintf("team %s has no member %q", t.ID, m.ID), refHint(m.ID, "member", members))
				}
			}
			for _, c := range lv.Channels {
				if c.ID != "" && channels[c.ID] == nil {
					l.errorf(diag.UnknownChannel, t.File, c.Pos, fmt.Sprintf("team %s has no channel %q", t.ID, c.ID), refHint(c.ID, "channel", channels))
				}
			}
			for _, o := range lv.Teams {
				resolve(l, t.File, o, "team", ix.teams)
			}
		}
		l.checkLevelSchedules(t)
	}
	l.checkRunbookScopes(ix.domains)
	for _, rb := range p.Runbooks {
		resolve(l, rb.File, rb.Domain, "domain", ix.domains)
		for _, s := range rb.Severities {
			resolve(l, rb.File, s, "severity", ix.severities)
		}
		for _, a := range rb.Alert {
			resolve(l, rb.File, a, "team", ix.teams)
		}
		for _, v := range rb.Vendors {
			resolve(l, rb.File, v, "vendor", ix.vendors)
		}
	}
}

func (l *loader) checkTeams() {
	ix := &l.p.idx
	for _, t := range l.p.Teams {
		h := &t.Hours
		if h.Set && !h.Always && h.TimeZone != "" && h.loc == nil {
			l.checkZone(t.File, h.TimeZone, h.ZonePos) // reports it
		}
		if l.broken[t.File] {
			continue
		}
		for _, w := range h.Windows {
			l.sameEnds(t.File, w)
			if w.DateErr != nil {
				l.errorf(diag.InvalidHours, t.File, w.Pos, "hours window: "+w.DateErr.Error(),
					`write months as january:march or 1:3, and days of the month as "1:7", or "-1" for the last day`)
			}
		}
		if h.Always && t.AfterHours.ID != "" {
			l.warnf(diag.UnusedAfterHours, t.File, t.AfterHours.Pos, fmt.Sprintf("team %s works 24x7, so its after_hours team is never used", t.ID), "remove after_hours")
		}
		if ch := t.Escalation; ch.Repeat > 0 && len(ch.Levels) > 0 && !slices.ContainsFunc(ch.Levels, func(lv Level) bool { return !lv.UntilResolved() }) {
			l.warnf(diag.ChainRepeat, t.File, ch.Pos, fmt.Sprintf("the escalation chain of %s repeats %d times, but every level waits for resolution and fires once", t.ID, ch.Repeat),
				"remove repeat, or let a level fire while the incident is unacknowledged")
		}
		for i, lv := range t.Escalation.Levels {
			if i > 0 && lv.After.Set && t.Escalation.Levels[i-1].After.Set && lv.After.Duration <= t.Escalation.Levels[i-1].After.Duration {
				l.errorf(diag.ChainNotIncreasing, t.File, lv.After.Pos, fmt.Sprintf("escalation level %d fires at T+%s, not after level %d at T+%s", i+1, lv.After, i, t.Escalation.Levels[i-1].After),
					"`after` is the time from the start of the incident; each level's must be later than the one before")
			}
		}
	}
	// After-hours fallbacks must end at a team that is working: report each loop once.
	reported := make(map[*Team]bool)
	for _, t := range l.p.Teams {
		var path []*Team
		for cur := t; cur != nil && !cur.Hours.Always; cur = ix.teams[cur.AfterHours.ID] {
			if i := slices.Index(path, cur); i >= 0 {
				loop := path[i:]
				if !slices.ContainsFunc(loop, func(x *Team) bool { return reported[x] }) {
					names := make([]string, 0, len(loop)+1)
					for _, x := range loop {
						names = append(names, x.ID)
						reported[x] = true
					}
					names = append(names, cur.ID)
					start := slices.MinFunc(loop, func(a, b *Team) int { return strings.Compare(a.File, b.File) })
					l.errorf(diag.FallbackLoop, start.File, start.AfterHours.Pos, "after-hours fallbacks loop: "+strings.Join(names, " -> "),
						"end the chain at a 24x7 team so someone is always reachable")
				}
				break
			}
			path = append(path, cur)
		}
	}
}

func (l *loader) checkFacts() {
	mf := l.p.MatrixFile
	for _, f := range l.p.Facts {
		switch {
		case f.Type == Choice && len(f.Options) == 0 && f.From == "":
			l.errorf(diag.BadFactOptions, mf, f.Pos, fmt.Sprintf("choice fact %q has no options", f.ID), "add `options: [...]`, or `from: domains` or `from: severities`")
		case f.Type == Choice && len(f.Options) > 0 && f.From != "":
			l.errorf(diag.BadFactOptions, mf, f.Pos, fmt.Sprintf("choice fact %q has both options and from", f.ID), "keep one of them")
		case f.Type != Choice && f.Type != "" && (len(f.Options) > 0 || f.From != ""):
			l.errorf(diag.BadFactOptions, mf, f.Pos, fmt.Sprintf("%s fact %q cannot have options", f.Type, f.ID), "options and from belong to choice facts")
		}
	}
}

// compile types a condition against its fact. It reports values that do not fit.
func (l *loader) compile(c *Cond) {
	mf := l.p.MatrixFile
	fact := l.p.Fact(c.Fact)
	if fact == nil {
		l.errorf(diag.UnknownFact, mf, c.FactPos, fmt.Sprintf("unknown fact %q", c.Fact), refHint(c.Fact, "fact", l.p.idx.facts))
		return
	}
	c.fact, c.typ = fact.Index, fact.Type
	n := c.node
	var scalars []*yaml.Node
	switch n.Kind {
	case yaml.ScalarNode:
		if fact.Type == Number && n.Tag == "!!str" {
			s := strings.TrimSpace(n.Value)
			for _, name := range []string{">=", "<=", "!=", "==", ">", "<"} {
				if rest, ok := strings.CutPrefix(s, name); ok {
					v, err := strconv.ParseFloat(strings.TrimSpace(rest), 64)
					if err != nil {
						break
					}
					c.op, c.vals, c.valid = opNames[name], []value{{n: v}}, true
					return
				}
			}
			l.errorf(diag.BadCondition, mf, c.Pos, fmt.Sprintf("condition %q on number fact %q is neither a number nor a comparison", n.Value, fact.ID),
				`write a number, a list of numbers, or a comparison such as ">= 3"`)
			return
		}
		scalars = []*yaml.Node{n}
	case yaml.SequenceNode:
		if len(n.Content) == 0 {
			l.errorf(diag.EmptyCondition, mf, c.Pos, fmt.Sprintf("empty list for fact %q: the rule can never match", fact.ID), "list at least one value")
			return
		}
		scalars = n.Content
	default:
		return // the schema reported it
	}
	c.op, c.vals = opAny, make([]value, 0, len(scalars))
	ok := true
	for _, s := range scalars {
		v, good := l.operand(fact, s)
		ok = ok && good
		c.vals = append(c.vals, v)
	}
	c.valid = ok
}

// operand types one scalar of a condition against fact.
func (l *loader) operand(fact *Fact, s *yaml.Node) (value, bool) {
	mf := l.p.MatrixFile
	pos := nodePos(s)
	if s.Kind != yaml.ScalarNode {
		return value{}, false
	}
	switch fact.Type {
	case Bool:
		if s.Tag != "!!bool" {
			l.errorf(diag.InvalidFactValue, mf, pos, fmt.Sprintf("fact %q is yes or no, not %q", fact.ID, s.Value), "use true or false")
			return value{}, false
		}
		v, _ := fact.parse(s.Value)
		return v, true
	case Number:
		if s.Tag != "!!int" && s.Tag != "!!float" {
			l.errorf(diag.InvalidFactValue, mf, pos, fmt.Sprintf("fact %q is a number, not %q", fact.ID, s.Value), `use a number, or a comparison such as ">= 3"`)
			return value{}, false
		}
		v, err := fact.parse(s.Value)
		return v, err == nil
	case Choice:
		if !slices.Contains(fact.Choices, s.Value) {
			hint := diag.DidYouMean(s.Value, fact.Choices)
			if hint == "" {
				hint = "valid: " + strings.Join(fact.Choices, ", ")
			}
			l.errorf(diag.InvalidFactValue, mf, pos, fmt.Sprintf("%q is not a valid %s", s.Value, fact.ID), hint)
			return value{}, false
		}
		return value{s: s.Value}, true
	default:
		return value{s: strings.ToLower(s.Value)}, true
	}
}

func (l *loader) checkRoutes() {
	mf := l.p.MatrixFile
	var def *Rule
	for _, r := range l.p.Routes {
		for i := range r.When {
			l.compile(&r.When[i])
		}
		if def != nil {
			l.errorf(diag.UnreachableRule, mf, r.Pos, fmt.Sprintf("rule %q can never match: the default rule %q matches every case first", r.Name, def.Name),
				"move the default rule (the one without `when`) to the end", noteAt(mf, def.Pos, fmt.Sprintf("the default rule %q", def.Name)))
			continue
		}
		if r.IsDefault() && !r.Continue {
			def = r
		}
	}
	if def != nil && def != l.p.Routes[len(l.p.Routes)-1] {
		l.errorf(diag.DefaultNotLast, mf, def.Pos, fmt.Sprintf("the default rule %q is not last", def.Name), "move it to the end of routes: rules after it can never match")
	}
	if def == nil && len(l.p.Routes) > 0 {
		last := l.p.Routes[len(l.p.Routes)-1]
		l.warnf(diag.NoDefaultRule, mf, last.Pos, "routes have no default rule: a case no rule matches has no owner",
			"end routes with a rule without `when`, such as `- {name: Everything else, to: support-l2}`")
	}
	// A rule is shadowed when an earlier deciding rule matches every case it matches. A
	// raise between the two can change the severity the later rule reads, so a rule
	// that conditions on severity is not judged across one.
	sf := -1
	if fact := l.p.SeverityFact(); fact != nil {
		sf = fact.Index
	}
	// Every pair of rules is compared, so a rule's facts as bits rule out at once an
	// earlier rule that conditions on a fact the later one does not.
	facts := make([]uint64, len(l.p.Routes))
	for i, r := range l.p.Routes {
		facts[i] = factBits(r)
	}
	for i, r := range l.p.Routes {
		if r.IsDefault() || r == def {
			continue
		}
		for j, earlier := range l.p.Routes[:i] {
			if earlier.Continue || earlier.IsDefault() || facts[j]&^facts[i] != 0 || !covers(earlier, r) || raisesBetween(l.p.Routes[j+1:i], earlier, sf) {
				continue
			}
			l.warnf(diag.ShadowedRule, mf, r.Pos, fmt.Sprintf("rule %q can never match: rule %q matches every case it does", r.Name, earlier.Name),
				"move the narrower rule first, or remove it", noteAt(mf, earlier.Pos, fmt.Sprintf("rule %q, which shadows it", earlier.Name)))
			break
		}
	}
}

// raisesBetween reports whether a conditions on the severity fact (index sf) and one of
// the rules between raises the severity.
func raisesBetween(between []*Rule, a *Rule, sf int) bool {
	if !slices.ContainsFunc(a.When, func(c Cond) bool { return c.fact == sf }) {
		return false
	}
	return slices.ContainsFunc(between, func(r *Rule) bool { return r.Continue && r.Severity.ID != "" })
}

// factBits has a bit for each fact r's valid conditions read, facts past the 63rd
// sharing the last, and every bit when a condition is not valid: covers needs each of
// a's facts among b's, and no condition of a that is not valid.
func factBits(r *Rule) uint64 {
	var bits uint64
	for i := range r.When {
		c := &r.When[i]
		if !c.valid {
			return ^uint64(0)
		}
		bits |= 1 << min(c.fact, 63)
	}
	return bits
}

// covers reports whether every case that satisfies b also satisfies a.
func covers(a, b *Rule) bool {
	for i := range a.When {
		ca := &a.When[i]
		if !ca.valid {
			return false
		}
		var cb *Cond
		for j := range b.When {
			if b.When[j].fact == ca.fact && b.When[j].valid && b.When[j].Fact == ca.Fact {
				cb = &b.When[j]
			}
		}
		if cb == nil || !implies(cb, ca) {
			return false
		}
	}
	return true
}

// implies reports whether condition b holding guarantees a holds (same fact).
func implies(b, a *Cond) bool {
	if b.op == opAny {
		for _, v := range b.vals {
			if !a.holds(a.typ, v) {
				return false
			}
		}
		return true
	}
	if a.op == opAny || a.op == opNe || b.op == opNe {
		return false
	}
	// Both are one-sided numeric bounds.
	lo := func(c *Cond) bool { return c.op == opGt || c.op == opGe }
	if lo(a) != lo(b) {
		return false
	}
	av, bv := a.vals[0].n, b.vals[0].n
	switch a.op {
	case opGe:
		return bv > av || (bv == av)
	case opGt:
		return bv > av || (bv == av && b.op == opGt)
	case opLe:
		return bv < av || (bv == av)
	case opLt:
		return bv < av || (bv == av && b.op == opLt)
	}
	return false
}
