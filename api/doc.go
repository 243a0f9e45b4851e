// Package api answers routing questions over HTTP, for the bots, ticketing systems and
// chat tools that route every alert: `POST /route` takes facts and an instant and
// answers with the decision of `escalator route --json`, from a playbook loaded once
// and loaded again when its files change. Like the preview server, it answers only
// the local machine's host names and the address it was given.
package api
