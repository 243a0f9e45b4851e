package browser

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
)

// Serve serves the files of dir over HTTP on 127.0.0.1, on a free port,
// until the test ends, and returns the base URL, like "http://127.0.0.1:40123"
// (no trailing slash). A folder's index.html answers for the folder.
func Serve(t testing.TB, dir string) string {
	t.Helper()
	srv := httptest.NewServer(http.FileServer(http.Dir(dir)))
	t.Cleanup(srv.Close)
	return srv.URL
}

// FileURL returns the file:// URL of path, made absolute first.
func FileURL(path string) string {
	dir := strings.HasSuffix(path, "/") || strings.HasSuffix(path, string(filepath.Separator))
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	if dir && !strings.HasSuffix(path, string(filepath.Separator)) {
		path += string(filepath.Separator)
	}
	p := filepath.ToSlash(path)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // a Windows drive, C:/...
	}
	return (&url.URL{Scheme: "file", Path: p}).String()
}
