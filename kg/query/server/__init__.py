"""`kg serve`: the read-only SPARQL endpoint (http.py), its worker pool (runner.py) and page."""
