// Package timex finds temporal expressions in an article and normalises them in TIMEX3 style,
// following the HeidelTime design: extraction rules over tokens plus normalisation functions.
//
// The Tagger is a pipeline stage ("timex"). It walks the tokens of the parsed text once; only
// tokens that can begin a temporal expression (month and weekday names, numbers, deictic words
// such as "yesterday", "last", "recent", …) trigger the rules, which are plain Go matchers over
// the following tokens rather than regular expressions over the text. Each match is normalised:
//
//   - explicit dates ("Oct. 1, 2024", "in 2018", "the 1990s") get their value from the text alone;
//   - relative expressions ("yesterday", "last week", "on Thursday", "Oct 1", "early October")
//     are anchored on the article's publication date, and the direction of underspecified ones
//     (a weekday, a month without a year) is chosen from the tense of the verbs nearest to the
//     expression in its sentence: past ("said Thursday", "met on Thursday"), future ("will meet
//     Thursday", "is scheduled to … Thursday") or present (the nearest such day);
//   - vague references become PAST_REF, PRESENT_REF or FUTURE_REF ("recent days", "now",
//     "in the coming days", "within weeks or months");
//   - named past events used as time references ("the 12-day war") get the type EVENT.
//
// Without a publication date, relative expressions keep an underspecified TIMEX3 value where the
// text fixes part of it ("XXXX-10-01" for "Oct 1", "XXXX-WXX-4" for "Thursday") and an empty value
// otherwise ("yesterday", "last week"); their Anchor is "none". In that case the Tagger also
// estimates the earliest possible publication date from the latest explicit date mentioned in a
// past-tense or untensed sentence (Article.PublishedInferred).
//
// The words the rules use (month and weekday names, number words, units, holidays, named events)
// are in data/lexicon.txt, embedded in the binary; its header documents the format.
package timex
