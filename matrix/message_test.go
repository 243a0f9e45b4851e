package matrix

import (
	"strconv"
	"strings"
	"testing"
)

func TestRenderMessage(t *testing.T) {
	vals := map[string]string{"status": "Investigating", "what": "Some payments fail.", "empty": "", "blank": "  "}
	for _, tc := range []struct{ name, text, want string }{
		{"placeholders become values", "{status}: {what}", "Investigating: Some payments fail."},
		{"a filled section stays", "{status}{?what} — {what}{/what}", "Investigating — Some payments fail."},
		{"an empty section goes", "{status}.{?empty} Do: {empty}{/empty}", "Investigating."},
		{"spaces are empty", "a{?blank}b{/blank}c", "ac"},
		{"nested sections hide with their parent", "{?empty}x{?what}y{/what}z{/empty}!", "!"},
		{"nested sections show with their parent", "{?what}x{?empty}y{/empty}z{/what}", "xz"},
		{"other braces are text", "{Not a field} {a b} {}", "{Not a field} {a b} {}"},
		{"an unknown field is empty", "[{nope}]", "[]"},
		{"blank lines fold and lines lose trailing spaces", "a  \n\n\n\n{?empty}x{/empty}\nb\n", "a\n\nb"},
		{"a stray end is dropped", "a{/what}b", "ab"},
	} {
		if got := RenderMessage(tc.text, vals); got != tc.want {
			t.Errorf("%s: RenderMessage(%q) = %q, want %q", tc.name, tc.text, got, tc.want)
		}
	}
}

func TestParseMessageErrors(t *testing.T) {
	for _, tc := range []struct{ name, text, want string }{
		{"well nested", "{?a}{b}{/a}", ""},
		{"never closed", "x {?a} y", "section {?a} is never closed@2"},
		{"closes nothing", "x {/a}", "{/a} closes no section@2"},
		{"crossed", "{?a}{?b}{/a}{/b}", "{/a} closes section {?b}@8"},
	} {
		_, errs := ParseMessage(tc.text)
		var got []string
		for _, e := range errs {
			got = append(got, e.Msg+"@"+itoa(e.Token.Off))
		}
		if g := strings.Join(got, "; "); !strings.HasPrefix(g, tc.want) || (tc.want == "") != (g == "") {
			t.Errorf("%s: errors %q, want %q", tc.name, g, tc.want)
		}
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

func FuzzRenderMessage(f *testing.F) {
	f.Add("{status}: {?what}{what}{/what}", "x")
	f.Add("{?a}{?b}{/a}{/b}{/c}{", "")
	f.Fuzz(func(t *testing.T, text, v string) {
		vals := map[string]string{"a": v, "status": v, "what": v}
		out := RenderMessage(text, vals)
		if out != strings.TrimSpace(out) {
			t.Fatalf("not trimmed: %q", out)
		}
		toks, _ := ParseMessage(text)
		for _, tk := range toks {
			if tk.Off < 0 || tk.End > len(text) || tk.Off >= tk.End {
				t.Fatalf("token %+v outside %q", tk, text)
			}
		}
	})
}
