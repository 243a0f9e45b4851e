package highlight

import (
	"fmt"
	"runtime/debug"
	"sync"
)

// verified are the modules whose internals the engine follows (chroma's rule
// semantics, regexp2's parse tree and runner, which the direct matcher imitates), at
// the versions TestRules, TestCorpus and TestTestdata held it to. Another version
// may change a behaviour the engine copies, so the engine then leaves every lexer to
// chroma. On an upgrade, set the new versions here and run those tests (README,
// "Upgrading chroma or regexp2").
var verified = map[string]string{
	"github.com/alecthomas/chroma/v2": "v2.27.0",
	"github.com/dlclark/regexp2/v2":   "v2.2.1",
}

// unverified returns why the binary's chroma or regexp2 is not a verified version, or
// nil.
var unverified = sync.OnceValue(func() error {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return fmt.Errorf("the binary carries no module versions, so chroma's and regexp2's are unknown")
	}
	if len(info.Deps) == 0 {
		return nil // a test binary lists none: TestVerifiedVersions checks go.mod instead
	}
	return checkVersions(info.Deps)
})

// checkVersions returns an error naming the first module of verified that deps do not
// hold at its verified version, unreplaced.
func checkVersions(deps []*debug.Module) error {
	found := map[string]*debug.Module{}
	for _, m := range deps {
		found[m.Path] = m
	}
	for _, path := range []string{"github.com/alecthomas/chroma/v2", "github.com/dlclark/regexp2/v2"} {
		m, want := found[path], verified[path]
		switch {
		case m == nil:
			return fmt.Errorf("%s is not in the binary's modules; the engine was verified against %s", path, want)
		case m.Replace != nil:
			return fmt.Errorf("%s is replaced by %s %s; the engine was verified against %s", path, m.Replace.Path, m.Replace.Version, want)
		case m.Version != want:
			return fmt.Errorf("%s is %s; the engine was verified against %s", path, m.Version, want)
		}
	}
	return nil
}
