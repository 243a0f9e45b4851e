package schema

import (
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/santhosh-tekuri/jsonschema/v5"
	"go.yaml.in/yaml/v3"

	"github.com/escalator-dev/escalator/diag"
)

// reporter turns a validation error tree into diagnostics. The validator names the
// failed keyword by its place in the schema file (AbsoluteKeywordLocation) and the
// failing value by a JSON pointer (InstanceLocation); the reporter reads the schema at
// the first to word the message and walks the YAML tree along the second to place it.
type reporter struct {
	file  string
	kind  Kind
	c     *compiled
	root  *yaml.Node
	value any
	diags diag.List

	// misspelt maps the pointer of a mapping to the required keys that an unknown key
	// of it misspells: `nmae: x` reports the unknown key only, not also a missing name.
	misspelt map[string]map[string]bool

	keys     map[*yaml.Node]keyIndex // see keyIndex
	unknowns map[string][]unknownKey // see unknown
}

// failure is one leaf of the error tree. If it concerns the value of an anyOf or oneOf
// itself, hint says what the alternatives accept: `use "24x7" or a mapping`.
type failure struct {
	e    *jsonschema.ValidationError
	hint string
}

func (r *reporter) report(e *jsonschema.ValidationError) {
	var leaves []failure
	r.collect(e, &leaves)
	// A date like 2026-9-1 fails both its pattern and its format; say it once.
	badPattern := make(map[string]bool)
	for _, l := range leaves {
		if keyword(l.e) == "pattern" {
			badPattern[l.e.InstanceLocation] = true
		}
	}
	r.misspelt = make(map[string]map[string]bool)
	for _, l := range leaves {
		if path := schemaPath(l.e); len(path) > 0 && path[len(path)-1] == "additionalProperties" {
			segs := splitPointer(l.e.InstanceLocation)
			at := joinPointer(segs)
			for _, u := range r.unknown(path[:len(path)-1], segs) {
				if u.closest != "" {
					if r.misspelt[at] == nil {
						r.misspelt[at] = make(map[string]bool)
					}
					r.misspelt[at][u.closest] = true
				}
			}
		}
	}
	for _, l := range leaves {
		if keyword(l.e) == "format" && badPattern[l.e.InstanceLocation] {
			continue
		}
		r.leaf(l)
	}
}

// collect gathers the leaves of e, collapsing each failed anyOf or oneOf to the
// alternative the author most likely meant.
func (r *reporter) collect(e *jsonschema.ValidationError, out *[]failure) {
	if len(e.Causes) == 0 {
		*out = append(*out, failure{e: e})
		return
	}
	if kw := keyword(e); kw == "anyOf" || kw == "oneOf" {
		r.collapse(e, out)
		return
	}
	for _, c := range e.Causes {
		r.collect(c, out)
	}
}

// collapse reports a failed anyOf or oneOf once. Alternatives whose type does not fit
// the value (a list where a string or a mapping was expected) are set aside; if one
// alternative is left, its own errors are reported; if none, one "must be X or Y"
// error; if several, the schema's errorMessage or the alternative that got furthest.
func (r *reporter) collapse(e *jsonschema.ValidationError, out *[]failure) {
	path := schemaPath(e)
	kw := path[len(path)-1]
	holder := r.schemaAt(path[:len(path)-1])
	var nouns []string
	for _, b := range asSlice(holder[kw]) {
		if bm, ok := b.(map[string]any); ok {
			nouns = appendNew(nouns, r.describe(bm, 0))
		}
	}
	var fit []*jsonschema.ValidationError
	for _, b := range e.Causes {
		if !typeFails(b, e.InstanceLocation) {
			fit = append(fit, b)
		}
	}
	segs := splitPointer(e.InstanceLocation)
	msg, _ := holder["errorMessage"].(string)
	switch {
	case len(fit) == 0:
		r.add(diag.WrongType, segs, false, fmt.Sprintf("%s must be %s, not %s", r.subject(segs), joinOr(nouns), r.got(segs)), "")
	case len(fit) == 1:
		var leaves []failure
		r.collect(fit[0], &leaves)
		for _, l := range leaves {
			if l.hint == "" && l.e.InstanceLocation == e.InstanceLocation {
				l.hint = "use " + joinOr(nouns)
			}
			*out = append(*out, l)
		}
	case msg != "":
		r.add(diag.InvalidValue, segs, false, msg, "")
	default:
		r.collect(furthest(fit), out)
	}
}

// typeFails reports whether e fails on the type of the value at loc itself.
func typeFails(e *jsonschema.ValidationError, loc string) bool {
	if len(e.Causes) == 0 {
		return keyword(e) == "type" && e.InstanceLocation == loc
	}
	return slices.ContainsFunc(e.Causes, func(c *jsonschema.ValidationError) bool { return typeFails(c, loc) })
}

// furthest picks the alternative whose errors lie deepest in the value (it matched the
// most before failing), then the one with fewest errors, then the first.
func furthest(alts []*jsonschema.ValidationError) *jsonschema.ValidationError {
	best, bestDepth, bestCount := alts[0], -1, 0
	for _, a := range alts {
		depth, count := 0, 0
		var walk func(*jsonschema.ValidationError)
		walk = func(e *jsonschema.ValidationError) {
			if len(e.Causes) == 0 {
				count++
				depth = max(depth, strings.Count(e.InstanceLocation, "/"))
			}
			for _, c := range e.Causes {
				walk(c)
			}
		}
		walk(a)
		if depth > bestDepth || (depth == bestDepth && count < bestCount) {
			best, bestDepth, bestCount = a, depth, count
		}
	}
	return best
}

// leaf reports one failed keyword.
func (r *reporter) leaf(f failure) {
	e := f.e
	path := schemaPath(e)
	if len(path) == 0 {
		r.add(diag.InvalidValue, nil, false, fmt.Sprintf("%s is invalid: %s", r.kind, e.Message), "")
		return
	}
	kw, holderPath := path[len(path)-1], path[:len(path)-1]
	holder := r.schemaAt(holderPath)
	segs := splitPointer(e.InstanceLocation)
	// propertyNames checks a key as a value; report it at the key.
	onKey := strings.Contains(e.KeywordLocation+"/", "/propertyNames/")
	var val any
	if onKey && len(segs) > 0 {
		val = segs[len(segs)-1]
	} else {
		val = valueAt(r.value, segs)
	}
	subject := r.subject(segs)
	switch kw {
	case "additionalProperties":
		r.unknownKeys(segs, holderPath)
	case "required":
		r.missingKeys(segs, holderPath, holder, val)
	case "type":
		r.wrongType(segs, holder, onKey)
	case "enum", "const":
		r.badValue(segs, holder, val, f.hint, onKey)
	case "pattern", "format":
		r.badString(segs, holderPath, holder, val, kw, onKey)
	case "minLength":
		r.add(diag.EmptyValue, segs, onKey, subject+" must not be empty", "")
	case "minItems":
		n := intOf(holder[kw])
		r.add(diag.ItemCount, segs, false, fmt.Sprintf("%s needs at least %d %s", subject, n, plural(n, "item")), "")
	case "maxItems":
		n := intOf(holder[kw])
		r.add(diag.ItemCount, segs, false, fmt.Sprintf("%s allows at most %d %s", subject, n, plural(n, "item")), "")
	case "minProperties":
		n := intOf(holder[kw])
		r.add(diag.ItemCount, segs, false, fmt.Sprintf("%s needs at least %d %s", subject, n, plural(n, "key")),
			"allowed keys: "+strings.Join(r.c.order[joinPointer(holderPath)], ", "))
	case "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum":
		r.outOfRange(segs, holder, kw)
	default:
		if msg, ok := holder["errorMessage"].(string); ok {
			r.add(diag.InvalidValue, segs, true, msg, "")
			return
		}
		r.add(diag.InvalidValue, segs, true, fmt.Sprintf("%s is not valid here: %s", subject, lowerFirst(e.Message)), "")
	}
}

func (r *reporter) unknownKeys(segs, holderPath []string) {
	where := r.where(segs, holderPath)
	allowed := r.c.order[joinPointer(holderPath)]
	for _, u := range r.unknown(holderPath, segs) {
		sugg := "allowed keys: " + strings.Join(allowed, ", ")
		if u.closest != "" {
			sugg = fmt.Sprintf("did you mean %q?", u.closest)
		}
		r.add(diag.UnknownKey, append(slices.Clip(segs), u.key), true, fmt.Sprintf("unknown key %q in %s", u.key, where), sugg)
	}
}

type unknownKey struct{ key, closest string }

// unknown lists the keys of the mapping at segs that the object schema at holderPath
// does not allow, sorted, each with the allowed key it most likely misspells, if any.
// Keys already present are not offered. The list is made once: report and leaf both ask.
func (r *reporter) unknown(holderPath, segs []string) []unknownKey {
	memo := joinPointer(holderPath) + "#" + joinPointer(segs)
	if out, ok := r.unknowns[memo]; ok {
		return out
	}
	m, _ := valueAt(r.value, segs).(map[string]any)
	allowed := r.c.order[joinPointer(holderPath)]
	var absent []string
	for _, a := range allowed {
		if _, ok := m[a]; !ok {
			absent = append(absent, a)
		}
	}
	var out []unknownKey
	for k := range m {
		if !slices.Contains(allowed, k) {
			c, _ := diag.Closest(k, absent)
			out = append(out, unknownKey{k, c})
		}
	}
	slices.SortFunc(out, func(a, b unknownKey) int { return strings.Compare(a.key, b.key) })
	if r.unknowns == nil {
		r.unknowns = make(map[string][]unknownKey)
	}
	r.unknowns[memo] = out
	return out
}

func (r *reporter) missingKeys(segs, holderPath []string, holder map[string]any, val any) {
	m, _ := val.(map[string]any)
	for _, req := range asSlice(holder["required"]) {
		name, _ := req.(string)
		if _, ok := m[name]; ok || r.misspelt[joinPointer(segs)][name] {
			continue
		}
		msg := fmt.Sprintf("missing required key %q", name)
		if len(segs) > 0 {
			msg += " in " + r.where(segs, holderPath)
		}
		r.add(diag.MissingKey, segs, false, msg, r.propertyHelp(holderPath, name))
	}
}

func (r *reporter) wrongType(segs []string, holder map[string]any, onKey bool) {
	msg := fmt.Sprintf("%s must be %s, not %s", r.subject(segs), r.describe(holder, 0), r.got(segs))
	types := typesOf(holder)
	sugg, _ := holder["patternErrorMessage"].(string)
	if _, n := r.lookup(segs); n != nil {
		n = resolveAlias(n)
		switch v := valueAt(r.value, segs).(type) {
		case bool, int, int64, uint64, float64:
			if slices.Contains(types, "string") && matches(holder, n.Value) {
				sugg = "quote it: " + strconv.Quote(n.Value)
			}
		case string:
			if n.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) != 0 && unquotedFits(v, types) {
				sugg = "remove the quotes"
			}
		}
	}
	r.add(diag.WrongType, segs, onKey, msg, sugg)
}

// matches reports whether s satisfies the pattern of schema s, if it has one.
func matches(s map[string]any, v string) bool {
	p, ok := s["pattern"].(string)
	if !ok {
		return true
	}
	re, err := patterns.compile(p)
	return err == nil && re.MatchString(v)
}

// patterns caches the regular expressions of the schemas' patterns.
var patterns regexpCache

type regexpCache struct {
	mu sync.Mutex
	m  map[string]*regexp.Regexp
}

func (c *regexpCache) compile(p string) (*regexp.Regexp, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if re, ok := c.m[p]; ok {
		return re, nil
	}
	re, err := regexp.Compile(p)
	if err != nil {
		return nil, err
	}
	if c.m == nil {
		c.m = make(map[string]*regexp.Regexp)
	}
	c.m[p] = re
	return re, nil
}

// unquotedFits reports whether s, written without quotes, would have one of the types.
func unquotedFits(s string, types []string) bool {
	var n yaml.Node
	if err := yaml.Unmarshal([]byte(s), &n); err != nil || len(n.Content) != 1 {
		return false
	}
	switch n.Content[0].ShortTag() {
	case "!!int":
		return slices.Contains(types, "integer") || slices.Contains(types, "number")
	case "!!float":
		return slices.Contains(types, "number")
	case "!!bool":
		return slices.Contains(types, "boolean")
	}
	return false
}

func (r *reporter) badValue(segs []string, holder map[string]any, val any, hint string, onKey bool) {
	var allowed []string
	if c, ok := holder["const"]; ok {
		allowed = append(allowed, fmt.Sprint(c))
	}
	for _, v := range asSlice(holder["enum"]) {
		allowed = append(allowed, fmt.Sprint(v))
	}
	sugg := ""
	if s, ok := val.(string); ok {
		sugg = diag.DidYouMean(s, allowed)
		if sugg == "" {
			for _, a := range allowed {
				if strings.EqualFold(a, s) {
					sugg = fmt.Sprintf("did you mean %q?", a)
				}
			}
		}
	}
	switch {
	case sugg != "":
	case hint != "":
		sugg = hint
	case len(allowed) == 1:
		sugg = fmt.Sprintf("use %q", allowed[0])
	default:
		sugg = "use one of: " + strings.Join(allowed, ", ")
	}
	r.add(diag.InvalidValue, segs, onKey, fmt.Sprintf("invalid %s %s", r.name(segs), r.got(segs)), sugg)
}

func (r *reporter) badString(segs, holderPath []string, holder map[string]any, val any, kw string, onKey bool) {
	s, _ := val.(string)
	noun, _ := holder["title"].(string)
	if noun == "" {
		noun = r.name(segs)
	}
	help, _ := holder["patternErrorMessage"].(string)
	isID := len(holderPath) == 2 && holderPath[0] == "$defs" && holderPath[1] == "id"
	switch {
	case kw == "format" && holder["format"] == "date":
		r.add(diag.InvalidValue, segs, onKey, fmt.Sprintf("invalid date %q: there is no such day", s), "")
	case kw == "format":
		r.add(diag.InvalidValue, segs, onKey, fmt.Sprintf("invalid %s %q", noun, s), help)
	case isID:
		sugg := ""
		if slug := slugify(s); slug != "" && slug != s {
			sugg = fmt.Sprintf("did you mean %q?", slug)
		}
		r.add(diag.InvalidValue, segs, onKey, fmt.Sprintf("invalid id %q: %s", s, help), sugg)
	default:
		r.add(diag.InvalidValue, segs, onKey, fmt.Sprintf("invalid %s %q", noun, s), help)
	}
}

func (r *reporter) outOfRange(segs []string, holder map[string]any, kw string) {
	subject, got := r.subject(segs), r.got(segs)
	lo, hasLo := holder["minimum"]
	hi, hasHi := holder["maximum"]
	var msg string
	switch {
	case hasLo && hasHi:
		msg = fmt.Sprintf("%s must be between %v and %v, not %s", subject, lo, hi, got)
	case kw == "minimum":
		msg = fmt.Sprintf("%s must be at least %v, not %s", subject, lo, got)
	case kw == "maximum":
		msg = fmt.Sprintf("%s must be at most %v, not %s", subject, hi, got)
	case kw == "exclusiveMinimum":
		msg = fmt.Sprintf("%s must be more than %v, not %s", subject, holder[kw], got)
	default:
		msg = fmt.Sprintf("%s must be less than %v, not %s", subject, holder[kw], got)
	}
	r.add(diag.OutOfRange, segs, false, msg, "")
}

// add reports a problem with the value at segs, or with its key if onKey and it has one.
func (r *reporter) add(code diag.Code, segs []string, onKey bool, msg, suggestion string) {
	key, val := r.lookup(segs)
	n := val
	if onKey && key != nil {
		n = key
	}
	d := diag.Diagnostic{File: r.file, Severity: diag.Error, Code: code, Message: msg, Suggestion: suggestion}
	if n != nil {
		d.Line, d.Col = n.Line, n.Column
	}
	r.diags = append(r.diags, d)
}

// subject names the value at segs in a message: the document kind, "key", or
// `item 2 of "levels"`.
func (r *reporter) subject(segs []string) string {
	if len(segs) == 0 {
		return string(r.kind)
	}
	last := segs[len(segs)-1]
	if _, ok := valueAt(r.value, segs[:len(segs)-1]).([]any); ok {
		i, _ := strconv.Atoi(last)
		return fmt.Sprintf("item %d of %s", i+1, r.subject(segs[:len(segs)-1]))
	}
	return strconv.Quote(last)
}

// name is the nearest key above or at segs, or the document kind: `invalid kind "x"`.
func (r *reporter) name(segs []string) string {
	for i := len(segs); i > 0; i-- {
		if _, ok := valueAt(r.value, segs[:i-1]).([]any); !ok {
			return segs[i-1]
		}
	}
	return string(r.kind)
}

// where names the mapping at segs for "in X": the kind at the top, else the title of the
// object schema that holds the failed keyword.
func (r *reporter) where(segs, holderPath []string) string {
	if len(segs) == 0 {
		return string(r.kind)
	}
	for i := len(holderPath); i >= 0; i-- {
		s := r.schemaAt(holderPath[:i])
		if t, ok := s["title"].(string); ok && s["properties"] != nil {
			return t
		}
	}
	return r.subject(segs)
}

// got describes the value at segs for "must be X, not Y".
func (r *reporter) got(segs []string) string {
	_, n := r.lookup(segs)
	if n != nil {
		n = resolveAlias(n)
	}
	switch v := valueAt(r.value, segs).(type) {
	case map[string]any:
		return "a mapping"
	case []any:
		return "a list"
	case string:
		return strconv.Quote(truncate(v, 40))
	case nil:
		if n == nil || n.Value == "" || n.Value == "~" {
			return "empty"
		}
		return n.Value
	default:
		if n != nil && n.Kind == yaml.ScalarNode {
			return n.Value
		}
		return fmt.Sprint(v)
	}
}

// propertyHelp returns "name: description" for the property name of the object schema
// at path or its nearest ancestor that declares it.
func (r *reporter) propertyHelp(path []string, name string) string {
	for i := len(path); i >= 0; i-- {
		props, _ := r.schemaAt(path[:i])["properties"].(map[string]any)
		p, _ := props[name].(map[string]any)
		if d, ok := p["description"].(string); ok {
			d = lowerFirst(strings.TrimSuffix(d, "."))
			if strings.EqualFold(d, name) {
				return "" // says nothing the key does not
			}
			return name + ": " + d
		}
	}
	return ""
}

// describe names what a schema accepts, for "must be X": `"24x7"`, "a duration",
// "a list", "a string or a mapping".
func (r *reporter) describe(s map[string]any, depth int) string {
	if depth > 8 {
		return "a valid value"
	}
	if c, ok := s["const"]; ok {
		if cs, ok := c.(string); ok {
			return strconv.Quote(cs)
		}
		return fmt.Sprint(c)
	}
	title, _ := s["title"].(string)
	if ref, ok := s["$ref"].(string); ok {
		target := r.schemaAt(splitPointer(strings.TrimPrefix(ref, "#")))
		if title != "" && !isObject(target) {
			return article(title)
		}
		return r.describe(target, depth+1)
	}
	if types := typesOf(s); len(types) > 0 {
		if title != "" && !slices.Contains(types, "object") {
			return article(title)
		}
		return typeNouns(types)
	}
	for _, kw := range []string{"oneOf", "anyOf"} {
		var nouns []string
		for _, b := range asSlice(s[kw]) {
			if bm, ok := b.(map[string]any); ok {
				nouns = appendNew(nouns, r.describe(bm, depth+1))
			}
		}
		if len(nouns) > 0 {
			return joinOr(nouns)
		}
	}
	return "a valid value"
}

func isObject(s map[string]any) bool { return slices.Contains(typesOf(s), "object") }

func typesOf(s map[string]any) []string {
	switch t := s["type"].(type) {
	case string:
		return []string{t}
	case []any:
		var out []string
		for _, x := range t {
			if xs, ok := x.(string); ok {
				out = append(out, xs)
			}
		}
		return out
	}
	return nil
}

func typeNouns(types []string) string {
	var nouns []string
	for _, t := range types {
		switch t {
		case "string":
			nouns = appendNew(nouns, "a string")
		case "integer":
			nouns = appendNew(nouns, "a whole number")
		case "number":
			nouns = appendNew(nouns, "a number")
		case "boolean":
			if len(types) == 1 {
				return "true or false"
			}
			nouns = appendNew(nouns, "true/false")
		case "array":
			nouns = appendNew(nouns, "a list")
		case "object":
			nouns = appendNew(nouns, "a mapping")
		case "null":
			nouns = appendNew(nouns, "empty")
		}
	}
	return joinOr(nouns)
}

// schemaAt returns the schema object at a JSON pointer path in the kind's schema file,
// or nil.
func (r *reporter) schemaAt(path []string) map[string]any {
	v := r.c.raw
	for _, p := range path {
		switch x := v.(type) {
		case map[string]any:
			v = x[p]
		case []any:
			i, err := strconv.Atoi(p)
			if err != nil || i < 0 || i >= len(x) {
				return nil
			}
			v = x[i]
		default:
			return nil
		}
	}
	m, _ := v.(map[string]any)
	return m
}

// valueAt returns the converted value at a JSON pointer path, or nil.
func valueAt(v any, segs []string) any {
	for _, s := range segs {
		switch x := v.(type) {
		case map[string]any:
			v = x[s]
		case []any:
			i, err := strconv.Atoi(s)
			if err != nil || i < 0 || i >= len(x) {
				return nil
			}
			v = x[i]
		default:
			return nil
		}
	}
	return v
}

// lookup follows a JSON pointer path through the YAML tree the value was converted from,
// with the same rules for duplicate and merged keys, and returns the last key node (nil
// for list items and the root) and the value node. If the path leaves the tree, it
// returns the deepest nodes it reached.
func (r *reporter) lookup(segs []string) (key, val *yaml.Node) {
	val = r.root
	for _, s := range segs {
		cur := resolveAlias(val)
		switch cur.Kind {
		case yaml.MappingNode:
			k, v := r.findKey(cur, s, 0)
			if k == nil {
				return key, val
			}
			key, val = k, v
		case yaml.SequenceNode:
			i, err := strconv.Atoi(s)
			if err != nil || i < 0 || i >= len(cur.Content) {
				return key, val
			}
			key, val = nil, cur.Content[i]
		default:
			return key, val
		}
	}
	return key, val
}

// findKey finds the first key called name in mapping m, then in the mappings it merges.
func (r *reporter) findKey(m *yaml.Node, name string, depth int) (key, val *yaml.Node) {
	ix := r.keyIndex(m)
	if i, ok := ix.first[name]; ok {
		return m.Content[i], m.Content[i+1]
	}
	if depth >= maxDepth {
		return nil, nil
	}
	for _, i := range ix.merges {
		src := resolveAlias(m.Content[i+1])
		srcs := []*yaml.Node{src}
		if src.Kind == yaml.SequenceNode {
			srcs = src.Content
		}
		for _, s := range srcs {
			if s = resolveAlias(s); s.Kind == yaml.MappingNode {
				if k, v := r.findKey(s, name, depth+1); k != nil {
					return k, v
				}
			}
		}
	}
	return nil, nil
}

// keyIndex is where a mapping's keys sit in its Content: the first string key of each
// name, and the merge keys.
type keyIndex struct {
	first  map[string]int
	merges []int
}

// keyIndex indexes mapping m once. Every diagnostic looks up its key, and scanning the
// mapping for each made a file of n unknown keys take n² steps (50,000 keys: minutes).
func (r *reporter) keyIndex(m *yaml.Node) keyIndex {
	if ix, ok := r.keys[m]; ok {
		return ix
	}
	ix := keyIndex{first: make(map[string]int, len(m.Content)/2)}
	for i := 0; i+1 < len(m.Content); i += 2 {
		k := m.Content[i]
		if isMerge(k) {
			ix.merges = append(ix.merges, i)
			continue
		}
		if rk := resolveAlias(k); rk.Kind == yaml.ScalarNode && rk.ShortTag() == "!!str" {
			if _, dup := ix.first[rk.Value]; !dup {
				ix.first[rk.Value] = i
			}
		}
	}
	if r.keys == nil {
		r.keys = make(map[*yaml.Node]keyIndex)
	}
	r.keys[m] = ix
	return ix
}

// schemaPath returns the JSON pointer tokens, within its schema file, of the keyword
// that failed.
func schemaPath(e *jsonschema.ValidationError) []string {
	_, frag, _ := strings.Cut(e.AbsoluteKeywordLocation, "#")
	return splitPointer(frag)
}

func keyword(e *jsonschema.ValidationError) string {
	p := schemaPath(e)
	if len(p) == 0 {
		return ""
	}
	return p[len(p)-1]
}

// splitPointer splits a JSON pointer as the validator writes them (tokens escaped with
// ~0, ~1 and then URL path escaping) into its tokens.
func splitPointer(p string) []string {
	if p == "" {
		return nil
	}
	parts := strings.Split(strings.TrimPrefix(p, "/"), "/")
	for i, s := range parts {
		if u, err := url.PathUnescape(s); err == nil {
			s = u
		}
		parts[i] = strings.ReplaceAll(strings.ReplaceAll(s, "~1", "/"), "~0", "~")
	}
	return parts
}

func escapeToken(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "~", "~0"), "/", "~1")
}

func joinPointer(path []string) string {
	var b strings.Builder
	for _, p := range path {
		b.WriteByte('/')
		b.WriteString(escapeToken(p))
	}
	return b.String()
}

// slugify guesses the id an author meant: lowercase, runs of other characters become
// single hyphens.
func slugify(s string) string {
	var b strings.Builder
	hyphen := false
	for _, c := range strings.ToLower(s) {
		if c >= 'a' && c <= 'z' || c >= '0' && c <= '9' {
			if hyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			hyphen = false
			b.WriteRune(c)
		} else {
			hyphen = true
		}
	}
	return b.String()
}

func joinOr(words []string) string {
	switch len(words) {
	case 0:
		return "a valid value"
	case 1:
		return words[0]
	}
	return strings.Join(words[:len(words)-1], ", ") + " or " + words[len(words)-1]
}

func appendNew(list []string, s string) []string {
	if slices.Contains(list, s) {
		return list
	}
	return append(list, s)
}

func article(noun string) string {
	if noun != "" && strings.ContainsRune("aeiou", rune(noun[0])) {
		return "an " + noun
	}
	return "a " + noun
}

func plural(n int, word string) string {
	if n == 1 {
		return word
	}
	return word + "s"
}

func intOf(v any) int {
	f, _ := v.(float64)
	return int(f)
}

// lowerFirst lowercases the first letter of a sentence unless it starts an acronym.
func lowerFirst(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	if next, _ := utf8.DecodeRuneInString(s[size:]); unicode.IsUpper(next) {
		return s
	}
	return string(unicode.ToLower(r)) + s[size:]
}

func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n]) + "…"
}
