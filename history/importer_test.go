package history

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// pagerDuty is the shape of PagerDuty's incident CSV, cut down.
const pagerDuty = `incident_number,description,service_name,urgency,created_on,seconds_to_first_ack,seconds_to_resolve,team
1041,"Card payments failing, PayStream 502s",Payments API,high,2026-03-03T10:00:00Z,240,9000,Payments Eng
1042,Settlement report late,Reporting,low,2026-03-04 09:30:00,1800,,Data Eng
`

func pdMapping(t *testing.T) Mapping {
	t.Helper()
	m, err := ParseMapping([]string{"incident_number=id", "description=title", "urgency=severity", "created_on=opened",
		"seconds_to_first_ack=acknowledged_after", "seconds_to_resolve=resolved_after", "team=assigned_to", "team=resolved_by",
		"service_name=facts.domain"},
		[]string{"severity:high=sev1", "severity:low=sev3", "facts.domain:Payments API=payments", "facts.domain:Reporting=reporting"})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestImportCSV(t *testing.T) {
	recs, diags := Import("pd.csv", []byte(pagerDuty), "csv", pdMapping(t))
	if len(diags) > 0 {
		t.Fatalf("diagnostics:\n%s", diags.Error())
	}
	if len(recs) != 2 {
		t.Fatalf("%d records", len(recs))
	}
	want := `# Imported by escalator import; check it with ` + "`escalator check`" + `.
id: "1041"
title: "Card payments failing, PayStream 502s"
facts: {domain: payments}
severity: sev1
opened: 2026-03-03T10:00:00Z
acknowledged: 2026-03-03T10:04:00Z
resolved: 2026-03-03T12:30:00Z
assigned_to: payments-eng
resolved_by: payments-eng
`
	if got := string(recs[0].YAML); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	// No zone: kept as local time, which check reads in the playbook's zone; still open.
	if got := string(recs[1].YAML); !strings.Contains(got, "opened: 2026-03-04T09:30\nacknowledged: 2026-03-04T10:00\n") || strings.Contains(got, "resolved") {
		t.Errorf("second record:\n%s", got)
	}
	for _, r := range recs {
		var v map[string]any
		if err := yaml.Unmarshal(r.YAML, &v); err != nil {
			t.Errorf("%s: %v", r.ID, err)
		}
	}
}

func TestImportJSON(t *testing.T) {
	src := `{"incidents": [
  {"id": "INC-7", "title": "Login down", "priority": "P1", "created": 1767261600, "team": {"name": "Identity Eng"}},
  {"id": "INC-8", "title": "x", "priority": "P9", "created": "soon", "team": {"name": "Web"}}
]}`
	m, err := ParseMapping([]string{"id=id", "title=title", "priority=severity", "created=opened", "team.name=assigned_to"},
		[]string{"severity:P1=sev1"})
	if err != nil {
		t.Fatal(err)
	}
	recs, diags := Import("og.json", []byte(src), "json", m)
	if len(recs) != 1 || !strings.Contains(string(recs[0].YAML), "id: inc-7\n") || !strings.Contains(string(recs[0].YAML), "opened: 2026-01-01T10:00:00Z\nassigned_to: identity-eng\n") {
		t.Errorf("records: %v", recs)
	}
	if got := diags.Error(); !strings.Contains(got, `og.json:3:1: error[invalid-instant]: cannot read opened "soon" (column "created")`) {
		t.Errorf("diagnostics:\n%s", got)
	}
}

func TestImportProblems(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"missing column", "number,title\n1,x\n", `pd.csv:1:1: error[missing-column]: no column "incident_number" for id`},
		{"bad quote", pagerDuty + "1043,\"broken,x\n", `pd.csv:4:`},
		{"bad instant", strings.Replace(pagerDuty, "2026-03-04 09:30:00", "4 March", 1), `pd.csv:3:43: error[invalid-instant]: cannot read opened "4 March" (column "created_on")`},
		{"empty required", strings.Replace(pagerDuty, "Settlement report late", "", 1), `pd.csv:3:6: error[missing-value]: title is empty (column "description")`},
		{"duplicate id", pagerDuty + strings.Split(pagerDuty, "\n")[1] + "\n", `pd.csv:4:1: error[duplicate-id]: duplicate incident id "1041" (map a column that is unique to id)` + "\n" + `pd.csv:2:1: note: first defined here`},
		{"bad seconds", strings.Replace(pagerDuty, ",240,", ",soon,", 1), `pd.csv:2:85: error[invalid-import-value]: acknowledged_after "soon" is not a number of seconds (column "seconds_to_first_ack")`},
		{"empty file", "", `pd.csv:1:1: error[empty-file]: empty file: no header row`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, diags := Import("pd.csv", []byte(tt.src), "csv", pdMapping(t))
			if got := diags.Error(); !strings.Contains(got, tt.want) {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}

func TestParseMapping(t *testing.T) {
	tests := []struct {
		maps, values []string
		want         string
	}{
		{[]string{"a=titel"}, nil, `unknown record field "titel" (did you mean "title"?)`},
		{[]string{"a"}, nil, `--map "a" is not column=field`},
		{[]string{"a=id", "b=id"}, nil, `field id is mapped twice`},
		{[]string{"a=id", "b=title"}, nil, `no column is mapped to severity`},
		{[]string{"a=id", "b=title", "c=severity", "d=opened", "e=assigned_to"}, []string{"severity=sev1"}, `--value "severity=sev1" is not field:from=to`},
	}
	for _, tt := range tests {
		_, err := ParseMapping(tt.maps, tt.values)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%v %v: got %v, want %s", tt.maps, tt.values, err, tt.want)
		}
	}
}

func TestWriteRecordsNeverOverwrites(t *testing.T) {
	dir := t.TempDir()
	keep := filepath.Join(dir, "1041.yaml")
	os.WriteFile(keep, []byte("mine\n"), 0o644)
	recs, _ := Import("pd.csv", []byte(pagerDuty), "csv", pdMapping(t))
	written, skipped, err := WriteRecords(dir, recs)
	if err != nil || len(written) != 1 || len(skipped) != 1 || skipped[0] != keep {
		t.Fatalf("written %v, skipped %v, err %v", written, skipped, err)
	}
	if data, _ := os.ReadFile(keep); string(data) != "mine\n" {
		t.Errorf("existing file replaced: %q", data)
	}
}

// FuzzImport: any export, CSV or JSON, gives records that are valid YAML, and never
// a panic.
func FuzzImport(f *testing.F) {
	f.Add([]byte(pagerDuty), false)
	f.Add([]byte(`[{"incident_number": 1, "description": "a: b", "urgency": "high", "created_on": "2026-01-01T00:00:00Z", "team": "x"}]`), true)
	f.Add([]byte("incident_number,description\n\"a\"\"b\",c\n"), false)
	m, _ := ParseMapping([]string{"incident_number=id", "description=title", "urgency=severity", "created_on=opened",
		"seconds_to_first_ack=acknowledged_after", "team=assigned_to", "service_name=facts.domain"}, nil)
	f.Fuzz(func(t *testing.T, data []byte, isJSON bool) {
		format := "csv"
		if isJSON {
			format = "json"
		}
		recs, _ := Import("x", data, format, m)
		for _, r := range recs {
			var v map[string]any
			if err := yaml.Unmarshal(r.YAML, &v); err != nil {
				t.Fatalf("record %q is not YAML: %v\n%s", r.ID, err, r.YAML)
			}
			if v["id"] == nil || !slugRE.MatchString(r.ID) {
				t.Fatalf("record without a slug id: %q", r.ID)
			}
		}
	})
}
