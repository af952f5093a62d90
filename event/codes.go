package event

import (
	"bufio"
	_ "embed"
	"strconv"
	"strings"
)

//go:embed data/cameo.tsv
var cameoTSV string

//go:embed data/plover.tsv
var ploverTSV string

// Code describes one CAMEO event code and its PLOVER equivalent.
type Code struct {
	// CAMEO is the code as written in the codebook ("0311", "190").
	CAMEO string
	// Name is the codebook's short name of the code.
	Name string
	// Goldstein is the code's Goldstein conflict–cooperation weight (−10 … +10).
	Goldstein float64
	// QuadClass is 1 verbal cooperation, 2 material cooperation, 3 verbal conflict or 4 material
	// conflict, derived from the root code.
	QuadClass int
	// PLOVER is the PLOVER event type, PLOVERMode its mode and Context its contexts.
	PLOVER     string
	PLOVERMode string
	Context    []string
}

// Root returns the two-digit root of the code.
func (c Code) Root() string {
	if len(c.CAMEO) < 2 {
		return c.CAMEO
	}
	return c.CAMEO[:2]
}

// Codebook maps CAMEO codes to their Goldstein value, QuadClass and PLOVER mapping.
type Codebook struct {
	codes map[string]Code
}

// NewCodebook returns the codebook built from the embedded CAMEO table and CAMEO→PLOVER mapping.
func NewCodebook() *Codebook {
	cb := &Codebook{codes: make(map[string]Code, 320)}
	sc := bufio.NewScanner(strings.NewReader(cameoTSV))
	for sc.Scan() {
		line := sc.Text()
		if line == "" || line[0] == '#' {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) < 3 {
			continue
		}
		g, _ := strconv.ParseFloat(f[1], 64)
		cb.codes[f[0]] = Code{CAMEO: f[0], Name: f[2], Goldstein: g, QuadClass: QuadClass(f[0])}
	}
	sc = bufio.NewScanner(strings.NewReader(ploverTSV))
	for sc.Scan() {
		line := sc.Text()
		if line == "" || line[0] == '#' {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) < 4 {
			continue
		}
		c, ok := cb.codes[f[0]]
		if !ok {
			c = Code{CAMEO: f[0], QuadClass: QuadClass(f[0])}
		}
		c.PLOVER, c.PLOVERMode = f[1], strings.TrimSpace(f[2])
		if f[3] != "" {
			c.Context = strings.Split(f[3], ";")
		}
		cb.codes[f[0]] = c
	}
	// PLOVER folds CAMEO's appeals (02) into REQUEST; the 2021 table has no row for them.
	for k, c := range cb.codes {
		if strings.HasPrefix(k, "02") && c.PLOVER == "" {
			c.PLOVER = "REQUEST"
			cb.codes[k] = c
		}
	}
	// Codes without their own PLOVER row inherit it from the closest ancestor.
	for k, c := range cb.codes {
		if c.PLOVER != "" {
			continue
		}
		for p := k[:len(k)-1]; len(p) >= 2; p = p[:len(p)-1] {
			if pc, ok := cb.codes[p]; ok && pc.PLOVER != "" {
				c.PLOVER, c.PLOVERMode, c.Context = pc.PLOVER, pc.PLOVERMode, pc.Context
				break
			}
		}
		cb.codes[k] = c
	}
	return cb
}

// Lookup returns the description of a CAMEO code. Unknown codes that extend a known one
// ("0874" under "087") take their values from the closest known ancestor; ok is false when not
// even the root is known.
func (cb *Codebook) Lookup(code string) (Code, bool) {
	if c, ok := cb.codes[code]; ok {
		return c, true
	}
	for p := code; len(p) >= 2; p = p[:len(p)-1] {
		if c, ok := cb.codes[p]; ok {
			c.CAMEO = code
			return c, true
		}
	}
	return Code{CAMEO: code}, false
}

// QuadClass returns the CAMEO quad class of a code from its root: 01–05 verbal cooperation (1),
// 06–08 material cooperation (2), 09–13 verbal conflict (3), 14–20 material conflict (4). It
// returns 0 for codes that are not CAMEO codes.
func QuadClass(code string) int {
	if len(code) < 2 {
		return 0
	}
	r, err := strconv.Atoi(code[:2])
	if err != nil {
		return 0
	}
	switch {
	case r >= 1 && r <= 5:
		return 1
	case r >= 6 && r <= 8:
		return 2
	case r >= 9 && r <= 13:
		return 3
	case r >= 14 && r <= 20:
		return 4
	}
	return 0
}
