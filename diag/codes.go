package diag

import (
	"fmt"
	"slices"
	"strings"
)

// Code names a kind of diagnostic, in kebab case. Codes are stable: a playbook's
// `diagnostics` setting and check's --strict and --ignore name them, and
// docs/format.md lists each with its meaning and default severity.
type Code string

// The codes, grouped as docs/format.md lists them.
const (
	// Files and YAML.
	NoPlaybook         Code = "no-playbook"
	UnreadableFile     Code = "unreadable-file"
	RefusedFile        Code = "refused-file"
	MissingFile        Code = "missing-file"
	IgnoredFile        Code = "ignored-file"
	FileTooLarge       Code = "file-too-large"
	EmptyFile          Code = "empty-file"
	BinaryFile         Code = "binary-file"
	InvalidUTF8        Code = "invalid-utf8"
	MissingFrontMatter Code = "missing-front-matter"
	MultipleDocuments  Code = "multiple-documents"
	EmptyDocument      Code = "empty-document"
	InvalidYAML        Code = "invalid-yaml"
	CommentInValue     Code = "comment-in-value"
	DuplicateKey       Code = "duplicate-key"
	NonStringKey       Code = "non-string-key"
	BadTag             Code = "bad-tag"
	BadAlias           Code = "bad-alias"
	BadMerge           Code = "bad-merge"
	TooDeep            Code = "too-deep"
	AssetTooLarge      Code = "asset-too-large"

	// The JSON Schemas.
	UnknownKey     Code = "unknown-key"
	MissingKey     Code = "missing-key"
	WrongType      Code = "wrong-type"
	InvalidValue   Code = "invalid-value"
	EmptyValue     Code = "empty-value"
	ItemCount      Code = "item-count"
	OutOfRange     Code = "out-of-range"
	CannotValidate Code = "cannot-validate"

	// Settings, ids and references.
	UnknownCode            Code = "unknown-code"
	FixedSeverity          Code = "fixed-severity"
	BadBaseURL             Code = "bad-base-url"
	EmptyWorkingWeek       Code = "empty-working-week"
	NoWorkingWeek          Code = "no-working-week"
	DurationTooLong        Code = "duration-too-long"
	InvalidPhone           Code = "invalid-phone"
	UnknownZone            Code = "unknown-zone"
	IDTooLong              Code = "id-too-long"
	DuplicateID            Code = "duplicate-id"
	UnknownTeam            Code = "unknown-team"
	UnknownRunbook         Code = "unknown-runbook"
	UnknownDomain          Code = "unknown-domain"
	UnknownSeverity        Code = "unknown-severity"
	UnknownVendor          Code = "unknown-vendor"
	UnknownBrief           Code = "unknown-brief"
	UnknownHolidayCalendar Code = "unknown-holiday-calendar"
	UnknownMember          Code = "unknown-member"
	UnknownChannel         Code = "unknown-channel"
	UnknownSchedule        Code = "unknown-schedule"
	UnknownRole            Code = "unknown-role"
	UnknownRequiredRole    Code = "unknown-required-role"
	UnknownTeamKind        Code = "unknown-team-kind"
	UnknownField           Code = "unknown-field"
	UnknownFact            Code = "unknown-fact"
	InvalidDate            Code = "invalid-date"
	InvalidInstant         Code = "invalid-instant"
	InvalidHours           Code = "invalid-hours"
	RunbookWithoutDomain   Code = "runbook-without-domain"
	InvalidMessage         Code = "invalid-message"
	CustomPhase            Code = "custom-phase"

	// Teams, chains and schedules.
	UnusedAfterHours     Code = "unused-after-hours"
	ChainRepeat          Code = "chain-repeat"
	ChainNotIncreasing   Code = "chain-not-increasing"
	FallbackLoop         Code = "fallback-loop"
	EmptyLayer           Code = "empty-layer"
	InvalidSchedule      Code = "invalid-schedule"
	OverrideRange        Code = "override-range"
	OverlappingOverride  Code = "overlapping-override"
	EmptyWindow          Code = "empty-window"
	OffsetWithoutPaging  Code = "offset-without-schedule"
	ScheduleGap          Code = "schedule-gap"
	OnCallShare          Code = "on-call-share"
	DoubleBooked         Code = "double-booked"
	LevelGap             Code = "level-gap"
	UnreachableTeam      Code = "unreachable-team"
	MissingChain         Code = "missing-chain"
	SlowChain            Code = "slow-chain"
	VendorWithoutBackup  Code = "vendor-without-fallback"
	ReviewOverdue        Code = "review-overdue"
	DomainWithoutRunbook Code = "domain-without-runbook"

	// Facts, routes and routing tests.
	BadFactOptions    Code = "bad-fact-options"
	BadCondition      Code = "bad-condition"
	EmptyCondition    Code = "empty-condition"
	InvalidFactValue  Code = "invalid-fact-value"
	UnreachableRule   Code = "unreachable-rule"
	ShadowedRule      Code = "shadowed-rule"
	DefaultNotLast    Code = "default-not-last"
	NoDefaultRule     Code = "no-default-rule"
	DefaultFallThru   Code = "default-fall-through"
	TestWithoutAt     Code = "test-without-at"
	TestFailed        Code = "test-failed"
	SeverityMismatch  Code = "severity-mismatch"
	BeforeOpened      Code = "before-opened"
	ResolvedByOpen    Code = "resolved-by-unresolved"
	InjectOrder       Code = "inject-order"
	DrillOutOfDate    Code = "drill-out-of-date"
	ImportFormat      Code = "import-format"
	MissingColumn     Code = "missing-column"
	InvalidCSV        Code = "invalid-csv"
	InvalidJSON       Code = "invalid-json"
	MissingValue      Code = "missing-value"
	InvalidImportData Code = "invalid-import-value"

	// Markdown bodies and the theme.
	BrokenLink    Code = "broken-link"
	InvalidImage  Code = "invalid-image"
	MissingImage  Code = "missing-image"
	LinkScheme    Code = "link-scheme"
	RootLink      Code = "root-link"
	MissingAnchor Code = "missing-anchor"
	RawHTML       Code = "raw-html"
	TooComplex    Code = "too-complex"
	ThemeError    Code = "theme-error"

	// Diffs, and the limit on diagnostics.
	ChangedRoute      Code = "changed-route"
	ChangedTest       Code = "changed-test"
	ChangedEscalation Code = "changed-escalation"
	ChangedOnCall     Code = "changed-on-call"
	ChangedContact    Code = "changed-contact"
	ResolvedWarning   Code = "resolved-warning"
	ChangedDocument   Code = "changed-document"
	MoreProblems      Code = "more-problems"
)

// defaults holds each code's default severity: the severity its diagnostics are made
// with. A code missing here is not a code.
var defaults = map[Code]Severity{
	NoPlaybook: Error, UnreadableFile: Error, RefusedFile: Error, MissingFile: Error,
	IgnoredFile: Warning, FileTooLarge: Error, EmptyFile: Error, BinaryFile: Error,
	InvalidUTF8: Error, MissingFrontMatter: Error, MultipleDocuments: Error,
	EmptyDocument: Error, InvalidYAML: Error, CommentInValue: Warning, DuplicateKey: Error,
	NonStringKey: Error, BadTag: Error, BadAlias: Error, BadMerge: Error, TooDeep: Error,
	AssetTooLarge: Error,

	UnknownKey: Error, MissingKey: Error, WrongType: Error, InvalidValue: Error,
	EmptyValue: Error, ItemCount: Error, OutOfRange: Error, CannotValidate: Error,

	UnknownCode: Error, FixedSeverity: Error, BadBaseURL: Warning, EmptyWorkingWeek: Error,
	NoWorkingWeek: Error, DurationTooLong: Error, InvalidPhone: Error, UnknownZone: Error,
	IDTooLong: Error, DuplicateID: Error, UnknownTeam: Error, UnknownRunbook: Error,
	UnknownDomain: Error, UnknownSeverity: Error, UnknownVendor: Error, UnknownBrief: Error,
	UnknownHolidayCalendar: Error, UnknownMember: Error, UnknownChannel: Error,
	UnknownSchedule: Error, UnknownRole: Error, UnknownRequiredRole: Warning,
	UnknownTeamKind: Error, UnknownField: Error, UnknownFact: Error, InvalidDate: Error,
	InvalidInstant: Error, InvalidHours: Error, RunbookWithoutDomain: Error,
	InvalidMessage: Error, CustomPhase: Warning,

	UnusedAfterHours: Warning, ChainRepeat: Warning, ChainNotIncreasing: Error,
	FallbackLoop: Error, EmptyLayer: Error, InvalidSchedule: Error, OverrideRange: Error,
	OverlappingOverride: Error, EmptyWindow: Error, OffsetWithoutPaging: Error,
	ScheduleGap: Warning, OnCallShare: Warning, DoubleBooked: Warning, LevelGap: Warning,
	UnreachableTeam: Warning, MissingChain: Warning, SlowChain: Warning,
	VendorWithoutBackup: Warning, ReviewOverdue: Warning, DomainWithoutRunbook: Warning,

	BadFactOptions: Error, BadCondition: Error, EmptyCondition: Error,
	InvalidFactValue: Error, UnreachableRule: Error, ShadowedRule: Warning,
	DefaultNotLast: Error, NoDefaultRule: Warning, DefaultFallThru: Warning,
	TestWithoutAt: Error, TestFailed: Error, SeverityMismatch: Error, BeforeOpened: Error,
	ResolvedByOpen: Error, InjectOrder: Error, DrillOutOfDate: Error, ImportFormat: Error,
	MissingColumn: Error, InvalidCSV: Error, InvalidJSON: Error, MissingValue: Error,
	InvalidImportData: Error,

	BrokenLink: Error, InvalidImage: Error, MissingImage: Error, LinkScheme: Warning,
	RootLink: Warning, MissingAnchor: Warning, RawHTML: Warning, TooComplex: Error,
	ThemeError: Error,

	ChangedRoute: Notice, ChangedTest: Notice, ChangedEscalation: Notice,
	ChangedOnCall: Notice, ChangedContact: Notice, ResolvedWarning: Notice,
	ChangedDocument: Notice, MoreProblems: Warning,
}

// Codes returns every code, sorted.
func Codes() []Code {
	out := make([]Code, 0, len(defaults))
	for c := range defaults {
		out = append(out, c)
	}
	slices.Sort(out)
	return out
}

// Severity is the severity c's diagnostics are made with. An unknown code is an error.
func (c Code) Severity() Severity {
	if s, ok := defaults[c]; ok {
		return s
	}
	return Error
}

// Known reports whether c is one of Codes.
func (c Code) Known() bool {
	_, ok := defaults[c]
	return ok
}

// Adjustable reports whether a policy may change the severity of c: only warnings can
// be ignored or made errors. An error means the playbook cannot be used as it is, and
// the warning Limit adds stands for others.
func (c Code) Adjustable() bool { return defaults[c] == Warning && c != MoreProblems }

// CheckCode says what is wrong with naming s as a code a policy adjusts, with a "did you
// mean" for a near miss; "" when nothing is.
func CheckCode(s string) (problem, suggestion string) {
	c := Code(s)
	if !c.Known() {
		names := make([]string, 0, len(defaults))
		for _, k := range Codes() {
			names = append(names, string(k))
		}
		sugg := DidYouMean(s, names)
		if sugg == "" {
			sugg = "docs/format.md lists the codes"
		}
		return fmt.Sprintf("unknown diagnostic code %q", s), sugg
	}
	switch {
	case c.Severity() == Error:
		return fmt.Sprintf("%s is an error, which cannot be ignored or lowered", s), "only warnings change severity"
	case !c.Adjustable():
		return fmt.Sprintf("%s cannot be ignored or change severity", s), "only warnings change severity"
	}
	return "", ""
}

// Policy changes the severity of warnings by code, as a playbook's `diagnostics`
// setting and check's --ignore do. The zero Policy changes nothing.
type Policy struct {
	// Severity sets a code's severity, Error or Warning.
	Severity map[Code]Severity
	// Ignore drops a code's diagnostics.
	Ignore map[Code]bool
}

// ParseLevel reads a severity a policy sets: error, warning or ignore.
func ParseLevel(s string) (sev Severity, ignore bool, err error) {
	switch s {
	case "error":
		return Error, false, nil
	case "warning":
		return Warning, false, nil
	case "ignore":
		return Warning, true, nil
	}
	return Error, false, fmt.Errorf("unknown severity %q (use error, warning or ignore)", s)
}

// Apply returns l with p's changes, leaving l as it was. Only warnings of adjustable
// codes change.
func (p Policy) Apply(l List) List {
	if len(p.Severity) == 0 && len(p.Ignore) == 0 {
		return l
	}
	out := make(List, 0, len(l))
	for _, d := range l {
		if d.Severity == Warning && d.Code.Adjustable() {
			if p.Ignore[d.Code] {
				continue
			}
			if s, ok := p.Severity[d.Code]; ok {
				d.Severity = s
			}
		}
		out = append(out, d)
	}
	return out
}

// ParseCodes splits a comma-separated list of codes a flag names, checking each.
func ParseCodes(s string) ([]Code, error) {
	var out []Code
	for _, f := range strings.Split(s, ",") {
		f = strings.TrimSpace(f)
		if f == "" {
			continue
		}
		if problem, sugg := CheckCode(f); problem != "" {
			return nil, fmt.Errorf("%s (%s)", problem, sugg)
		}
		out = append(out, Code(f))
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("name at least one code")
	}
	return out, nil
}
