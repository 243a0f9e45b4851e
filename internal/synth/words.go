package synth

// The fixed vocabularies below are the only source of text: generated content is a
// deterministic choice among them, so output never depends on anything but the Config.

// area is a part of a product: it names domains and the engineering teams that own them.
type area struct{ id, name string }

var areas = []area{
	{"payments", "Payments"}, {"checkout", "Checkout"}, {"identity", "Identity"},
	{"search", "Search"}, {"notifications", "Notifications"}, {"storage", "Storage"},
	{"networking", "Networking"}, {"billing", "Billing"}, {"mobile-app", "Mobile app"},
	{"web-frontend", "Web frontend"}, {"data-pipeline", "Data pipeline"},
	{"messaging", "Messaging"}, {"ledger", "Ledger"}, {"fraud-detection", "Fraud detection"},
	{"onboarding", "Onboarding"}, {"reporting", "Reporting"}, {"api-gateway", "API gateway"},
	{"dns", "DNS"}, {"cdn", "CDN"}, {"databases", "Databases"}, {"kubernetes", "Kubernetes"},
	{"observability", "Observability"}, {"email-delivery", "Email delivery"},
	{"sms-delivery", "SMS delivery"}, {"merchant-dashboard", "Merchant dashboard"},
	{"payouts", "Payouts"}, {"settlement", "Settlement"}, {"card-issuing", "Card issuing"},
	{"risk-scoring", "Risk scoring"}, {"customer-portal", "Customer portal"},
	{"internal-tools", "Internal tools"}, {"ci-pipeline", "CI pipeline"},
	{"feature-flags", "Feature flags"}, {"authentication", "Authentication"},
	{"authorisation", "Authorisation"}, {"session-store", "Session store"},
	{"queueing", "Queueing"}, {"object-storage", "Object storage"}, {"analytics", "Analytics"},
	{"recommendations", "Recommendations"}, {"catalogue", "Catalogue"},
	{"inventory", "Inventory"}, {"shipping", "Shipping"}, {"pricing", "Pricing"},
	{"subscriptions", "Subscriptions"}, {"invoicing", "Invoicing"}, {"tax", "Tax"},
	{"compliance", "Compliance"}, {"support-tooling", "Support tooling"},
	{"chat-assistant", "Chat assistant"},
}

var zones = []string{
	"Europe/London", "America/New_York", "Asia/Tokyo", "Australia/Sydney", "Europe/Berlin",
	"America/Los_Angeles", "Asia/Singapore", "Europe/Dublin", "America/Chicago",
	"Asia/Kolkata",
}

var firstNames = []string{
	"Amara", "Ben", "Chen", "Dara", "Elif", "Farah", "Gustavo", "Hana", "Ivan", "Jade",
	"Kwame", "Lena", "Mateo", "Nadia", "Oscar", "Priya", "Quinn", "Rosa", "Sanjay", "Tomas",
	"Uma", "Viktor", "Wen", "Ximena", "Yusuf", "Zara", "Aoife", "Bilal", "Carmen", "Dmitri",
	"Esther", "Femi", "Greta", "Hiroshi", "Ines", "Jonas", "Keiko", "Luca", "Maya", "Niamh",
}

var lastNames = []string{
	"Okafor", "Hughes", "Wang", "Murphy", "Yilmaz", "Haddad", "Pereira", "Sato", "Petrov",
	"Campbell", "Mensah", "Fischer", "Garcia", "Rahman", "Lindqvist", "Patel", "Nguyen",
	"Moreno", "Iyer", "Novak", "Adeyemi", "Kowalski", "Tanaka", "Silva", "Brennan",
	"Schmidt", "Costa", "Kim", "Dubois", "Larsen", "Osei", "Rossi", "Suzuki", "Walsh",
	"Ahmed", "Berg", "Cohen", "Duarte", "Eriksen", "Fontaine",
}

var jobTitles = []string{
	"Team lead", "Senior engineer", "On-call engineer", "Staff engineer",
	"Engineering manager",
}

// ukBlocks are Ofcom's numbers reserved for drama: +44 <block> 0xxx never rings anyone.
var ukBlocks = []string{
	"20 7946", "113 496", "114 496", "115 496", "116 496", "117 496", "118 496", "121 496",
	"131 496", "141 496", "151 496", "161 496", "191 498",
}

// usAreas combine with 555-01xx, the range reserved for fiction in North America.
var usAreas = []string{"212", "646", "415", "312", "617", "206", "303", "512", "202", "305"}

var topics = []string{
	"high error rate", "elevated latency", "queue backlog", "certificate expiry",
	"disk full", "memory leak", "database failover", "replication lag",
	"dependency outage", "bad deploy", "config drift", "traffic spike", "cache stampede",
	"dns resolution failures", "expired credentials", "rate limiting", "data corruption",
	"stuck jobs", "webhook failures", "partial region outage", "connection pool exhaustion",
	"retry storm", "clock skew", "noisy neighbour", "cost spike", "slow queries",
	"failed migration", "login failures", "missing metrics", "alert storm",
}

// vocab is the ops vocabulary runbook prose is made of.
var vocab = []string{
	"the", "the", "the", "a", "and", "and", "of", "of", "to", "to", "in", "on", "for",
	"with", "when", "while", "after", "before", "if", "then", "until", "every", "each",
	"is", "are", "was", "can", "should", "must", "may", "will", "check", "confirm",
	"restart", "drain", "scale", "roll", "back", "deploy", "page", "escalate", "acknowledge",
	"mitigate", "contain", "verify", "monitor", "compare", "inspect", "review", "notify",
	"service", "cluster", "node", "pod", "container", "replica", "primary", "standby",
	"shard", "partition", "queue", "consumer", "producer", "topic", "broker", "cache",
	"database", "index", "query", "connection", "pool", "thread", "worker", "job",
	"scheduler", "endpoint", "request", "response", "timeout", "retry", "backoff",
	"latency", "throughput", "error", "rate", "budget", "alert", "dashboard", "metric",
	"trace", "log", "span", "p99", "p95", "saturation", "utilisation", "capacity",
	"headroom", "quota", "limit", "threshold", "baseline", "regression", "incident",
	"outage", "degradation", "failover", "rollback", "canary", "release", "feature", "flag",
	"config", "secret", "certificate", "token", "credential", "region", "zone",
	"availability", "load", "balancer", "ingress", "gateway", "proxy", "upstream",
	"downstream", "dependency", "vendor", "webhook", "payload", "schema", "migration",
	"snapshot", "backup", "restore", "replication", "lag", "quorum", "leader", "election",
	"heartbeat", "probe", "health", "readiness", "liveness", "deployment", "manifest",
	"namespace", "kubectl", "terraform", "runbook", "playbook", "on-call", "responder",
	"commander", "stakeholder", "customer", "merchant", "ticket", "status", "update",
	"timeline", "impact", "severity", "root", "cause", "remediation", "follow-up",
	"postmortem", "stable", "healthy", "elevated", "intermittent", "sustained", "partial",
	"complete", "recent", "previous", "current", "expected", "unexpected", "critical",
	"minor", "safe", "quickly", "carefully", "first", "again", "only", "still", "already",
	"traffic", "spike", "burst", "drop", "memory", "cpu", "disk", "network", "packet",
	"loss", "dns", "tls", "handshake", "session", "cookie", "api", "client", "server",
	"batch", "stream", "pipeline", "warehouse", "ledger", "settlement", "payout",
	"invoice", "refund", "checkout", "login", "signup", "search", "notification", "email",
	"sms", "push", "mobile", "browser", "cdn", "edge", "origin", "bucket", "object", "blob",
	"volume", "mount", "inode", "cron", "deadline", "window", "maintenance", "freeze",
}

var channelKinds = []string{"chat", "pager", "email", "ticket", "phone"}

var categories = []string{
	"outage", "degradation", "data-loss", "access", "billing", "integration", "performance",
	"other",
}

type roleTemplate struct {
	id, name, summary, handoff string
	actions                    []string
}

var roleTemplates = []roleTemplate{
	{"incident-commander", "Incident commander",
		"Owns the incident from declaration to resolution and makes the decisions.",
		"Hand over on a call, never in chat alone; the new commander says \"I have command\" before the old one leaves.",
		[]string{"Declare the severity and open the incident channel", "Assign every other role by name",
			"Set the time of the next update and keep it", "Decide when the incident is resolved"}},
	{"communications-lead", "Communications lead",
		"Keeps customers and the company informed at the cadence the severity demands.",
		"Hand over with the list of audiences, the last message sent to each and the next due time.",
		[]string{"Post the first internal update within the acknowledge timer", "Publish and update the status page",
			"Route every customer question through one channel"}},
	{"scribe", "Scribe",
		"Keeps the timeline: what was seen, decided and done, with times in UTC.",
		"Hand over by linking the timeline document and reading out the last three entries.",
		[]string{"Record every decision with its owner and time", "Capture links to graphs and logs as they are shared",
			"Start the review document when the incident closes"}},
	{"operations-lead", "Operations lead",
		"Directs the hands-on work: diagnosis, containment and the fix.",
		"Hand over with the current hypothesis, what is running now and what was ruled out.",
		[]string{"Keep one change in flight at a time", "Announce every production change before making it",
			"Ask for help early when the hypothesis does not hold"}},
	{"customer-liaison", "Customer liaison",
		"Speaks for the customers most affected and brings their reports to the team.",
		"Hand over with the list of open customer threads and promised call-backs.",
		[]string{"Collect customer reports in the incident ticket", "Call key accounts before they call us",
			"Confirm recovery with affected customers"}},
	{"security-lead", "Security lead",
		"Protects evidence and decides on disclosure when security is involved.",
		"Hand over only to another member of the security team, on a call.",
		[]string{"Preserve logs and snapshots before anything is rebuilt", "Decide whether credentials must be rotated",
			"Advise on legal and regulatory notification"}},
	{"subject-matter-expert", "Subject matter expert",
		"Knows the affected system and answers the operations lead's questions.",
		"Hand over with the systems you were examining and what you found.",
		[]string{"Share findings in the incident channel, not in private messages", "Say clearly when you are guessing"}},
	{"executive-sponsor", "Executive sponsor",
		"Clears obstacles, approves costly decisions and briefs the leadership team.",
		"Hand over to another member of the leadership rota with a written summary.",
		[]string{"Approve spending and customer credits without delay", "Brief leadership after each major update"}},
}

type vendorTemplate struct{ id, name, service, domain string }

var vendorTemplates = []vendorTemplate{
	{"globex-cloud", "Globex Cloud", "Virtual machines, managed Kubernetes and load balancers", "globex.example"},
	{"initech-payments", "Initech Payments", "Card acquiring and payment processing", "initech.example"},
	{"umbrella-dns", "Umbrella DNS", "Authoritative DNS and health-checked failover", "umbrella.example"},
	{"hooli-mail", "Hooli Mail", "Transactional email delivery", "hooli.example"},
	{"vandelay-sms", "Vandelay SMS", "SMS and voice delivery for one-time codes", "vandelay.example"},
	{"soylent-metrics", "Soylent Metrics", "Hosted metrics, logs and alerting", "soylent.example"},
	{"stark-storage", "Stark Storage", "Object storage and backups", "stark.example"},
	{"wonka-cdn", "Wonka CDN", "Content delivery and web application firewall", "wonka.example"},
	{"tyrell-identity", "Tyrell Identity", "Identity verification and document checks", "tyrell.example"},
	{"cyberdyne-queue", "Cyberdyne Queue", "Managed message queues and event streaming", "cyberdyne.example"},
}

type briefTemplate struct {
	id, title, kind, target, summary string
	immediate                        bool
}

var briefTemplates = []briefTemplate{
	{"escalate-to-engineering", "Escalate to engineering", "escalation", "engineering",
		"What an engineering team needs to pick up an incident without asking again.", false},
	{"security-escalation", "Security escalation", "escalation", "security",
		"Hand a suspected breach to the security team at once, with the evidence preserved.", true},
	{"customer-status-update", "Customer status update", "status-update", "customers",
		"A status page or e-mail update for affected customers.", false},
	{"shift-handoff", "Shift handoff", "handoff", "internal",
		"Hand an open incident to the next shift without losing context.", false},
	{"incident-notes", "Incident notes", "notes", "internal",
		"Running notes kept by the scribe during an incident.", false},
	{"post-incident-review", "Post-incident review", "review", "leadership",
		"The review written after an incident closes, for leadership and the teams involved.", false},
	{"escalate-to-product", "Escalate to product", "escalation", "product",
		"Ask a product team to decide on behaviour, limits or customer-facing changes.", false},
	{"escalate-to-l2", "Escalate to second-line support", "escalation", "support-l2",
		"Hand a customer case to second-line support with everything already checked.", false},
}

var pageTitles = []string{
	"How to escalate", "Glossary", "On-call handbook", "Severity guide", "Working with vendors",
	"Running a drill", "Post-incident reviews", "Status page guide",
}

var triagePool = [][3]string{
	{"started-at", "When did the problem start?", "Use the first alert or the first customer report, in UTC."},
	{"affected-regions", "Which regions are affected?", "List regions or say all."},
	{"error-rate", "What is the current error rate?", "Read it from the service dashboard, as a percentage of requests."},
	{"recent-change", "Was anything deployed or changed in the last two hours?", "Check the deploy log and the change calendar."},
	{"customer-impact", "How many customers are affected?", "An estimate is fine; say how you estimated it."},
	{"workaround", "Is there a workaround customers can use?", ""},
	{"data-at-risk", "Is any data lost, corrupted or exposed?", "If exposed, stop and escalate to security at once."},
	{"vendor-status", "Does any vendor report a problem?", "Check the status pages of the vendors this service uses."},
}

var checklistPools = [5][]string{
	{ // triage
		"Acknowledge the page and join the incident channel",
		"Confirm the alert on the %s dashboard",
		"Check the deploy log for changes to %s in the last two hours",
		"Estimate how many customers are affected",
		"Decide the severity and record it in the ticket",
		"Check the status pages of the vendors %s depends on",
		"Look for related alerts from upstream services",
		"Note the time the problem started, in UTC",
	},
	{ // contain
		"Roll back the most recent %s deploy if it lines up with the start",
		"Turn off the feature flag behind the failing path",
		"Shift traffic away from the affected region",
		"Scale out the %s workers to absorb the backlog",
		"Pause the batch jobs that add load",
		"Put the service into read-only mode if writes are failing",
		"Rate-limit the noisiest clients",
	},
	{ // remediate
		"Find the root cause from logs and traces",
		"Prepare the fix and have it reviewed by a second engineer",
		"Deploy the fix to a canary before the whole fleet",
		"Replay or repair the requests that failed",
		"Restore any lost data from the latest snapshot",
		"Rotate credentials if there is any chance they leaked",
		"Reconcile %s records against the source of truth",
	},
	{ // verify
		"Watch the error rate return to its baseline for fifteen minutes",
		"Confirm latency is back within the SLO",
		"Run the %s smoke tests against production",
		"Check that the queue backlog is draining",
		"Ask an affected customer to confirm recovery",
		"Confirm that alerts have cleared on their own",
	},
	{ // communicate
		"Post an internal update at the cadence of the severity",
		"Update the status page with impact and next update time",
		"Tell support what to say to customers about %s",
		"Brief leadership if the incident is sev1 or sev2",
		"Send the resolution notice and close the status page incident",
		"Open the post-incident review and invite the responders",
	},
}

var phaseNames = [5]string{"triage", "contain", "remediate", "verify", "communicate"}

var commandPool = []string{
	"kubectl -n %s get pods -o wide",
	"kubectl -n %s rollout status deploy/%s-api --timeout=120s",
	"kubectl -n %s logs deploy/%s-api --since=15m | grep -c ERROR",
	"kubectl -n %s rollout undo deploy/%s-api",
	"curl -fsS https://%s.internal.example.com/healthz",
	"psql \"$%s_DB_URL\" -c 'select count(*) from pg_stat_activity'",
	"redis-cli -h %s-cache.internal.example.com info stats | grep evicted",
	"dig +short %s.internal.example.com",
	"terraform -chdir=infra/%s plan -refresh-only",
	"journalctl -u %s-worker --since '-30 min' | tail -n 50",
}

var signalRows = [][3]string{
	{"Error rate", "above 2% for 5 minutes", "Page the owning team"},
	{"p99 latency", "above 800 ms for 10 minutes", "Check the database and cache"},
	{"Queue depth", "above 10,000 messages", "Scale out the consumers"},
	{"Disk usage", "above 85%", "Expand the volume or prune old data"},
	{"Certificate expiry", "under 7 days", "Renew and deploy the certificate"},
	{"Replication lag", "above 30 seconds", "Stop writes to the lagging replica"},
	{"5xx at the edge", "above 1% of requests", "Compare origin and CDN logs"},
	{"Login failures", "twice the baseline", "Check the identity provider"},
}

var headings = []string{"Background", "Symptoms", "Diagnosis", "Mitigation", "Follow-up"}
