package matrix

import (
	"fmt"
	"time"

	"go.yaml.in/yaml/v3"
)

// WorkingWeek is playbook.yaml's working_week: the days, and optionally the hours, that
// business-day durations (`5bd`) count, in the playbook's time zone.
type WorkingWeek struct {
	Pos   Pos
	Days  string
	Start string
	End   string

	days       [7]bool // indexed by time.Weekday
	start, end int     // minutes since midnight; 0 and 1440 when only days are given
	valid      bool
}

func (w *WorkingWeek) UnmarshalYAML(n *yaml.Node) error {
	w.Pos = nodePos(n)
	var raw struct {
		Days  string `yaml:"days"`
		Start string `yaml:"start"`
		End   string `yaml:"end"`
	}
	switch n.Kind {
	case yaml.ScalarNode:
		raw.Days = n.Value
	case yaml.MappingNode:
		_ = n.Decode(&raw) // type errors were reported by the schema
	}
	w.Days, w.Start, w.End = raw.Days, raw.Start, raw.End
	w.parse()
	return nil
}

func (w *WorkingWeek) parse() {
	days, ok := ParseDays(w.Days)
	start, end := 0, 24*60
	okS, okE := true, true
	if w.Start != "" || w.End != "" {
		start, okS = parseClock(w.Start, false)
		end, okE = parseClock(w.End, true)
	}
	w.days, w.start, w.end = days, start, end
	w.valid = ok && okS && okE && end > start
}

// Valid reports whether the working week has at least one day and a window whose end
// is after its start.
func (w *WorkingWeek) Valid() bool {
	if w == nil || !w.valid {
		return false
	}
	for _, d := range w.days {
		if d {
			return true
		}
	}
	return false
}

// String describes the week the way authors write it: `mon-fri 09:00-17:00`.
func (w *WorkingWeek) String() string {
	if w.Start == "" && w.End == "" {
		return w.Days
	}
	return fmt.Sprintf("%s %s-%s", w.Days, w.Start, w.End)
}

// AddBusinessDays returns the instant n business days after start. A business day is one
// working window's worth of working time (end minus start on the wall clock, or a whole
// day when the week gives only days), and only time inside working windows counts: a start
// outside them waits for the next window to open. Windows are wall-clock times in loc, so
// a deadline lands on the same wall-clock time whatever daylight-saving change lies
// between. It returns false when the week is not valid.
func (w *WorkingWeek) AddBusinessDays(start time.Time, n int, loc *time.Location) (time.Time, bool) {
	if !w.Valid() || loc == nil {
		return time.Time{}, false
	}
	if n <= 0 {
		return start, true
	}
	local := start.In(loc)
	y, mo, d := local.Date()
	s := local.Hour()*3600 + local.Minute()*60 + local.Second()
	ws, we := w.start*60, w.end*60
	remaining := n * (we - ws)
	// A working day comes at least once a week, so this ends within n+1 weeks.
	for i := 0; i <= 7*(n+1); i++ {
		day := time.Date(y, mo, d+i, 0, 0, 0, 0, loc)
		if i > 0 {
			s = 0
		}
		if !w.days[day.Weekday()] {
			continue
		}
		from := max(s, ws)
		if from >= we {
			continue
		}
		if avail := we - from; remaining > avail {
			remaining -= avail
			continue
		}
		dy, dm, dd := day.Date()
		return time.Date(dy, dm, dd, 0, 0, from+remaining, 0, loc), true
	}
	return time.Time{}, false
}
