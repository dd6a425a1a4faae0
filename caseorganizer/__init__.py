"""Case Organizer: health cases kept offline in one encrypted file, opinions side by side."""

__version__ = "0.1.0"
APP_NAME = "Case Organizer"
