"""The pages of a case: one widget each, fed through the vault session."""
