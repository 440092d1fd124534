"""Partnering meeting scheduler: pure Python, no Django (see STYLE.md section 6)."""
