"""``caseorganizer-cli``: the vault and its cases from a terminal, thin over the services."""
