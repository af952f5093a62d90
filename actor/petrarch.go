package actor

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/sitrep/sitrep"
)

// ParsePETRARCH reads a PETRARCH/TABARI actor dictionary (Phoenix.*.actors.txt): a root phrase
// line ("BENJAMIN_NETANYAHU_", words joined by "_", a trailing "_" marking an exact phrase),
// "+SYNONYM" lines, and codes in brackets on the root line or on indented lines after it. Codes
// may carry date restrictions: "[ISRGOV >090401]" (from), "[YUGHRV <910625]" (until),
// "[USAGOV 090120-170120]" (between), with six-digit YYMMDD dates (years below 30 are 20YY) or
// eight-digit YYYYMMDD dates. "#" starts a comment, "<!-- … -->" blocks are skipped. Dated codes
// become Roles; the undated code becomes Code. Entries get Source "petrarch" and a type guessed
// from their codes (person when some code is dated). A code whose date restriction is malformed
// (the Phoenix files carry a few typos such as "9008223") is skipped; only read errors fail.
func ParsePETRARCH(r io.Reader) ([]Entry, error) {
	var out []*Entry
	var cur *Entry
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	inComment := false
	for sc.Scan() {
		line := sc.Text()
		if inComment {
			k := strings.Index(line, "-->")
			if k < 0 {
				continue
			}
			inComment = false
			line = line[k+3:]
		}
		for {
			k := strings.Index(line, "<!--")
			if k < 0 {
				break
			}
			if e := strings.Index(line[k:], "-->"); e >= 0 {
				line = line[:k] + line[k+e+3:]
				continue
			}
			line = line[:k]
			inComment = true
			break
		}
		if k := strings.IndexByte(line, '#'); k >= 0 {
			line = line[:k]
		}
		trim := strings.TrimSpace(line)
		if trim == "" {
			continue
		}
		indented := line[0] == ' ' || line[0] == '\t'
		switch {
		case trim[0] == '+':
			if cur == nil {
				continue
			}
			if name := phrase(trim[1:]); name != "" {
				cur.Aliases = append(cur.Aliases, name)
			}
		case trim[0] == '[':
			if cur == nil {
				continue
			}
			addCodes(cur, trim)
		case indented:
			continue
		default:
			r0 := rune(trim[0])
			if !unicode.IsLetter(r0) && !unicode.IsDigit(r0) && r0 != '\'' && r0 != '(' {
				continue // macro and directive lines of other dictionary kinds
			}
			head, codes := trim, ""
			if k := strings.IndexByte(trim, '['); k >= 0 {
				head, codes = trim[:k], trim[k:]
			}
			name := phrase(head)
			if name == "" {
				continue
			}
			cur = &Entry{Name: name, Source: "petrarch"}
			out = append(out, cur)
			if codes != "" {
				addCodes(cur, codes)
			}
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	res := make([]Entry, len(out))
	for i, e := range out {
		finishPetrarch(e)
		res[i] = *e
	}
	return res, nil
}

// phrase turns "BENJAMIN_NETANYAHU_" into "Benjamin Netanyahu".
func phrase(s string) string {
	s = strings.TrimSpace(strings.ReplaceAll(s, "_", " "))
	f := strings.Fields(s)
	for i, w := range f {
		f[i] = titleWord(w)
	}
	return strings.Join(f, " ")
}

func titleWord(w string) string {
	if len(w) <= 3 && strings.ToUpper(w) == w && !strings.ContainsAny(w, "aeiouAEIOU") {
		return w // acronyms like "UN", "PKK"
	}
	rs := []rune(strings.ToLower(w))
	up := true
	for i, r := range rs {
		if up && unicode.IsLetter(r) {
			rs[i] = unicode.ToUpper(r)
			up = false
		}
		if r == '-' || r == '.' || r == '\'' || r == '(' {
			up = true
		}
	}
	return string(rs)
}

// addCodes parses the bracketed codes of s into e, skipping malformed ones.
func addCodes(e *Entry, s string) {
	for {
		a := strings.IndexByte(s, '[')
		if a < 0 {
			return
		}
		b := strings.IndexByte(s[a:], ']')
		if b < 0 {
			return
		}
		body := strings.TrimSpace(s[a+1 : a+b])
		s = s[a+b+1:]
		f := strings.Fields(body)
		if len(f) == 0 {
			continue
		}
		code := strings.ToUpper(f[0])
		if strings.Trim(code, "-+#~") == "" {
			continue // null codes: "[---]"
		}
		spec := strings.Join(f[1:], "")
		if spec == "" {
			if e.Code == "" {
				e.Code = code
			}
			continue
		}
		start, end, err := parseRestriction(spec)
		if err != nil {
			continue
		}
		ro := sitrep.Role{Title: sectorTitle(code), Code: code, Start: start, End: end}
		if len(code) >= 3 {
			ro.Country = code[:3]
		}
		e.Roles = append(e.Roles, ro)
	}
}

// parseRestriction parses ">090401", "<911226", "090120-170120" (with optional spaces removed).
func parseRestriction(s string) (start, end time.Time, err error) {
	switch {
	case strings.HasPrefix(s, ">"):
		start, err = petrDate(s[1:])
	case strings.HasPrefix(s, "<"):
		end, err = petrDate(s[1:])
	default:
		a, b, ok := strings.Cut(s, "-")
		if !ok {
			return start, end, fmt.Errorf("bad date restriction %q", s)
		}
		if start, err = petrDate(a); err == nil {
			end, err = petrDate(b)
		}
	}
	return start, end, err
}

func petrDate(s string) (time.Time, error) {
	if _, err := strconv.Atoi(s); err != nil {
		return time.Time{}, fmt.Errorf("bad date %q", s)
	}
	switch len(s) {
	case 6:
		yy, _ := strconv.Atoi(s[:2])
		century := "19"
		if yy < 30 {
			century = "20"
		}
		s = century + s
	case 8:
	default:
		return time.Time{}, fmt.Errorf("bad date %q", s)
	}
	t, err := time.Parse("20060102", s)
	if err != nil {
		// dictionaries carry impossible days such as 310931: clamp to the month's end
		y, _ := strconv.Atoi(s[:4])
		m, _ := strconv.Atoi(s[4:6])
		if m < 1 || m > 12 {
			return time.Time{}, fmt.Errorf("bad date %q", s)
		}
		return time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC), nil
	}
	return t, nil
}

// sectorTitle names the office a dated PETRARCH code stands for.
func sectorTitle(code string) string {
	if len(code) < 6 {
		return "member (" + code + ")"
	}
	switch code[3:6] {
	case "GOV":
		return "government official (" + code + ")"
	case "MIL":
		return "military official (" + code + ")"
	case "ELI":
		return "elite (" + code + ")"
	case "OPP":
		return "opposition (" + code + ")"
	case "LEG":
		return "legislator (" + code + ")"
	case "JUD":
		return "judiciary (" + code + ")"
	case "SPY":
		return "intelligence (" + code + ")"
	}
	return "office (" + code + ")"
}

func finishPetrarch(e *Entry) {
	code := e.Code
	if code == "" && len(e.Roles) > 0 {
		code = e.Roles[len(e.Roles)-1].Code
	}
	switch {
	case len(e.Roles) > 0:
		e.Type = sitrep.ActorPerson
	case strings.HasPrefix(code, "IGO") || strings.HasPrefix(code, "NGO"):
		e.Type = sitrep.ActorIGO
	case len(code) == 3:
		e.Type = sitrep.ActorCountry
	case len(code) >= 6 && (code[3:6] == "REB" || code[3:6] == "INS" || code[3:6] == "SEP"):
		e.Type = sitrep.ActorGroup
	case len(code) >= 6 && (code[3:6] == "GOV" || code[3:6] == "MIL"):
		e.Type = sitrep.ActorGov
	case strings.HasSuffix(code, "MED"):
		e.Type = sitrep.ActorMedia
	default:
		e.Type = sitrep.ActorOrg
	}
	if len(code) >= 3 && e.Type != sitrep.ActorIGO {
		e.Country = code[:3]
	}
	if e.Code == "" {
		e.Code = code
	}
	e.ID = "petrarch:" + slug(e.Name)
}
