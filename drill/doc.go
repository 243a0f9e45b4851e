// Package drill makes tabletop drills from a playbook: it generates scenarios whose
// answers are the routing engine's, and computes a drill's answer key with
// matrix.Route, so that a drill is always right for the playbook of the day.
package drill
