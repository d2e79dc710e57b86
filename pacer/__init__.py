"""Pacer: a calm belly-breathing and progressive-relaxation pacer with a private log."""

__version__ = "0.1.0"
