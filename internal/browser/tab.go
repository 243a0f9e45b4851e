package browser

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"net/url"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// Keys for [Tab.Key], besides plain characters such as "/" or "abc".
const (
	Enter      = kb.Enter
	Escape     = kb.Escape
	TabKey     = kb.Tab
	Backspace  = kb.Backspace
	ArrowUp    = kb.ArrowUp
	ArrowDown  = kb.ArrowDown
	ArrowLeft  = kb.ArrowLeft
	ArrowRight = kb.ArrowRight
	Home       = kb.Home
	End        = kb.End
)

// Tab is one page of the shared browser, in a browser context of its own: no
// cookies, storage or cache are shared with another tab.
//
// A Tab's methods are not safe for concurrent use; tabs of parallel tests are
// independent of each other.
type Tab struct {
	// Timeout bounds each action: how long Click, SetValue and Text wait
	// for their element to appear, and how long an Eval, a key press or a
	// print may take. Zero means 15 seconds; Open, Screenshot, PrintPDF and
	// Axe get at least 30.
	Timeout time.Duration

	ctx context.Context

	mu       sync.Mutex
	page     string            // the URL last opened
	origin   string            // "scheme://host[:port]" of that URL, or "file:"
	stale    map[string]bool   // ids of requests made for an earlier page
	problems []string          // in the order they happened, without repeats
	seen     map[string]bool   // the problems reported so far
	console  []string          // every console message and log entry
	requests map[string]string // request id -> URL, for loadingFailed
}

// NewTab opens a new tab, closed when the test ends.
func (b *Browser) NewTab(t testing.TB) *Tab {
	t.Helper()
	tab := &Tab{seen: map[string]bool{}, requests: map[string]string{}, stale: map[string]bool{}}
	ctx, cancel := chromedp.NewContext(b.ctx,
		chromedp.WithNewBrowserContext(),
		chromedp.WithListener(tab.listen))
	t.Cleanup(cancel)
	// The first action on a context attaches its target for the life of
	// the context it is given, so it gets ctx itself, with no deadline, and
	// the deadline is kept here.
	if err := within(openTimeout, cancel, func() error { return chromedp.Do(ctx) }); err != nil {
		t.Fatalf("browser: opening a tab: %v", err)
	}
	tab.ctx = ctx
	if err := tab.SetViewport(1280, 800); err != nil {
		t.Fatalf("browser: %v", err)
	}
	return tab
}

// SetViewport sets the size of the tab's window, in CSS pixels; a new tab
// has 1280x800. Use it to see the page as on a phone, say 390x844.
func (t *Tab) SetViewport(width, height int) error {
	ctx, cancel := t.step(stepTimeout)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(int64(width), int64(height))); err != nil {
		return fmt.Errorf("set viewport to %dx%d: %w", width, height, err)
	}
	return nil
}

// SetColorScheme makes the tab's pages see prefers-color-scheme as "dark" or
// "light" ("" for the browser's own), as a reader's system setting would.
func (t *Tab) SetColorScheme(scheme string) error { return t.EmulateMedia("", scheme) }

// within runs f, and gives up after d, calling stop.
func within(d time.Duration, stop func(), f func() error) error {
	done := make(chan error, 1)
	go func() { done <- f() }()
	select {
	case err := <-done:
		return err
	case <-time.After(d):
		stop()
		return fmt.Errorf("no answer after %v", d)
	}
}

// step returns a context for one action in the tab, which takes up to d
// by default.
func (t *Tab) step(d time.Duration) (context.Context, context.CancelFunc) {
	if t.Timeout > 0 && (d == stepTimeout || t.Timeout > d) {
		d = t.Timeout
	}
	return context.WithTimeout(t.ctx, d)
}

// Open navigates to rawURL and waits for the page's load event. It starts a
// new list of problems: those of [Tab.Problems] are the ones since the last
// Open.
func (t *Tab) Open(rawURL string) error {
	u, err := url.Parse(rawURL)
	if err != nil {
		return fmt.Errorf("open %s: %w", rawURL, err)
	}
	origin := "file:"
	if u.Scheme != "file" {
		origin = u.Scheme + "://" + u.Host
	}
	t.mu.Lock()
	t.page, t.origin = rawURL, origin
	t.problems, t.seen, t.console = nil, map[string]bool{}, nil
	clear(t.requests)
	clear(t.stale)
	t.mu.Unlock()

	ctx, cancel := t.step(openTimeout)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.Navigate(rawURL)); err != nil {
		return fmt.Errorf("open %s: %w", rawURL, err)
	}
	return nil
}

// Problems returns what went wrong in the page since [Tab.Open], one line
// each: console errors and warnings, uncaught exceptions and unhandled
// rejections, Content-Security-Policy violations, requests that failed or
// answered with an HTTP error status, and requests that left the page's
// origin (for a file:// page, any request that is not for a file).
// Requests for data: and blob: URLs are not counted as leaving.
func (t *Tab) Problems() []string {
	// A round trip to the page first: the events that the browser sent
	// before its answer are then recorded.
	ctx, cancel := t.step(stepTimeout)
	_ = chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void]("0"))
	cancel()
	t.mu.Lock()
	defer t.mu.Unlock()
	return append([]string(nil), t.problems...)
}

// Console returns every console message and browser log entry since
// [Tab.Open], of every level, one line each.
func (t *Tab) Console() []string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return append([]string(nil), t.console...)
}

// report records a problem once. The caller holds t.mu.
func (t *Tab) report(p string) {
	if !t.seen[p] {
		t.seen[p] = true
		t.problems = append(t.problems, p)
	}
}

// listen records the events of the tab. It runs in the tab's message loop,
// in the order of the events, so it must be quick and send no command.
func (t *Tab) listen(ev any) {
	t.mu.Lock()
	defer t.mu.Unlock()
	switch ev := ev.(type) {
	case *runtime.EventConsoleAPICalled:
		msg := "console." + string(ev.Type) + ": " + formatArgs(ev.Args) + stackPlace(ev.StackTrace)
		t.console = append(t.console, msg)
		switch ev.Type {
		case runtime.ConsoleAPICalledTypeError, runtime.ConsoleAPICalledTypeWarning, runtime.ConsoleAPICalledTypeAssert:
			t.report(msg)
		}
	case *runtime.EventExceptionThrown:
		t.report("uncaught exception: " + formatException(ev.ExceptionDetails))
	case *log.EventEntryAdded:
		e := ev.Entry
		if e == nil {
			return
		}
		msg := fmt.Sprintf("%s %s: %s", e.Source, e.Level, e.Text)
		if e.Source == log.EntrySourceSecurity && strings.Contains(e.Text, "Content Security Policy") {
			msg = "CSP violation: " + e.Text
		}
		if e.URL != "" {
			msg += " (" + e.URL
			if e.LineNumber > 0 {
				msg += ":" + strconv.FormatInt(e.LineNumber+1, 10)
			}
			msg += ")"
		}
		t.console = append(t.console, msg)
		if (e.Level == log.EntryLevelError || e.Level == log.EntryLevelWarning) && !isFavicon(e.URL) {
			t.report(msg)
		}
	case *network.EventRequestWillBeSent:
		if ev.Request == nil {
			return
		}
		u := ev.Request.URL
		if ev.Type == network.ResourceTypeDocument {
			t.page = u // follows redirects, such as a file server's /index.html -> /
		}
		// A request of the previous page, such as its icon, can still arrive after
		// the next page opened: it is not this page's.
		if ev.DocumentURL != "" && ev.Type != network.ResourceTypeDocument && stripFragment(ev.DocumentURL) != stripFragment(t.page) {
			t.stale[string(ev.RequestID)] = true
			return
		}
		t.requests[string(ev.RequestID)] = u
		if !t.sameOrigin(u) {
			if t.origin == "file:" {
				t.report("request from a file:// page for a URL that is not a file: " + u)
			} else {
				t.report("request to another origin than " + t.origin + ": " + u)
			}
		}
	case *network.EventResponseReceived:
		if t.stale[string(ev.RequestID)] {
			return
		}
		if r := ev.Response; r != nil && r.Status >= 400 && !isFavicon(r.URL) {
			t.report(fmt.Sprintf("HTTP %d %s: %s", r.Status, r.StatusText, r.URL))
		}
	case *network.EventLoadingFailed:
		if t.stale[string(ev.RequestID)] {
			return
		}
		if ev.Canceled && ev.BlockedReason == "" {
			return // canceled by a navigation, or by the page itself
		}
		u := t.requests[string(ev.RequestID)]
		if isFavicon(u) {
			return
		}
		if u == "" {
			u = "request " + string(ev.RequestID)
		}
		msg := "request failed: " + u
		if ev.ErrorText != "" {
			msg += ": " + ev.ErrorText
		}
		if ev.BlockedReason != "" {
			msg += " (blocked by " + string(ev.BlockedReason) + ")"
		}
		t.report(msg)
	}
}

// stripFragment normalises a document URL for comparison: no fragment, and "/" for
// an empty path, as the browser writes it.
func stripFragment(u string) string {
	p, err := url.Parse(u)
	if err != nil {
		return u
	}
	p.Fragment, p.RawFragment = "", ""
	if p.Path == "" && p.Opaque == "" {
		p.Path = "/"
	}
	return p.String()
}

// isFavicon reports whether u is /favicon.ico, which the browser asks for by
// itself, after the load and at no fixed time, when a page names no icon: its
// 404 would come and go between runs. A test that cares looks for the page's
// <link rel="icon">.
func isFavicon(u string) bool {
	p, err := url.Parse(u)
	return err == nil && p.Path == "/favicon.ico"
}

// sameOrigin reports whether a request for u stays within the opened page's
// origin. The caller holds t.mu.
func (t *Tab) sameOrigin(u string) bool {
	if t.origin == "" {
		return true // nothing opened yet: about:blank
	}
	p, err := url.Parse(u)
	if err != nil {
		return false
	}
	switch p.Scheme {
	case "data", "blob", "about":
		return true
	case "file":
		return t.origin == "file:"
	}
	return t.origin != "file:" && p.Scheme+"://"+p.Host == t.origin
}

// formatArgs writes console arguments as the console shows them, roughly.
func formatArgs(args []*runtime.RemoteObject) string {
	parts := make([]string, 0, len(args))
	for _, a := range args {
		parts = append(parts, formatObject(a))
	}
	return strings.Join(parts, " ")
}

func formatObject(a *runtime.RemoteObject) string {
	if a == nil {
		return ""
	}
	if a.Type == runtime.RemoteObjectTypeString {
		var s string
		if json.Unmarshal(a.Value, &s) == nil {
			return s
		}
	}
	switch {
	case a.Preview != nil && a.Type == runtime.RemoteObjectTypeObject && a.Subtype == "" && a.ClassName == "Object":
		props := make([]string, 0, len(a.Preview.Properties))
		for _, p := range a.Preview.Properties {
			props = append(props, p.Name+": "+p.Value)
		}
		if a.Preview.Overflow {
			props = append(props, "…")
		}
		return "{" + strings.Join(props, ", ") + "}"
	case a.UnserializableValue != "":
		return string(a.UnserializableValue)
	case a.Description != "":
		return a.Description
	case len(a.Value) > 0:
		return string(a.Value)
	}
	return string(a.Type)
}

func formatException(d *runtime.ExceptionDetails) string {
	if d == nil {
		return "(no details)"
	}
	msg := d.Text
	if d.Exception != nil && d.Exception.Description != "" {
		// The description has the error's name, message and stack; the
		// first line is enough, and the place follows.
		desc, _, _ := strings.Cut(d.Exception.Description, "\n")
		msg += " " + desc
	} else if d.Exception != nil {
		msg += " " + formatObject(d.Exception)
	}
	where := d.URL
	if where == "" && d.StackTrace != nil && len(d.StackTrace.CallFrames) > 0 {
		where = d.StackTrace.CallFrames[0].URL
	}
	if where != "" {
		msg += fmt.Sprintf(" (%s:%d:%d)", where, d.LineNumber+1, d.ColumnNumber+1)
	}
	return msg
}

// stackPlace returns " (url:line:col)" of the top frame, or "".
func stackPlace(s *runtime.StackTrace) string {
	if s == nil || len(s.CallFrames) == 0 || s.CallFrames[0].URL == "" {
		return ""
	}
	f := s.CallFrames[0]
	return fmt.Sprintf(" (%s:%d:%d)", f.URL, f.LineNumber+1, f.ColumnNumber+1)
}

// Eval evaluates the JavaScript expression js in the page, waits for it when
// it is a promise, and decodes its JSON value into out (which may be nil to
// ignore the value). An exception in js is returned as an error.
// The evaluation is the DevTools protocol's, not a script of the page, so
// the page's Content-Security-Policy does not apply to it.
func (t *Tab) Eval(js string, out any) error {
	return t.eval(stepTimeout, js, out)
}

// eval is Eval with a timeout of d.
func (t *Tab) eval(d time.Duration, js string, out any) error {
	ctx, cancel := t.step(d)
	defer cancel()
	if out == nil {
		if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](js, chromedp.EvalAwaitPromise)); err != nil {
			return fmt.Errorf("eval %q: %w", abbrev(js), err)
		}
		return nil
	}
	raw, err := chromedp.Run(ctx, chromedp.Evaluate[[]byte](js, chromedp.EvalAwaitPromise))
	if err != nil {
		return fmt.Errorf("eval %q: %w", abbrev(js), err)
	}
	if raw == nil {
		return fmt.Errorf("eval %q: the result is undefined", abbrev(js))
	}
	if err := json.Unmarshal(raw, out); err != nil {
		return fmt.Errorf("eval %q: decoding %s: %w", abbrev(js), abbrev(string(raw)), err)
	}
	return nil
}

func abbrev(s string) string {
	if len(s) > 80 {
		return s[:77] + "..."
	}
	return s
}

// Click waits until the first element that matches the CSS selector sel is
// visible, scrolls it into view, and clicks its middle with the mouse.
func (t *Tab) Click(sel string) error {
	ctx, cancel := t.step(stepTimeout)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(sel))); err != nil {
		return fmt.Errorf("click %s: %w", sel, err)
	}
	return nil
}

// SetValue waits for the first element that matches sel, focuses it, sets
// its value to v, and fires the input and change events, as typing and
// leaving the field would. To send each key, use [Tab.Click] and [Tab.Key].
func (t *Tab) SetValue(sel, v string) error {
	ctx, cancel := t.step(stepTimeout)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.WaitReady(chromedp.CSS(sel))); err != nil {
		return fmt.Errorf("set value of %s: %w", sel, err)
	}
	js := fmt.Sprintf(`(() => {
	const el = document.querySelector(%s);
	if (!el) throw new Error("no element matches the selector");
	el.focus();
	el.value = %s;
	el.dispatchEvent(new Event("input", {bubbles: true}));
	el.dispatchEvent(new Event("change", {bubbles: true}));
})()`, jsString(sel), jsString(v))
	if err := t.Eval(js, nil); err != nil {
		return fmt.Errorf("set value of %s: %w", sel, err)
	}
	return nil
}

// Text waits for the first element that matches sel and returns its text as
// rendered (innerText).
func (t *Tab) Text(sel string) (string, error) {
	ctx, cancel := t.step(stepTimeout)
	defer cancel()
	s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
	if err != nil {
		return "", fmt.Errorf("text of %s: %w", sel, err)
	}
	return s, nil
}

// Visible reports whether the first element that matches sel is rendered
// now: it has a box of some size, and neither it nor an ancestor is hidden by
// display, visibility or content-visibility. It does not wait; no match is
// false, not an error. A malformed selector is an error.
func (t *Tab) Visible(sel string) (bool, error) {
	var v bool
	err := t.Eval(fmt.Sprintf(`(() => {
	const el = document.querySelector(%s);
	if (!el) return false;
	const r = el.getBoundingClientRect();
	return r.width > 0 && r.height > 0 && el.checkVisibility({visibilityProperty: true});
})()`, jsString(sel)), &v)
	if err != nil {
		return false, fmt.Errorf("visible %s: %w", sel, err)
	}
	return v, nil
}

// Key presses keys, one after the other, in the focused element, or the
// page when none is: each character, or a key such as [Enter], [Escape] or
// [ArrowDown]. Like a person's key press, and unlike a bare "char" event,
// the character is not typed when the page cancels the keydown event.
func (t *Tab) Key(keys string) error {
	ctx, cancel := t.step(stepTimeout)
	defer cancel()
	err := chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		for _, r := range keys {
			// kb.Encode gives keyDown, char (for a key with text), keyUp.
			// A keyDown with the text does what a real key does: the
			// keypress and the typing follow unless keydown is canceled.
			events := kb.Encode(r)
			down := *events[0]
			for _, e := range events[1 : len(events)-1] {
				if e.Type == kb.KeyChar {
					down.Text, down.UnmodifiedText = e.Text, e.UnmodifiedText
				}
			}
			for _, e := range []input.DispatchKeyEventParams{down, *events[len(events)-1]} {
				if _, err := cdp.Call(ctx, tg, input.DispatchKeyEvent, e); err != nil {
					return err
				}
			}
		}
		return nil
	}))
	if err != nil {
		return fmt.Errorf("key %q: %w", keys, err)
	}
	return nil
}

// Screenshot writes a PNG of the whole page, beyond the window, to path.
func (t *Tab) Screenshot(path string) error {
	ctx, cancel := t.step(openTimeout)
	defer cancel()
	png, err := chromedp.Run(ctx, func(ctx context.Context, tg *chromedp.Target) ([]byte, error) {
		m, err := cdp.Call(ctx, tg, page.GetLayoutMetrics, cdp.Empty{})
		if err != nil {
			return nil, err
		}
		if m.CSSContentSize == nil {
			return nil, errors.New("the page has no content size")
		}
		beyond := true
		r, err := cdp.Call(ctx, tg, page.CaptureScreenshot, page.CaptureScreenshotParams{
			Format: page.CaptureScreenshotFormatPng,
			Clip: &page.Viewport{
				Width:  math.Ceil(m.CSSContentSize.Width),
				Height: math.Ceil(m.CSSContentSize.Height),
				Scale:  1,
			},
			CaptureBeyondViewport: &beyond,
		})
		return r.Data, err
	})
	if err != nil {
		return fmt.Errorf("screenshot: %w", err)
	}
	return os.WriteFile(path, png, 0o644)
}

// jsString quotes s as a JavaScript string literal.
func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}
