package generator

import (
	"bytes"

	"github.com/escalator-dev/escalator/generator/search"
)

// searchKinds are the kinds of page the search index holds, and the weight of each:
// lists, printouts and the home page repeat what their pages say, and the matrix, the
// contacts sheet and the domain pages gather what other pages say, so they weigh less.
var searchKinds = map[pageKind]float64{
	kindSeverity: 1, kindTeam: 1, kindDomain: 0.4, kindRole: 1, kindRunbook: 1, kindBrief: 1, kindVendor: 1, kindPage: 1,
	kindMatrix: 0.6, kindContacts: 0.6,
}

// searchPage is a rendered page as the search index sees it: the text of its <main>,
// cut at each heading with an id, and the names the page is about.
func (pg *page) searchPage(page []byte) search.Page {
	p := search.Page{URL: pg.Path, Title: pg.Title, Kind: string(pg.Kind), Boost: searchKinds[pg.Kind], Names: pg.searchNames()}
	if i := bytes.Index(page, []byte("<main")); i >= 0 {
		page = page[i:]
	}
	if i := bytes.Index(page, []byte("</main>")); i >= 0 {
		page = page[:i]
	}
	p.Sections = search.Sections(page)
	return p
}

// searchNames lists the team, member, channel and vendor names a page is about.
func (pg *page) searchNames() []string {
	out := []string{string(pg.Kind)} // "payments team", "sms vendor"
	switch x := pg.X.(type) {
	case *teamData:
		out = append(out, x.Team.Name)
		for _, m := range x.Team.Members {
			out = append(out, m.Name)
		}
		for _, c := range x.Team.Channels {
			out = append(out, c.Name)
		}
	case runbookData:
		if x.Owner != nil {
			out = append(out, x.Owner.Name)
		}
		if x.Domain != nil {
			out = append(out, x.Domain.Name)
		}
		for _, vd := range x.Vendors {
			out = append(out, vd.Name)
		}
		out = append(out, x.Runbook.Tags...)
	case vendorData:
		out = append(out, x.Vendor.Name, x.Vendor.Service) // what we buy is what people search for
		if x.Owner != nil {
			out = append(out, x.Owner.Name)
		}
	case *severityData:
		out = append(out, x.Severity.ID, x.Severity.Name)
	case domainData:
		out = append(out, x.Domain.Name)
	}
	return out
}
