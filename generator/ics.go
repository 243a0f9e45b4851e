package generator

import (
	"cmp"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// iCalendar files (RFC 5545) of the on-call shifts: oncall/<team>.ics for a team's
// schedules, oncall/people/<member>.ics for one person's shifts in every schedule, so
// that people subscribe to them from their calendar application. Times are UTC, which
// every client reads without a VTIMEZONE; the stamp is AsOf, so a build of the same
// day gives the same bytes.

// icsEvent is one shift as a VEVENT.
type icsEvent struct {
	uid         string
	from, until time.Time
	summary     string
	description string
	data        []byte // the VEVENT as written
}

// shiftEvent is the VEVENT of one shift of sv. Its UID names the team, the schedule,
// the shift's start and the person, which a later build of the same rules repeats: a
// calendar application then updates the event (a horizon that moved lengthens the
// last shift) instead of adding another.
func shiftEvent(sv *scheduleView, from, until time.Time, who string, personTeam, personID, note string) *icsEvent {
	uid := sv.Team.ID + "." + sv.Schedule.ID + "." + from.UTC().Format("20060102T150405Z") + "." + personTeam + "." + personID + "@escalator"
	summary := "On call: " + who + " (" + sv.Schedule.Title() + ")"
	// The description says what the summary leaves out: the team, an override's note.
	var desc string
	if !strings.Contains(sv.Schedule.Title(), sv.Team.Name) {
		desc = sv.Team.Name + ": " + sv.Schedule.Title() + "."
	}
	if note != "" {
		desc = strings.TrimPrefix(desc+" Override: "+note+".", " ")
	}
	return &icsEvent{uid: uid, from: from, until: until, summary: summary, description: desc}
}

// icsEvents lists the shifts of sv with someone on duty, with the member id of each.
func icsEvents(sv *scheduleView) (events []*icsEvent, members []string) {
	for _, sh := range sv.Shifts {
		if sh.Person == nil {
			continue
		}
		note := ""
		if sh.Override != nil {
			note = cmp.Or(sh.Override.Note, "override")
		}
		events = append(events, shiftEvent(sv, sh.From, sh.Until, sh.Person.Member.Name, sh.Person.Team.ID, sh.Person.Member.ID, note))
		members = append(members, sh.Person.Member.ID)
	}
	return events, members
}

// sortEvents orders events by start, then UID.
func sortEvents(ev []*icsEvent) {
	slices.SortStableFunc(ev, func(a, b *icsEvent) int {
		if c := a.from.Compare(b.from); c != 0 {
			return c
		}
		return strings.Compare(a.uid, b.uid)
	})
}

// ics writes a calendar of events.
func ics(name string, events []*icsEvent) []byte {
	n := 256 + len(name)
	for _, e := range events {
		n += len(e.data)
	}
	b := make([]byte, 0, n)
	b = append(b, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Escalator//On-call schedules//EN\r\nCALSCALE:GREGORIAN\r\nMETHOD:PUBLISH\r\n"...)
	b = appendLine(b, "X-WR-CALNAME:"+icsText(name))
	for _, e := range events {
		b = append(b, e.data...)
	}
	return append(b, "END:VCALENDAR\r\n"...)
}

// render writes the event's VEVENT once: team and person calendars share it.
func (e *icsEvent) render(stamp string) {
	b := make([]byte, 0, 320+len(e.summary)+len(e.description))
	b = appendLine(b, "BEGIN:VEVENT")
	b = appendLine(b, "UID:"+icsText(e.uid))
	b = appendLine(b, "DTSTAMP:"+stamp)
	b = append(b, "DTSTART:"...)
	b = e.from.UTC().AppendFormat(b, "20060102T150405Z")
	b = append(b, "\r\nDTEND:"...)
	b = e.until.UTC().AppendFormat(b, "20060102T150405Z")
	b = append(b, "\r\n"...)
	b = appendLine(b, "SUMMARY:"+icsText(e.summary))
	if e.description != "" {
		b = appendLine(b, "DESCRIPTION:"+icsText(e.description))
	}
	// Being on call is not being busy: the shift must not block a person's calendar.
	b = appendLine(b, "TRANSP:TRANSPARENT")
	b = appendLine(b, "END:VEVENT")
	e.data = b
}

// icsText escapes a TEXT value (RFC 5545 3.3.11).
func icsText(s string) string {
	if !strings.ContainsAny(s, "\\;,\r\n") {
		return s
	}
	return icsEscaper.Replace(s)
}

var icsEscaper = strings.NewReplacer(`\`, `\\`, ";", `\;`, ",", `\,`, "\r\n", `\n`, "\n", `\n`, "\r", `\n`)

// appendLine appends the content line l folded at 75 octets (RFC 5545 3.1), never
// inside a UTF-8 sequence, each piece ending in CRLF and the next starting with a space.
func appendLine(b []byte, l string) []byte {
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
// person on duty in one, and the zone tables of the site's script, by path.
func (s *site) calendarFiles() map[string][]byte {
	out := map[string][]byte{}
	stamp := s.asOf()
	dtstamp := stamp.UTC().Format("20060102T150405Z")
	byMember := map[string][]*icsEvent{}
	names := map[string]string{}
	for _, t := range s.P.Teams {
		svs := s.oncallViews[t.ID]
		if len(svs) == 0 {
			continue
		}
		var team []*icsEvent
		for _, sv := range svs {
			ev, members := icsEvents(sv)
			for _, e := range ev {
				e.render(dtstamp)
			}
			team = append(team, ev...)
			for i, id := range members {
				byMember[id] = append(byMember[id], ev[i])
			}
			for _, sh := range sv.Shifts {
				if sh.Person != nil && names[sh.Person.Member.ID] == "" {
					names[sh.Person.Member.ID] = sh.Person.Member.Name
				}
			}
		}
		sortEvents(team)
		out["oncall/"+t.ID+".ics"] = ics(t.Name+" on call", team)
	}
	// One file per member id: a person in two teams keeps their id in both.
	for id, ev := range byMember {
		sortEvents(ev)
		out["oncall/people/"+id+".ics"] = ics(names[id]+" on call", ev)
	}
	if len(byMember) > 0 || len(s.oncallViews) > 0 {
		out["oncall/zones.js"] = zonesJS(s.zoneLocations())
	}
	return out
}
