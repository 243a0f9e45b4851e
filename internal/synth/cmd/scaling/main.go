//go:build unix

// Command scaling measures how the cost of `escalator build` grows with the playbook:
// it writes synthetic playbooks of each size, builds each with the escalator command
// of this module, and prints a Markdown table of CPU time, peak memory and output,
// each with its growth factor from the size before.
//
//	go run ./internal/synth/cmd/scaling -sizes 1000,10000,30000,60000
//
// Each size is built -runs times (default 3) and the median CPU time is reported
// (peak memory is the largest seen), with the sizes taken in turn so that a machine
// whose speed drifts treats them alike. TMPDIR on a memory file system (/dev/shm)
// keeps the disk out of it.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/escalator-dev/escalator/internal/synth"
)

type size struct {
	runbooks int
	dir      string
	cpu      []time.Duration
	peak     int64 // bytes
	out      int64 // bytes written
	files    int
}

func main() {
	sizes := flag.String("sizes", "1000,10000,30000,60000", "runbook counts, comma-separated")
	runs := flag.Int("runs", 3, "builds of each size")
	flag.Parse()
	if err := run(*sizes, *runs); err != nil {
		fmt.Fprintln(os.Stderr, "scaling:", err)
		os.Exit(1)
	}
}

func run(list string, runs int) error {
	var sizes []*size
	for _, f := range strings.Split(list, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n <= 0 {
			return fmt.Errorf("bad size %q", f)
		}
		sizes = append(sizes, &size{runbooks: n})
	}
	tmp, err := os.MkdirTemp("", "escalator-scaling-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)

	bin := filepath.Join(tmp, "escalator")
	build := exec.Command("go", "build", "-o", bin, "./cmd/escalator")
	build.Stdout, build.Stderr = os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		return fmt.Errorf("go build: %w", err)
	}
	for _, s := range sizes {
		c := synth.Large()
		c.Runbooks, c.Teams = s.runbooks, max(10, s.runbooks/20) // as synth -runbooks does
		s.dir = filepath.Join(tmp, fmt.Sprint("playbook-", s.runbooks))
		fmt.Fprintf(os.Stderr, "writing %d runbooks\n", s.runbooks)
		if err := synth.Write(s.dir, c); err != nil {
			return err
		}
	}
	for r := range runs {
		for _, s := range sizes {
			out := filepath.Join(tmp, "public")
			cmd := exec.Command(bin, "build", "-quiet", "-force", "-o", out, s.dir)
			var problems bytes.Buffer // the synthetic playbooks' audit warnings, shown on failure
			cmd.Stderr = &problems
			if err := cmd.Run(); err != nil {
				os.Stderr.Write(problems.Bytes())
				return fmt.Errorf("build of %d runbooks: %w", s.runbooks, err)
			}
			u := cmd.ProcessState.SysUsage().(*syscall.Rusage)
			s.cpu = append(s.cpu, time.Duration(u.Utime.Nano()+u.Stime.Nano()))
			s.peak = max(s.peak, maxRSS(u))
			if r == 0 {
				s.out, s.files, err = du(out)
				if err != nil {
					return err
				}
			}
			if err := os.RemoveAll(out); err != nil {
				return err
			}
			fmt.Fprintf(os.Stderr, "run %d: %d runbooks: %.2f s CPU\n", r+1, s.runbooks, s.cpu[len(s.cpu)-1].Seconds())
		}
	}
	fmt.Printf("%d cores (GOMAXPROCS %d), %s, median of %d builds\n\n", runtime.NumCPU(), runtime.GOMAXPROCS(0), runtime.Version(), runs)
	fmt.Println("| runbooks | CPU | growth | peak memory | growth | output | growth | files |")
	fmt.Println("|---:|---:|---:|---:|---:|---:|---:|---:|")
	for i, s := range sizes {
		cpu := median(s.cpu)
		g := func(cur, prev float64) string {
			if i == 0 {
				return ""
			}
			return fmt.Sprintf("%.2fx", cur/prev)
		}
		var pcpu, ppeak, pout float64
		if i > 0 {
			p := sizes[i-1]
			pcpu, ppeak, pout = median(p.cpu).Seconds(), float64(p.peak), float64(p.out)
		}
		fmt.Printf("| %d | %.2f s | %s | %d MiB | %s | %d MiB | %s | %d |\n", s.runbooks,
			cpu.Seconds(), g(cpu.Seconds(), pcpu),
			s.peak>>20, g(float64(s.peak), ppeak),
			s.out>>20, g(float64(s.out), pout), s.files)
	}
	return nil
}

func median(d []time.Duration) time.Duration {
	s := slices.Clone(d)
	slices.Sort(s)
	return s[len(s)/2]
}

// du is the bytes and the number of the files under dir.
func du(dir string) (n int64, files int, err error) {
	err = filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		n += info.Size()
		files++
		return nil
	})
	return n, files, err
}

// maxRSS is a process's peak resident memory in bytes: Linux counts ru_maxrss in
// KiB, macOS in bytes.
func maxRSS(u *syscall.Rusage) int64 {
	if runtime.GOOS == "darwin" {
		return int64(u.Maxrss)
	}
	return int64(u.Maxrss) << 10
}
