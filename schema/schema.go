package schema

import (
	"bytes"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v5"
	"go.yaml.in/yaml/v3"

	"github.com/escalator-dev/escalator/diag"
)

//go:embed *.schema.json
var files embed.FS

// FS returns the schema files, named <kind>.schema.json, as embedded in the binary.
func FS() fs.FS { return files }

// Kind names a document kind of a playbook; each has its own schema.
type Kind string

const (
	Playbook Kind = "playbook"
	Matrix   Kind = "matrix"
	Team     Kind = "team"
	Role     Kind = "role"
	Runbook  Kind = "runbook"
	Brief    Kind = "brief"
	Vendor   Kind = "vendor"
	Page     Kind = "page"
	Holiday  Kind = "holiday"
	Incident Kind = "incident"
	Drill    Kind = "drill"
)

// Kinds returns every document kind, in the order of docs/format.md.
func Kinds() []Kind {
	return []Kind{Playbook, Matrix, Team, Role, Runbook, Brief, Vendor, Page, Holiday, Incident, Drill}
}

// baseURL is the prefix of every schema's $id.
const baseURL = "https://escalator.dev/schema/"

// compiled is one kind's schema, compiled for validation and decoded for the messages.
type compiled struct {
	schema *jsonschema.Schema
	raw    any                 // the schema document as JSON values
	order  map[string][]string // pointer of an object schema -> its property names, in file order
}

// schemas compiles every schema once. A schema that does not compile is a bug in this
// package, not in a playbook, so it panics.
// schemas are the kinds' schemas, each compiled when a document of its kind is first
// validated: compiling one costs milliseconds (most of it checking the schema against
// the draft's meta-schema), and `route` reads only some kinds.
var schemas = func() map[Kind]func() *compiled {
	m := make(map[Kind]func() *compiled)
	for _, k := range Kinds() {
		m[k] = sync.OnceValue(func() *compiled {
			c, err := compileKind(k)
			if err != nil {
				panic("schema: embedded schemas are broken: " + err.Error())
			}
			return c
		})
	}
	return m
}()

// compileAll compiles every kind's schema, for tests.
func compileAll() (map[Kind]*compiled, error) {
	out := make(map[Kind]*compiled)
	for _, k := range Kinds() {
		c, err := compileKind(k)
		if err != nil {
			return nil, err
		}
		out[k] = c
	}
	return out, nil
}

// compileKind compiles one kind's schema. Each kind's file refers only to itself, so
// each has a compiler of its own.
func compileKind(k Kind) (*compiled, error) {
	name := string(k) + ".schema.json"
	data, err := files.ReadFile(name)
	if err != nil {
		return nil, err
	}
	var raw any
	if err := json.Unmarshal(data, &raw); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if id, _ := raw.(map[string]any)["$id"].(string); id != baseURL+name {
		return nil, fmt.Errorf("%s: $id is %q, want %q", name, id, baseURL+name)
	}
	order, err := propertyOrder(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	c := jsonschema.NewCompiler()
	c.Draft = jsonschema.Draft2020
	c.AssertFormat = true
	if err := c.AddResource(baseURL+name, bytes.NewReader(data)); err != nil {
		return nil, err
	}
	sch, err := c.Compile(baseURL + name)
	if err != nil {
		return nil, err
	}
	return &compiled{schema: sch, raw: raw, order: order}, nil
}

// propertyOrder maps the JSON pointer of every schema that has "properties" to the
// property names in the order the file lists them, so messages list keys as the format
// documentation does.
func propertyOrder(data []byte) (map[string][]string, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	out := make(map[string][]string)
	var walk func(ptr string) error
	walk = func(ptr string) error {
		tok, err := dec.Token()
		if err != nil {
			return err
		}
		d, ok := tok.(json.Delim)
		if !ok {
			return nil
		}
		switch d {
		case '{':
			for dec.More() {
				tok, err := dec.Token()
				if err != nil {
					return err
				}
				key, _ := tok.(string)
				if parent, ok := strings.CutSuffix(ptr, "/properties"); ok {
					out[parent] = append(out[parent], key)
				}
				if err := walk(ptr + "/" + escapeToken(key)); err != nil {
					return err
				}
			}
		case '[':
			for i := 0; dec.More(); i++ {
				if err := walk(fmt.Sprintf("%s/%d", ptr, i)); err != nil {
					return err
				}
			}
		}
		_, err = dec.Token() // the closing delimiter
		return err
	}
	// The root's pointer is "", so its properties sit under "/properties" and are
	// recorded for "" by the CutSuffix above.
	return out, walk("")
}

// Validate checks doc, a YAML document of the given kind as yaml.Unmarshal decodes it
// into a yaml.Node (the document node or its content), against the kind's schema. It
// reports every problem, sorted, each at the YAML position it concerns: unknown keys at
// the key, missing keys at the mapping, wrong values at the value. Duplicate keys,
// non-string keys, unsupported tags and runaway aliases are reported too. The file
// argument only labels the diagnostics. Validate panics if kind is not one of Kinds.
func Validate(file string, kind Kind, doc *yaml.Node) diag.List {
	get := schemas[kind]
	if get == nil {
		panic(fmt.Sprintf("schema: unknown kind %q", kind))
	}
	c := get()
	root := contentNode(doc)
	if root == nil {
		req := requiredNames(c.raw)
		return diag.List{{
			File:       file,
			Severity:   diag.Error,
			Code:       diag.EmptyDocument,
			Message:    "empty document",
			Suggestion: fmt.Sprintf("a %s needs %s", kind, strings.Join(req, ", ")),
		}}
	}
	conv := newConverter(file, root)
	value, ok := conv.convert(root)
	diags := conv.diags
	if ok && !provablyValid(c.schema, value) {
		if err := c.schema.Validate(value); err != nil {
			var ve *jsonschema.ValidationError
			if errors.As(err, &ve) {
				r := &reporter{file: file, kind: kind, c: c, root: root, value: value}
				r.report(ve)
				// A scalar the converter could not read (a bad tag, say) is likely to
				// fail the schema too; the converter's diagnostic says why.
				for _, d := range r.diags {
					if !conv.unread[[2]int{d.Line, d.Col}] {
						diags = append(diags, d)
					}
				}
			} else {
				diags = append(diags, diag.Diagnostic{
					File: file, Line: root.Line, Col: root.Column, Severity: diag.Error, Code: diag.CannotValidate,
					Message: "cannot validate: " + strings.TrimPrefix(err.Error(), "jsonschema: "),
				})
			}
		}
	}
	return diags.Compact()
}

// contentNode returns the node holding a document's value, or nil for an empty document.
func contentNode(n *yaml.Node) *yaml.Node {
	for n != nil && n.Kind == yaml.DocumentNode {
		if len(n.Content) == 0 {
			return nil
		}
		n = n.Content[0]
	}
	if n == nil || n.Kind == 0 {
		return nil
	}
	if n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null" {
		return nil
	}
	return n
}

func requiredNames(raw any) []string {
	m, _ := raw.(map[string]any)
	var out []string
	for _, r := range asSlice(m["required"]) {
		if s, ok := r.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

func asSlice(v any) []any {
	s, _ := v.([]any)
	return s
}
