"""The private practice log: session records, the SQLite store, and crash-safe recording."""
