// Package story groups analysed articles into stories and stories into storylines, online.
//
// A story is a cluster of articles reporting one real-world happening. Each new article is
// turned into features (package-level Extract): TF-weighted words, entities (actor codes from the
// actor stage, capitalised names, places), event types from the event stage, and a date interval
// (publication day, else a date found in the text). The Clusterer finds a few candidate stories
// through an inverted index over the strongest features — reading only the most recent stories
// of each posting list, so the cost per article does not grow with the number held — and scores
// each candidate with a weighted sum of IDF-weighted cosines (words, entities) and event-type
// overlap, multiplied by a time factor that decays with the gap between the article's date and
// the story's date range. The article joins the best story when the score reaches
// Options.Threshold, or opens a new story; a one- or two-article candidate story the article also
// matched is absorbed into the story it joined (Options.AbsorbSize); stories bridged by an article are merged when their
// centroids match, and a growing story whose articles fall into two dissimilar groups (an early,
// ambiguous join glued two happenings together) is split (Options.SplitThreshold); both make the
// grouping less dependent on arrival order. IDF is maintained incrementally, with a prior of
// imaginary articles so that it is meaningful from the first article on.
//
// Storylines link stories over months and years (Story Forest): a new story joins the storyline
// of its best matching earlier story when shared actors, words and event types score above
// Options.StorylineThreshold, and every link carries a reason ("shared actors ISR, IRN; event
// types ASSAULT; 93 days apart (story 4)"). Ids are stable: Merge keeps the older id, Split keeps
// the id on the larger part, Move and MoveStory reverse single decisions.
//
// Timeline and Escalation return the dated events of a storyline or an actor pair and their daily
// Goldstein index, the series a chart draws. With a sitrep.ClusterStore, Open rebuilds the
// in-memory indexes from the persisted state and Flush writes changes in one batch.
package story
