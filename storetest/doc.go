// Package storetest is the conformance suite every sitrep store backend runs. A backend's tests
// call Run with a function that opens a fresh, empty store; the suite then checks the article,
// search, profile and alert services against the behaviour the root package documents, on
// realistic articles: the seed articles read from the shared folder at test time (skipped when
// absent) and articles written for this suite.
//
// The SQLite backend runs the suite on every test run. A PostgreSQL backend would run it only when
// SITREP_TEST_POSTGRES_DSN is set (see PostgresDSN), skipping otherwise.
//
// Corpus builds large synthetic article sets from real sentences for benchmarks.
package storetest
