package matrix

// Program describes the condition for an evaluator outside Go, as the export does: the
// fact must be one of values (op "in") or compare with values[0] ("!=", "<", "<=",
// ">", ">="); values are choice values, "true" or "false", or numbers as text. ok is
// false for a condition that did not compile, which never holds.
func (c *Cond) Program() (op string, values []string, ok bool) {
	if !c.valid {
		return "", nil, false
	}
	xc := exportCond(c)
	return xc.Op, xc.Values, true
}
