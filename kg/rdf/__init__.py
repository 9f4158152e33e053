"""Stage 3: merge per-article extractions by identity and assemble the RDF graph."""
