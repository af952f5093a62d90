package clean

import "github.com/sitrep/sitrep"

// repair fixes typographic damage in a.Text for both input paths and records what it changed.
// (Placeholder.)
func (c *Cleaner) repair(a *sitrep.Article) {}
