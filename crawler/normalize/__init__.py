"""Normalization (pure): raw strings in, canonical field values out."""
