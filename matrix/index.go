package matrix

import (
	"time"

	"github.com/escalator-dev/escalator/matrix/schedule"
)

// cell is a domain at a severity.
type cell struct{ domain, severity string }

// index holds the lookups Load builds once the documents are read. The first document
// with an id wins; later duplicates are errors.
type index struct {
	severities       map[string]*Severity
	domains          map[string]*Domain
	facts            map[string]*Fact
	teams            map[string]*Team
	roles            map[string]*Role
	runbooks         map[string]*Runbook
	briefs           map[string]*Brief
	vendors          map[string]*Vendor
	pages            map[string]*Page
	holidays         map[string]*Holiday
	runbooksByDomain map[string][]*Runbook
	runbooksByCell   map[cell][]*Runbook
	domainFact       *Fact
	severityFact     *Fact
	// compiled holds the schedules that compiled; overrides their overrides by start.
	compiled  map[*Schedule]*schedule.Schedule
	overrides map[*Schedule]map[int64]*Override
	zones     map[*Schedule]*time.Location // each schedule's zone, resolved once
}

func firstByID[T any](items []*T, id func(*T) string) map[string]*T {
	m := make(map[string]*T, len(items))
	for _, x := range items {
		if k := id(x); k != "" {
			if _, dup := m[k]; !dup {
				m[k] = x
			}
		}
	}
	return m
}

func (p *Playbook) buildIndex() {
	p.idx = index{
		severities: firstByID(p.Severities, func(s *Severity) string { return s.ID }),
		domains:    firstByID(p.Domains, func(d *Domain) string { return d.ID }),
		facts:      firstByID(p.Facts, func(f *Fact) string { return f.ID }),
		teams:      firstByID(p.Teams, func(t *Team) string { return t.ID }),
		roles:      firstByID(p.Roles, func(r *Role) string { return r.ID }),
		runbooks:   firstByID(p.Runbooks, func(r *Runbook) string { return r.ID }),
		briefs:     firstByID(p.Briefs, func(b *Brief) string { return b.ID }),
		vendors:    firstByID(p.Vendors, func(v *Vendor) string { return v.ID }),
		pages:      firstByID(p.Pages, func(pg *Page) string { return pg.ID }),
		holidays:   firstByID(p.Holidays, func(h *Holiday) string { return h.ID }),
	}
	p.idx.runbooksByDomain = make(map[string][]*Runbook)
	p.idx.runbooksByCell = make(map[cell][]*Runbook)
	for _, rb := range p.Runbooks {
		if rb.IsProcess() {
			continue // a procedure is offered only where a rule names it
		}
		for _, dom := range rb.DomainIDs(p) {
			p.idx.runbooksByDomain[dom] = append(p.idx.runbooksByDomain[dom], rb)
			for _, s := range rb.Severities {
				k := cell{dom, s.ID}
				if list := p.idx.runbooksByCell[k]; len(list) == 0 || list[len(list)-1] != rb {
					p.idx.runbooksByCell[k] = append(list, rb)
				}
			}
		}
	}
	for _, f := range p.Facts {
		switch f.Type {
		case Choice:
			switch f.From {
			case "domains":
				f.Choices = ids(p.Domains, func(d *Domain) string { return d.ID })
				if p.idx.domainFact == nil {
					p.idx.domainFact = f
				}
			case "severities":
				f.Choices = ids(p.Severities, func(s *Severity) string { return s.ID })
				if p.idx.severityFact == nil {
					p.idx.severityFact = f
				}
			default:
				f.Choices = f.Options
			}
		}
	}
}

func ids[T any](items []*T, id func(*T) string) []string {
	out := make([]string, 0, len(items))
	for _, x := range items {
		out = append(out, id(x))
	}
	return out
}

// Severity returns the tier with the id, or nil.
func (p *Playbook) Severity(id string) *Severity { return p.idx.severities[id] }

// Domain returns the domain with the id, or nil.
func (p *Playbook) Domain(id string) *Domain { return p.idx.domains[id] }

// Fact returns the fact with the id, or nil.
func (p *Playbook) Fact(id string) *Fact { return p.idx.facts[id] }

// Team returns the team with the id, or nil.
func (p *Playbook) Team(id string) *Team { return p.idx.teams[id] }

// Role returns the role with the id, or nil.
func (p *Playbook) Role(id string) *Role { return p.idx.roles[id] }

// Runbook returns the runbook with the id, or nil.
func (p *Playbook) Runbook(id string) *Runbook { return p.idx.runbooks[id] }

// Brief returns the brief template with the id, or nil.
func (p *Playbook) Brief(id string) *Brief { return p.idx.briefs[id] }

// Vendor returns the vendor with the id, or nil.
func (p *Playbook) Vendor(id string) *Vendor { return p.idx.vendors[id] }

// Page returns the free page with the id, or nil.
func (p *Playbook) Page(id string) *Page { return p.idx.pages[id] }

// Holiday returns the holiday calendar with the id, or nil.
func (p *Playbook) Holiday(id string) *Holiday { return p.idx.holidays[id] }

// RunbooksFor lists the runbooks of a domain, in file order.
func (p *Playbook) RunbooksFor(domain string) []*Runbook { return p.idx.runbooksByDomain[domain] }

// DomainFact is the fact whose choices are the domains, or nil.
func (p *Playbook) DomainFact() *Fact { return p.idx.domainFact }

// SeverityFact is the fact whose choices are the severities, or nil.
func (p *Playbook) SeverityFact() *Fact { return p.idx.severityFact }

// Metas lists the audit fields of every document: matrix.yaml, then the teams, roles,
// runbooks, briefs, vendors and pages, each in file order.
func (p *Playbook) Metas() []*Meta {
	out := make([]*Meta, 0, 1+len(p.Teams)+len(p.Roles)+len(p.Runbooks)+len(p.Briefs)+len(p.Vendors)+len(p.Pages)+len(p.Holidays))
	out = append(out, &p.MatrixMeta)
	out = appendMetas(out, p.Teams)
	out = appendMetas(out, p.Roles)
	out = appendMetas(out, p.Runbooks)
	out = appendMetas(out, p.Briefs)
	out = appendMetas(out, p.Vendors)
	out = appendMetas(out, p.Pages)
	return appendMetas(out, p.Holidays)
}

func appendMetas[T document](out []*Meta, docs []T) []*Meta {
	for _, d := range docs {
		out = append(out, d.Metadata())
	}
	return out
}
