package matrix

import (
	"strings"
	"testing"
	"testing/fstest"
)

func TestTextChecks(t *testing.T) {
	tests := []struct {
		name string
		data string
		want string
	}{
		{"empty", "", "x.yaml:1:1: error[empty-file]: empty file (write the document, or delete the file)"},
		{"only spaces", "  \n\n", "x.yaml:1:1: error[empty-file]: empty file (write the document, or delete the file)"},
		{"NUL on line 2", "id: a\nna\x00me: b\n", "x.yaml:2:3: error[binary-file]: binary data (a NUL byte) in a text file (playbook files are UTF-8 text; move binaries out of the playbook folder)"},
		{"Latin-1 after a multibyte rune", "id: a\nname: ü\xe9\n", "x.yaml:2:8: error[invalid-utf8]: invalid UTF-8 (byte 0xe9) (save the file as UTF-8)"},
		{"too large", strings.Repeat("a", MaxFileSize+1), "x.yaml: error[file-too-large]: file is too large (over the limit of 4 MiB) (split it into several documents, or move it out of the playbook folder)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := checkText("x.yaml", []byte(tt.data))
			if d == nil || d.String() != tt.want {
				t.Errorf("got %v\nwant %s", d, tt.want)
			}
		})
	}
	if d := checkText("x.yaml", []byte("id: café\n")); d != nil {
		t.Errorf("valid UTF-8 rejected: %v", d)
	}
}

func TestFrontMatter(t *testing.T) {
	tests := []struct {
		name, data     string
		fm, body, want string
		bodyLine       int
	}{
		{"plain", "---\nid: a\n---\nBody\n", "id: a\n", "Body\n", "", 4},
		{"BOM and CRLF", "\ufeff---\r\nid: a\r\n---\r\nBody", "id: a\r\n", "Body", "", 4},
		{"dots close", "---\nid: a\n...\n", "id: a\n", "", "", 4},
		{"no body", "---\nid: a\n---", "id: a\n", "", "", 4},
		{"missing", "# Title\n", "", "", "x.md:1:1: error[missing-front-matter]: missing front matter (start the file with a line `---`, the YAML fields, and another line `---`)", 0},
		{"unterminated", "---\nid: a\n\nBody\n", "", "", "x.md:1:1: error[missing-front-matter]: unterminated front matter: no closing `---` line (end the front matter with a line `---` before the Markdown body)", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fm, body, line, d := frontMatter("x.md", []byte(tt.data))
			if tt.want != "" {
				if d == nil || d.String() != tt.want {
					t.Errorf("got %v, want %s", d, tt.want)
				}
				return
			}
			if d != nil || string(fm) != tt.fm || string(body) != tt.body || line != tt.bodyLine {
				t.Errorf("got %q %q %d %v", fm, body, line, d)
			}
		})
	}
}

// YAML syntax errors point at the line that is wrong, not where yaml.v3's parser
// started the enclosing construct.
func TestYAMLErrorPositions(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"indented key", "id: a\nname: b\n  kind: c\n", "x.yaml:3:3: error[invalid-yaml]: invalid YAML: mapping values are not allowed in this context"},
		{"bad list item", "id: a\nlist:\n  - x\n  y: 2\n", "x.yaml:4:3: error[invalid-yaml]: invalid YAML: did not find expected '-' indicator"},
		{"tab", "id: a\n\tname: b\n", "x.yaml:2:1: error[invalid-yaml]: invalid YAML: a tab character where YAML expects spaces"},
		{"unclosed quote", "id: a\nname: 'b\n", "x.yaml:2:7: error[invalid-yaml]: invalid YAML: found unexpected end of stream"},
		{"unclosed list", "id: a\ntags: [x, [y], \"[z\"\n", "x.yaml:2:7: error[invalid-yaml]: invalid YAML: did not find expected ',' or ']'"},
		{"unclosed map", "id: a\nsla: {ack: 5m\n", "x.yaml:2:6: error[invalid-yaml]: invalid YAML: did not find expected ',' or '}'"},
		{"front matter offset", "\nid: a\n name: b\n", "x.yaml:3:2: error[invalid-yaml]: invalid YAML: mapping values are not allowed in this context"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			first := 1
			src := tt.src
			if strings.HasPrefix(src, "\n") {
				first, src = 2, src[1:]
			}
			_, d := parseYAML("x.yaml", []byte(src), first)
			if d == nil || !strings.HasPrefix(d.String(), tt.want) {
				t.Errorf("got  %v\nwant %s", d, tt.want)
			}
		})
	}
}

func TestLoadReportsEverything(t *testing.T) {
	// Two unrelated mistakes in two files are both reported, in file order.
	fsys := txtarFS(routing)
	fsys["teams/sre.yaml"] = &fstest.MapFile{Data: []byte("id: sre\nname: SRE\nkind: sre\nhours: 24x7\nafter_hours: payments\nchannels: [{id: pager, kind: pager, name: P, address: x}]\n")}
	fsys["runbooks/pay-down.md"].Data = []byte(strings.Replace(string(fsys["runbooks/pay-down.md"].Data), "domain: payments", "domain: paymnts", 1))
	_, diags := Load(fsys, "pb", Options{Run: RoutingTests | Audit, Now: now})
	var got []string
	for _, d := range diags {
		got = append(got, d.String())
	}
	want := []string{
		`pb/matrix.yaml:6:5: warning[domain-without-runbook]: domain payments has no runbook (add a runbook with ` + "`domain: payments`" + ` under runbooks/)`,
		`pb/runbooks/pay-down.md:4:9: error[unknown-domain]: unknown domain "paymnts" (did you mean "payments"?)`,
		`pb/teams/sre.yaml:5:14: warning[unused-after-hours]: team sre works 24x7, so its after_hours team is never used (remove after_hours)`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestLostDocumentsDoNotCascade(t *testing.T) {
	// A team file that does not parse is one error, not one per reference to the team.
	src := strings.Replace(routing, "-- teams/sre.yaml --\nid: sre\n", "-- teams/sre.yaml --\nid: sre\n  bad: indent\n", 1)
	diags := loadDiags(t, src)
	if len(diags) != 1 || !strings.Contains(diags[0].Message, "invalid YAML") {
		t.Errorf("got:\n%s", diags.Error())
	}
}

func TestSkipBodies(t *testing.T) {
	p, diags := Load(txtarFS(routing), "pb", Options{Run: RoutingTests | Audit, Now: now, SkipBodies: true})
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	if rb := p.Runbook("pay-down"); rb == nil || rb.Body != "" || rb.Title != "Payments down" {
		t.Errorf("runbook = %+v", rb)
	}
	if p := loadOK(t, routing); p.Runbook("pay-down").Body != "Body.\n" {
		t.Errorf("body = %q", p.Runbook("pay-down").Body)
	}
}
