// Package chart draws the small bar charts of the "How we are doing" page as SVG at
// build time: no script, colours from the site's CSS classes (so they follow dark
// mode and print in black and white), and the same numbers as text for the data
// table that goes beside each chart.
package chart
