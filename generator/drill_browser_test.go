package generator

import (
	"io/fs"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	escalator "github.com/escalator-dev/escalator"
	"github.com/escalator-dev/escalator/drill"
	"github.com/escalator-dev/escalator/internal/browser"
	"github.com/escalator-dev/escalator/matrix"
)

// Every drill's card, answer key, tabletop sheet and scoring sheet prints on exactly
// one page of A4 and of Letter, under the print header with the review date and the
// QR code of the page's address.
func TestDrillPrintouts(t *testing.T) {
	tab, out := printTab(t)
	p := sample(t)
	if len(p.Drills) < 6 {
		t.Fatalf("the sample has %d drills", len(p.Drills))
	}
	for _, d := range p.Drills {
		for _, suffix := range []string{".html", ".key.html", ".sheet.html", ".score.html"} {
			page := "drills/" + d.ID + suffix
			if err := tab.Open(browser.FileURL(filepath.Join(out, filepath.FromSlash(page)))); err != nil {
				t.Fatal(err)
			}
			var head struct {
				Text string
				QR   bool
			}
			err := tab.Eval(`(function () {
				var h = document.querySelector(".print-head");
				return {Text: h ? h.innerText : "", QR: !!(h && h.querySelector(".qr svg") && h.querySelector(".qr svg").getBoundingClientRect().width > 0)};
			})()`, &head)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(head.Text, "last reviewed "+d.LastReviewed.String()) || !head.QR {
				t.Errorf("%s prints without the review stamp or the QR code: %q, QR %t", page, head.Text, head.QR)
			}
			for _, paper := range []string{"A4", "Letter"} {
				pdf, err := tab.PrintPDF(browser.PDFOptions{Paper: paper})
				if err != nil {
					t.Fatal(err)
				}
				if n := browser.PDFPages(pdf); n != 1 {
					t.Errorf("%s prints on %d pages of %s", page, n, paper)
				}
			}
		}
	}
}

// The participants' card shows the story and none of the answers: not the owner, not
// who is paged, not the expected actions, not the facts' questions and not the domain.
func TestDrillCardHasNoAnswers(t *testing.T) {
	tab, out := printTab(t)
	p := sample(t)
	for _, d := range p.Drills {
		a, err := drill.Key(p, d)
		if err != nil {
			t.Fatal(err)
		}
		if err := tab.Open(browser.FileURL(filepath.Join(out, "drills", d.ID+".html"))); err != nil {
			t.Fatal(err)
		}
		var text string
		if err := tab.Eval(`document.querySelector("main").innerText`, &text); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(text, strings.Fields(d.Story)[0]) {
			t.Errorf("%s: the card lacks the story", d.ID)
		}
		secrets := []string{a.Decision.Owner.Name, "answer key", "Expected"}
		for _, in := range d.Injects {
			if in.Expect != "" {
				secrets = append(secrets, in.Expect)
			}
		}
		for _, f := range a.Facts {
			secrets = append(secrets, f.Fact.Question)
		}
		for _, c := range a.Checkpoints {
			for _, h := range c.Steps {
				secrets = append(secrets, drill.Paged(h)...)
			}
		}
		for _, s := range secrets {
			if strings.Contains(text, s) {
				t.Errorf("%s: the card gives away %q", d.ID, s)
			}
		}
	}
}

// Generated drills, whose words vary with the seed, print on one page too.
func TestGeneratedDrillPrintouts(t *testing.T) {
	b := browser.Require(t)
	p := sample(t)
	fsys := fstest.MapFS{}
	err := fs.WalkDir(escalator.Sample(), ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasPrefix(name, "drills/") {
			return err
		}
		data, err := fs.ReadFile(escalator.Sample(), name)
		fsys[name] = &fstest.MapFile{Data: data}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	var ss []*drill.Scenario
	for _, opt := range []drill.Options{{Seed: 6, Count: 9, OutOfHours: true}, {Seed: 8, Count: 3, DST: true}} {
		more, err := drill.Generate(p, opt)
		if err != nil {
			t.Fatal(err)
		}
		ss = append(ss, more...)
	}
	for _, s := range ss {
		fsys["drills/"+s.ID+".yaml"] = &fstest.MapFile{Data: s.YAML(p.Site.Location.Location)}
	}
	q, diags := matrix.Load(fsys, "content", matrix.Options{Run: matrix.RoutingTests | matrix.Audit, Now: today})
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	out := build(t, q, Options{BaseURL: "https://escalation.northwind.example/"})
	tab := b.NewTab(t)
	if err := tab.EmulateMedia("print", "light"); err != nil {
		t.Fatal(err)
	}
	// The longest sheets and keys: the vendor and out-of-hours drills of seed 6, and
	// those across a DST change.
	for _, s := range []*drill.Scenario{ss[8], ss[9], ss[10]} {
		for _, suffix := range []string{".html", ".key.html", ".sheet.html", ".score.html"} {
			page := "drills/" + s.ID + suffix
			if err := tab.Open(browser.FileURL(filepath.Join(out, filepath.FromSlash(page)))); err != nil {
				t.Fatal(err)
			}
			for _, paper := range []string{"A4", "Letter"} {
				pdf, err := tab.PrintPDF(browser.PDFOptions{Paper: paper})
				if err != nil {
					t.Fatal(err)
				}
				if n := browser.PDFPages(pdf); n != 1 {
					t.Errorf("%s prints on %d pages of %s", page, n, paper)
				}
			}
		}
	}
}
