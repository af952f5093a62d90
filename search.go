package sitrep

import (
	"context"
	"time"
)

// Snippet highlight markers. Search snippets mark each matched term as SnippetOpen + term +
// SnippetClose. Both are Unicode private-use characters that never occur in clean text, so a
// presentation layer can escape the snippet first (they pass through HTML escaping unchanged) and
// then replace the markers with its own tags, e.g. <mark> and </mark>.
const (
	SnippetOpen  = "\uE000"
	SnippetClose = "\uE001"
	// SnippetEllipsis marks text cut from either end of a snippet.
	SnippetEllipsis = "…"
)

// SearchQuery is a full-text search over stored articles, narrowed by filters. Zero fields do not
// filter.
type SearchQuery struct {
	// Query is a full-text query over title and text. Plain words are matched as words (all of
	// them must occur); the FTS5 query syntax passes through when the query uses it: "a phrase",
	// prefix*, AND, OR, NOT, NEAR(…), parentheses. A malformed query is an EINVALID error. An
	// empty Query lists the articles matching the filters, newest first.
	Query string `json:"query"`
	// Actor keeps articles mentioning an actor whose ID equals Actor or whose CAMEO code starts
	// with it in whole three-letter units, case-insensitively ("ISR" matches ISR, ISRGOV and
	// ISRMIL; "ISRG" matches only a code ISRG).
	Actor string `json:"actor,omitempty"`
	// EventType keeps articles with an event of this PLOVER type ("ASSAULT") or CAMEO code
	// prefix ("19" for the CAMEO root FIGHT, "0311").
	EventType string     `json:"event_type,omitempty"`
	Outlet    string     `json:"outlet,omitempty"`
	Language  string     `json:"language,omitempty"`
	Since     *time.Time `json:"since,omitempty"` // published at or after
	Until     *time.Time `json:"until,omitempty"` // published before
	StoryID   int64      `json:"story_id,omitempty"`
	Offset    int        `json:"offset,omitempty"`
	// Limit caps the number of results; zero or less means 20.
	Limit int `json:"limit,omitempty"`
}

// SearchResult is one article found by a search. Snippet is an extract of the article text with
// matched terms between SnippetOpen and SnippetClose; Score is the relevance (BM25, higher is
// better; zero when the query had no words).
type SearchResult struct {
	Article *Article `json:"article"`
	Snippet string   `json:"snippet"`
	Score   float64  `json:"score"`
}

// SearchCountLimit bounds how many matches a search counts: a total equal to it means at least
// that many. Counting every match of a common word on a large store costs as much as the search.
const SearchCountLimit = 10000

// SearchService searches stored articles. Search returns one page of results, best first, and
// the total number of matching articles.
type SearchService interface {
	Search(ctx context.Context, q SearchQuery) ([]SearchResult, int, error)
}
