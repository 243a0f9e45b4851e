package drill

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/escalator-dev/escalator/internal/atomicfile"
	"github.com/escalator-dev/escalator/matrix"
	"go.yaml.in/yaml/v3"
)

// YAML is the scenario as a drills/*.yaml document, its key pinned from the decision.
// loc is the playbook's time zone, which the start is written in.
func (s *Scenario) YAML(loc *time.Location) []byte {
	d := s.Decision
	var b bytes.Buffer
	b.WriteString("# yaml-language-server: $schema=https://escalator.dev/schema/drill.schema.json\n")
	fmt.Fprintf(&b, "# Written by `%s`.\n", s.Command)
	b.WriteString("# Edit the words freely. The key is the routing engine's answer: `escalator check`\n")
	b.WriteString("# fails at it when the rules change under the drill.\n")
	fmt.Fprintf(&b, "id: %s\n", scalar(s.ID))
	fmt.Fprintf(&b, "title: %s\n", scalar(s.Title))
	fmt.Fprintf(&b, "summary: %s\n", folded(s.Summary, 2))
	fmt.Fprintf(&b, "start: %s\n", LocalStart(s.Start, loc))
	fmt.Fprintf(&b, "story: %s\n", folded(s.Story, 2))
	if len(s.Monitors) > 0 {
		b.WriteString("monitors:\n")
		for _, m := range s.Monitors {
			fmt.Fprintf(&b, "  - %s\n", folded(m, 4))
		}
	}
	if s.Vendor != nil {
		fmt.Fprintf(&b, "vendor: %s\n", s.Vendor.ID)
	}
	b.WriteString("facts:\n")
	for _, f := range s.Facts {
		v := scalar(f.Value)
		if f.Fact.Type == matrix.Bool || f.Fact.Type == matrix.Number {
			v = f.Value // true and 4, not "true" and "4"
		}
		fmt.Fprintf(&b, "  %s: %s\n", f.Fact.ID, v)
	}
	b.WriteString("injects:\n")
	for _, in := range s.Injects {
		fmt.Fprintf(&b, "  - at: %s\n    text: %s\n", duration(in.At), folded(in.Text, 6))
		if in.Expect != "" {
			fmt.Fprintf(&b, "    expect: %s\n", folded(in.Expect, 6))
		}
	}
	b.WriteString("objectives:\n")
	for _, o := range s.Objectives {
		fmt.Fprintf(&b, "  - %s\n", folded(o, 4))
	}
	fmt.Fprintf(&b, "key:\n  team: %s\n", d.Owner.ID)
	if d.Severity != nil {
		fmt.Fprintf(&b, "  severity: %s\n", d.Severity.ID)
	}
	notified := make([]string, 0, len(d.Notified))
	for _, t := range d.Notified {
		notified = append(notified, t.ID)
	}
	fmt.Fprintf(&b, "  notified: [%s]\n", strings.Join(notified, ", "))
	fmt.Fprintf(&b, "  immediate: %t\n", d.Immediate)
	if d.OnCall != nil && d.OnCall.Person != nil {
		fmt.Fprintf(&b, "  oncall: %s\n", d.OnCall.Person.Member.ID)
	}
	return b.Bytes()
}

// LocalStart writes an instant as a local time in loc when that reads back as the
// same instant, else as RFC 3339 with its offset (an hour the clocks repeat).
func LocalStart(t time.Time, loc *time.Location) string {
	l := t.In(loc)
	s := l.Format("2006-01-02T15:04")
	if back, err := matrix.ParseLocalInstant(s, loc); err == nil && back.Equal(t) {
		return s
	}
	return l.Format(time.RFC3339)
}

// scalar is s as a YAML scalar on one line: plain when it reads back as itself,
// quoted by yaml.v3 otherwise.
func scalar(s string) string {
	out, err := yaml.Marshal(s)
	if err != nil {
		return strconv.Quote(s)
	}
	return strings.TrimSuffix(string(out), "\n")
}

// width is where folded text wraps.
const width = 88

// folded is s as a YAML scalar that may be long: on its line when it fits, else a
// folded block wrapped at width and indented by indent, which reads back as s.
func folded(s string, indent int) string {
	one := scalar(s)
	if len(one)+indent <= width && !strings.Contains(one, "\n") {
		return one
	}
	words := strings.Fields(s)
	if strings.Join(words, " ") != s || strings.HasPrefix(s, "#") {
		return one // spaces a fold would lose: keep the quoted form
	}
	pad := strings.Repeat(" ", indent)
	var b strings.Builder
	b.WriteString(">-")
	n := width
	for _, w := range words {
		if n+1+len(w) > width {
			b.WriteString("\n" + pad + w)
			n = indent + len(w)
			continue
		}
		b.WriteString(" " + w)
		n += 1 + len(w)
	}
	return b.String()
}

// duration writes an inject's time as the schema reads it: 0m, 10m, 1h30m.
func duration(d time.Duration) string {
	if d <= 0 {
		return "0m"
	}
	var b strings.Builder
	if h := d / time.Hour; h > 0 {
		fmt.Fprintf(&b, "%dh", h)
		d -= h * time.Hour
	}
	if m := d / time.Minute; m > 0 {
		fmt.Fprintf(&b, "%dm", m)
		d -= m * time.Minute
	}
	if d > 0 {
		fmt.Fprintf(&b, "%ds", d/time.Second)
	}
	return b.String()
}

// WriteNew writes each scenario to dir/<id>.yaml, creating dir. A file that exists is
// never replaced: it is skipped and named in skipped. Each file appears whole or not
// at all: it is written aside, then linked into place, which fails if the name is taken.
func WriteNew(dir string, scenarios []*Scenario, loc *time.Location) (written, skipped []string, err error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, nil, err
	}
	for _, s := range scenarios {
		name := filepath.Join(dir, s.ID+".yaml")
		ok, err := atomicfile.CreateNew(name, s.YAML(loc))
		if err != nil {
			return written, skipped, err
		}
		if !ok {
			skipped = append(skipped, name)
			continue
		}
		written = append(written, name)
	}
	return written, skipped, nil
}
