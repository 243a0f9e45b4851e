package generator

import (
	"cmp"
	"maps"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/escalator-dev/escalator/matrix"
)

// iCalendar files (RFC 5545) of the on-call shifts: oncall/<team>.ics for a team's
// schedules, oncall/people/<member>.ics for one person's shifts in every schedule, so
// that people subscribe to them from their calendar application. Times are UTC, which
// every client reads without a VTIMEZONE; the stamp is AsOf, so a build of the same
// day gives the same bytes.

// icsEvent is one shift as a VEVENT.
type icsEvent struct {
	uid  string
	sv   *scheduleView
	sh   *matrix.Shift
	data []byte // the VEVENT as written, within its team's file
}

// eventUID names the team, the schedule, the shift's start and the person, which a
// later build of the same rules repeats: a calendar application then updates the event
// (a horizon that moved lengthens the last shift) instead of adding another.
func eventUID(sv *scheduleView, sh *matrix.Shift) string {
	b := make([]byte, 0, 96)
	b = append(b, sv.Team.ID...)
	b = append(b, '.')
	b = append(b, sv.Schedule.ID...)
	b = append(b, '.')
	b = sh.From.UTC().AppendFormat(b, "20060102T150405Z")
	b = append(b, '.')
	b = append(b, sh.Person.Team.ID...)
	b = append(b, '.')
	b = append(b, sh.Person.Member.ID...)
	b = append(b, "@escalator"...)
	return string(b)
}

// eventOrder orders events by start, then UID.
func eventOrder(a, b *icsEvent) int {
	if c := a.sh.From.Compare(b.sh.From); c != 0 {
		return c
	}
	return strings.Compare(a.uid, b.uid)
}

// icsHead starts a calendar named name.
func icsHead(b []byte, name string) []byte {
	b = append(b, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Escalator//On-call schedules//EN\r\nCALSCALE:GREGORIAN\r\nMETHOD:PUBLISH\r\n"...)
	return appendLine(b, "X-WR-CALNAME:"+icsText(name))
}

const icsFoot = "END:VCALENDAR\r\n"

// appendTo appends the event's VEVENT to b; line is scratch space, returned for reuse.
func (e *icsEvent) appendTo(b, line []byte, stamp string) ([]byte, []byte) {
	sv, sh := e.sv, e.sh
	title := sv.Schedule.Title()
	b = append(b, "BEGIN:VEVENT\r\n"...)
	line = appendText(append(line[:0], "UID:"...), e.uid)
	b = appendLine(b, line)
	b = append(b, "DTSTAMP:"...)
	b = append(b, stamp...)
	b = append(b, "\r\nDTSTART:"...)
	b = e.sh.From.UTC().AppendFormat(b, "20060102T150405Z")
	b = append(b, "\r\nDTEND:"...)
	b = e.sh.Until.UTC().AppendFormat(b, "20060102T150405Z")
	b = append(b, "\r\n"...)
	line = appendText(append(line[:0], "SUMMARY:On call: "...), sh.Person.Member.Name)
	line = append(appendText(append(line, " ("...), title), ')')
	b = appendLine(b, line)
	// The description says what the summary leaves out: the team, an override's note.
	line = append(line[:0], "DESCRIPTION:"...)
	if !strings.Contains(title, sv.Team.Name) {
		line = append(appendText(append(appendText(line, sv.Team.Name), ": "...), title), '.')
	}
	if sh.Override != nil {
		if len(line) > len("DESCRIPTION:") {
			line = append(line, ' ')
		}
		line = append(appendText(append(line, "Override: "...), cmp.Or(sh.Override.Note, "override")), '.')
	}
	if len(line) > len("DESCRIPTION:") {
		b = appendLine(b, line)
	}
	// Being on call is not being busy: the shift must not block a person's calendar.
	b = append(b, "TRANSP:TRANSPARENT\r\nEND:VEVENT\r\n"...)
	return b, line
}

// appendText appends s escaped as a TEXT value (RFC 5545 3.3.11).
func appendText(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '\\', ';', ',':
			b = append(b, '\\', c)
		case '\r':
			if i+1 < len(s) && s[i+1] == '\n' {
				i++
			}
			b = append(b, '\\', 'n')
		case '\n':
			b = append(b, '\\', 'n')
		default:
			b = append(b, c)
		}
	}
	return b
}

// icsText escapes a TEXT value (RFC 5545 3.3.11).
func icsText(s string) string {
	if !strings.ContainsAny(s, "\\;,\r\n") {
		return s
	}
	return string(appendText(nil, s))
}

// appendLine appends the content line l folded at 75 octets (RFC 5545 3.1), never
// inside a UTF-8 sequence, each piece ending in CRLF and the next starting with a space.
func appendLine[T string | []byte](b []byte, l T) []byte {
	limit := 75
	for len(l) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(l[cut]) {
			cut--
		}
		b = append(b, l[:cut]...)
		b = append(b, "\r\n "...)
		l = l[cut:]
		limit = 74 // the leading space counts
	}
	b = append(b, l...)
	return append(b, "\r\n"...)
}

// calendarFiles renders the .ics files of every team with schedules, and of every
// person on duty in one, and the zone tables of the site's script, and gives each to
// emit as it is made, so that they are not all held at once. An event is written
// once, into its team's file; a person's file copies it from there.
func (s *shared) calendarFiles(emit func(name string, data []byte)) {
	dtstamp := s.asOf().UTC().Format("20060102T150405Z")
	byMember := map[string][]*icsEvent{}
	names := map[string]string{}
	var line []byte
	for _, t := range s.P.Teams {
		svs := s.oncallViews[t.ID]
		if len(svs) == 0 {
			continue
		}
		var team []icsEvent
		for _, sv := range svs {
			for i := range sv.Shifts {
				sh := &sv.Shifts[i]
				if sh.Person == nil {
					continue
				}
				team = append(team, icsEvent{uid: eventUID(sv, sh), sv: sv, sh: sh})
				if names[sh.Person.Member.ID] == "" {
					names[sh.Person.Member.ID] = sh.Person.Member.Name
				}
			}
		}
		slices.SortStableFunc(team, func(a, b icsEvent) int { return eventOrder(&a, &b) })
		b := icsHead(make([]byte, 0, 256+len(team)*400), t.Name+" on call")
		ends := make([]int, len(team)+1)
		ends[0] = len(b)
		for i := range team {
			b, line = team[i].appendTo(b, line, dtstamp)
			ends[i+1] = len(b)
		}
		b = append(b, icsFoot...)
		for i := range team {
			team[i].data = b[ends[i]:ends[i+1]:ends[i+1]]
			id := team[i].sh.Person.Member.ID
			byMember[id] = append(byMember[id], &team[i])
		}
		emit("oncall/"+t.ID+".ics", b)
	}
	// One file per member id: a person in two teams keeps their id in both.
	for _, id := range slices.Sorted(maps.Keys(byMember)) {
		ev := byMember[id]
		slices.SortStableFunc(ev, eventOrder)
		n := 256 + len(names[id])
		for _, e := range ev {
			n += len(e.data)
		}
		b := icsHead(make([]byte, 0, n), names[id]+" on call")
		for _, e := range ev {
			b = append(b, e.data...)
		}
		emit("oncall/people/"+id+".ics", append(b, icsFoot...))
	}
	if len(byMember) > 0 || len(s.oncallViews) > 0 {
		emit("oncall/zones.js", zonesJS(s.zoneLocations()))
	}
}
