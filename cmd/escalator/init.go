package main

import (
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/escalator-dev/escalator"
	"github.com/escalator-dev/escalator/diag"
	"github.com/escalator-dev/escalator/schema"
)

func init() {
	commands = append(commands, &command{
		name:    "init",
		args:    "DIR",
		summary: "write a new playbook from the sample",
		help: `
Init writes a complete sample playbook into DIR (created if needed), with the JSON
Schemas in DIR/.schema for editor autocomplete. It never overwrites a file: if any file
it would write exists, it writes nothing.`,
		flags: func(fs *flag.FlagSet) func(*env, []string) int {
			return func(e *env, args []string) int {
				if len(args) != 1 {
					e.errorf("init: name the folder to create, such as `escalator init playbook`")
					return exitUsage
				}
				n, err := writePlaybook(args[0])
				if err != nil {
					e.errorf("init: %v", err)
					return exitInvalid
				}
				fmt.Fprintf(e.stdout, "wrote %d files to %s\nnext: edit them, then run `escalator check %s`\n", n, diag.Printable(args[0]), diag.Printable(args[0]))
				return exitOK
			}
		},
	})
}

// writePlaybook copies the sample playbook and the schemas into dir, after making sure
// none of the files exist.
func writePlaybook(dir string) (int, error) {
	files := map[string][]byte{}
	err := fs.WalkDir(escalator.Sample(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(escalator.Sample(), p)
		if err != nil {
			return err
		}
		// The sample's modelines point at the repository's schema/; here they live in
		// .schema/ inside the playbook.
		s := strings.ReplaceAll(string(data), "$schema=../../schema/", "$schema=../.schema/")
		s = strings.ReplaceAll(s, "$schema=../schema/", "$schema=.schema/")
		files[p] = []byte(s)
		return nil
	})
	if err != nil {
		return 0, err
	}
	err = fs.WalkDir(schema.FS(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(schema.FS(), p)
		files[filepath.ToSlash(filepath.Join(".schema", p))] = data
		return err
	})
	if err != nil {
		return 0, err
	}
	var exists []string
	for p := range files {
		if _, err := os.Lstat(filepath.Join(dir, filepath.FromSlash(p))); err == nil {
			exists = append(exists, p)
		}
	}
	if len(exists) > 0 {
		return 0, fmt.Errorf("%s already has %d of the files init writes (such as %s); nothing was written", dir, len(exists), minString(exists))
	}
	for p, data := range files {
		target := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			return 0, err
		}
		// O_EXCL: a file that appeared since the check is still not overwritten.
		f, err := os.OpenFile(target, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if err != nil {
			return 0, err
		}
		_, werr := f.Write(data)
		if cerr := f.Close(); werr == nil {
			werr = cerr
		}
		if werr != nil {
			return 0, werr
		}
	}
	return len(files), nil
}

func minString(s []string) string {
	m := s[0]
	for _, x := range s[1:] {
		m = min(m, x)
	}
	return m
}
