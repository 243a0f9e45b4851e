package flow

// Diagram is a directed acyclic graph to draw in layers, top to bottom or left to right.
type Diagram struct {
	// ID is unique within a page; element ids in the SVG start with it.
	ID    string
	Title string
	// LeftToRight lays the layers out as columns instead of rows: for short chains,
	// such as a timeline, that would be tall and thin.
	LeftToRight bool
	// Desc says in a sentence what the diagram shows, for the SVG's <desc>.
	Desc  string
	Nodes []Node
	Edges []Edge
}

// Node is a box. Href is a site-relative link ("teams/sre.html") or "".
type Node struct {
	Label string
	// Note is an optional second paragraph, such as "T+5m" or "immediately".
	Note  string
	Href  string
	Class Class
}

// Edge joins two nodes by index. Label is optional ("yes", "no", "after 5m").
type Edge struct {
	From, To int
	Label    string
	Class    Class
	// Straight asks the layout to keep the edge vertical where it can, and to put it
	// left of its siblings: the main line of a chart.
	Straight bool
}

// Class says what a node or edge stands for; the SVG carries it as a CSS class and
// Mermaid as a class name, so the theme decides how each looks.
type Class string

const (
	Start     Class = "start"     // where a diagram begins
	Question  Class = "question"  // a routing rule's conditions
	Team      Class = "team"      // a team that owns the case
	Notify    Class = "notify"    // a team that is notified while evaluation goes on
	Immediate Class = "immediate" // a team that owns the case at once, without waiting
	Default   Class = "default"   // the default rule's team
	Step      Class = "step"      // a level of a chain, a phase of a lifecycle
	Fallback  Class = "fallback"  // an after-hours team
	Runbook   Class = "runbook"   // a runbook to open
	End       Class = "end"       // where a diagram ends

	Yes Class = "yes" // an edge taken when a rule matches
	No  Class = "no"  // an edge taken when it does not
)

// add appends a node and returns its index.
func (d *Diagram) add(n Node) int {
	d.Nodes = append(d.Nodes, n)
	return len(d.Nodes) - 1
}

func (d *Diagram) link(from, to int, label string, class Class, straight bool) {
	d.Edges = append(d.Edges, Edge{From: from, To: to, Label: label, Class: class, Straight: straight})
}
