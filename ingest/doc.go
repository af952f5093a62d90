// Package ingest turns input paths into raw articles: plain-text, HTML, JSON (one record) and JSON
// Lines files, each optionally gzip-compressed, directories walked recursively, and standard
// input. Every article it yields names where it came from ("feed.jsonl:12"); every bad file or
// record is reported as an *Error naming the file (and line, for JSON Lines) and the reader moves
// on, so one broken file never aborts a batch. Memory stays bounded whatever the input: records
// and files have size limits, lines are read with a bounded buffer.
package ingest
