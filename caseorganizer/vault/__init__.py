"""The encrypted vault file: keys, keychain, recovery code, lock, backups and integrity."""
