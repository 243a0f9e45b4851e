package drill

import (
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode"

	"github.com/escalator-dev/escalator/matrix"
)

// write fills the scenario's words: title, story, monitors, injects and objectives.
// Nothing in the story names the answer; the facts are clues in it or in the injects.
func (g *gen) write(s *Scenario, domain *matrix.Domain, rule *matrix.Rule) {
	p, r, d := g.p, g.rng, s.Decision
	local := s.Start.In(g.loc)
	when := partOfDay(local)
	s.Title = fmt.Sprintf("%s: %s %s", domain.Name, kindTitle[s.Kind], when)
	s.Summary = fmt.Sprintf("%s in %s, %s, %s.", kindSummary[s.Kind], domain.Name, when, map[bool]string{true: "out of hours", false: "in hours"}[len(d.OffHours) > 0])

	subject := domain.Name
	var story []string
	switch s.Kind {
	case "misleading":
		other := domain
		for _, x := range p.Domains {
			if x != domain {
				other = x
				if r.IntN(2) == 0 {
					break
				}
			}
		}
		story = append(story, fmt.Sprintf("A merchant writes in at %s: “Your %s is broken, nothing loads for us.”", local.Format("15:04"), other.Name))
		if other != domain {
			s.Injects = append(s.Injects, Inject{10 * time.Minute,
				fmt.Sprintf("The %s dashboards are all green; the errors are in %s.", other.Name, domain.Name),
				fmt.Sprintf("Route by what fails (%s), not by the first report: %s owns it.", domain.Name, d.Owner.Name)})
		}
	case "pattern":
		story = append(story, fmt.Sprintf("At %s support notices the same complaint about %s from several merchants.", local.Format("15:04"), subject))
	default:
		story = append(story, fmt.Sprintf("A merchant calls support at %s: “Something in %s has stopped working for us. %s”", local.Format("15:04"), subject, pick(r, complaints)))
	}
	s.Monitors = append(s.Monitors, monitor(p, domain, d.Given))
	if v := s.Vendor; v != nil {
		s.Monitors = append(s.Monitors, fmt.Sprintf("Calls from %s to %s (%s) are timing out.", domain.Name, v.Name, v.Service))
		text := fmt.Sprintf("%s's status page now shows a major incident.", v.Name)
		if v.StatusPage != "" {
			text = fmt.Sprintf("%s's status page (%s) now shows a major incident.", v.Name, v.StatusPage)
		}
		exp := "Contact " + v.Name + " support" + vendorContact(v)
		if v.Fallback != "" {
			exp += " and decide on the fallback: " + firstSentence(v.Fallback)
		}
		s.Injects = append(s.Injects, Inject{10 * time.Minute, text, exp + "."})
	}
	// Facts beyond domain and severity are clues: in the story when a phrase for them
	// is known, else revealed by an inject.
	for _, fa := range s.Facts {
		f := fa.Fact
		if f == p.DomainFact() || f == p.SeverityFact() {
			continue
		}
		c := clue(f, fa.Value)
		if c == "" && f.Type == matrix.Bool && fa.Value != "true" {
			continue // a no needs no clue: nothing in the story suggests a yes
		}
		if c != "" {
			story = append(story, c)
			continue
		}
		s.Injects = append(s.Injects, Inject{5 * time.Minute,
			fmt.Sprintf("Asked “%s”, the reporter answers: %s.", strings.TrimSpace(f.Question), spoken(f, fa.Value)), ""})
	}
	s.Story = strings.Join(story, " ")

	// What the rules decide is not written into the injects: the tabletop sheet and the
	// key compute it, so it can never go stale in the file.
	s.Injects = append(s.Injects, Inject{0, "The report reaches the first responder.", "Establish the facts, then route: severity, owner, who to page and who to tell."})
	if sev := d.Severity; sev != nil {
		if up := sev.Updates.Internal; up.Set && !up.IsBusiness() && up.Duration <= time.Hour {
			s.Injects = append(s.Injects, Inject{up.Duration, "Someone senior asks in the incident channel what is going on.",
				"Post the first internal update, on the brief the rules name."})
		}
	}
	slices.SortStableFunc(s.Injects, func(a, b Inject) int { return int(a.At - b.At) })

	s.Objectives = append(s.Objectives,
		"Decide the severity and the owning team within the severity's triage target.",
		"Page the right person, and escalate on time if nobody acknowledges.",
		"Notify every team the rules name, and nobody else.")
	if d.Severity != nil && len(d.Roles) > 0 {
		s.Objectives = append(s.Objectives, "Staff the roles the severity requires.")
	}
	switch {
	case len(d.Briefs) > 1:
		s.Objectives = append(s.Objectives, "Send each brief the rules name, with every required field.")
	case len(d.Briefs) == 1:
		s.Objectives = append(s.Objectives, "Send the escalation brief the rules name, with every required field.")
	}
	switch {
	case s.Vendor != nil:
		s.Objectives = append(s.Objectives, "Reach the vendor through its support line, and decide on its fallback.")
	case s.Kind == "misleading":
		s.Objectives = append(s.Objectives, "Route by what fails, not by what the first report says.")
	case rule != nil:
		s.Objectives = append(s.Objectives, "Spot what in the report changes the route.")
	}
}

var kindTitle = map[string]string{
	"outage": "it stops working", "vendor": "a supplier fails", "pattern": "the same complaint, again and again",
	"flag": "an important caller", "security": "something does not look right", "rule": "a report to triage",
	"misleading": "the first report points elsewhere",
}

var kindSummary = map[string]string{
	"outage": "An outage", "vendor": "A vendor outage", "pattern": "A pattern of reports",
	"flag": "A report with a flag that changes who is told", "security": "A security case", "rule": "A case for one routing rule",
	"misleading": "A misleading first report",
}

var complaints = []string{
	"Our customers are complaining.", "We have tried again and it still fails.",
	"Is something wrong on your side?", "This is costing us money right now.",
}

// partOfDay says when an instant is, as people say it: "on a Saturday night".
func partOfDay(t time.Time) string {
	h := t.Hour()
	part := "night"
	switch {
	case h >= 6 && h < 9:
		part = "early morning"
	case h >= 9 && h < 12:
		part = "morning"
	case h >= 12 && h < 17:
		part = "afternoon"
	case h >= 17 && h < 22:
		part = "evening"
	}
	return "on a " + t.Weekday().String() + " " + part
}

// monitor is what the dashboards show at T+0: the severity's criterion that names the
// domain, else a signal as strong as the severity.
func monitor(p *matrix.Playbook, dom *matrix.Domain, sev *matrix.Severity) string {
	if sev == nil {
		return "Nothing unusual on the " + dom.Name + " dashboards."
	}
	// The domain's id names it best; words of its name are shared too widely.
	words := strings.Split(dom.ID, "-")
	for _, c := range sev.Criteria {
		for _, w := range strings.FieldsFunc(strings.ToLower(c), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
			if len(w) > 2 && slices.Contains(words, w) {
				return c
			}
		}
	}
	switch {
	case sev.Rank == 0:
		return fmt.Sprintf("Errors for %s above 20%% for five minutes; the alert has fired.", dom.Name)
	case sev.Rank == 1:
		return fmt.Sprintf("Latency for %s well above normal, and errors rising.", dom.Name)
	case sev.Rank < len(p.Severities)-1:
		return fmt.Sprintf("A few errors for %s; no alert has fired.", dom.Name)
	}
	return "Nothing unusual on the " + dom.Name + " dashboards."
}

// clue is a sentence of the story that gives a fact away to a careful listener, for
// the facts whose meaning their id says; "" for others.
func clue(f *matrix.Fact, v string) string {
	id := strings.ToLower(f.ID)
	yes := v == "true"
	switch {
	case f.Type == matrix.Bool && strings.Contains(id, "secur"):
		if yes {
			return "They add that a colleague got a password-reset e-mail nobody asked for, and they can see another merchant's name on a receipt."
		}
		return ""
	case f.Type == matrix.Bool && (strings.Contains(id, "value") || strings.Contains(id, "enterprise") || strings.Contains(id, "vip")):
		if yes {
			return "It is one of our largest accounts: their account manager is copied in and says they are talking to a competitor."
		}
	case f.Type == matrix.Bool && strings.Contains(id, "sla"):
		if yes {
			return "They point out the uptime and response times in their contract, and that the clock started when they wrote in."
		}
	case f.Type == matrix.Bool && strings.Contains(id, "confirm"):
		if yes {
			return "An engineer has already reproduced it on a test account."
		}
		return "Nobody has reproduced it yet."
	case f.Type == matrix.Number && (strings.Contains(id, "customer") || strings.Contains(id, "merchant") || strings.Contains(id, "report")):
		if v == "1" {
			return "So far this is the only merchant to report it."
		}
		return fmt.Sprintf("By now %s different merchants have reported the same thing.", v)
	case f.Type == matrix.Choice && (strings.Contains(id, "categor") || strings.Contains(id, "kind")):
		if c, ok := categoryClue[v]; ok {
			return c
		}
	}
	return ""
}

var categoryClue = map[string]string{
	"outage":      "Nothing works at all, for any of their staff.",
	"performance": "It works, but slowly, and one attempt in three times out.",
	"bug":         "It works, but the numbers it shows are wrong.",
	"feature-gap": "What they need is something the product has never done.",
	"question":    "They are not sure whether they are doing it right.",
}

// spoken is a fact's value as a reporter would say it.
func spoken(f *matrix.Fact, v string) string {
	if f.Type == matrix.Bool {
		return map[bool]string{true: "yes", false: "no"}[v == "true"]
	}
	return v
}

func vendorContact(v *matrix.Vendor) string {
	var parts []string
	if v.Support.Phone != "" {
		parts = append(parts, v.Support.Phone)
	} else if v.Support.Email != "" {
		parts = append(parts, v.Support.Email)
	}
	if v.Support.Account != "" {
		parts = append(parts, "quote "+v.Support.Account)
	}
	if len(parts) == 0 {
		return ""
	}
	return " (" + strings.Join(parts, ", ") + ")"
}

// RouteText says what the rules decide at T+0: "Route to SRE On-call (Payments
// Engineering is out of hours) at sev1 Critical; page Ethan Cho, #inc."
func RouteText(d *matrix.Decision) string {
	owner := d.Owner.Name
	if len(d.OffHours) > 0 {
		owner += " (" + d.Routed.Name + " is out of hours)"
	}
	sev := "no severity"
	if d.Severity != nil {
		sev = d.Severity.ID + " " + d.Severity.Name
	}
	out := fmt.Sprintf("Route to %s at %s", owner, sev)
	if d.Immediate {
		out += ", at once"
	}
	for _, h := range d.Handoffs {
		if h.After == 0 {
			out += "; page " + strings.Join(Paged(h), ", ")
			break
		}
	}
	return out + "."
}

// Paged lists whom an escalation step pages, the person on duty by name.
func Paged(h matrix.Handoff) []string {
	var out []string
	for _, m := range h.Members {
		out = append(out, m.Name)
	}
	for i, s := range h.Schedules {
		name := "on duty in " + s.Title()
		if i < len(h.OnCall) {
			if pp := h.OnCall[i].Person; pp != nil {
				name = pp.Member.Name + " (" + s.Title() + ")"
			} else {
				name = "nobody on duty in " + s.Title()
			}
		}
		out = append(out, name)
	}
	for _, c := range h.Channels {
		out = append(out, c.Name)
	}
	for _, t := range h.Teams {
		out = append(out, t.Name)
	}
	return out
}

// firstSentence is the first sentence of s, without its full stop.
func firstSentence(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if i := strings.Index(s, ". "); i >= 0 {
		s = s[:i]
	}
	return strings.TrimSuffix(s, ".")
}
