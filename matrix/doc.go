// Package matrix models an escalation playbook, loads and checks it, and computes
// routes: which team owns an issue, who else is told, and how fast.
//
// Load reads a playbook folder and returns the model with every diagnostic at once;
// Route decides one case; Grid evaluates every domain and severity. Nothing here renders
// HTML: the generator package turns the model into a site.
package matrix
