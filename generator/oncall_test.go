package generator

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	ical "github.com/arran4/golang-ical"
)

// Every calendar file parses with an independent iCalendar parser, and its events are
// the Go engine's shifts: UTC start and end, a UID per shift, the stamp of the build's
// day; lines are at most 75 octets and end in CRLF.
func TestCalendarFilesParse(t *testing.T) {
	p := sample(t)
	out := build(t, p, Options{})
	files, _ := filepath.Glob(filepath.Join(out, "oncall", "*.ics"))
	people, _ := filepath.Glob(filepath.Join(out, "oncall", "people", "*.ics"))
	if len(files) != 2 || len(people) != 6 {
		t.Fatalf("calendars: %d teams, %d people; want 2 and 6", len(files), len(people))
	}
	for _, f := range append(files, people...) {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for i, line := range strings.SplitAfter(string(data), "\r\n") {
			if line == "" {
				continue
			}
			if !strings.HasSuffix(line, "\r\n") || len(line)-2 > 75 || strings.ContainsAny(strings.TrimSuffix(line, "\r\n"), "\r\n") {
				t.Errorf("%s:%d: %q is not a folded content line", f, i+1, line)
			}
		}
		cal, err := ical.ParseCalendar(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		events := cal.Events()
		if len(events) == 0 {
			t.Errorf("%s has no events", f)
		}
		uids := map[string]bool{}
		for _, e := range events {
			uid := e.Id()
			if uids[uid] || !strings.HasSuffix(uid, "@escalator") {
				t.Errorf("%s: UID %q repeats or is not ours", f, uid)
			}
			uids[uid] = true
			start, err1 := e.GetStartAt()
			end, err2 := e.GetEndAt()
			stamp := e.GetProperty(ical.ComponentPropertyDtstamp)
			if err1 != nil || err2 != nil || !end.After(start) || start.Location() != time.UTC {
				t.Errorf("%s: %s: start %v, end %v (%v, %v)", f, uid, start, end, err1, err2)
			}
			if stamp == nil || stamp.Value != "20261123T000000Z" {
				t.Errorf("%s: %s: DTSTAMP %v, want the build's day", f, uid, stamp)
			}
		}
	}
	// Tomasz Nowak's Christmas cover is in his calendar, with the note escaped.
	data, _ := os.ReadFile(filepath.Join(out, "oncall", "people", "tomasz-nowak.ics"))
	cal, _ := ical.ParseCalendar(bytes.NewReader(data))
	found := false
	for _, e := range cal.Events() {
		start, _ := e.GetStartAt()
		if start.Equal(time.Date(2026, 12, 24, 18, 0, 0, 0, time.UTC)) {
			found = true
			if d := e.GetProperty(ical.ComponentPropertyDescription); d == nil || !strings.Contains(d.Value, "Christmas cover while Priya is away") {
				t.Errorf("the Christmas cover's description is %v", d)
			}
		}
	}
	if !found {
		t.Error("tomasz-nowak.ics lacks the Christmas cover from 24 December 18:00")
	}
}

// The UIDs of a shift stay the same in a build a week later: a subscribed calendar
// updates its events instead of doubling them.
func TestCalendarUIDsAreStable(t *testing.T) {
	p := sample(t)
	a := readTree(t, build(t, p, Options{}))
	b := readTree(t, build(t, p, Options{Now: today.Add(7 * 24 * time.Hour)}))
	uids := func(data []byte) map[string]bool {
		out := map[string]bool{}
		cal, err := ical.ParseCalendar(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range cal.Events() {
			out[e.Id()] = true
		}
		return out
	}
	before, after := uids(a["oncall/payments-eng.ics"]), uids(b["oncall/payments-eng.ics"])
	kept := 0
	for uid := range before {
		if after[uid] {
			kept++
		}
	}
	// A week on, the first week's shifts have ended and a new week has come in.
	if kept < len(before)-4 {
		t.Errorf("a week later only %d of %d UIDs remain", kept, len(before))
	}
}

// Folding never splits a UTF-8 sequence, and escaping follows RFC 5545.
func TestFoldAndEscape(t *testing.T) {
	long := "SUMMARY:" + strings.Repeat("é", 60) + icsText("a,b;c\\d\ne")
	got := string(appendLine(nil, long))
	for _, l := range strings.Split(strings.TrimSuffix(got, "\r\n"), "\r\n") {
		if len(l) > 75 || !utf8Valid(l) {
			t.Errorf("line %q: %d octets", l, len(l))
		}
	}
	if un := strings.ReplaceAll(strings.TrimSuffix(got, "\r\n"), "\r\n ", ""); un != long {
		t.Errorf("unfolded %q, want %q", un, long)
	}
	if !strings.HasSuffix(long, `a\,b\;c\\d\ne`) {
		t.Errorf("escaped %q", long)
	}
}

func utf8Valid(s string) bool { return strings.ToValidUTF8(s, "\uFFFD") == s }
