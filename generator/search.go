package generator

import (
	"bytes"

	"github.com/escalator-dev/escalator/generator/search"
)

// searchKinds are the kinds of page the search index holds, and the weight of each:
// lists, printouts and the home page repeat what their pages say, and the matrix, the
// contacts sheet and the domain pages gather what other pages say, so they weigh less.
var searchKinds = map[string]float64{
	"severity": 1, "team": 1, "domain": 0.4, "role": 1, "runbook": 1, "brief": 1, "vendor": 1, "page": 1,
	"matrix": 0.6, "contacts": 0.6,
}

// searchPage is a rendered page as the search index sees it: the text of its <main>,
// cut at each heading with an id, and the names the page is about.
func (v *view) searchPage(page []byte) search.Page {
	p := search.Page{URL: v.Path, Title: v.Title, Kind: v.Kind, Boost: searchKinds[v.Kind], Names: v.searchNames()}
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
func (v *view) searchNames() []string {
	out := []string{v.Kind} // "payments team", "sms vendor"
	switch x := v.X.(type) {
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
