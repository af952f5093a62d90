package sitrep

import (
	"context"
	"time"
)

// Article is one news article: the raw document as ingested, the clean body text derived from it,
// and everything the analysis stages extracted. Every span in the article (mentions, time
// expressions, quotes, events) is a pair of UTF-8 byte offsets [Start, End) into Text.
type Article struct {
	// ID is the id given in the input record, or else "sha256:" + the first 16 hex digits of the
	// SHA-256 of the raw content. Ingesting the same id twice is a no-op.
	ID string `json:"id"`
	// URL is the article's address, when known.
	URL string `json:"url"`
	// Outlet is the publishing outlet's name ("Voz media", "CNN"), when known.
	Outlet string `json:"outlet"`
	// Title is the headline: from the record, the HTML metadata, or the first headline-like line.
	Title string `json:"title"`
	// Author is the byline's name(s), when known.
	Author string `json:"author"`
	// Published is the publication time: from the record, the command line or the HTML metadata.
	// Nil when unknown.
	Published *time.Time `json:"published"`
	// PublishedInferred is an estimate of the publication date derived from the text when Published
	// is unknown (explicit dates, who holds which office). Nil when no estimate could be made.
	PublishedInferred *DateRange `json:"published_inferred,omitempty"`
	// Language is the detected (or given) ISO 639-1 language code; "und" when undetermined.
	Language string `json:"language"`
	// Dateline is the place in a dateline opening the body ("WASHINGTON"), when present.
	Dateline string `json:"dateline"`
	// Text is the clean body: title and page debris excluded, damage repaired.
	Text string `json:"text"`

	// Removed lists what cleaning removed from the input, each with a reason.
	Removed []Removal `json:"removed"`
	// Repairs lists what cleaning changed in the text, each with a reason.
	Repairs []Repair `json:"repairs"`
	// Flags are article-level warnings from cleaning and analysis ("blanked_slot", "non_english").
	Flags []Flag `json:"flags,omitempty"`

	Mentions []Mention  `json:"mentions"`
	Actors   []Actor    `json:"actors"`
	Timexes  []TimeExpr `json:"timexes"`
	Quotes   []Quote    `json:"quotes"`
	Claims   []Claim    `json:"claims"`
	Events   []Event    `json:"events"`

	// StoryID, StorylineID and DuplicateOf are set for stored articles once clustering has run.
	StoryID     int64  `json:"story_id,omitempty"`
	StorylineID int64  `json:"storyline_id,omitempty"`
	DuplicateOf string `json:"duplicate_of,omitempty"`
	// Similarity is the similarity with the article in DuplicateOf (0..1).
	Similarity float64 `json:"duplicate_similarity,omitempty"`

	// Source names where the article came from ("file.jsonl:12"); informational.
	Source string `json:"source,omitempty"`
	// Raw is the raw input (HTML or text) as ingested. It is stored but not printed.
	Raw string `json:"-"`
	// RawFormat is "html" or "text".
	RawFormat string `json:"-"`
	// IngestedAt is when the article was first stored.
	IngestedAt time.Time `json:"ingested_at,omitzero"`
}

// Removal is a piece of the input that cleaning dropped, with the rule that dropped it.
type Removal struct {
	Text   string `json:"text"`
	Reason string `json:"reason"`
}

// Repair is a change cleaning made to the text: From was replaced by To, for Reason.
type Repair struct {
	From   string `json:"from"`
	To     string `json:"to"`
	Reason string `json:"reason"`
}

// Flag is an article-level warning. Start and End locate it in Text when it has a place (a blanked
// slot such as "met on , with"); both are zero otherwise.
type Flag struct {
	Kind   string `json:"kind"`
	Start  int    `json:"start"`
	End    int    `json:"end"`
	Detail string `json:"detail,omitempty"`
}

// DateRange is an inclusive range of dates with the evidence that bounds it.
type DateRange struct {
	Earliest time.Time `json:"earliest"`
	Latest   time.Time `json:"latest"`
	Evidence []string  `json:"evidence"`
}

// Outlet is a publishing source.
type Outlet struct {
	Name   string `json:"name"`
	Domain string `json:"domain,omitempty"`
}

// IngestResult counts what one ingest did.
type IngestResult struct {
	New       int `json:"new"`
	Unchanged int `json:"unchanged"`
	Failed    int `json:"failed"`
}

// ArticleService stores articles. CreateArticles stores a batch in one transaction and reports,
// per article, whether it was new; an article whose ID is already stored is left as it is.
type ArticleService interface {
	CreateArticles(ctx context.Context, articles []*Article) (created []bool, err error)
	FindArticleByID(ctx context.Context, id string) (*Article, error)
	FindArticles(ctx context.Context, filter ArticleFilter) ([]*Article, int, error)
}

// ArticleFilter selects articles. Zero fields do not filter.
type ArticleFilter struct {
	ID       *string
	Outlet   *string
	Language *string
	Since    *time.Time
	Until    *time.Time
	StoryID  *int64
	// Query is an FTS5 query over title and text.
	Query string
	// Full loads the analysis (mentions … events) as well as the text.
	Full   bool
	Offset int
	Limit  int
}
