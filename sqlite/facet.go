package sqlite

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"time"

	"github.com/sitrep/sitrep"
)

// Facet tokens put an article's filterable values (outlet, language, actors, event types,
// publication month) into the full-text index, in the hidden facets column, so that a filtered
// search is one FTS5 query: the index intersects the word and facet lists itself instead of
// checking every matching article in SQL, which keeps filtered searches fast on large stores.
//
// A token is "z", a one-letter kind, a value and a final "0". Values are the first 16 hex digits
// of the SHA-256 of the value (so any string becomes one alphanumeric token), or the digits of a
// month. The final digit keeps the porter stemmer from touching the token (all its rules remove
// letter suffixes), and the shape cannot be typed by accident.
const (
	facetOutlet   = "o"
	facetLanguage = "l"
	facetActorID  = "i"
	facetCode     = "c"
	facetPLOVER   = "p"
	facetCAMEO    = "e"
)

// facetToken returns the token of a value of the given kind.
func facetToken(kind, value string) string {
	sum := sha256.Sum256([]byte(value))
	return "z" + kind + hex.EncodeToString(sum[:8]) + "0"
}

// monthToken returns the token of the month of t (UTC).
func monthToken(t time.Time) string {
	return "zm" + t.UTC().Format("200601") + "0"
}

// codeUnits returns the prefixes of a CAMEO actor code in whole three-letter units, and the
// code itself: "ISRGOV" gives ISR and ISRGOV.
func codeUnits(code string) []string {
	code = strings.ToUpper(code)
	var out []string
	for k := 3; k < len(code); k += 3 {
		out = append(out, code[:k])
	}
	if code != "" {
		out = append(out, code)
	}
	return out
}

// articleFacets returns the facet tokens of a, space separated.
func articleFacets(a *sitrep.Article) string {
	seen := map[string]bool{}
	var b strings.Builder
	add := func(tok string) {
		if !seen[tok] {
			seen[tok] = true
			if b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(tok)
		}
	}
	if a.Outlet != "" {
		add(facetToken(facetOutlet, a.Outlet))
	}
	if a.Language != "" {
		add(facetToken(facetLanguage, a.Language))
	}
	if a.Published != nil {
		add(monthToken(*a.Published))
	}
	for _, act := range a.Actors {
		if act.ID != "" {
			add(facetToken(facetActorID, act.ID))
		}
		for _, u := range codeUnits(act.Code) {
			add(facetToken(facetCode, u))
		}
	}
	for _, e := range a.Events {
		if e.PLOVER != "" {
			add(facetToken(facetPLOVER, strings.ToUpper(e.PLOVER)))
		}
		if isDigits(e.CAMEO) {
			for k := 1; k <= len(e.CAMEO); k++ {
				add(facetToken(facetCAMEO, e.CAMEO[:k]))
			}
		}
	}
	return b.String()
}
