"""The render layer: directives and tree processors that turn the data into page HTML, and the prose
measures the review box shows (reading age). Imports medref.data, never medref.checks."""
