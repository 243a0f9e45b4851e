package matrix

import (
	"errors"
	"strconv"
	"strings"
	"time"
)

var errDuration = errors.New("invalid duration")

const (
	day  = 24 * time.Hour
	week = 7 * day
)

// ParseDuration reads a playbook duration: one or more `<number><unit>` parts with units
// s, m, h, d (24 hours) and w (7 days), such as `90s`, `15m`, `1h30m` or `5d`.
func ParseDuration(s string) (time.Duration, error) {
	if s == "" {
		return 0, errDuration
	}
	var total time.Duration
	for s != "" {
		i := 0
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		if i == 0 || i == len(s) || i > 9 {
			return 0, errDuration
		}
		n, _ := strconv.Atoi(s[:i])
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
		// Guard against overflow so absurd input is an error, not a wrapped value.
		part := time.Duration(n) * unit
		if part/unit != time.Duration(n) || total+part < total {
			return 0, errDuration
		}
		total += part
		s = s[i+1:]
	}
	return total, nil
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
