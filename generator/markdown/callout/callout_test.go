package callout

import (
	"bytes"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
)

func convert(t testing.TB, src string) string {
	t.Helper()
	var b bytes.Buffer
	if err := goldmark.New(goldmark.WithExtensions(Extension)).Convert([]byte(src), &b); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestCallouts(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"a GitHub note", "> [!NOTE]\n> Read this.\n",
			"<div class=\"callout callout-note\" role=\"note\">\n<p class=\"callout-title\">Note</p>\n<p>Read this.</p>\n</div>\n"},
		{"a GitHub alert in lower case", "> [!warning]\n> Careful.",
			"<div class=\"callout callout-warning\" role=\"note\">\n<p class=\"callout-title\">Warning</p>\n<p>Careful.</p>\n</div>\n"},
		{"each GitHub kind has its style", "> [!CAUTION]\n> x\n\n> [!TIP]\n> y\n\n> [!IMPORTANT]\n> z",
			"<div class=\"callout callout-caution\" role=\"note\">\n<p class=\"callout-title\">Caution</p>\n<p>x</p>\n</div>\n" +
				"<div class=\"callout callout-tip\" role=\"note\">\n<p class=\"callout-title\">Tip</p>\n<p>y</p>\n</div>\n" +
				"<div class=\"callout callout-important\" role=\"note\">\n<p class=\"callout-title\">Important</p>\n<p>z</p>\n</div>\n"},
		{"an alert keeps its blocks and inlines", "> [!TIP]\n> Use **this**.\n>\n> - one\n> - two",
			"<div class=\"callout callout-tip\" role=\"note\">\n<p class=\"callout-title\">Tip</p>\n<p>Use <strong>this</strong>.</p>\n<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n</div>\n"},
		{"an alert with its text on a later block", "> [!NOTE]\n>\n> Later.",
			"<div class=\"callout callout-note\" role=\"note\">\n<p class=\"callout-title\">Note</p>\n<p>Later.</p>\n</div>\n"},
		{"an unknown alert kind stays a quote", "> [!FOO]\n> x", "<blockquote>\n<p>[!FOO]\nx</p>\n</blockquote>\n"},
		{"text after the marker stays a quote", "> [!NOTE] x\n> y", "<blockquote>\n<p>[!NOTE] x\ny</p>\n</blockquote>\n"},
		{"a plain quote stays a quote", "> x", "<blockquote>\n<p>x</p>\n</blockquote>\n"},
		{"an MkDocs admonition", "!!! tip \"Page early\"\n    Do not wait.\n\n    Really.\n\nAfter.",
			"<div class=\"callout callout-tip\" role=\"note\">\n<p class=\"callout-title\">Page early</p>\n<p>Do not wait.</p>\n<p>Really.</p>\n</div>\n<p>After.</p>\n"},
		{"an MkDocs kind without a title", "!!! danger\n    Stop.",
			"<div class=\"callout callout-caution\" role=\"note\">\n<p class=\"callout-title\">Danger</p>\n<p>Stop.</p>\n</div>\n"},
		{"an empty title drops the title", "!!! note \"\"\n    x",
			"<div class=\"callout callout-note\" role=\"note\">\n<p>x</p>\n</div>\n"},
		{"an unknown MkDocs kind is a note", "!!! custom-thing\n    x",
			"<div class=\"callout callout-note\" role=\"note\">\n<p class=\"callout-title\">Custom thing</p>\n<p>x</p>\n</div>\n"},
		{"extra classes are ignored", "!!! warning inline end \"T\"\n    x",
			"<div class=\"callout callout-warning\" role=\"note\">\n<p class=\"callout-title\">T</p>\n<p>x</p>\n</div>\n"},
		{"a collapsible admonition", "??? faq\n    x",
			"<details class=\"callout callout-note\">\n<summary class=\"callout-title\">FAQ</summary>\n<p>x</p>\n</details>\n"},
		{"an open collapsible admonition", "???+ note \"More\"\n    x",
			"<details class=\"callout callout-note\" open>\n<summary class=\"callout-title\">More</summary>\n<p>x</p>\n</details>\n"},
		{"a collapsible with an empty title gets the kind's", "??? tip \"\"\n    x",
			"<details class=\"callout callout-tip\">\n<summary class=\"callout-title\">Tip</summary>\n<p>x</p>\n</details>\n"},
		{"the title is escaped", "!!! note \"<b>&\"\n    x",
			"<div class=\"callout callout-note\" role=\"note\">\n<p class=\"callout-title\">&lt;b&gt;&amp;</p>\n<p>x</p>\n</div>\n"},
		{"admonitions nest", "!!! note\n    !!! warning\n        deep\n",
			"<div class=\"callout callout-note\" role=\"note\">\n<p class=\"callout-title\">Note</p>\n<div class=\"callout callout-warning\" role=\"note\">\n<p class=\"callout-title\">Warning</p>\n<p>deep</p>\n</div>\n</div>\n"},
		{"code inside keeps its indentation", "!!! note\n    ```\n      two\n    ```",
			"<div class=\"callout callout-note\" role=\"note\">\n<p class=\"callout-title\">Note</p>\n<pre><code>  two\n</code></pre>\n</div>\n"},
		{"an admonition ends at the first unindented line", "!!! note\n    in\n\nout",
			"<div class=\"callout callout-note\" role=\"note\">\n<p class=\"callout-title\">Note</p>\n<p>in</p>\n</div>\n<p>out</p>\n"},
		{"no space after the marker is text", "!!!note\n    x", "<p>!!!note\nx</p>\n"},
		{"a paragraph's lazy line stays in it, as in a list", "!!! note\n    in\nout",
			"<div class=\"callout callout-note\" role=\"note\">\n<p class=\"callout-title\">Note</p>\n<p>in\nout</p>\n</div>\n"},
		{"an unclosed title is text", "!!! note \"x\n    y", "<p>!!! note &quot;x\ny</p>\n"},
		{"indented four spaces is code", "    !!! note", "<pre><code>!!! note\n</code></pre>\n"},
		{"in a list item", "- !!! note\n      x",
			"<ul>\n<li>\n<div class=\"callout callout-note\" role=\"note\">\n<p class=\"callout-title\">Note</p>\n<p>x</p>\n</div>\n</li>\n</ul>\n"},
		{"an alert in an admonition", "!!! note\n    > [!WARNING]\n    > w",
			"<div class=\"callout callout-note\" role=\"note\">\n<p class=\"callout-title\">Note</p>\n<div class=\"callout callout-warning\" role=\"note\">\n<p class=\"callout-title\">Warning</p>\n<p>w</p>\n</div>\n</div>\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := convert(t, tt.src); got != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}

// FuzzCallout checks that no input panics the extension and that every
// callout opened is closed.
func FuzzCallout(f *testing.F) {
	for _, s := range []string{
		"> [!NOTE]\n> x", "> [!TIP]\n", "> [!WARNING]\n>\n> > [!CAUTION]\n> > y", "!!! note \"T\"\n    x\n\n    y\nz",
		"??? tip\n\t- a\n\t- b", "???+ danger \"\"\n    ```\n    code\n    ```", "- !!! note\n      x\n- y",
		"!!! a b c \"t\"\n" + strings.Repeat("    ", 3) + "x", "> [!NOTE]\n> [x]: /y\n> [x]",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		out := convert(t, src)
		if o, c := strings.Count(out, `<div class="callout `), strings.Count(out, "</div>"); o != c {
			t.Fatalf("%d callouts opened, %d closed: %q", o, c, out)
		}
		if o, c := strings.Count(out, `<details class="callout `), strings.Count(out, "</details>"); o != c {
			t.Fatalf("%d collapsible callouts opened, %d closed: %q", o, c, out)
		}
	})
}
