package browser

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/chromedp/chromedp"
)

// PDFOptions choose the paper of [Tab.PrintPDF].
type PDFOptions struct {
	Paper     string // "A4" (the default when empty) or "Letter"
	Landscape bool
}

// PrintPDF prints the page as the browser's print dialog would with its
// default settings (print style sheets apply, background graphics are off,
// default margins), on the paper of opts, and returns the PDF.
func (t *Tab) PrintPDF(opts PDFOptions) ([]byte, error) {
	var paper chromedp.PaperSize
	switch strings.ToLower(opts.Paper) {
	case "", "a4":
		paper = chromedp.PaperA4
	case "letter":
		paper = chromedp.PaperLetter
	default:
		return nil, fmt.Errorf("print to PDF: unknown paper %q (want A4 or Letter)", opts.Paper)
	}
	pdfOpts := []chromedp.PDFOption{chromedp.PDFPaper(paper)}
	if opts.Landscape {
		pdfOpts = append(pdfOpts, chromedp.PDFLandscape())
	}
	ctx, cancel := t.step(openTimeout)
	defer cancel()
	pdf, err := chromedp.Run(ctx, chromedp.PrintToPDF(pdfOpts...))
	if err != nil {
		return nil, fmt.Errorf("print to PDF: %w", err)
	}
	return pdf, nil
}

var (
	// pageObject matches a page object's type; "/Pages" does not match.
	pageObject = regexp.MustCompile(`/Type\s*/Page\b`)
	// pagesCount matches the page count of a page tree node.
	pagesCount = regexp.MustCompile(`/Count\s+(\d+)`)
)

// PDFPages returns the number of pages of pdf, or 0 when it finds none.
//
// It counts the page objects ("/Type /Page"), which Chromium writes as plain
// objects, outside of compressed streams. A PDF that hides its objects in
// object streams has none to count; then the largest /Count of a page tree
// node, which is the root's, is the number of pages if the page tree is
// outside the streams.
func PDFPages(pdf []byte) int {
	if n := len(pageObject.FindAll(pdf, -1)); n > 0 {
		return n
	}
	most := 0
	for _, m := range pagesCount.FindAllSubmatch(pdf, -1) {
		if n, err := strconv.Atoi(string(m[1])); err == nil && n > most {
			most = n
		}
	}
	if !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		return 0
	}
	return most
}
