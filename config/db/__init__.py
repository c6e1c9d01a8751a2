"""Database backends: Django's own, with what Factline's database rules need."""
