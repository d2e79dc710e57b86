"""Volume limits shared by preferences and synthesis, without importing numpy."""

VOLUME_RANGE_DB = (-40.0, 0.0)
DEFAULT_VOLUME_DB = -12.0  # quiet by default
