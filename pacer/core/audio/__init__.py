"""Optional sound: cue synthesis (numpy), scheduling on the session timeline, playback."""
