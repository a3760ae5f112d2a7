"""Exports of the assembled graph: Turtle, GraphML and the interactive HTML page."""
