"""The progressive-relaxation view."""
