package matrix

import (
	"reflect"
	"testing"

	"go.yaml.in/yaml/v3"
)

func TestChecklistDecodes(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		want      []Phase
	}{
		{"the author's order, default names or not", "communicate: [a]\nbefore the call: [b]\ntriage: [c]\n",
			[]Phase{{Name: "communicate", Steps: []Step{{Do: "a"}}}, {Name: "before the call", Steps: []Step{{Do: "b"}}}, {Name: "triage", Steps: []Step{{Do: "c"}}}}},
		{"a step with a role and a delegate", "contain:\n  - {do: Approve, role: incident-commander, delegate: the tech lead}\n",
			[]Phase{{Name: "contain", Steps: []Step{{Do: "Approve", Role: Ref{ID: "incident-commander"}, Delegate: "the tech lead"}}}}},
		{"an empty phase is kept but not shown", "verify: []\nprepare: [x]\n",
			[]Phase{{Name: "prepare", Steps: []Step{{Do: "x"}}}}},
		{"not a mapping", "[a, b]\n", []Phase{}},
	} {
		var c Checklist
		if err := yaml.Unmarshal([]byte(tc.src), &c); err != nil {
			t.Fatal(err)
		}
		got := c.Phases()
		for i := range got { // positions are checked by the check corpus
			got[i].Pos = Pos{}
			for j := range got[i].Steps {
				got[i].Steps[j].Pos, got[i].Steps[j].Role.Pos = Pos{}, Pos{}
			}
		}
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s: phases %+v, want %+v", tc.name, got, tc.want)
		}
	}
}

func TestPhaseIcons(t *testing.T) {
	for name, want := range map[string]string{"triage": "triage", "communicate": "communicate", "prepare": "other", "Triage": "other"} {
		if got := (Phase{Name: name}).Icon(); got != want {
			t.Errorf("Icon of %q = %q, want %q", name, got, want)
		}
	}
}

// The sample's card-payments runbook gives the incident commander a step; the role's
// page lists it.
func TestRoleSteps(t *testing.T) {
	p := loadSample(t, "content")
	steps := p.RoleSteps("incident-commander")
	if len(steps) == 0 || steps[0].Runbook.ID != "card-payments-failing" || steps[0].Phase != "contain" || steps[0].Step.Delegate == "" {
		t.Errorf("incident commander's steps: %+v", steps)
	}
	if r := p.Role("incident-commander"); r.StaffedBy == nil || r.StaffedBy.Team.ID != "sre-oncall" || r.StaffedBy.Schedule.ID != "follow-the-sun" || len(r.Prerequisites) == 0 {
		t.Errorf("incident commander staffing: %+v, prerequisites %v", r.StaffedBy, r.Prerequisites)
	}
}
