"""Gentle reminders, only when asked for: schedule, state, practice check, login item (no Qt)."""
