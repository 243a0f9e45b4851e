package matrix

import (
	"fmt"
	"maps"

	"github.com/escalator-dev/escalator/diag"
	"go.yaml.in/yaml/v3"
)

// DiagnosticSettings are playbook.yaml's `diagnostics`: severities of warnings by
// code, in the order written.
type DiagnosticSettings []DiagnosticSetting

// DiagnosticSetting is one entry of DiagnosticSettings.
type DiagnosticSetting struct {
	Code  string
	Level string // error, warning or ignore
	Pos   Pos    // of the code
}

func (s *DiagnosticSettings) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind != yaml.MappingNode {
		return nil // the schema reported it
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		*s = append(*s, DiagnosticSetting{Code: k.Value, Level: v.Value, Pos: nodePos(k)})
	}
	return nil
}

// Policy is what the settings change, leaving out entries that name no code a policy
// can adjust (checkDiagnosticSettings reports those).
func (s DiagnosticSettings) Policy() diag.Policy {
	var p diag.Policy
	for _, e := range s {
		c := diag.Code(e.Code)
		sev, ignore, err := diag.ParseLevel(e.Level)
		if err != nil || !c.Adjustable() {
			continue
		}
		if ignore {
			if p.Ignore == nil {
				p.Ignore = map[diag.Code]bool{}
			}
			p.Ignore[c] = true
			continue
		}
		if p.Severity == nil {
			p.Severity = map[diag.Code]diag.Severity{}
		}
		p.Severity[c] = sev
	}
	return p
}

// Policy is how the playbook's diagnostics are adjusted: its `diagnostics` setting, and
// the codes the load was told to ignore.
func (p *Playbook) Policy() diag.Policy {
	pol := p.Site.Diagnostics.Policy()
	if len(p.ignore) > 0 {
		ignore := maps.Clone(p.ignore)
		maps.Copy(ignore, pol.Ignore)
		pol.Ignore = ignore
	}
	return pol
}

// checkDiagnosticSettings reports codes the settings name that are unknown, with the
// nearest code, or that are errors, which no setting can lower.
func (l *loader) checkDiagnosticSettings() {
	s := &l.p.Site
	for _, e := range s.Diagnostics {
		problem, hint := diag.CheckCode(e.Code)
		switch {
		case problem == "":
		case !diag.Code(e.Code).Known():
			l.errorf(diag.UnknownCode, s.File, e.Pos, "diagnostics: "+problem, hint)
		default:
			l.errorf(diag.FixedSeverity, s.File, e.Pos, "diagnostics: "+problem, hint+fmt.Sprintf("; remove %s from diagnostics", e.Code))
		}
	}
}
