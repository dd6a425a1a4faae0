"""Robustness evidence: killed processes, full disks, bad inputs, leaks and file modes."""
