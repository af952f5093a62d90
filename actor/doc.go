// Package actor finds who is named in an article and who they are at the article's date.
//
// The Tagger stage fills Article.Mentions and Article.Actors: people, organisations, governments,
// countries and places, armed groups and media outlets, with the titles attached to them in the
// text ("Israel's defense minister Yoav Gallant", "Pentagon press secretary Patrick Ryder"). Names
// are looked up in a knowledge base (KB) through a trie over lower-cased token sequences; unknown
// capitalised names are chunked and typed from context. Within an article, surnames ("Gallant"),
// titles ("the former president"), subject pronouns ("he added"), epithets ("the Jewish state") and
// metonyms ("the White House", "the Pentagon", "Tehran") are resolved to actors.
//
// The KB is embedded (data/*.txt, a plain-text format documented in docs/actors.md) and holds
// countries with their demonyms and capitals, international organisations, armed groups, media
// outlets and officials with tenure dates, so that "the president" resolves to the holder at the
// article's date. PETRARCH/TABARI actor dictionaries can be imported with ParsePETRARCH and merged
// under the embedded entries with KB.Merge. When an article has no publication date, the tagger
// infers a range from the offices named in it and from explicit dates (Article.PublishedInferred).
package actor
