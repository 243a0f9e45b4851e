package highlight

import (
	"errors"
	"flag"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/alecthomas/chroma/v2"
	"github.com/alecthomas/chroma/v2/lexers"
)

var from = flag.String("highlight.from", "", "with -highlight.cross, start the cross comparison at this lexer and skip the rule check")

var cross = flag.Bool("highlight.cross", false, "also check every rule at every position of the corpus, and tokenise every corpus file with every lexer the engine handles (slow)")

var long = flag.Bool("highlight.long", false, "TestRules: check every rule at every position of its lexer's testdata, not only where the lexer's tokens start")

var engine = New(lexers.GlobalLexerRegistry)

// tokens tokenises text with l, returning the tokens or the panic. It
// stops a lexer that runs away (some chroma lexers loop on an empty match
// on foreign input) after far more tokens than text has runes.
func tokens(l chroma.Lexer, text string) (toks []chroma.Token, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("panic: %v", r)
		}
	}()
	it, err := l.Tokenise(nil, text)
	if err != nil {
		return nil, err
	}
	limit := 4*len(text) + 1000
	for t := it(); t != chroma.EOF; t = it() {
		if len(toks) == limit {
			return toks, errors.New("runaway: stopped after " + strconv.Itoa(limit) + " tokens")
		}
		toks = append(toks, t)
	}
	return toks, nil
}

// same checks that the engine gives exactly chroma's tokens (or error)
// for l and text, and reports whether it ran the engine at all.
func same(t *testing.T, l chroma.Lexer, name, text string) bool {
	t.Helper()
	fast := engine.Lexer(l)
	if fast == l {
		return false
	}
	want, werr := tokens(l, text)
	got, gerr := tokens(fast, text)
	if fmt.Sprint(werr) != fmt.Sprint(gerr) {
		t.Errorf("%s: %s: chroma error %v, engine error %v", l.Config().Name, name, werr, gerr)
		return true
	}
	if werr != nil && strings.HasPrefix(werr.Error(), "runaway") {
		t.Logf("%s: %s: both run away", l.Config().Name, name)
	}
	if !slices.Equal(want, got) {
		if again, _ := tokens(l, text); !slices.Equal(want, again) {
			t.Logf("%s: %s: chroma itself gives different tokens from run to run (a regexp2 timeout?)", l.Config().Name, name)
			return true
		}
		i := 0
		for i < len(want) && i < len(got) && want[i] == got[i] {
			i++
		}
		t.Errorf("%s: %s: %d tokens, chroma gave %d; first difference at token %d:\nchroma %v\nengine %v",
			l.Config().Name, name, len(got), len(want), i, window(want, i), window(got, i))
	}
	return true
}

func window(toks []chroma.Token, i int) []chroma.Token {
	return toks[max(0, i-3):min(len(toks), i+3)]
}

// corpusFile is one of chroma's lexer test inputs and the lexer chroma's
// own tests use for it.
type corpusFile struct {
	path  string
	lexer chroma.Lexer
}

// corpus lists the .actual files under dir, finding each file's lexer as
// chroma's lexers_test.go does: by the directory's name for files in a
// directory, else by the file name up to its first dot.
func corpus(t *testing.T, dir string) []corpusFile {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []corpusFile
	for _, e := range entries {
		if e.IsDir() {
			if e.Name() == "analysis" {
				continue
			}
			l := lexers.Get(e.Name())
			sub, err := os.ReadDir(filepath.Join(dir, e.Name()))
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range sub {
				if filepath.Ext(f.Name()) == ".actual" && l != nil {
					out = append(out, corpusFile{filepath.Join(dir, e.Name(), f.Name()), l})
				}
			}
			continue
		}
		if filepath.Ext(e.Name()) != ".actual" {
			continue
		}
		base := strings.Split(strings.TrimSuffix(e.Name(), ".actual"), ".")[0]
		if l := lexers.Get(base); l != nil {
			out = append(out, corpusFile{filepath.Join(dir, e.Name()), l})
		} else {
			t.Errorf("%s: no lexer %q", e.Name(), base)
		}
	}
	return out
}

// compareCorpus tokenises every file of the corpus in dir with its own
// lexer (and, with -highlight.cross, with every handled lexer) through chroma
// and through the engine.
func compareCorpus(t *testing.T, dir string) {
	files := corpus(t, dir)
	handled, ran := 0, 0
	for _, f := range files {
		data, err := os.ReadFile(f.path)
		if err != nil {
			t.Fatal(err)
		}
		rel, _ := filepath.Rel(dir, f.path)
		if same(t, f.lexer, rel, string(data)) {
			handled++
		}
		ran++
	}
	t.Logf("%d corpus files, %d through the engine, %d left to chroma", ran, handled, ran-handled)
	if !*cross {
		return
	}
	texts := make([]string, len(files))
	for i, f := range files {
		data, err := os.ReadFile(f.path)
		if err != nil {
			t.Fatal(err)
		}
		texts[i] = string(data)
	}
	t.Run("rules", func(t *testing.T) {
		if *from != "" {
			t.Skip("-highlight.from")
		}
		for i, f := range files {
			p, err := engine.program(f.lexer)
			if err != nil {
				continue
			}
			rel, _ := filepath.Rel(dir, f.path)
			seen := map[*chroma.CompiledRule]bool{}
			for name, st := range p.states {
				for j, r := range st.rules {
					if !seen[r] {
						seen[r] = true
						checkRule(t, rel+" "+name, r, &st.tests[j], []rune(texts[i]), nil)
					}
				}
			}
		}
	})
	n := 0
	started := *from == ""
	for _, l := range lexers.GlobalLexerRegistry.Lexers {
		if started = started || l.Config().Name == *from; !started || engine.Handles(l) != nil {
			continue
		}
		t.Run("cross/"+l.Config().Name, func(t *testing.T) {
			for i, f := range files {
				rel, _ := filepath.Rel(dir, f.path)
				same(t, l, rel, texts[i])
				n++
				if t.Failed() {
					return
				}
			}
		})
	}
	t.Logf("cross: %d lexer-file pairs compared", n)
}

// TestCorpus compares the engine with chroma on chroma's whole lexer test
// corpus, found in the module cache.
func TestCorpus(t *testing.T) {
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/alecthomas/chroma/v2").Output()
	dir := filepath.Join(strings.TrimSpace(string(out)), "lexers", "testdata")
	if err != nil || strings.TrimSpace(string(out)) == "" {
		t.Skipf("chroma's module directory not found: %v", err)
	}
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("chroma's lexer corpus not found: %v", err)
	}
	compareCorpus(t, dir)
}

// TestHandled reports which of the registry's lexers the engine runs, and
// checks that the ones the site's playbooks use are among them.
func TestHandled(t *testing.T) {
	var fall []string
	for _, l := range lexers.GlobalLexerRegistry.Lexers {
		if err := engine.Handles(l); err != nil {
			fall = append(fall, l.Config().Name+": "+err.Error())
		}
	}
	n := len(lexers.GlobalLexerRegistry.Lexers)
	t.Logf("%d lexers: %d handled, %d left to chroma:\n%s", n, n-len(fall), len(fall), strings.Join(fall, "\n"))
	for _, name := range []string{"bash", "console", "yaml", "json", "sql", "go", "python", "javascript", "ruby", "promql", "hcl", "terraform", "docker", "ini", "toml", "diff", "powershell"} {
		l := lexers.Get(name)
		if l == nil {
			t.Errorf("no lexer %q", name)
			continue
		}
		if err := engine.Handles(l); err != nil {
			t.Errorf("%s: left to chroma: %v", name, err)
		}
	}
}

// TestTestdata compares the engine with chroma on testdata/corpus, a
// subset of chroma's corpus plus a few languages it lacks.
func TestTestdata(t *testing.T) {
	compareCorpus(t, filepath.Join("testdata", "corpus"))
}

// sample has runes the lexers treat specially and some they never see:
// CRLF, tabs, non-ASCII letters and digits, an astral rune, a NUL.
const sample = "#!/bin/sh\n# comment\r\nx = 1_000.5e-3 + 0x1F; y := \"str\\\"ing\" 'c' `raw`\n" +
	"if (a && b || !c) { return a->b::c[0]; } else /* block */ // line\n" +
	"\tİstanbul ΣΑΣ straße ǅ ﬃ ٣٤ 😀 \x00 <tag attr=\"v\">&amp;</tag> $VAR ${x:-y} @decorator\n" +
	"key: value\n- item\n---\n[section]\nk=v\n"

// TestRules checks each rule's test and direct matcher against regexp2
// itself: every rule at every position of sample, and the rules of each
// lexer with testdata at the positions of that text where chroma's tokens
// start, where the lexer tries its rules (at every position with
// -highlight.long). A rule that matches must be admitted, and a direct
// matcher must give regexp2's match. A rule's test and matcher depend only
// on its compiled pattern, which many lexers share, so each pattern is
// checked once against sample.
func TestRules(t *testing.T) {
	own := map[chroma.Lexer]string{}
	for _, f := range corpus(t, filepath.Join("testdata", "corpus")) {
		data, err := os.ReadFile(f.path)
		if err != nil {
			t.Fatal(err)
		}
		own[f.lexer] += string(data)
	}
	rules, directs, loose, nests, positions := 0, 0, 0, 0, 0
	onSample := map[string]bool{} // the patterns checked against sample
	for _, l := range lexers.GlobalLexerRegistry.Lexers {
		p, err := engine.program(l)
		if err != nil {
			continue
		}
		var text []rune
		var starts []int
		if s, ok := own[l]; ok {
			text, starts = tokenStarts(t, l, s)
		}
		seen := map[*chroma.CompiledRule]bool{}
		for name, st := range p.states {
			for i, r := range st.rules {
				if seen[r] {
					continue
				}
				seen[r] = true
				rules++
				if p.emit[r] != nil {
					nests++
				}
				tt := &st.tests[i]
				if tt.direct != nil {
					directs++
					if tt.direct.loose {
						loose++
					}
				}
				where := l.Config().Name + " " + name
				if pattern := r.Regexp.String(); !onSample[pattern] {
					onSample[pattern] = true
					positions += checkRule(t, where, r, tt, []rune(sample), nil)
				}
				if text != nil {
					positions += checkRule(t, where, r, tt, text, starts)
				}
			}
		}
	}
	t.Logf("%d rules, %d matched directly (%d of them leave the groups of a match to regexp2), %d with nested lexers run by the engine; %d patterns checked at %d positions",
		rules, directs, loose, nests, len(onSample), positions)
}

// tokenStarts returns the text l tokenises s as (with chroma's line-ending
// rewrite), and the positions in it where chroma's tokens start, or nil
// for all with -highlight.long.
func tokenStarts(t *testing.T, l chroma.Lexer, s string) ([]rune, []int) {
	toks, err := tokens(l, s)
	if err != nil {
		t.Fatalf("%s: %v", l.Config().Name, err)
	}
	var text []rune
	starts := []int{}
	for _, tok := range toks {
		if tok.Value != "" {
			starts = append(starts, len(text))
			text = append(text, []rune(tok.Value)...)
		}
	}
	if *long {
		starts = nil
	}
	return text, starts
}

// checkRule checks r's test and direct matcher against regexp2 at the
// given positions of text, or at all of them for nil, and returns how many
// it checked.
func checkRule(t *testing.T, where string, r *chroma.CompiledRule, tt *test, text []rune, at []int) int {
	t.Helper()
	// chroma's 250 ms match timeout makes regexp2 give up on a busy machine, and a
	// timed-out match reads as no match: the test compares answers, not speed.
	defer func(d time.Duration) { r.Regexp.MatchTimeout = d }(r.Regexp.MatchTimeout)
	r.Regexp.MatchTimeout = time.Minute
	s := &run{p: &program{named: map[*chroma.CompiledRule]bool{r: true}}}
	if at == nil {
		at = make([]int, len(text))
		for i := range at {
			at[i] = i
		}
	}
	for _, pos := range at {
		wg, wn := s.try(r, nil, text, pos) // regexp2's match at pos, or nil
		if wg != nil && !(tt.admits(text[pos]) && tt.possible(text, pos)) {
			t.Errorf("%s %q: matches %q at %d but the test rejects it", where, r.Pattern, wg[0], pos)
			return len(at)
		}
		if tt.direct == nil {
			continue
		}
		gg, gn := s.try(r, tt, text, pos)
		if !slices.Equal(wg, gg) || !maps.Equal(wn, gn) {
			t.Errorf("%s %q at %d: direct gives %q %q, regexp2 %q %q", where, r.Pattern, pos, gg, gn, wg, wn)
			return len(at)
		}
	}
	return len(at)
}
