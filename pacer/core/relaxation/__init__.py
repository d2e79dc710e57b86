"""Progressive relaxation: the sequence file, a plan, and the pure session timeline."""

from pacer.core.relaxation.plan import PlanError, RelaxationPlan
from pacer.core.relaxation.sequence import (
    MuscleGroup,
    RelaxationScript,
    SequenceError,
    load_default_script,
    load_script,
)
from pacer.core.relaxation.timeline import RelaxationSnapshot, RelaxationTimeline, Stage, Step

__all__ = [
    "MuscleGroup",
    "PlanError",
    "RelaxationPlan",
    "RelaxationScript",
    "RelaxationSnapshot",
    "RelaxationTimeline",
    "SequenceError",
    "Stage",
    "Step",
    "load_default_script",
    "load_script",
]
