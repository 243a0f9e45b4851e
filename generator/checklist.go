package generator

import (
	"fmt"
	"strings"

	"github.com/escalator-dev/escalator/matrix"
)

// RoleName is the display name of the role with the id, or the id when no card has it.
func (v *view) RoleName(id string) string {
	if r := v.P.Role(id); r != nil && r.Name != "" {
		return r.Name
	}
	return id
}

// writeStepWho is the role badge and delegate that runbook.html and checklist-body
// write after a step's text.
func (v *view) writeStepWho(w *pageWriter, st matrix.Step) {
	if st.Role.ID != "" {
		w.raw(" <a class=\"tag role-tag\" href=\"")
		w.url(v.Link("roles", st.Role.ID), false)
		w.raw("\">")
		w.text(v.RoleName(st.Role.ID))
		w.raw("</a>")
	}
	if st.Delegate != "" {
		w.raw(" <span class=\"delegate\">Delegate: ")
		w.text(st.Delegate)
		w.raw("</span>")
	}
}

// roleRunbook is a runbook's steps for one role, as the role's page lists them.
type roleRunbook struct {
	Runbook *matrix.Runbook
	Steps   []matrix.RoleStep
}

func roleRunbooks(p *matrix.Playbook, role string) []roleRunbook {
	var out []roleRunbook
	for _, st := range p.RoleSteps(role) {
		if n := len(out); n > 0 && out[n-1].Runbook == st.Runbook {
			out[n-1].Steps = append(out[n-1].Steps, st)
			continue
		}
		out = append(out, roleRunbook{st.Runbook, []matrix.RoleStep{st}})
	}
	return out
}

// writeRoleSteps adds to a runbook's card the steps that name a role, which the
// role's page shows.
func writeRoleSteps(b *strings.Builder, r *matrix.Runbook) {
	for _, ph := range r.Checklist.List {
		for _, st := range ph.Steps {
			if st.Role.ID != "" {
				fmt.Fprintf(b, "%q %q %q %q|", ph.Name, st.Role.ID, st.Do, st.Delegate)
			}
		}
	}
}

// StaffOnCall is who is on duty in the schedule that staffs a role, as of the build,
// or nil when the role names no schedule (or the schedule did not compile).
func (v *view) StaffOnCall(s *matrix.StaffedBy) *scheduleView {
	if s == nil || s.Schedule.ID == "" {
		return nil
	}
	for _, sv := range v.oncallViews[s.Team.ID] {
		if sv.Schedule.ID == s.Schedule.ID {
			return sv
		}
	}
	return nil
}
