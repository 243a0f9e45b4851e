package highlight

import (
	"strings"
	"testing"
	"time"

	"github.com/alecthomas/chroma/v2"
	"github.com/dlclark/regexp2/v2"
)

// TestDirectPatterns checks analyse's test and direct matcher against
// regexp2 on patterns chosen for their edges, at every position of texts
// that exercise them.
func TestDirectPatterns(t *testing.T) {
	texts := []string{
		"aab ab aaab b", "'a' 'b'c' \"x\"  \n", "  - x\n- y", "f (x) g(\n", strings.Repeat(" ", 300), "a\u200db", "ab", "a", "abcd abcdd acd", "var func structs varx", "if fi do done doner", "<<= >>= &^= &^ += -=", "-1.5 .5 +3. 1", "aaab aab ab", "'it\\'s' 'x", "key: value\na//b: c", "ab ac ad", "  \t\n x\r\ny", "$foo_1 $1 $", "...", "abcABC İi Kk\u212a", "😀😁😂x😃", "٣٤5 12a", "\"\"\"", "xxxx x xx",
	}
	for _, tc := range []struct {
		pattern string
		direct  bool
	}{
		{`\s+`, true},
		{`[a-z]+`, true},
		{`a*ab`, true}, // regexp2 makes the loop atomic
		{`a*b`, true},
		{`ab|cd`, true},
		{`.`, true},
		{`(?s).+`, true},
		{`x{2,3}`, true},
		{`x{2,3}x`, true},
		{`\w+\d`, true},
		{`[^\n]+`, true},
		{``, true},
		{`(?i)abc`, true}, // sets of both cases
		{`\$[a-zA-Z_]\w*`, true},
		{`\.\.\.`, true},
		{`[😀-😂]+`, true},
		{`[^😀]`, true},
		{`\d+`, true},
		{`"""`, true},
		{`[a-z]+(?=\s)`, true},
		{`\b\w+`, true},
		{`(\w+)`, true},
		{`(a+)(a+)b`, true},
		{`^(\s*)(-)(\s)`, true},
		{`(\w+)(\s*)(\()`, true},
		{`'.*?'`, true},
		{`(?s)(".*?")(\s*)$`, true},
		{`\s*\s*\s*\s*\s*\s*x`, true},
		{`\Aa|b\z`, true},
		{`(var|func|struct)\b`, true},
		{`\b(if|fi|do|done)(\s*)\b`, true},
		{`(<<=|>>=|<<|>>|<=|>=|&\^=|&\^|\+=|-=)`, true},
		{`[+-]?(\d+\.\d*|\.\d+)`, true},
		{`(?>a+)ab|a+b`, true},
		{`(a|ab)(c|bcd)(d*)`, true},
		{`(?:(a)|b)c`, true}, // loose: regexp2 gives the groups
		{`(?:a|ab)(?:c|bcd)d*x?`, true},
		{`\Aa\B.\z`, true},
		{`(ab)+`, true}, // loose
		{`(?:ab)+`, true},
		{`(?:ab|a)*b`, true},
		{`(?:ab|a)*?b`, true},
		{`(?:a|b){2,3}b`, true},
		{`(?:x*|y)+`, false},
		{`'(?:\\.|[^'\\])*'`, true},
		{`((?:(?!//)[^"\n{#])*?)(:)( )`, true},
		{`(?:(?!b).)+`, true},
		{`a(?!b)\w`, true},
		{`(a)\1`, false},
		{`(?<n>a)b`, false},
		{`a(?=b)`, true},
		{`(?<!x)a`, false},
	} {
		for _, flags := range []string{"m", "mi", "ms"} {
			pattern := `\G(?` + flags + `)(?:` + tc.pattern + `)`
			re, err := regexp2.Compile(pattern)
			if err != nil {
				t.Fatal(err)
			}
			re.MatchTimeout = 250 * time.Millisecond
			tt := analyse(pattern)
			if flags == "m" && (tt.direct != nil) != tc.direct {
				t.Errorf("%s: direct %v, want %v", pattern, tt.direct != nil, tc.direct)
			}
			r := &chroma.CompiledRule{Rule: chroma.Rule{Pattern: tc.pattern}, Regexp: re}
			for _, text := range texts {
				checkRule(t, "", r, &tt, []rune(text), nil)
			}
		}
	}
}
