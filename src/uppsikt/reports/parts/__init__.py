"""Auto-filled parts of the report, one module per area."""
