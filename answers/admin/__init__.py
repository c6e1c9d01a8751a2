from answers.admin import annotations, content, users

__all__ = ["annotations", "content", "users"]
