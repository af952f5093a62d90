package sitrep

import "time"

// Mention types.
const (
	MentionPerson  = "person"
	MentionOrg     = "org"
	MentionCountry = "country"
	MentionPlace   = "place"
	MentionMedia   = "media"
	MentionGroup   = "group"
)

// Mention is a name (or a resolved reference such as "he" or "the Jewish state") in the text of an
// article. ActorID points to an entry of Article.Actors.
type Mention struct {
	Text    string `json:"text"`
	Start   int    `json:"start"`
	End     int    `json:"end"`
	Type    string `json:"type"`
	ActorID string `json:"actor_id"`
	// Role is the title or role attached to the mention in the text ("defense minister").
	Role string `json:"role,omitempty"`
	// Resolution says how the mention was resolved: "name", "alias", "surname", "title",
	// "pronoun", "metonym", "demonym", "unknown".
	Resolution string `json:"resolution,omitempty"`
}

// Actor types.
const (
	ActorPerson  = "person"
	ActorCountry = "country"
	ActorGov     = "government"
	ActorOrg     = "org"
	ActorIGO     = "igo"
	ActorGroup   = "group"
	ActorMedia   = "media"
	ActorPlace   = "place"
)

// Actor is a canonical participant: a person, a state or one of its sectors, an organisation, an
// armed group or a media outlet. Code follows CAMEO conventions: country (ISO 3166 alpha-3) plus
// sector ("ISRGOV", "USAMIL", "IRN").
type Actor struct {
	ID      string `json:"id"`
	Name    string `json:"name"`
	Type    string `json:"type"`
	Country string `json:"country,omitempty"`
	Code    string `json:"code,omitempty"`
	Roles   []Role `json:"roles"`
	// Aliases are other names of the actor (knowledge base entries only).
	Aliases []string `json:"aliases,omitempty"`
}

// Role is an office or function an actor holds, with its validity. Zero Start or End means open.
type Role struct {
	Title   string    `json:"title"`
	Country string    `json:"country,omitempty"`
	Code    string    `json:"code,omitempty"`
	Start   time.Time `json:"start,omitzero"`
	End     time.Time `json:"end,omitzero"`
	// Current tells whether the role was held at the article's date (analysis output only).
	Current bool `json:"current,omitempty"`
}

// HeldAt reports whether the role was held at t.
func (r Role) HeldAt(t time.Time) bool {
	if !r.Start.IsZero() && t.Before(r.Start) {
		return false
	}
	if !r.End.IsZero() && !t.Before(r.End) {
		return false
	}
	return true
}
