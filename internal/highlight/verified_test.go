package highlight

import (
	"os/exec"
	"runtime/debug"
	"strings"
	"testing"
)

// TestVerifiedVersions fails when go.mod moves chroma or regexp2 off the versions the
// engine was verified against: built binaries would then leave every lexer to chroma.
// (A test binary lists no module versions, so the check reads them from go.mod.)
func TestVerifiedVersions(t *testing.T) {
	if err := unverified(); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Path}} {{.Version}} {{with .Replace}}{{.Path}} {{.Version}}{{end}}",
		"github.com/alecthomas/chroma/v2", "github.com/dlclark/regexp2/v2").Output()
	if err != nil {
		t.Fatalf("go list -m: %v", err)
	}
	var deps []*debug.Module
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		f := strings.Fields(line)
		m := &debug.Module{Path: f[0], Version: f[1]}
		if len(f) == 4 {
			m.Replace = &debug.Module{Path: f[2], Version: f[3]}
		}
		deps = append(deps, m)
	}
	if err := checkVersions(deps); err != nil {
		t.Fatalf("the engine would be off in built binaries: %v\nre-verify it (README, \"Upgrading chroma or regexp2\") and update verified", err)
	}
}

func TestCheckVersions(t *testing.T) {
	mod := func(path, version string) *debug.Module { return &debug.Module{Path: path, Version: version} }
	chroma, regexp2 := "github.com/alecthomas/chroma/v2", "github.com/dlclark/regexp2/v2"
	replaced := mod(regexp2, verified[regexp2])
	replaced.Replace = mod("example.com/fork", "v0.0.1")
	for _, tt := range []struct {
		name string
		deps []*debug.Module
		want string // in the error; "" for none
	}{
		{"verified", []*debug.Module{mod(chroma, verified[chroma]), mod(regexp2, verified[regexp2])}, ""},
		{"newer chroma", []*debug.Module{mod(chroma, "v2.99.0"), mod(regexp2, verified[regexp2])}, "chroma/v2 is v2.99.0"},
		{"older regexp2", []*debug.Module{mod(chroma, verified[chroma]), mod(regexp2, "v2.0.0")}, "regexp2/v2 is v2.0.0"},
		{"replaced", []*debug.Module{mod(chroma, verified[chroma]), replaced}, "replaced by example.com/fork"},
		{"missing", []*debug.Module{mod(chroma, verified[chroma])}, "regexp2/v2 is not in"},
	} {
		err := checkVersions(tt.deps)
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("%s: %v", tt.name, err)
		case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
			t.Errorf("%s: got %v, want an error with %q", tt.name, err, tt.want)
		}
	}
}
