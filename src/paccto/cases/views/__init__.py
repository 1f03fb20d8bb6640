"""Pages of cases (``cases``) and joint investigation teams (``jits``)."""
