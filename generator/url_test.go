package generator

import (
	"testing"

	"github.com/escalator-dev/escalator/generator/markdown"
)

// TestURLPolicies is the one table of URL safety: markdown.SafeURL (links,
// images and raw HTML in markdown), safeLink (a playbook's absolute links:
// SafeURL plus a scheme) and isSafeURL (html/template's urlFilter, copied by
// the fast pages).
func TestURLPolicies(t *testing.T) {
	tests := []struct {
		url              string
		md, link, filter bool
	}{
		{"https://example.com", true, true, true},
		{"http://example.com", true, true, true},
		{"HTTPS://EXAMPLE.COM", true, true, true},
		{" https://example.com", true, true, false},
		{"mailto:a@example.com", true, true, true},
		{"MailTo:a@example.com", true, true, true},
		{"tel:+44", true, true, false},
		{"/abs/path", true, false, true},
		{"//example.com/x", true, false, true},
		{"rel/path", true, false, true},
		{"../up", true, false, true},
		{"#frag", true, false, true},
		{"?q=a:b", true, false, false},
		{"#a:b", true, false, false},
		{"", true, false, true},
		{"https://exa mple.com", true, false, true},
		{"javascript:alert(1)", false, false, false},
		{"JAVASCRIPT:alert(1)", false, false, false},
		{"JaVaScRiPt:alert(1)", false, false, false},
		{" \t\njavascript:alert(1)", false, false, false},
		{"\x01javascript:alert(1)", false, false, false},
		{"\u00a0javascript:alert(1)", false, false, false},
		{"java\tscript:alert(1)", false, false, false},
		{"java\x00script:alert(1)", false, false, false},
		{"java%09script:alert(1)", false, false, false},
		{"javascript&#58;alert(1)", false, false, true},
		{"javascript&#x3A;alert(1)", false, false, true},
		{"javascript&colon;alert(1)", false, false, true},
		{"&#x6A;avascript:alert(1)", false, false, false},
		{"javascript%253Aalert(1)", false, false, true},
		{"vbscript:x", false, false, false},
		{"VBScript:x", false, false, false},
		{"data:image/png;base64,AAAA", false, false, false},
		{"data:text/html,x", false, false, false},
		{"file:///etc/passwd", false, false, false},
		{"ftp://example.com", false, false, false},
		{"c:\\windows", false, false, false},
	}
	for _, tt := range tests {
		if got := markdown.SafeURL(tt.url); got != tt.md {
			t.Errorf("markdown.SafeURL(%q) = %v, want %v", tt.url, got, tt.md)
		}
		if got := safeLink(tt.url); got != tt.link {
			t.Errorf("safeLink(%q) = %v, want %v", tt.url, got, tt.link)
		}
		if got := isSafeURL(tt.url); got != tt.filter {
			t.Errorf("isSafeURL(%q) = %v, want %v", tt.url, got, tt.filter)
		}
	}
}
