// Package browser drives headless Chromium for the site's tests.
//
// A test asks for the browser with [Require], which starts one shared
// headless Chromium for the whole test binary, and opens a tab per test:
//
//	b := browser.Require(t)
//	tab := b.NewTab(t)
//	if err := tab.Open(browser.Serve(t, "testdata/site") + "/index.html"); err != nil {
//		t.Fatal(err)
//	}
//	if p := tab.Problems(); len(p) > 0 {
//		t.Errorf("the page has problems:\n%s", strings.Join(p, "\n"))
//	}
//	for _, v := range tab.Axe(t) {
//		t.Error(v)
//	}
//
// Chromium is found through the variable ESCALATOR_CHROMIUM, then at
// /usr/bin/chromium, then as chromium or chromium-browser in PATH. The
// accessibility checks need axe-core in .cache/npm at the module root (or the
// file that ESCALATOR_AXE names); .ci/run installs both. When either is
// missing, a test fails if the variable CI is set, and is skipped otherwise.
package browser
