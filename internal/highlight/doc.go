// Package highlight runs chroma's regex lexers faster and gives exactly the
// tokens chroma gives.
//
// Chroma's RegexLexer tries every rule of the current state in order at
// each position, and each regexp2 attempt, failed or not, costs a match
// setup. An Engine compiles a lexer's rules the way chroma does and then,
// at each position, tries only the rules whose match can start with the
// rune there (regexp2's own first-character, length and leading-literal
// analysis of the same compiled pattern says which), and matches most
// patterns itself, following regexp2's runner on its parse tree; the rest
// go to regexp2. The iterator is chroma's, step for step, so the token
// stream is the same. Lexers the engine cannot vouch for (not a plain
// RegexLexer of the registry, or with mutators that may rewrite the rules)
// are left to chroma. Using, UsingSelf and ByGroups emitters run their
// nested lexers through the engine too.
package highlight
