"""The comparison of opinions: pure Python, no Qt, no database."""
