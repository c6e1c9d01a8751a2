from answers.admin import annotations, content

__all__ = ["annotations", "content"]
