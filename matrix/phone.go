package matrix

import (
	"fmt"
	"strings"
)

// phonePunct are the characters people put in phone numbers for reading: dropped before
// a number is checked against E.164.
const phonePunct = " ()-./\u00a0"

// E164 returns the phone number with spaces and punctuation removed (`+442079460114`
// for `+44 20 7946 0114`), and whether that is a valid E.164 number: a `+`, a country
// code that does not start with 0, and 8 to 15 digits in all.
func E164(s string) (string, bool) {
	var b strings.Builder
	for _, r := range s {
		if !strings.ContainsRune(phonePunct, r) {
			b.WriteRune(r)
		}
	}
	e := b.String()
	if len(e) < 9 || len(e) > 16 || e[0] != '+' || e[1] == '0' {
		return e, false
	}
	for _, c := range e[1:] {
		if c < '0' || c > '9' {
			return e, false
		}
	}
	return e, true
}

// keypad maps a letter to its digit on a phone keypad (ITU E.161).
func keypad(r rune) (byte, bool) {
	const keys = "22233344455566677778889999"
	switch {
	case r >= 'a' && r <= 'z':
		return keys[r-'a'], true
	case r >= 'A' && r <= 'Z':
		return keys[r-'A'], true
	}
	return 0, false
}

// phoneProblem says what is wrong with a phone number and how to fix it; ok when the
// number is valid E.164 once spaces and punctuation are removed.
func phoneProblem(s string) (msg, hint string, ok bool) {
	e, valid := E164(s)
	if valid {
		return "", "", true
	}
	var digits strings.Builder
	letters := false
	for _, r := range e {
		if d, isLetter := keypad(r); isLetter {
			letters = true
			digits.WriteByte(d)
		} else {
			digits.WriteRune(r)
		}
	}
	if letters && !strings.ContainsAny(e, "0123456789") {
		return fmt.Sprintf("phone %q is not a phone number", s),
			"write + and the country code, then the number, e.g. +44 20 7946 0114; put instructions in the channel's note", false
	}
	if letters {
		return fmt.Sprintf("phone %q is a vanity number: give its digits", s),
			fmt.Sprintf("on a keypad it dials %s; write that in international format with the country code, e.g. +44 800 356 9377, and keep the words in the channel's name or note", digits.String()), false
	}
	switch {
	case strings.HasPrefix(e, "00") && len(e) > 2:
		return fmt.Sprintf("phone %q has no + before its country code", s),
			fmt.Sprintf("write +%s: international numbers start with + instead of 00", strings.TrimPrefix(e, "00")), false
	case e != "" && e[0] != '+':
		return fmt.Sprintf("phone %q has no country code", s),
			"write it in international format: + and the country code, without the leading 0 of a national number, e.g. +44 20 7946 0114 for 020 7946 0114", false
	}
	return fmt.Sprintf("phone %q is not a valid international (E.164) number", s),
		"write + and the country code, then the number: 8 to 15 digits in all, e.g. +44 20 7946 0114", false
}
