"""The economy: money, the budget frame, financial tables and the ledger."""
