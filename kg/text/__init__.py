"""Stage 1: read files, normalise the text, split it into articles and sentences, segment words."""
