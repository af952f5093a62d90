package sitrep

import (
	"context"
	"time"
)

// Story is a cluster of articles that report the same real-world happening.
type Story struct {
	ID          int64     `json:"id"`
	StorylineID int64     `json:"storyline_id"`
	Title       string    `json:"title"`
	Summary     string    `json:"summary"`
	KeyActors   []string  `json:"key_actors"`
	KeyEvents   []Event   `json:"key_events"`
	FirstSeen   time.Time `json:"first_seen"`
	LastSeen    time.Time `json:"last_seen"`
	// Sources counts articles; Origins counts independent origins (articles that are not copies).
	Sources    int        `json:"sources"`
	Origins    int        `json:"origins"`
	Outlets    []string   `json:"outlets"`
	ArticleIDs []string   `json:"article_ids,omitempty"`
	Articles   []*Article `json:"articles,omitempty"`
	// KeyEventReports lists, for each entry of KeyEvents (same index), the articles and outlets
	// that reported it.
	KeyEventReports []EventReport `json:"key_event_reports,omitempty"`
}

// Storyline links stories over months and years. IDs are stable: a merge keeps the older id.
type Storyline struct {
	ID        int64     `json:"id"`
	Title     string    `json:"title"`
	StoryIDs  []int64   `json:"story_ids"`
	KeyActors []string  `json:"key_actors"`
	FirstSeen time.Time `json:"first_seen"`
	LastSeen  time.Time `json:"last_seen"`
	// Links explain why each story joined ("shared actors ISR, IRN; event types ASSAULT; 93 days").
	Links []StoryLink `json:"links,omitempty"`
}

// StoryLink records why a story is part of a storyline.
type StoryLink struct {
	StoryID int64   `json:"story_id"`
	Reason  string  `json:"reason"`
	Score   float64 `json:"score"`
}

// StoryFilter selects stories. Zero fields do not filter.
type StoryFilter struct {
	ID          *int64
	StorylineID *int64
	Since       *time.Time
	Actor       *string
	Offset      int
	Limit       int
}

// StoryService manages stories. Methods return ENOTFOUND if the story does not exist.
type StoryService interface {
	FindStoryByID(ctx context.Context, id int64) (*Story, error)
	FindStories(ctx context.Context, filter StoryFilter) ([]*Story, int, error)
}

// Profile is a tracking profile: what an analyst follows. Every ingest is matched against it.
type Profile struct {
	ID        int64     `json:"id"`
	Name      string    `json:"name"`
	Actors    []string  `json:"actors"`
	Events    []string  `json:"events"`
	Query     string    `json:"query"`
	Webhook   string    `json:"webhook,omitempty"`
	CreatedAt time.Time `json:"created_at"`
}

// Validate returns an error if the profile is not usable.
func (p *Profile) Validate() error {
	if p.Name == "" {
		return Errorf(EINVALID, "Profile name required.")
	}
	if len(p.Actors) == 0 && len(p.Events) == 0 && p.Query == "" {
		return Errorf(EINVALID, "Profile needs actors, events or a query.")
	}
	return nil
}

// Alert kinds.
const (
	AlertNewStory     = "new_story"
	AlertNewActor     = "new_actor"
	AlertEscalation   = "escalation"
	AlertNewEventType = "new_event_type"
	AlertClaimStatus  = "claim_status"
)

// Alert is a development matched by a profile. Key identifies the development, so the same one
// never fires twice for one profile.
type Alert struct {
	ID          int64     `json:"id"`
	ProfileID   int64     `json:"profile_id"`
	Kind        string    `json:"kind"`
	Key         string    `json:"key"`
	StoryID     int64     `json:"story_id,omitempty"`
	StorylineID int64     `json:"storyline_id,omitempty"`
	ArticleID   string    `json:"article_id,omitempty"`
	Message     string    `json:"message"`
	CreatedAt   time.Time `json:"created_at"`
}
