package markdown

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// stripFrontMatter returns a content file without its "---" YAML front matter.
func stripFrontMatter(b []byte) []byte {
	if !bytes.HasPrefix(b, []byte("---\n")) {
		return b
	}
	if i := bytes.Index(b[4:], []byte("\n---\n")); i >= 0 {
		return b[4+i+5:]
	}
	return b
}

// FuzzRender checks that no input panics the renderer, that no href or src
// carries a script URL, and that without RawHTML no <script element and no
// style attribute reach the output. It is seeded with the sample playbook's
// Markdown bodies and the testdata documents.
func FuzzRender(f *testing.F) {
	var files []string
	for _, pattern := range []string{"../../content/*/*.md", "testdata/*.md"} {
		m, err := filepath.Glob(pattern)
		if err != nil {
			f.Fatal(err)
		}
		files = append(files, m...)
	}
	if len(files) == 0 {
		f.Fatal("no seed files found")
	}
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(stripFrontMatter(b)), false)
	}
	for _, s := range []string{
		"[x](javascript:alert(1))", "<javascript:alert(1)>", "![x](JaVaScRiPt:alert(1))",
		"[x](java&#x09;script:alert(1))", "> [!WARNING]\n> <script>x</script>", "!!! note \"<img src=x onerror=y>\"\n    x",
		"???+ tip\n    [a](javascript:x)", "<script>alert(1)</script>", "<a href=\"javascript:x\">a</a>",
	} {
		f.Add(s, false)
		f.Add(s, true)
	}
	// Near the complexity limits: just under, and just over.
	f.Add(strings.Repeat("[a](", 2000)+"\n\n"+strings.Repeat("> - 1. ", 300)+"x", false)
	f.Add(strings.Repeat("``\\", 4000)+"\n"+strings.Repeat("x[^1] ", 3000)+"\n\n[^1]: y\n[x]: /u", false)
	safe, raw := New(Options{}), New(Options{RawHTML: true})
	f.Fuzz(func(t *testing.T, src string, rawHTML bool) {
		r := safe
		if rawHTML {
			r = raw
		}
		res, err := r.Render([]byte(src))
		var ce *ComplexError
		if errors.As(err, &ce) {
			return
		}
		if err != nil {
			t.Fatal(err)
		}
		inline := string(r.Inline(src))
		if rawHTML {
			return // the playbook's own HTML may say anything
		}
		for _, out := range []string{string(res.HTML), inline} {
			if u := unsafeURLAttr(out); u != "" {
				t.Fatalf("unsafe URL attribute %s in %q", u, out)
			}
			if strings.Contains(strings.ToLower(out), "<script") {
				t.Fatalf("<script in output %q", out)
			}
			if m := styleAttr.FindString(out); m != "" {
				t.Fatalf("style attribute %q in output", m)
			}
		}
	})
}
