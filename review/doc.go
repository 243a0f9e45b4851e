// Package review says which documents of a playbook are due for review, by owner: the
// governance view behind `escalator review` and the site's "Review status" page.
package review
