package highlight

import (
	"slices"
	"strconv"
	"unicode/utf8"

	"github.com/alecthomas/chroma/v2"
)

// run is one tokenisation: the exported LexerState that mutators and
// emitters see, plus what chroma keeps in its unexported fields.
type run struct {
	st           chroma.LexerState
	p            *program
	options      *chroma.TokeniseOptions
	newlineAdded bool
	iterators    []chroma.Iterator
	caps         []int // direct matches' group bounds
	counts       []int // and loop counters
}

// pending returns the next token of the emitters' iterators, and false once
// they are exhausted.
func (s *run) pending() (chroma.Token, bool) {
	for len(s.iterators) > 0 {
		n := len(s.iterators) - 1
		t := s.iterators[n]()
		if t.Type == chroma.Ignore {
			continue
		}
		if t == chroma.EOF {
			s.iterators = s.iterators[:n]
			continue
		}
		return t, true
	}
	return chroma.Token{}, false
}

// next is (*chroma.LexerState).Iterator, step for step, with matchRules
// replaced by match. Tracing is not supported.
func (s *run) next() chroma.Token {
	l := &s.st
	end := len(l.Text)
	if s.newlineAdded {
		end--
	}
	for l.Pos < end && len(l.Stack) > 0 {
		// Exhaust the iterator stack, if any.
		if t, ok := s.pending(); ok {
			return t
		}

		l.State = l.Stack[len(l.Stack)-1]
		selected, ok := l.Rules[l.State]
		if !ok {
			panic("unknown state " + l.State)
		}
		ruleIndex, rule, groups, namedGroups := s.match(selected)
		if groups == nil {
			// Pygments' error recovery: an unmatched newline outside the
			// start state returns to it.
			if l.Text[l.Pos] == '\n' && l.State != s.options.State {
				l.Stack = []string{s.options.State}
				continue
			}
			l.Pos++
			return chroma.Token{Type: chroma.Error, Value: string(l.Text[l.Pos-1 : l.Pos])}
		}
		l.Rule = ruleIndex
		l.Groups = groups
		l.NamedGroups = namedGroups
		l.Pos += utf8.RuneCountInString(groups[0])
		if rule.Mutator != nil {
			if err := rule.Mutator.Mutate(l); err != nil {
				panic(err)
			}
		}
		if rule.Type != nil {
			var em chroma.Emitter = rule.Type
			if n := s.p.emit[rule]; n != nil {
				em = n
			}
			s.iterators = append(s.iterators, em.Emit(l.Groups, l))
		}
	}
	if t, ok := s.pending(); ok {
		return t
	}

	// Text left over once the stack is empty is an error.
	if l.Pos != len(l.Text) && len(l.Stack) == 0 {
		value := string(l.Text[l.Pos:])
		l.Pos = len(l.Text)
		return chroma.Token{Type: chroma.Error, Value: value}
	}
	return chroma.EOF
}

// match is chroma's matchRules, trying only the rules the state's tests
// admit at the current position. It tries them all when the state's rules
// are no longer the ones the tests were built for.
func (s *run) match(selected []*chroma.CompiledRule) (int, *chroma.CompiledRule, []string, map[string]string) {
	text, pos := s.st.Text, s.st.Pos
	st := s.p.states[s.st.State]
	if st == nil || pos < 0 || pos >= len(text) || !slices.Equal(st.rules, selected) {
		for i, rule := range selected {
			if groups, named := s.try(rule, nil, text, pos); groups != nil {
				return i, rule, groups, named
			}
		}
		return 0, &chroma.CompiledRule{}, nil, nil
	}
	if c := text[pos]; c < rune(len(st.ascii)) {
		for _, i := range st.ascii[c] {
			t := &st.tests[i]
			if !t.possible(text, pos) {
				continue
			}
			if groups, named := s.try(selected[i], t, text, pos); groups != nil {
				return int(i), selected[i], groups, named
			}
		}
	} else {
		for i, rule := range selected {
			t := &st.tests[i]
			if !t.admits(c) || !t.possible(text, pos) {
				continue
			}
			if groups, named := s.try(rule, t, text, pos); groups != nil {
				return i, rule, groups, named
			}
		}
	}
	return 0, &chroma.CompiledRule{}, nil, nil
}

// try matches one rule at pos as matchRules does, returning nil groups
// when it does not match there. t is the rule's test, or nil.
func (s *run) try(rule *chroma.CompiledRule, t *test, text []rune, pos int) ([]string, map[string]string) {
	if t != nil && t.direct != nil {
		d := t.direct
		if need := 2 * (d.groups + 1); len(s.caps) < need {
			s.caps = make([]int, need)
		}
		if d.reps && len(s.counts) < len(d.items) {
			s.counts = make([]int, len(d.items))
		}
		if ok, known := d.match(text, pos, s.caps, s.counts); known && (!ok || !d.loose) {
			if !ok {
				return nil, nil
			}
			groups := make([]string, d.groups+1)
			for k := range groups {
				groups[k] = string(text[s.caps[2*k]:s.caps[2*k+1]])
			}
			var named map[string]string
			if s.p.named[rule] {
				named = make(map[string]string, len(groups))
				for k, g := range groups {
					named[strconv.Itoa(k)] = g
				}
			}
			return groups, named
		}
	}
	match, err := rule.Regexp.FindRunesMatchStartingAt(text, pos)
	if match == nil || err != nil || match.RuneIndex != pos {
		return nil, nil
	}
	all := match.Groups()
	groups := make([]string, 0, len(all))
	var named map[string]string
	if s.p.named[rule] {
		named = make(map[string]string, len(all))
	}
	for _, g := range all {
		v := g.String()
		if named != nil {
			named[g.Name] = v
		}
		groups = append(groups, v)
	}
	return groups, named
}
