package history

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/escalator-dev/escalator/diag"
)

// Fields are the record fields an import can fill, in the order records are written;
// facts.<id> fills a triage fact.
var Fields = []string{"id", "title", "summary", "severity", "severity_end", "opened", "acknowledged", "triaged",
	"contained", "resolved", "root_caused", "assigned_to", "resolved_by", "commander", "pir"}

var required = []string{"id", "title", "severity", "opened", "assigned_to"}

// afterFields give a milestone as seconds after the opening, as PagerDuty's
// seconds_to_first_ack and seconds_to_resolve do.
var afterFields = map[string]string{"acknowledged_after": "acknowledged", "resolved_after": "resolved"}

var instantFields = []string{"opened", "acknowledged", "triaged", "contained", "resolved", "root_caused"}

var idFields = []string{"id", "severity", "severity_end", "assigned_to", "resolved_by"}

// Mapping says which column of an export fills which record field, and how values
// are translated.
type Mapping struct {
	// Columns maps a record field ("title", "facts.domain") to a column name (CSV) or a
	// dotted key path (JSON: "service.summary").
	Columns map[string]string
	// Values maps a field to a table of values: {"severity": {"P1": "sev1"}}.
	Values map[string]map[string]string
}

// ParseMapping reads --map column=field and --value field:from=to arguments.
func ParseMapping(maps, values []string) (Mapping, error) {
	m := Mapping{Columns: map[string]string{}, Values: map[string]map[string]string{}}
	for _, a := range maps {
		col, field, ok := cutLast(a, "=")
		if !ok || col == "" || field == "" {
			return m, fmt.Errorf("--map %q is not column=field (e.g. --map \"Created On=opened\")", a)
		}
		if err := checkField(field); err != nil {
			return m, err
		}
		if prev, dup := m.Columns[field]; dup {
			return m, fmt.Errorf("field %s is mapped twice: from %q and %q", field, prev, col)
		}
		m.Columns[field] = col
	}
	for _, missing := range required {
		if _, ok := m.Columns[missing]; !ok {
			return m, fmt.Errorf("no column is mapped to %s, which every record needs (add --map COLUMN=%s)", missing, missing)
		}
	}
	for _, a := range values {
		field, rest, ok := strings.Cut(a, ":")
		from, to, ok2 := cutLast(rest, "=")
		if !ok || !ok2 || from == "" {
			return m, fmt.Errorf("--value %q is not field:from=to (e.g. --value severity:P1=sev1)", a)
		}
		if err := checkField(field); err != nil {
			return m, err
		}
		if m.Values[field] == nil {
			m.Values[field] = map[string]string{}
		}
		m.Values[field][from] = to
	}
	return m, nil
}

func cutLast(s, sep string) (string, string, bool) {
	i := strings.LastIndex(s, sep)
	if i < 0 {
		return s, "", false
	}
	return strings.TrimSpace(s[:i]), strings.TrimSpace(s[i+len(sep):]), true
}

func checkField(f string) error {
	if _, ok := afterFields[f]; ok {
		return nil
	}
	if id, ok := strings.CutPrefix(f, "facts."); ok {
		if !slugRE.MatchString(id) {
			return fmt.Errorf("fact %q in facts.%s is not a fact id (a lowercase slug)", id, id)
		}
		return nil
	}
	if !slices.Contains(Fields, f) {
		return fmt.Errorf("unknown record field %q%s; fields: %s, acknowledged_after, resolved_after, facts.<fact-id>", f, hint(f, append(slices.Clone(Fields), "acknowledged_after", "resolved_after")), strings.Join(Fields, ", "))
	}
	return nil
}

func hint(s string, candidates []string) string {
	if h := diag.DidYouMean(s, candidates); h != "" {
		return " (" + h + ")"
	}
	return ""
}

var slugRE = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// Imported is one record read from an export, as YAML ready to write.
type Imported struct {
	ID   string
	Line int // where the record starts in the export (1-based; 0 when unknown)
	YAML []byte
}

// row is one record of an export: its values by column, and where each value is.
type row struct {
	line int
	get  func(key string) (val string, line, col int, ok bool)
}

// Import reads a CSV or JSON export (format "csv" or "json") named file and returns
// a record for every row it can read, and a diagnostic for every problem, each at the
// export's line and column.
func Import(file string, data []byte, format string, m Mapping) ([]Imported, diag.List) {
	var rows []row
	var diags diag.List
	switch format {
	case "csv":
		rows, diags = csvRows(file, data, m)
	case "json":
		rows, diags = jsonRows(file, data)
	default:
		return nil, diag.List{{File: file, Severity: diag.Error, Code: diag.ImportFormat, Message: fmt.Sprintf("unknown format %q", format), Suggestion: "use csv or json"}}
	}
	var out []Imported
	seen := map[string]int{}
	for _, r := range rows {
		rec, ds := convert(file, r, m)
		diags = append(diags, ds...)
		if rec == nil {
			continue
		}
		if first, dup := seen[rec.ID]; dup {
			diags = append(diags, diag.Diagnostic{File: file, Line: r.line, Col: 1, Severity: diag.Error, Code: diag.DuplicateID,
				Message: fmt.Sprintf("duplicate incident id %q", rec.ID), Suggestion: "map a column that is unique to id",
				Notes: []diag.Note{{File: file, Line: first, Col: 1, Message: "first defined here"}}})
			continue
		}
		seen[rec.ID] = r.line
		out = append(out, *rec)
	}
	return out, diags.Compact()
}

func csvRows(file string, data []byte, m Mapping) ([]row, diag.List) {
	cr := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\ufeff"))))
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if err != nil {
		return nil, diag.List{csvError(file, err)}
	}
	cols := map[string]int{}
	for i, h := range header {
		if _, dup := cols[strings.TrimSpace(h)]; !dup {
			cols[strings.TrimSpace(h)] = i
		}
	}
	var diags diag.List
	for _, f := range sortedKeys(m.Columns) {
		if _, ok := cols[m.Columns[f]]; !ok {
			names := slices.Sorted(func(yield func(string) bool) {
				for k := range cols {
					if !yield(k) {
						return
					}
				}
			})
			diags = append(diags, diag.Diagnostic{File: file, Line: 1, Col: 1, Severity: diag.Error, Code: diag.MissingColumn,
				Message:    fmt.Sprintf("no column %q for %s", m.Columns[f], f),
				Suggestion: strings.TrimPrefix(strings.TrimSuffix(hint(m.Columns[f], names), ")"), " (") + "; columns: " + strings.Join(names, ", ")})
		}
	}
	if len(diags) > 0 {
		return nil, diags
	}
	var rows []row
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			diags = append(diags, csvError(file, err))
			var pe *csv.ParseError
			if errors.As(err, &pe) && pe.Err != csv.ErrFieldCount {
				break // the reader cannot resynchronise after a broken quote
			}
			continue
		}
		line, _ := cr.FieldPos(0)
		positions := make([][2]int, len(rec))
		for i := range rec {
			l, c := cr.FieldPos(i)
			positions[i] = [2]int{l, c}
		}
		rows = append(rows, row{line: line, get: func(col string) (string, int, int, bool) {
			i, ok := cols[col]
			if !ok || i >= len(rec) {
				return "", line, 1, false
			}
			return strings.TrimSpace(rec[i]), positions[i][0], positions[i][1], true
		}})
	}
	return rows, diags
}

func csvError(file string, err error) diag.Diagnostic {
	d := diag.Diagnostic{File: file, Line: 1, Col: 1, Severity: diag.Error, Code: diag.InvalidCSV, Message: "cannot read the CSV: " + err.Error(),
		Suggestion: "export the incidents as comma-separated values with a header row"}
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		d.Line, d.Col, d.Message = pe.Line, max(pe.Column, 1), "invalid CSV: "+pe.Err.Error()
		if pe.Err == csv.ErrQuote || pe.Err == csv.ErrBareQuote {
			d.Suggestion = "close the quote, or double a quote inside a quoted value (\"\")"
		}
	}
	if err == io.EOF {
		d.Code, d.Message = diag.EmptyFile, "empty file: no header row"
	}
	return d
}

// jsonRows reads an array of objects, or an object holding one under "incidents".
// Positions are the line of each object; JSON values carry no column worth naming.
func jsonRows(file string, data []byte) ([]row, diag.List) {
	var top any
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if err := dec.Decode(&top); err != nil {
		line, col := 1, 1
		var se *json.SyntaxError
		if errors.As(err, &se) {
			line, col = offsetPos(data, int(se.Offset))
		}
		return nil, diag.List{{File: file, Line: line, Col: col, Severity: diag.Error, Code: diag.InvalidJSON, Message: "invalid JSON: " + err.Error(),
			Suggestion: "export the incidents as a JSON array of objects"}}
	}
	if obj, ok := top.(map[string]any); ok {
		top = obj["incidents"]
	}
	list, ok := top.([]any)
	if !ok {
		return nil, diag.List{{File: file, Line: 1, Col: 1, Severity: diag.Error, Code: diag.InvalidJSON, Message: "expected an array of incidents",
			Suggestion: `write [{"id": ...}, ...] or {"incidents": [...]}`}}
	}
	starts := objectLines(data)
	var rows []row
	for i, x := range list {
		obj, _ := x.(map[string]any)
		line := 1
		if i < len(starts) {
			line = starts[i]
		}
		rows = append(rows, row{line: line, get: func(path string) (string, int, int, bool) {
			var cur any = obj
			for _, k := range strings.Split(path, ".") {
				m, ok := cur.(map[string]any)
				if !ok {
					return "", line, 1, false
				}
				if cur, ok = m[k]; !ok {
					return "", line, 1, false
				}
			}
			switch v := cur.(type) {
			case nil:
				return "", line, 1, true
			case string:
				return strings.TrimSpace(v), line, 1, true
			case json.Number:
				return v.String(), line, 1, true
			case bool:
				return strconv.FormatBool(v), line, 1, true
			}
			return "", line, 1, false
		}})
	}
	return rows, nil
}

// objectLines returns the line of each object that opens at depth 1 of a JSON array.
func objectLines(data []byte) []int {
	var out []int
	depth, line, inStr, esc := 0, 1, false, false
	base := 1
	if t := bytes.TrimSpace(data); len(t) > 0 && t[0] == '{' {
		base = 2 // {"incidents": [ {...} ]}
	}
	for _, c := range data {
		switch {
		case c == '\n':
			line++
		case inStr:
			if esc {
				esc = false
			} else if c == '\\' {
				esc = true
			} else if c == '"' {
				inStr = false
			}
		case c == '"':
			inStr = true
		case c == '[' || c == '{':
			if c == '{' && depth == base {
				out = append(out, line)
			}
			depth++
		case c == ']' || c == '}':
			depth--
		}
	}
	return out
}

func offsetPos(data []byte, off int) (int, int) {
	off = min(max(off, 0), len(data))
	line := 1 + bytes.Count(data[:off], []byte("\n"))
	start := bytes.LastIndexByte(data[:off], '\n') + 1
	return line, max(1, off-start)
}

// convert turns one row into a record's YAML.
func convert(file string, r row, m Mapping) (*Imported, diag.List) {
	var diags diag.List
	vals := map[string]string{}
	fields := slices.Clone(Fields)
	for _, f := range sortedKeys(m.Columns) {
		if strings.HasPrefix(f, "facts.") {
			fields = append(fields, f)
		}
	}
	for _, f := range fields {
		col, ok := m.Columns[f]
		if !ok {
			continue
		}
		v, line, c, _ := r.get(col)
		if to, ok := m.Values[f][v]; ok {
			v = to
		}
		if v == "" {
			if slices.Contains(required, f) {
				diags = append(diags, diag.Diagnostic{File: file, Line: line, Col: c, Severity: diag.Error, Code: diag.MissingValue,
					Message: fmt.Sprintf("%s is empty (column %q)", f, col), Suggestion: "every record needs " + strings.Join(required, ", ") + "; fix the row or map another column"})
			}
			continue
		}
		switch {
		case slices.Contains(instantFields, f):
			t, ok := readInstant(v)
			if !ok {
				diags = append(diags, diag.Diagnostic{File: file, Line: line, Col: c, Severity: diag.Error, Code: diag.InvalidInstant,
					Message:    fmt.Sprintf("cannot read %s %q (column %q)", f, v, col),
					Suggestion: "use RFC 3339 (2026-03-01T03:00:00Z), 2026-03-01 03:00:00 with or without a zone, or Unix seconds"})
				continue
			}
			v = t
		case slices.Contains(idFields, f) || strings.HasPrefix(f, "facts."):
			// Names in exports ("Payments Eng") become ids; check reports those that
			// match nothing, with the nearest id.
			if f != "id" && strings.HasPrefix(f, "facts.") && !isWord(v) {
				break
			}
			v = slug(v)
			if v == "" {
				diags = append(diags, diag.Diagnostic{File: file, Line: line, Col: c, Severity: diag.Error, Code: diag.InvalidImportData,
					Message: fmt.Sprintf("%s %q has no letters or digits (column %q)", f, v, col), Suggestion: "map a column of names or ids"})
				continue
			}
		}
		vals[f] = v
	}
	for _, f := range sortedKeys(afterFields) {
		col, ok := m.Columns[f]
		if !ok {
			continue
		}
		v, line, c, _ := r.get(col)
		if v == "" || vals[afterFields[f]] != "" {
			continue // still open, or the instant itself is mapped too
		}
		secs, err := strconv.ParseFloat(v, 64)
		opened, ok := parseWritten(vals["opened"])
		if err != nil || secs < 0 || secs > 1e10 || !ok {
			if err != nil || secs < 0 || secs > 1e10 {
				diags = append(diags, diag.Diagnostic{File: file, Line: line, Col: c, Severity: diag.Error, Code: diag.InvalidImportData,
					Message: fmt.Sprintf("%s %q is not a number of seconds (column %q)", f, v, col), Suggestion: "map a column of seconds after the opening"})
			}
			continue
		}
		vals[afterFields[f]] = writeLike(vals["opened"], opened.Add(time.Duration(secs*float64(time.Second))))
	}
	if len(diags) > 0 || vals["id"] == "" {
		return nil, diags
	}
	if vals["resolved"] == "" {
		delete(vals, "resolved_by") // still open: nobody resolved it yet
	}
	var b bytes.Buffer
	b.WriteString("# Imported by escalator import; check it with `escalator check`.\n")
	var facts []string
	for _, f := range fields {
		if id, ok := strings.CutPrefix(f, "facts."); ok && vals[f] != "" {
			facts = append(facts, id+": "+scalar(vals[f]))
		}
	}
	for _, f := range Fields {
		if f == "severity" && len(facts) > 0 {
			fmt.Fprintf(&b, "facts: {%s}\n", strings.Join(facts, ", "))
		}
		if v, ok := vals[f]; ok {
			w := scalar(v)
			if !slices.Contains(instantFields, f) && !isWord(v) {
				w = quote(v) // a number-like id or title is still a string
			}
			fmt.Fprintf(&b, "%s: %s\n", f, w)
		}
	}
	return &Imported{ID: vals["id"], Line: r.line, YAML: b.Bytes()}, nil
}

func isWord(s string) bool {
	_, err := strconv.ParseFloat(s, 64)
	return err != nil && s != "true" && s != "false"
}

// slug lowercases s and joins its runs of letters and digits with hyphens.
func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
		} else {
			dash = true
		}
	}
	out := b.String()
	if len(out) > 200 {
		out = strings.TrimRight(out[:200], "-")
	}
	return out
}

var plainRE = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._:+/-]*$`)

// scalar writes v as a YAML scalar that reads back as the same string or number.
func scalar(v string) string {
	if plainRE.MatchString(v) && !strings.Contains(v, ": ") {
		switch strings.ToLower(v) {
		case "yes", "no", "on", "off", "null", "y", "n", "~":
			return quote(v)
		}
		return v
	}
	return quote(v)
}

var instantLayouts = []string{
	time.RFC3339, "2006-01-02 15:04:05 -0700", "2006-01-02 15:04:05 -07:00", "2006-01-02T15:04:05-0700",
	"2006-01-02 15:04:05 MST", "2006-01-02T15:04:05", "2006-01-02 15:04:05", "2006-01-02T15:04", "2006-01-02 15:04",
}

// readInstant normalises an export's instant: RFC 3339 when it has a zone, the
// playbook's local form (YYYY-MM-DDTHH:MM) when it has none.
func readInstant(v string) (string, bool) {
	if n, err := strconv.ParseInt(v, 10, 64); err == nil && len(v) >= 9 {
		if len(v) >= 13 {
			n /= 1000 // milliseconds
		}
		return time.Unix(n, 0).UTC().Format(time.RFC3339), true
	}
	for _, l := range instantLayouts {
		t, err := time.Parse(l, v)
		if err != nil || t.Year() < 1 || t.Year() > 9998 {
			continue
		}
		if strings.Contains(l, "07") || strings.Contains(l, "MST") {
			return t.UTC().Format(time.RFC3339), true
		}
		// The playbook's local form has minutes only: seconds are dropped.
		return t.Format("2006-01-02T15:04"), true
	}
	return "", false
}

// parseWritten reads an instant as readInstant writes it.
func parseWritten(s string) (time.Time, bool) {
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, true
	}
	t, err := time.Parse("2006-01-02T15:04", s)
	return t, err == nil
}

// writeLike writes t in the form of like: RFC 3339, or local minutes (wall-clock
// arithmetic: a clock change in between shifts it by the change).
func writeLike(like string, t time.Time) string {
	if strings.HasSuffix(like, "Z") || len(like) > 16 {
		return t.UTC().Format(time.RFC3339)
	}
	return t.Format("2006-01-02T15:04")
}

// WriteRecords writes each record to dir/<id>.yaml, creating dir when needed. It never
// replaces a file: a record whose file exists is skipped and listed.
func WriteRecords(dir string, recs []Imported) (written, skipped []string, err error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, nil, err
	}
	for _, r := range recs {
		name := filepath.Join(dir, r.ID+".yaml")
		f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if errors.Is(err, fs.ErrExist) {
			skipped = append(skipped, name)
			continue
		}
		if err != nil {
			return written, skipped, err
		}
		_, err = f.Write(r.YAML)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			os.Remove(name)
			return written, skipped, err
		}
		written = append(written, name)
	}
	return written, skipped, nil
}
