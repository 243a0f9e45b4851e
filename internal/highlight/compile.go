package highlight

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"time"
	"unicode"

	"github.com/alecthomas/chroma/v2"
	"github.com/dlclark/regexp2/v2"
	"github.com/dlclark/regexp2/v2/syntax"
)

// program is a lexer's rules compiled as chroma compiles them, with a
// prefilter for each state.
type program struct {
	lexer  *chroma.RegexLexer
	rules  chroma.CompiledRules
	states map[string]*state
	// named holds the rules whose emitter is not one of chroma's
	// serialisable ones and so might read LexerState.NamedGroups; other
	// matches skip building that map. Nothing else reads it: mutators here
	// are push and pop, and a match's tokens are all taken before the next
	// match replaces the groups.
	named map[*chroma.CompiledRule]bool
	// emit holds stand-ins for emitters that call nested lexers.
	emit   map[*chroma.CompiledRule]*nested
	engine *Engine
}

// state is the prefilter of one state's rules.
type state struct {
	// rules are the rules the tables were built from. A run compares them
	// with LexerState.Rules before trusting the tables, in case an emitter
	// rewrote the rules.
	rules []*chroma.CompiledRule
	tests []test
	// ascii[c] lists, in order, the rules that can match at an ASCII rune c
	// (before the length and literal checks).
	ascii [128][]int32
}

// test says where a rule cannot match. Each check is either one regexp2
// makes itself before running the pattern (minLen, prefix) or follows from
// its own first-character analysis of the pattern (first).
type test struct {
	// first is the set of runes a match can start with; nil means any.
	first *syntax.CharSet
	// fold also admits a rune whose lower or upper case is in first, for
	// patterns with case-insensitive parts.
	fold bool
	// minLen is regexp2's minimum match length: it fails at once when
	// fewer runes remain.
	minLen int
	// prefix is the leading literal regexp2 checks at the start position
	// of a \G-anchored pattern before running it; nil when it checks none.
	prefix *syntax.BmPrefix
	// direct, when not nil, matches the pattern without regexp2 (or,
	// when loose, decides whether it matches).
	direct *direct
}

// compile compiles rl's rules exactly as chroma's maybeCompile does, on a
// copy, so that chroma's own lexer is left untouched.
func compile(e *Engine, rl *chroma.RegexLexer) (*program, error) {
	raw, err := rl.Rules()
	if err != nil {
		return nil, err
	}
	// fetchRules: one CompiledRule per rule, flags from the config.
	cfg := rl.Config()
	flags := ""
	if !cfg.NotMultiline {
		flags += "m"
	}
	if cfg.CaseInsensitive {
		flags += "i"
	}
	if cfg.DotAll {
		flags += "s"
	}
	rules := chroma.CompiledRules{}
	for name, rs := range raw {
		rules[name] = nil
		for _, r := range rs {
			rules[name] = append(rules[name], &chroma.CompiledRule{Rule: r})
		}
	}
	patterns := map[*chroma.CompiledRule]string{}
	for name, rs := range rules {
		for i, r := range rs {
			pattern := "(?:" + r.Pattern + ")"
			if flags != "" {
				pattern = "(?" + flags + ")" + pattern
			}
			pattern = `\G` + pattern
			r.Regexp, err = regexp2.Compile(pattern)
			if err != nil {
				return nil, fmt.Errorf("failed to compile rule %s.%d: %s", name, i, err)
			}
			r.Regexp.MatchTimeout = 250 * time.Millisecond
			patterns[r] = pattern
		}
	}
	// Include and Combined rewrite the rules, one at a time, as in chroma.
	// (chroma's check for a mutator seen twice is reset by every restart,
	// so it never fires and is left out.)
restart:
	for name := range rules {
		for i := range len(rules[name]) {
			if m, ok := rules[name][i].Mutator.(chroma.LexerMutator); ok {
				if err := m.MutateLexer(rules, name, i); err != nil {
					return nil, err
				}
				goto restart
			}
		}
	}
	for name, rs := range rules {
		for _, r := range rs {
			if v, ok := r.Type.(chroma.ValidatingEmitter); ok {
				if err := v.ValidateEmitter(r); err != nil {
					return nil, fmt.Errorf("%s: %s: %s: %w", cfg.Name, name, r.Pattern, err)
				}
			}
		}
	}

	p := &program{
		lexer:  rl,
		rules:  rules,
		states: map[string]*state{},
		named:  map[*chroma.CompiledRule]bool{},
		emit:   map[*chroma.CompiledRule]*nested{},
		engine: e,
	}
	tests := map[*chroma.CompiledRule]test{}
	for name, rs := range rules {
		st := &state{rules: append([]*chroma.CompiledRule(nil), rs...), tests: make([]test, len(rs))}
		for i, r := range rs {
			if err := knownMutator(r.Mutator); err != nil {
				return nil, fmt.Errorf("%s: %s: %w", name, r.Pattern, err)
			}
			if !serialisable(r.Type) {
				p.named[r] = true
			}
			if _, ok := p.emit[r]; !ok {
				p.emit[r] = newNested(p, r.Type, len(r.Regexp.GetGroupNumbers())-1)
			}
			t, ok := tests[r]
			if !ok {
				t = analyse(patterns[r])
				tests[r] = t
			}
			st.tests[i] = t
			for c := range rune(len(st.ascii)) {
				if t.admits(c) {
					st.ascii[c] = append(st.ascii[c], int32(i))
				}
			}
		}
		p.states[name] = st
	}
	return p, nil
}

// knownMutator returns an error unless m is nil or built of chroma's own
// push, pop and Mutators, which only move LexerState.Stack. Other mutators
// may rewrite the rules as they run (Raku's do), and chroma keeps such
// changes in its lexer from one Tokenise to the next, where this engine's
// copy of the rules could not follow.
func knownMutator(m chroma.Mutator) error {
	if m == nil {
		return nil
	}
	sm, ok := m.(chroma.SerialisableMutator)
	if !ok {
		return fmt.Errorf("mutator %T is not one of chroma's", m)
	}
	switch kind := sm.MutatorKind(); kind {
	case "push", "pop":
		return nil
	case "mutators":
	default:
		return fmt.Errorf("mutator %q is not push, pop or mutators", kind)
	}
	// A Mutators' parts are unexported; its XML names them, and fails on
	// any that is not serialisable.
	data, err := xml.Marshal(m)
	if err != nil {
		return fmt.Errorf("mutator %T: %w", m, err)
	}
	d := xml.NewDecoder(bytes.NewReader(data))
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		if se, ok := tok.(xml.StartElement); ok {
			switch se.Name.Local {
			case "push", "pop", "mutators":
			default:
				return fmt.Errorf("mutator %q is not push, pop or mutators", se.Name.Local)
			}
		}
	}
}

// serialisable reports whether e is built only of chroma's serialisable
// emitters, none of which reads LexerState.NamedGroups.
func serialisable(e chroma.Emitter) bool {
	if e == nil {
		return true
	}
	if _, ok := e.(chroma.SerialisableEmitter); !ok {
		return false
	}
	_, err := xml.Marshal(e)
	return err == nil
}

// analyse builds a rule's test from regexp2's analysis of the same pattern
// chroma compiled. Anything unexpected gives a test that admits all.
func analyse(pattern string) (t test) {
	defer func() {
		if recover() != nil {
			t = test{}
		}
	}()
	tree, err := syntax.Parse(pattern, syntax.ParseOptions{})
	if err != nil {
		return test{}
	}
	t.direct = newDirect(tree)
	code, err := syntax.Write(tree)
	if err != nil || code.RightToLeft {
		return test{direct: t.direct}
	}
	if fo := code.FindOptimizations; fo != nil && fo.MinRequiredLength > 0 {
		t.minLen = fo.MinRequiredLength
	}
	// regexp2's findFirstChar: a \G pattern with no other leading anchor
	// is tried only where its leading literal (if any) matches.
	const anchors = syntax.AnchorBeginning | syntax.AnchorStart | syntax.AnchorEndZ | syntax.AnchorEnd
	if code.BmPrefix != nil && code.Anchors&anchors == syntax.AnchorStart {
		t.prefix = code.BmPrefix
	}
	if code.FcPrefix != nil {
		set := code.FcPrefix.PrefixSet
		t.first = &set
		t.fold = code.FcPrefix.CaseInsensitive || ignoresCase(tree.Root)
	}
	return t
}

// ignoresCase reports whether any node of the tree matches ignoring case.
func ignoresCase(n *syntax.RegexNode) bool {
	if n == nil {
		return false
	}
	if n.Options&syntax.IgnoreCase != 0 {
		return true
	}
	for _, c := range n.Children {
		if ignoresCase(c) {
			return true
		}
	}
	return false
}

// admits reports whether the rule's match can start with c. Runes from
// U+FFFF up are always admitted: regexp2's first-character sets were made
// for UTF-16 and can miss them (a negated astral character, for one).
func (t *test) admits(c rune) bool {
	if t.first == nil || c >= 0xFFFF || t.first.CharIn(c) {
		return true
	}
	return t.fold && (t.first.CharIn(unicode.ToLower(c)) || t.first.CharIn(unicode.ToUpper(c)))
}

// possible reports whether the rule can match at pos in text, whose rune
// there is admitted.
func (t *test) possible(text []rune, pos int) bool {
	if len(text)-pos < t.minLen {
		return false
	}
	return t.prefix == nil || t.prefix.IsMatch(text, pos, 0, len(text))
}
