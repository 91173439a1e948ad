"""The API's operations, one module per area."""
