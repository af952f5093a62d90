package sitrep

import (
	"context"
	"time"
)

// StorylineFilter selects storylines. Zero fields do not filter.
type StorylineFilter struct {
	ID     *int64
	Actor  *string
	Offset int
	Limit  int
}

// StorylineService reads storylines. Methods return ENOTFOUND if the storyline does not exist.
type StorylineService interface {
	FindStorylineByID(ctx context.Context, id int64) (*Storyline, error)
	FindStorylines(ctx context.Context, filter StorylineFilter) ([]*Storyline, int, error)
}

// StoryEditor applies an analyst's corrections to the grouping (sitrep story merge|split|move).
// Every operation is explained and reversible: Merge keeps the older id, Split keeps the id on
// the larger part, and Move can be undone by moving the article back.
type StoryEditor interface {
	Merge(ctx context.Context, a, b int64) (*Story, error)
	Split(ctx context.Context, id int64, articleIDs []string) (kept, split *Story, err error)
	Move(ctx context.Context, articleID string, storyID int64) error
}

// EventReport lists the articles and outlets that reported one key event of a story; the i-th
// report of Story.KeyEventReports belongs to Story.KeyEvents[i].
type EventReport struct {
	// Articles lists the reporting articles, oldest first: all of them, or the oldest 100 when
	// more reported the event (ArticlesTotal then counts them all).
	Articles []string `json:"articles"`
	Outlets  []string `json:"outlets"`
	// Mentions counts the coded mentions of the event across all reporting articles.
	Mentions int `json:"mentions"`
	// ArticlesTotal is the number of reporting articles when Articles lists only some of them
	// (a story of more than 100 such articles); absent otherwise.
	ArticlesTotal int `json:"articles_total,omitempty"`
}

// Reports returns the number of reporting articles, listed or not.
func (r EventReport) Reports() int { return max(r.ArticlesTotal, len(r.Articles)) }

// TimelineEntry is one dated event of a storyline or an actor pair, with the story it belongs to
// and the articles reporting it.
type TimelineEntry struct {
	Date    string `json:"date"`
	StoryID int64  `json:"story_id"`
	Event   Event  `json:"event"`
	// Articles lists the reporting articles, oldest first: all of them, or the oldest 100 when
	// more reported the event (ArticlesTotal then counts them all).
	Articles []string `json:"articles"`
	// ArticlesTotal is the number of reporting articles when Articles lists only some of them;
	// absent otherwise.
	ArticlesTotal int `json:"articles_total,omitempty"`
}

// Reports returns the number of reporting articles, listed or not.
func (e TimelineEntry) Reports() int { return max(e.ArticlesTotal, len(e.Articles)) }

// EscalationPoint is one day of an escalation index: the mean and minimum Goldstein value of the
// day's events and how many there were. Negative values are conflictual, positive cooperative.
type EscalationPoint struct {
	Date  string  `json:"date"`
	Mean  float64 `json:"mean"`
	Min   float64 `json:"min"`
	Count int     `json:"count"`
}

// ClusterArticle is what the story clusterer persists for one article: its assignment, its
// ingest order and its features (an opaque encoding owned by package story).
type ClusterArticle struct {
	ArticleID   string  `json:"article_id"`
	StoryID     int64   `json:"story_id"`
	StorylineID int64   `json:"storyline_id"`
	Seq         int64   `json:"seq"`
	DuplicateOf string  `json:"duplicate_of,omitempty"`
	Similarity  float64 `json:"similarity,omitempty"`
	Features    []byte  `json:"-"`
}

// ClusterState is the persisted state of the clusterer, from which it rebuilds its indexes.
// Articles come in Seq order.
type ClusterState struct {
	Articles   []ClusterArticle
	Stories    []*Story
	Storylines []*Storyline
	// NextStoryID and NextStorylineID are the next ids to allocate (ids are never reused).
	NextStoryID, NextStorylineID int64
}

// ClusterChanges is one batch of clusterer changes written in one transaction: upserts of
// articles, stories (with ArticleIDs) and storylines (with StoryIDs and Links), and deletions.
type ClusterChanges struct {
	Articles                     []ClusterArticle
	Stories                      []*Story
	DeletedStories               []int64
	Storylines                   []*Storyline
	DeletedStorylines            []int64
	NextStoryID, NextStorylineID int64
	// At stamps the change (updated_at columns).
	At time.Time
}

// ClusterStore persists the story clusterer's state.
type ClusterStore interface {
	LoadClusterState(ctx context.Context) (*ClusterState, error)
	SaveClusterChanges(ctx context.Context, ch *ClusterChanges) error
}
