package main

import (
	"bytes"
	"os"
	"syscall"
	"unsafe"
)

// hugePage is the size of a transparent huge page on the platforms Go supports.
const hugePage = 2 << 20

// hugeHeap maps n bytes of heap at once, before the build allocates, and advises the
// kernel to back them with huge pages. Where transparent huge pages are left to
// madvise, as on many distributions, the Go runtime never asks for them, and a large
// build then takes over 100,000 page faults to grow its heap: a tenth of its CPU time
// on a virtual machine, where a fault costs more. The object is garbage at once; its
// pages stay mapped, advised, and are reused by the heap. In the other modes the
// kernel already decides alone ("always") or is told not to ("never"), so nothing is
// mapped ahead.
func hugeHeap(n int) {
	setting, _ := os.ReadFile("/sys/kernel/mm/transparent_hugepage/enabled")
	if madviseMode(setting) {
		adviseHuge(make([]byte, n))
	}
}

// madviseMode reports whether the kernel's transparent huge page setting, as read from
// /sys/kernel/mm/transparent_hugepage/enabled ("always [madvise] never"), leaves huge
// pages to madvise.
func madviseMode(setting []byte) bool {
	return bytes.Contains(setting, []byte("[madvise]"))
}

// adviseHuge advises huge pages for the whole huge pages inside b.
func adviseHuge(b []byte) error {
	if len(b) == 0 {
		return nil
	}
	p := uintptr(unsafe.Pointer(&b[0]))
	beg := (p + hugePage - 1) &^ (hugePage - 1)
	end := (p + uintptr(len(b))) &^ (hugePage - 1)
	if beg >= end {
		return nil
	}
	return syscall.Madvise(b[beg-p:end-p], syscall.MADV_HUGEPAGE)
}
