package qr

import (
	"encoding/xml"
	"flag"
	"fmt"
	"io"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files")

func TestSVGGolden(t *testing.T) {
	c, err := Encode("https://escalator.example/runbooks/db-failover/", M)
	if err != nil {
		t.Fatal(err)
	}
	got := c.SVG("Runbook: database failover") + "\n"
	const golden = "testdata/db-failover.svg"
	if *update {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Errorf("SVG differs from %s (go test -update rewrites it):\n%s", golden, got)
	}
}

func TestSVGDeterministic(t *testing.T) {
	var first string
	for i := range 3 {
		c, err := Encode(url(120), Q)
		if err != nil {
			t.Fatal(err)
		}
		s := c.SVG("Role card: incident commander")
		if i == 0 {
			first = s
		} else if s != first {
			t.Fatalf("encoding and drawing again gave different SVG:\n%s\n%s", first, s)
		}
		if again := c.SVG("Role card: incident commander"); again != s {
			t.Fatal("drawing one code twice gave different SVG")
		}
	}
}

// svgPart is an element of a parsed SVG: its name, attributes and text.
type svgPart struct {
	name  string
	attrs map[string]string
	text  string
}

// parseSVG parses s with encoding/xml, failing on malformed markup.
func parseSVG(t *testing.T, s string) []svgPart {
	t.Helper()
	dec := xml.NewDecoder(strings.NewReader(s))
	dec.Strict = true
	var parts []svgPart
	depth := 0
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("malformed SVG: %v\n%s", err, s)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			if depth == 0 && len(parts) > 0 {
				t.Fatalf("more than one root element:\n%s", s)
			}
			if tok.Name.Space != "http://www.w3.org/2000/svg" {
				t.Errorf("<%s> is in namespace %q", tok.Name.Local, tok.Name.Space)
			}
			p := svgPart{name: tok.Name.Local, attrs: map[string]string{}}
			for _, a := range tok.Attr {
				p.attrs[a.Name.Local] = a.Value
			}
			parts = append(parts, p)
			depth++
		case xml.EndElement:
			depth--
		case xml.CharData:
			if len(parts) > 0 {
				parts[len(parts)-1].text += string(tok)
			}
		default:
			t.Errorf("unexpected token %T in SVG", tok)
		}
	}
	return parts
}

// A row's first run starts at an absolute point on the row's middle line; each
// next run moves right from the end of the one before.
var (
	firstRunRE = regexp.MustCompile(`^M(\d+) (\d+)\.5h(\d+)`)
	nextRunRE  = regexp.MustCompile(`^m(\d+) 0h(\d+)`)
)

func TestSVGStructure(t *testing.T) {
	const title = `Runbook <db> & "failover" — it's 🚨`
	for _, text := range []string{"", url(60), url(300)} {
		c, err := Encode(text, M)
		if err != nil {
			t.Fatal(err)
		}
		s := c.SVG(title)
		if strings.Contains(s, "style") {
			t.Errorf("SVG mentions style:\n%s", s)
		}
		parts := parseSVG(t, s)
		var names []string
		for _, p := range parts {
			names = append(names, p.name)
			if _, ok := p.attrs["style"]; ok {
				t.Errorf("<%s> has a style attribute", p.name)
			}
		}
		if got := strings.Join(names, " "); got != "svg title rect path" {
			t.Fatalf("elements %q, want svg title rect path", got)
		}
		side := strconv.Itoa(c.Size + 8)
		root, ttl, rect, path := parts[0], parts[1], parts[2], parts[3]
		for _, check := range []struct {
			part       svgPart
			attr, want string
		}{
			{root, "viewBox", "0 0 " + side + " " + side},
			{root, "role", "img"},
			{root, "shape-rendering", "crispEdges"},
			{root, "class", "qr"},
			{rect, "class", "qr-bg"},
			{rect, "fill", "#fff"},
			{rect, "width", side},
			{rect, "height", side},
			{path, "class", "qr-fg"},
			{path, "fill", "none"},
			{path, "stroke", "currentColor"},
		} {
			if got := check.part.attrs[check.attr]; got != check.want {
				t.Errorf("<%s %s=%q>, want %q", check.part.name, check.attr, got, check.want)
			}
		}
		if ttl.text != title {
			t.Errorf("title %q, want %q", ttl.text, title)
		}

		// The path, stroked one unit wide, paints exactly the dark modules,
		// shifted by the quiet zone, with no two runs adjoining in a row.
		if w := path.attrs["stroke-width"]; w != "" && w != "1" {
			t.Fatalf("stroke-width %q, want the default 1", w)
		}
		n := c.Size + 8
		painted := make([]bool, n*n)
		d := path.attrs["d"]
		rows := map[int]bool{}
		y, end := -1, 0 // the current row, and the end of its last run
		for d != "" {
			var x, w int
			if m := firstRunRE.FindStringSubmatch(d); m != nil {
				d = d[len(m[0]):]
				x, _ = strconv.Atoi(m[1])
				y, _ = strconv.Atoi(m[2])
				w, _ = strconv.Atoi(m[3])
				if rows[y] {
					t.Fatalf("row %d starts twice", y)
				}
				rows[y] = true
			} else if m := nextRunRE.FindStringSubmatch(d); m != nil && y >= 0 {
				d = d[len(m[0]):]
				gap, _ := strconv.Atoi(m[1])
				if gap < 1 {
					t.Errorf("run %q adjoins the one before", m[0])
				}
				x = end + gap
				w, _ = strconv.Atoi(m[2])
			} else {
				t.Fatalf("path data not runs at %.40q", d)
			}
			if w < 1 || x+w > n {
				t.Fatalf("run of %d from (%d,%d) is empty or leaves the image", w, x, y)
			}
			end = x + w
			for i := x; i < end; i++ {
				painted[y*n+i] = true
			}
		}
		for y := range n {
			for x := range n {
				if painted[y*n+x] != c.Black(x-4, y-4) {
					t.Fatalf("module (%d,%d): painted %v, Black %v", x-4, y-4, painted[y*n+x], c.Black(x-4, y-4))
				}
			}
		}
	}
}

func BenchmarkSVG(b *testing.B) {
	c, err := Encode(benchURL, M)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		_ = c.SVG("QR code linking to " + benchURL)
	}
}

// BenchmarkEncodeSVG is what a site build pays for each printable page.
func BenchmarkEncodeSVG(b *testing.B) {
	for b.Loop() {
		c, err := Encode(benchURL, M)
		if err != nil {
			b.Fatal(err)
		}
		_ = c.SVG("QR code linking to " + benchURL)
	}
}

func ExampleCode_SVG() {
	c, err := Encode("https://escalator.example/", M)
	if err != nil {
		panic(err)
	}
	s := c.SVG("Live page")
	fmt.Println(c.Version, c.Size)
	fmt.Println(s[:strings.Index(s, "<rect")])
	// Output:
	// 2 25
	// <svg xmlns="http://www.w3.org/2000/svg" class="qr" viewBox="0 0 33 33" role="img" shape-rendering="crispEdges"><title>Live page</title>
}
