"""The before/after check-in asked around a practice."""
