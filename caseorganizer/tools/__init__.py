"""Developer tools, run by hand; not part of the app, nor of CI."""
