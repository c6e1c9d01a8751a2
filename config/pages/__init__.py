"""Explanatory pages (about, methodology, verdict definitions, corrections policy), changed through review.

Imports nothing from the apps: answers shows the vocabulary on the verdict definitions page and asks for
its page here by slug.
"""
