package actor

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/sitrep/sitrep"
)

var typeHeaders = map[string]string{
	sitrep.ActorPerson: "person", sitrep.ActorOrg: "org", sitrep.ActorIGO: "igo", sitrep.ActorGroup: "group",
	sitrep.ActorMedia: "media", sitrep.ActorGov: "government", sitrep.ActorPlace: "place", sitrep.ActorCountry: "country",
}

// WriteEntries writes entries in the block format of data/actors.txt (read back by ParseEntries),
// so that imported dictionaries can be saved, reviewed and loaded with LoadFile.
func WriteEntries(w io.Writer, es []Entry) error {
	bw := bufio.NewWriter(w)
	clean := func(s string) string { return strings.NewReplacer("\n", " ", ";", ",", "|", "/").Replace(s) }
	for _, e := range es {
		h := typeHeaders[e.Type]
		if h == "" {
			h = "org"
		}
		fmt.Fprintf(bw, "%s %s\n", h, clean(e.Name))
		if e.ID != "" {
			fmt.Fprintf(bw, "  id: %s\n", clean(e.ID))
		}
		if e.Code != "" {
			fmt.Fprintf(bw, "  code: %s\n", clean(e.Code))
		}
		if e.Country != "" {
			fmt.Fprintf(bw, "  country: %s\n", clean(e.Country))
		}
		if len(e.Aliases) > 0 {
			as := make([]string, len(e.Aliases))
			for i, a := range e.Aliases {
				as[i] = clean(a)
			}
			fmt.Fprintf(bw, "  alias: %s\n", strings.Join(as, "; "))
		}
		if len(e.Metonyms) > 0 {
			fmt.Fprintf(bw, "  metonym: %s\n", clean(strings.Join(e.Metonyms, "; ")))
		}
		for _, r := range e.Roles {
			start, end := "", ""
			if !r.Start.IsZero() {
				start = r.Start.Format("2006-01-02")
			}
			if !r.End.IsZero() {
				end = r.End.Format("2006-01-02")
			}
			fmt.Fprintf(bw, "  role: %s | %s | %s | %s\n", clean(r.Title), clean(r.Code), start, end)
		}
	}
	return bw.Flush()
}

// LoadFile reads entries in the block format (ParseEntries) from r and merges them into the KB
// (see Merge). It is how user-maintained extension files are added to the embedded data.
func (kb *KB) LoadFile(r io.Reader, preferOurs bool) (added, merged int, err error) {
	ps, err := ParseEntries(r)
	if err != nil {
		return 0, 0, err
	}
	es := make([]Entry, len(ps))
	for i, p := range ps {
		es[i] = *p
	}
	added, merged = kb.Merge(es, preferOurs)
	return added, merged, nil
}
