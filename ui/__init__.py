"""Review Desk's Qt user interface (PySide6). Thin: it shows the domain and sends intents to it."""
