package playbookdiff

import (
	"cmp"
	"path"
	"slices"
	"strings"

	"github.com/escalator-dev/escalator/diag"
	"github.com/escalator-dev/escalator/matrix"
)

// warnings lists the audit warnings only new has (added) and only old has (resolved),
// matched by file and message, each in diagnostic order.
func warnings(oldDiags, newDiags diag.List) []WarningChange {
	key := func(d diag.Diagnostic) string { return d.File + "\x00" + d.Message }
	count := func(l diag.List) map[string]int {
		m := map[string]int{}
		for _, d := range l {
			if d.Severity == diag.Warning {
				m[key(d)]++
			}
		}
		return m
	}
	o, n := count(oldDiags), count(newDiags)
	out := []WarningChange{}
	for _, d := range newDiags {
		if d.Severity == diag.Warning && o[key(d)] < n[key(d)] {
			n[key(d)]--
			out = append(out, WarningChange{"added", d.Code, d.Message, d.Suggestion, Where{d.File, d.Line, d.Col}})
		}
	}
	n = count(newDiags)
	for _, d := range oldDiags {
		if d.Severity == diag.Warning && n[key(d)] < o[key(d)] {
			o[key(d)]--
			out = append(out, WarningChange{"resolved", d.Code, d.Message, d.Suggestion, Where{d.File, d.Line, d.Col}})
		}
	}
	return out
}

// docs lists p's documents by kind/id, with their files.
func docs(p *matrix.Playbook) map[string]string {
	out := map[string]string{}
	add := func(kind string, metas []*matrix.Meta) {
		for _, m := range metas {
			out[kind+"/"+m.ID] = m.File
		}
	}
	add("team", metas(p.Teams))
	add("role", metas(p.Roles))
	add("runbook", metas(p.Runbooks))
	add("brief", metas(p.Briefs))
	add("vendor", metas(p.Vendors))
	add("page", metas(p.Pages))
	add("holiday", metas(p.Holidays))
	add("incident", metas(p.Incidents))
	return out
}

func metas[T interface{ Metadata() *matrix.Meta }](list []T) []*matrix.Meta {
	out := make([]*matrix.Meta, len(list))
	for i, d := range list {
		out[i] = d.Metadata()
	}
	return out
}

// kindOf names the kind of a playbook file from its folder.
func kindOf(file string) string {
	switch base := path.Base(file); base {
	case "playbook.yaml", "matrix.yaml":
		return strings.TrimSuffix(base, ".yaml")
	}
	dir := path.Base(path.Dir(file))
	return strings.TrimSuffix(dir, "s")
}

// documents lists the documents added, removed and renamed, by kind and id, then the
// files whose bytes changed; sorted by file.
func documents(old, new *matrix.Playbook) []DocumentChange {
	o, n := docs(old), docs(new)
	out := []DocumentChange{}
	touched := map[string]bool{}
	for k, f := range n {
		kind, id, _ := strings.Cut(k, "/")
		of, ok := o[k]
		switch {
		case !ok:
			out = append(out, DocumentChange{Kind: kind, ID: id, Change: "added", File: f})
		case of != f:
			out = append(out, DocumentChange{Kind: kind, ID: id, Change: "renamed", File: f, OldFile: of})
		default:
			continue
		}
		touched[f], touched[of] = true, true
	}
	for k, f := range o {
		if _, ok := n[k]; !ok {
			kind, id, _ := strings.Cut(k, "/")
			out = append(out, DocumentChange{Kind: kind, ID: id, Change: "removed", OldFile: f})
			touched[f] = true
		}
	}
	ids := map[string]string{}
	for k, f := range n {
		_, id, _ := strings.Cut(k, "/")
		ids[f] = id
	}
	for _, f := range new.ChangedFiles(old) {
		if !touched[f] {
			out = append(out, DocumentChange{Kind: kindOf(f), ID: ids[f], Change: "changed", File: f, OldFile: f})
		}
	}
	slices.SortFunc(out, func(a, b DocumentChange) int {
		return cmp.Or(cmp.Compare(cmp.Or(a.File, a.OldFile), cmp.Or(b.File, b.OldFile)), cmp.Compare(a.Change, b.Change))
	})
	return out
}
