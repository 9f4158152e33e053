"""Stage 4: stores behind one interface, SPARQL with saved queries, and the HTTP endpoint."""
