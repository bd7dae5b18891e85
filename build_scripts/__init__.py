"""Build of Aanpak Woonoverlast: validates and compiles content/, renders generated pages,
packages the engine as a wheel and places the Pyodide runtime (see hooks.py)."""
