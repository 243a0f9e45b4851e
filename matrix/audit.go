package matrix

import (
	"fmt"
	"strings"
	"time"

	"github.com/escalator-dev/escalator/diag"
)

// audit adds the warnings that keep a playbook trustworthy: stale content, gaps in
// coverage, and teams that cannot be reached in time.
func (l *loader) audit() {
	p := l.p
	if iv := p.Site.ReviewInterval; iv.Set {
		for _, m := range p.Metas() {
			if ReviewOverdue(m.LastReviewed, iv, l.opt.Now) {
				days := int(l.opt.Now.Sub(m.LastReviewed.Time) / (24 * time.Hour))
				l.warnf(diag.ReviewOverdue, m.File, m.LastReviewed.Pos, fmt.Sprintf("review overdue: last reviewed %s, %d days ago (the review interval is %s)", m.LastReviewed, days, iv),
					"review the document and update last_reviewed")
			}
		}
	}
	for _, d := range p.Domains {
		if d.ID != "" && len(p.RunbooksFor(d.ID)) == 0 {
			l.warnf(diag.DomainWithoutRunbook, p.MatrixFile, d.Pos, fmt.Sprintf("domain %s has no runbook", d.ID), "add a runbook with `domain: "+d.ID+"` under runbooks/")
		}
	}
	for _, t := range p.Teams {
		if !t.reachable() && !l.broken[t.File] {
			l.warnf(diag.UnreachableTeam, t.File, t.IDPos, fmt.Sprintf("team %s has no reachable contact", t.ID), "add a channel with an address, or a member with a phone number or e-mail")
		}
	}
	for _, v := range p.Vendors {
		if strings.TrimSpace(v.Fallback) == "" {
			l.warnf(diag.VendorWithoutBackup, v.File, v.IDPos, fmt.Sprintf("vendor %s has no fallback plan", v.ID), "add `fallback:` saying what we do when "+v.Name+" is down")
		}
	}
	if !l.diags.HasErrors() {
		l.auditGrid()
		l.auditSchedules()
	}
}

// ReviewOverdue reports whether a document last reviewed on d is past the interval at now.
// Documents without a review date are not overdue: the audit cannot know.
func ReviewOverdue(d Date, interval Duration, now time.Time) bool {
	return !d.IsZero() && interval.Set && d.Add(interval.Duration).Before(now)
}

func (t *Team) reachable() bool {
	for _, c := range t.Channels {
		if c.Address != "" {
			return true
		}
	}
	for _, m := range t.Members {
		if m.Phone != "" || m.Email != "" {
			return true
		}
	}
	return false
}

// auditGrid checks the computed grid: cells left to the default rule, and owners whose
// chain cannot page a second level before the tier's acknowledge deadline.
func (l *loader) auditGrid() {
	p := l.p
	type slow struct {
		team *Team
		sev  *Severity
	}
	var fallThrough []string
	var def *Rule
	seen := make(map[slow]bool)
	warned := make(map[*Team]bool)
	for _, row := range p.Grid() {
		for _, c := range row {
			d := c.Decision
			if d == nil {
				continue
			}
			if d.Rule.IsDefault() {
				def = d.Rule
				fallThrough = append(fallThrough, c.Domain.ID+" x "+c.Severity.ID)
			}
			t, sev := d.Owner, d.Severity
			// Rows run most severe first, so a team is warned about its tightest tier.
			// A business-day target depends on the instant, so it is not compared with a chain.
			if t == nil || sev == nil || !sev.SLA.Acknowledge.Set || sev.SLA.Acknowledge.IsBusiness() || seen[slow{t, sev}] || warned[t] {
				continue
			}
			seen[slow{t, sev}] = true
			ack := sev.SLA.Acknowledge.Duration
			hs := p.Handoffs(t, time.Time{})
			switch {
			case len(hs) == 0:
				warned[t] = true
				l.warnf(diag.MissingChain, t.File, t.IDPos, fmt.Sprintf("team %s owns %s cases (%s) but has no escalation chain", t.ID, sev.ID, c.Domain.ID),
					fmt.Sprintf("add escalation levels that page a second person within the %s acknowledge SLA of %s", sev.ID, sev.SLA.Acknowledge))
			case len(hs) == 1 || hs[1].After > ack:
				warned[t] = true
				pos := t.Escalation.Pos
				msg := fmt.Sprintf("the escalation chain of %s never pages a second level", t.ID)
				if len(hs) > 1 {
					msg = fmt.Sprintf("the escalation chain of %s pages its second level at T+%s", t.ID, FormatDuration(hs[1].After))
					if len(t.Escalation.Levels) > 1 {
						pos = t.Escalation.Levels[1].After.Pos
					}
				}
				l.warnf(diag.SlowChain, t.File, pos, msg+fmt.Sprintf(", after the %s acknowledge SLA of %s (it owns %s at %s)", sev.ID, sev.SLA.Acknowledge, c.Domain.ID, sev.ID),
					"page the next level sooner, so an unacknowledged page escalates before the deadline")
			}
		}
	}
	if len(fallThrough) > 0 {
		list := fallThrough
		if len(list) > 8 {
			list = append(list[:8:8], fmt.Sprintf("and %d more", len(fallThrough)-8))
		}
		l.warnf(diag.DefaultFallThru, p.MatrixFile, def.Pos, fmt.Sprintf("%d domain x severity cells fall through to the default rule %q: %s", len(fallThrough), def.Name, strings.Join(list, ", ")),
			"route every domain and severity explicitly, so no case lands with the default owner by accident")
	}
}
