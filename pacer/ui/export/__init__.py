"""The window's side of export and import: the printable PDF summary and the dialogs."""
