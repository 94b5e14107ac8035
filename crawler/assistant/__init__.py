"""The profile assistant (`python -m crawler suggest`): drafts a profile from sample pages."""
