// Package quote finds who said what in an article: direct quotes (straight and curly marks,
// quotes running over several sentences or paragraphs, quotes nested inside quotes), indirect
// attributions ("X said that …", "according to X", "officials told Axios", "it is believed"),
// the source of each (a named actor, an anonymous source with its description, or a media
// outlet), the chain of outlets a source was relayed through, hedges and verification marks
// ("reportedly", "CNN is unable to verify these claims") and one normalised claim per
// attribution for matching the same claim across articles.
//
// The model is PolNeAR's source / cue / content triple. Extraction is rule-based and works on the
// shared token stream of package text; it uses the actor stage's mentions when present (to give
// speakers actor ids and resolve pronouns) but needs none: capitalised-name windows, pronouns, an
// embedded media-outlet list and an anonymous-source head-noun list let it run on plain text.
//
// The lexicons live in data/ and are embedded: data/cues.txt (cue verbs with a class and a
// stance), data/media.txt (outlet names) and data/anonymous.txt (head nouns of unnamed sources).
package quote
