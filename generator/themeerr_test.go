package generator

import (
	"bytes"
	"html/template"
	"testing"
	"testing/fstest"
)

func TestThemeExecError(t *testing.T) {
	override := fstest.MapFS{"templates/page.html": {Data: []byte("<p>\n  {{index .Nope 3}}</p>")}}
	tmpl := template.Must(template.New("page.html").Parse(string(override["templates/page.html"].Data)))
	err := tmpl.ExecuteTemplate(new(bytes.Buffer), "page.html", map[string]any{"Nope": []int{1}})
	if err == nil {
		t.Fatal("no error")
	}
	got := themeExecError(err, override, "pb/theme").Error()
	want := "pb/theme/templates/page.html:2:4: error[theme-error]: executing \"page.html\" at <index .Nope 3>: error calling index: index out of range: 3 (fix the override, or remove it to use the built-in template)"
	if got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
	// Not an override: left as it was.
	if got := themeExecError(err, fstest.MapFS{}, "theme"); got != err {
		t.Errorf("no override: got %v", got)
	}
	if got := themeExecError(err, nil, "theme"); got != err {
		t.Errorf("no theme: got %v", got)
	}
}
