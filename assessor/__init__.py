"""Aanpak Woonoverlast assessment engine: a generic, explainable three-valued rule engine.

Pure Python, standard library only, so the same code runs in the CLI, the tests and the
browser (Pyodide). All domain knowledge comes from the compiled model (see ``model``).
"""

__version__ = "0.1.0"
