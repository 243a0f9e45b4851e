package matrix

import (
	"fmt"
	"slices"
	"strings"

	"github.com/escalator-dev/escalator/diag"
	"go.yaml.in/yaml/v3"
)

// TeamKind is a kind of team: one of BuiltinTeamKinds (which the theme has icons and
// styles for) or one declared in playbook.yaml's team_kinds.
type TeamKind struct {
	Pos         Pos    `yaml:"-"`
	ID          string `yaml:"id"`
	IDPos       Pos    `yaml:"-"`
	Name        string `yaml:"name"`
	Description string `yaml:"description"`
}

func (k *TeamKind) UnmarshalYAML(n *yaml.Node) (err error) {
	type plain TeamKind
	k.Pos, err = decodeAt(n, (*plain)(k))
	k.IDPos = valuePos(n, "id")
	return err
}

// BuiltinTeamKinds are the kinds every playbook may use without declaring them, in
// the order the docs list them.
var BuiltinTeamKinds = []TeamKind{
	{ID: "support-l1", Name: "Support L1"},
	{ID: "support-l2", Name: "Support L2"},
	{ID: "engineering", Name: "Engineering"},
	{ID: "sre", Name: "SRE"},
	{ID: "security", Name: "Security"},
	{ID: "product", Name: "Product"},
	{ID: "customer-success", Name: "Customer success"},
	{ID: "leadership", Name: "Leadership"},
	{ID: "communications", Name: "Communications"},
}

// TeamKind returns the kind with the id: a playbook's own declaration first (it may
// rename a built-in kind), then the built-in list; nil when neither has it.
func (p *Playbook) TeamKind(id string) *TeamKind {
	for i := range p.Site.TeamKinds {
		if p.Site.TeamKinds[i].ID == id {
			return &p.Site.TeamKinds[i]
		}
	}
	for i := range BuiltinTeamKinds {
		if BuiltinTeamKinds[i].ID == id {
			return &BuiltinTeamKinds[i]
		}
	}
	return nil
}

// TeamKindName is the display name of the kind with the id, or the id itself when the
// kind is unknown.
func (p *Playbook) TeamKindName(id string) string {
	if k := p.TeamKind(id); k != nil && k.Name != "" {
		return k.Name
	}
	return id
}

// checkTeamKinds reports duplicate custom kinds and teams whose kind is neither built
// in nor declared.
func (l *loader) checkTeamKinds() {
	p := l.p
	kinds := make([]*TeamKind, len(p.Site.TeamKinds))
	for i := range p.Site.TeamKinds {
		kinds[i] = &p.Site.TeamKinds[i]
	}
	dupes(l, "team kind", kinds, func(k *TeamKind) (string, string, Pos) { return k.ID, p.Site.File, k.IDPos })
	var ids []string
	for _, k := range BuiltinTeamKinds {
		ids = append(ids, k.ID)
	}
	for _, k := range p.Site.TeamKinds {
		if !slices.Contains(ids, k.ID) {
			ids = append(ids, k.ID)
		}
	}
	for _, t := range p.Teams {
		if t.Kind == "" || p.TeamKind(t.Kind) != nil {
			continue
		}
		hint := diag.DidYouMean(t.Kind, ids)
		if hint != "" {
			hint += " "
		}
		hint += fmt.Sprintf("or declare it in playbook.yaml: team_kinds: [{id: %s, name: %s}]; kinds are %s", t.Kind, kindTitle(t.Kind), strings.Join(ids, ", "))
		l.errorf(diag.UnknownTeamKind, t.File, t.KindPos, fmt.Sprintf("unknown team kind %q", t.Kind), hint)
	}
}

// kindTitle suggests a display name for a kind id: "incident-command" is "Incident command".
func kindTitle(id string) string {
	s := strings.ReplaceAll(id, "-", " ")
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
