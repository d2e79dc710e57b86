"""The history: minutes per day, runs of days, a calendar of recent weeks, feelings, sessions."""

from pacer.ui.history.view import HistoryView

__all__ = ["HistoryView"]
