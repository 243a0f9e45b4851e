package matrix

// RosterJSON is the documented shape of `escalator oncall --json`.
type RosterJSON struct {
	Version   int               `json:"version"`
	At        *Instant          `json:"at"`
	Until     *Instant          `json:"until"`
	Schedules []RosterEntryJSON `json:"schedules"`
}

// RosterEntryJSON is one schedule: who is on call now, and its shifts in order, the
// first starting at the roster's instant.
type RosterEntryJSON struct {
	Team     string      `json:"team"`
	Schedule string      `json:"schedule"`
	Name     string      `json:"name"`
	TimeZone string      `json:"time_zone"`
	Now      *OnCallJSON `json:"now"`
	Shifts   []ShiftJSON `json:"shifts"`
}

// ShiftJSON is one stretch of a timeline; Person is null for nobody on duty.
type ShiftJSON struct {
	Person   *PersonJSON `json:"person"`
	From     *Instant    `json:"from"`
	Until    *Instant    `json:"until"`
	Override bool        `json:"override"`
	Note     string      `json:"note"`
}

// JSON returns the roster in its documented shape.
func (r Roster) JSON() RosterJSON {
	out := RosterJSON{Version: JSONVersion, At: timePtr(r.At), Until: timePtr(r.Until), Schedules: []RosterEntryJSON{}}
	for _, e := range r.Entries {
		ej := RosterEntryJSON{Team: e.Team.ID, Schedule: e.Schedule.ID, Name: e.Schedule.Title(), TimeZone: e.Location.String(),
			Now: e.Now.JSON(), Shifts: []ShiftJSON{}}
		for _, sh := range e.Shifts {
			sj := ShiftJSON{Person: personJSON(sh.Person), From: timePtr(sh.From), Until: timePtr(sh.Until)}
			if sh.Override != nil {
				sj.Override, sj.Note = true, sh.Override.Note
			}
			ej.Shifts = append(ej.Shifts, sj)
		}
		out.Schedules = append(out.Schedules, ej)
	}
	return out
}
