// Package event codes who did what to whom in an article: for each sentence it finds zero or more
// {source, target, action} triples, TABARI-style, without a parser. Actors come from the actor
// stage (Article.Mentions and Article.Actors) merged with the package's own actor dictionary
// (countries, demonyms, capitals, international organisations and agent nouns such as
// "officials" or "troops"); actions come from a verb and noun pattern dictionary written as plain
// text (data/verbs.txt). Each action carries its full CAMEO code with Goldstein value and
// QuadClass, its PLOVER type with mode and context, a mode of the event itself (asserted,
// planned, threatened, hypothetical, negated, reported), a date and the evidence that fired.
//
// Readers for PETRARCH's dictionary formats (verbs, actors, agents) let users plug in existing
// dictionaries, and WriteGDELT writes events as GDELT 2.0 event-table rows.
package event
