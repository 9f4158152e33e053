"""Stage 2: recognise places, organisations, projects, amounts and the relations between them."""
