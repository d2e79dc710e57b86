"""Sound-related widgets (the player itself lives in pacer.core.audio)."""
