package generator

import (
	"html/template"
	"strconv"
	"strings"
	"time"

	"github.com/escalator-dev/escalator/matrix"
)

// The long repeated parts of the on-call pages, the shift table of a team page and the
// grid of a month calendar, are written here rather than by their templates: through
// text/template they were most of what schedules add to a large build (a row is a
// dozen field lookups and calls). They escape as html/template does (pageWriter), so
// the pages are the bytes the templates gave.

// ShiftRows is the rows of the shift table of sv on the page of team t.
func (sv *scheduleView) ShiftRows(t *matrix.Team) template.HTML {
	var b strings.Builder
	b.Grow(len(sv.Table) * 220)
	w := pageWriter{&b}
	var stamp []byte
	moment := func(label string, at time.Time) {
		w.raw(`<td data-label="`)
		w.raw(label)
		w.raw(`"><time datetime="`)
		stamp = at.UTC().AppendFormat(stamp[:0], time.RFC3339)
		w.text(string(stamp))
		w.raw(`">`)
		stamp = at.In(sv.Loc).AppendFormat(stamp[:0], "Mon 2 Jan 15:04 MST")
		w.text(string(stamp))
		w.raw(`</time></td>`)
	}
	for _, sh := range sv.Table {
		w.raw("<tr>")
		moment("From", sh.From)
		moment("Until", sh.Until)
		w.raw(`<th scope="row">`)
		if p := sh.Person; p != nil {
			w.text(p.Member.Name)
			if p.Team.ID != t.ID {
				w.raw(" <small>(")
				w.text(p.Team.Name)
				w.raw(")</small>")
			}
		} else {
			w.raw("<em>nobody</em>")
		}
		if o := sh.Override; o != nil {
			w.raw(" <small>override")
			if o.Note != "" {
				w.raw(": ")
				w.text(o.Note)
			}
			w.raw("</small>")
		}
		w.raw("</th></tr>")
	}
	return template.HTML(b.String())
}

// Grid is the rows of the month calendar's table, a week each.
func (c calendarData) Grid() template.HTML {
	var b strings.Builder
	weeks := c.weeks()
	b.Grow(len(weeks) * 7 * 300)
	w := pageWriter{&b}
	for _, week := range weeks {
		w.raw("<tr>")
		for _, d := range week {
			w.raw(`<td class="`)
			if !d.InMonth {
				w.raw("cal-out")
			}
			w.raw(`"><time class="cal-day" datetime="`)
			w.text(d.Date)
			w.raw(`">`)
			w.raw(strconv.Itoa(d.Day))
			w.raw("</time>\n    ")
			for _, l := range d.Lines {
				w.raw(`<div class="cal-line"><span class="cal-letter" aria-hidden="true">`)
				w.text(l.Letter)
				w.raw(`</span><span class="visually-hidden">`)
				w.text(l.Title)
				w.raw(`: </span>`)
				for i, it := range l.Items {
					if i > 0 {
						w.raw(`<span aria-hidden="true"> → </span><span class="visually-hidden">, then </span>`)
					}
					w.raw(`<span class="cal-item`)
					if it.Override {
						w.raw(" cal-override")
					}
					w.raw(`">`)
					if it.Time != "" {
						w.raw(`<span class="cal-time">`)
						w.text(it.Time)
						w.raw(`</span> `)
					}
					w.text(it.Name)
					if it.Override {
						w.raw("*")
					}
					w.raw("</span>")
				}
				w.raw("</div>")
			}
			w.raw("</td>")
		}
		w.raw("</tr>\n  ")
	}
	return template.HTML(b.String())
}

// ShareRows is the rows of a team's share table (TeamShares).
func (v *view) ShareRows(ts *teamShares) template.HTML {
	var b strings.Builder
	b.Grow(len(ts.Rows) * 400)
	w := pageWriter{&b}
	many := len(ts.Schedules) > 1
	share := func(hours, percent string) {
		w.raw(hours)
		w.raw(", ")
		w.raw(percent)
		w.raw("%")
	}
	for _, r := range ts.Rows {
		w.raw("<tr")
		if r.Over {
			w.raw(` class="over"`)
		}
		w.raw(`><th scope="row">`)
		w.text(r.Person.Member.Name)
		w.raw("</th>")
		for _, c := range r.Cells {
			w.raw(`<td data-label="`)
			w.text(c.Title)
			w.raw(`">`)
			if c.Hours != 0 {
				share(c.HoursText(), strconv.Itoa(c.Percent))
				if c.Over {
					w.raw(" <strong>above ")
					w.raw(strconv.Itoa(v.MaxShare()))
					w.raw("%</strong>")
				}
			} else {
				w.raw("none")
			}
			w.raw("</td>")
		}
		if many {
			w.raw(`<td data-label="All schedules">`)
			share(r.HoursText(), strconv.Itoa(r.Percent))
			w.raw("</td>")
		}
		w.raw(`<td data-label="Calendar"><a href="`)
		w.url(v.URL("oncall/people/"+r.Person.Member.ID+".ics"), false)
		w.raw(`">`)
		w.text(r.Person.Member.Name)
		w.raw("'s shifts (.ics)</a></td></tr>")
	}
	return template.HTML(b.String())
}
