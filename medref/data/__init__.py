"""The data layer: data/*.yml and page front matter read into frozen dataclasses, every problem in a
file reported at once with the file and the fix. Imports nothing from medref.render or medref.checks."""
