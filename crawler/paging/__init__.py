"""Pagination strategies (pure): how a column's next list page is found."""
