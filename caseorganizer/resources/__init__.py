"""Package data (icons), loaded through importlib.resources so it works from a wheel or a zip."""
