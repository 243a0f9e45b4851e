package schema

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/escalator-dev/escalator/diag"
)

// Limits on what a document may expand to. Aliases share nodes in the YAML tree, so a
// few lines can stand for billions of values (the "billion laughs"); the converter
// refuses to expand more than the document's own size plus extraAliasValues (or twice
// its own size, whichever is more), and to nest deeper than maxDepth.
const (
	extraAliasValues = 10000
	maxDepth         = 100
)

// converter turns a yaml.Node tree into the values encoding/json would produce
// (map[string]any, []any, string, int/int64/uint64/float64, bool, nil), which is what
// the JSON Schema validator checks. It reports problems JSON has no room for: duplicate
// and non-string keys, unsupported tags, self-referencing and runaway aliases.
type converter struct {
	file   string
	diags  diag.List
	budget int                      // values that may still be produced
	done   map[*yaml.Node]converted // anchored nodes, converted once and shared
	active map[*yaml.Node]bool      // anchored nodes being converted (to catch cycles)
	fatal  bool                     // the value is incomplete; do not validate it
	unread map[[2]int]bool          // positions of scalars kept as written for want of a better reading
}

type converted struct {
	v    any
	size int
}

func newConverter(file string, root *yaml.Node) *converter {
	n := countNodes(root, 0)
	return &converter{
		file:   file,
		budget: n + max(extraAliasValues, 2*n),
		done:   make(map[*yaml.Node]converted),
		active: make(map[*yaml.Node]bool),
		unread: make(map[[2]int]bool),
	}
}

// countNodes counts the nodes of the tree without following aliases.
func countNodes(n *yaml.Node, depth int) int {
	if n == nil || depth > maxDepth {
		return 0
	}
	c := 1
	for _, k := range n.Content {
		c += countNodes(k, depth+1)
	}
	return c
}

// convert returns n's value and whether it is complete enough to validate.
func (c *converter) convert(n *yaml.Node) (any, bool) {
	v, _ := c.value(n, 0)
	return v, !c.fatal
}

func (c *converter) errorf(code diag.Code, n *yaml.Node, suggestion, format string, args ...any) {
	c.diags = append(c.diags, diag.Diagnostic{
		File: c.file, Line: n.Line, Col: n.Column, Severity: diag.Error, Code: code,
		Message: fmt.Sprintf(format, args...), Suggestion: suggestion,
	})
}

func (c *converter) fail(code diag.Code, n *yaml.Node, suggestion, format string, args ...any) {
	if !c.fatal {
		c.errorf(code, n, suggestion, format, args...)
	}
	c.fatal = true
}

// value converts n and returns its value and its size in values, counting what aliases
// expand to.
func (c *converter) value(n *yaml.Node, depth int) (any, int) {
	if c.fatal {
		return nil, 0
	}
	if depth > maxDepth {
		c.fail(diag.TooDeep, n, "", "the document nests deeper than %d levels", maxDepth)
		return nil, 0
	}
	switch n.Kind {
	case yaml.DocumentNode:
		if len(n.Content) == 0 {
			return nil, 1
		}
		return c.value(n.Content[0], depth)
	case yaml.AliasNode:
		return c.alias(n, depth)
	}
	if n.Anchor != "" {
		if d, ok := c.done[n]; ok {
			return c.reuse(n, d)
		}
		c.active[n] = true
		defer delete(c.active, n)
	}
	var v any
	var size int
	switch n.Kind {
	case yaml.ScalarNode:
		v, size = c.scalar(n), 1
	case yaml.SequenceNode:
		c.checkTag(n, "!!seq")
		items := make([]any, 0, len(n.Content))
		size = 1
		for _, item := range n.Content {
			iv, isize := c.value(item, depth+1)
			items = append(items, iv)
			size += isize
		}
		v = items
	case yaml.MappingNode:
		c.checkTag(n, "!!map")
		v, size = c.mapping(n, depth)
	default:
		c.fail(diag.InvalidYAML, n, "", "unexpected YAML node")
		return nil, 0
	}
	c.budget-- // children charged themselves
	if n.Anchor != "" {
		c.done[n] = converted{v, size}
	}
	return v, size
}

// alias returns the value of the node an alias names, converted once and shared.
func (c *converter) alias(n *yaml.Node, depth int) (any, int) {
	t := n.Alias
	if t == nil {
		c.fail(diag.BadAlias, n, "", "unknown anchor %q", n.Value)
		return nil, 0
	}
	if c.active[t] {
		c.fail(diag.BadAlias, n, "an anchored value cannot contain an alias of itself", "alias *%s refers to the value that contains it", t.Anchor)
		return nil, 0
	}
	if d, ok := c.done[t]; ok {
		return c.reuse(n, d)
	}
	return c.value(t, depth)
}

// reuse charges the budget for one more use of an anchored value.
func (c *converter) reuse(at *yaml.Node, d converted) (any, int) {
	c.budget -= d.size
	if c.budget < 0 {
		c.fail(diag.BadAlias, at, "use anchors and aliases sparingly; the document is too large once they are expanded",
			"aliases expand to too many values")
		return nil, 0
	}
	return d.v, d.size
}

func (c *converter) checkTag(n *yaml.Node, want string) {
	if t := n.ShortTag(); t != want {
		c.errorf(diag.BadTag, n, "", "unsupported tag %q", n.Tag)
	}
}

// scalar converts a scalar by its tag, explicit or resolved. Timestamps stay the text
// as written, since the schemas check dates and times as strings.
func (c *converter) scalar(n *yaml.Node) any {
	tag := n.ShortTag()
	switch tag {
	case "!!str", "!!timestamp", "!!binary", "!!merge":
		return n.Value
	case "!!null":
		return nil
	case "!!bool", "!!int", "!!float":
		var v any
		if err := n.Decode(&v); err != nil {
			c.errorf(diag.BadTag, n, "", "cannot read %q as %s", n.Value, tagNoun(tag))
			c.unread[[2]int{n.Line, n.Column}] = true
			return n.Value
		}
		if f, ok := v.(float64); ok && (math.IsInf(f, 0) || math.IsNaN(f)) {
			return n.Value // JSON has no infinities; a number field reports it
		}
		return v
	}
	c.errorf(diag.BadTag, n, "", "unsupported tag %q", n.Tag)
	c.unread[[2]int{n.Line, n.Column}] = true
	return n.Value
}

func tagNoun(tag string) string {
	switch tag {
	case "!!bool":
		return "a boolean"
	case "!!int":
		return "a whole number"
	case "!!float":
		return "a number"
	case "!!timestamp":
		return "a date"
	case "!!null":
		return "null"
	}
	return "a " + strings.TrimPrefix(tag, "!!")
}

// mapping converts a mapping. The first of duplicate keys wins and the others are
// errors; merge keys (<<) add the keys their mappings have and this one lacks, earlier
// merged mappings first.
func (c *converter) mapping(n *yaml.Node, depth int) (any, int) {
	m := make(map[string]any, len(n.Content)/2)
	first := make(map[string]*yaml.Node, len(n.Content)/2)
	size := 1
	var merges []*yaml.Node
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if isMerge(k) {
			merges = append(merges, v)
			continue
		}
		key, ok := c.key(k)
		if !ok {
			continue
		}
		if f, dup := first[key]; dup {
			c.diags = append(c.diags, diag.Diagnostic{File: c.file, Line: k.Line, Col: k.Column, Severity: diag.Error,
				Code: diag.DuplicateKey, Message: fmt.Sprintf("duplicate key %q", key), Suggestion: "keep one of them",
				Notes: []diag.Note{{File: c.file, Line: f.Line, Col: f.Column, Message: "first defined here"}}})
			continue
		}
		first[key] = k
		val, vsize := c.value(v, depth+1)
		m[key] = val
		size += vsize
	}
	for _, src := range merges {
		for _, mm := range c.mergeSources(src) {
			v, msize := c.value(mm, depth+1)
			sm, _ := v.(map[string]any)
			for key, val := range sm {
				if _, ok := m[key]; !ok {
					m[key] = val
				}
			}
			size += msize
		}
	}
	return m, size
}

func isMerge(k *yaml.Node) bool {
	return k.Kind == yaml.ScalarNode && k.ShortTag() == "!!merge"
}

// mergeSources returns the mappings a merge key's value names: a mapping, or a list of
// mappings, given directly or through aliases.
func (c *converter) mergeSources(v *yaml.Node) []*yaml.Node {
	const msg = "the value of << must be a mapping or a list of mappings"
	r := resolveAlias(v)
	switch r.Kind {
	case yaml.MappingNode:
		return []*yaml.Node{v}
	case yaml.SequenceNode:
		var out []*yaml.Node
		for _, item := range r.Content {
			if resolveAlias(item).Kind != yaml.MappingNode {
				c.errorf(diag.BadMerge, item, "", msg)
				continue
			}
			out = append(out, item)
		}
		return out
	}
	c.errorf(diag.BadMerge, v, "", msg)
	return nil
}

func resolveAlias(n *yaml.Node) *yaml.Node {
	for i := 0; n.Kind == yaml.AliasNode && n.Alias != nil && i < maxDepth; i++ {
		n = n.Alias
	}
	return n
}

// key returns a mapping key's string; JSON objects have only string keys.
func (c *converter) key(k *yaml.Node) (string, bool) {
	r := resolveAlias(k)
	if r.Kind != yaml.ScalarNode {
		c.errorf(diag.NonStringKey, k, "", "mapping keys must be strings, not %s", nodeNoun(r))
		return "", false
	}
	if tag := r.ShortTag(); tag != "!!str" {
		c.errorf(diag.NonStringKey, k, "quote it: "+strconv.Quote(r.Value), "mapping key %s is %s, not a string", r.Value, tagNoun(tag))
		return "", false
	}
	return r.Value, true
}

// nodeNoun names what a node holds, for "must be X, not Y" messages.
func nodeNoun(n *yaml.Node) string {
	n = resolveAlias(n)
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	}
	if n.ShortTag() == "!!null" && (n.Value == "" || n.Value == "~") {
		return "empty"
	}
	return "a scalar"
}
