package matrix

import (
	"errors"
	"strconv"
	"strings"
	"time"
)

var (
	errDuration        = errors.New("invalid duration")
	errDurationTooLong = errors.New("duration too long")
)

const (
	day  = 24 * time.Hour
	week = 7 * day
)

// MaxDuration is the longest duration a playbook may write: 3650d, about ten years.
// Anything longer is a typo, and it keeps every sum the model makes (a chain's handoffs
// over its repeats, deadlines from a start) far below time.Duration's 292 years.
const MaxDuration = 3650 * day

// ParseDuration reads a playbook duration: one or more `<number><unit>` parts with units
// s, m, h, d (24 hours) and w (7 days), such as `90s`, `15m`, `1h30m` or `5d`. A
// well-formed duration longer than MaxDuration is the error errDurationTooLong.
func ParseDuration(s string) (time.Duration, error) {
	if s == "" {
		return 0, errDuration
	}
	var total time.Duration
	tooLong := false
	for s != "" {
		i := 0
		var n int64
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			// Stop counting past the limit: n*10 cannot overflow, and the part is too long.
			if n <= int64(MaxDuration/time.Second) {
				n = n*10 + int64(s[i]-'0')
			}
			i++
		}
		if i == 0 || i == len(s) {
			return 0, errDuration
		}
		var unit time.Duration
		switch s[i] {
		case 's':
			unit = time.Second
		case 'm':
			unit = time.Minute
		case 'h':
			unit = time.Hour
		case 'd':
			unit = day
		case 'w':
			unit = week
		default:
			return 0, errDuration
		}
		s = s[i+1:]
		// Each part and the running total stay within MaxDuration, so neither overflows.
		if tooLong || n > int64(MaxDuration/unit) {
			tooLong = true
			continue
		}
		total += time.Duration(n) * unit
		tooLong = total > MaxDuration
	}
	if tooLong {
		return 0, errDurationTooLong
	}
	return total, nil
}

// maxDur is the largest time.Duration; sums saturate at plus or minus it (not at
// math.MinInt64, which has no positive counterpart to format).
const maxDur = time.Duration(1<<63 - 1)

// addDurations returns a+b, saturating instead of wrapping: a sum of durations never
// turns negative because it was large.
func addDurations(a, b time.Duration) time.Duration {
	s := a + b
	switch {
	case a > 0 && b > 0 && s < 0:
		return maxDur
	case a < 0 && b < 0 && (s >= 0 || s == -1<<63):
		return -maxDur
	}
	return s
}

// mulDuration returns d*n for n >= 0, saturating like addDurations.
func mulDuration(d time.Duration, n int) time.Duration {
	if n == 0 || d == 0 {
		return 0
	}
	p := d * time.Duration(n)
	if p/time.Duration(n) != d || p == -1<<63 {
		if d > 0 {
			return maxDur
		}
		return -maxDur
	}
	return p
}

// FormatDuration writes d in the playbook's notation, largest units first: `1h30m`, `5d`.
func FormatDuration(d time.Duration) string {
	if d == 0 {
		return "0m"
	}
	var b strings.Builder
	if d < 0 {
		b.WriteByte('-')
		d = -d
	}
	for _, u := range []struct {
		unit time.Duration
		name byte
	}{{day, 'd'}, {time.Hour, 'h'}, {time.Minute, 'm'}, {time.Second, 's'}} {
		if n := d / u.unit; n > 0 {
			b.WriteString(strconv.FormatInt(int64(n), 10))
			b.WriteByte(u.name)
			d -= n * u.unit
		}
	}
	return b.String()
}
