package diag

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// TestCodesDocumented holds docs/format.md's list of codes to the codes: each listed
// once, with its default severity, and nothing listed that is not a code.
func TestCodesDocumented(t *testing.T) {
	data, err := os.ReadFile("../docs/format.md")
	if err != nil {
		t.Fatal(err)
	}
	_, section, ok := strings.Cut(string(data), "\n## Diagnostic codes\n")
	if !ok {
		t.Fatal("docs/format.md has no section ## Diagnostic codes")
	}
	if i := strings.Index(section, "\n## "); i >= 0 {
		section = section[:i]
	}
	item := regexp.MustCompile("^- `([^`]+)` \\(([a-z]+)[^)]*\\): .+")
	listed := map[Code]bool{}
	for _, line := range strings.Split(section, "\n") {
		if !strings.HasPrefix(line, "- ") {
			continue
		}
		m := item.FindStringSubmatch(line)
		if m == nil {
			t.Errorf("docs/format.md: %q is not of the form - `code` (severity): meaning", line)
			continue
		}
		c := Code(m[1])
		switch {
		case listed[c]:
			t.Errorf("docs/format.md lists %s twice", c)
		case !c.Known():
			t.Errorf("docs/format.md lists %s, which is no code", c)
		case m[2] != c.Severity().String():
			t.Errorf("docs/format.md gives %s the severity %s, the code has %s", c, m[2], c.Severity())
		}
		listed[c] = true
	}
	for _, c := range Codes() {
		if !listed[c] {
			t.Errorf("code %s is not in docs/format.md's list", c)
		}
	}
}

var kebab = regexp.MustCompile(`^[a-z][a-z0-9]*(-[a-z0-9]+)*$`)

// TestCodesUsed holds the code constants to the module's code: each is kebab case and
// named somewhere outside this package's declaration of it, and no diagnostic is given
// a code as a string literal, which would escape this list.
func TestCodesUsed(t *testing.T) {
	fset := token.NewFileSet()
	decl, err := parser.ParseFile(fset, "codes.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]Code{} // constant name -> code
	for _, d := range decl.Decls {
		g, ok := d.(*ast.GenDecl)
		if !ok || g.Tok != token.CONST {
			continue
		}
		for _, s := range g.Specs {
			vs := s.(*ast.ValueSpec)
			for i, n := range vs.Names {
				lit, ok := vs.Values[i].(*ast.BasicLit)
				if !ok {
					continue
				}
				v, _ := strconv.Unquote(lit.Value)
				names[n.Name] = Code(v)
			}
		}
	}
	if len(names) != len(Codes()) {
		t.Errorf("codes.go declares %d code constants, the table has %d codes", len(names), len(Codes()))
	}
	for n, c := range names {
		if !kebab.MatchString(string(c)) {
			t.Errorf("%s = %q is not kebab case", n, c)
		}
		if !c.Known() {
			t.Errorf("%s = %q has no default severity", n, c)
		}
	}

	used := map[string]bool{}
	err = filepath.WalkDir("..", func(path string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if e.IsDir() {
			if n := e.Name(); n == "testdata" || n == "node_modules" || (strings.HasPrefix(n, ".") && n != "..") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") || path == filepath.Join("..", "diag", "codes.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			return err
		}
		inDiag := f.Name.Name == "diag"
		ast.Inspect(f, func(n ast.Node) bool {
			switch x := n.(type) {
			case *ast.SelectorExpr:
				if id, ok := x.X.(*ast.Ident); ok && id.Name == "diag" {
					used[x.Sel.Name] = true
				}
			case *ast.Ident:
				if inDiag {
					used[x.Name] = true
				}
			case *ast.KeyValueExpr:
				if k, ok := x.Key.(*ast.Ident); ok && k.Name == "Code" {
					if _, lit := x.Value.(*ast.BasicLit); lit {
						t.Errorf("%s: a diagnostic's code is a string literal; name one of diag's codes", fset.Position(x.Pos()))
					}
				}
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for n, c := range names {
		if !used[n] {
			t.Errorf("code %s (%s) is declared but no diagnostic is made with it", c, n)
		}
	}
}

func TestCheckCode(t *testing.T) {
	tests := []struct {
		code, problem, suggestion string
	}{
		{"review-overdue", "", ""},
		{"reveiw-overdue", `unknown diagnostic code "reveiw-overdue"`, `did you mean "review-overdue"?`},
		{"nothing-like-it-at-all", `unknown diagnostic code "nothing-like-it-at-all"`, "docs/format.md lists the codes"},
		{"unknown-team", "unknown-team is an error, which cannot be ignored or lowered", "only warnings change severity"},
		{"more-problems", "more-problems cannot be ignored or change severity", "only warnings change severity"},
		{"changed-route", "changed-route cannot be ignored or change severity", "only warnings change severity"},
	}
	for _, tt := range tests {
		p, s := CheckCode(tt.code)
		if p != tt.problem || s != tt.suggestion {
			t.Errorf("CheckCode(%q) = %q, %q; want %q, %q", tt.code, p, s, tt.problem, tt.suggestion)
		}
	}
}

func TestPolicy(t *testing.T) {
	l := List{
		{File: "a", Severity: Warning, Code: ReviewOverdue, Message: "old"},
		{File: "a", Severity: Warning, Code: ShadowedRule, Message: "shadowed"},
		{File: "a", Severity: Error, Code: UnknownTeam, Message: "typo"},
		{File: "a", Severity: Warning, Code: MoreProblems, Message: "... and 3 more"},
	}
	p := Policy{
		Severity: map[Code]Severity{ReviewOverdue: Error, UnknownTeam: Warning},
		Ignore:   map[Code]bool{ShadowedRule: true, MoreProblems: true},
	}
	got := p.Apply(l)
	var lines []string
	for _, d := range got {
		lines = append(lines, d.String())
	}
	want := "a: error[review-overdue]: old|a: error[unknown-team]: typo|a: warning[more-problems]: ... and 3 more"
	if strings.Join(lines, "|") != want {
		t.Errorf("got  %s\nwant %s", strings.Join(lines, "|"), want)
	}
	if l[1].Code != ShadowedRule || l[0].Severity != Warning {
		t.Error("Apply changed its argument")
	}
	for _, s := range []string{"error", "warning", "ignore"} {
		if _, _, err := ParseLevel(s); err != nil {
			t.Errorf("ParseLevel(%q): %v", s, err)
		}
	}
	if _, _, err := ParseLevel("fatal"); err == nil {
		t.Error("ParseLevel(fatal) is no error")
	}
	if _, err := ParseCodes("review-overdue, shadowed-rule"); err != nil {
		t.Error(err)
	}
	if _, err := ParseCodes("review-overdu"); err == nil || !strings.Contains(err.Error(), `did you mean "review-overdue"?`) {
		t.Errorf("ParseCodes(review-overdu) = %v", err)
	}
	if _, err := ParseCodes(","); err == nil {
		t.Error("ParseCodes(,) is no error")
	}
}
