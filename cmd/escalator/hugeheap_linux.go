package main

import (
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
// pages stay mapped, advised, and are reused by the heap.
func hugeHeap(n int) {
	adviseHuge(make([]byte, n))
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
