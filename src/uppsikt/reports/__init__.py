"""Reports: turning a committee's period into a document and rendering it (see README.md)."""
