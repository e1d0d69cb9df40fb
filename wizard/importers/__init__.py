"""Docs pages -> draft guides: readers (one per format) -> outline -> recognise -> write. No Django."""
