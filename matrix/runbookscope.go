package matrix

import (
	"slices"

	"github.com/escalator-dev/escalator/diag"
	"go.yaml.in/yaml/v3"
)

// RunbookDomains is a runbook's `domains`: a list of domain ids, or `all`.
type RunbookDomains struct {
	Pos  Pos
	All  bool
	Refs []Ref
}

func (d *RunbookDomains) UnmarshalYAML(n *yaml.Node) error {
	d.Pos = nodePos(n)
	switch n.Kind {
	case yaml.ScalarNode:
		d.All = n.Value == "all"
	case yaml.SequenceNode:
		_ = n.Decode(&d.Refs) // type errors were reported by the schema
	}
	return nil
}

// ProcessRunbook is the kind of a runbook that is a procedure (before or after an
// incident) rather than a response to one: it needs no triage fields, and routing
// offers it only where a rule names it.
const ProcessRunbook = "process"

// IsProcess reports whether the runbook is a process page.
func (r *Runbook) IsProcess() bool { return r.Kind == ProcessRunbook }

// AllDomains reports whether the runbook applies to every domain (`domains: all`).
func (r *Runbook) AllDomains() bool { return r.Domains.All }

// DomainIDs returns the ids of the domains the runbook applies to, in the playbook's
// domain order for `domains: all`, else `domain` then `domains` as written, without
// repeats.
func (r *Runbook) DomainIDs(p *Playbook) []string {
	var ids []string
	if r.Domains.All {
		for _, d := range p.Domains {
			ids = append(ids, d.ID)
		}
		return ids
	}
	if r.Domain.ID != "" {
		ids = append(ids, r.Domain.ID)
	}
	for _, ref := range r.Domains.Refs {
		if ref.ID != "" && !slices.Contains(ids, ref.ID) {
			ids = append(ids, ref.ID)
		}
	}
	return ids
}

// AppliesTo reports whether the runbook is for the domain.
func (r *Runbook) AppliesTo(p *Playbook, domain string) bool {
	return r.Domains.All || slices.Contains(r.DomainIDs(p), domain)
}

// checkRunbookScopes reports runbooks that name no domain and are not process pages,
// and resolves the ids under `domains`.
func (l *loader) checkRunbookScopes(domains map[string]*Domain) {
	for _, rb := range l.p.Runbooks {
		for _, ref := range rb.Domains.Refs {
			resolve(l, rb.File, ref, "domain", domains)
		}
		if !rb.IsProcess() && rb.Domain.ID == "" && !rb.Domains.All && len(rb.Domains.Refs) == 0 {
			l.errorf(diag.RunbookWithoutDomain, rb.File, rb.IDPos, "runbook "+rb.ID+" names no domain",
				"add domain: <id>, domains: [a, b] or domains: all; or kind: process for a procedure that is not a response to one kind of incident")
		}
	}
}
