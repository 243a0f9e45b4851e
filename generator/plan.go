package generator

import (
	"slices"
	"strings"
	"time"

	"github.com/escalator-dev/escalator/generator/flow"
	"github.com/escalator-dev/escalator/matrix"
)

// Page subjects: what each kind of page shows beyond its document.

type teamData struct {
	Team       *matrix.Team
	Fallbacks  []*matrix.Team // after-hours fallbacks, in order
	Handoffs   []matrix.Handoff
	Domains    []*matrix.Domain
	Runbooks   []*matrix.Runbook
	Vendors    []*matrix.Vendor
	Rules      []*matrix.Rule // rules that route to the team
	Severities []string       // tiers at which it owns a grid cell
}

type severityData struct {
	Severity *matrix.Severity
	Roles    []*matrix.Role
	Missing  []string // role ids the tier names without a card
	Runbooks []*matrix.Runbook
	Cells    []matrix.Cell   // the grid column
	Briefs   []*matrix.Brief // those the column's routes name, then those for every incident
}

type domainData struct {
	Domain   *matrix.Domain
	Owner    *matrix.Team
	Vendors  []*matrix.Vendor
	Runbooks []*matrix.Runbook
	Cells    []matrix.Cell // the grid row
}

type runbookData struct {
	Runbook    *matrix.Runbook
	Domain     *matrix.Domain   // the first domain it applies to
	Domains    []*matrix.Domain // every domain it applies to (all of them for domains: all)
	Owner      *matrix.Team
	AfterHours []*matrix.Team // who answers for the owner out of its hours, in order
	Alert      []*matrix.Team
	Vendors    []*matrix.Vendor
}

type roleData struct {
	Role       *matrix.Role
	Severities []*matrix.Severity
	Runbooks   []roleRunbook // runbooks with steps for the role, in runbook order
}

type vendorData struct {
	Vendor   *matrix.Vendor
	Owner    *matrix.Team
	Domains  []*matrix.Domain
	Runbooks []*matrix.Runbook
}

// cellView is a grid cell with its escalation in hours and out of them.
type cellView struct {
	matrix.Cell
	OffHours         *matrix.Team // who owns it out of hours; nil when the owner is 24x7
	InHoursHandoffs  []matrix.Handoff
	OffHoursHandoffs []matrix.Handoff
	// Runbooks are the first of the decision's runbooks, which the grid shows; More
	// counts the others, which the domain page lists.
	Runbooks []*matrix.Runbook
	More     int
}

// cellRunbooks is how many runbooks a grid cell shows. A large playbook has dozens for
// a cell, and listing them all made a grid no one could read and a page of megabytes.
const cellRunbooks = 3

type matrixData struct {
	Rows  [][]cellView
	Tests []matrix.TestResult
	// Record is each rule's record in the incident history, by rule index: "routed 41
	// incidents, 3 misroutes"; empty without records.
	Record map[int]string
}

type listItem struct {
	Title, URL, Summary, Note string
	Checklist                 string // a runbook's printable checklist
}

type listData struct {
	Items []listItem
	Pack  string // the print pack of every checklist listed, or ""
}

// packData is a print pack: every checklist of a domain, or of the playbook, to print
// at once for a drill.
type packData struct {
	Domain    *matrix.Domain // nil for the whole playbook
	Checklist []runbookData
}

type homeData struct {
	Pages   []*matrix.Page
	History bool // the playbook has incident records: link the history page
	Drills  bool // the playbook has drills: link their index
}

// plan lists every page of the site, in a fixed order.
func (s *shared) plan() []*page {
	p := s.P
	var pages []*page
	add := func(pg *page) *page { pages = append(pages, pg); return pg }

	add(newPage("index.html", kindHome, p.Site.Title, &p.MatrixMeta, homeData{Pages: s.pageNav, History: s.history != nil, Drills: len(p.Drills) > 0}))
	add(newPage("matrix.html", kindMatrix, "Escalation matrix", &p.MatrixMeta, s.matrixData())).Diagram = flow.Policy(p)
	add(newPage("triage.html", kindTriage, "Route an incident", &p.MatrixMeta, triageQuestions(p)))
	add(newPage("contacts.html", kindContacts, "All contacts", oldest(p, p.Teams), p.Teams)).Print = true

	sevItems := make([]listItem, 0, len(p.Severities))
	for _, sev := range p.Severities {
		sevItems = append(sevItems, listItem{sev.ID + " " + sev.Name, "severities/" + sev.ID + ".html", sev.Description, ackText(sev.SLA.Acknowledge), ""})
	}
	add(newPage("severities.html", kindList, "Severities", &p.MatrixMeta, listData{Items: sevItems}))
	for _, sev := range p.Severities {
		v := add(newPage("severities/"+sev.ID+".html", kindSeverity, sev.ID+" "+sev.Name, &p.MatrixMeta, s.severityData(sev)))
		v.Print, v.Diagram = true, flow.Lifecycle(sev)
	}

	var teamItems []listItem
	for _, t := range p.Teams {
		teamItems = append(teamItems, listItem{t.Name, "teams/" + t.ID + ".html", t.Description, titleCase(t.Kind), ""})
	}
	add(newPage("teams.html", kindList, "Teams", oldest(p, p.Teams), listData{Items: teamItems}))
	ix := s.indexByTeam()
	for _, t := range p.Teams {
		add(newPage("teams/"+t.ID+".html", kindTeam, t.Name, &t.Meta, s.teamData(t, ix))).Diagram = flow.Ladder(p, t)
		if len(s.oncallViews[t.ID]) > 0 {
			cal := s.calendar(t)
			add(newPage("teams/"+t.ID+".calendar.html", kindCalendar, "On-call calendar: "+t.Name+", "+cal.Month, &t.Meta, cal)).Print = true
		}
	}
	for i, dom := range p.Domains {
		v := add(newPage("domains/"+dom.ID+".html", kindDomain, dom.Name, &p.MatrixMeta, s.domainData(i, dom)))
		v.Diagram = flow.Domain(p, dom)
	}

	var roleItems []listItem
	for _, r := range p.Roles {
		roleItems = append(roleItems, listItem{r.Name, "roles/" + r.ID + ".html", r.Summary, "", ""})
	}
	add(newPage("roles.html", kindList, "Roles", oldest(p, p.Roles), listData{Items: roleItems}))
	for _, r := range p.Roles {
		d := roleData{Role: r, Runbooks: roleRunbooks(p, r.ID)}
		for _, sev := range p.Severities {
			if slices.ContainsFunc(sev.Roles, func(x matrix.Ref) bool { return x.ID == r.ID }) {
				d.Severities = append(d.Severities, sev)
			}
		}
		v := add(newPage("roles/"+r.ID+".html", kindRole, r.Name, &r.Meta, d))
		v.markdown, v.bodyLine, v.Print = r.Body, r.BodyLine, true
	}

	var rbItems []listItem
	for _, r := range p.Runbooks {
		rbItems = append(rbItems, listItem{r.Title, "runbooks/" + r.ID + ".html", r.Summary, runbookTag(p, r), "runbooks/" + r.ID + ".checklist.html"})
	}
	add(newPage("runbooks.html", kindList, "Runbooks", oldest(p, p.Runbooks), listData{Items: rbItems, Pack: "print/all.html"}))
	all := packData{}
	byDomain := map[string][]runbookData{}
	for _, r := range p.Runbooks {
		doc, checklist := s.runbookPages(r)
		add(doc)
		add(checklist)
		// The print packs show the same data as the checklists.
		d := doc.X.(runbookData)
		all.Checklist = append(all.Checklist, d)
		for _, id := range r.DomainIDs(p) {
			byDomain[id] = append(byDomain[id], d)
		}
	}

	if len(p.Runbooks) > 0 {
		add(newPage("print/all.html", kindPack, "Print pack: every checklist", oldest(p, p.Runbooks), all)).Print = true
		for _, dom := range p.Domains {
			if rbs := byDomain[dom.ID]; len(rbs) > 0 {
				add(newPage("print/"+dom.ID+".html", kindPack, "Print pack: "+dom.Name, &p.MatrixMeta, packData{Domain: dom, Checklist: rbs})).Print = true
			}
		}
	}

	var briefItems []listItem
	for _, b := range p.Briefs {
		briefItems = append(briefItems, listItem{b.Title, "briefs/" + b.ID + ".html", b.Summary, "to " + b.Target, ""})
	}
	add(newPage("briefs.html", kindList, "Brief templates", oldest(p, p.Briefs), listData{Items: briefItems}))
	for _, b := range p.Briefs {
		v := add(newPage("briefs/"+b.ID+".html", kindBrief, b.Title, &b.Meta, b))
		v.markdown, v.bodyLine, v.Print = b.Body, b.BodyLine, true
	}

	var vendorItems []listItem
	for _, vd := range p.Vendors {
		vendorItems = append(vendorItems, listItem{vd.Name, "vendors/" + vd.ID + ".html", vd.Service, "", ""})
	}
	add(newPage("vendors.html", kindList, "Vendors", oldest(p, p.Vendors), listData{Items: vendorItems}))
	for _, vd := range p.Vendors {
		add(newPage("vendors/"+vd.ID+".html", kindVendor, vd.Name, &vd.Meta, s.vendorData(vd)))
	}

	for _, pg := range s.pageNav {
		v := add(newPage("pages/"+pg.ID+".html", kindPage, pg.Title, &pg.Meta, pg))
		v.markdown, v.bodyLine = pg.Body, pg.BodyLine
	}
	if s.history != nil {
		add(newPage("history.html", kindHistory, "How we are doing", &p.MatrixMeta, s.historyData()))
	}
	add(newPage("review.html", kindReview, "Review status", &p.MatrixMeta, s.reviewData()))
	pages = append(pages, s.drillPages()...)
	add(newPage("search.html", kindSearch, "Search", &p.MatrixMeta, nil))
	add(newPage("404.html", kindNotFound, "Page not found", &p.MatrixMeta, nil))
	return pages
}

// oldest stands for a list of documents in the page footer: the playbook's owner, and
// the least recent review among them, so a list shows when any of its entries is stale.
// Documents never reviewed do not count: the audit cannot date them.
func oldest[T interface{ Metadata() *matrix.Meta }](p *matrix.Playbook, docs []T) *matrix.Meta {
	m := p.MatrixMeta
	m.File = "" // an aggregate, not a file
	m.LastReviewed = matrix.Date{}
	for _, d := range docs {
		if r := d.Metadata().LastReviewed; !r.IsZero() && (m.LastReviewed.IsZero() || r.Before(m.LastReviewed.Time)) {
			m.LastReviewed = r
		}
	}
	return &m
}

// byTeam indexes what team pages list, so that planning stays linear in the size of
// the playbook: a large one has hundreds of teams and thousands of runbooks.
type byTeam struct {
	domains    map[string][]*matrix.Domain
	runbooks   map[string][]*matrix.Runbook
	vendors    map[string][]*matrix.Vendor
	rules      map[string][]*matrix.Rule
	severities map[*matrix.Team][]string
}

func (s *shared) indexByTeam() *byTeam {
	p := s.P
	ix := &byTeam{
		domains:    map[string][]*matrix.Domain{},
		runbooks:   map[string][]*matrix.Runbook{},
		vendors:    map[string][]*matrix.Vendor{},
		rules:      map[string][]*matrix.Rule{},
		severities: map[*matrix.Team][]string{},
	}
	for _, dom := range p.Domains {
		ix.domains[dom.Owner.ID] = append(ix.domains[dom.Owner.ID], dom)
	}
	for _, r := range p.Runbooks {
		ix.runbooks[r.Owner.ID] = append(ix.runbooks[r.Owner.ID], r)
	}
	for _, vd := range p.Vendors {
		ix.vendors[vd.Owner.ID] = append(ix.vendors[vd.Owner.ID], vd)
	}
	for _, r := range p.Routes {
		ix.rules[r.To.ID] = append(ix.rules[r.To.ID], r)
		for _, a := range r.Also {
			if a.ID != r.To.ID && !slices.Contains(ix.rules[a.ID], r) {
				ix.rules[a.ID] = append(ix.rules[a.ID], r)
			}
		}
	}
	for _, row := range s.grid {
		for _, c := range row {
			if c.Decision != nil && c.Decision.Owner != nil && !slices.Contains(ix.severities[c.Decision.Owner], c.Severity.ID) {
				ix.severities[c.Decision.Owner] = append(ix.severities[c.Decision.Owner], c.Severity.ID)
			}
		}
	}
	return ix
}

func (s *shared) teamData(t *matrix.Team, ix *byTeam) *teamData {
	p := s.P
	return &teamData{Team: t, Handoffs: p.Handoffs(t, time.Time{}), Fallbacks: p.Fallbacks(t),
		Domains: ix.domains[t.ID], Runbooks: ix.runbooks[t.ID], Vendors: ix.vendors[t.ID],
		Rules: ix.rules[t.ID], Severities: ix.severities[t]}
}

func (s *shared) runbookData(r *matrix.Runbook) runbookData {
	p := s.P
	d := runbookData{Runbook: r, Owner: p.Team(r.Owner.ID)}
	for _, id := range r.DomainIDs(p) {
		if dom := p.Domain(id); dom != nil {
			d.Domains = append(d.Domains, dom)
		}
	}
	if len(d.Domains) > 0 {
		d.Domain = d.Domains[0]
	}
	if d.Owner != nil {
		d.AfterHours = p.Fallbacks(d.Owner)
	}
	for _, a := range r.Alert {
		if t := p.Team(a.ID); t != nil {
			d.Alert = append(d.Alert, t)
		}
	}
	for _, ref := range r.Vendors {
		if vd := p.Vendor(ref.ID); vd != nil {
			d.Vendors = append(d.Vendors, vd)
		}
	}
	return d
}

// runbookPages plans a runbook's page and its printable checklist.
func (s *shared) runbookPages(r *matrix.Runbook) (doc, checklist *page) {
	d := s.runbookData(r)
	doc = newPage("runbooks/"+r.ID+".html", kindRunbook, r.Title, &r.Meta, d)
	doc.markdown, doc.bodyLine = r.Body, r.BodyLine
	checklist = newPage("runbooks/"+r.ID+".checklist.html", kindChecklist, r.Title+": checklist", &r.Meta, d)
	checklist.Print = true
	return doc, checklist
}

func (s *shared) severityData(sev *matrix.Severity) *severityData {
	p := s.P
	d := &severityData{Severity: sev}
	for _, ref := range sev.Roles {
		if r := p.Role(ref.ID); r != nil {
			d.Roles = append(d.Roles, r)
		} else {
			d.Missing = append(d.Missing, ref.ID)
		}
	}
	for _, r := range p.Runbooks {
		if slices.ContainsFunc(r.Severities, func(x matrix.Ref) bool { return x.ID == sev.ID }) {
			d.Runbooks = append(d.Runbooks, r)
		}
	}
	for _, row := range s.grid {
		for _, c := range row {
			if c.Severity == sev {
				d.Cells = append(d.Cells, c)
				if c.Decision == nil {
					continue
				}
				for _, b := range c.Decision.Briefs {
					if !slices.Contains(d.Briefs, b) {
						d.Briefs = append(d.Briefs, b)
					}
				}
			}
		}
	}
	// Status updates, handoffs, notes and reviews serve every incident.
	for _, b := range p.Briefs {
		if b.Kind != "escalation" && !slices.Contains(d.Briefs, b) && (b.Kind != "status-update" || sev.Updates.Customer.Set) {
			d.Briefs = append(d.Briefs, b)
		}
	}
	return d
}

// domainData gathers a domain's page; i is its row in the grid.
func (s *shared) domainData(i int, dom *matrix.Domain) domainData {
	p := s.P
	d := domainData{Domain: dom, Owner: p.Team(dom.Owner.ID)}
	for _, ref := range dom.Vendors {
		if vd := p.Vendor(ref.ID); vd != nil {
			d.Vendors = append(d.Vendors, vd)
		}
	}
	for _, r := range p.Runbooks {
		if r.AppliesTo(p, dom.ID) {
			d.Runbooks = append(d.Runbooks, r)
		}
	}
	if i < len(s.grid) {
		d.Cells = s.grid[i]
	}
	return d
}

func (s *shared) vendorData(vd *matrix.Vendor) vendorData {
	p := s.P
	d := vendorData{Vendor: vd, Owner: p.Team(vd.Owner.ID)}
	for _, dom := range p.Domains {
		if slices.ContainsFunc(dom.Vendors, func(x matrix.Ref) bool { return x.ID == vd.ID }) {
			d.Domains = append(d.Domains, dom)
		}
	}
	for _, r := range p.Runbooks {
		if slices.ContainsFunc(r.Vendors, func(x matrix.Ref) bool { return x.ID == vd.ID }) {
			d.Runbooks = append(d.Runbooks, r)
		}
	}
	return d
}

func (s *shared) matrixData() matrixData {
	p := s.P
	d := matrixData{Tests: s.tests, Record: s.ruleRecords()}
	for _, row := range s.grid {
		var cells []cellView
		for _, c := range row {
			cv := cellView{Cell: c}
			if dec := c.Decision; dec != nil {
				cv.Runbooks, cv.More = dec.Runbooks[:min(len(dec.Runbooks), cellRunbooks)], max(len(dec.Runbooks)-cellRunbooks, 0)
				if owner := dec.Owner; owner != nil {
					cv.InHoursHandoffs = p.Handoffs(owner, time.Time{})
					if fb := p.Fallbacks(owner); len(fb) > 0 {
						cv.OffHours = fb[len(fb)-1]
						cv.OffHoursHandoffs = p.Handoffs(cv.OffHours, time.Time{})
					}
				}
			}
			cells = append(cells, cv)
		}
		d.Rows = append(d.Rows, cells)
	}
	return d
}

// ackText is a severity's acknowledge target for lists: never a figure the playbook did
// not set.
func ackText(d matrix.Duration) string {
	if !d.Set {
		return "acknowledge: " + matrix.NoTarget
	}
	return "acknowledge within " + d.String()
}

// runbookTag is a runbook's tag in lists: its domain, its domains, "all domains", or
// "process".
func runbookTag(p *matrix.Playbook, r *matrix.Runbook) string {
	switch ids := r.DomainIDs(p); {
	case r.IsProcess():
		return "process"
	case r.AllDomains():
		return "all domains"
	default:
		return strings.Join(ids, ", ")
	}
}
