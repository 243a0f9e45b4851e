// Package lex runs chroma's regex lexers faster and gives exactly the
// tokens chroma gives.
//
// Chroma's RegexLexer tries every rule of the current state in order at
// each position, and each failed regexp2 attempt costs a match setup. An
// Engine compiles a lexer's rules the way chroma does and then, at each
// position, tries only the rules whose match can start with the rune there
// (regexp2's own first-character and leading-literal analysis of the same
// compiled pattern says which). The iterator is chroma's, step for step, so
// the token stream is the same; lexers the engine cannot vouch for are left
// to chroma.
package lex
