package highlight

import (
	"errors"
	"fmt"
	"strings"
	"sync"

	"github.com/alecthomas/chroma/v2"
)

// Engine runs the RegexLexers of one registry. It is safe for concurrent
// use; each lexer is compiled once, on first use.
type Engine struct {
	reg *chroma.LexerRegistry

	mu    sync.Mutex
	progs map[*chroma.RegexLexer]*entry
}

// entry is one lexer's compiled program, or why the engine leaves the
// lexer to chroma.
type entry struct {
	once sync.Once
	prog *program
	err  error
}

// New returns an Engine for the lexers registered in reg. Registering a
// lexer points it at its registry, which the Using emitters consult, so
// the engine hands reg to them as chroma would.
func New(reg *chroma.LexerRegistry) *Engine {
	return &Engine{reg: reg, progs: map[*chroma.RegexLexer]*entry{}}
}

// Lexer returns a lexer whose tokens are exactly l's: l's own rules run by
// the engine when Handles(l) is nil, and l itself otherwise.
func (e *Engine) Lexer(l chroma.Lexer) chroma.Lexer {
	p, err := e.program(l)
	if err != nil {
		return l
	}
	return &lexer{p: p, reg: e.reg}
}

// Handles returns nil when the engine runs l itself, and otherwise the
// reason it leaves l to chroma.
func (e *Engine) Handles(l chroma.Lexer) error {
	_, err := e.program(l)
	return err
}

func (e *Engine) program(l chroma.Lexer) (*program, error) {
	if err := unverified(); err != nil {
		return nil, err
	}
	rl, ok := l.(*chroma.RegexLexer)
	if !ok {
		return nil, fmt.Errorf("%T is not a *chroma.RegexLexer", l)
	}
	e.mu.Lock()
	en := e.progs[rl]
	if en == nil {
		en = &entry{}
		e.progs[rl] = en
	}
	e.mu.Unlock()
	en.once.Do(func() {
		if !e.registered(rl) {
			en.err = errors.New("not one of the registry's lexers, so its registry is unknown")
			return
		}
		en.prog, en.err = compile(e, rl)
	})
	return en.prog, en.err
}

// registered reports whether rl is one of the registry's lexers, and so
// has that registry (Register sets it).
func (e *Engine) registered(rl *chroma.RegexLexer) bool {
	if e.reg == nil {
		return false
	}
	for _, l := range e.reg.Lexers {
		if l == chroma.Lexer(rl) {
			return true
		}
	}
	return false
}

// lexer is a chroma.Lexer that runs a program.
type lexer struct {
	p   *program
	reg *chroma.LexerRegistry
}

func (x *lexer) Config() *chroma.Config { return x.p.lexer.Config() }

func (x *lexer) AnalyseText(text string) float32 { return x.p.lexer.AnalyseText(text) }

// SetAnalyser sets the analyser of the underlying chroma lexer.
func (x *lexer) SetAnalyser(f func(text string) float32) chroma.Lexer {
	x.p.lexer.SetAnalyser(f)
	return x
}

// SetRegistry changes the registry this lexer's emitters consult; the
// underlying chroma lexer, shared by everyone, is left alone.
func (x *lexer) SetRegistry(reg *chroma.LexerRegistry) chroma.Lexer {
	x.reg = reg
	return x
}

// defaultOptions are chroma's defaults for nil TokeniseOptions.
var defaultOptions = &chroma.TokeniseOptions{State: "root", EnsureLF: true}

// Tokenise mirrors (*chroma.RegexLexer).Tokenise.
func (x *lexer) Tokenise(options *chroma.TokeniseOptions, text string) (chroma.Iterator, error) {
	if options == nil {
		options = defaultOptions
	}
	if options.EnsureLF {
		text = ensureLF(text)
	}
	newlineAdded := false
	if !options.Nested && x.p.lexer.Config().EnsureNL && !strings.HasSuffix(text, "\n") {
		text += "\n"
		newlineAdded = true
	}
	s := &run{
		p:            x.p,
		options:      options,
		newlineAdded: newlineAdded,
		st: chroma.LexerState{
			Registry:       x.reg,
			Lexer:          x.p.lexer,
			Text:           []rune(text),
			Stack:          []string{options.State},
			Rules:          x.p.rules,
			MutatorContext: map[any]any{},
		},
	}
	return s.next, nil
}

// ensureLF is chroma's: \r\n and lone \r become \n.
func ensureLF(text string) string {
	buf := make([]byte, len(text))
	var j int
	for i := range len(text) {
		c := text[i]
		if c == '\r' {
			if i < len(text)-1 && text[i+1] == '\n' {
				continue
			}
			c = '\n'
		}
		buf[j] = c
		j++
	}
	return string(buf[:j])
}
