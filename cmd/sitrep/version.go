package main

import (
	"context"
	"fmt"
	"runtime"

	"github.com/sitrep/sitrep"
)

func (m *Main) runVersion(ctx context.Context, args []string) error {
	fs := m.flagSet("version", "", "Print the version of sitrep and of the Go toolchain that built it.")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	fmt.Fprintf(m.Stdout, "sitrep %s (%s, %s/%s)\n", sitrep.Version, runtime.Version(), runtime.GOOS, runtime.GOARCH)
	return nil
}
