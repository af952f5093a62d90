// Package demo holds the bundled demo corpus that "sitrep serve --demo" loads into an empty
// database, so that a newcomer sees stories, a storyline, quotes, events and alerts at once.
//
// The corpus (corpus.jsonl, embedded) was written for sitrep in the project's own words. It is
// invented: an imagined 2026 dispute between Norway and Iceland over mackerel quotas that runs
// from May to October (failed talks, a unilateral quota, a trawler detention, a summoned
// ambassador, a port-ban threat, disputed warning shots, a denied ramming, mediation and an
// interim agreement), plus unrelated noise (sport, the economy, weather, a city council). The
// outlets ("Demo Wire", "Demo Herald", "Demo Courier", "Demo Observer", "Demo Business Daily",
// "Demo Sports Desk") and every named official are invented; a few quotes are attributed to
// anonymous or generic sources and one report cannot be verified, so that every attribution kind
// appears. Five Demo Wire reports are republished, lightly edited, by two other outlets (wire
// copies).
//
// The format is the ingest record format, one JSON object a line:
// {"id","url","outlet","title","author","published","language","text"}, with published in
// RFC 3339 and paragraphs separated by blank lines. URLs use the reserved .invalid domain.
package demo
