"""Indicator values as lines of text: `date;unit;measure;column;value`, one value a line."""
