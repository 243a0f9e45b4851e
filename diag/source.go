package diag

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Source gives the text of a file a diagnostic names, for the source line Write shows
// under it; ok is false when the file is not at hand.
type Source func(file string) (text []byte, ok bool)

// WriteText prints l as Write's text format does: one diagnostic a line, then a line
// a note. With src, a diagnostic or note with a line is followed by that line of its
// file and a caret under its column, as compilers show them:
//
//	pb/matrix.yaml:31:9: error[unknown-team]: unknown team "paymnts"
//	 31 |     to: paymnts
//	    |         ^
func WriteText(w io.Writer, l List, src Source) error {
	var b strings.Builder
	for _, d := range l {
		b.Reset()
		b.WriteString(d.String())
		b.WriteByte('\n')
		if src != nil {
			writeSnippet(&b, src, d.File, d.Line, d.Col)
		}
		for _, n := range d.Notes {
			b.WriteString(n.String())
			b.WriteByte('\n')
			if src != nil {
				writeSnippet(&b, src, n.File, n.Line, n.Col)
			}
		}
		if _, err := io.WriteString(w, b.String()); err != nil {
			return err
		}
	}
	return nil
}

func writeSnippet(b *strings.Builder, src Source, file string, line, col int) {
	if file == "" || line <= 0 {
		return
	}
	text, ok := src(file)
	if !ok {
		return
	}
	s, caret, ok := Snippet(text, line, col)
	if !ok {
		return
	}
	num := strconv.Itoa(line)
	gutter := strings.Repeat(" ", len(num)+1)
	fmt.Fprintf(b, " %s | %s\n", num, s)
	if caret >= 0 {
		fmt.Fprintf(b, "%s | %s^\n", gutter, strings.Repeat(" ", caret))
	}
}

// SnippetWidth is how many terminal cells of a source line a snippet shows at most.
const SnippetWidth = 100

const tabWidth = 4

// Snippet returns line (1-based) of text as a terminal shows it, and the cell the
// 1-based column col (in runes) starts at, -1 when col is 0. Tabs become spaces to the
// next multiple of 4; characters that could act on a terminal are escaped as Printable
// does, and bytes that are not UTF-8 as \xNN; wide characters take two cells. A line
// wider than SnippetWidth is cut to a window around the column, with … where it is
// cut. ok is false when text has no such line.
func Snippet(text []byte, line, col int) (s string, caret int, ok bool) {
	for i := 1; i < line; i++ {
		j := bytes.IndexByte(text, '\n')
		if j < 0 {
			return "", 0, false
		}
		text = text[j+1:]
	}
	if j := bytes.IndexByte(text, '\n'); j >= 0 {
		text = text[:j]
	}
	text = bytes.TrimSuffix(text, []byte("\r"))

	// Each rune as shown, and the cell it starts at.
	type cell struct {
		text        string
		start, wide int
	}
	var cells []cell
	width := 0
	caret = -1
	for n := 0; len(text) > 0; n++ {
		if n == col-1 {
			caret = width
		}
		r, size := utf8.DecodeRune(text)
		var t string
		w := 1
		switch {
		case r == utf8.RuneError && size == 1:
			t = fmt.Sprintf(`\x%02x`, text[0])
			w = len(t)
		case r == '\t':
			w = tabWidth - width%tabWidth
			t = strings.Repeat(" ", w)
		case unsafeRune(r):
			t = Printable(string(r))
			w = len(t)
		default:
			t, w = string(r), runeWidth(r)
		}
		cells = append(cells, cell{t, width, w})
		width += w
		text = text[size:]
	}
	if caret < 0 && col > 0 {
		caret = width // at the end of the line, or past it
	}
	from, to := 0, len(cells)
	if width > SnippetWidth {
		// A window with the column in its middle, or at the end of the line; each cut
		// end takes a cell for its "…".
		first := 0
		if caret > SnippetWidth/2 {
			first = min(caret-SnippetWidth/2, width-(SnippetWidth-1))
		}
		for from < len(cells) && cells[from].start < first {
			from++
		}
		budget := SnippetWidth
		if from > 0 {
			budget--
		}
		fits := func(to, budget int) bool { return cells[to].start+cells[to].wide-cells[from].start <= budget }
		for to = from; to < len(cells) && fits(to, budget); to++ {
		}
		if to < len(cells) {
			for to > from && !fits(to-1, budget-1) {
				to--
			}
		}
	}
	var b strings.Builder
	shift := 0
	if from > 0 {
		b.WriteString("…")
		shift = cells[from].start - 1
	}
	for _, c := range cells[from:to] {
		b.WriteString(c.text)
	}
	if to < len(cells) {
		b.WriteString("…")
	}
	if caret >= 0 {
		caret -= shift
	}
	return b.String(), caret, true
}

// runeWidth is how many cells a terminal gives r: none for combining marks and other
// zero-width characters, two for East Asian wide and fullwidth characters and emoji.
func runeWidth(r rune) int {
	switch {
	case unicode.In(r, unicode.Mn, unicode.Me, unicode.Cf) || r == 0x200b:
		return 0
	case r >= 0x1100 && r <= 0x115f, r >= 0x2e80 && r <= 0x303e, r >= 0x3041 && r <= 0x33ff,
		r >= 0x3400 && r <= 0x4dbf, r >= 0x4e00 && r <= 0x9fff, r >= 0xa000 && r <= 0xa4cf,
		r >= 0xac00 && r <= 0xd7a3, r >= 0xf900 && r <= 0xfaff, r >= 0xfe30 && r <= 0xfe4f,
		r >= 0xff00 && r <= 0xff60, r >= 0xffe0 && r <= 0xffe6, r >= 0x1f300 && r <= 0x1f64f,
		r >= 0x1f900 && r <= 0x1f9ff, r >= 0x20000 && r <= 0x3fffd:
		return 2
	}
	return 1
}

// Files is a Source that reads the files diagnostics name from disk, as named (a
// diagnostic names a file relative to the working folder, as its command was given
// the playbook's), keeping each once read. It reads only regular files, not through a
// symbolic link, of at most maxSize bytes.
func Files(maxSize int64) Source {
	cache := map[string][]byte{}
	return func(file string) ([]byte, bool) {
		if text, ok := cache[file]; ok {
			return text, text != nil
		}
		cache[file] = nil
		name := filepath.FromSlash(file)
		info, err := os.Lstat(name)
		if err != nil || !info.Mode().IsRegular() || info.Size() > maxSize {
			return nil, false
		}
		text, err := os.ReadFile(name)
		if err != nil || int64(len(text)) > maxSize {
			return nil, false
		}
		cache[file] = text
		return text, true
	}
}
