package matrix

import (
	"strings"
	"testing"
)

func TestPhoneNumbers(t *testing.T) {
	for _, tt := range []struct {
		name, phone string
		ok          bool
		msg         string // part of the message when not ok
	}{
		{"international with spaces", "+44 20 7946 0114", true, ""},
		{"punctuation is dropped", "+1 (202) 555-0161", true, ""},
		{"dots and slashes", "+49.30/1234567", true, ""},
		{"vanity number", "0800 FLOWERS", false, "is a vanity number: give its digits"},
		{"vanity with a country code", "+1 800 FLOWERS", false, "dials +18003569377"},
		{"national number without a country code", "020 7946 0114", false, "has no country code"},
		{"00 instead of +", "0044 20 7946 0114", false, "write +442079460114"},
		{"too short", "+44 20", false, "not a valid international (E.164) number"},
		{"too long", "+44 20 7946 0114 0000 00", false, "not a valid international (E.164) number"},
		{"country code starting with 0", "+044 20 7946 0114", false, "not a valid international (E.164) number"},
		{"words only", "ask the desk", false, "is not a phone number"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			msg, hint, ok := phoneProblem(tt.phone)
			if ok != tt.ok || !strings.Contains(msg+" "+hint, tt.msg) {
				t.Errorf("phoneProblem(%q) = %q, %q, %v; want ok %v and %q", tt.phone, msg, hint, ok, tt.ok, tt.msg)
			}
		})
	}
}
