"""Round-trip measurement of the transcript readers: generated interviews with known turns,
rendered to real .docx/.txt/.md/.vtt/.srt files, read back and scored (see :mod:`.generate`)."""
