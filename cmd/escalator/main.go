// Command escalator checks incident-escalation playbooks, routes cases with them and
// builds their site. Run `escalator help` for the commands.
package main

import "os"

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }
