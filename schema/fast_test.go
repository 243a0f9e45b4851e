package schema

import (
	"regexp"
	"slices"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v5"

	"go.yaml.in/yaml/v3"
)

// The fast path must never call valid what the full validator rejects, and should
// recognise the valid documents we have, or it saves nothing.
func TestProvablyValidAgreesWithValidator(t *testing.T) {
	type seed struct {
		kind Kind
		src  []byte
	}
	var seeds []seed
	for k, src := range validDocs {
		seeds = append(seeds, seed{k, []byte(src)})
	}
	for _, d := range sampleDocs(t) {
		seeds = append(seeds, seed{d.kind, d.yaml})
	}
	for _, tc := range messageTests {
		seeds = append(seeds, seed{tc.kind, []byte(tc.src)})
	}
	fast, valid := 0, 0
	for _, s := range seeds {
		v, ok := convertFor(s.src)
		if !ok {
			continue
		}
		full := schemas[s.kind]().schema.Validate(v) == nil
		quick := provablyValid(schemas[s.kind]().schema, v)
		if quick && !full {
			t.Errorf("fast path accepts a %s the validator rejects:\n%s", s.kind, s.src)
		}
		if full {
			valid++
			if quick {
				fast++
			}
		}
	}
	if valid == 0 || fast != valid {
		t.Errorf("fast path proved %d of %d valid documents", fast, valid)
	}
}

// convertFor turns YAML source into the values the validators take.
func convertFor(src []byte) (any, bool) {
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		return nil, false
	}
	root := contentNode(&doc)
	if root == nil {
		return nil, false
	}
	conv := newConverter("f.yaml", root)
	return conv.convert(root)
}

// FuzzProvablyValid looks for documents the fast path accepts and the validator does not.
func FuzzProvablyValid(f *testing.F) {
	kinds := Kinds()
	for k, src := range validDocs {
		f.Add(uint8(slices.Index(kinds, k)), []byte(src))
	}
	for _, tc := range messageTests {
		f.Add(uint8(slices.Index(kinds, tc.kind)), []byte(tc.src))
	}
	addHugeNumbers(f)
	f.Fuzz(func(t *testing.T, k uint8, src []byte) {
		kind := kinds[int(k)%len(kinds)]
		v, ok := convertFor(src)
		if !ok {
			return
		}
		c := schemas[kind]()
		if provablyValid(c.schema, v) && c.schema.Validate(v) != nil {
			t.Errorf("fast path accepts a %s the validator rejects:\n%s", kind, src)
		}
	})
}

// isID decides as the regexp it stands in for.
func FuzzIDPattern(f *testing.F) {
	re := regexp.MustCompile(idPattern)
	for _, s := range []string{"", "a", "payments-eng", "-a", "a-", "a--b", "A", "a_b", "a\n", "é", "0-9", "a-b-c"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := isID(s), re.MatchString(s); got != want {
			t.Errorf("isID(%q) = %v, the regexp says %v", s, got, want)
		}
	})
}

// The schemas do use idPattern, so the shortcut is taken.
func TestSchemasUseIDPattern(t *testing.T) {
	found := false
	var walk func(s *jsonschema.Schema, seen map[*jsonschema.Schema]bool)
	walk = func(s *jsonschema.Schema, seen map[*jsonschema.Schema]bool) {
		if s == nil || seen[s] {
			return
		}
		seen[s] = true
		if s.Pattern != nil && s.Pattern.String() == idPattern {
			found = true
		}
		walk(s.Ref, seen)
		walk(s.Items2020, seen)
		for _, p := range s.Properties {
			walk(p, seen)
		}
		for _, l := range [][]*jsonschema.Schema{s.AllOf, s.AnyOf, s.OneOf} {
			for _, p := range l {
				walk(p, seen)
			}
		}
		if ap, ok := s.AdditionalProperties.(*jsonschema.Schema); ok {
			walk(ap, seen)
		}
	}
	walk(schemas[Team]().schema, map[*jsonschema.Schema]bool{})
	if !found {
		t.Errorf("the team schema has no pattern %s", idPattern)
	}
}
