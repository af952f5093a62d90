package ingest

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/sitrep/sitrep"
)

// Sentinel errors, wrapped in *Error with the file and line where they happened.
var (
	ErrEmpty       = errors.New("empty input")
	ErrBinary      = errors.New("binary data, not text")
	ErrTooLarge    = errors.New("too large")
	ErrNoBody      = errors.New(`record has neither "text" nor "html"`)
	ErrUnknownType = errors.New("unknown file type")
)

// Error is a problem with one file or one record. Line is 0 when it concerns the whole file.
type Error struct {
	Path string
	Line int
	Err  error
}

// Error implements the error interface: "path:line: reason".
func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %v", e.Path, e.Line, e.Err)
	}
	return fmt.Sprintf("%s: %v", e.Path, e.Err)
}

// Unwrap returns the underlying error.
func (e *Error) Unwrap() error { return e.Err }

// Options control reading.
type Options struct {
	// Published, Outlet and URL are metadata for plain files (text and HTML without a record).
	// Records in JSON files keep their own values; these fill only what a record lacks.
	Published *time.Time
	Outlet    string
	URL       string
	// MaxRecord bounds one JSON record or JSON Lines line (bytes).
	MaxRecord int
	// MaxFile bounds one text or HTML document (bytes, after decompression).
	MaxFile int64
}

// DefaultOptions returns the limits the sitrep binary uses.
func DefaultOptions() Options {
	return Options{MaxRecord: 16 << 20, MaxFile: 16 << 20}
}

// Item is one article read from the input, or the error that replaced it.
type Item struct {
	Article *sitrep.Article
	Err     error
}

// Reader reads articles from paths. Its zero value is not usable: use NewReader.
type Reader struct {
	opts  Options
	stdin io.Reader
}

// NewReader returns a reader; stdin is read for the path "-".
func NewReader(opts Options, stdin io.Reader) *Reader {
	if opts.MaxRecord <= 0 {
		opts.MaxRecord = DefaultOptions().MaxRecord
	}
	if opts.MaxFile <= 0 {
		opts.MaxFile = DefaultOptions().MaxFile
	}
	return &Reader{opts: opts, stdin: stdin}
}

// Read reads every path in order and calls emit for each article or error. Directories are
// walked recursively in name order, reading files with a known extension. It stops early only when
// ctx is done or emit returns an error, and returns that error.
func (r *Reader) Read(ctx context.Context, paths []string, emit func(Item) error) error {
	for _, p := range paths {
		if err := ctx.Err(); err != nil {
			return err
		}
		if p == "-" {
			if err := r.readStream(ctx, "<stdin>", "", io.NopCloser(r.stdin), emit); err != nil {
				return err
			}
			continue
		}
		st, err := os.Stat(p)
		if err != nil {
			if err := emit(Item{Err: &Error{Path: p, Err: unwrapPathError(err)}}); err != nil {
				return err
			}
			continue
		}
		if !st.IsDir() {
			if err := r.readFile(ctx, p, true, emit); err != nil {
				return err
			}
			continue
		}
		var files []string
		werr := filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return emit(Item{Err: &Error{Path: path, Err: unwrapPathError(err)}})
			}
			if d.IsDir() {
				if path != p && strings.HasPrefix(d.Name(), ".") {
					return filepath.SkipDir
				}
				return nil
			}
			if strings.HasPrefix(d.Name(), ".") || formatOf(path) == "" {
				return nil
			}
			files = append(files, path)
			return nil
		})
		if werr != nil {
			return werr
		}
		sort.Strings(files)
		for _, f := range files {
			if err := r.readFile(ctx, f, false, emit); err != nil {
				return err
			}
		}
	}
	return nil
}

func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// formatOf returns "text", "html", "json" or "jsonl" from a file name (".gz" stripped), or "".
func formatOf(name string) string {
	n := strings.ToLower(name)
	n = strings.TrimSuffix(n, ".gz")
	switch filepath.Ext(n) {
	case ".txt", ".text":
		return "text"
	case ".html", ".htm", ".xhtml":
		return "html"
	case ".json":
		return "json"
	case ".jsonl", ".ndjson":
		return "jsonl"
	}
	return ""
}

func (r *Reader) readFile(ctx context.Context, path string, explicit bool, emit func(Item) error) error {
	f, err := os.Open(path)
	if err != nil {
		return emit(Item{Err: &Error{Path: path, Err: unwrapPathError(err)}})
	}
	format := formatOf(path)
	if format == "" && !explicit {
		f.Close()
		return nil
	}
	return r.readStream(ctx, path, format, f, emit)
}

// readStream reads one file or stream; format "" means sniff it. It closes rc.
func (r *Reader) readStream(ctx context.Context, path, format string, rc io.ReadCloser, emit func(Item) error) error {
	defer rc.Close()
	br := bufio.NewReaderSize(rc, 64<<10)
	// gzip by magic number, whatever the name says
	if head, _ := br.Peek(2); len(head) == 2 && head[0] == 0x1f && head[1] == 0x8b {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return emit(Item{Err: &Error{Path: path, Err: fmt.Errorf("gzip: %w", err)}})
		}
		defer zr.Close()
		br = bufio.NewReaderSize(zr, 64<<10)
	}
	if format == "" {
		format = sniff(br)
	}
	switch format {
	case "jsonl":
		return r.readJSONL(ctx, path, br, emit)
	case "json":
		data, err := readLimited(br, int64(r.opts.MaxRecord))
		if err != nil {
			return emit(Item{Err: &Error{Path: path, Err: err}})
		}
		trimmed := bytes.TrimSpace(data)
		if len(trimmed) == 0 {
			return emit(Item{Err: &Error{Path: path, Err: ErrEmpty}})
		}
		// A .json file holding several records one per line is read as JSON Lines.
		if bytes.Count(trimmed, []byte("\n{")) > 0 && !json.Valid(trimmed) {
			return r.readJSONL(ctx, path, bufio.NewReader(bytes.NewReader(data)), emit)
		}
		a, err := r.record(trimmed, path)
		if err != nil {
			return emit(Item{Err: &Error{Path: path, Err: err}})
		}
		return emit(Item{Article: a})
	case "text", "html":
		data, err := readLimited(br, r.opts.MaxFile)
		if err != nil {
			return emit(Item{Err: &Error{Path: path, Err: err}})
		}
		a, err := r.document(data, format, path)
		if err != nil {
			return emit(Item{Err: &Error{Path: path, Err: err}})
		}
		return emit(Item{Article: a})
	}
	return emit(Item{Err: &Error{Path: path, Err: ErrUnknownType}})
}

// sniff guesses the format of an unnamed stream from its first bytes.
func sniff(br *bufio.Reader) string {
	head, _ := br.Peek(512)
	h := bytes.TrimLeft(head, " \t\r\n\ufeff")
	h = bytes.TrimPrefix(h, []byte("\xef\xbb\xbf"))
	switch {
	case len(h) > 0 && h[0] == '{':
		return "jsonl" // one record per line; a single pretty-printed record falls back below
	case len(h) > 0 && h[0] == '<':
		return "html"
	}
	return "text"
}

// readLimited reads all of r, failing with ErrTooLarge past limit bytes and reporting a
// truncated compressed stream as such.
func readLimited(r io.Reader, limit int64) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		if errors.Is(err, io.ErrUnexpectedEOF) {
			return nil, fmt.Errorf("truncated input: %w", err)
		}
		return nil, err
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("%w: more than %d bytes", ErrTooLarge, limit)
	}
	return data, nil
}

func (r *Reader) readJSONL(ctx context.Context, path string, br *bufio.Reader, emit func(Item) error) error {
	line := 0
	var buf []byte
	records := 0
	hadErr := false
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		line++
		buf = buf[:0]
		tooLong := false
		var rerr error
		for {
			chunk, err := br.ReadSlice('\n')
			if !tooLong {
				if len(buf)+len(chunk) > r.opts.MaxRecord {
					tooLong = true
					buf = buf[:0]
				} else {
					buf = append(buf, chunk...)
				}
			}
			if err == bufio.ErrBufferFull {
				continue
			}
			rerr = err
			break
		}
		if tooLong {
			hadErr = true
			if err := emit(Item{Err: &Error{Path: path, Line: line, Err: fmt.Errorf("%w: line longer than %d bytes", ErrTooLarge, r.opts.MaxRecord)}}); err != nil {
				return err
			}
		} else if rec := bytes.TrimSpace(buf); len(rec) > 0 {
			// a read error mid-line means the last record is cut: do not parse half a record
			if rerr != nil && rerr != io.EOF {
				break
			}
			records++
			src := fmt.Sprintf("%s:%d", path, line)
			a, err := r.record(rec, src)
			if err != nil {
				err = &Error{Path: path, Line: line, Err: err}
			}
			if err := emit(Item{Article: a, Err: err}); err != nil {
				return err
			}
		}
		if rerr == io.EOF {
			if records == 0 && !hadErr {
				return emit(Item{Err: &Error{Path: path, Err: ErrEmpty}})
			}
			return nil
		}
		if rerr != nil {
			if errors.Is(rerr, io.ErrUnexpectedEOF) {
				rerr = fmt.Errorf("truncated input after %d records: %w", records, rerr)
			}
			return emit(Item{Err: &Error{Path: path, Line: line, Err: rerr}})
		}
	}
	return emit(Item{Err: &Error{Path: path, Line: line, Err: errors.New("truncated input: last record cut off")}})
}

// Record is the JSON input record. Every field is optional except one of Text and HTML.
type Record struct {
	ID        string `json:"id"`
	URL       string `json:"url"`
	Outlet    string `json:"outlet"`
	Title     string `json:"title"`
	Author    string `json:"author"`
	Published string `json:"published"`
	Language  string `json:"language"`
	Text      string `json:"text"`
	HTML      string `json:"html"`
}

func (r *Reader) record(data []byte, src string) (*sitrep.Article, error) {
	var rec Record
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&rec); err != nil {
		return nil, fmt.Errorf("invalid JSON: %w", err)
	}
	if dec.More() {
		return nil, errors.New("invalid JSON: more than one value on the line")
	}
	a := &sitrep.Article{
		ID: strings.TrimSpace(rec.ID), URL: rec.URL, Outlet: rec.Outlet, Title: rec.Title,
		Author: rec.Author, Language: rec.Language, Source: src,
	}
	switch {
	case strings.TrimSpace(rec.Text) != "":
		a.Raw, a.RawFormat = rec.Text, "text"
	case strings.TrimSpace(rec.HTML) != "":
		a.Raw, a.RawFormat = rec.HTML, "html"
	default:
		return nil, ErrNoBody
	}
	if !utf8.Valid(data) {
		a.Flags = append(a.Flags, sitrep.Flag{Kind: "invalid_utf8", Detail: "invalid UTF-8 in record replaced"})
	}
	if rec.Published != "" {
		t, err := ParseTime(rec.Published)
		if err != nil {
			a.Flags = append(a.Flags, sitrep.Flag{Kind: "bad_published", Detail: err.Error()})
		} else {
			a.Published = &t
		}
	}
	r.fill(a)
	return a, nil
}

func (r *Reader) document(data []byte, format, src string) (*sitrep.Article, error) {
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, ErrEmpty
	}
	if isBinary(data) {
		return nil, ErrBinary
	}
	a := &sitrep.Article{Raw: string(data), RawFormat: format, Source: src}
	if !utf8.Valid(data) {
		a.Raw = strings.ToValidUTF8(a.Raw, "\uFFFD")
		a.Flags = append(a.Flags, sitrep.Flag{Kind: "invalid_utf8", Detail: "invalid UTF-8 bytes replaced with U+FFFD"})
	}
	if format == "html" && !looksHTML(data) {
		a.RawFormat = "text"
	}
	r.fill(a)
	return a, nil
}

// fill applies the command-line metadata and the content-hash id.
func (r *Reader) fill(a *sitrep.Article) {
	if a.Published == nil && r.opts.Published != nil {
		t := *r.opts.Published
		a.Published = &t
	}
	if a.Outlet == "" {
		a.Outlet = r.opts.Outlet
	}
	if a.URL == "" {
		a.URL = r.opts.URL
	}
	if a.ID == "" {
		a.ID = ContentID(a.Raw)
	}
}

// ContentID is the id of an article given none: "sha256:" and the first 16 hex digits of the
// SHA-256 of its raw content.
func ContentID(raw string) string {
	sum := sha256.Sum256([]byte(raw))
	return "sha256:" + hex.EncodeToString(sum[:8])
}

// isBinary reports whether data looks like binary rather than text: a NUL byte or many control
// characters in its first 8 KiB.
func isBinary(data []byte) bool {
	head := data
	if len(head) > 8192 {
		head = head[:8192]
	}
	ctrl := 0
	for _, c := range head {
		if c == 0 {
			return true
		}
		if c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' {
			ctrl++
		}
	}
	return ctrl*20 > len(head)
}

func looksHTML(data []byte) bool {
	head := data
	if len(head) > 4096 {
		head = head[:4096]
	}
	h := bytes.ToLower(head)
	return bytes.Contains(h, []byte("<html")) || bytes.Contains(h, []byte("<body")) ||
		bytes.Contains(h, []byte("<p")) || bytes.Contains(h, []byte("<div")) || bytes.Contains(h, []byte("<!doctype"))
}

// ParseTime parses a publication date: RFC 3339, a date (2006-01-02), or a few common variants.
func ParseTime(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	for _, layout := range []string{
		time.RFC3339Nano, "2006-01-02T15:04:05", "2006-01-02 15:04:05", "2006-01-02 15:04",
		"2006-01-02", "2006/01/02", time.RFC1123Z, time.RFC1123, "January 2, 2006", "Jan 2, 2006", "2 January 2006",
	} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("unrecognised date %q (want YYYY-MM-DD or RFC 3339)", s)
}
