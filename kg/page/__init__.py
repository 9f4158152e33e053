"""The interactive graph page: view data from the RDF graph (view.py), a precomputed layout
(layout.py) and one self-contained HTML template (template.html), put together by render.py."""
