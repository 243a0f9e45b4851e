package schema

import (
	"math"
	"regexp"
	"unicode/utf8"

	"github.com/santhosh-tekuri/jsonschema/v5"
)

// provablyValid reports whether v certainly satisfies s, walking the compiled schema
// without building errors. It answers false for anything it does not model, and
// Validate then runs the full validator, whose errors become the messages. Almost
// every document in a healthy playbook is valid, and the full validator allocates
// for every keyword it visits, so this halves the cost of checking a large playbook.
func provablyValid(s *jsonschema.Schema, v any) bool {
	if s.Always != nil {
		return *s.Always
	}
	if s.RecursiveRef != nil || s.DynamicRef != nil || s.UnevaluatedProperties != nil ||
		s.UnevaluatedItems != nil || len(s.PatternProperties) > 0 || s.Dependencies != nil ||
		s.DependentRequired != nil || s.DependentSchemas != nil || s.Contains != nil ||
		s.PrefixItems != nil || s.Items != nil || s.AdditionalItems != nil || s.UniqueItems ||
		s.MultipleOf != nil || s.ExclusiveMinimum != nil || s.ExclusiveMaximum != nil ||
		s.ContentEncoding != "" || s.ContentMediaType != "" || len(s.Extensions) > 0 {
		return false // not modelled: let the full validator decide
	}
	if s.Ref != nil && !provablyValid(s.Ref, v) {
		return false
	}
	if len(s.Types) > 0 && !hasType(s.Types, v) {
		return false
	}
	if len(s.Constant) > 0 && !sameValue(s.Constant[0], v) {
		return false
	}
	if len(s.Enum) > 0 {
		found := false
		for _, e := range s.Enum {
			if sameValue(e, v) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	for _, sub := range s.AllOf {
		if !provablyValid(sub, v) {
			return false
		}
	}
	if len(s.AnyOf) > 0 {
		any := false
		for _, sub := range s.AnyOf {
			if provablyValid(sub, v) {
				any = true
				break
			}
		}
		if !any {
			return false
		}
	}
	if len(s.OneOf) > 0 {
		// Exactly one must hold; a branch this walk cannot prove may still hold, so only
		// a proof of one branch and a disproof of the others will do.
		n := 0
		for _, sub := range s.OneOf {
			if provablyValid(sub, v) {
				n++
			} else if !provablyInvalid(sub, v) {
				return false
			}
		}
		if n != 1 {
			return false
		}
	}
	if s.Not != nil && !provablyInvalid(s.Not, v) {
		return false
	}
	if s.If != nil {
		switch {
		case provablyValid(s.If, v):
			if s.Then != nil && !provablyValid(s.Then, v) {
				return false
			}
		case provablyInvalid(s.If, v):
			if s.Else != nil && !provablyValid(s.Else, v) {
				return false
			}
		default:
			return false
		}
	}
	switch v := v.(type) {
	case string:
		if s.MinLength >= 0 || s.MaxLength >= 0 {
			n := utf8.RuneCountInString(v)
			if (s.MinLength >= 0 && n < s.MinLength) || (s.MaxLength >= 0 && n > s.MaxLength) {
				return false
			}
		}
		if s.Pattern != nil && !matchPattern(s.Pattern, v) {
			return false
		}
	case map[string]any:
		if (s.MinProperties >= 0 && len(v) < s.MinProperties) || (s.MaxProperties >= 0 && len(v) > s.MaxProperties) {
			return false
		}
		for _, r := range s.Required {
			if _, ok := v[r]; !ok {
				return false
			}
		}
		for k, pv := range v {
			if s.PropertyNames != nil && !provablyValid(s.PropertyNames, k) {
				return false
			}
			if ps, ok := s.Properties[k]; ok {
				if !provablyValid(ps, pv) {
					return false
				}
				continue
			}
			switch ap := s.AdditionalProperties.(type) {
			case bool:
				if !ap {
					return false
				}
			case *jsonschema.Schema:
				if !provablyValid(ap, pv) {
					return false
				}
			}
		}
	case []any:
		if (s.MinItems >= 0 && len(v) < s.MinItems) || (s.MaxItems >= 0 && len(v) > s.MaxItems) {
			return false
		}
		if s.Items2020 != nil {
			for _, item := range v {
				if !provablyValid(s.Items2020, item) {
					return false
				}
			}
		}
	}
	if !withinBounds(s, v) {
		return false
	}
	if s.Format != "" {
		check, ok := jsonschema.Formats[s.Format]
		if !ok || !check(v) {
			return false
		}
	}
	return true
}

// withinBounds reports whether v, if it is a number, certainly satisfies s's minimum and
// maximum. Comparing floats is exact only when both sides are exact floats: an integer
// beyond 2^53 or a bound that is not a float is left to the full validator, which
// compares exact rationals. Skipping the bound instead once let `repeat:
// 9007199254740993` through, and the model looped over it.
func withinBounds(s *jsonschema.Schema, v any) bool {
	if s.Minimum == nil && s.Maximum == nil {
		return true
	}
	switch v.(type) {
	case int, int64, uint64, float64:
	default:
		return true // bounds apply to numbers only
	}
	f, ok := number(v)
	if !ok {
		return false
	}
	if s.Minimum != nil {
		if m, exact := s.Minimum.Float64(); !exact || f < m {
			return false
		}
	}
	if s.Maximum != nil {
		if m, exact := s.Maximum.Float64(); !exact || f > m {
			return false
		}
	}
	return true
}

// provablyInvalid reports whether v certainly fails s, for the keywords whose failure
// is cheap to see: type, const, enum, required, pattern, properties, not and allOf. It is the other half of
// deciding oneOf, not, and if/then/else.
func provablyInvalid(s *jsonschema.Schema, v any) bool {
	if s.Always != nil {
		return !*s.Always
	}
	if s.Ref != nil && provablyInvalid(s.Ref, v) {
		return true
	}
	if len(s.Types) > 0 && !hasType(s.Types, v) {
		return true
	}
	// Only strings and booleans: for them sameValue is exact both ways.
	if len(s.Constant) > 0 && plain(v) && plain(s.Constant[0]) && !sameValue(s.Constant[0], v) {
		return true
	}
	if len(s.Enum) > 0 && plain(v) {
		for _, e := range s.Enum {
			if !plain(e) || sameValue(e, v) {
				return false
			}
		}
		return true
	}
	switch v := v.(type) {
	case string:
		if s.Pattern != nil && !matchPattern(s.Pattern, v) {
			return true
		}
	case map[string]any:
		for _, r := range s.Required {
			if _, ok := v[r]; !ok {
				return true
			}
		}
		for k, ps := range s.Properties {
			if pv, ok := v[k]; ok && provablyInvalid(ps, pv) {
				return true
			}
		}
	}
	if s.Not != nil && provablyValid(s.Not, v) {
		return true
	}
	for _, sub := range s.AllOf {
		if provablyInvalid(sub, v) {
			return true
		}
	}
	return false
}

func hasType(types []string, v any) bool {
	for _, t := range types {
		switch t {
		case "object":
			if _, ok := v.(map[string]any); ok {
				return true
			}
		case "array":
			if _, ok := v.([]any); ok {
				return true
			}
		case "string":
			if _, ok := v.(string); ok {
				return true
			}
		case "boolean":
			if _, ok := v.(bool); ok {
				return true
			}
		case "null":
			if v == nil {
				return true
			}
		case "number":
			switch v.(type) {
			case int, int64, uint64, float64:
				return true
			}
		case "integer":
			switch n := v.(type) {
			case int, int64, uint64:
				return true
			case float64:
				if n == math.Trunc(n) && !math.IsInf(n, 0) {
					return true
				}
			}
		}
	}
	return false
}

// number returns the value of the numeric types the converter produces. Integers beyond
// 2^53 lose precision as floats, so they are not claimed as numbers here: the full
// validator compares them exactly.
func number(v any) (float64, bool) {
	switch n := v.(type) {
	case int:
		return float64(n), n > -1<<53 && n < 1<<53
	case int64:
		return float64(n), n > -1<<53 && n < 1<<53
	case uint64:
		return float64(n), n < 1<<53
	case float64:
		return n, true
	}
	return 0, false
}

func plain(v any) bool {
	switch v.(type) {
	case string, bool:
		return true
	}
	return false
}

// sameValue is JSON equality for the values schemas compare against; it reports false
// where it cannot be sure, which only sends a document to the full validator.
func sameValue(a, b any) bool {
	if fa, ok := number(a); ok {
		fb, ok := number(b)
		return ok && fa == fb
	}
	switch a := a.(type) {
	case string:
		s, ok := b.(string)
		return ok && a == s
	case bool:
		x, ok := b.(bool)
		return ok && a == x
	case nil:
		return b == nil
	}
	return false
}

// idPattern is the schemas' pattern for ids, the one they use most: matchPattern checks
// it without the regexp, whose matcher was a sixth of the check of a large playbook's
// teams.
const idPattern = `^[a-z0-9]+(-[a-z0-9]+)*$`

// matchPattern reports whether s matches re, as re.MatchString does.
func matchPattern(re *regexp.Regexp, s string) bool {
	if re.String() == idPattern {
		return isID(s)
	}
	return re.MatchString(s)
}

// isID reports whether s matches idPattern: words of lower-case letters and digits
// joined by single hyphens.
func isID(s string) bool {
	if s == "" || s[0] == '-' || s[len(s)-1] == '-' {
		return false
	}
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
		case c == '-' && s[i-1] != '-':
		default:
			return false
		}
	}
	return true
}
