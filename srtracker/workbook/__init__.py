"""Excel adapters for progress reports: package checks, a fast reader, the template and annotation.

The rules themselves live in srtracker.domain; this package only turns bytes
into cell values and back.
"""
