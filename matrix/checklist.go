package matrix

import (
	"fmt"
	"slices"

	"github.com/escalator-dev/escalator/diag"
	"go.yaml.in/yaml/v3"
)

// DefaultPhases are the checklist phases the theme has icons for, in their usual
// order. A runbook may name any other phase; its phases keep the order it wrote them.
var DefaultPhases = []string{"triage", "contain", "remediate", "verify", "communicate"}

// Checklist holds a runbook's steps by phase, in the order the author wrote the phases.
type Checklist struct {
	List []Phase
}

// Phase is one phase of a checklist.
type Phase struct {
	Name  string
	Pos   Pos
	Steps []Step
}

// Icon is the phase's name when it is one of DefaultPhases, or "other": the theme
// styles a phase by it.
func (p Phase) Icon() string {
	if slices.Contains(DefaultPhases, p.Name) {
		return p.Name
	}
	return "other"
}

// Step is one step of a phase: what to do, and optionally the role that does it and
// to whom it may be delegated. A plain string in YAML is a step with only Do.
type Step struct {
	Pos      Pos    `yaml:"-"`
	Do       string `yaml:"do"`
	Role     Ref    `yaml:"role"`
	Delegate string `yaml:"delegate"`
}

func (s *Step) UnmarshalYAML(n *yaml.Node) error {
	s.Pos = nodePos(n)
	switch n.Kind {
	case yaml.ScalarNode:
		s.Do = n.Value
	case yaml.MappingNode:
		type plain Step
		_ = n.Decode((*plain)(s))
	}
	return nil
}

func (c *Checklist) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind != yaml.MappingNode {
		return nil // the schema reports it
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		ph := Phase{Name: k.Value, Pos: nodePos(k)}
		if v.Kind == yaml.SequenceNode {
			for _, sn := range v.Content {
				var st Step
				_ = st.UnmarshalYAML(sn)
				ph.Steps = append(ph.Steps, st)
			}
		}
		c.List = append(c.List, ph)
	}
	return nil
}

// Phases returns the phases that have steps, in the author's order.
func (c Checklist) Phases() []Phase {
	out := make([]Phase, 0, len(c.List))
	for _, p := range c.List {
		if len(p.Steps) > 0 {
			out = append(out, p)
		}
	}
	return out
}

// Phase returns the steps of the phase with the name, or nil.
func (c Checklist) Phase(name string) []Step {
	for _, p := range c.List {
		if p.Name == name {
			return p.Steps
		}
	}
	return nil
}

// RoleStep is a step of a runbook's checklist that names a role.
type RoleStep struct {
	Runbook *Runbook
	Phase   string
	Step    Step
}

// RoleSteps returns the steps of every runbook that name the role, in runbook order,
// then phase and step order.
func (p *Playbook) RoleSteps(role string) []RoleStep {
	var out []RoleStep
	for _, rb := range p.Runbooks {
		for _, ph := range rb.Checklist.List {
			for _, st := range ph.Steps {
				if st.Role.ID == role {
					out = append(out, RoleStep{rb, ph.Name, st})
				}
			}
		}
	}
	return out
}

// checkStepRoles reports checklist steps whose role no role card defines, and warns of
// a phase of the author's own whose name is a default one misspelt.
func (l *loader) checkStepRoles() {
	roles := l.p.idx.roles
	for _, rb := range l.p.Runbooks {
		for _, ph := range rb.Checklist.List {
			if !slices.Contains(DefaultPhases, ph.Name) {
				if c, ok := diag.Closest(ph.Name, DefaultPhases); ok {
					l.warnf(diag.CustomPhase, rb.File, ph.Pos, fmt.Sprintf("checklist phase %q is a phase of the runbook's own, shown with a neutral mark", ph.Name),
						fmt.Sprintf("did you mean %q?", c))
				}
			}
			for _, st := range ph.Steps {
				if st.Role.ID != "" && roles[st.Role.ID] == nil && !l.lost["role"][st.Role.ID] {
					l.errorf(diag.UnknownRole, rb.File, st.Role.Pos, fmt.Sprintf("step %q of runbook %s names role %q, which no role card defines", clip(st.Do), rb.ID, st.Role.ID),
						refHint(st.Role.ID, "role", roles))
				}
			}
		}
	}
}

// clip shortens a step's text for a message.
func clip(s string) string {
	r := []rune(s)
	if len(r) > 40 {
		return string(r[:39]) + "…"
	}
	return s
}

// StaffedBy names who staffs a role: a team, and optionally one of its schedules.
type StaffedBy struct {
	Team     Ref `yaml:"team"`
	Schedule Ref `yaml:"schedule"`
}

// checkStaffing reports roles staffed by a team or schedule that does not exist.
func (l *loader) checkStaffing() {
	ix := &l.p.idx
	for _, r := range l.p.Roles {
		s := r.StaffedBy
		if s == nil || !resolve(l, r.File, s.Team, "team", ix.teams) || s.Schedule.ID == "" {
			continue
		}
		t := ix.teams[s.Team.ID]
		if t.Schedule(s.Schedule.ID) != nil {
			continue
		}
		scheds := make(map[string]*Schedule, len(t.Schedules))
		for i := range t.Schedules {
			scheds[t.Schedules[i].ID] = &t.Schedules[i]
		}
		hint := refHint(s.Schedule.ID, "schedule", scheds)
		if len(scheds) == 0 {
			hint = "team " + t.ID + " has no schedules: remove `schedule`, or add one to the team"
		}
		l.errorf(diag.UnknownSchedule, r.File, s.Schedule.Pos, fmt.Sprintf("team %s has no schedule %q", t.ID, s.Schedule.ID), hint)
	}
}
