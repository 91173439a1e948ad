"""Django apps: each holds one area's models, queries, services, views and its domain mapping."""
