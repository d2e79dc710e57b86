"""Session ids: random version-4 UUIDs, made without loading the slow uuid module."""

from __future__ import annotations

import uuid

from pacer.core.practice_log.records import new_session_id


def test_session_ids_are_distinct_version_4_uuids_in_canonical_form():
    ids = {new_session_id() for _ in range(2000)}
    assert len(ids) == 2000
    for text in ids:
        parsed = uuid.UUID(text)
        assert str(parsed) == text
        assert parsed.version == 4
        assert parsed.variant == uuid.RFC_4122
