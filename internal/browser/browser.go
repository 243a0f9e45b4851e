package browser

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/chromedp"
)

// Timeouts of the browser's start and of one action in a tab. They are
// generous: a loaded CI machine with two cores can be slow, and a test that
// times out is far easier to read than one that hangs until go test's own
// deadline.
const (
	startTimeout = 60 * time.Second
	openTimeout  = 30 * time.Second
	stepTimeout  = 15 * time.Second
)

// flags is the command line that the shared browser gets besides chromedp's
// defaults. The network flags matter here: without them Chromium reaches for
// Google's services at start, and the closed network refuses each attempt.
var flags = []string{
	"--headless",
	"--disable-gpu",
	"--disable-quic",
	"--no-first-run",
	"--disable-background-networking",
	"--disable-component-update",
	"--disable-sync",
	"--window-size=1280,800",
	// Each file:// page is an origin of its own, so without a limit every Open
	// starts a renderer process; reusing two cut the generator tests by 8%.
	"--renderer-process-limit=2",
}

// Browser is the shared headless Chromium of a test binary.
type Browser struct {
	ctx     context.Context // the browser's own chromedp context
	version string          // its product name, like "Chrome/156.0.8078.79"
	took    time.Duration   // how long the start took
}

var shared struct {
	once    sync.Once
	browser *Browser
	err     error
}

// Require returns the shared browser, and starts it on the first call. When
// Chromium is not installed, it fails the test if the environment variable CI
// is set, and skips it otherwise. A Chromium that is there but does not start
// fails the test in every case.
func Require(t testing.TB) *Browser {
	t.Helper()
	path, err := FindChromium()
	if err != nil {
		unavailable(t, "%v", err)
	}
	shared.once.Do(func() {
		shared.browser, shared.err = start(path)
		if shared.err == nil {
			t.Logf("browser: started %s (%s) in %v", shared.browser.version, path, shared.browser.took.Round(time.Millisecond))
		}
	})
	if shared.err != nil {
		t.Fatalf("browser: %v", shared.err)
	}
	return shared.browser
}

// unavailable skips the test, or fails it when CI is set: in CI a missing
// browser means that .ci/run did not install it, and the tests must not pass
// by skipping.
func unavailable(t testing.TB, format string, args ...any) {
	t.Helper()
	msg := fmt.Sprintf(format, args...)
	if os.Getenv("CI") != "" {
		t.Fatalf("browser: %s; CI is set, so the browser tests must run (.ci/run installs what they need)", msg)
	}
	t.Skipf("browser: %s; skipping (bash .ci/run installs what the browser tests need)", msg)
}

// FindChromium returns the Chromium that Require would start: the file named
// by ESCALATOR_CHROMIUM, else /usr/bin/chromium, else chromium or
// chromium-browser in PATH.
func FindChromium() (string, error) {
	if p := os.Getenv("ESCALATOR_CHROMIUM"); p != "" {
		if found, err := exec.LookPath(p); err == nil {
			return found, nil
		}
		return "", fmt.Errorf("ESCALATOR_CHROMIUM=%s is not an executable file", p)
	}
	if _, err := exec.LookPath("/usr/bin/chromium"); err == nil {
		return "/usr/bin/chromium", nil
	}
	for _, name := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	return "", errors.New("no Chromium (looked at $ESCALATOR_CHROMIUM, /usr/bin/chromium, and chromium and chromium-browser in PATH; on Debian: apt-get install chromium)")
}

// start starts Chromium at path with a new, empty profile.
func start(path string) (*Browser, error) {
	sweepProfiles()
	dir, err := os.MkdirTemp("", profilePrefix+strconv.Itoa(os.Getpid())+"-")
	if err != nil {
		return nil, err
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(path), chromedp.UserDataDir(dir))
	for _, f := range flags {
		name, value, hasValue := strings.Cut(strings.TrimPrefix(f, "--"), "=")
		if hasValue {
			opts = append(opts, chromedp.Flag(name, value))
		} else {
			opts = append(opts, chromedp.Flag(name, true))
		}
	}
	if os.Geteuid() == 0 {
		// Chromium refuses to run its sandbox as root.
		opts = append(opts, chromedp.NoSandbox)
	}
	// The browser lives as long as the test binary: the kernel kills it when
	// the binary exits (chromedp sets the parent-death signal), and the next
	// start removes the profile folder left behind (sweepProfiles).
	allocCtx, _ := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(allocCtx)

	begin := time.Now()
	type result struct {
		version string
		err     error
	}
	done := make(chan result, 1)
	go func() {
		v, err := chromedp.Run(ctx, func(ctx context.Context, _ *chromedp.Target) (string, error) {
			r, err := chromedp.CallBrowser(ctx, browser.GetVersion, cdp.Empty{})
			return r.Product, err
		})
		done <- result{v, err}
	}()
	var r result
	select {
	case r = <-done:
	case <-time.After(startTimeout):
		r.err = fmt.Errorf("no answer after %v", startTimeout)
	}
	if r.err != nil {
		cancel()
		os.RemoveAll(dir)
		return nil, fmt.Errorf("starting %s: %w", path, r.err)
	}
	return &Browser{ctx: ctx, version: r.version, took: time.Since(begin)}, nil
}

// Version returns the browser's product name and version, like
// "Chrome/156.0.8078.79".
func (b *Browser) Version() string { return b.version }

// StartTime returns how long the browser took to start and answer its first
// command.
func (b *Browser) StartTime() time.Duration { return b.took }

// profilePrefix begins the name of each profile folder, followed by the id of
// the test process that owns it.
const profilePrefix = "escalator-chromium-"

// sweepProfiles removes the profile folders of test processes that have
// exited. Each test binary leaves its folder behind, since nothing runs when it
// exits; the folders of live processes, such as other packages' tests running
// at the same time, stay.
func sweepProfiles() {
	if _, err := os.Stat("/proc/self"); err != nil {
		return // no way to tell a live process from a dead one
	}
	matches, _ := filepath.Glob(filepath.Join(os.TempDir(), profilePrefix+"*"))
	for _, m := range matches {
		rest := strings.TrimPrefix(filepath.Base(m), profilePrefix)
		pid, _, _ := strings.Cut(rest, "-")
		if _, err := strconv.Atoi(pid); err != nil {
			continue
		}
		if _, err := os.Stat("/proc/" + pid); err == nil {
			continue
		}
		os.RemoveAll(m)
	}
}
