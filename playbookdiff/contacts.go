package playbookdiff

import (
	"github.com/escalator-dev/escalator/matrix"
)

// field is one contact field as compared.
type field struct{ name, value string }

// contacts lists the members, channels and vendor contacts added, removed or changed,
// for teams and vendors both sides have (a new team is a new document). With redact,
// values are left out.
func contacts(old, new *matrix.Playbook, redact bool) []ContactChange {
	out := []ContactChange{}
	for _, t := range new.Teams {
		ot := old.Team(t.ID)
		if ot == nil {
			continue
		}
		om := map[string]*matrix.Member{}
		for i := range ot.Members {
			om[ot.Members[i].ID] = &ot.Members[i]
		}
		for i := range t.Members {
			m := &t.Members[i]
			out = compare(out, t.ID, "member", m.ID, at(t.File, m.Pos), memberFields(om[m.ID]), memberFields(m), om[m.ID] == nil, false, redact)
			delete(om, m.ID)
		}
		for i := range ot.Members {
			if m := &ot.Members[i]; om[m.ID] != nil {
				out = compare(out, t.ID, "member", m.ID, Where{File: t.File}, memberFields(m), nil, false, true, redact)
			}
		}
		oc := map[string]*matrix.Channel{}
		for i := range ot.Channels {
			oc[ot.Channels[i].ID] = &ot.Channels[i]
		}
		for i := range t.Channels {
			c := &t.Channels[i]
			out = compare(out, t.ID, "channel", c.ID, at(t.File, c.Pos), channelFields(oc[c.ID]), channelFields(c), oc[c.ID] == nil, false, redact)
			delete(oc, c.ID)
		}
		for i := range ot.Channels {
			if c := &ot.Channels[i]; oc[c.ID] != nil {
				out = compare(out, t.ID, "channel", c.ID, Where{File: t.File}, channelFields(c), nil, false, true, redact)
			}
		}
	}
	for _, v := range new.Vendors {
		if ov := old.Vendor(v.ID); ov != nil {
			out = compare(out, v.ID, "vendor", v.ID, at(v.File, v.Support.PhonePos), vendorFields(ov), vendorFields(v), false, false, redact)
		}
	}
	return out
}

func memberFields(m *matrix.Member) []field {
	if m == nil {
		return nil
	}
	return []field{{"name", m.Name}, {"phone", m.Phone}, {"email", m.Email}, {"chat", m.Chat}}
}

func channelFields(c *matrix.Channel) []field {
	if c == nil {
		return nil
	}
	return []field{{"kind", c.Kind}, {"name", c.Name}, {"address", c.Address}, {"pin", c.PIN}}
}

func vendorFields(v *matrix.Vendor) []field {
	s := v.Support
	return []field{{"phone", s.Phone}, {"email", s.Email}, {"portal", s.Portal}, {"hours", s.Hours}, {"account", s.Account}}
}

// compare appends the change from o to n, if any. A name is never redacted: it says
// who, not how to reach them.
func compare(out []ContactChange, owner, kind, id string, w Where, o, n []field, added, removed, redact bool) []ContactChange {
	c := ContactChange{Owner: owner, Kind: kind, ID: id, Where: w, Changes: []Change{}}
	switch {
	case added:
		c.Change = "added"
	case removed:
		c.Change = "removed"
	default:
		c.Change = "changed"
		for i := range n {
			if o[i].value == n[i].value {
				continue
			}
			ch := Change{Field: n[i].name, Old: o[i].value, New: n[i].value}
			if redact && n[i].name != "name" && n[i].name != "kind" {
				ch.Old, ch.New = "", ""
			}
			c.Changes = append(c.Changes, ch)
		}
		if len(c.Changes) == 0 {
			return out
		}
	}
	return append(out, c)
}
