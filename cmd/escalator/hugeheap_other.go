//go:build !linux

package main

// hugeHeap does nothing here: huge pages are advised on Linux only.
func hugeHeap(int) {}
