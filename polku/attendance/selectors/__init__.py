"""Reads of attendance, scoped to the viewer, with constant query counts. One module per page
family; the public names are re-exported here."""
