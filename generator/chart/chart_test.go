package chart

import (
	"flag"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/escalator-dev/escalator/generator/flow"
)

var update = flag.Bool("update", false, "rewrite golden files")

// TestGolden draws one chart, an SLA's share met by tier with its target line.
func TestGolden(t *testing.T) {
	got := string(SVG(Chart{Title: "Acknowledged in time, by severity", Max: 1, Target: 0.9, Bars: []Bar{
		{Label: "sev1 Critical", Value: 1, Text: "100% (3)"},
		{Label: "sev2 High", Value: 0.842, Text: "84.2% (19)", Bad: true},
		{Label: "sev3 <Medium>", Value: 0, Text: "0% (0)", Bad: true},
	}})) + "\n"
	golden := "testdata/sla.svg"
	if *update {
		os.MkdirAll("testdata", 0o755)
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Errorf("the chart differs from %s (rerun with -update and read the diff):\n%s", golden, got)
	}
	if !strings.Contains(got, "sev3 &lt;Medium&gt;") {
		t.Error("labels are not escaped")
	}
}

// Values out of range stay inside the chart.
func TestClamp(t *testing.T) {
	got := string(SVG(Chart{Max: 1, Bars: []Bar{{Label: "a", Value: 7}, {Label: "b", Value: -1}}}))
	if !strings.Contains(got, `width="300" height="18"/><text`) || strings.Count(got, "<rect") != 3 {
		t.Errorf("got %s", got)
	}
}

// A label longer than the column widens it: text anchored at its end must not start
// left of the picture.
func TestLongLabelFits(t *testing.T) {
	label := "E-mail and SMS notifications, and the data platform"
	svg := string(SVG(Chart{Title: "t", Max: 1, Bars: []Bar{{Label: label, Value: 0.5, Text: "50%"}}}))
	var x float64
	if _, err := fmt.Sscanf(svg[strings.Index(svg, `class="chart-label" x="`)+len(`class="chart-label" x="`):], "%g", &x); err != nil {
		t.Fatal(err)
	}
	if w := flow.Width(label, fontSize); x < w {
		t.Errorf("label ends at x=%g but is %g wide: it starts left of the picture", x, w)
	}
}
