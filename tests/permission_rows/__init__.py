"""The permission table's rows for each part of the portal (see test_permission_table)."""
