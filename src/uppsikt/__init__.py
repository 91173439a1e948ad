"""Uppsikt: planning and follow-up for Swedish municipalities."""

__version__ = "0.2.0"
