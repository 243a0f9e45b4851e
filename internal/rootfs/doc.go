// Package rootfs reads a playbook folder without ever leaving it: a symbolic link that
// leads outside the folder, a link loop, a named pipe, a device or a socket is refused
// with an error that says so, instead of being followed or blocking the reader. Links
// that stay inside the folder are followed.
//
// Everything the tool reads of a playbook, its theme included, goes through an FS, so a
// committed link such as `theme/static/x.txt -> /proc/self/environ` cannot publish the
// build machine's secrets.
package rootfs
