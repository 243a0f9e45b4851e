package main

import (
	"bufio"
	"os"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"unsafe"
)

func TestMadviseMode(t *testing.T) {
	for _, tt := range []struct {
		setting string
		want    bool
	}{
		{"always [madvise] never\n", true},
		{"[always] madvise never\n", false},
		{"always madvise [never]\n", false},
		{"", false}, // no such file: not Linux's sysfs, or no huge pages at all
		{"madvise\n", false},
	} {
		if got := madviseMode([]byte(tt.setting)); got != tt.want {
			t.Errorf("madviseMode(%q) = %v, want %v", tt.setting, got, tt.want)
		}
	}
}

func TestAdviseHuge(t *testing.T) {
	for _, size := range []int{0, 1, hugePage / 4, hugePage + 1, 8 * hugePage} {
		t.Run(strconv.Itoa(size), func(t *testing.T) {
			b := make([]byte, size)
			if err := adviseHuge(b); err != nil {
				t.Fatal(err)
			}
			if size == 0 {
				return
			}
			// Every whole huge page inside b is advised; smaller slices have none.
			p := uintptr(unsafe.Pointer(&b[0]))
			for a := (p + hugePage - 1) &^ (hugePage - 1); a+hugePage <= p+uintptr(size); a += hugePage {
				if !advisedHuge(t, a) {
					t.Errorf("the huge page at %#x is not advised", a)
				}
			}
			runtime.KeepAlive(b)
		})
	}
}

// advisedHuge reports whether the mapping holding addr has the "hg" flag of
// MADV_HUGEPAGE in /proc/self/smaps.
func advisedHuge(t *testing.T, addr uintptr) bool {
	f, err := os.Open("/proc/self/smaps")
	if err != nil {
		t.Skipf("no smaps: %v", err)
	}
	defer f.Close()
	in := false
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if lo, hi, ok := mappingRange(line); ok {
			in = lo <= addr && addr < hi
			continue
		}
		if flags, ok := strings.CutPrefix(line, "VmFlags:"); ok && in {
			return strings.Contains(" "+flags+" ", " hg ")
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	t.Fatalf("no mapping holds %#x", addr)
	return false
}

// mappingRange parses the address range that starts a mapping's entry in smaps.
func mappingRange(line string) (lo, hi uintptr, ok bool) {
	r, _, _ := strings.Cut(line, " ")
	l, h, found := strings.Cut(r, "-")
	if !found {
		return 0, 0, false
	}
	a, err1 := strconv.ParseUint(l, 16, 64)
	b, err2 := strconv.ParseUint(h, 16, 64)
	if err1 != nil || err2 != nil {
		return 0, 0, false
	}
	return uintptr(a), uintptr(b), true
}
