package generator

import (
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
}

// shiftEvent is the VEVENT of one shift of sv. Its UID names the team, the schedule,
// the shift's start and the person, which a later build of the same rules repeats: a
// calendar application then updates the event (a horizon that moved lengthens the
// last shift) instead of adding another.
func shiftEvent(sv *scheduleView, from, until time.Time, who string, personTeam, personID, note string) icsEvent {
	uid := sv.Team.ID + "." + sv.Schedule.ID + "." + from.UTC().Format("20060102T150405Z") + "." + personTeam + "." + personID + "@escalator"
	desc := sv.Team.Name + ", " + sv.Schedule.Title() + "."
	if note != "" {
		desc += " Override: " + note + "."
	}
	return icsEvent{uid: uid, from: from, until: until,
		summary: "On call: " + who + " (" + sv.Schedule.Title() + ")", description: desc}
}

// icsEvents lists the shifts of sv with someone on duty, with the member id of each.
func icsEvents(sv *scheduleView) (events []icsEvent, members []string) {
	for _, sh := range sv.Shifts {
		if sh.Person == nil {
			continue
		}
		note := ""
		if sh.Override != nil {
			note = cmpOr(sh.Override.Note, "override")
		}
		events = append(events, shiftEvent(sv, sh.From, sh.Until, sh.Person.Member.Name, sh.Person.Team.ID, sh.Person.Member.ID, note))
		members = append(members, sh.Person.Member.ID)
	}
	return events, members
}

// sortEvents orders events by start, then UID.
func sortEvents(ev []icsEvent) {
	slices.SortStableFunc(ev, func(a, b icsEvent) int {
		if c := a.from.Compare(b.from); c != 0 {
			return c
		}
		return strings.Compare(a.uid, b.uid)
	})
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// ics writes a calendar of events.
func ics(name string, stamp time.Time, events []icsEvent) []byte {
	var b strings.Builder
	line := func(l string) { foldLine(&b, l) }
	line("BEGIN:VCALENDAR")
	line("VERSION:2.0")
	line("PRODID:-//Escalator//On-call schedules//EN")
	line("CALSCALE:GREGORIAN")
	line("METHOD:PUBLISH")
	line("X-WR-CALNAME:" + icsText(name))
	dtstamp := stamp.UTC().Format("20060102T150405Z")
	for _, e := range events {
		line("BEGIN:VEVENT")
		line("UID:" + icsText(e.uid))
		line("DTSTAMP:" + dtstamp)
		line("DTSTART:" + e.from.UTC().Format("20060102T150405Z"))
		line("DTEND:" + e.until.UTC().Format("20060102T150405Z"))
		line("SUMMARY:" + icsText(e.summary))
		line("DESCRIPTION:" + icsText(e.description))
		// Being on call is not being busy: the shift must not block a person's calendar.
		line("TRANSP:TRANSPARENT")
		line("END:VEVENT")
	}
	line("END:VCALENDAR")
	return []byte(b.String())
}

// icsText escapes a TEXT value (RFC 5545 3.3.11).
var icsText = strings.NewReplacer(`\`, `\\`, ";", `\;`, ",", `\,`, "\r\n", `\n`, "\n", `\n`, "\r", `\n`).Replace

// foldLine writes a content line folded at 75 octets (RFC 5545 3.1), never inside a
// UTF-8 sequence, each piece ending in CRLF and the next starting with a space.
func foldLine(b *strings.Builder, l string) {
	limit := 75
	for len(l) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(l[cut]) {
			cut--
		}
		b.WriteString(l[:cut])
		b.WriteString("\r\n ")
		l = l[cut:]
		limit = 74 // the leading space counts
	}
	b.WriteString(l)
	b.WriteString("\r\n")
}

// calendarFiles renders the .ics files of every team with schedules, and of every
// person on duty in one, and the zone tables of the site's script, by path.
func (s *site) calendarFiles() map[string][]byte {
	out := map[string][]byte{}
	stamp := s.asOf()
	byMember := map[string][]icsEvent{}
	names := map[string]string{}
	for _, t := range s.P.Teams {
		svs := s.oncallViews[t.ID]
		if len(svs) == 0 {
			continue
		}
		var team []icsEvent
		for _, sv := range svs {
			ev, members := icsEvents(sv)
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
		out["oncall/"+t.ID+".ics"] = ics(t.Name+" on call", stamp, team)
	}
	// One file per member id: a person in two teams keeps their id in both.
	for id, ev := range byMember {
		sortEvents(ev)
		out["oncall/people/"+id+".ics"] = ics(names[id]+" on call", stamp, ev)
	}
	if len(byMember) > 0 || len(s.oncallViews) > 0 {
		out["oncall/zones.js"] = zonesJS(s.zoneLocations())
	}
	return out
}
