"""The attendance pages, one module per user: the place portal (``place``), the responsible
worker's pages of a period (``worker``), the reports (``reports``). Re-exported here."""
