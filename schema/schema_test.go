package schema

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"reflect"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

func TestSchemasCompile(t *testing.T) {
	m, err := compileAll()
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range Kinds() {
		if m[k] == nil || m[k].schema == nil {
			t.Errorf("no compiled schema for %s", k)
		}
	}
}

// FS holds one schema per document kind, and the schemas of what `escalator export`
// and `escalator diff --format json` write, which the site publishes beside them.
func TestFSHoldsOneSchemaPerKind(t *testing.T) {
	names, err := fs.Glob(FS(), "*")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"diff.schema.json", "export.schema.json"}
	for _, k := range Kinds() {
		want = append(want, string(k)+".schema.json")
	}
	slices.Sort(want)
	if !slices.Equal(names, want) {
		t.Errorf("FS holds %v, want %v", names, want)
	}
}

// readSchemas decodes every schema file.
func readSchemas(t *testing.T) map[Kind]map[string]any {
	t.Helper()
	out := make(map[Kind]map[string]any)
	for _, k := range Kinds() {
		data, err := fs.ReadFile(FS(), string(k)+".schema.json")
		if err != nil {
			t.Fatal(err)
		}
		var m map[string]any
		if err := json.Unmarshal(data, &m); err != nil {
			t.Fatalf("%s: %v", k, err)
		}
		out[k] = m
	}
	return out
}

// walkSchemas calls f for every schema object in s (the root, properties, $defs,
// items, and the subschemas of combinators and conditionals), with its JSON pointer and
// the keyword it sits under ("properties", "$defs", "items", ...; "" for the root).
func walkSchemas(ptr, under string, s map[string]any, f func(ptr, under string, s map[string]any)) {
	f(ptr, under, s)
	for _, kw := range []string{"properties", "$defs"} {
		if m, ok := s[kw].(map[string]any); ok {
			for name, sub := range m {
				if sm, ok := sub.(map[string]any); ok {
					walkSchemas(ptr+"/"+kw+"/"+name, kw, sm, f)
				}
			}
		}
	}
	for _, kw := range []string{"items", "additionalProperties", "propertyNames", "not", "if", "then", "else"} {
		if sm, ok := s[kw].(map[string]any); ok {
			walkSchemas(ptr+"/"+kw, kw, sm, f)
		}
	}
	for _, kw := range []string{"anyOf", "oneOf", "allOf"} {
		for i, sub := range asSlice(s[kw]) {
			if sm, ok := sub.(map[string]any); ok {
				walkSchemas(fmt.Sprintf("%s/%s/%d", ptr, kw, i), kw, sm, f)
			}
		}
	}
}

func TestSchemaConventions(t *testing.T) {
	for k, s := range readSchemas(t) {
		if s["$schema"] != "https://json-schema.org/draft/2020-12/schema" {
			t.Errorf("%s: $schema is %v", k, s["$schema"])
		}
		if s["$id"] != baseURL+string(k)+".schema.json" {
			t.Errorf("%s: $id is %v", k, s["$id"])
		}
		for _, key := range []string{"title", "description"} {
			if v, _ := s[key].(string); v == "" {
				t.Errorf("%s: no %s", k, key)
			}
		}
		walkSchemas("", "", s, func(ptr, under string, sub map[string]any) {
			// Editors show descriptions on hover: every property and shared shape has one.
			if under == "properties" || under == "$defs" || under == "additionalProperties" {
				if d, _ := sub["description"].(string); d == "" {
					t.Errorf("%s#%s: no description", k, ptr)
				}
			}
			// Unknown keys are errors; messages name the object by its title. (Objects
			// without properties are only type tests in conditions.)
			if slices.Contains(typesOf(sub), "object") && (sub["properties"] != nil || sub["propertyNames"] != nil) {
				if _, ok := sub["additionalProperties"]; !ok {
					t.Errorf("%s#%s: object without additionalProperties", k, ptr)
				}
				if _, ok := sub["title"]; !ok && ptr != "" {
					t.Errorf("%s#%s: object without title", k, ptr)
				}
			}
			// No cross-file references: each schema works alone in an editor.
			if ref, ok := sub["$ref"].(string); ok && !strings.HasPrefix(ref, "#/$defs/") {
				t.Errorf("%s#%s: $ref %q leaves the file", k, ptr, ref)
			}
		})
	}
}

// Shared shapes are copied into each file that uses them; they must not drift apart.
func TestSharedDefsAgree(t *testing.T) {
	schemas := readSchemas(t)
	seen := make(map[string]any)
	from := make(map[string]Kind)
	for _, k := range Kinds() {
		defs, _ := schemas[k]["$defs"].(map[string]any)
		for name, d := range defs {
			if prev, ok := seen[name]; ok && !reflect.DeepEqual(prev, d) {
				t.Errorf("$defs/%s differs between %s and %s", name, from[name], k)
			}
			seen[name], from[name] = d, k
		}
	}
}

// The examples in the schemas are valid, so an editor's completion never proposes an error.
func TestSchemaExamplesAreValid(t *testing.T) {
	for k, s := range readSchemas(t) {
		defs, _ := s["$defs"].(map[string]any)
		for name, d := range defs {
			dm, _ := d.(map[string]any)
			for _, ex := range asSlice(dm["examples"]) {
				p, _ := regexpOf(dm)
				if str, ok := ex.(string); ok && p != nil && !p.MatchString(str) {
					t.Errorf("%s $defs/%s: example %q does not match its pattern", k, name, str)
				}
			}
		}
	}
}

func regexpOf(s map[string]any) (interface{ MatchString(string) bool }, bool) {
	p, ok := s["pattern"].(string)
	if !ok {
		return nil, false
	}
	re, err := patterns.compile(p)
	if err != nil {
		return nil, false
	}
	return re, true
}

func TestValidateUnknownKindPanics(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("no panic")
		}
	}()
	Validate("x.yaml", Kind("nope"), &yaml.Node{})
}
