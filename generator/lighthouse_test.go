package generator

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/escalator-dev/escalator/internal/browser"
)

// lighthouseVersion is the Lighthouse that scripts/lighthouse installs: the newest
// that runs on Debian's Node (20); 13 wants Node 22.
const lighthouseVersion = "12.8.2"

// lighthousePages are the pages the responder-site issue scores.
var lighthousePages = []string{
	"index.html", "matrix.html", "teams/payments-eng.html", "runbooks/card-payments-failing.html",
	"runbooks/card-payments-failing.checklist.html", "search.html", "briefs/engineering.html",
}

// TestLighthouse scores the sample's pages, served on loopback, with Lighthouse's
// mobile preset: 100 in accessibility, best practices and SEO, at least 95 in
// performance. It takes a minute or two, so it runs only when ESCALATOR_LIGHTHOUSE
// is set (scripts/lighthouse sets it, after installing Lighthouse).
func TestLighthouse(t *testing.T) {
	if os.Getenv("ESCALATOR_LIGHTHOUSE") == "" {
		t.Skip("set ESCALATOR_LIGHTHOUSE=1, or run scripts/lighthouse")
	}
	chromium, err := browser.FindChromium()
	if err != nil {
		t.Fatal(err)
	}
	bin, err := filepath.Abs(filepath.Join("..", ".cache", "lighthouse", "node_modules", ".bin", "lighthouse"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(bin); err != nil {
		t.Fatalf("no Lighthouse at %s: run scripts/lighthouse, which installs lighthouse@%s", bin, lighthouseVersion)
	}
	base := browser.Serve(t, sampleSite(t))
	want := map[string]float64{"performance": 0.95, "accessibility": 1, "best-practices": 1, "seo": 1}
	for _, page := range lighthousePages {
		out := filepath.Join(t.TempDir(), "report.json")
		cmd := exec.Command(bin, base+"/"+page, "--quiet", "--output=json", "--output-path="+out,
			"--only-categories=performance,accessibility,best-practices,seo",
			"--chrome-flags=--headless=new --no-sandbox --disable-gpu --user-data-dir="+t.TempDir())
		cmd.Env = append(os.Environ(), "CHROME_PATH="+chromium)
		if msg, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("%s: %v\n%s", page, err, msg)
		}
		data, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		var report struct {
			Categories map[string]struct {
				Score *float64 `json:"score"`
			} `json:"categories"`
			Audits map[string]struct {
				Score        *float64 `json:"score"`
				Mode         string   `json:"scoreDisplayMode"`
				DisplayValue string   `json:"displayValue"`
			} `json:"audits"`
		}
		if err := json.Unmarshal(data, &report); err != nil {
			t.Fatal(err)
		}
		var scores, failing []string
		for _, cat := range []string{"performance", "accessibility", "best-practices", "seo"} {
			c := report.Categories[cat]
			if c.Score == nil {
				t.Errorf("%s: no %s score", page, cat)
				continue
			}
			scores = append(scores, cat+" "+strings.TrimSuffix(strings.TrimSuffix(jsonNum(*c.Score*100), ".0"), ".00"))
			if *c.Score < want[cat] {
				t.Errorf("%s: %s is %.0f, want at least %.0f", page, cat, *c.Score*100, want[cat]*100)
			}
		}
		for id, a := range report.Audits {
			if a.Score != nil && *a.Score < 1 && (a.Mode == "binary" || a.Mode == "numeric") {
				failing = append(failing, id+" "+a.DisplayValue)
			}
		}
		sort.Strings(failing)
		t.Logf("%s: %s; below full marks: %s", page, strings.Join(scores, ", "), strings.Join(failing, "; "))
	}
}

func jsonNum(f float64) string {
	b, _ := json.Marshal(float64(int(f*10+0.5)) / 10)
	return string(b)
}
