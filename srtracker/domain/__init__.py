"""The domain core: plain Python over plain data, no Flask and no database.

Views, CLI commands and jobs turn stored rows into these dataclasses, call the
functions here, and store what they return.
"""
