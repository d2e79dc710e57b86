"""The history: minutes per day, runs of days, a calendar of recent weeks, feelings, sessions."""
